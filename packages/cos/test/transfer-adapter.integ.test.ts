import type { Readable } from 'node:stream';
import { abortUpload, classifyFailure, isRetryableError, listAllParts, type PartsPage } from '@yunstore/transfer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosConfig } from '../src/config.ts';
import { CosContext } from '../src/context.ts';
import { CosClientError, CosServiceError } from '../src/errors.ts';
import * as mp from '../src/operations/multipart.ts';
import { COS_LIMITS, cosClassify, cosTransferAdapter, partsPageOf } from '../src/transfer-adapter.ts';
import { toCosError } from '../src/http-hooks.ts';

/** What the engine decides for a failure of an adapter call: the COS error it is mapped to, then COS's verdict, else the default. */
const retried = (error: unknown, op: string): boolean => {
  const mapped = toCosError(error, op);
  return classifyFailure({ classify: cosClassify }, mapped) === 'retry';
};
import { startHarness, stopHarness, type Harness } from './helpers.ts';

const B = 'adapter-1250000000';
let h: Harness;
let ctx: CosContext;
const signal = new AbortController().signal;

function serviceError(status: number, code: string): CosServiceError {
  return new CosServiceError({
    method: 'upload_part',
    status,
    origin: '',
    digest: { code, message: code, resource: '', requestid: 'r', traceid: 't' },
  });
}

beforeAll(async () => {
  h = await startHarness();
  ctx = new CosContext(new CosConfig(h.options()));
  await h.client.create_bucket({ Bucket: B });
});
afterAll(async () => {
  await ctx?.close();
  await stopHarness(h);
});

describe('errors as the engine sees them', () => {
  it('COS 5xx and network failures are retried; 4xx, bad arguments and aborts are final', () => {
    expect(retried(serviceError(503, 'SlowDown'), 'upload_part')).toBe(true);
    expect(retried(serviceError(500, 'InternalError'), 'upload_part')).toBe(true);
    expect(retried(serviceError(403, 'AccessDenied'), 'upload_part')).toBe(false);
    expect(retried(serviceError(404, 'NoSuchUpload'), 'upload_part')).toBe(false);
    expect(retried(new CosClientError('reset', { code: 'ECONNRESET' }), 'upload_part')).toBe(true);
    expect(retried(new CosClientError('bad', { code: 'InvalidArgument' }), 'upload_part')).toBe(false);
    expect(retried(new CosClientError('stop', { code: 'ABORTED' }), 'upload_part')).toBe(false);
    // complete_multipart_upload / copies can fail with 200 + <Error>: transient codes only are retried.
    expect(retried(serviceError(200, 'InternalError'), 'complete_multipart_upload')).toBe(true);
    expect(retried(serviceError(200, 'InvalidPart'), 'complete_multipart_upload')).toBe(false);
  });
});

describe('cosTransferAdapter over the emulator', () => {
  it('has the COS limits', () => {
    expect(cosTransferAdapter(ctx).limits).toEqual({ maxParts: 10000, minPartSize: 1048576, maxPartSize: 5 * 1024 ** 3, maxSingleCopy: 5 * 1024 ** 3 });
    expect(cosTransferAdapter(ctx, { limits: { minPartSize: 1 } }).limits).toEqual({ ...COS_LIMITS, minPartSize: 1 });
  });

  it('lists every page of parts, and null once the upload is gone', async () => {
    const adapter = cosTransferAdapter(ctx, { kwargs: { ContentType: 'application/x-parts', ContentMD5: 'ignored-on-initiate' } });
    const { uploadId } = await adapter.initiate({ bucket: B, key: 'parts.bin', signal });
    for (let n = 1; n <= 5; n++) {
      const bytes = Buffer.alloc(1024 + n, n);
      const { etag } = await adapter.uploadPart({
        bucket: B,
        key: 'parts.bin',
        uploadId,
        partNumber: n,
        length: bytes.length,
        signal,
        body: { length: bytes.length, replayable: true, open: () => bytes },
      });
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    }
    // Pages of 2 parts, followed by the engine.
    const listPartsPage = async (a: { bucket: string; key: string; uploadId: string; marker: number; signal: AbortSignal }): Promise<PartsPage> =>
      partsPageOf(await mp.listParts(ctx, { Bucket: a.bucket, Key: a.key, UploadId: a.uploadId, MaxParts: 2, PartNumberMarker: a.marker, signal: a.signal }));
    const parts = await listAllParts({ ...adapter, listPartsPage }, { bucket: B, key: 'parts.bin', uploadId, signal });
    expect(parts?.map((p) => [p.partNumber, p.size])).toEqual([
      [1, 1025],
      [2, 1026],
      [3, 1027],
      [4, 1028],
      [5, 1029],
    ]);
    await adapter.abort({ bucket: B, key: 'parts.bin', uploadId, signal });
    expect(await listAllParts(adapter, { bucket: B, key: 'parts.bin', uploadId, signal })).toBeNull();
    // Aborting twice is not an error for the engine: the upload already gone classifies as 'gone'.
    await expect(abortUpload(adapter, { bucket: B, key: 'parts.bin', uploadId, signal })).resolves.toBeUndefined();
  });

  it('head reports size, ETag, Last-Modified and CRC-64; getRange sends If-Match', async () => {
    await h.client.put_object({ Bucket: B, Key: 'obj.txt', Body: '0123456789' });
    const adapter = cosTransferAdapter(ctx);
    const info = await adapter.head({ bucket: B, key: 'obj.txt', signal });
    expect(info.size).toBe(10);
    expect(info.crc64).toMatch(/^\d+$/);
    expect(info.lastModified).toBeTruthy();
    const stream = await adapter.getRange({ bucket: B, key: 'obj.txt', start: 2, end: 5, ifMatch: info.etag, signal });
    const chunks: Buffer[] = [];
    for await (const c of stream as Readable) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('2345');
    const e = await adapter.getRange({ bucket: B, key: 'obj.txt', start: 0, end: 1, ifMatch: '"0000"', signal }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CosServiceError);
    expect((e as CosServiceError).get_status_code()).toBe(412);
    expect(isRetryableError(e)).toBe(false);
  });

  it('lists a prefix in pages and deletes in batches, reporting refused keys', async () => {
    for (const k of ['p/a', 'p/b', 'p/c']) await h.client.put_object({ Bucket: B, Key: k, Body: k });
    const adapter = cosTransferAdapter(ctx);
    const page = await adapter.list!({ bucket: B, prefix: 'p/', signal });
    expect(page.objects).toEqual([
      { key: 'p/a', size: 3 },
      { key: 'p/b', size: 3 },
      { key: 'p/c', size: 3 },
    ]);
    expect(page.nextMarker).toBeUndefined();
    expect(await adapter.deleteMany!({ bucket: B, keys: ['p/a', 'p/b', 'p/c'], signal })).toEqual([]);
    expect((await adapter.list!({ bucket: B, prefix: 'p/', signal })).objects).toEqual([]);
  });
});
