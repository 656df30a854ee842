/**
 * Every code sample of seed 002 (COS Python SDK v5, 基本API描述), one `it()`
 * per sample, titled with the seed's section heading, run against the
 * in-process emulator. Seed 004's samples are in seed-samples-004-*.integ.test.ts.
 *
 * The samples are schemas more than programs (`GrantRead='string'`,
 * `Range='string'`); each is translated with realistic values of the
 * documented type and format, and the result is checked against the dict the
 * seed documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Base64, md5Hex } from '@yunstore/core';
import { CosClientError, CosConfig, CosS3Client, CosServiceError } from '../src/index.ts';
import { caught, SECRET_ID, SECRET_KEY, startHarness, stopHarness, type Harness } from './helpers.ts';

let h: Harness;
let client: CosS3Client;

// Seed 002 quick start: the pre-2018 config names, Appid appended to bare bucket names.
const appid = 100000;
const BUCKET = 'test01-100000';
const GRANTEE = 'qcs::cam::uin/100000000002:uin/100000000002';
const GRANT = `id="${GRANTEE}"`;

beforeAll(async () => {
  h = await startHarness();
  const config = new CosConfig({
    Appid: appid,
    Access_id: SECRET_ID,
    Access_key: SECRET_KEY,
    Region: 'ap-beijing-1',
    Token: '',
    // Only these two point the client at the emulator.
    Scheme: 'http',
    Endpoint: `127.0.0.1:${h.port}`,
  });
  client = new CosS3Client(config);
  // copy_object's source: another account's bucket, named with its own Appid.
  await h.client.create_bucket({ Bucket: 'test02-1252408340' });
  await h.client.put_object({
    Bucket: 'test02-1252408340',
    Key: 'test.txt',
    Body: 'copy me',
    ContentType: 'text/plain',
    Metadata: { 'x-cos-meta-origin': 'test02' },
  });
});
afterAll(async () => {
  await client.close();
  await stopHarness(h);
});

/** A Grant as get_*_acl documents it. */
function expectGrantShape(grant: Record<string, unknown>): void {
  const grantee = grant['Grantee'] as Record<string, unknown>;
  expect(['CanonicalUser', 'Group']).toContain(grantee['Type']);
  expect(grantee[grantee['Type'] === 'Group' ? 'URI' : 'ID']).toEqual(expect.any(String));
  expect(['FULL_CONTROL', 'WRITE', 'READ', 'READ_ACP', 'WRITE_ACP']).toContain(grant['Permission']);
}

describe('seed 002 samples', () => {
  it('快速入门', async () => {
    expect(client.config.SecretId).toBe(SECRET_ID);
    expect(client.config.SecretKey).toBe(SECRET_KEY);
    expect(client.config.Appid).toBe('100000');
    expect(client.config.Region).toBe('ap-beijing-1');
    expect(client.config.Token).toBe('');
    // A signed request with Access_id/Access_key is accepted (a 404, not a 403).
    expect(await client.bucket_exists({ Bucket: 'test01' })).toBe(false);
  });

  it('创建Bucket', async () => {
    const response = await client.create_bucket({
      Bucket: 'test01',
      ACL: 'private',
      GrantFullControl: GRANT,
      GrantRead: GRANT,
      GrantWrite: GRANT,
    });
    expect(response).toBeUndefined();
    const acl = await client.get_bucket_acl({ Bucket: 'test01' });
    const granted = acl.Grant.filter((g) => (g['Grantee'] as Record<string, unknown>)['ID'] === GRANTEE).map((g) => g['Permission']);
    expect(new Set(granted)).toEqual(new Set(['FULL_CONTROL', 'READ', 'WRITE']));
  });

  it('删除Bucket', async () => {
    await client.create_bucket({ Bucket: 'test03' });
    const response = await client.delete_bucket({ Bucket: 'test03' });
    expect(response).toBeUndefined();
    expect(await client.bucket_exists({ Bucket: 'test03' })).toBe(false);
    // "删除时Bucket必须为空": a bucket holding an object is refused.
    await client.create_bucket({ Bucket: 'test04' });
    await client.put_object({ Bucket: 'test04', Key: 'k', Body: 'x' });
    const full = (await caught(() => client.delete_bucket({ Bucket: 'test04' }))) as CosServiceError;
    expect(full.get_status_code()).toBe(409);
    expect(full.get_error_code()).toBe('BucketNotEmpty');
  });

  it('设置Bucket ACL信息', async () => {
    const policy = {
      Grant: [{ Grantee: { DisplayName: '100000000002', Type: 'CanonicalUser', ID: GRANTEE }, Permission: 'READ' }],
      Owner: { DisplayName: 'owner', ID: GRANTEE },
    };
    // The sample passes both forms; the seed says they conflict, and we say so before sending.
    const both = await caught(() =>
      client.put_bucket_acl({ Bucket: 'test01', ACL: 'private', GrantFullControl: GRANT, GrantRead: GRANT, GrantWrite: GRANT, AccessControlPolicy: policy }),
    );
    expect(both).toBeInstanceOf(CosClientError);
    expect((both as Error).message).toMatch(/AccessControlPolicy cannot be combined/);
    expect(await client.put_bucket_acl({ Bucket: 'test01', ACL: 'private', GrantFullControl: GRANT, GrantRead: GRANT, GrantWrite: GRANT })).toBeUndefined();
    expect(await client.put_bucket_acl({ Bucket: 'test01', AccessControlPolicy: policy })).toBeUndefined();
    // The body replaced the header grants: the grantee now holds READ only (the owner keeps FULL_CONTROL).
    const acl = await client.get_bucket_acl({ Bucket: 'test01' });
    expect(acl.Grant.filter((g) => (g['Grantee'] as Record<string, unknown>)['ID'] === GRANTEE)).toEqual([
      { Grantee: expect.objectContaining({ ID: GRANTEE, Type: 'CanonicalUser' }), Permission: 'READ' },
    ]);
  });

  it('获取Bucket ACL信息', async () => {
    const response = await client.get_bucket_acl({ Bucket: 'test01' });
    expect(response.Owner).toEqual(expect.objectContaining({ ID: expect.any(String), DisplayName: expect.any(String) }));
    expect(Array.isArray(response.Grant)).toBe(true);
    for (const grant of response.Grant) expectGrantShape(grant);
  });

  it('设置Bucket跨域配置', async () => {
    const response = await client.put_bucket_cors({
      Bucket: 'test01',
      CORSConfiguration: {
        CORSRule: [
          {
            ID: 'rule-1',
            MaxAgeSeconds: 100,
            AllowedOrigin: ['http://www.qcloud.com'],
            AllowedMethod: ['GET'],
            AllowedHeader: ['*'],
            ExposeHeader: ['ETag'],
          },
        ],
      },
    });
    expect(response).toBeUndefined();
  });

  it('获取Bucket跨域配置', async () => {
    const response = await client.get_bucket_cors({ Bucket: 'test01' });
    // Lists stay lists with one item; MaxAgeSeconds comes back as a string (the seed's field list says string).
    expect(response).toEqual({
      CORSRule: [
        {
          ID: 'rule-1',
          MaxAgeSeconds: '100',
          AllowedOrigin: ['http://www.qcloud.com'],
          AllowedMethod: ['GET'],
          AllowedHeader: ['*'],
          ExposeHeader: ['ETag'],
        },
      ],
    });
  });

  it('删除Bucket跨域配置', async () => {
    expect(await client.delete_bucket_cors({ Bucket: 'test01' })).toBeUndefined();
    const gone = (await caught(() => client.get_bucket_cors({ Bucket: 'test01' }))) as CosServiceError;
    expect(gone.get_status_code()).toBe(404);
  });

  it('设置Bucket生命周期配置', async () => {
    // The sample lists Days and Date together as a schema; COS takes one of them.
    const response = await client.put_bucket_lifecycle({
      Bucket: 'test01',
      LifecycleConfiguration: {
        Rule: [
          {
            ID: 'logs',
            Filter: { Prefix: 'logs/' },
            Status: 'Enabled',
            Expiration: { Days: 100 },
            Transition: { Days: 30, StorageClass: 'STANDARD_IA' },
            NoncurrentVersionExpiration: { NoncurrentDays: 100 },
            NoncurrentVersionTransition: { NoncurrentDays: 30, StorageClass: 'STANDARD_IA' },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
    });
    expect(response).toBeUndefined();
  });

  it('获取Bucket生命周期配置', async () => {
    const response = await client.get_bucket_lifecycle({ Bucket: 'test01' });
    expect(response.Rule).toHaveLength(1);
    // Numbers come back as strings; Transition is a list (the Python SDK's format_dict; seed 002 draws a dict).
    expect(response.Rule?.[0]).toMatchObject({
      ID: 'logs',
      Filter: { Prefix: 'logs/' },
      Status: 'Enabled',
      Expiration: { Days: '100' },
      Transition: [{ Days: '30', StorageClass: 'STANDARD_IA' }],
      NoncurrentVersionExpiration: { NoncurrentDays: '100' },
      NoncurrentVersionTransition: [{ NoncurrentDays: '30', StorageClass: 'STANDARD_IA' }],
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: '7' },
    });
  });

  it('删除Bucket生命周期配置。', async () => {
    expect(await client.delete_bucket_lifecycle({ Bucket: 'test01' })).toBeUndefined();
    const gone = (await caught(() => client.get_bucket_lifecycle({ Bucket: 'test01' }))) as CosServiceError;
    expect(gone.get_error_code()).toBe('NoSuchLifecycleConfiguration');
  });

  it('简单文件上传', async () => {
    const response = await client.put_object({
      Bucket: 'test01',
      Body: 'abc',
      Key: 'test.txt',
      ACL: 'private',
      GrantFullControl: GRANT,
      GrantRead: GRANT,
      GrantWrite: GRANT,
      StorageClass: 'STANDARD',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      CacheControl: 'no-cache',
      ContentType: 'text/plain',
      ContentDisposition: 'attachment; filename="test.txt"',
      ContentEncoding: 'identity',
      ContentLanguage: 'zh-cn',
      ContentLength: 3,
      ContentMD5: md5Base64('abc'),
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
    });
    expect(response['ETag']).toBe(`"${md5Hex('abc')}"`);
    expect(response['x-cos-request-id']).toEqual(expect.any(String));
    // No lifecycle rule and no versioning: neither x-cos-expiration nor x-cos-version-id.
    expect(response).not.toHaveProperty('x-cos-version-id');
    await client.put_bucket_versioning({ Bucket: 'test01', Status: 'Enabled' });
    const versioned = await client.put_object({
      Bucket: 'test01',
      Body: 'abc',
      Key: 'test.txt',
      ContentType: 'text/plain',
      Metadata: { 'x-cos-meta-key1': 'value1' },
    });
    expect(versioned['x-cos-version-id']).toEqual(expect.any(String));
  });

  it('文件下载', async () => {
    const head = await client.head_object({ Bucket: 'test01', Key: 'test.txt' });
    const response = await client.get_object({
      Bucket: 'test01',
      Key: 'test.txt',
      Range: 'bytes 0-1/3', // the seed's spelling (a Content-Range), sent as bytes=0-1
      IfMatch: head['ETag'] as string,
      IfModifiedSince: 'Wed, 28 Oct 2014 20:30:00 GMT',
      IfNoneMatch: '"00000000000000000000000000000000"',
      IfUnmodifiedSince: 'Wed, 28 Oct 2099 20:30:00 GMT',
      ResponseCacheControl: 'max-age=60',
      ResponseContentDisposition: 'attachment; filename="filename.jpg"',
      ResponseContentEncoding: 'identity',
      ResponseContentLanguage: 'en',
      ResponseContentType: 'application/octet-stream',
      ResponseExpires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      VersionId: head['x-cos-version-id'] as string,
    });
    expect(response).toMatchObject({
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/octet-stream',
      'Content-Length': '2',
      'Content-Disposition': 'attachment; filename="filename.jpg"',
      'Content-Range': 'bytes 0-1/3',
      ETag: head['ETag'],
      'Last-Modified': head['Last-Modified'],
      'x-cos-version-id': head['x-cos-version-id'],
      'x-cos-object-type': 'normal',
      'x-cos-request-id': expect.any(String),
    });
    expect(await response.Body.text()).toBe('ab');
  });

  it('文件删除', async () => {
    await client.put_object({ Bucket: 'test01', Body: 'bye', Key: 'delete-me.txt' });
    // Seed 002 says None; the SDK (and seed 004) return the header dict.
    const response = await client.delete_object({ Bucket: 'test01', Key: 'delete-me.txt' });
    expect(response['x-cos-request-id']).toEqual(expect.any(String));
    expect(await client.object_exists({ Bucket: 'test01', Key: 'delete-me.txt' })).toBe(false);
  });

  it('获取文件属性', async () => {
    const response = await client.head_object({ Bucket: 'test01', Key: 'test.txt', IfModifiedSince: 'Wed, 28 Oct 2014 20:30:00 GMT' });
    expect(response).toMatchObject({
      'Content-Type': 'text/plain',
      'Content-Length': '3',
      ETag: `"${md5Hex('abc')}"`,
      'Last-Modified': expect.stringMatching(/GMT$/),
      'x-cos-version-id': expect.any(String),
      'x-cos-object-type': 'normal',
      'x-cos-request-id': expect.any(String),
      'x-cos-meta-key1': 'value1',
    });
  });

  it('获取文件列表', async () => {
    await client.put_object({ Bucket: 'test01', Body: '23 bytes of zh-cn text.', Key: 'zh.cn.txt' });
    await client.put_object({ Bucket: 'test01', Body: 'x', Key: 'dir/a b.txt' });
    const response = await client.list_objects({ Bucket: 'test01', Delimiter: '/', Marker: '', MaxKeys: 100, Prefix: '', EncodingType: 'url' });
    expect(response).toMatchObject({ MaxKeys: '100', Prefix: null, Name: BUCKET, Marker: null, IsTruncated: 'false', EncodingType: 'url' });
    expect(response.CommonPrefixes).toEqual([{ Prefix: 'dir/' }]);
    const zh = response.Contents?.find((c) => c.Key === 'zh.cn.txt');
    expect(zh).toMatchObject({
      ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
      StorageClass: 'STANDARD',
      Owner: { ID: expect.any(String) },
      LastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      Size: '23',
    });
    // EncodingType='url': keys come back still encoded.
    const encoded = await client.list_objects({ Bucket: 'test01', Prefix: 'dir/', EncodingType: 'url' });
    expect(encoded.Contents?.map((c) => c.Key)).toEqual(['dir/a%20b.txt']);
  });

  let uploadid = '';
  const partEtags: string[] = [];

  it('创建分块上传', async () => {
    const response = await client.create_multipart_upload({
      Bucket: 'test01',
      Key: 'multipart.txt',
      StorageClass: 'STANDARD',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      CacheControl: 'no-cache',
      ContentType: 'text/plain',
      ContentDisposition: 'attachment; filename="multipart.txt"',
      ContentEncoding: 'identity',
      ContentLanguage: 'zh-cn',
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
    });
    uploadid = response['UploadId'];
    expect(response).toEqual({ UploadId: expect.any(String), Bucket: BUCKET, Key: 'multipart.txt' });
  });

  it('上传分块', async () => {
    const body = 'A'.repeat(1024 * 1024 * 10);
    const response = await client.upload_part({
      Bucket: 'test01',
      Key: 'multipart.txt',
      Body: body,
      PartNumber: 1,
      UploadId: uploadid,
      ContentLength: body.length,
      ContentMD5: md5Base64(body),
    });
    expect(response['ETag']).toBe(`"${md5Hex(body)}"`);
    partEtags.push(response['ETag'] as string);
    // The seed types PartNumber as a string; both work.
    const last = await client.upload_part({ Bucket: 'test01', Key: 'multipart.txt', Body: 'tail', PartNumber: '2', UploadId: uploadid });
    partEtags.push(last['ETag'] as string);
  });

  it('列出上传分块', async () => {
    // The sample's own values: no part follows number 100.
    const after100 = await client.list_parts({
      Bucket: 'test01',
      Key: 'multipart.txt',
      UploadId: uploadid,
      MaxParts: 1000,
      PartNumberMarker: 100,
      EncodingType: 'url',
    });
    expect(after100).toMatchObject({ PartNumberMarker: '100', UploadId: uploadid });
    expect(after100.Part ?? []).toEqual([]);
    const response = await client.list_parts({ Bucket: 'test01', Key: 'multipart.txt', UploadId: uploadid, MaxParts: 1000, PartNumberMarker: 0 });
    expect(response).toMatchObject({
      Initiator: { DisplayName: expect.any(String), ID: expect.any(String) },
      Bucket: BUCKET,
      UploadId: uploadid,
      Key: 'multipart.txt',
      Owner: { DisplayName: expect.any(String), ID: expect.any(String) },
      MaxParts: '1000',
      IsTruncated: 'false',
      PartNumberMarker: '0',
      StorageClass: expect.any(String),
    });
    // Seed 002 spells the encoding key 'Encoding-type', seed 004 'EncodingType': both are there.
    expect(response['Encoding-type']).toBe(response.EncodingType);
    expect(response.Part).toEqual([
      { LastModified: expect.any(String), PartNumber: '1', ETag: partEtags[0], Size: '10485760' },
      { LastModified: expect.any(String), PartNumber: '2', ETag: partEtags[1], Size: '4' },
    ]);
  });

  it('完成分块上传', async () => {
    const response = await client.complete_multipart_upload({
      Bucket: 'test01',
      Key: 'multipart.txt',
      UploadId: uploadid,
      MultipartUpload: {
        Part: [
          { ETag: partEtags[0] as string, PartNumber: 1 },
          { ETag: partEtags[1] as string, PartNumber: 2 },
        ],
      },
    });
    expect(response).toMatchObject({
      ETag: expect.stringMatching(/^"[0-9a-f]{32}-2"$/),
      Bucket: BUCKET,
      Location: expect.stringContaining('multipart.txt'),
      Key: 'multipart.txt',
    });
    const head = await client.head_object({ Bucket: 'test01', Key: 'multipart.txt' });
    expect(head['Content-Length']).toBe(String(10 * 1024 * 1024 + 4));
    expect(head['x-cos-meta-key2']).toBe('value2');
  });

  it('放弃分块上传', async () => {
    const { UploadId } = await client.create_multipart_upload({ Bucket: 'test01', Key: 'multipart.txt' });
    const response = await client.abort_multipart_upload({ Bucket: 'test01', Key: 'multipart.txt', UploadId });
    expect(response).toBeUndefined();
    const gone = (await caught(() => client.list_parts({ Bucket: 'test01', Key: 'multipart.txt', UploadId }))) as CosServiceError;
    expect(gone.get_error_code()).toBe('NoSuchUpload');
  });

  it('设置Object ACL信息', async () => {
    const policy = {
      Grant: [{ Grantee: { DisplayName: '100000000002', Type: 'CanonicalUser', ID: GRANTEE }, Permission: 'READ' }],
      Owner: { DisplayName: 'owner', ID: GRANTEE },
    };
    const both = await caught(() =>
      client.put_object_acl({ Bucket: 'test01', Key: 'test.txt', ACL: 'private', GrantRead: GRANT, AccessControlPolicy: policy }),
    );
    expect(both).toBeInstanceOf(CosClientError);
    expect(
      await client.put_object_acl({ Bucket: 'test01', Key: 'test.txt', ACL: 'private', GrantFullControl: GRANT, GrantRead: GRANT, GrantWrite: GRANT }),
    ).toBeUndefined();
    expect(await client.put_object_acl({ Bucket: 'test01', Key: 'test.txt', AccessControlPolicy: policy })).toBeUndefined();
  });

  it('获取Object ACL信息', async () => {
    const response = await client.get_object_acl({ Bucket: 'test01', Key: 'test.txt' });
    expect(response.Owner).toEqual(expect.objectContaining({ ID: expect.any(String), DisplayName: expect.any(String) }));
    expect(response.Grant.filter((g) => (g['Grantee'] as Record<string, unknown>)['ID'] === GRANTEE)).toEqual([
      { Grantee: expect.objectContaining({ ID: GRANTEE, Type: 'CanonicalUser' }), Permission: 'READ' },
    ]);
    for (const grant of response.Grant) expectGrantShape(grant);
  });

  it('文件拷贝', async () => {
    const response = await client.copy_object({
      Bucket: 'test01',
      Key: 'copied.txt',
      CopySource: { Appid: '1252408340', Bucket: 'test02', Key: 'test.txt', Region: 'ap-guangzhou' },
      CopyStatus: 'Copy',
      ACL: 'private',
      GrantFullControl: GRANT,
      GrantRead: GRANT,
      GrantWrite: GRANT,
      StorageClass: 'STANDARD',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      CacheControl: 'no-cache',
      ContentType: 'application/json',
      ContentDisposition: 'inline',
      ContentEncoding: 'identity',
      ContentLanguage: 'zh-cn',
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
    });
    expect(response).toMatchObject({ ETag: `"${md5Hex('copy me')}"`, LastModified: expect.any(String) });
    // 'Copy' keeps the source's metadata and ignores the new one.
    const head = await client.head_object({ Bucket: 'test01', Key: 'copied.txt' });
    expect(head).toMatchObject({ 'Content-Type': 'text/plain', 'x-cos-meta-origin': 'test02' });
    expect(head).not.toHaveProperty('x-cos-meta-key1');
    // Seed 002 also spells the other value 'REPLACE'.
    await client.copy_object({
      Bucket: 'test01',
      Key: 'copied.txt',
      CopySource: { Appid: '1252408340', Bucket: 'test02', Key: 'test.txt', Region: 'ap-guangzhou' },
      CopyStatus: 'REPLACE',
      Metadata: { 'x-cos-meta-key1': 'value1' },
    });
    const replaced = await client.head_object({ Bucket: 'test01', Key: 'copied.txt' });
    expect(replaced['x-cos-meta-key1']).toBe('value1');
    expect(replaced).not.toHaveProperty('x-cos-meta-origin');
  });

  it('异常类型', async () => {
    const e = (await caught(() => client.get_object({ Bucket: 'test01', Key: 'no-such-key' }))) as CosServiceError;
    expect(e).toBeInstanceOf(CosServiceError);
    expect(e.get_origin_msg()).toMatch(/^<\?xml[\s\S]*<Error>[\s\S]*NoSuchKey/);
    expect(e.get_digest_msg()).toMatchObject({ code: 'NoSuchKey', message: expect.any(String), requestid: e.get_request_id() });
    expect(e.get_status_code()).toBe(404);
    expect(e.get_error_code()).toBe('NoSuchKey');
    expect(e.get_error_msg()).toEqual(expect.any(String));
    expect(e.get_trace_id()).toEqual(expect.any(String));
    expect(e.get_request_id()).toEqual(expect.any(String));
    expect(e.get_resource_location()).toContain('no-such-key');
    // CosClientError: a local problem, here a bad argument caught before any request.
    const c = await caught(() => client.upload_part({ Bucket: 'test01', Key: 'k', Body: 'x', PartNumber: 10001, UploadId: 'u' }));
    expect(c).toBeInstanceOf(CosClientError);
    expect((c as CosClientError).get_error_msg()).toMatch(/PartNumber/);
  });
});
