/**
 * @yunstore/oos and @aws-sdk/client-s3 against the same emulator: what one
 * writes the other reads (bodies, metadata, content type, multipart, copy).
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client as AwsS3,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@yunstore/emulator';
import { AK, bucketName, emulator, s3, SK } from './helpers.ts';

let emu: Emulator;
let aws: AwsS3;
beforeAll(async () => {
  emu = await emulator();
  aws = new AwsS3({ endpoint: emu.endpoints.oos, region: 'cn', forcePathStyle: true, credentials: { accessKeyId: AK, secretAccessKey: SK } });
});
afterAll(async () => {
  aws?.destroy();
  await emu?.stop();
});

for (const sig of ['s3', 's3v4'] as const) {
  describe(`@yunstore/oos (${sig}) <-> @aws-sdk/client-s3`, () => {
    const ours = () => s3(emu.endpoints.oos, sig);

    it('our writes are read by the AWS SDK', async () => {
      const c = ours();
      const Bucket = bucketName('w');
      await c.create_bucket({ Bucket });
      const Key = '报告/q1 2024+final.txt';
      await c.put_object({ Bucket, Key, Body: 'written by yunstore', ContentType: 'text/plain; charset=utf-8', Metadata: { team: 'ops' } });
      const got = await aws.send(new GetObjectCommand({ Bucket, Key }));
      expect(await got.Body!.transformToString()).toBe('written by yunstore');
      expect(got.ContentType).toBe('text/plain; charset=utf-8');
      expect(got.Metadata).toEqual({ team: 'ops' });

      const up = await c.create_multipart_upload({ Bucket, Key: 'mp' });
      await c.upload_part({ Bucket, Key: 'mp', UploadId: up.UploadId!, PartNumber: 1, Body: Buffer.alloc(1024, 1) });
      await c.upload_part({ Bucket, Key: 'mp', UploadId: up.UploadId!, PartNumber: 2, Body: Buffer.alloc(10, 2) });
      await c.complete_multipart_upload({ Bucket, Key: 'mp', UploadId: up.UploadId! });
      expect((await aws.send(new HeadObjectCommand({ Bucket, Key: 'mp' }))).ContentLength).toBe(1034);

      await c.copy_object({ Bucket, Key: 'copy', CopySource: { Bucket, Key } });
      const listed = await aws.send(new ListObjectsCommand({ Bucket }));
      expect(listed.Contents?.map((o) => o.Key).sort()).toEqual(['copy', 'mp', Key].sort());
      await c.close();
    });

    it('AWS SDK writes are read by us', async () => {
      const c = ours();
      const Bucket = bucketName('r');
      await c.create_bucket({ Bucket });
      await aws.send(new PutObjectCommand({ Bucket, Key: 'a b/c~d*e', Body: 'written by aws', Metadata: { k: 'v' }, CacheControl: 'max-age=60' }));
      const got = await c.get_object({ Bucket, Key: 'a b/c~d*e' });
      expect((await got.Body.read()).toString()).toBe('written by aws');
      expect(got.Metadata).toEqual({ k: 'v' });
      expect(got.CacheControl).toBe('max-age=60');

      const { UploadId } = await aws.send(new CreateMultipartUploadCommand({ Bucket, Key: 'aws-mp' }));
      const p1 = await aws.send(new UploadPartCommand({ Bucket, Key: 'aws-mp', UploadId, PartNumber: 1, Body: Buffer.alloc(2048, 3) }));
      const parts = await c.list_parts({ Bucket, Key: 'aws-mp', UploadId: UploadId! });
      expect(parts.Parts?.[0]?.ETag).toBe(p1.ETag);
      await aws.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'aws-mp', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }] } }));
      const head = await c.head_object({ Bucket, Key: 'aws-mp' });
      expect(head.ContentLength).toBe(2048);
      expect(head.ETag).toMatch(/-1"$/);
      await c.close();
    });
  });
}
