/**
 * UploadPartCopy and DeleteMultipleObjects in the BOS dialect, driven by the
 * vendor's own Node SDK (@baiducloud/sdk: `uploadPartCopy`,
 * `deleteMultipleObjects`), plus the dialect's pure parsers.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, startEmulator, type Emulator } from '../src/index.ts';
import { parseDeleteBody } from '../src/dialects/bos/delete-multiple.ts';
import { copySourceRange } from '../src/dialects/bos/part-copy.ts';

interface VendorError {
  status_code: number;
  code: string;
  message: string;
}
interface VendorResponse<B = Record<string, unknown>> {
  http_headers: Record<string, string>;
  body: B;
}
type AnyBody = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface VendorClient {
  createBucket(b: string): Promise<VendorResponse>;
  putObjectFromString(b: string, k: string, data: string): Promise<VendorResponse>;
  getObject(b: string, k: string): Promise<VendorResponse<Buffer>>;
  getObjectMetadata(b: string, k: string): Promise<VendorResponse>;
  listObjects(b: string, options?: Record<string, unknown>): Promise<VendorResponse<AnyBody>>;
  initiateMultipartUpload(b: string, k: string): Promise<VendorResponse<AnyBody>>;
  uploadPartCopy(sb: string, sk: string, tb: string, tk: string, id: string, n: number, range?: string): Promise<VendorResponse<AnyBody>>;
  listParts(b: string, k: string, id: string): Promise<VendorResponse<AnyBody>>;
  completeMultipartUpload(b: string, k: string, id: string, parts: unknown[]): Promise<VendorResponse<AnyBody>>;
  deleteMultipleObjects(b: string, objects: Array<string | { key: string }>): Promise<VendorResponse<AnyBody>>;
}
const sdk = createRequire(import.meta.url)('@baiducloud/sdk') as { BosClient: new (config: object) => VendorClient };

let emu: Emulator;
let bos: VendorClient;
const B = 'batch-bucket';
const OTHER = 'batch-other';

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
  bos = new sdk.BosClient({ endpoint: emu.endpoints.bos, credentials: { ak: DEFAULT_ACCESS_KEY_ID, sk: DEFAULT_SECRET_ACCESS_KEY } });
  await bos.createBucket(B);
  await bos.createBucket(OTHER);
});
afterAll(async () => {
  await emu.stop();
});

describe('UploadPartCopy (@baiducloud/sdk uploadPartCopy)', () => {
  it('assembles an object from ranges of two sources in two buckets, byte-identical', async () => {
    const a = `${'A'.repeat(1500)}a-tail`;
    const b = '0123456789'.repeat(150);
    await bos.putObjectFromString(B, 'src/源 a.txt', a);
    await bos.putObjectFromString(OTHER, 'src/b.txt', b);
    const key = 'copied/目标.bin';
    const uploadId = (await bos.initiateMultipartUpload(B, key)).body['uploadId'] as string;
    const p1 = await bos.uploadPartCopy(B, 'src/源 a.txt', B, key, uploadId, 1, '0-1199');
    expect(p1.body['eTag']).toMatch(/^[0-9a-f]{32}$/);
    expect(p1.body['lastModified']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // No range: the whole source (the SDK then sends the range header empty).
    const p2 = await bos.uploadPartCopy(OTHER, 'src/b.txt', B, key, uploadId, 2);
    const p3 = await bos.uploadPartCopy(B, 'src/源 a.txt', B, key, uploadId, 3, '1200-1505');
    const parts = await bos.listParts(B, key, uploadId);
    expect(parts.body['parts'].map((p: { partNumber: number; size: number }) => [p.partNumber, p.size])).toEqual([
      [1, 1200],
      [2, 1500],
      [3, 306],
    ]);
    await bos.completeMultipartUpload(B, key, uploadId, [
      { partNumber: 1, eTag: p1.body['eTag'] },
      { partNumber: 2, eTag: p2.body['eTag'] },
      { partNumber: 3, eTag: p3.body['eTag'] },
    ]);
    const got = (await bos.getObject(B, key)).body.toString();
    expect(got).toBe(a.slice(0, 1200) + b + a.slice(1200));
  });

  it('refuses a missing upload, source, bucket, a range outside the source and a malformed one', async () => {
    await bos.putObjectFromString(B, 'src/small.txt', 'small');
    const uploadId = (await bos.initiateMultipartUpload(B, 'refused.bin')).body['uploadId'] as string;
    const noUpload = await refused(bos.uploadPartCopy(B, 'src/small.txt', B, 'refused.bin', 'no-such-upload', 1));
    expect([noUpload.status_code, noUpload.code]).toEqual([404, 'NoSuchUpload']);
    const noKey = await refused(bos.uploadPartCopy(B, 'src/none.txt', B, 'refused.bin', uploadId, 1));
    expect([noKey.status_code, noKey.code]).toEqual([404, 'NoSuchKey']);
    const noBucket = await refused(bos.uploadPartCopy('no-such-bucket', 'x', B, 'refused.bin', uploadId, 1));
    expect([noBucket.status_code, noBucket.code]).toEqual([404, 'NoSuchBucket']);
    const outside = await refused(bos.uploadPartCopy(B, 'src/small.txt', B, 'refused.bin', uploadId, 1, '0-5'));
    expect([outside.status_code, outside.code]).toEqual([416, 'InvalidRange']);
    const malformed = await refused(bos.uploadPartCopy(B, 'src/small.txt', B, 'refused.bin', uploadId, 1, '3-'));
    expect([malformed.status_code, malformed.code]).toEqual([400, 'InvalidArgument']);
    expect((await bos.listParts(B, 'refused.bin', uploadId)).body['parts']).toEqual([]);
  });

  it('parses x-bce-copy-source-range strictly', () => {
    expect(copySourceRange(undefined, 10)).toBeUndefined();
    expect(copySourceRange('', 10)).toBeUndefined();
    expect(copySourceRange('bytes=2-9', 10)).toEqual({ start: 2, end: 9 });
    expect(() => copySourceRange('bytes=2-10', 10)).toThrow(expect.objectContaining({ status: 416, code: 'InvalidRange' }));
    for (const bad of ['bytes=5-4', 'bytes=-3', 'bytes=1-', '2-3', 'bytes=0-1,3-4']) {
      expect(() => copySourceRange(bad, 10)).toThrow(expect.objectContaining({ status: 400, code: 'InvalidArgument' }));
    }
  });
});

describe('DeleteMultipleObjects (@baiducloud/sdk deleteMultipleObjects)', () => {
  it('deletes every key and answers 200 without a body when all succeed', async () => {
    const keys = ['del/a.txt', 'del/中 文.txt', 'del/50%.txt', 'del/sub/'];
    for (const k of keys) await bos.putObjectFromString(B, k, k);
    const res = await bos.deleteMultipleObjects(B, keys);
    expect(res.http_headers['content-length']).toBe('0');
    expect((await bos.listObjects(B, { prefix: 'del/' })).body['contents']).toEqual([]);
  });

  it('lists only the keys that failed, in request order, and deletes the rest', async () => {
    await bos.putObjectFromString(B, 'mixed/here.txt', 'x');
    const res = await bos.deleteMultipleObjects(B, ['mixed/gone-1', 'mixed/here.txt', { key: '' }, 'mixed/gone-2']);
    expect(res.body).toEqual({
      errors: [
        { key: 'mixed/gone-1', code: 'NoSuchKey', message: 'The specified key does not exist.' },
        { key: '', code: 'InvalidArgument', message: 'Invalid Argument.' },
        { key: 'mixed/gone-2', code: 'NoSuchKey', message: 'The specified key does not exist.' },
      ],
    });
    expect(await refused(bos.getObjectMetadata(B, 'mixed/here.txt'))).toMatchObject({ status_code: 404 });
  });

  it('refuses more than 1000 keys, and a missing bucket', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `k${i}`);
    const tooMany = await refused(bos.deleteMultipleObjects(B, many));
    expect([tooMany.status_code, tooMany.code]).toEqual([400, 'InvalidArgument']);
    const noBucket = await refused(bos.deleteMultipleObjects('no-such-bucket', ['a']));
    expect([noBucket.status_code, noBucket.code]).toEqual([404, 'NoSuchBucket']);
  });

  it('parses the request body strictly', () => {
    expect(parseDeleteBody(Buffer.from('{"objects":[{"key":"a"},{"key":"b"},{}]}'))).toEqual(['a', 'b', undefined]);
    expect(() => parseDeleteBody(Buffer.from('not json'))).toThrow(expect.objectContaining({ status: 400, code: 'MalformedJSON' }));
    expect(() => parseDeleteBody(Buffer.from('{"keys":["a"]}'))).toThrow(expect.objectContaining({ code: 'MalformedJSON' }));
    expect(() => parseDeleteBody(Buffer.from('{"objects":[]}'))).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });
});
