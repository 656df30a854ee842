/**
 * Independent S3 clients against the OOS dialect: @aws-sdk/client-s3 (V4)
 * and aws-sdk v2 with `signatureVersion: 's3'` (its own V2 signer,
 * AWS.Signers.S3). If they are accepted and their answers parse, the
 * dialect's auth and XML are real S3; wrong secrets and expired or skewed
 * requests are refused with S3's own errors.
 */
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutBucketAclCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import AWS from 'aws-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.ts';

const AK = 'AKIDyunstoreEMULATOR';
const SK = 'yunstore-emulator-secret';
const KEYS = ['with space.txt', '中文/文件 名.txt', 'a+b.txt', '100%.txt', 'tilde~star*.txt', 'double//slash.txt', 'trailing/', "x/!$&'()=,;:@.txt"];

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, minPartSize: 5 * 1024 * 1024 });
});
afterAll(async () => {
  await emu?.stop();
});

function v3(secret = SK): S3Client {
  return new S3Client({
    endpoint: emu.endpoints.oos,
    region: 'cn',
    forcePathStyle: true,
    credentials: { accessKeyId: AK, secretAccessKey: secret },
    maxAttempts: 1,
  });
}

function v2(secret = SK): AWS.S3 {
  return new AWS.S3({
    endpoint: emu.endpoints.oos,
    s3ForcePathStyle: true,
    signatureVersion: 's3',
    region: 'cn',
    accessKeyId: AK,
    secretAccessKey: secret,
    maxRetries: 0,
  });
}

async function failure(
  p: Promise<unknown>,
): Promise<{ name?: string; code?: string; $metadata?: { httpStatusCode?: number }; statusCode?: number; message?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { name?: string };
  }
  throw new Error('expected the call to fail');
}

describe('@aws-sdk/client-s3 (V4) against the OOS dialect', () => {
  const Bucket = 'interop-v3';
  const s3 = () => v3();

  it('creates a bucket, puts/gets/heads/lists/deletes awkward keys', async () => {
    const c = s3();
    await c.send(new CreateBucketCommand({ Bucket }));
    for (const Key of KEYS) {
      await c.send(new PutObjectCommand({ Bucket, Key, Body: `body:${Key}`, ContentType: 'text/plain', Metadata: { who: 'v3' } }));
      const got = await c.send(new GetObjectCommand({ Bucket, Key }));
      expect(await got.Body!.transformToString()).toBe(`body:${Key}`);
      expect(got.Metadata).toEqual({ who: 'v3' });
      const head = await c.send(new HeadObjectCommand({ Bucket, Key }));
      expect(head.ContentLength).toBe(Buffer.byteLength(`body:${Key}`));
    }
    const listed = await c.send(new ListObjectsCommand({ Bucket }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([...KEYS].sort());
    const v2list = await c.send(new ListObjectsV2Command({ Bucket, Prefix: '中文/' })).catch((e: unknown) => e);
    // ListObjectsV2 is not an OOS operation; the dialect answers it as GET Bucket (V1), which v3 still parses.
    expect(v2list).toBeDefined();
    for (const Key of KEYS) await c.send(new DeleteObjectCommand({ Bucket, Key }));
    expect((await c.send(new ListObjectsCommand({ Bucket }))).Contents).toBeUndefined();
  });

  it('streams a body with aws-chunked framing and a trailing checksum', async () => {
    const c = s3();
    const data = Buffer.alloc(200_000, 7);
    await c.send(
      new PutObjectCommand({ Bucket, Key: 'streamed', Body: Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]), ContentLength: data.length }),
    );
    const got = await c.send(new GetObjectCommand({ Bucket, Key: 'streamed' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
  });

  it('copies, multi-deletes, ACLs', async () => {
    const c = s3();
    await c.send(new PutObjectCommand({ Bucket, Key: 'src 源.txt', Body: 'copy', Metadata: { a: '1' } }));
    await c.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: `${Bucket}/${encodeURIComponent('src 源.txt')}` }));
    expect((await c.send(new HeadObjectCommand({ Bucket, Key: 'dst' }))).Metadata).toEqual({ a: '1' });
    await c.send(new CopyObjectCommand({ Bucket, Key: 'dst2', CopySource: `${Bucket}/dst`, MetadataDirective: 'REPLACE', Metadata: { b: '2' } }));
    expect((await c.send(new HeadObjectCommand({ Bucket, Key: 'dst2' }))).Metadata).toEqual({ b: '2' });
    const del = await c.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'src 源.txt' }, { Key: 'dst' }, { Key: 'dst2' }] } }));
    expect(del.Deleted?.map((d) => d.Key).sort()).toEqual(['dst', 'dst2', 'src 源.txt']);
    await c.send(new PutBucketAclCommand({ Bucket, ACL: 'public-read' }));
    const acl = await c.send(new GetBucketAclCommand({ Bucket }));
    expect(acl.Grants?.map((g) => g.Permission)).toEqual(['FULL_CONTROL', 'READ']);
    expect(acl.Owner?.ID).toBeTruthy();
  });

  it('multipart upload with a copied part, list parts and uploads, abort', async () => {
    const c = s3();
    const Key = 'big/多段 object+1';
    const partA = Buffer.alloc(5 * 1024 * 1024, 1);
    await c.send(new PutObjectCommand({ Bucket, Key: 'part-source', Body: Buffer.alloc(1000, 2) }));
    const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const a = await c.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: partA }));
    const b = await c.send(
      new UploadPartCopyCommand({ Bucket, Key, UploadId, PartNumber: 2, CopySource: `${Bucket}/part-source`, CopySourceRange: 'bytes=0-499' }),
    );
    const parts = await c.send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(parts.Parts?.map((p) => p.Size)).toEqual([partA.length, 500]);
    const uploads = await c.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(uploads.Uploads?.map((u) => u.Key)).toContain(Key);
    const done = await c.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: a.ETag },
            { PartNumber: 2, ETag: b.CopyPartResult?.ETag },
          ],
        },
      }),
    );
    expect(done.ETag).toMatch(/-2"$/);
    expect((await c.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength).toBe(partA.length + 500);
    const other = await c.send(new CreateMultipartUploadCommand({ Bucket, Key: 'gone' }));
    await c.send(new AbortMultipartUploadCommand({ Bucket, Key: 'gone', UploadId: other.UploadId }));
    const err = await failure(c.send(new ListPartsCommand({ Bucket, Key: 'gone', UploadId: other.UploadId })));
    expect(err.name).toBe('NoSuchUpload');
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and a skewed clock with RequestTimeTooSkewed', async () => {
    const err = await failure(v3('wrong-secret').send(new ListObjectsCommand({ Bucket })));
    expect(err.name).toBe('SignatureDoesNotMatch');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    emu.setClock(() => new Date(Date.now() + 3600_000));
    try {
      const skew = await failure(v3().send(new ListObjectsCommand({ Bucket })));
      expect(skew.name).toBe('RequestTimeTooSkewed');
    } finally {
      emu.setClock(undefined);
    }
  });

  it('deletes the bucket only when empty', async () => {
    const c = s3();
    const err = await failure(c.send(new DeleteBucketCommand({ Bucket })));
    expect(err.name).toBe('BucketNotEmpty');
    const listed = await c.send(new ListObjectsCommand({ Bucket }));
    await c.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: (listed.Contents ?? []).map((o) => ({ Key: o.Key })) } }));
    await c.send(new DeleteBucketCommand({ Bucket }));
  });
});

describe('aws-sdk v2 with its V2 signer (signatureVersion "s3") against the OOS dialect', () => {
  const Bucket = 'interop-v2';

  it('creates a bucket, puts/gets/heads/lists/deletes awkward keys', async () => {
    const c = v2();
    await c.createBucket({ Bucket, ACL: 'private' }).promise();
    for (const Key of KEYS) {
      await c.putObject({ Bucket, Key, Body: `v2:${Key}`, ContentType: 'text/plain', Metadata: { who: 'v2' } }).promise();
      const got = await c.getObject({ Bucket, Key }).promise();
      expect(String(got.Body)).toBe(`v2:${Key}`);
      expect(got.Metadata).toEqual({ who: 'v2' });
      expect((await c.headObject({ Bucket, Key }).promise()).ContentLength).toBe(Buffer.byteLength(`v2:${Key}`));
    }
    const listed = await c.listObjects({ Bucket, Delimiter: '/' }).promise();
    expect(listed.CommonPrefixes?.map((p) => p.Prefix).sort()).toEqual(['double/', 'trailing/', 'x/', '中文/']);
    const got = await c.getObject({ Bucket, Key: 'a+b.txt', ResponseContentDisposition: 'attachment; filename="a b.txt"', Range: 'bytes=0-1' }).promise();
    expect(got.ContentDisposition).toBe('attachment; filename="a b.txt"');
    expect(String(got.Body)).toBe('v2');
  });

  it('copies, multi-deletes, ACLs, multipart', async () => {
    const c = v2();
    await c.copyObject({ Bucket, Key: 'copied', CopySource: `${Bucket}/${encodeURIComponent('with space.txt')}` }).promise();
    expect(String((await c.getObject({ Bucket, Key: 'copied' }).promise()).Body)).toBe('v2:with space.txt');
    await c.putObjectAcl({ Bucket, Key: 'copied', ACL: 'public-read' }).promise();
    const acl = await c.getObjectAcl({ Bucket, Key: 'copied' }).promise();
    expect(acl.Grants?.map((g) => g.Permission)).toEqual(['FULL_CONTROL', 'READ']);
    const up = await c.createMultipartUpload({ Bucket, Key: 'mp 2' }).promise();
    const p1 = await c.uploadPart({ Bucket, Key: 'mp 2', UploadId: up.UploadId!, PartNumber: 1, Body: Buffer.alloc(5 * 1024 * 1024, 3) }).promise();
    const p2 = await c.uploadPart({ Bucket, Key: 'mp 2', UploadId: up.UploadId!, PartNumber: 2, Body: 'end' }).promise();
    const parts = await c.listParts({ Bucket, Key: 'mp 2', UploadId: up.UploadId! }).promise();
    expect(parts.Parts?.map((p) => p.PartNumber)).toEqual([1, 2]);
    await c
      .completeMultipartUpload({
        Bucket,
        Key: 'mp 2',
        UploadId: up.UploadId!,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag! },
            { PartNumber: 2, ETag: p2.ETag! },
          ],
        },
      })
      .promise();
    expect((await c.headObject({ Bucket, Key: 'mp 2' }).promise()).ContentLength).toBe(5 * 1024 * 1024 + 3);
    const keys = (await c.listObjects({ Bucket }).promise()).Contents!.map((o) => ({ Key: o.Key! }));
    const del = await c.deleteObjects({ Bucket, Delete: { Objects: keys, Quiet: true } }).promise();
    expect(del.Errors).toEqual([]);
    await c.deleteBucket({ Bucket }).promise();
  });

  it('presigned V2 URLs work until they expire', async () => {
    const c = v2();
    const B = 'interop-v2-presign';
    await c.createBucket({ Bucket: B }).promise();
    await c.putObject({ Bucket: B, Key: '分享 file.txt', Body: 'shared' }).promise();
    const url = c.getSignedUrl('getObject', { Bucket: B, Key: '分享 file.txt', Expires: 60 });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('shared');
    emu.setClock(() => new Date(Date.now() + 120_000));
    try {
      const late = await fetch(url);
      expect(late.status).toBe(403);
      const text = await late.text();
      expect(text).toContain('<Code>AccessDenied</Code>');
      expect(text).toContain('Request has expired');
      expect(late.headers.get('x-amz-request-id')).toBeTruthy();
    } finally {
      emu.setClock(undefined);
    }
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const err = await failure(v2('wrong-secret').listObjects({ Bucket: 'interop-v2-presign' }).promise());
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.statusCode).toBe(403);
  });
});
