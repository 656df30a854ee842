/**
 * The S3 subset (buckets, objects, multipart, copy, multi-delete, ACL) against
 * s3rver, an independent S3 server, with V2 and V4 signatures. s3rver signs V2
 * with an empty date line, which is why our V2 requests carry x-amz-date
 * (protocols/oos.md §2). It has no list_parts, no abort and no bucket ACL, so
 * multipart completes with explicit parts and ACLs are checked on objects
 * (those calls are covered against the emulator).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import { md5Base64 } from '@yunstore/core';
import { type ClientError, NoSuchKey } from '../src/index.ts';
import { s3 } from './helpers.ts';

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

let server: S3rverInstance;
let endpoint: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oos-s3rver-'));
  server = new (S3rver as new (o: object) => S3rverInstance)({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

for (const sig of ['s3', 's3v4'] as const) {
  describe(`s3rver (${sig === 's3' ? 'V2' : 'V4'})`, () => {
    const bucket = `s3rver-${sig}`;
    const client = () => s3(endpoint, sig, { ak: 'S3RVER', sk: 'S3RVER' });

    it('creates, lists and heads buckets', async () => {
      const c = client();
      await c.create_bucket({ Bucket: bucket });
      expect((await c.list_buckets()).Buckets.map((b) => b.Name)).toContain(bucket);
      expect((await c.head_bucket({ Bucket: bucket })).ResponseMetadata.HTTPStatusCode).toBe(200);
      await c.close();
    });

    it('puts, gets, heads, lists and deletes objects (keys with spaces, Chinese, +, %)', async () => {
      const c = client();
      const keys = ['plain.txt', 'dir/with space.txt', '中文/文件.txt', 'a+b%c~d.txt'];
      for (const Key of keys) {
        const put = await c.put_object({
          Bucket: bucket,
          Key,
          Body: `body of ${Key}`,
          ContentType: 'text/plain',
          Metadata: { k: 'v' },
          ContentMD5: md5Base64(`body of ${Key}`),
        });
        expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      }
      for (const Key of keys) {
        const got = await c.get_object({ Bucket: bucket, Key });
        expect((await got.Body.read()).toString()).toBe(`body of ${Key}`);
        expect(got.Metadata).toEqual({ k: 'v' });
        const head = await c.head_object({ Bucket: bucket, Key });
        expect(head.ContentLength).toBe(Buffer.byteLength(`body of ${Key}`));
      }
      const ranged = await c.get_object({ Bucket: bucket, Key: 'plain.txt', Range: 'bytes=0-3' });
      expect((await ranged.Body.read()).toString()).toBe('body');
      const listed = await c.list_objects({ Bucket: bucket });
      expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([...keys].sort());
      const rolled = await c.list_objects({ Bucket: bucket, Delimiter: '/' });
      expect(rolled.CommonPrefixes?.map((p) => p.Prefix).sort()).toEqual(['dir/', '中文/']);
      await c.delete_object({ Bucket: bucket, Key: 'plain.txt' });
      expect(await c.get_object({ Bucket: bucket, Key: 'plain.txt' }).catch((e: unknown) => e)).toBeInstanceOf(NoSuchKey);
      await c.close();
    });

    it('copies objects with COPY and REPLACE', async () => {
      const c = client();
      await c.put_object({ Bucket: bucket, Key: 'copy-src', Body: 'copied', Metadata: { a: '1' } });
      const res = await c.copy_object({ Bucket: bucket, CopySource: { Bucket: bucket, Key: 'copy-src' }, Key: 'copy-dst' });
      expect(res.CopyObjectResult.ETag).toBeTruthy();
      expect((await (await c.get_object({ Bucket: bucket, Key: 'copy-dst' })).Body.read()).toString()).toBe('copied');
      await c.copy_object({ Bucket: bucket, CopySource: `${bucket}/copy-src`, Key: 'copy-dst2', MetadataDirective: 'REPLACE', Metadata: { b: '2' } });
      expect((await c.head_object({ Bucket: bucket, Key: 'copy-dst2' })).Metadata).toEqual({ b: '2' });
      await c.close();
    });

    it('multipart upload with explicit parts', async () => {
      const c = client();
      const key = 'multi part.bin';
      const up = await c.create_multipart_upload({ Bucket: bucket, Key: key });
      const partA = Buffer.alloc(5 * 1024 * 1024, 'a');
      const a = await c.upload_part({ Bucket: bucket, Key: key, UploadId: up.UploadId!, PartNumber: 1, Body: partA });
      const b = await c.upload_part({ Bucket: bucket, Key: key, UploadId: up.UploadId!, PartNumber: 2, Body: 'last part' });
      const done = await c.complete_multipart_upload({
        Bucket: bucket,
        Key: key,
        UploadId: up.UploadId!,
        MultipartUpload: {
          Parts: [
            { ETag: a.ETag!, PartNumber: 1 },
            { ETag: b.ETag!, PartNumber: 2 },
          ],
        },
      });
      expect(done.ETag).toMatch(/^"[0-9a-f-]+"$/); // s3rver's ETag is not S3's md5-of-md5s form
      const head = await c.head_object({ Bucket: bucket, Key: key });
      expect(head.ContentLength).toBe(partA.length + 'last part'.length);
      await c.close();
    });

    it('reads an object ACL', async () => {
      const c = client();
      await c.put_object({ Bucket: bucket, Key: 'acl-object', Body: 'x' });
      const acl = await c.get_object_acl({ Bucket: bucket, Key: 'acl-object' });
      // s3rver writes <Permission> outside <Grant> (its bug), so only the grantee can be checked here.
      expect(acl.Grants).toHaveLength(1);
      expect(acl.Grants[0]?.Grantee?.ID).toBeTruthy();
      expect(acl.Owner.ID).toBeTruthy();
      await c.close();
    });

    it('multi-deletes objects, then deletes the bucket', async () => {
      const c = client();
      const keys = (await c.list_objects({ Bucket: bucket })).Contents?.map((o) => ({ Key: o.Key! })) ?? [];
      const res = await c.delete_objects({ Bucket: bucket, Delete: { Objects: keys } });
      expect(res.Deleted?.length).toBe(keys.length);
      expect((await c.delete_bucket({ Bucket: bucket })).ResponseMetadata.HTTPStatusCode).toBe(204);
      await c.close();
    });

    it('rejects an unknown key, and (V2 only) a wrong secret', async () => {
      const unknown = s3(endpoint, sig, { ak: 'NOBODY', sk: 'S3RVER' });
      expect(((await unknown.list_buckets().catch((e: unknown) => e)) as ClientError).response.Error.Code).toBe('InvalidAccessKeyId');
      await unknown.close();
      // s3rver 3.7 does not compute V4 signatures at all ("unimplemented"), so only V2 can fail on the secret.
      if (sig !== 's3') return;
      const c = s3(endpoint, sig, { ak: 'S3RVER', sk: 'wrong' });
      const err = await c.list_buckets().catch((e: unknown) => e);
      expect((err as ClientError).response.Error.Code).toBe('SignatureDoesNotMatch');
      await c.close();
    });
  });
}
