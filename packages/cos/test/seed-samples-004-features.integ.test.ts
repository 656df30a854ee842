/**
 * Seed 004, section 简单操作 continued: download, copy, delete, batch delete,
 * restore, SELECT and append. One `it()` per code sample, titled with the
 * seed's section and sample heading, against the in-process emulator.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Hex } from '@yunstore/core';
import { CosClientError, CosServiceError, type CosS3Client, type SelectEvent } from '../src/index.ts';
import { caught } from './helpers.ts';
import { bucket, GRANT, source, startSeed004, type Seed004 } from './seed-helpers.ts';

let seed: Seed004;
let client: CosS3Client;
let local: (name: string) => string;
const V = 'versions-1250000000';
const body = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));

beforeAll(async () => {
  seed = await startSeed004();
  ({ client, local } = seed);
  await client.put_object({ Bucket: bucket, Key: 'exampleobject', Body: body });
  await client.create_bucket({ Bucket: V });
  await client.put_bucket_versioning({ Bucket: V, Status: 'Enabled' });
});
afterAll(async () => seed.stop());

describe('seed 004 简单操作 / 下载对象', () => {
  it('请求示例1：下载对象', async () => {
    const response = await client.get_object({ Bucket: bucket, Key: 'exampleobject' });
    await response.Body.get_stream_to_file(local('exampleobject'));
    expect(await readFile(local('exampleobject'))).toEqual(body);
  });

  it('请求示例2：下载时限速', async () => {
    const response = await client.get_object({ Bucket: bucket, Key: 'exampleobject', TrafficLimit: '819200' });
    await response.Body.get_stream_to_file(local('exampleobject'));
    expect(await readFile(local('exampleobject'))).toEqual(body);
  });

  it('请求示例3：下载对象部分内容', async () => {
    const response = await client.get_object({ Bucket: bucket, Key: 'exampleobject', Range: 'bytes=0-100' });
    expect(response['Content-Range']).toBe('bytes 0-100/300');
    expect(response['Content-Length']).toBe('101');
    await response.Body.get_stream_to_file(local('exampleobject'));
    expect(await readFile(local('exampleobject'))).toEqual(body.subarray(0, 101));
  });

  it('全部参数请求示例', async () => {
    const put = await client.put_object({
      Bucket: V,
      Key: 'exampleobject',
      Body: body,
      CacheControl: 'max-age=1000000',
      ContentEncoding: 'identity',
      Metadata: { 'x-cos-meta-test': 'test' },
    });
    const etag = put['ETag'] as string;
    const response = await client.get_object({
      Bucket: V,
      Key: 'exampleobject',
      Range: 'bytes=0-16',
      IfMatch: etag,
      IfModifiedSince: 'Wed, 28 Oct 2014 20:30:00 GMT',
      IfNoneMatch: '"9a4802d5c99dafe1c04da0a8e7e166bf"', // the sample repeats IfMatch's value, which could never pass both
      IfUnmodifiedSince: 'Wed, 28 Oct 2099 20:30:00 GMT',
      ResponseCacheControl: 'no-cache',
      ResponseContentDisposition: 'attachment; filename="filename.jpg"',
      ResponseContentEncoding: 'gzip',
      ResponseContentLanguage: 'zh-cn',
      ResponseContentType: 'application/octet-stream',
      ResponseExpires: 'Wed, 28 Oct 2019 20:30:00 GMT',
      VersionId: put['x-cos-version-id'] as string,
      TrafficLimit: '819200',
    });
    expect(response).toMatchObject({
      ETag: etag,
      'Last-Modified': expect.stringMatching(/GMT$/),
      'Accept-Ranges': 'bytes',
      'Content-Range': 'bytes 0-16/300',
      'Cache-Control': 'no-cache',
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': 'attachment; filename="filename.jpg"',
      'Content-Encoding': 'gzip',
      'Content-Language': 'zh-cn',
      'Content-Length': '17',
      Expires: 'Wed, 28 Oct 2019 20:30:00 GMT',
      'x-cos-meta-test': 'test',
      'x-cos-version-id': put['x-cos-version-id'],
      'x-cos-request-id': expect.any(String),
    });
    expect(await response.Body.read()).toEqual(body.subarray(0, 17));
  });
});

describe('seed 004 简单操作 / 设置对象复制', () => {
  it('请求示例1：拷贝对象', async () => {
    const response = await client.copy_object({
      Bucket: bucket,
      Key: 'exampleobject',
      CopySource: { Bucket: source, Key: 'exampleobject', Region: 'ap-guangzhou' },
    });
    expect(response).toMatchObject({ ETag: `"${md5Hex('source bytes')}"`, LastModified: expect.any(String) });
    // The target copies the source's metadata.
    expect(await client.head_object({ Bucket: bucket, Key: 'exampleobject' })).toMatchObject({ 'Content-Type': 'text/plain', 'x-cos-meta-from': 'source' });
  });

  it('请求示例2：修改对象元数据', async () => {
    // Source and target are the same object (as the text says); Replaced takes the new headers.
    const response = await client.copy_object({
      Bucket: bucket,
      Key: 'exampleobject',
      CopySource: { Bucket: bucket, Key: 'exampleobject', Region: 'ap-guangzhou' },
      CopyStatus: 'Replaced',
      ContentType: 'text/plain',
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
    });
    expect(response['ETag']).toBe(`"${md5Hex('source bytes')}"`);
    const head = await client.head_object({ Bucket: bucket, Key: 'exampleobject' });
    expect(head).toMatchObject({ 'Content-Type': 'text/plain', 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' });
    expect(head).not.toHaveProperty('x-cos-meta-from');
  });

  it('请求示例3：修改对象存储类型', async () => {
    const response = await client.copy_object({
      Bucket: bucket,
      Key: 'exampleobject',
      CopySource: { Bucket: bucket, Key: 'exampleobject', Region: 'ap-guangzhou' },
      CopyStatus: 'Replaced',
      StorageClass: 'STANDARD_IA',
    });
    expect(response['LastModified']).toEqual(expect.any(String));
    expect((await client.head_object({ Bucket: bucket, Key: 'exampleobject' }))['x-cos-storage-class']).toBe('STANDARD_IA');
  });

  it('全部参数请求示例', async () => {
    const src = await client.put_object({ Bucket: V, Key: 'copy-source', Body: 'versioned source' });
    const response = await client.copy_object({
      Bucket: V,
      Key: 'exampleobject',
      CopySource: { Bucket: V, Key: 'copy-source', Region: 'ap-guangzhou', VersionId: src['x-cos-version-id'] as string },
      CopyStatus: 'Replaced',
      ACL: 'private',
      GrantFullControl: GRANT,
      GrantRead: GRANT,
      StorageClass: 'STANDARD',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      CacheControl: 'no-cache',
      ContentType: 'text/plain',
      ContentDisposition: 'inline',
      ContentEncoding: 'identity',
      ContentLanguage: 'zh-cn',
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
    });
    expect(response).toMatchObject({
      ETag: `"${md5Hex('versioned source')}"`,
      LastModified: expect.any(String),
      'x-cos-copy-source-version-id': src['x-cos-version-id'],
    });
    // The target's version: the seed's 'VersionId' (COS also sends it as x-cos-version-id).
    expect(response['VersionId']).toEqual(expect.any(String));
    expect(await client.head_object({ Bucket: V, Key: 'exampleobject' })).toMatchObject({ 'Content-Language': 'zh-cn', 'x-cos-meta-key2': 'value2' });
  });
});

describe('seed 004 简单操作 / 删除单个对象', () => {
  it('请求示例1：删除单个对象', async () => {
    const response = await client.delete_object({ Bucket: bucket, Key: 'exampleobject' });
    expect(response['x-cos-request-id']).toEqual(expect.any(String));
    expect(await client.object_exists({ Bucket: bucket, Key: 'exampleobject' })).toBe(false);
  });

  it('请求示例2：删除目录', async () => {
    await client.put_object({ Bucket: bucket, Key: 'path/to/delete/dir/', Body: '' });
    const to_delete_dir = 'path/to/delete/dir/';
    let status: number | undefined;
    try {
      const response = await client.delete_object({ Bucket: bucket, Key: to_delete_dir });
      expect(response['x-cos-request-id']).toEqual(expect.any(String));
    } catch (e) {
      if (e instanceof CosServiceError) status = e.get_status_code();
      else throw e;
    }
    expect(status).toBeUndefined();
    expect(await client.object_exists({ Bucket: bucket, Key: to_delete_dir })).toBe(false);
  });

  it('请求示例3：前缀批量删除', async () => {
    for (let i = 0; i < 5; i++) await client.put_object({ Bucket: bucket, Key: `root/logs/${i}.log`, Body: 'log' });
    await client.put_object({ Bucket: bucket, Key: 'root/keep.txt', Body: 'keep' });
    const deleted: string[] = [];
    let is_over = false;
    let marker = '';
    const prefix = 'root/logs';
    while (!is_over) {
      try {
        const response = await client.list_objects({ Bucket: bucket, Prefix: prefix, Marker: marker, MaxKeys: 2 });
        if (response.Contents) {
          for (const content of response.Contents) {
            deleted.push(content.Key);
            await client.delete_object({ Bucket: bucket, Key: content.Key });
          }
        }
        // The sample sets marker inside this branch (its indentation slip); deleting as it goes still ends the loop.
        if (response.IsTruncated === 'false') {
          is_over = true;
          marker = response.Marker ?? '';
        }
      } catch (e) {
        if (!(e instanceof CosServiceError)) throw e;
        for (const m of [
          e.get_origin_msg(),
          e.get_digest_msg(),
          e.get_status_code(),
          e.get_error_code(),
          e.get_error_msg(),
          e.get_resource_location(),
          e.get_trace_id(),
          e.get_request_id(),
        ])
          expect(m).toBeDefined();
        break;
      }
    }
    expect(deleted.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `root/logs/${i}.log`));
    expect((await client.list_objects({ Bucket: bucket, Prefix: 'root/' })).Contents!.map((c) => c.Key)).toEqual(['root/keep.txt']);
  });

  it('全部参数请求示例', async () => {
    const put = await client.put_object({ Bucket: V, Key: 'exampleobject', Body: 'to delete' });
    const response = await client.delete_object({ Bucket: V, Key: 'exampleobject', VersionId: put['x-cos-version-id'] as string });
    expect(response['x-cos-version-id']).toBe(put['x-cos-version-id']);
    if (response['x-cos-delete-marker'] !== undefined) expect(['true', 'false']).toContain(response['x-cos-delete-marker']);
    const versions = await client.list_objects_versions({ Bucket: V, Prefix: 'exampleobject' });
    expect((versions.Version ?? []).map((v) => v.VersionId)).not.toContain(put['x-cos-version-id']);
  });
});

describe('seed 004 简单操作 / 删除多个对象', () => {
  it('请求示例', async () => {
    for (const key of ['exampleobject1', 'exampleobject2']) await client.put_object({ Bucket: bucket, Key: key, Body: key });
    const response = await client.delete_objects({ Bucket: bucket, Delete: { Object: [{ Key: 'exampleobject1' }, { Key: 'exampleobject2' }] } });
    expect(response.Deleted).toEqual([{ Key: 'exampleobject1' }, { Key: 'exampleobject2' }]);
    expect(response.Error ?? []).toEqual([]);
    expect(await client.object_exists({ Bucket: bucket, Key: 'exampleobject1' })).toBe(false);
  });

  it('全部参数请求示例', async () => {
    const v1 = await client.put_object({ Bucket: V, Key: 'exampleobject1', Body: '1' });
    const v2 = await client.put_object({ Bucket: V, Key: 'exampleobject2', Body: '2' });
    const loud = await client.delete_objects({
      Bucket: V,
      Delete: {
        Object: [
          { Key: 'exampleobject1', VersionId: v1['x-cos-version-id'] as string },
          { Key: 'exampleobject2', VersionId: v2['x-cos-version-id'] as string },
        ],
        Quiet: 'false',
      },
    });
    expect(loud.Deleted).toEqual([
      expect.objectContaining({ Key: 'exampleobject1', VersionId: v1['x-cos-version-id'] }),
      expect.objectContaining({ Key: 'exampleobject2', VersionId: v2['x-cos-version-id'] }),
    ]);
    for (const d of loud.Deleted!) if (d['DeleteMarker'] !== undefined) expect(['true', 'false']).toContain(d['DeleteMarker']);
    await client.put_object({ Bucket: V, Key: 'exampleobject3', Body: '3' });
    const quiet = await client.delete_objects({ Bucket: V, Delete: { Object: [{ Key: 'exampleobject3' }], Quiet: 'true' } });
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(quiet.Error ?? []).toEqual([]);
  });
});

describe('seed 004 简单操作 / 恢复归档对象', () => {
  it('请求示例', async () => {
    await client.put_object({ Bucket: bucket, Key: 'archived', Body: 'cold', StorageClass: 'ARCHIVE' });
    const response = await client.restore_object({ Bucket: bucket, Key: 'archived', RestoreRequest: { Days: 100, CASJobParameters: { Tier: 'Standard' } } });
    expect(response).toBeUndefined();
    expect((await client.head_object({ Bucket: bucket, Key: 'archived' }))['x-cos-restore']).toMatch(/ongoing-request="(true|false)"/);
  });

  it('全部参数请求示例', async () => {
    await client.put_object({ Bucket: bucket, Key: 'archived-fast', Body: 'cold', StorageClass: 'ARCHIVE' });
    const response = await client.restore_object({
      Bucket: bucket,
      Key: 'archived-fast',
      RestoreRequest: { Days: 100, CASJobParameters: { Tier: 'Expedited' } },
    });
    expect(response).toBeUndefined();
    // Expedited is ready at once in the emulator: the archived bytes can be read.
    expect(await (await client.get_object({ Bucket: bucket, Key: 'archived-fast' })).Body.text()).toBe('cold');
  });
});

describe('seed 004 简单操作 / 检索对象内容', () => {
  const lines = '{"name":"a","n":1}\n{"name":"b","n":2}\n';

  async function events(stream: AsyncIterable<SelectEvent>): Promise<SelectEvent[]> {
    const out: SelectEvent[] = [];
    for await (const event of stream) out.push(event);
    return out;
  }

  it('请求示例', async () => {
    await client.put_object({ Bucket: bucket, Key: 'exampleobject', Body: lines });
    const response = await client.select_object_content({
      Bucket: bucket,
      Key: 'exampleobject',
      Expression: 'Select * from COSObject',
      ExpressionType: 'SQL',
      InputSerialization: { CompressionType: 'NONE', JSON: { Type: 'LINES' } },
      OutputSerialization: { CSV: { RecordDelimiter: '\n' } },
    });
    expect(response['x-cos-request-id']).toEqual(expect.any(String));
    expect(response.Body).toBe(response.Payload);
    const all = await events(response.Body);
    const records = Buffer.concat(all.flatMap((e) => ('Records' in e ? [e.Records.Payload] : []))).toString();
    expect(records).toBe('a,1\nb,2\n');
    expect(all.some((e) => 'Stats' in e)).toBe(true);
    expect('End' in all[all.length - 1]!).toBe(true);
  });

  it('全部参数请求示例', async () => {
    await client.put_object({ Bucket: bucket, Key: 'exampleobject.gz', Body: gzipSync(lines) });
    const response = await client.select_object_content({
      Bucket: bucket,
      Key: 'exampleobject.gz',
      Expression: 'Select * from COSObject',
      ExpressionType: 'SQL',
      InputSerialization: { CompressionType: 'GZIP', JSON: { Type: 'LINES' } },
      OutputSerialization: { CSV: { RecordDelimiter: '\n' } },
      RequestProgress: { Enabled: 'FALSE' },
    });
    expect((await response.Payload.get_select_result()).toString()).toBe('a,1\nb,2\n');
  });
});

describe('seed 004 简单操作 / 追加上传对象', () => {
  it('请求示例', async () => {
    const data = Buffer.alloc(1024 * 1024, 'b');
    const response = await client.append_object({ Bucket: bucket, Key: 'appendable', Position: 0, Data: data });
    expect(response).toMatchObject({
      ETag: expect.stringMatching(/^".+"$/),
      'x-cos-next-append-position': String(data.length),
      'x-cos-request-id': expect.any(String),
    });
    const head = await client.head_object({ Bucket: bucket, Key: 'appendable' });
    expect(head['x-cos-object-type']).toBe('appendable');
  });

  it('全部参数请求示例', async () => {
    const first = await client.append_object({ Bucket: bucket, Key: 'appendable-file', Position: 0, Data: Buffer.from('bytes') });
    const position = Number(first['x-cos-next-append-position']);
    const second = await client.append_object({ Bucket: bucket, Key: 'appendable-file', Position: position, Data: await readFile(local('local.txt')) });
    expect(second['x-cos-next-append-position']).toBe(String(5 + 'local file'.length));
    expect(await (await client.get_object({ Bucket: bucket, Key: 'appendable-file' })).Body.text()).toBe('byteslocal file');
    const wrong = (await caught(() => client.append_object({ Bucket: bucket, Key: 'appendable-file', Position: 1, Data: 'x' }))) as CosServiceError;
    expect(wrong.get_error_code()).toBe('PositionNotEqualToLength');
    expect(await caught(() => client.append_object({ Bucket: bucket, Key: 'appendable-file', Position: -1, Data: 'x' }))).toBeInstanceOf(CosClientError);
  });
});
