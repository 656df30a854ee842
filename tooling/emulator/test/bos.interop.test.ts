/**
 * Fidelity of the BOS dialect, proven with the vendor's own Node SDK
 * (@baiducloud/sdk 1.0.x) pointed at the emulator by its documented
 * `endpoint` option (an IP endpoint, so the SDK uses path style).
 */
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, startEmulator, type Emulator } from '../src/index.ts';

interface VendorError {
  status_code: number;
  code: string;
  request_id?: string;
  message: string;
}
interface VendorResponse<B = Record<string, unknown>> {
  http_headers: Record<string, string>;
  body: B;
}
type AnyBody = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface VendorClient {
  createBucket(b: string): Promise<VendorResponse>;
  doesBucketExist(b: string): Promise<boolean>;
  listBuckets(): Promise<VendorResponse<AnyBody>>;
  deleteBucket(b: string): Promise<VendorResponse>;
  getBucketLocation(b: string): Promise<VendorResponse<AnyBody>>;
  setBucketCannedAcl(b: string, acl: string): Promise<VendorResponse>;
  setBucketAcl(b: string, acl: unknown[]): Promise<VendorResponse>;
  getBucketAcl(b: string): Promise<VendorResponse<AnyBody>>;
  putObjectFromString(b: string, k: string, data: string, options?: Record<string, unknown>): Promise<VendorResponse>;
  getObject(b: string, k: string, range?: string): Promise<VendorResponse<Buffer>>;
  getObjectMetadata(b: string, k: string): Promise<VendorResponse>;
  listObjects(b: string, options?: Record<string, unknown>): Promise<VendorResponse<AnyBody>>;
  deleteObject(b: string, k: string): Promise<VendorResponse>;
  copyObject(sb: string, sk: string, tb: string, tk: string, options?: Record<string, unknown>): Promise<VendorResponse<AnyBody>>;
  initiateMultipartUpload(b: string, k: string): Promise<VendorResponse<AnyBody>>;
  uploadPartFromFile(b: string, k: string, id: string, n: number, size: number, file: string, offset: number): Promise<VendorResponse>;
  listParts(b: string, k: string, id: string): Promise<VendorResponse<AnyBody>>;
  listMultipartUploads(b: string): Promise<VendorResponse<AnyBody>>;
  completeMultipartUpload(b: string, k: string, id: string, parts: unknown[]): Promise<VendorResponse<AnyBody>>;
  abortMultipartUpload(b: string, k: string, id: string): Promise<VendorResponse>;
  generatePresignedUrl(b: string, k: string, timestamp?: number, expiration?: number): string;
}
const sdk = createRequire(import.meta.url)('@baiducloud/sdk') as { BosClient: new (config: object) => VendorClient };

let emu: Emulator;
let bos: VendorClient;
let dir: string;
const B = 'vendor-bucket';

function vendorClient(secret = DEFAULT_SECRET_ACCESS_KEY): VendorClient {
  return new sdk.BosClient({ endpoint: emu.endpoints.bos, credentials: { ak: DEFAULT_ACCESS_KEY_ID, sk: secret } });
}

async function refused(p: Promise<unknown>): Promise<VendorError> {
  return p.then(
    () => {
      throw new Error('expected the request to be refused');
    },
    (e: unknown) => e as VendorError,
  );
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, minPartSize: 1024 });
  bos = vendorClient();
  dir = await mkdtemp(join(tmpdir(), 'bos-interop-'));
});
afterAll(async () => {
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('@baiducloud/sdk against the BOS dialect', () => {
  it('buckets: create, exists, list, location, delete', async () => {
    expect(await bos.doesBucketExist(B)).toBe(false);
    await bos.createBucket(B);
    expect(await bos.doesBucketExist(B)).toBe(true);
    const list = await bos.listBuckets();
    expect(list.body['buckets'].map((b: { name: string }) => b.name)).toContain(B);
    expect((await bos.getBucketLocation(B)).body['locationConstraint']).toBe('bj');
    await bos.createBucket('vendor-temp');
    await bos.deleteBucket('vendor-temp');
    expect(await bos.doesBucketExist('vendor-temp')).toBe(false);
    const dup = await refused(bos.createBucket(B));
    expect([dup.status_code, dup.code]).toEqual([409, 'BucketAlreadyExists']);
  });

  const KEYS = ['with space.txt', '中文/文件 名.txt', 'a+b.txt', '50%off.txt', 'til~de.txt', 'st*ar.txt', 'trailing/'];
  it.each(KEYS)('put, head, get, list, delete %j', async (key) => {
    await bos.putObjectFromString(B, key, `data:${key}`, { 'x-bce-meta-tag': 'v1', 'Content-Type': 'text/plain' });
    const head = await bos.getObjectMetadata(B, key);
    expect(head.http_headers['content-length']).toBe(String(Buffer.byteLength(`data:${key}`)));
    expect(head.http_headers['x-bce-meta-tag']).toBe('v1');
    expect(head.http_headers['x-bce-request-id']).toBeTruthy();
    expect((await bos.getObject(B, key)).body.toString()).toBe(`data:${key}`);
    expect((await bos.getObject(B, key, '0-3')).body.toString()).toBe('data');
    const listed = await bos.listObjects(B, { prefix: key });
    expect(listed.body['contents'].map((c: { key: string }) => c.key)).toContain(key);
    await bos.deleteObject(B, key);
    const gone = await refused(bos.getObject(B, key));
    expect(gone.status_code).toBe(404);
  });

  it('repeated slashes: the vendor SDK normalises `a//b` to `a/b` before signing, and the emulator follows the path it was sent', async () => {
    await bos.putObjectFromString(B, 'x//y', 'slashes');
    expect((await bos.getObject(B, 'x/y')).body.toString()).toBe('slashes');
    await bos.deleteObject(B, 'x/y');
  });

  it('listing with delimiter, marker and maxKeys', async () => {
    for (const k of ['l/1', 'l/2', 'l/sub/3', 'l/4']) await bos.putObjectFromString(B, k, k);
    const page = await bos.listObjects(B, { prefix: 'l/', maxKeys: 2 });
    expect(page.body['isTruncated']).toBe(true);
    expect(page.body['nextMarker']).toBe('l/2');
    const next = await bos.listObjects(B, { prefix: 'l/', marker: page.body['nextMarker'] });
    expect(next.body['contents'].map((c: { key: string }) => c.key)).toEqual(['l/4', 'l/sub/3']);
    const grouped = await bos.listObjects(B, { prefix: 'l/', delimiter: '/' });
    expect(grouped.body['commonPrefixes']).toEqual([{ prefix: 'l/sub/' }]);
  });

  it('copy with and without replaced metadata', async () => {
    await bos.putObjectFromString(B, 'src 源.txt', 'copy me', { 'x-bce-meta-a': '1' });
    const copied = await bos.copyObject(B, 'src 源.txt', B, 'dst/副本.txt');
    expect(copied.body['eTag']).toBeTruthy();
    expect((await bos.getObjectMetadata(B, 'dst/副本.txt')).http_headers['x-bce-meta-a']).toBe('1');
    await bos.copyObject(B, 'src 源.txt', B, 'dst/new.txt', { 'x-bce-meta-b': '2' });
    const replaced = await bos.getObjectMetadata(B, 'dst/new.txt');
    expect(replaced.http_headers['x-bce-meta-b']).toBe('2');
    expect(replaced.http_headers['x-bce-meta-a']).toBeUndefined();
  });

  it('canned ACL and ACL JSON', async () => {
    await bos.setBucketCannedAcl(B, 'public-read');
    const acl = await bos.getBucketAcl(B);
    expect(acl.body['accessControlList']).toContainEqual({ grantee: [{ id: '*' }], permission: ['READ'] });
    const grants = [{ grantee: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }], permission: ['READ', 'WRITE'] }];
    await bos.setBucketAcl(B, grants);
    expect((await bos.getBucketAcl(B)).body['accessControlList']).toEqual(grants);
    await bos.setBucketCannedAcl(B, 'private');
  });

  it('multipart: initiate, upload parts, list, complete; abort', async () => {
    const file = join(dir, 'parts.bin');
    await writeFile(file, Buffer.concat([Buffer.alloc(1500, 'p'), Buffer.from('last')]));
    const key = 'multi part/文件.bin';
    const uploadId = (await bos.initiateMultipartUpload(B, key)).body['uploadId'] as string;
    const p1 = await bos.uploadPartFromFile(B, key, uploadId, 1, 1500, file, 0);
    const p2 = await bos.uploadPartFromFile(B, key, uploadId, 2, 4, file, 1500);
    expect((await bos.listMultipartUploads(B)).body['uploads'].map((u: { uploadId: string }) => u.uploadId)).toContain(uploadId);
    const parts = await bos.listParts(B, key, uploadId);
    expect(parts.body['parts'].map((p: { partNumber: number }) => p.partNumber)).toEqual([1, 2]);
    const done = await bos.completeMultipartUpload(B, key, uploadId, [
      { partNumber: 1, eTag: p1.http_headers['etag'] },
      { partNumber: 2, eTag: p2.http_headers['etag'] },
    ]);
    expect(done.body['key']).toBe(key);
    expect((await bos.getObjectMetadata(B, key)).http_headers['content-length']).toBe('1504');

    const aborted = (await bos.initiateMultipartUpload(B, 'aborted')).body['uploadId'] as string;
    await bos.abortMultipartUpload(B, 'aborted', aborted);
    expect((await refused(bos.listParts(B, 'aborted', aborted))).code).toBe('NoSuchUpload');
  });

  it('presigned URLs (with the /v1 prefix the vendor SDK adds) work, expired ones are refused', async () => {
    await bos.putObjectFromString(B, 'shared 文件.txt', 'presigned');
    const url = bos.generatePresignedUrl(B, 'shared 文件.txt');
    expect(new URL(url).pathname.startsWith('/v1/')).toBe(true);
    const ok = await fetch(url);
    expect([ok.status, await ok.text()]).toEqual([200, 'presigned']);
    const old = bos.generatePresignedUrl(B, 'shared 文件.txt', Math.floor(Date.now() / 1000) - 7200, 60);
    const expired = await fetch(old);
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as { code: string }).code).toBe('RequestExpired');
  });

  it('a wrong secret is refused with SignatureDoesNotMatch and a request id', async () => {
    const wrong = vendorClient('not-the-secret');
    const err = await refused(wrong.listObjects(B));
    expect([err.status_code, err.code]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(err.request_id).toBeTruthy();
  });

  it('an expired request is refused with RequestExpired', async () => {
    // Move the emulator an hour ahead: the SDK's 1800 s signatures are then stale.
    emu.setClock(() => new Date(Date.now() + 3600_000));
    try {
      // HEAD answers carry no body: only the status tells.
      expect((await refused(bos.getObjectMetadata(B, 'shared 文件.txt'))).status_code).toBe(400);
      const listErr = await refused(bos.listObjects(B));
      expect([listErr.status_code, listErr.code]).toEqual([400, 'RequestExpired']);
    } finally {
      emu.setClock(undefined);
    }
  });
});
