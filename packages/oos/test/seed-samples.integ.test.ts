/**
 * Every code sample of the seed (001, the OOS Python SDK manual), translated
 * line by line and run against the emulator with the seed's settings
 * (signature 's3', use_ssl False). Each test is titled with the seed's
 * section heading and checks the documented result shape, typed as botocore
 * returns it. Where the seed's literal values cannot work as written (ids of
 * the author's own uploads and keys), the sample uses the ids it created.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@yunstore/emulator';
import { Config, encode_params, exceptions, oos, type IamClient, type OosResponse, type S3Client } from '../src/index.ts';
import { AK, bucketName, emulator, SK } from './helpers.ts';

let emu: Emulator;
let ENDPOINT: string;
let client: S3Client;
let iam_client: IamClient;
let dir: string;
let BUCKET: string;
const KEY = 'test';
const MULTIPART_UPLOAD_KEY = 'multipart/test.bin';
/** The emulator runs with 1 KiB parts (helpers.emulator), so the upload loop stays small. */
const PART = 1024;

beforeAll(async () => {
  emu = await emulator();
  ENDPOINT = emu.endpoints.oos;
  // 1.3 options 配置项, as the seed writes it.
  const config = new Config({ signature_version: 's3' });
  client = oos.client('s3', { use_ssl: false, endpoint_url: ENDPOINT, access_key_id: AK, secret_access_key: SK, config });
  iam_client = oos.client('iam', { use_ssl: false, endpoint_url: ENDPOINT, access_key_id: AK, secret_access_key: SK, config });
  dir = await mkdtemp(join(tmpdir(), 'oos-seed-'));
  BUCKET = bucketName('seed');
  await client.create_bucket({ Bucket: BUCKET });
  await client.put_object({ Bucket: BUCKET, Key: KEY, Body: 'seed sample object', ContentType: 'text/plain', Metadata: { origin: 'seed' } });
});

afterAll(async () => {
  await client?.close();
  await iam_client?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await emu?.stop();
});

/** botocore's ResponseMetadata, as the seed's "一个完整的返回结果" prints it. */
function expectMetadata(res: OosResponse, status: number): void {
  const meta = res.ResponseMetadata;
  expect(Object.keys(meta).sort()).toEqual(['HTTPHeaders', 'HTTPStatusCode', 'HostId', 'RequestId', 'RetryAttempts']);
  expect(meta.HTTPStatusCode).toBe(status);
  expect(meta.RequestId).toMatch(/^[0-9A-F]{16}$/);
  expect(meta.HTTPHeaders['x-amz-request-id']).toBe(meta.RequestId);
  expect(typeof meta.HostId).toBe('string');
  expect(meta.RetryAttempts).toBe(0);
}

/** "成功没有返回值": nothing but ResponseMetadata. */
function expectNothingElse(res: OosResponse, status: number): void {
  expect(Object.keys(res)).toEqual(['ResponseMetadata']);
  expectMetadata(res, status);
}

async function caught(promise: Promise<unknown>): Promise<InstanceType<typeof exceptions.ClientError>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(exceptions.ClientError);
  return error as InstanceType<typeof exceptions.ClientError>;
}

const REMOTE_SITE = {
  RemontEndPoint: 'http://oos-hz.ctyunapi.cn',
  ReplicaMode: '',
  RemoteBucketName: 'test-jf-logging',
  RemoteAK: '2510935f75d781385b35',
  RemoteSK: '567b89b544a89bb3d3ccef4be8507e6d30d75579',
};

const LIFECYCLE = { Rules: [{ Expiration: { Days: 100 }, ID: 'lifecycle-123', Prefix: 'test', Status: 'Enabled' as const }] };

async function initiate(key = MULTIPART_UPLOAD_KEY): Promise<string> {
  const upload = await client.create_multipart_upload({ Bucket: BUCKET, Key: key });
  return upload.UploadId!;
}

describe('seed 001 samples', () => {
  it('1.1 要求 (Python 2: a unicode TriggerName)', async () => {
    const response = await client.put_bucket_trigger({
      Bucket: BUCKET,
      TriggerConfiguration: { Triggers: [{ TriggerName: '测试 Trigger', IsDefault: false }] },
    });
    expectNothingElse(response, 200);
    const listed = await client.get_bucket_trigger({ Bucket: BUCKET });
    expect(listed.Triggers.map((t) => t.TriggerName)).toContain('测试 Trigger');
    await client.delete_bucket_trigger({ Bucket: BUCKET, TriggerName: '测试 Trigger' });
    expect((await client.get_bucket_trigger({ Bucket: BUCKET })).Triggers.map((t) => t.TriggerName)).not.toContain('测试 Trigger');
  });

  it('1.2 使用方式', async () => {
    const config = new Config({ signature_version: 's3' });
    const local = oos.client('s3', { endpoint_url: ENDPOINT, access_key_id: AK, secret_access_key: SK, config });
    const buckets = await local.list_buckets();
    expect(buckets.Buckets.map((b) => b.Name)).toContain(BUCKET);
    await local.close();
  });

  it('1.3 options 配置项', async () => {
    const config = new Config({ signature_version: 's3' });
    const local = oos.client('s3', { use_ssl: false, endpoint_url: ENDPOINT, access_key_id: AK, secret_access_key: SK, config });
    expect(local.meta.endpoint_url).toBe(ENDPOINT);
    expect(local.meta.config.signature_version).toBe('s3');
    expectMetadata(await local.head_bucket({ Bucket: BUCKET }), 200);
    await local.close();
  });

  it('2 SDK 列表 (基本用法: exception handling)', async () => {
    let printed = '';
    try {
      await client.delete_bucket({ Bucket: 'NoSuchBucket' });
      expect.fail('delete_bucket of a missing bucket must fail');
    } catch (e) {
      if (!(e instanceof exceptions.ClientError)) throw e;
      printed = `Response code: ${e.response.Error.Code}, request id ${e.response.ResponseMetadata.RequestId}`;
    }
    expect(printed).toMatch(/^Response code: NoSuchBucket, request id [0-9A-F]{16}$/);
  });

  it('2 SDK 列表 (一个完整的返回结果)', async () => {
    const response = await client.list_buckets();
    expect(Object.keys(response).sort()).toEqual(['Buckets', 'Owner', 'ResponseMetadata']);
    const mine = response.Buckets.find((b) => b.Name === BUCKET)!;
    expect(Object.keys(mine).sort()).toEqual(['CreationDate', 'Name']);
    expect(mine.CreationDate).toBeInstanceOf(Date);
    expect(Object.keys(response.Owner).sort()).toEqual(['DisplayName', 'ID']);
    expectMetadata(response, 200);
    const headers = response.ResponseMetadata.HTTPHeaders;
    expect(headers['content-type']).toBe('application/xml;charset=UTF-8');
    expect(headers['server']).toBe('CTYUN');
    expect(Number(headers['content-length'])).toBeGreaterThan(0);
    expect(new Date(headers['date']!).getTime()).not.toBeNaN();
  });

  it('2.1.1 Get Service (ListBucket)', async () => {
    const buckets = await client.list_buckets();
    const printed: string[] = [];
    for (const bucket of buckets.Buckets) printed.push(`Bucket: ${bucket.Name}`);
    expect(printed).toContain(`Bucket: ${BUCKET}`);
    expect(buckets.Owner.ID).toBeTruthy();
  });

  it('2.2.1 Put Bucket', async () => {
    const name = bucketName('pub');
    const response = await client.create_bucket({ ACL: 'public-read-write', Bucket: name });
    expect(Object.keys(response).sort()).toEqual(['Location', 'ResponseMetadata']);
    expect(response.Location).toBe(`/${name}`);
    expectMetadata(response, 200);
    const acl = await client.get_bucket_acl({ Bucket: name });
    expect(acl.Grants.map((g) => g.Permission)).toEqual(['FULL_CONTROL', 'READ', 'WRITE']);
    await client.delete_bucket({ Bucket: name });
  });

  it('2.2.2 GET Bucket Acl', async () => {
    const response = await client.get_bucket_acl({ Bucket: BUCKET });
    expect(Object.keys(response).sort()).toEqual(['Grants', 'Owner', 'ResponseMetadata']);
    expect(Object.keys(response.Owner).sort()).toEqual(['DisplayName', 'ID']);
    // The seed's table names the XML container `Grant`; botocore returns the list `Grants`.
    expect(response.Grants).toHaveLength(1);
    const grant = response.Grants[0]!;
    expect(grant.Permission).toBe('FULL_CONTROL');
    expect(grant.Grantee?.ID).toBe(response.Owner.ID);
    expect(grant.Grantee?.DisplayName).toBeDefined();
  });

  it('2.2.3 GET Bucket', async () => {
    const keys = ['test-a', 'test-b', 'zz/1', 'zz/2'];
    for (const key of keys) await client.put_object({ Bucket: BUCKET, Key: key, Body: key });
    const response = await client.list_objects({ Bucket: BUCKET, Marker: 'test', MaxKeys: 10 });
    expect(response.Name).toBe(BUCKET);
    expect(response.Marker).toBe('test');
    expect(response.MaxKeys).toBe(10);
    expect(response.IsTruncated).toBe(false);
    expect(response.Prefix).toBe('');
    // Keys after the marker, in order; 'test' itself is not listed.
    expect(response.Contents?.map((c) => c.Key)).toEqual(keys);
    expect(response.CommonPrefixes).toBeUndefined();
    const c = response.Contents![0]!;
    expect(Object.keys(c).sort()).toEqual(['ETag', 'Key', 'LastModified', 'Owner', 'Size', 'StorageClass']);
    expect(c.LastModified).toBeInstanceOf(Date);
    expect(c.Size).toBe(6);
    expect(c.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(c.StorageClass).toBe('STANDARD');
    expect(Object.keys(c.Owner!).sort()).toEqual(['DisplayName', 'ID']);
    // Delimiter and Prefix, the other documented parameters.
    const grouped = await client.list_objects({ Bucket: BUCKET, Marker: 'test', Delimiter: '/', Prefix: '' });
    expect(grouped.Delimiter).toBe('/');
    expect(grouped.CommonPrefixes).toEqual([{ Prefix: 'zz/' }]);
    expect(grouped.Contents?.map((o) => o.Key)).toEqual(['test-a', 'test-b']);
    const page = await client.list_objects({ Bucket: BUCKET, Marker: 'test', MaxKeys: 1 });
    expect(page.IsTruncated).toBe(true);
    await client.delete_objects({ Bucket: BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })) } });
  });

  it('2.2.4 DELETE Bucket', async () => {
    const name = bucketName('del');
    await client.create_bucket({ Bucket: name });
    const response = await client.delete_bucket({ Bucket: name });
    expectNothingElse(response, 204);
    expect((await caught(client.head_bucket({ Bucket: name }))).response.Error.Code).toBe('404');
  });

  it('2.2.5 PUT Bucket Policy', async () => {
    const policy = {
      Version: '2012-10-17',
      Id: 'aaaa-bbbb-cccc-dddd',
      Statement: [{ Effect: 'Allow', Sid: '1', Principal: { AWS: '*' }, Action: ['s3:*'], Resource: 'arn:aws:s3:::test-jf/*' }],
    };
    const response = await client.put_bucket_policy({ Bucket: BUCKET, Policy: JSON.stringify(policy) });
    expectNothingElse(response, 204);
  });

  it('2.2.6 GET Bucket Policy', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${BUCKET}/*` }],
    });
    await client.put_bucket_policy({ Bucket: BUCKET, Policy: policy });
    const response = await client.get_bucket_policy({ Bucket: BUCKET });
    expect(Object.keys(response).sort()).toEqual(['Policy', 'ResponseMetadata']);
    expect(JSON.parse(response.Policy)).toEqual(JSON.parse(policy));
  });

  it('2.2.7 DELETE Bucket Policy', async () => {
    await client.put_bucket_policy({ Bucket: BUCKET, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
    const response = await client.delete_bucket_policy({ Bucket: BUCKET });
    expectNothingElse(response, 204);
    expect((await caught(client.get_bucket_policy({ Bucket: BUCKET }))).response.Error.Code).toBe('NoSuchPolicy');
    // "如果 Bucket 没有 policy，返回 204 NoContent"
    expectNothingElse(await client.delete_bucket_policy({ Bucket: BUCKET }), 204);
  });

  it('2.2.8 PUT Bucket WebSite', async () => {
    const response = await client.put_bucket_website({
      Bucket: BUCKET,
      WebsiteConfiguration: { ErrorDocument: { Key: 'error.html' }, IndexDocument: { Suffix: 'index.html' } },
    });
    expectNothingElse(response, 200);
  });

  it('2.2.9 GET Bucket WebSite', async () => {
    await client.put_bucket_website({
      Bucket: BUCKET,
      WebsiteConfiguration: { ErrorDocument: { Key: 'error1.html' }, IndexDocument: { Suffix: 'index1.html' } },
    });
    const response = await client.get_bucket_website({ Bucket: BUCKET });
    expect(Object.keys(response).sort()).toEqual(['ErrorDocument', 'IndexDocument', 'ResponseMetadata']);
    expect(response.ErrorDocument).toEqual({ Key: 'error1.html' });
    expect(response.IndexDocument).toEqual({ Suffix: 'index1.html' });
  });

  it('2.2.10 DELETE Bucket WebSite', async () => {
    const response = await client.delete_bucket_website({ Bucket: BUCKET });
    expectNothingElse(response, 200);
    // "如果 bucket 没有 website，返回 200 OK"
    expectNothingElse(await client.delete_bucket_website({ Bucket: BUCKET }), 200);
  });

  it('2.2.11 List Multipart Uploads', async () => {
    const uploadId = await initiate('uploads/one');
    const response = await client.list_multipart_uploads({ Bucket: BUCKET, MaxUploads: 100 });
    expect(response.Bucket).toBe(BUCKET);
    expect(response.MaxUploads).toBe(100);
    expect(response.IsTruncated).toBe(false);
    expect(response.KeyMarker).toBe('');
    expect(response.UploadIdMarker).toBe('');
    // The seed's table names the element `Upload`; botocore returns the list `Uploads`.
    const upload = response.Uploads?.find((u) => u.UploadId === uploadId);
    expect(upload).toBeDefined();
    expect(Object.keys(upload!).sort()).toEqual(['Initiated', 'Initiator', 'Key', 'Owner', 'StorageClass', 'UploadId']);
    expect(upload!.Key).toBe('uploads/one');
    expect(upload!.Initiated).toBeInstanceOf(Date);
    expect(upload!.StorageClass).toBe('STANDARD');
    expect(Object.keys(upload!.Initiator!).sort()).toEqual(['DisplayName', 'ID']);
    expect(Object.keys(upload!.Owner!).sort()).toEqual(['DisplayName', 'ID']);
    const grouped = await client.list_multipart_uploads({ Bucket: BUCKET, Delimiter: '/', Prefix: '', MaxUploads: 1 });
    expect(grouped.CommonPrefixes?.length).toBe(1);
    expect(grouped.Delimiter).toBe('/');
    await client.abort_multipart_upload({ Bucket: BUCKET, Key: 'uploads/one', UploadId: uploadId });
  });

  it('2.2.12 PUT Bucket Logging', async () => {
    await client.create_bucket({ Bucket: `${BUCKET}-logging` });
    const response = await client.put_bucket_logging({
      Bucket: BUCKET,
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: `${BUCKET}-logging`, TargetPrefix: `${BUCKET}_log` } },
    });
    expectNothingElse(response, 200);
  });

  it('2.2.13 GET Bucket Logging', async () => {
    const response = await client.get_bucket_logging({ Bucket: BUCKET });
    expect(Object.keys(response).sort()).toEqual(['LoggingEnabled', 'ResponseMetadata']);
    expect(response.LoggingEnabled).toEqual({ TargetBucket: `${BUCKET}-logging`, TargetPrefix: `${BUCKET}_log` });
    await client.put_bucket_logging({
      Bucket: BUCKET,
      BucketLoggingStatus: {
        LoggingEnabled: {
          TargetBucket: `${BUCKET}-logging`,
          TargetPrefix: 'p',
          TriggerTargetBucket: 'tt',
          TriggerTargetPrefix: 'tp',
          TriggerSourceBucket: 'ts',
          TriggerSourcePrefix: 'sp',
        },
      },
    });
    expect((await client.get_bucket_logging({ Bucket: BUCKET })).LoggingEnabled).toEqual({
      TargetBucket: `${BUCKET}-logging`,
      TargetPrefix: 'p',
      TriggerTargetBucket: 'tt',
      TriggerTargetPrefix: 'tp',
      TriggerSourceBucket: 'ts',
      TriggerSourcePrefix: 'sp',
    });
  });

  it('2.2.14 Head Bucket', async () => {
    const response = await client.head_bucket({ Bucket: BUCKET });
    expectNothingElse(response, 200);
  });

  it('2.2.15 PUT Bucket Trigger', async () => {
    const response = await client.put_bucket_trigger({
      Bucket: BUCKET,
      TriggerConfiguration: { Triggers: [{ TriggerName: 'jftrigger01', IsDefault: true, RemoteSite: REMOTE_SITE }] },
    });
    expectNothingElse(response, 200);
  });

  it('2.2.15 PUT Bucket Trigger (参数格式)', async () => {
    const response = await client.put_bucket_trigger({
      Bucket: BUCKET,
      TriggerConfiguration: { Triggers: [{ TriggerName: 'trigger01', IsDefault: true, RemoteSite: REMOTE_SITE }] },
    });
    expectNothingElse(response, 200);
  });

  it('2.2.16 GET BucketTrigger', async () => {
    const response = await client.get_bucket_trigger({ Bucket: BUCKET });
    expect(Object.keys(response).sort()).toEqual(['ResponseMetadata', 'Triggers']);
    // trigger01 was put last as the default, so jftrigger01 is no longer one. RemoteSite is one object, as the seed's table shows.
    expect(response.Triggers).toEqual([
      { TriggerName: 'jftrigger01', IsDefault: false, RemoteSite: REMOTE_SITE, RemoteSites: [REMOTE_SITE] },
      { TriggerName: 'trigger01', IsDefault: true, RemoteSite: REMOTE_SITE, RemoteSites: [REMOTE_SITE] },
    ]);
  });

  it('2.2.17 DELETE Bucket Trigger', async () => {
    const response = await client.delete_bucket_trigger({ Bucket: BUCKET, TriggerName: 'trigger01' });
    expectNothingElse(response, 204);
    expect((await client.get_bucket_trigger({ Bucket: BUCKET })).Triggers.map((t) => t.TriggerName)).toEqual(['jftrigger01']);
  });

  it('2.2.18 PUT Bucket Lifecycle', async () => {
    const response = await client.put_bucket_lifecycle({ Bucket: BUCKET, LifecycleConfiguration: LIFECYCLE });
    expectNothingElse(response, 200);
  });

  it('2.2.19 GET Bucket Lifecycle', async () => {
    await client.put_bucket_lifecycle({
      Bucket: BUCKET,
      LifecycleConfiguration: {
        Rules: [...LIFECYCLE.Rules, { Expiration: { Date: '2002-10-11T00:00:00.000Z' }, ID: 'by-date', Prefix: 'old/', Status: 'Disabled' }],
      },
    });
    const response = await client.get_bucket_lifecycle({ Bucket: BUCKET });
    expect(Object.keys(response).sort()).toEqual(['ResponseMetadata', 'Rules']);
    expect(response.Rules).toEqual([
      { ID: 'lifecycle-123', Prefix: 'test', Status: 'Enabled', Expiration: { Days: 100 } },
      { ID: 'by-date', Prefix: 'old/', Status: 'Disabled', Expiration: { Date: new Date('2002-10-11T00:00:00.000Z') } },
    ]);
  });

  it('2.2.20 DELETE Bucket Lifecycle', async () => {
    // The seed's sample calls get_bucket_lifecycle (a copy-paste slip): as written it reads the rules.
    expect((await client.get_bucket_lifecycle({ Bucket: BUCKET })).Rules.length).toBeGreaterThan(0);
    // What the section documents:
    const response = await client.delete_bucket_lifecycle({ Bucket: BUCKET });
    expectNothingElse(response, 204);
    expect((await caught(client.get_bucket_lifecycle({ Bucket: BUCKET }))).response.Error.Code).toBe('NoSuchLifecycleConfiguration');
  });

  it('2.3.1 PUT Object', async () => {
    const UPLOAD_FILE = join(dir, 'upload.txt');
    await writeFile(UPLOAD_FILE, 'uploaded from a file\n'.repeat(100));
    const data = createReadStream(UPLOAD_FILE);
    const response = await client.put_object({ Bucket: BUCKET, Key: KEY, Body: data, StorageClass: 'STANDARD' });
    // The seed says "成功没有返回值"; botocore (and this client) still return the ETag.
    expect(Object.keys(response).sort()).toEqual(['ETag', 'ResponseMetadata']);
    expect(response.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expectMetadata(response, 200);
    expect((await client.head_object({ Bucket: BUCKET, Key: KEY })).ContentLength).toBe(2100);
  });

  it('2.3.2 GET Object', async () => {
    await client.put_object({ Bucket: BUCKET, Key: KEY, Body: Buffer.alloc(10000, 'g'), ContentType: 'text/plain', Metadata: { Author: 'seed' } });
    const response = await client.get_object({ Bucket: BUCKET, Key: KEY });
    const body = response.Body;
    const DOWNLOAD_FILE_PATH = join(dir, 'download.txt');
    const chunks: Buffer[] = [];
    for (let chunk = await body.read(4096); chunk.length > 0; chunk = await body.read(4096)) chunks.push(chunk);
    await writeFile(DOWNLOAD_FILE_PATH, Buffer.concat(chunks));
    expect(chunks.map((c) => c.length)).toEqual([4096, 4096, 1808]);
    expect(await readFile(DOWNLOAD_FILE_PATH)).toEqual(Buffer.alloc(10000, 'g'));
    expect(response.ContentType).toBe('text/plain');
    expect(response.LastModified).toBeInstanceOf(Date);
    expect(response.ContentLength).toBe(10000);
    expect(response.Metadata).toEqual({ author: 'seed' });
    expectMetadata(response, 200);
  });

  it('2.3.3 Head Object', async () => {
    // With the seed's lifecycle rule (prefix 'test') in place, Expiration says when KEY expires.
    await client.put_bucket_lifecycle({ Bucket: BUCKET, LifecycleConfiguration: LIFECYCLE });
    const put = await client.put_object({ Bucket: BUCKET, Key: KEY, Body: 'head me', ContentType: 'text/plain', Metadata: { a: 'b' } });
    const response = await client.head_object({ Bucket: BUCKET, Key: KEY });
    expect(response.ContentLength).toBe(7);
    expect(response.ContentType).toBe('text/plain');
    expect(response.ETag).toBe(put.ETag);
    expect(response.LastModified).toBeInstanceOf(Date);
    expect(response.Metadata).toEqual({ a: 'b' });
    const m = /^expiry-date="([^"]+)", rule-id="lifecycle-123"$/.exec(response.Expiration ?? '');
    expect(m).not.toBeNull();
    const expiry = new Date(m![1]!);
    expect(expiry.getUTCHours()).toBe(0);
    const days = (expiry.getTime() - response.LastModified!.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(100);
    expect(days).toBeLessThanOrEqual(101);
    expectMetadata(response, 200);
    // put_object and copy_object report it too, as botocore does.
    expect(put.Expiration).toBe(response.Expiration);
    const copied = await client.copy_object({ Bucket: BUCKET, CopySource: { Bucket: BUCKET, Key: KEY }, Key: 'test-expiring-copy' });
    expect(copied.Expiration).toMatch(/rule-id="lifecycle-123"$/);
    await client.delete_object({ Bucket: BUCKET, Key: 'test-expiring-copy' });
    await client.delete_bucket_lifecycle({ Bucket: BUCKET });
    expect((await client.head_object({ Bucket: BUCKET, Key: KEY })).Expiration).toBeUndefined();
  });

  it('2.3.4 DELETE Object', async () => {
    await client.put_object({ Bucket: BUCKET, Key: 'to-delete', Body: 'x' });
    const response = await client.delete_object({ Bucket: BUCKET, Key: 'to-delete' });
    expectNothingElse(response, 204);
    expect((await caught(client.head_object({ Bucket: BUCKET, Key: 'to-delete' }))).response.Error.Code).toBe('404');
  });

  it('2.3.5 PUT Object - Copy', async () => {
    await client.put_object({ Bucket: BUCKET, Key: KEY, Body: 'copy source', Metadata: { m: '1' } });
    const response = await client.copy_object({ Bucket: BUCKET, CopySource: { Bucket: BUCKET, Key: KEY }, Key: `${KEY}-Copy` });
    // The seed says "成功没有返回值"; botocore returns CopyObjectResult.
    expect(Object.keys(response).sort()).toEqual(['CopyObjectResult', 'ResponseMetadata']);
    expect(response.CopyObjectResult.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.CopyObjectResult.LastModified).toBeInstanceOf(Date);
    const copy = await client.get_object({ Bucket: BUCKET, Key: `${KEY}-Copy` });
    expect((await copy.Body.read()).toString()).toBe('copy source');
    expect(copy.Metadata).toEqual({ m: '1' });
  });

  it('2.3.6 Initial Multipart Upload', async () => {
    const upload = await client.create_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY });
    expect(Object.keys(upload).sort()).toEqual(['Bucket', 'Key', 'ResponseMetadata', 'UploadId']);
    expect(upload.Bucket).toBe(BUCKET);
    expect(upload.Key).toBe(MULTIPART_UPLOAD_KEY);
    expect(typeof upload.UploadId).toBe('string');
    await client.abort_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: upload.UploadId! });
  });

  it('2.3.7 Upload Part', async () => {
    const upload = await client.create_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY });
    const file = Buffer.alloc(PART * 2 + 100, 'p');
    const etags: string[] = [];
    for (let num = 1, at = 0; at < file.length; num += 1, at += PART) {
      const chunk = file.subarray(at, at + PART);
      const part = await client.upload_part({ Body: chunk, Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, PartNumber: num, UploadId: upload.UploadId! });
      // The seed says "成功没有返回值"; botocore returns the part's ETag.
      expect(Object.keys(part).sort()).toEqual(['ETag', 'ResponseMetadata']);
      etags.push(part.ETag!);
    }
    expect(etags).toHaveLength(3);
    const listed = await client.list_parts({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: upload.UploadId! });
    expect(listed.Parts?.map((p) => p.ETag)).toEqual(etags);
    await client.abort_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: upload.UploadId! });
  });

  it('2.3.8 Complete Multipart Upload', async () => {
    const upload = await client.create_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY });
    for (const num of [1, 2]) {
      await client.upload_part({
        Body: Buffer.alloc(PART, String(num)),
        Bucket: BUCKET,
        Key: MULTIPART_UPLOAD_KEY,
        PartNumber: num,
        UploadId: upload.UploadId!,
      });
    }
    // As the seed calls it, without MultipartUpload: the client lists the parts and completes with all of them.
    const complete = await client.complete_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: upload.UploadId! });
    expect(Object.keys(complete).sort()).toEqual(['Bucket', 'ETag', 'Key', 'Location', 'ResponseMetadata']);
    expect(complete.Bucket).toBe(BUCKET);
    expect(complete.Key).toBe(MULTIPART_UPLOAD_KEY);
    expect(complete.ETag).toMatch(/-2"$/);
    expect(complete.Location).toContain(BUCKET);
    const got = await client.get_object({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY });
    expect((await got.Body.read()).toString()).toBe('1'.repeat(PART) + '2'.repeat(PART));
  });

  it('2.3.9 Abort Multipart Upload', async () => {
    // The seed's literal UploadId ('1544063802527236705') belongs to its author's upload: here it is unknown.
    const unknown = await caught(client.abort_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: '1544063802527236705' }));
    expect(unknown.response.Error.Code).toBe('NoSuchUpload');
    const uploadId = await initiate();
    const response = await client.abort_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: uploadId });
    expectNothingElse(response, 204);
    expect((await caught(client.list_parts({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: uploadId }))).response.Error.Code).toBe('NoSuchUpload');
  });

  it('2.3.10 List Parts', async () => {
    const uploadId = await initiate();
    for (let num = 1; num <= 12; num += 1) {
      await client.upload_part({ Body: Buffer.alloc(PART, 'l'), Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, PartNumber: num, UploadId: uploadId });
    }
    const response = await client.list_parts({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, MaxParts: 10, UploadId: uploadId });
    expect(response.Bucket).toBe(BUCKET);
    expect(response.Key).toBe(MULTIPART_UPLOAD_KEY);
    expect(response.UploadId).toBe(uploadId);
    expect(Object.keys(response.Initiator!).sort()).toEqual(['DisplayName', 'ID']);
    expect(Object.keys(response.Owner!).sort()).toEqual(['DisplayName', 'ID']);
    expect(response.StorageClass).toBe('STANDARD');
    expect(response.PartNumberMarker).toBe(0);
    expect(response.NextPartNumberMarker).toBe(10);
    expect(response.MaxParts).toBe(10);
    expect(response.IsTruncated).toBe(true);
    // The seed's table names the element `Part`; botocore returns the list `Parts`.
    expect(response.Parts).toHaveLength(10);
    const part = response.Parts![0]!;
    expect(Object.keys(part).sort()).toEqual(['ETag', 'LastModified', 'PartNumber', 'Size']);
    expect(part.PartNumber).toBe(1);
    expect(part.LastModified).toBeInstanceOf(Date);
    expect(part.Size).toBe(PART);
    const rest = await client.list_parts({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: uploadId, PartNumberMarker: 10 });
    expect(rest.Parts?.map((p) => p.PartNumber)).toEqual([11, 12]);
    expect(rest.IsTruncated).toBe(false);
    await client.abort_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: uploadId });
  });

  it('2.3.11 Copy Part', async () => {
    await client.put_object({ Bucket: BUCKET, Key: KEY, Body: 'copied part source' });
    const upload = await client.create_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY });
    const part = await client.upload_part_copy({
      Bucket: BUCKET,
      CopySource: { Bucket: BUCKET, Key: KEY },
      // CopySourceRange: 'bytes=0-9',
      Key: MULTIPART_UPLOAD_KEY,
      PartNumber: 1,
      UploadId: upload.UploadId!,
    });
    expect(Object.keys(part).sort()).toEqual(['CopyPartResult', 'ResponseMetadata']);
    expect(part.CopyPartResult.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(part.CopyPartResult.LastModified).toBeInstanceOf(Date);
    // The commented-out CopySourceRange of the sample:
    const ranged = await client.upload_part_copy({
      Bucket: BUCKET,
      CopySource: { Bucket: BUCKET, Key: KEY },
      CopySourceRange: 'bytes=0-9',
      Key: MULTIPART_UPLOAD_KEY,
      PartNumber: 2,
      UploadId: upload.UploadId!,
    });
    expect(ranged.CopyPartResult.ETag).toMatch(/^"/);
    expect((await client.list_parts({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: upload.UploadId! })).Parts?.map((p) => p.Size)).toEqual([18, 10]);
    await client.abort_multipart_upload({ Bucket: BUCKET, Key: MULTIPART_UPLOAD_KEY, UploadId: upload.UploadId! });
  });

  it('2.3.12 DELETE Multiple Objects', async () => {
    await client.put_object({ Bucket: BUCKET, Key: 'test', Body: 't' });
    await client.put_object({ Bucket: BUCKET, Key: 'test-Copy', Body: 'c' });
    const response = await client.delete_objects({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'test' }, { Key: 'test-Copy' }] } });
    expect(Object.keys(response).sort()).toEqual(['Deleted', 'ResponseMetadata']);
    expect(response.Deleted).toEqual([{ Key: 'test' }, { Key: 'test-Copy' }]);
    expect(response.Errors).toBeUndefined();
    expect((await client.list_objects({ Bucket: BUCKET, Prefix: 'test' })).Contents).toBeUndefined();
    const quiet = await client.delete_objects({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'no-such-key' }], Quiet: true } });
    expectNothingElse(quiet, 200);
  });

  describe('2.4 关于 AccessKey 的操作', () => {
    let created: { AccessKeyId: string; SecretAccessKey: string } | undefined;

    it('2.4.1 CreateAccessKey', async () => {
      const data = { Action: 'CreateAccessKey' };
      const body = encode_params(data);
      const response = await iam_client.create_access_key({ Body: body });
      // The seed's flat fields, and boto IAM's AccessKey holding the same.
      expect(response.UserName).toBeTruthy();
      expect(response.AccessKeyId).toBeTruthy();
      expect(response.Status).toBe('Active');
      expect(response.SecretAccessKey).toBeTruthy();
      expect(response.IsPrimary).toBe(false);
      expect(response.AccessKey).toMatchObject({
        AccessKeyId: response.AccessKeyId,
        SecretAccessKey: response.SecretAccessKey,
        Status: 'Active',
        IsPrimary: false,
      });
      expect(response.ResponseMetadata.HTTPStatusCode).toBe(200);
      expect(response.ResponseMetadata.RequestId).toBeTruthy();
      created = { AccessKeyId: response.AccessKeyId!, SecretAccessKey: response.SecretAccessKey! };
    });

    it('2.4.3 UpdateAccessKey', async () => {
      const data = { Action: 'UpdateAccessKey', AccessKeyId: created!.AccessKeyId, Status: 'Inactive', IsPrimary: false };
      const body = encode_params(data);
      expect(body).toContain('IsPrimary=false');
      const response = await iam_client.update_access_key({ Body: body });
      expectNothingElse(response, 200);
      const listed = await iam_client.list_access_key({ Body: encode_params({ Action: 'ListAccessKey' }) });
      expect(listed.AccessKeyMetadata.find((k) => k.AccessKeyId === created!.AccessKeyId)?.Status).toBe('Inactive');
    });

    it('2.4.4 ListAccessKey', async () => {
      const data = { Action: 'ListAccessKey', MaxItems: 10 };
      const body = encode_params(data);
      const response = await iam_client.list_access_key({ Body: body });
      expect(Object.keys(response).sort()).toEqual(['AccessKeyMetadata', 'IsTruncated', 'ResponseMetadata', 'UserName']);
      expect(Array.isArray(response.AccessKeyMetadata)).toBe(true);
      expect(response.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual(expect.arrayContaining([AK, created!.AccessKeyId]));
      expect(response.AccessKeyMetadata.every((k) => k.SecretAccessKey === undefined)).toBe(true);
      expect(response.IsTruncated).toBe(false);
      const first = await iam_client.list_access_key({ Body: encode_params({ Action: 'ListAccessKey', MaxItems: 1 }) });
      expect(first.IsTruncated).toBe(true);
      const next = await iam_client.list_access_key({ Body: encode_params({ Action: 'ListAccessKey', MaxItems: 10, Marker: first.Marker }) });
      expect(next.AccessKeyMetadata.map((k) => k.AccessKeyId)).not.toContain(first.AccessKeyMetadata[0]!.AccessKeyId);
    });

    it('2.4.2 DeleteAccessKey', async () => {
      const data = { Action: 'DeleteAccessKey', AccessKeyId: created!.AccessKeyId };
      const body = encode_params(data);
      const response = await iam_client.delete_access_key({ Body: body });
      expectNothingElse(response, 200);
      const listed = await iam_client.list_access_key({ Body: encode_params({ Action: 'ListAccessKey' }) });
      expect(listed.AccessKeyMetadata.map((k) => k.AccessKeyId)).not.toContain(created!.AccessKeyId);
      // The seed's literal key id is unknown here.
      const unknown = await caught(iam_client.delete_access_key({ Body: encode_params({ Action: 'DeleteAccessKey', AccessKeyId: '10c2758180defd92e034' }) }));
      expect(unknown.response.Error.Code).toBe('NoSuchEntity');
    });
  });
});
