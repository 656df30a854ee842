import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosClientError, CosConfig, CosS3Client, type CosConfigOptions } from '../src/index.ts';

/**
 * Issue 13's COS items that need no server: every check here must fail
 * before any request, so the client's dispatcher counts attempts.
 */
let calls = 0;
const dispatcher = {
  request() {
    calls++;
    throw new Error('no network in this test');
  },
} as unknown as CosConfigOptions['Dispatcher'];

const options: CosConfigOptions = { Region: 'ap-guangzhou', SecretId: 'AKIDtest', SecretKey: 'secret-key-value', Dispatcher: dispatcher, Retry: 0 };
const client = new CosS3Client(options);
const B = 'examplebucket-1250000000';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yunstore-cos-fidelity-'));
});
afterAll(async () => {
  await client.close();
  await rm(dir, { recursive: true, force: true });
});

async function refused(call: () => Promise<unknown>): Promise<CosClientError> {
  const before = calls;
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CosClientError);
  expect(calls).toBe(before);
  return error as CosClientError;
}

describe('an object call never becomes a bucket call (Key empty once the leading / is dropped)', () => {
  const calls: Array<[string, (key: string) => Promise<unknown>]> = [
    ['delete_object', (Key) => client.delete_object({ Bucket: B, Key })],
    ['put_object_acl', (Key) => client.put_object_acl({ Bucket: B, Key, ACL: 'public-read' })],
    ['get_object_acl', (Key) => client.get_object_acl({ Bucket: B, Key })],
    ['head_object', (Key) => client.head_object({ Bucket: B, Key })],
    ['object_exists', (Key) => client.object_exists({ Bucket: B, Key })],
    ['get_object', (Key) => client.get_object({ Bucket: B, Key, KeySimplifyCheck: false })],
    ['put_object', (Key) => client.put_object({ Bucket: B, Key, Body: 'x' })],
    ['append_object', (Key) => client.append_object({ Bucket: B, Key, Position: 0, Data: 'x' })],
    ['restore_object', (Key) => client.restore_object({ Bucket: B, Key, RestoreRequest: { Days: 1 } })],
    ['create_multipart_upload', (Key) => client.create_multipart_upload({ Bucket: B, Key })],
    ['abort_multipart_upload', (Key) => client.abort_multipart_upload({ Bucket: B, Key, UploadId: 'u' })],
    ['copy_object (target)', (Key) => client.copy_object({ Bucket: B, Key, CopySource: { Bucket: B, Key: 'a', Region: 'ap-guangzhou' } })],
    ['copy_object (source)', (Key) => client.copy_object({ Bucket: B, Key: 'a', CopySource: { Bucket: B, Key, Region: 'ap-guangzhou' } })],
    ['deleteObject (camelCase)', (Key) => client.deleteObject(B, Key)],
    ['get_presigned_url', async (Key) => client.get_presigned_url({ Bucket: B, Key, Method: 'DELETE' })],
  ];
  for (const [name, call] of calls) {
    it(`${name} refuses '/' and '//'`, async () => {
      for (const key of ['/', '//']) {
        const error = await refused(() => call(key));
        expect(error.message).toMatch(/would address the bucket/);
        expect(error.code).toBe('InvalidArgument');
      }
    });
  }

  it('get_auth still signs a bucket-level request for Key "/", as the Python SDK', () => {
    expect(client.get_auth('GET', B, '/')).toMatch(/^q-sign-algorithm=sha1&/);
  });
});

describe('URL and signature helpers return strings at once', () => {
  it('get_presigned_url, get_presigned_download_url, get_object_url and get_auth are not Promises', () => {
    const results = [
      client.get_presigned_url({ Bucket: B, Key: 'a.txt', Method: 'PUT' }),
      client.getPresignedDownloadUrl(B, 'a.txt', 60),
      client.get_object_url(B, 'dir/a b.txt'),
      client.getAuth('GET', B, 'a.txt'),
    ];
    for (const r of results) expect(typeof r).toBe('string');
    expect(results[2]).toBe('https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/a%20b.txt');
    expect(`${results[1]}`).toContain('q-signature=');
  });

  it('a bad argument throws CosClientError synchronously', () => {
    expect(() => client.get_presigned_url({ Bucket: B, Key: 'a', Method: 'FETCH' })).toThrow(CosClientError);
  });

  it("get_auth SignHost=False with no headers gives an empty q-header-list (the Python SDK's value)", () => {
    const Now = new Date(1_700_000_000_000);
    const withHost = client.get_auth({ Method: 'GET', Bucket: B, Key: 'a.txt', Now });
    const without = client.get_auth({ Method: 'GET', Bucket: B, Key: 'a.txt', SignHost: false, Now });
    expect(withHost).toContain('&q-header-list=host&');
    expect(without).toContain('&q-header-list=&');
    const typed = client.get_auth({ Method: 'PUT', Bucket: B, Key: 'a.txt', SignHost: false, Headers: { 'Content-Type': 'text/plain' }, Now });
    expect(typed).toContain('&q-header-list=content-type&');
  });
});

describe('validation the Python SDK does', () => {
  it("Region format: 'ap guangzhou' and friends are refused when the config is made", () => {
    for (const Region of ['ap guangzhou', '-ap-guangzhou', 'ap-guangzhou-', 'ap_guangzhou', 'ap/guangzhou']) {
      expect(() => new CosConfig({ ...options, Region })).toThrow(/Region format is illegal/);
    }
    for (const Region of ['ap-guangzhou', 'cos.ap-beijing-1', 'cosgz', 'na-siliconvalley']) {
      expect(new CosConfig({ ...options, Region }).Region).toBeTruthy();
    }
  });

  it("EncodingType only 'url'", async () => {
    const cases = [
      () => client.list_objects({ Bucket: B, EncodingType: 'base64' }),
      () => client.list_objects_versions({ Bucket: B, EncodingType: 'URL ' }),
      () => client.list_multipart_uploads({ Bucket: B, EncodingType: 'gzip' }),
      () => client.list_parts({ Bucket: B, Key: 'k', UploadId: 'u', EncodingType: 'xml' }),
    ];
    for (const call of cases) expect((await refused(call)).message).toMatch(/EncodingType must be 'url'/);
  });

  it('a ContentLength that disagrees with the body is refused', async () => {
    const error = await refused(() => client.put_object({ Bucket: B, Key: 'k', Body: 'hello', ContentLength: 3 }));
    expect(error.message).toMatch(/ContentLength is 3 but Body holds 5 bytes/);
    await refused(() => client.upload_part({ Bucket: B, Key: 'k', Body: Buffer.alloc(10), PartNumber: 1, UploadId: 'u', ContentLength: '11' }));
    await refused(() => client.append_object({ Bucket: B, Key: 'k', Position: 0, Data: 'abc', ContentLength: 4 }));
  });

  it('PartSize must be a whole number of MB in 1..5120', async () => {
    const file = join(dir, 'part-size.txt');
    await writeFile(file, 'x');
    for (const PartSize of [0.5, 0, -1, 5121, 1.5, Number.NaN]) {
      const error = await refused(() => client.upload_file({ Bucket: B, Key: 'k', LocalFilePath: file, PartSize }));
      expect(error.message).toMatch(/PartSize must be a whole number of MB between 1 and 5120/);
    }
    await refused(() => client.download_file({ Bucket: B, Key: 'k', DestFilePath: join(dir, 'out'), PartSize: 0.25 }));
  });

  it('calls after close() fail clearly; URL helpers keep working', async () => {
    const closing = new CosS3Client(options);
    await closing.close();
    const error = await refused(() => closing.head_bucket({ Bucket: B }));
    expect(error.code).toBe('ClientClosed');
    expect(error.message).toMatch(/head_bucket: this CosS3Client was closed/);
    await refused(() => closing.putObject(B, 'x', 'k'));
    expect(typeof closing.get_object_url(B, 'k')).toBe('string');
  });
});

describe('local destinations are checked before the first request', () => {
  it('download_file onto an existing folder fails with CosClientError EISDIR', async () => {
    const error = await refused(() => client.download_file({ Bucket: B, Key: 'k', DestFilePath: dir }));
    expect(error.code).toBe('EISDIR');
    expect(error.message).toMatch(/is an existing folder/);
  });

  it('download_file under a file (not a folder) fails with ENOTDIR', async () => {
    const file = join(dir, 'plain.txt');
    await writeFile(file, 'x');
    const error = await refused(() => client.download_file({ Bucket: B, Key: 'k', DestFilePath: join(file, 'child.txt') }));
    expect(error.code).toBe('ENOTDIR');
  });

  it('download_folder onto a file fails with ENOTDIR', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const error = await refused(() => client.download_folder({ Bucket: B, Prefix: 'p/', LocalFolder: file }));
    expect(error.code).toBe('ENOTDIR');
  });
});

describe('secrets stay hidden', () => {
  it('JSON.stringify and inspect of a CosConfig show no SecretKey or Token', () => {
    const config = new CosConfig({ ...options, Token: 'session-token-value' });
    for (const text of [JSON.stringify(config), inspect(config), JSON.stringify(client)]) {
      expect(text).not.toContain('secret-key-value');
      expect(text).not.toContain('session-token-value');
    }
    expect(JSON.stringify(config)).toContain('AKIDtest');
  });
});
