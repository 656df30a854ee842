/**
 * cos-nodejs-sdk-v5 (the vendor's own SDK) against the COS dialect.
 * Configuration that points it at the emulator: `Protocol: 'http:'` and
 * `Ip: '127.0.0.1:<port>'` — the SDK then connects to the emulator but keeps
 * the real bucket host (`<bucket>.cos.<region>.myqcloud.com`) in the Host
 * header and in the signature. (`ForcePathStyle` throws in SDK 3.x.)
 */
import COS from 'cos-nodejs-sdk-v5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, OTHER_AK, OTHER_SK, SK, send, startCosServer, type CosServer } from './cos-harness.ts';

const Bucket = 'interop-1250000000';
const Region = 'ap-guangzhou';
let server: CosServer;
let cos: COS;

function client(secretKey = SK, extra: Partial<COS.COSOptions> = {}): COS {
  return new COS({ SecretId: AK, SecretKey: secretKey, Protocol: 'http:', Ip: `127.0.0.1:${server.port}`, Timeout: 10_000, ...extra });
}

/** The SDK's error for a failing call (its promises reject with `{ code, statusCode, ... }`). */
async function failure(p: Promise<unknown>): Promise<{ code?: string; statusCode?: number; message?: string; RequestId?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; statusCode?: number };
  }
  throw new Error('expected the call to fail');
}

const KEYS = ['with space.txt', '中文目录/报告 2024.txt', 'a+b=c.txt', '100%real.txt', 'tilde~name', 'star*name', 'dir//double/slash', 'folder/'];

beforeAll(async () => {
  server = await startCosServer({ minPartSize: 1024 * 1024 });
  cos = client();
  await cos.putBucket({ Bucket, Region });
});
afterAll(() => server.close());

describe('cos-nodejs-sdk-v5 against the emulator', () => {
  it('head bucket and list buckets', async () => {
    const head = await cos.headBucket({ Bucket, Region });
    expect(head.statusCode).toBe(200);
    const service = await cos.getService({ Region });
    expect(service.Buckets.map((b) => b.Name)).toContain(Bucket);
  });

  it('put / head / get / list / delete with awkward keys', async () => {
    for (const Key of KEYS) {
      const body = `body of ${Key}`;
      const put = await cos.putObject({ Bucket, Region, Key, Body: Buffer.from(body), Headers: { 'x-cos-meta-origin': 'interop' } });
      expect(put.statusCode).toBe(200);
      expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      const head = await cos.headObject({ Bucket, Region, Key });
      expect(head.headers!['content-length']).toBe(String(Buffer.byteLength(body)));
      expect(head.headers!['x-cos-meta-origin']).toBe('interop');
      expect(head.headers!['x-cos-hash-crc64ecma']).toMatch(/^\d+$/);
      const get = await cos.getObject({ Bucket, Region, Key });
      expect(get.Body.toString()).toBe(body);
    }
    const list = await cos.getBucket({ Bucket, Region, MaxKeys: 1000 });
    expect(list.Contents.map((c) => c.Key).sort()).toEqual([...KEYS].sort());
    const ranged = await cos.getObject({ Bucket, Region, Key: KEYS[1]!, Range: 'bytes=0-3' });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.Body.toString()).toBe('body');
    for (const Key of KEYS) await cos.deleteObject({ Bucket, Region, Key });
    const after = await cos.getBucket({ Bucket, Region });
    expect(after.Contents).toEqual([]);
  });

  it('listing with prefix, delimiter and paging', async () => {
    for (const Key of ['p/a.txt', 'p/b.txt', 'p/sub/c.txt', 'q.txt']) await cos.putObject({ Bucket, Region, Key, Body: 'x' });
    const page = await cos.getBucket({ Bucket, Region, Prefix: 'p/', Delimiter: '/', MaxKeys: 2 });
    expect(page.Contents.map((c) => c.Key)).toEqual(['p/a.txt', 'p/b.txt']);
    expect(page.IsTruncated).toBe('true');
    const next = await cos.getBucket({ Bucket, Region, Prefix: 'p/', Delimiter: '/', Marker: page.NextMarker! });
    expect(next.CommonPrefixes.map((c) => c.Prefix)).toEqual(['p/sub/']);
    await cos.deleteMultipleObject({ Bucket, Region, Objects: ['p/a.txt', 'p/b.txt', 'p/sub/c.txt', 'q.txt'].map((Key) => ({ Key })) });
    expect((await cos.getBucket({ Bucket, Region })).Contents).toEqual([]);
  });

  it('multipart upload (init, upload parts, list parts, complete) with a Chinese key', async () => {
    const Key = '大文件/multi part+.bin';
    const part1 = Buffer.alloc(1024 * 1024, 1);
    const part2 = Buffer.from('tail bytes');
    const init = await cos.multipartInit({ Bucket, Region, Key });
    const UploadId = init.UploadId;
    const p1 = await cos.multipartUpload({ Bucket, Region, Key, UploadId, PartNumber: 1, Body: part1 });
    const p2 = await cos.multipartUpload({ Bucket, Region, Key, UploadId, PartNumber: 2, Body: part2 });
    const parts = await cos.multipartListPart({ Bucket, Region, Key, UploadId });
    expect(parts.Part.map((p) => p.PartNumber)).toEqual(['1', '2']);
    const uploads = await cos.multipartList({ Bucket, Region, Prefix: '大文件/', Delimiter: '' });
    expect(uploads.Upload.map((u) => u.UploadId)).toContain(UploadId);
    const done = await cos.multipartComplete({
      Bucket,
      Region,
      Key,
      UploadId,
      Parts: [
        { PartNumber: 1, ETag: p1.ETag },
        { PartNumber: 2, ETag: p2.ETag },
      ],
    });
    expect(done.ETag).toMatch(/-2"$/);
    const get = await cos.getObject({ Bucket, Region, Key });
    expect(Buffer.compare(get.Body, Buffer.concat([part1, part2]))).toBe(0);
  });

  it('rejects a too-small non-last part with EntityTooSmall', async () => {
    const Key = 'small-parts.bin';
    const { UploadId } = await cos.multipartInit({ Bucket, Region, Key });
    const p1 = await cos.multipartUpload({ Bucket, Region, Key, UploadId, PartNumber: 1, Body: Buffer.from('tiny') });
    const p2 = await cos.multipartUpload({ Bucket, Region, Key, UploadId, PartNumber: 2, Body: Buffer.from('tiny') });
    const err = await failure(
      cos.multipartComplete({
        Bucket,
        Region,
        Key,
        UploadId,
        Parts: [
          { PartNumber: 1, ETag: p1.ETag },
          { PartNumber: 2, ETag: p2.ETag },
        ],
      }),
    );
    expect(err.code).toBe('EntityTooSmall');
    await cos.multipartAbort({ Bucket, Region, Key, UploadId });
  });

  it('copy with Copy and Replaced metadata directives', async () => {
    await cos.putObject({ Bucket, Region, Key: 'src/原 文件.txt', Body: 'copy me', ContentType: 'text/plain', Headers: { 'x-cos-meta-a': '1' } });
    const CopySource = `${Bucket}.cos.${Region}.myqcloud.com/${encodeURIComponent('src/原 文件.txt').replace(/%2F/g, '/')}`;
    const copied = await cos.putObjectCopy({ Bucket, Region, Key: 'dst/copy 1.txt', CopySource });
    expect(copied.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const h1 = await cos.headObject({ Bucket, Region, Key: 'dst/copy 1.txt' });
    expect(h1.headers!['x-cos-meta-a']).toBe('1');
    expect(h1.headers!['content-type']).toBe('text/plain');
    await cos.putObjectCopy({
      Bucket,
      Region,
      Key: 'dst/copy 2.txt',
      CopySource,
      MetadataDirective: 'Replaced',
      ContentType: 'application/json',
      Headers: { 'x-cos-meta-b': '2' },
    });
    const h2 = await cos.headObject({ Bucket, Region, Key: 'dst/copy 2.txt' });
    expect(h2.headers!['x-cos-meta-a']).toBeUndefined();
    expect(h2.headers!['x-cos-meta-b']).toBe('2');
    expect(h2.headers!['content-type']).toBe('application/json');
    expect((await cos.getObject({ Bucket, Region, Key: 'dst/copy 2.txt' })).Body.toString()).toBe('copy me');
  });

  it('bucket and object ACLs', async () => {
    await cos.putBucketAcl({ Bucket, Region, ACL: 'public-read' });
    const bucketAcl = await cos.getBucketAcl({ Bucket, Region });
    expect(bucketAcl.ACL).toBe('public-read');
    await cos.putBucketAcl({ Bucket, Region, ACL: 'private' });
    await cos.putObject({ Bucket, Region, Key: 'acl.txt', Body: 'x' });
    await cos.putObjectAcl({ Bucket, Region, Key: 'acl.txt', GrantRead: 'id="qcs::cam::uin/100000000002:uin/100000000002"' });
    const objectAcl = await cos.getObjectAcl({ Bucket, Region, Key: 'acl.txt' });
    const grantees = objectAcl.Grants.map((g) => (g.Grantee as { ID?: string }).ID);
    expect(grantees).toContain('qcs::cam::uin/100000000002:uin/100000000002');
    // The other account may now read that one object, and nothing else.
    const other = new COS({ SecretId: OTHER_AK, SecretKey: OTHER_SK, Protocol: 'http:', Ip: `127.0.0.1:${server.port}` });
    expect((await other.getObject({ Bucket, Region, Key: 'acl.txt' })).Body.toString()).toBe('x');
    expect((await failure(other.getBucket({ Bucket, Region }))).statusCode).toBe(403);
  });

  it('CORS, lifecycle and versions listing', async () => {
    await cos.putBucketCors({
      Bucket,
      Region,
      CORSRules: [{ AllowedOrigin: ['https://a.example'], AllowedMethod: ['GET', 'PUT'], AllowedHeader: ['*'], ExposeHeader: ['ETag'], MaxAgeSeconds: 600 }],
    });
    const cors = await cos.getBucketCors({ Bucket, Region });
    expect((cors.CORSRules[0] as unknown as Record<string, string[]>)['AllowedOrigins']).toEqual(['https://a.example']);
    expect((cors.CORSRules[0] as unknown as Record<string, string[]>)['AllowedMethods']).toEqual(['GET', 'PUT']);
    await cos.putBucketLifecycle({ Bucket, Region, Rules: [{ ID: 'r1', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } }] });
    const lc = await cos.getBucketLifecycle({ Bucket, Region });
    expect(lc.Rules[0]!.ID).toBe('r1');
    await cos.deleteBucketLifecycle({ Bucket, Region });
    await cos.deleteBucketCors({ Bucket, Region });
    const versions = await cos.listObjectVersions({ Bucket, Region, Prefix: 'dst/' });
    expect(versions.Versions.map((v) => v.Key)).toEqual(['dst/copy 1.txt', 'dst/copy 2.txt']);
  });

  it('append, upload part copy, restore and select', async () => {
    const a1 = await cos.appendObject({ Bucket, Region, Key: 'append 追加.log', Position: 0, Body: 'line 1\n' });
    expect(a1.headers!['x-cos-next-append-position']).toBe('7');
    await cos.appendObject({ Bucket, Region, Key: 'append 追加.log', Position: 7, Body: 'line 2\n' });
    const wrong = await failure(cos.appendObject({ Bucket, Region, Key: 'append 追加.log', Position: 1, Body: 'x' }));
    expect(wrong.code).toBe('PositionNotEqualToLength');
    expect((await cos.getObject({ Bucket, Region, Key: 'append 追加.log' })).Body.toString()).toBe('line 1\nline 2\n');

    const source = Buffer.alloc(2 * 1024 * 1024, 5);
    await cos.putObject({ Bucket, Region, Key: 'big source', Body: source });
    const { UploadId } = await cos.multipartInit({ Bucket, Region, Key: 'part copy' });
    const CopySource = `${Bucket}.cos.${Region}.myqcloud.com/big%20source`;
    const c1 = await cos.uploadPartCopy({ Bucket, Region, Key: 'part copy', UploadId, PartNumber: 1, CopySource, CopySourceRange: 'bytes=0-1048575' });
    const c2 = await cos.uploadPartCopy({ Bucket, Region, Key: 'part copy', UploadId, PartNumber: 2, CopySource, CopySourceRange: 'bytes=1048576-2097151' });
    await cos.multipartComplete({
      Bucket,
      Region,
      Key: 'part copy',
      UploadId,
      Parts: [
        { PartNumber: 1, ETag: c1.ETag },
        { PartNumber: 2, ETag: c2.ETag },
      ],
    });
    expect((await cos.headObject({ Bucket, Region, Key: 'part copy' })).headers!['content-length']).toBe(String(source.length));

    await cos.putObject({ Bucket, Region, Key: 'cold.csv', Body: 'a,1\nb,2\n', StorageClass: 'ARCHIVE' });
    expect((await failure(cos.getObject({ Bucket, Region, Key: 'cold.csv' }))).code).toBe('InvalidObjectState');
    const restored = await cos.restoreObject({ Bucket, Region, Key: 'cold.csv', RestoreRequest: { Days: 1, CASJobParameters: { Tier: 'Standard' } } });
    expect(restored.statusCode).toBe(202);
    expect((await cos.getObject({ Bucket, Region, Key: 'cold.csv' })).Body.toString()).toBe('a,1\nb,2\n');

    await cos.putObject({ Bucket, Region, Key: 'people.csv', Body: 'name,age\nalice,34\nbob,27\n' });
    const selected = await cos.selectObjectContent({
      Bucket,
      Region,
      Key: 'people.csv',
      SelectType: 2,
      SelectRequest: {
        Expression: 'SELECT s.name FROM COSObject s WHERE s.age > 30',
        ExpressionType: 'SQL',
        InputSerialization: { CSV: { FileHeaderInfo: 'USE', RecordDelimiter: '\n', FieldDelimiter: ',' } },
        OutputSerialization: { CSV: { RecordDelimiter: '\n' } },
        RequestProgress: { Enabled: 'FALSE' },
      },
    });
    expect(Buffer.from(selected.Payload as unknown as Buffer).toString()).toBe('alice\n');
  });

  it('a wrong secret is refused with SignatureDoesNotMatch', async () => {
    const bad = client('not-the-secret');
    for (const call of [
      bad.headBucket({ Bucket, Region }),
      bad.putObject({ Bucket, Region, Key: 'x y.txt', Body: 'x' }),
      bad.getBucket({ Bucket, Region }),
      bad.multipartInit({ Bucket, Region, Key: '中文 key+%.bin' }),
      bad.putObjectCopy({ Bucket, Region, Key: 'copy', CopySource: `${Bucket}.cos.${Region}.myqcloud.com/acl.txt` }),
      bad.putObjectAcl({ Bucket, Region, Key: 'acl.txt', ACL: 'public-read' }),
    ]) {
      const err = await failure(call);
      expect(err.statusCode).toBe(403);
    }
    const err = await failure(bad.getObject({ Bucket, Region, Key: 'acl.txt' }));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('an expired signature is refused (and the SDK corrects its clock when allowed to)', async () => {
    server.advance(2 * 3600_000);
    try {
      const strict = client(SK, { CorrectClockSkew: false });
      const err = await failure(strict.getObject({ Bucket, Region, Key: 'acl.txt' }));
      expect(err.statusCode).toBe(403);
      expect(err.code).toBe('AccessDenied');
      expect(err.message).toContain('Request has expired');
      for (const call of [
        strict.putObject({ Bucket, Region, Key: 'late put', Body: 'x' }),
        strict.headBucket({ Bucket, Region }),
        strict.getBucket({ Bucket, Region }),
      ]) {
        expect((await failure(call)).statusCode).toBe(403);
      }
      // With the default CorrectClockSkew the SDK adopts the emulator's Date header and retries.
      const lenient = client();
      expect((await lenient.getObject({ Bucket, Region, Key: 'acl.txt' })).Body.toString()).toBe('x');
    } finally {
      server.advance(-2 * 3600_000);
    }
  });

  it('presigned URLs from getObjectUrl work', async () => {
    const url = await new Promise<string>((resolve, reject) =>
      cos.getObjectUrl({ Bucket, Region, Key: 'acl.txt', Sign: true, Expires: 60, Query: { 'response-content-type': 'text/x-test' } }, (err, data) =>
        err ? reject(err) : resolve(data.Url),
      ),
    );
    const u = new URL(url);
    const res = await send(`${server.endpoint}${u.pathname}${u.search}`, { headers: { host: u.host } });
    expect(res.status).toBe(200);
    expect(res.text).toBe('x');
    expect(res.headers['content-type']).toBe('text/x-test');
  });

  it('delete bucket only when empty', async () => {
    const err = await failure(cos.deleteBucket({ Bucket, Region }));
    expect(err.code).toBe('BucketNotEmpty');
    const list = await cos.getBucket({ Bucket, Region });
    await cos.deleteMultipleObject({ Bucket, Region, Objects: list.Contents.map((c) => ({ Key: c.Key })) });
    await cos.deleteBucket({ Bucket, Region });
    const gone = await failure(cos.headBucket({ Bucket, Region }));
    expect(gone.statusCode).toBe(404);
  });
});
