import { describe, expect, it } from 'vitest';
import { toParams } from '../src/args.ts';
import { CosClientError, CosConfig, CosS3Client, type CosConfigOptions } from '../src/index.ts';

let calls = 0;
// A dispatcher that records any attempt to reach the network: validation must happen first.
const dispatcher = {
  request() {
    calls++;
    throw new Error('no network in this test');
  },
} as unknown as CosConfigOptions['Dispatcher'];

const client = new CosS3Client({ Region: 'ap-guangzhou', SecretId: 'AKIDtest', SecretKey: 'secret', Dispatcher: dispatcher, Retry: 0 });
const B = 'examplebucket-1250000000';

async function rejection(p: Promise<unknown>): Promise<CosClientError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(CosClientError);
    return error as CosClientError;
  }
  throw new Error('expected a rejection');
}

describe('arguments are checked before any request', () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['missing Bucket', () => client.head_object({ Key: 'k' } as never), /Bucket is required/],
    ['bucket without APPID', () => client.list_objects({ Bucket: 'examplebucket' }), /Bucket 'examplebucket' is not a valid COS bucket name/],
    ['upper-case bucket', () => client.create_bucket({ Bucket: 'Example-1250000000' }), /Bucket 'Example-1250000000'/],
    ['bucket too long', () => client.delete_bucket({ Bucket: `${'a'.repeat(45)}-1250000000` }), /longer than 50/],
    ['missing Key', () => client.get_object({ Bucket: B } as never), /Key is required/],
    ['empty Key', () => client.delete_object({ Bucket: B, Key: '' }), /Key is required/],
    [
      'PartNumber 0',
      () => client.upload_part({ Bucket: B, Key: 'k', Body: 'x', PartNumber: 0, UploadId: 'u' }),
      /PartNumber must be an integer between 1 and 10000/,
    ],
    [
      'PartNumber 10001',
      () => client.upload_part_copy({ Bucket: B, Key: 'k', PartNumber: 10001, UploadId: 'u', CopySource: { Bucket: B, Key: 'a' } }),
      /PartNumber/,
    ],
    [
      'CopySource string',
      () => client.copy_object({ Bucket: B, Key: 'k', CopySource: `${B}.cos.ap-guangzhou.myqcloud.com/a` as never }),
      /CopySource must be a dict/,
    ],
    ['CopySource bad bucket', () => client.copy_object({ Bucket: B, Key: 'k', CopySource: { Bucket: 'nope', Key: 'a' } }), /CopySource\['Bucket'\]/],
    ['CopyStatus', () => client.copy_object({ Bucket: B, Key: 'k', CopySource: { Bucket: B, Key: 'a' }, CopyStatus: 'Move' }), /CopyStatus/],
    ['Body missing', () => client.put_object({ Bucket: B, Key: 'k' } as never), /Body is required/],
    ['Body number', () => client.put_object({ Bucket: B, Key: 'k', Body: 42 as never }), /Body must be bytes/],
    [
      'LocalFilePath missing file',
      () => client.put_object_from_local_file({ Bucket: B, Key: 'k', LocalFilePath: '/nonexistent/file' }),
      /LocalFilePath '\/nonexistent\/file' cannot be read/,
    ],
    ['Delete empty', () => client.delete_objects({ Bucket: B, Delete: { Object: [] } }), /Delete\['Object'\]/],
    [
      'Delete > 1000',
      () => client.delete_objects({ Bucket: B, Delete: { Object: Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` })) } }),
      /at most 1000/,
    ],
    ['MaxKeys', () => client.list_objects({ Bucket: B, MaxKeys: 5000 }), /MaxKeys/],
    ['Position', () => client.append_object({ Bucket: B, Key: 'k', Position: -1, Data: 'x' }), /Position/],
    ['RestoreRequest', () => client.restore_object({ Bucket: B, Key: 'k', RestoreRequest: 'x' as never }), /RestoreRequest must be a dict/],
    ['lifecycle status', () => client.put_bucket_lifecycle({ Bucket: B, LifecycleConfiguration: { Rule: [{ Status: 'on' }] } }), /Status/],
    ['cors rules', () => client.put_bucket_cors({ Bucket: B, CORSConfiguration: { CORSRule: [] } }), /CORSRule/],
    ['ACL both forms', () => client.put_bucket_acl({ Bucket: B, ACL: 'private', AccessControlPolicy: { Grant: [] } }), /cannot be combined/],
    [
      'select Expression',
      () => client.select_object_content({ Bucket: B, Key: 'k', ExpressionType: 'SQL', InputSerialization: {}, OutputSerialization: {} } as never),
      /Expression is required/,
    ],
    ['Range', () => client.get_object({ Bucket: B, Key: 'k', Range: 'first 10 bytes' }), /Range must look like/],
    ['KeySimplifyCheck', () => client.get_object({ Bucket: B, Key: 'a/..' }), /bucket root/],
    ['UploadId', () => client.list_parts({ Bucket: B, Key: 'k' } as never), /UploadId is required/],
    // get_presigned_url answers at once; wrapping it in a Promise keeps the table uniform.
    ['presign Method', async () => client.get_presigned_url({ Bucket: B, Key: 'k', Method: 'FETCH' }), /Method must be one of/],
    ['TrafficLimit', () => client.put_object({ Bucket: B, Key: 'k', Body: 'x', TrafficLimit: 100 }), /TrafficLimit must be bits per second/],
    ['versioning Status', () => client.put_bucket_versioning({ Bucket: B, Status: 'On' as never }), /Status must be 'Enabled' or 'Suspended'/],
    ['signal', () => client.head_bucket({ Bucket: B, signal: 'now' as never }), /signal must be an AbortSignal/],
  ];
  for (const [name, call, message] of cases) {
    it(name, async () => {
      const before = calls;
      const error = await rejection(call());
      expect(error.message).toMatch(message);
      expect(['InvalidArgument', 'ENOENT']).toContain(error.code);
      expect(calls).toBe(before);
    });
  }

  it('a network failure is a CosClientError carrying the cause', async () => {
    const error = await rejection(client.head_bucket({ Bucket: B }));
    expect(calls).toBeGreaterThan(0);
    expect(error.message).toContain('head_bucket');
  });
});

describe('positional calls follow the real Python SDK order', () => {
  it('list_objects(Bucket, Prefix, Delimiter, Marker, MaxKeys, EncodingType)', () => {
    const order = ['Bucket', 'Prefix', 'Delimiter', 'Marker', 'MaxKeys', 'EncodingType'];
    expect(toParams('list_objects', [B, 'p/', '/', 'm'], order)).toEqual({ Bucket: B, Prefix: 'p/', Delimiter: '/', Marker: 'm' });
    expect(toParams('list_objects', [B, 'p/', { MaxKeys: 10 }], order)).toEqual({ Bucket: B, Prefix: 'p/', MaxKeys: 10 });
    expect(toParams('list_objects', [{ Bucket: B, Marker: 'x' }], order)).toEqual({ Bucket: B, Marker: 'x' });
  });
  it('a dict parameter in its own position is the value, not kwargs', () => {
    const order = ['Bucket', 'Key', 'CopySource', 'CopyStatus'];
    expect(toParams('copy_object', [B, 'k', { Bucket: B, Key: 's' }], order)).toEqual({ Bucket: B, Key: 'k', CopySource: { Bucket: B, Key: 's' } });
  });
  it('refuses duplicates and too many values', () => {
    expect(() => toParams('head_object', [B, 'k', { Key: 'x' }], ['Bucket', 'Key'])).toThrow(/multiple values for argument 'Key'/);
    expect(() => toParams('head_object', [B, 'k', 'extra'], ['Bucket', 'Key'])).toThrow(/at most 2 positional/);
  });
});

describe('CosConfig', () => {
  it('virtual-hosted by default, https', () => {
    const c = new CosConfig({ Region: 'ap-guangzhou', SecretId: 'a', SecretKey: 'b' });
    expect(c.target(B, 'doc/a b.txt')).toEqual({ origin: `https://${B}.cos.ap-guangzhou.myqcloud.com`, path: '/doc/a%20b.txt' });
    expect(c.target(undefined)).toEqual({ origin: 'https://service.cos.myqcloud.com', path: '/' });
  });
  it('seed 002 names: Appid, Access_id, Access_key; region aliases; legacy hosts', () => {
    const c = new CosConfig({ Appid: 1250000000, Access_id: 'id', Access_key: 'key', Region: 'cosgz' });
    expect(c.credentials()).toEqual({ accessKeyId: 'id', secretAccessKey: 'key' });
    expect(c.formatBucket('test01')).toBe('test01-1250000000');
    expect(c.formatBucket('test01-1250000000')).toBe('test01-1250000000');
    expect(c.Region).toBe('ap-guangzhou');
    expect(new CosConfig({ Region: 'cn-north', SecretId: 'a', SecretKey: 'b' }).target(B).origin).toBe(`https://${B}.cn-north.myqcloud.com`);
  });
  it('an IP endpoint switches to path-style; IP= keeps the bucket host in Host', () => {
    const local = new CosConfig({ Region: 'ap-guangzhou', Endpoint: '127.0.0.1:9000', Scheme: 'http', SecretId: 'a', SecretKey: 'b' });
    expect(local.target(B, 'k')).toEqual({ origin: 'http://127.0.0.1:9000', path: `/${B}/k` });
    const ip = new CosConfig({ Region: 'ap-guangzhou', IP: '127.0.0.1', Port: 9000, Scheme: 'http', SecretId: 'a', SecretKey: 'b' });
    expect(ip.target(B, 'k')).toEqual({ origin: 'http://127.0.0.1:9000', path: '/k', host: `${B}.cos.ap-guangzhou.myqcloud.com` });
    expect(new CosConfig({ Domain: 'static.example.com', SecretId: 'a', SecretKey: 'b' }).target(B, 'k').origin).toBe('https://static.example.com');
    expect(new CosConfig({ Region: 'ap-beijing', EnableOldDomain: false, SecretId: 'a', SecretKey: 'b' }).target(B).origin).toBe(
      `https://${B}.cos.ap-beijing.tencentcos.cn`,
    );
  });
  it('refuses a config without Region/Endpoint/Domain or with a bad Scheme', () => {
    expect(() => new CosConfig({ SecretId: 'a', SecretKey: 'b' })).toThrow(/Region/);
    expect(() => new CosConfig({ Region: 'ap-guangzhou', Scheme: 'ftp' as never })).toThrow(/Scheme/);
  });
});

describe('camelCase aliases', () => {
  it('are the same functions', () => {
    expect(client.putObject).toBe(client.put_object);
    expect(client.listObjectsVersions).toBe(client.list_objects_versions);
    expect(client.completeMultipartUpload).toBe(client.complete_multipart_upload);
    expect(client.selectObjectContent).toBe(client.select_object_content);
  });
});
