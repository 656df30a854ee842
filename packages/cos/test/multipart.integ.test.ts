import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '@yunstore/core';
import type { CosServiceError } from '../src/index.ts';
import { caught, startHarness, stopHarness, type Harness } from './helpers.ts';

let h: Harness;
const B = 'multipart-1250000000';
const part1 = Buffer.alloc(2048, 'a');
const part2 = Buffer.alloc(1500, 'b');

beforeAll(async () => {
  h = await startHarness();
  await h.client.create_bucket({ Bucket: B });
  await h.client.put_object({ Bucket: B, Key: 'source.bin', Body: Buffer.alloc(4096, 'c') });
});
afterAll(async () => stopHarness(h));

describe('multipart against the emulator', () => {
  it('create → upload_part ×2 + upload_part_copy → list_parts → list_multipart_uploads → complete', async () => {
    const init = await h.client.create_multipart_upload({
      Bucket: B,
      Key: 'big.bin',
      ContentType: 'application/x-test',
      Metadata: { 'x-cos-meta-kind': 'mp' },
    });
    expect(init).toMatchObject({ Bucket: B, Key: 'big.bin' });
    const uploadId = init.UploadId;
    const p1 = await h.client.upload_part({ Bucket: B, Key: 'big.bin', Body: part1, PartNumber: 1, UploadId: uploadId, EnableMD5: true });
    expect(p1['ETag']).toBe(`"${createHash('md5').update(part1).digest('hex')}"`);
    const p2 = await h.client.uploadPart(B, 'big.bin', part2, 2, uploadId);
    const p3 = await h.client.upload_part_copy({
      Bucket: B,
      Key: 'big.bin',
      PartNumber: 3,
      UploadId: uploadId,
      CopySource: { Bucket: B, Key: 'source.bin', Region: 'ap-guangzhou' },
      CopySourceRange: 'bytes=0-1023',
    });
    expect(p3.ETag).toBeTruthy();
    expect(p3.LastModified).toBeTruthy();

    const parts = await h.client.list_parts({ Bucket: B, Key: 'big.bin', UploadId: uploadId });
    expect(parts.Part?.map((p) => p.PartNumber)).toEqual(['1', '2', '3']);
    expect(parts.Part?.[0]?.Size).toBe('2048');
    expect(parts.IsTruncated).toBe('false');
    const firstOnly = await h.client.list_parts(B, 'big.bin', uploadId, '', 1);
    expect(firstOnly.Part).toHaveLength(1);
    expect(firstOnly.IsTruncated).toBe('true');
    const rest = await h.client.listParts({ Bucket: B, Key: 'big.bin', UploadId: uploadId, PartNumberMarker: firstOnly.NextPartNumberMarker as string });
    expect(rest.Part?.map((p) => p.PartNumber)).toEqual(['2', '3']);

    const uploads = await h.client.list_multipart_uploads({ Bucket: B, Prefix: 'big' });
    expect(uploads.Upload?.map((u) => u.UploadId)).toContain(uploadId);
    expect(uploads.Upload?.[0]?.Key).toBe('big.bin');

    const done = await h.client.complete_multipart_upload({
      Bucket: B,
      Key: 'big.bin',
      UploadId: uploadId,
      MultipartUpload: {
        Part: [
          { PartNumber: 3, ETag: p3.ETag as string },
          { PartNumber: 1, ETag: p1['ETag'] as string },
          { PartNumber: 2, ETag: p2['ETag'] as string },
        ],
      },
    });
    expect(done.ETag).toMatch(/-3"$/);
    expect(done.Key).toBe('big.bin');
    expect(done.Location).toBeTruthy();

    const whole = Buffer.concat([part1, part2, Buffer.alloc(1024, 'c')]);
    const got = await h.client.get_object({ Bucket: B, Key: 'big.bin' });
    expect(got['x-cos-meta-kind']).toBe('mp');
    expect(got['Content-Type']).toBe('application/x-test');
    if (got['x-cos-hash-crc64ecma']) expect(got['x-cos-hash-crc64ecma']).toBe(crc64(whole).toString());
    expect(await got.Body.read()).toEqual(whole);
    expect((await h.client.list_multipart_uploads(B)).Upload ?? []).toEqual([]);
  });

  it('abort_multipart_upload; later calls on the upload are NoSuchUpload', async () => {
    const { UploadId } = await h.client.create_multipart_upload(B, 'aborted.bin');
    await h.client.upload_part({ Bucket: B, Key: 'aborted.bin', Body: part1, PartNumber: 1, UploadId });
    expect(await h.client.abort_multipart_upload({ Bucket: B, Key: 'aborted.bin', UploadId })).toBeUndefined();
    const err = (await caught(() => h.client.list_parts({ Bucket: B, Key: 'aborted.bin', UploadId }))) as CosServiceError;
    expect(err.get_error_code()).toBe('NoSuchUpload');
  });

  it('complete with a wrong ETag is InvalidPart; a too-small part is EntityTooSmall', async () => {
    const { UploadId } = await h.client.create_multipart_upload(B, 'bad.bin');
    const a = await h.client.upload_part({ Bucket: B, Key: 'bad.bin', Body: Buffer.alloc(10, 'x'), PartNumber: 1, UploadId });
    const b = await h.client.upload_part({ Bucket: B, Key: 'bad.bin', Body: Buffer.alloc(10, 'y'), PartNumber: 2, UploadId });
    const wrong = (await caught(() =>
      h.client.complete_multipart_upload({ Bucket: B, Key: 'bad.bin', UploadId, MultipartUpload: { Part: [{ PartNumber: 1, ETag: '"00"' }] } }),
    )) as CosServiceError;
    expect(wrong.get_error_code()).toBe('InvalidPart');
    const small = (await caught(() =>
      h.client.complete_multipart_upload({
        Bucket: B,
        Key: 'bad.bin',
        UploadId,
        MultipartUpload: {
          Part: [
            { PartNumber: 1, ETag: a['ETag'] as string },
            { PartNumber: 2, ETag: b['ETag'] as string },
          ],
        },
      }),
    )) as CosServiceError;
    expect(small.get_error_code()).toBe('EntityTooSmall');
    await h.client.abort_multipart_upload(B, 'bad.bin', UploadId);
  });
});
