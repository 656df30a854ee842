import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Base64 } from '@yunstore/core';
import type { Emulator } from '@yunstore/emulator';
import { oos, ClientError, Config, NoSuchKey, ParamValidationError, type S3Client } from '../src/index.ts';
import { AK, bucketName, emulator, s3, SK } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu?.stop();
});

for (const sig of ['s3', 's3v4'] as const) {
  describe(`OOS client against the emulator (${sig})`, () => {
    let client: S3Client;
    let bucket: string;
    beforeAll(async () => {
      client = s3(emu.endpoints.oos, sig);
      bucket = bucketName(sig.replace('3', ''));
      const created = await client.create_bucket({ Bucket: bucket, ACL: 'private' });
      expect(created.Location).toBe(`/${bucket}`);
      expect(created.ResponseMetadata.HTTPStatusCode).toBe(200);
    });
    afterAll(async () => {
      await client.close();
    });

    it('lists buckets with Dates and boto3 ResponseMetadata', async () => {
      const res = await client.list_buckets();
      const mine = res.Buckets.find((b) => b.Name === bucket);
      expect(mine?.CreationDate).toBeInstanceOf(Date);
      expect(res.Owner.ID).toBeTruthy();
      expect(res.ResponseMetadata.RequestId).toMatch(/^[0-9A-F]{16}$/);
      expect(res.ResponseMetadata.HostId).not.toBe('');
      expect(res.ResponseMetadata.HTTPHeaders['x-amz-request-id']).toBe(res.ResponseMetadata.RequestId);
      expect(res.ResponseMetadata.RetryAttempts).toBe(0);
      expect((await client.listBuckets()).Buckets.length).toBe(res.Buckets.length);
    });

    it('head_bucket / get_bucket_acl / put_bucket_acl', async () => {
      expect((await client.head_bucket({ Bucket: bucket })).ResponseMetadata.HTTPStatusCode).toBe(200);
      const acl = await client.get_bucket_acl({ Bucket: bucket });
      expect(acl.Grants).toHaveLength(1);
      expect(acl.Grants[0]?.Permission).toBe('FULL_CONTROL');
      await client.put_bucket_acl({ Bucket: bucket, ACL: 'public-read' });
      const pub = await client.getBucketAcl({ Bucket: bucket });
      expect(pub.Grants.map((g) => g.Permission)).toEqual(['FULL_CONTROL', 'READ']);
      expect(pub.Grants[1]?.Grantee?.URI).toContain('AllUsers');
      await client.putBucketAcl({ Bucket: bucket, ACL: 'private' });
    });

    it('head_bucket on a missing bucket gives 404 as the code', async () => {
      const err = await client.head_bucket({ Bucket: 'no-such-bucket-here' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClientError);
      expect((err as ClientError).response.Error.Code).toBe('404');
      expect((err as ClientError).response.Error.Message).toBe('Not Found');
    });

    it('put/get/head/delete an object with metadata, storage class, Content-MD5', async () => {
      const body = 'hello OOS 你好';
      const put = await client.put_object({
        Bucket: bucket,
        Key: 'dir/hello.txt',
        Body: body,
        ContentType: 'text/plain',
        ContentMD5: md5Base64(body),
        Metadata: { author: 'li si' },
        StorageClass: 'STANDARD',
        CacheControl: 'no-cache',
      });
      expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      const head = await client.head_object({ Bucket: bucket, Key: 'dir/hello.txt' });
      expect(head.ContentLength).toBe(Buffer.byteLength(body));
      expect(head.ContentType).toBe('text/plain');
      expect(head.Metadata).toEqual({ author: 'li si' });
      expect(head.LastModified).toBeInstanceOf(Date);
      expect(head.ETag).toBe(put.ETag);
      expect(head.CacheControl).toBe('no-cache');
      const got = await client.get_object({ Bucket: bucket, Key: 'dir/hello.txt' });
      expect((await got.Body.read()).toString('utf8')).toBe(body);
      expect(got.ContentLength).toBe(Buffer.byteLength(body));
      // The seed's loop: read(4096) until an empty chunk.
      const again = await client.getObject({ Bucket: bucket, Key: 'dir/hello.txt' });
      const chunks: Buffer[] = [];
      for (let c = await again.Body.read(4); c.length > 0; c = await again.Body.read(4)) chunks.push(c);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(body);
      await client.delete_object({ Bucket: bucket, Key: 'dir/hello.txt' });
      const err = await client.get_object({ Bucket: bucket, Key: 'dir/hello.txt' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoSuchKey);
      expect((err as ClientError).response.Error.Code).toBe('NoSuchKey');
      expect((err as ClientError).response.ResponseMetadata.RequestId).toMatch(/^[0-9A-F]{16}$/);
    });

    it('refuses a wrong Content-MD5 with BadDigest', async () => {
      const err = await client.put_object({ Bucket: bucket, Key: 'bad', Body: 'abc', ContentMD5: md5Base64('abd') }).catch((e: unknown) => e);
      expect((err as ClientError).response.Error.Code).toBe('BadDigest');
    });

    it('get_object with Range, conditions, response overrides and async iteration', async () => {
      await client.put_object({ Bucket: bucket, Key: 'range.bin', Body: Buffer.from('0123456789') });
      const part = await client.get_object({ Bucket: bucket, Key: 'range.bin', Range: 'bytes=2-5', ResponseContentType: 'application/x-test' });
      expect(part.ResponseMetadata.HTTPStatusCode).toBe(206);
      expect(part.ContentRange).toBe('bytes 2-5/10');
      expect(part.ContentType).toBe('application/x-test');
      const pieces: Buffer[] = [];
      for await (const chunk of part.Body) pieces.push(chunk);
      expect(Buffer.concat(pieces).toString()).toBe('2345');
      const etag = (await client.head_object({ Bucket: bucket, Key: 'range.bin' })).ETag!;
      const notModified = await client.get_object({ Bucket: bucket, Key: 'range.bin', IfNoneMatch: etag }).catch((e: unknown) => e);
      expect((notModified as ClientError).response.ResponseMetadata.HTTPStatusCode).toBe(304);
      const failed = await client.get_object({ Bucket: bucket, Key: 'range.bin', IfMatch: '"nope"' }).catch((e: unknown) => e);
      expect((failed as ClientError).response.Error.Code).toBe('PreconditionFailed');
    });

    it('copy_object with COPY and REPLACE directives, dict and string CopySource', async () => {
      await client.put_object({ Bucket: bucket, Key: 'src key+1.txt', Body: 'copy me', Metadata: { a: '1' }, ContentType: 'text/plain' });
      const copied = await client.copy_object({ Bucket: bucket, CopySource: { Bucket: bucket, Key: 'src key+1.txt' }, Key: 'src key+1.txt-Copy' });
      expect(copied.CopyObjectResult.ETag).toMatch(/^"/);
      expect(copied.CopyObjectResult.LastModified).toBeInstanceOf(Date);
      expect((await client.head_object({ Bucket: bucket, Key: 'src key+1.txt-Copy' })).Metadata).toEqual({ a: '1' });
      await client.copyObject({
        Bucket: bucket,
        CopySource: `${bucket}/src key+1.txt`,
        Key: 'replaced',
        MetadataDirective: 'REPLACE',
        Metadata: { b: '2' },
        ContentType: 'text/x',
      });
      const head = await client.head_object({ Bucket: bucket, Key: 'replaced' });
      expect(head.Metadata).toEqual({ b: '2' });
      expect(head.ContentType).toBe('text/x');
    });

    it('lists objects with prefix, delimiter, marker, max-keys and encoding-type=url', async () => {
      const keys = ['list/a.txt', 'list/b/1.txt', 'list/b/2.txt', 'list/c d+e%.txt', 'list/中文.txt'];
      for (const Key of keys) await client.put_object({ Bucket: bucket, Key, Body: Key });
      const top = await client.list_objects({ Bucket: bucket, Prefix: 'list/', Delimiter: '/' });
      expect(top.Contents?.map((c) => c.Key)).toEqual(['list/a.txt', 'list/c d+e%.txt', 'list/中文.txt']);
      expect(top.CommonPrefixes).toEqual([{ Prefix: 'list/b/' }]);
      expect(top.Contents?.[0]?.Size).toBe('list/a.txt'.length);
      expect(top.Contents?.[0]?.LastModified).toBeInstanceOf(Date);
      expect(top.IsTruncated).toBe(false);
      const page = await client.list_objects({ Bucket: bucket, Prefix: 'list/', MaxKeys: 2 });
      expect(page.IsTruncated).toBe(true);
      expect(page.MaxKeys).toBe(2);
      const next = await client.list_objects({ Bucket: bucket, Prefix: 'list/', Marker: page.NextMarker ?? page.Contents!.at(-1)!.Key! });
      expect(next.Contents?.map((c) => c.Key)).toEqual(keys.slice(2));
      const encoded = await client.list_objects({ Bucket: bucket, Prefix: 'list/c', EncodingType: 'url' });
      expect(encoded.Contents?.map((c) => c.Key)).toEqual(['list/c d+e%.txt']);
    });

    it('delete_objects with and without Quiet', async () => {
      await client.put_object({ Bucket: bucket, Key: 'del/1', Body: '1' });
      await client.put_object({ Bucket: bucket, Key: 'del/2', Body: '2' });
      const loud = await client.delete_objects({ Bucket: bucket, Delete: { Objects: [{ Key: 'del/1' }] } });
      expect(loud.Deleted).toEqual([{ Key: 'del/1' }]);
      const quiet = await client.deleteObjects({ Bucket: bucket, Delete: { Objects: [{ Key: 'del/2' }], Quiet: true } });
      expect(quiet.Deleted).toBeUndefined();
      expect(quiet.Errors).toBeUndefined();
      expect((await client.list_objects({ Bucket: bucket, Prefix: 'del/' })).Contents).toBeUndefined();
    });

    it('multipart: initiate, upload, copy part, list parts/uploads, complete (seed form without parts), abort', async () => {
      const key = 'mp/big object.bin';
      const upload = await client.create_multipart_upload({ Bucket: bucket, Key: key, ContentType: 'application/octet-stream', Metadata: { m: 'x' } });
      expect(upload.UploadId).toBeTruthy();
      const partA = Buffer.alloc(2048, 'a');
      await client.put_object({ Bucket: bucket, Key: 'mp/source', Body: Buffer.alloc(4096, 'b') });
      const p1 = await client.upload_part({ Bucket: bucket, Key: key, PartNumber: 1, UploadId: upload.UploadId!, Body: partA, ContentMD5: md5Base64(partA) });
      expect(p1.ETag).toMatch(/^"/);
      const p2 = await client.upload_part_copy({
        Bucket: bucket,
        Key: key,
        PartNumber: 2,
        UploadId: upload.UploadId!,
        CopySource: { Bucket: bucket, Key: 'mp/source' },
        CopySourceRange: 'bytes=0-2047',
      });
      expect(p2.CopyPartResult.ETag).toMatch(/^"/);
      await client.uploadPart({ Bucket: bucket, Key: key, PartNumber: 3, UploadId: upload.UploadId!, Body: 'tail' });
      const parts = await client.list_parts({ Bucket: bucket, Key: key, UploadId: upload.UploadId!, MaxParts: 2 });
      expect(parts.Parts?.map((p) => p.PartNumber)).toEqual([1, 2]);
      expect(parts.IsTruncated).toBe(true);
      expect(parts.Parts?.[0]?.Size).toBe(2048);
      const uploads = await client.list_multipart_uploads({ Bucket: bucket, MaxUploads: 100 });
      expect(uploads.Uploads?.some((u) => u.UploadId === upload.UploadId && u.Initiated instanceof Date)).toBe(true);
      // The seed calls complete_multipart_upload without MultipartUpload: the client lists the parts itself.
      const done = await client.complete_multipart_upload({ Bucket: bucket, Key: key, UploadId: upload.UploadId! });
      expect(done.ETag).toMatch(/-3"$/);
      expect(done.Key).toBe(key);
      const got = await client.get_object({ Bucket: bucket, Key: key });
      expect((await got.Body.read()).toString()).toBe(`${'a'.repeat(2048) + 'b'.repeat(2048)}tail`);
      expect(got.Metadata).toEqual({ m: 'x' });

      const other = await client.createMultipartUpload({ Bucket: bucket, Key: 'mp/aborted' });
      await client.abort_multipart_upload({ Bucket: bucket, Key: 'mp/aborted', UploadId: other.UploadId! });
      const gone = await client.list_parts({ Bucket: bucket, Key: 'mp/aborted', UploadId: other.UploadId! }).catch((e: unknown) => e);
      expect((gone as ClientError).response.Error.Code).toBe('NoSuchUpload');
    });

    it('refuses a small non-last part with EntityTooSmall and honours explicit parts', async () => {
      const key = 'mp/small';
      const up = await client.create_multipart_upload({ Bucket: bucket, Key: key });
      const a = await client.upload_part({ Bucket: bucket, Key: key, PartNumber: 1, UploadId: up.UploadId!, Body: 'x' });
      const b = await client.upload_part({ Bucket: bucket, Key: key, PartNumber: 2, UploadId: up.UploadId!, Body: 'y' });
      const err = await client
        .complete_multipart_upload({
          Bucket: bucket,
          Key: key,
          UploadId: up.UploadId!,
          MultipartUpload: {
            Parts: [
              { ETag: a.ETag!, PartNumber: 1 },
              { ETag: b.ETag!, PartNumber: 2 },
            ],
          },
        })
        .catch((e: unknown) => e);
      expect((err as ClientError).response.Error.Code).toBe('EntityTooSmall');
      const ok = await client.complete_multipart_upload({
        Bucket: bucket,
        Key: key,
        UploadId: up.UploadId!,
        MultipartUpload: { Parts: [{ ETag: a.ETag!, PartNumber: 1 }] },
      });
      expect(ok.ETag).toMatch(/-1"$/);
    });

    it('bucket policy, website, logging, trigger, lifecycle round trips', async () => {
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Sid: '1', Principal: { AWS: '*' }, Action: ['s3:*'], Resource: `arn:aws:s3:::${bucket}/*` }],
      });
      await client.put_bucket_policy({ Bucket: bucket, Policy: policy });
      expect((await client.get_bucket_policy({ Bucket: bucket })).Policy).toBe(policy);
      await client.delete_bucket_policy({ Bucket: bucket });
      expect(((await client.getBucketPolicy({ Bucket: bucket }).catch((e: unknown) => e)) as ClientError).response.Error.Code).toBe('NoSuchPolicy');

      await client.put_bucket_website({
        Bucket: bucket,
        WebsiteConfiguration: { ErrorDocument: { Key: 'error.html' }, IndexDocument: { Suffix: 'index.html' } },
      });
      const site = await client.get_bucket_website({ Bucket: bucket });
      expect(site.IndexDocument).toEqual({ Suffix: 'index.html' });
      expect(site.ErrorDocument).toEqual({ Key: 'error.html' });
      await client.delete_bucket_website({ Bucket: bucket });
      expect(((await client.get_bucket_website({ Bucket: bucket }).catch((e: unknown) => e)) as ClientError).response.Error.Code).toBe(
        'NoSuchWebsiteConfiguration',
      );

      await client.put_bucket_logging({ Bucket: bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: bucket, TargetPrefix: `${bucket}_log` } } });
      expect((await client.get_bucket_logging({ Bucket: bucket })).LoggingEnabled).toEqual({ TargetBucket: bucket, TargetPrefix: `${bucket}_log` });
      await client.putBucketLogging({ Bucket: bucket, BucketLoggingStatus: {} });
      expect((await client.getBucketLogging({ Bucket: bucket })).LoggingEnabled).toBeUndefined();

      const site1 = {
        RemontEndPoint: 'http://oos-hz.ctyunapi.cn',
        ReplicaMode: '',
        RemoteBucketName: 'test-jf-logging',
        RemoteAK: '2510935f75d781385b35',
        RemoteSK: '567b89b544a89bb3d3ccef4be8507e6d30d75579',
      };
      await client.put_bucket_trigger({
        Bucket: bucket,
        TriggerConfiguration: { Triggers: [{ TriggerName: 'jftrigger01', IsDefault: true, RemoteSite: site1 }] },
      });
      await client.put_bucket_trigger({ Bucket: bucket, TriggerConfiguration: { Triggers: [{ TriggerName: 'trigger02', IsDefault: false }] } });
      const triggers = await client.get_bucket_trigger({ Bucket: bucket });
      // RemoteSite is one object, as the seed shows it; RemoteSites lists them all; both absent without a site.
      expect(triggers.Triggers).toEqual([
        { TriggerName: 'jftrigger01', IsDefault: true, RemoteSite: site1, RemoteSites: [site1] },
        { TriggerName: 'trigger02', IsDefault: false },
      ]);
      expect(triggers.Triggers[0]?.RemoteSite?.RemoteBucketName).toBe('test-jf-logging');
      const site2 = { ...site1, RemoteBucketName: 'second-site' };
      await client.put_bucket_trigger({
        Bucket: bucket,
        TriggerConfiguration: { Triggers: [{ TriggerName: 'trigger04', IsDefault: false, RemoteSite: [site1, site2] }] },
      });
      const two = (await client.get_bucket_trigger({ Bucket: bucket })).Triggers.find((t) => t.TriggerName === 'trigger04');
      expect(two?.RemoteSite).toEqual(site1);
      expect(two?.RemoteSites).toEqual([site1, site2]);
      await client.delete_bucket_trigger({ Bucket: bucket, TriggerName: 'trigger04' });
      await client.delete_bucket_trigger({ Bucket: bucket, TriggerName: 'jftrigger01' });
      expect((await client.getBucketTrigger({ Bucket: bucket })).Triggers.map((t) => t.TriggerName)).toEqual(['trigger02']);
      // The correct spelling is accepted on input and sent as the vendor's RemontEndPoint.
      const { RemontEndPoint, ...rest } = site1;
      await client.put_bucket_trigger({
        Bucket: bucket,
        TriggerConfiguration: { Triggers: [{ TriggerName: 'trigger03', IsDefault: false, RemoteSite: { ...rest, RemoteEndPoint: RemontEndPoint } }] },
      });
      expect((await client.get_bucket_trigger({ Bucket: bucket })).Triggers.find((t) => t.TriggerName === 'trigger03')?.RemoteSite).toEqual(site1);
      await client.delete_bucket_trigger({ Bucket: bucket, TriggerName: 'trigger03' });

      await client.put_bucket_lifecycle({
        Bucket: bucket,
        LifecycleConfiguration: {
          Rules: [
            { Expiration: { Days: 100 }, ID: 'lifecycle-123', Prefix: 'test', Status: 'Enabled' },
            { Expiration: { Date: new Date('2030-01-01T00:00:00Z') }, ID: 'by-date', Prefix: 'old/', Status: 'Disabled' },
          ],
        },
      });
      const lc = await client.get_bucket_lifecycle({ Bucket: bucket });
      expect(lc.Rules).toEqual([
        { ID: 'lifecycle-123', Prefix: 'test', Status: 'Enabled', Expiration: { Days: 100 } },
        { ID: 'by-date', Prefix: 'old/', Status: 'Disabled', Expiration: { Date: new Date('2030-01-01T00:00:00Z') } },
      ]);
      await client.delete_bucket_lifecycle({ Bucket: bucket });
      expect(((await client.getBucketLifecycle({ Bucket: bucket }).catch((e: unknown) => e)) as ClientError).response.Error.Code).toBe(
        'NoSuchLifecycleConfiguration',
      );
    });

    it('validates parameters before any request', async () => {
      await expect(client.put_object({ Bucket: 'bad bucket', Key: 'k' })).rejects.toBeInstanceOf(ParamValidationError);
      await expect(client.create_bucket({ Bucket: 'Bad_Bucket' })).rejects.toThrow(/Invalid bucket name "Bad_Bucket": Bucket name must be 3 to 63/);
      await expect(client.put_object({ Bucket: bucket, Key: '' })).rejects.toThrow(/Key/);
      await expect(client.upload_part({ Bucket: bucket, Key: 'k', UploadId: 'u', PartNumber: 10001 })).rejects.toThrow(/PartNumber/);
      await expect(client.get_object({ Bucket: bucket } as never)).rejects.toThrow(/Missing required parameter in input: "Key"/);
      await expect(client.list_objects({ Bucket: bucket, Maxkeys: 3 } as never)).rejects.toThrow(/Unknown parameter in input: "Maxkeys"/);
    });

    it('retries a 503 SlowDown, re-signing, and reports RetryAttempts', async () => {
      const retrying = oos.client('s3', {
        endpoint_url: emu.endpoints.oos,
        access_key_id: AK,
        secret_access_key: SK,
        config: new Config({ signature_version: sig, retries: { max_attempts: 2 } }),
      });
      emu.faults.set({ dialects: ['oos'], operations: ['head_bucket'], errorStatus: 503, errorCount: 2 });
      try {
        const res = await retrying.head_bucket({ Bucket: bucket });
        expect(res.ResponseMetadata.RetryAttempts).toBe(2);
        emu.faults.set({ dialects: ['oos'], operations: ['head_bucket'], errorStatus: 500, errorCount: 5 });
        const err = await client.head_bucket({ Bucket: bucket }).catch((e: unknown) => e);
        expect((err as ClientError).response.ResponseMetadata.HTTPStatusCode).toBe(500);
      } finally {
        emu.faults.clear();
        await retrying.close();
      }
    });

    it('honours an AbortSignal', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(client.list_buckets({ AbortSignal: controller.signal })).rejects.toMatchObject({ name: 'NetworkError', code: 'ABORTED' });
      const slow = new AbortController();
      const pending = client.list_objects({ Bucket: bucket, AbortSignal: slow.signal });
      slow.abort();
      await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    });

    it('delete_bucket refuses a non-empty bucket, then deletes an empty one', async () => {
      const err = await client.delete_bucket({ Bucket: bucket }).catch((e: unknown) => e);
      expect((err as ClientError).response.Error.Code).toBe('BucketNotEmpty');
      expect((err as ClientError).message).toContain('when calling the DeleteBucket operation');
      const empty = bucketName('e');
      await client.create_bucket({ Bucket: empty });
      expect((await client.delete_bucket({ Bucket: empty })).ResponseMetadata.HTTPStatusCode).toBe(204);
    });
  });
}
