/**
 * Seed 004, section 分块操作: every multipart code sample, one `it()` each,
 * titled with the seed's section and sample heading, against the in-process
 * emulator (which accepts parts from 1 KB here, so the samples stay small).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Base64, md5Hex } from '@yunstore/core';
import type { CosS3Client } from '../src/index.ts';
import { bucket, GRANT, source, startSeed004, type Seed004 } from './seed-helpers.ts';

let seed: Seed004;
let client: CosS3Client;

beforeAll(async () => {
  seed = await startSeed004();
  ({ client } = seed);
});
afterAll(async () => seed.stop());

const part1 = Buffer.alloc(1024 * 1024, 'b');
let uploadId = '';
const etags: string[] = [];

describe('seed 004 分块操作', () => {
  it('查询分块上传 / 请求示例', async () => {
    const { UploadId } = await client.create_multipart_upload({ Bucket: bucket, Key: 'dir/pending', StorageClass: 'STANDARD' });
    await client.create_multipart_upload({ Bucket: bucket, Key: 'other/pending' });
    const response = await client.list_multipart_uploads({ Bucket: bucket, Prefix: 'dir' });
    expect(response).toMatchObject({ Bucket: bucket, Prefix: 'dir', MaxUploads: '1000', IsTruncated: 'false' });
    expect(response.Upload).toEqual([
      {
        UploadId,
        Key: 'dir/pending',
        Initiated: expect.any(String),
        StorageClass: 'STANDARD',
        Owner: { DisplayName: expect.any(String), ID: expect.any(String) },
        Initiator: { DisplayName: expect.any(String), ID: expect.any(String) },
      },
    ]);
  });

  it('查询分块上传 / 全部参数请求示例', async () => {
    await client.create_multipart_upload({ Bucket: bucket, Key: 'dir/sub/a b' });
    const response = await client.list_multipart_uploads({
      Bucket: bucket,
      Prefix: 'dir/',
      Delimiter: '/',
      KeyMarker: '',
      UploadIdMarker: '',
      MaxUploads: 100,
      EncodingType: 'url',
    });
    expect(response).toMatchObject({ Bucket: bucket, Prefix: 'dir/', Delimiter: '/', MaxUploads: '100', IsTruncated: 'false', EncodingType: 'url' });
    expect(response.CommonPrefixes).toEqual([{ Prefix: 'dir/sub/' }]);
    expect(response.Upload!.map((u) => u.Key)).toEqual(['dir/pending']);
    // Paging with KeyMarker/UploadIdMarker from NextKeyMarker/NextUploadIdMarker.
    const first = await client.list_multipart_uploads({ Bucket: bucket, Prefix: 'dir/', MaxUploads: 1 });
    expect(first.IsTruncated).toBe('true');
    const rest = await client.list_multipart_uploads({
      Bucket: bucket,
      Prefix: 'dir/',
      KeyMarker: first.NextKeyMarker as string,
      UploadIdMarker: first.NextUploadIdMarker as string,
    });
    expect(rest.Upload!.map((u) => u.Key)).toEqual(['dir/sub/a b']);
  });

  it('初始化分块上传 / 请求示例', async () => {
    const response = await client.create_multipart_upload({ Bucket: bucket, Key: 'exampleobject', StorageClass: 'STANDARD' });
    expect(response).toEqual({ UploadId: expect.any(String), Bucket: bucket, Key: 'exampleobject' });
    uploadId = response.UploadId;
  });

  it('初始化分块上传 / 全部参数请求示例', async () => {
    const response = await client.create_multipart_upload({
      Bucket: bucket,
      Key: 'multipart.txt',
      StorageClass: 'STANDARD_IA',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      CacheControl: 'no-cache',
      ContentType: 'text/plain',
      ContentDisposition: 'inline',
      ContentEncoding: 'identity',
      ContentLanguage: 'zh-cn',
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
      ACL: 'public-read',
      GrantFullControl: GRANT,
      GrantRead: GRANT,
    });
    const uploadid = response['UploadId'];
    expect(response).toEqual({ UploadId: uploadid, Bucket: bucket, Key: 'multipart.txt' });
    const done = await client.upload_part({ Bucket: bucket, Key: 'multipart.txt', Body: 'only part', PartNumber: 1, UploadId: uploadid });
    await client.complete_multipart_upload({
      Bucket: bucket,
      Key: 'multipart.txt',
      UploadId: uploadid,
      MultipartUpload: { Part: [{ ETag: done['ETag'] as string, PartNumber: 1 }] },
    });
    expect(await client.head_object({ Bucket: bucket, Key: 'multipart.txt' })).toMatchObject({
      'x-cos-storage-class': 'STANDARD_IA',
      'Content-Language': 'zh-cn',
      'x-cos-meta-key1': 'value1',
    });
    expect((await client.get_object_acl({ Bucket: bucket, Key: 'multipart.txt' })).CannedACL).toBe('public-read');
  });

  it('上传分块 / 请求示例', async () => {
    const response = await client.upload_part({ Bucket: bucket, Key: 'exampleobject', Body: part1, PartNumber: 1, UploadId: uploadId });
    expect(response['ETag']).toBe(`"${md5Hex(part1)}"`);
    etags[0] = response['ETag'] as string;
  });

  it('上传分块 / 全部参数请求示例', async () => {
    const body = Buffer.alloc(2048, 'c');
    const response = await client.upload_part({
      Bucket: bucket,
      Key: 'exampleobject',
      Body: body,
      PartNumber: 2,
      UploadId: uploadId,
      EnableMD5: true,
      ContentLength: String(body.length),
      ContentMD5: md5Base64(body),
      TrafficLimit: '1048576',
    });
    expect(response['ETag']).toBe(`"${md5Hex(body)}"`);
    etags[1] = response['ETag'] as string;
  });

  it('复制分块 / 请求示例', async () => {
    const response = await client.upload_part_copy({
      Bucket: bucket,
      Key: 'exampleobject',
      PartNumber: 3,
      UploadId: uploadId,
      CopySource: { Bucket: source, Key: 'exampleobject', Region: 'ap-guangzhou' },
    });
    expect(response).toMatchObject({ ETag: `"${md5Hex('source bytes')}"`, LastModified: expect.any(String) });
    etags[2] = response['ETag'] as string;
  });

  it('复制分块 / 全部参数请求示例', async () => {
    const head = await client.head_object({ Bucket: source, Key: 'exampleobject' });
    const response = await client.upload_part_copy({
      Bucket: bucket,
      Key: 'exampleobject',
      PartNumber: 100,
      UploadId: uploadId,
      CopySource: { Bucket: source, Key: 'exampleobject', Region: 'ap-guangzhou' },
      CopySourceRange: 'bytes=0-5',
      CopySourceIfMatch: head['ETag'] as string,
      CopySourceIfModifiedSince: 'Wed, 28 Oct 2014 20:30:00 GMT',
      CopySourceIfNoneMatch: '"9a4802d5c99dafe1c04da0a8e7e166bf"',
      CopySourceIfUnmodifiedSince: 'Wed, 28 Oct 2099 20:30:00 GMT',
    });
    expect(response).toMatchObject({ ETag: `"${md5Hex('source')}"`, LastModified: expect.any(String) });
    etags[99] = response['ETag'] as string;
  });

  it('查询已上传块 / 请求示例', async () => {
    const response = await client.list_parts({ Bucket: bucket, Key: 'exampleobject', UploadId: uploadId });
    expect(response.Part!.map((p) => p.PartNumber)).toEqual(['1', '2', '3', '100']);
    expect(response.Part![0]).toEqual({ LastModified: expect.any(String), PartNumber: '1', ETag: etags[0], Size: String(part1.length) });
  });

  it('查询已上传块 / 全部参数请求示例', async () => {
    const response = await client.list_parts({
      Bucket: bucket,
      Key: 'exampleobject',
      UploadId: uploadId,
      MaxParts: 2,
      PartNumberMarker: 1,
      EncodingType: 'url',
    });
    expect(response).toMatchObject({
      Bucket: bucket,
      Key: 'exampleobject',
      UploadId: uploadId,
      EncodingType: 'url',
      MaxParts: '2',
      IsTruncated: 'true',
      PartNumberMarker: '1',
      NextPartNumberMarker: '3',
      StorageClass: expect.any(String),
      Initiator: { DisplayName: expect.any(String), ID: expect.any(String) },
      Owner: { DisplayName: expect.any(String), ID: expect.any(String) },
    });
    expect(response.Part!.map((p) => p.PartNumber)).toEqual(['2', '3']);
  });

  it('完成分块上传 / 请求示例', async () => {
    // Every part but the last must be at least the minimum size, so the 12-byte part 3 stays out;
    // Complete names the parts that make the object.
    const response = await client.complete_multipart_upload({
      Bucket: bucket,
      Key: 'exampleobject',
      UploadId: uploadId,
      MultipartUpload: {
        Part: [
          { ETag: etags[0] as string, PartNumber: 1 },
          { ETag: etags[1] as string, PartNumber: 2 },
          { ETag: etags[99] as string, PartNumber: 100 },
        ],
      },
    });
    expect(response).toMatchObject({
      ETag: expect.stringMatching(/^"[0-9a-f]{32}-3"$/),
      Bucket: bucket,
      Location: expect.stringContaining('exampleobject'),
      Key: 'exampleobject',
    });
    const got = await client.get_object({ Bucket: bucket, Key: 'exampleobject' });
    expect((await got.Body.read()).toString()).toBe(`${part1.toString()}${'c'.repeat(2048)}source`);
  });

  it('终止分块上传 / 请求示例', async () => {
    const { UploadId } = await client.create_multipart_upload({ Bucket: bucket, Key: 'exampleobject' });
    const response = await client.abort_multipart_upload({ Bucket: bucket, Key: 'exampleobject', UploadId });
    expect(response).toBeUndefined();
    const left = await client.list_multipart_uploads({ Bucket: bucket, Prefix: 'exampleobject' });
    expect((left.Upload ?? []).map((u) => u.UploadId)).not.toContain(UploadId);
  });
});
