import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosClientError, CosS3Client, CosServiceError } from '../src/index.ts';
import { caught, startHarness, stopHarness, type Harness } from './helpers.ts';

let h: Harness;
const B = 'bucketops-1250000000';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => stopHarness(h));

describe('buckets against the emulator', () => {
  it('create_bucket, head_bucket, bucket_exists, list_buckets', async () => {
    expect(await h.client.create_bucket({ Bucket: B, ACL: 'private' })).toBeUndefined();
    const head = await h.client.head_bucket({ Bucket: B });
    expect(head['x-cos-request-id']).toBeTruthy();
    expect(await h.client.bucket_exists({ Bucket: B })).toBe(true);
    expect(await h.client.bucketExists(`missing-1250000000`)).toBe(false);
    const list = await h.client.list_buckets();
    expect(Array.isArray(list.Buckets?.Bucket)).toBe(true);
    expect(list.Buckets?.Bucket?.map((b) => b['Name'])).toContain(B);
    const again = (await caught(() => h.client.create_bucket(B))) as CosServiceError;
    expect(again).toBeInstanceOf(CosServiceError);
    expect(again.get_status_code()).toBe(409);
  });

  it('put_bucket_acl with headers and with a body; get_bucket_acl in both shapes', async () => {
    await h.client.put_bucket_acl({ Bucket: B, ACL: 'public-read' });
    let acl = await h.client.get_bucket_acl({ Bucket: B });
    expect(acl.CannedACL).toBe('public-read');
    expect(acl.AccessControlList.Grant).toBe(acl.Grant);
    expect(acl.Owner?.['ID']).toBeTruthy();
    const owner = String(acl.Owner?.['ID']);
    await h.client.putBucketAcl(B, { Owner: { ID: owner }, Grant: [{ Grantee: { ID: owner, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }] });
    acl = await h.client.getBucketAcl(B);
    expect(acl.CannedACL).toBe('private');
    expect(acl.Grant.some((g) => g['Permission'] === 'FULL_CONTROL')).toBe(true);
    expect((acl.Grant[0]?.['Grantee'] as Record<string, unknown>)['Type']).toBe('CanonicalUser');
  });

  it('put/get/delete_bucket_cors; lists stay lists', async () => {
    await h.client.put_bucket_cors({
      Bucket: B,
      CORSConfiguration: {
        CORSRule: [
          {
            ID: 'r1',
            MaxAgeSeconds: 100,
            AllowedOrigin: ['http://www.qcloud.com'],
            AllowedMethod: ['GET', 'PUT'],
            AllowedHeader: ['*'],
            ExposeHeader: ['ETag'],
          },
        ],
      },
    });
    const cors = await h.client.get_bucket_cors({ Bucket: B });
    expect(cors.CORSRule).toHaveLength(1);
    expect(cors.CORSRule?.[0]).toMatchObject({
      ID: 'r1',
      MaxAgeSeconds: '100',
      AllowedOrigin: ['http://www.qcloud.com'],
      AllowedMethod: ['GET', 'PUT'],
      ExposeHeader: ['ETag'],
    });
    expect(await h.client.delete_bucket_cors({ Bucket: B })).toBeUndefined();
    const gone = (await caught(() => h.client.get_bucket_cors({ Bucket: B }))) as CosServiceError;
    expect(gone.get_error_code()).toBe('NoSuchCORSConfiguration');
  });

  it('put/get/delete_bucket_lifecycle', async () => {
    await h.client.put_bucket_lifecycle({
      Bucket: B,
      LifecycleConfiguration: {
        Rule: [
          { ID: 'logs', Filter: { Prefix: 'logs/' }, Status: 'Enabled', Expiration: { Days: 30 }, Transition: { Days: 10, StorageClass: 'STANDARD_IA' } },
          { ID: 'mp', Filter: { Prefix: '' }, Status: 'Disabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
        ],
      },
    });
    const lc = await h.client.get_bucket_lifecycle({ Bucket: B });
    expect(lc.Rule).toHaveLength(2);
    expect(lc.Rule?.[0]).toMatchObject({
      ID: 'logs',
      Status: 'Enabled',
      Expiration: { Days: '30' },
      Transition: [{ Days: '10', StorageClass: 'STANDARD_IA' }],
    });
    await h.client.delete_bucket_lifecycle({ Bucket: B });
    const gone = (await caught(() => h.client.get_bucket_lifecycle({ Bucket: B }))) as CosServiceError;
    expect(gone.get_error_code()).toBe('NoSuchLifecycleConfiguration');
  });

  it('virtual-hosted addressing (IP=) reaches the same bucket', async () => {
    expect(await h.ipClient.bucket_exists({ Bucket: B })).toBe(true);
    await h.ipClient.put_object({ Bucket: B, Key: 'via-ip.txt', Body: 'hello' });
    expect(await (await h.client.get_object({ Bucket: B, Key: 'via-ip.txt' })).Body.text()).toBe('hello');
  });

  it('delete_bucket refuses a non-empty bucket, then succeeds', async () => {
    const err = (await caught(() => h.client.delete_bucket({ Bucket: B }))) as CosServiceError;
    expect(err.get_error_code()).toBe('BucketNotEmpty');
    await h.client.delete_object({ Bucket: B, Key: 'via-ip.txt' });
    expect(await h.client.delete_bucket({ Bucket: B })).toBeUndefined();
    expect(await h.client.bucket_exists({ Bucket: B })).toBe(false);
  });

  it('service errors carry the Python accessors; a wrong secret is SignatureDoesNotMatch', async () => {
    const err = (await caught(() => h.client.list_objects({ Bucket: 'nosuch-1250000000' }))) as CosServiceError;
    expect(err).toBeInstanceOf(CosServiceError);
    expect(err.get_status_code()).toBe(404);
    expect(err.get_error_code()).toBe('NoSuchBucket');
    expect(err.get_error_msg()).toBeTruthy();
    expect(err.get_request_id()).toBeTruthy();
    expect(err.get_trace_id()).toBeTruthy();
    expect(err.get_resource_location()).toBeTruthy();
    expect(err.get_origin_msg()).toContain('<Code>NoSuchBucket</Code>');
    expect(err.get_digest_msg().code).toBe('NoSuchBucket');
    const bad = new CosS3Client(h.options({ SecretKey: 'wrong' }));
    const denied = (await caught(() => bad.list_buckets())) as CosServiceError;
    expect(denied.get_error_code()).toBe('SignatureDoesNotMatch');
    await bad.close();
  });

  it('an aborted call rejects with CosClientError ABORTED', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = (await caught(() => h.client.list_buckets({ signal: controller.signal }))) as CosClientError;
    expect(err).toBeInstanceOf(CosClientError);
    expect(err.code).toBe('ABORTED');
  });
});

describe('credentials and addressing variants', () => {
  it('temporary keys work with Token and fail without it', async () => {
    const { TMP_ID, TMP_KEY, TMP_TOKEN } = await import('./helpers.ts');
    const sts = new CosS3Client(h.options({ SecretId: TMP_ID, SecretKey: TMP_KEY, Token: TMP_TOKEN }));
    expect(Array.isArray((await sts.list_buckets()).Buckets?.Bucket ?? [])).toBe(true);
    const noToken = new CosS3Client(h.options({ SecretId: TMP_ID, SecretKey: TMP_KEY }));
    const err = (await caught(() => noToken.list_buckets())) as CosServiceError;
    expect(err.get_status_code()).toBe(403);
    await sts.close();
    await noToken.close();
  });

  it('seed 002 config names (Appid, Access_id, Access_key) and short bucket names', async () => {
    const { SECRET_ID, SECRET_KEY } = await import('./helpers.ts');
    const old = new CosS3Client({
      Appid: 1250000000,
      Access_id: SECRET_ID,
      Access_key: SECRET_KEY,
      Region: 'ap-guangzhou',
      Scheme: 'http',
      Endpoint: `127.0.0.1:${h.port}`,
    });
    await old.create_bucket({ Bucket: 'test01' });
    expect(await h.client.bucket_exists({ Bucket: 'test01-1250000000' })).toBe(true);
    await old.put_object({ Bucket: 'test01', Key: 'k', Body: 'v' });
    await old.copy_object({ Bucket: 'test01', Key: 'k2', CopySource: { Appid: '1250000000', Bucket: 'test01', Key: 'k', Region: 'ap-guangzhou' } });
    expect(await (await h.client.get_object({ Bucket: 'test01-1250000000', Key: 'k2' })).Body.text()).toBe('v');
    await old.close();
  });

  it('list_buckets through IP= mode, versioning through put/get_bucket_versioning', async () => {
    expect((await h.ipClient.list_buckets()).Buckets?.Bucket?.some((b) => b['Name'] === 'test01-1250000000')).toBe(true);
    const V = 'versioned-1250000000';
    await h.client.create_bucket(V);
    expect(await h.client.get_bucket_versioning(V)).not.toHaveProperty('Status', 'Enabled');
    await h.client.put_bucket_versioning({ Bucket: V, Status: 'Enabled' });
    expect((await h.client.getBucketVersioning(V)).Status).toBe('Enabled');
    const v1 = await h.client.put_object({ Bucket: V, Key: 'doc', Body: 'one' });
    const v2 = await h.client.put_object({ Bucket: V, Key: 'doc', Body: 'two' });
    expect(v1['x-cos-version-id']).toBeTruthy();
    expect(v2['x-cos-version-id']).not.toBe(v1['x-cos-version-id']);
    // Works whether the emulator keeps every version or only the current one:
    // the current version is asserted exactly, older ones only by shape.
    const current = await h.client.get_object({ Bucket: V, Key: 'doc', VersionId: v2['x-cos-version-id'] as string });
    expect(await current.Body.text()).toBe('two');
    const head = await h.client.head_object({ Bucket: V, Key: 'doc', VersionId: v2['x-cos-version-id'] as string });
    expect(head['x-cos-version-id']).toBe(v2['x-cos-version-id']);
    const versions = await h.client.list_objects_versions({ Bucket: V });
    const latest = versions.Version?.find((v) => v.VersionId === v2['x-cos-version-id']);
    expect(latest?.IsLatest).toBe('true');
    for (const v of versions.Version ?? []) if (v !== latest) expect(v).toMatchObject({ Key: 'doc', VersionId: v1['x-cos-version-id'], IsLatest: 'false' });
    const del = await h.client.delete_object({ Bucket: V, Key: 'doc', VersionId: v2['x-cos-version-id'] as string });
    expect(del['x-cos-version-id']).toBe(v2['x-cos-version-id']);
    const after = (await h.client.list_objects_versions(V)).Version ?? [];
    expect(after.map((v) => v.VersionId)).not.toContain(v2['x-cos-version-id']);
  });

  it('TrafficLimit is sent on put and get', async () => {
    const T = 'traffic-1250000000';
    await h.client.create_bucket(T);
    await h.client.put_object({ Bucket: T, Key: 't', Body: 'limited', TrafficLimit: 819200 });
    const got = await h.client.get_object({ Bucket: T, Key: 't', TrafficLimit: '8192000' });
    expect(await got.Body.text()).toBe('limited');
  });
});
