/**
 * Uploading any readable stream, of known or unknown length, with memory
 * bounded by part size x concurrency: each part is buffered once (so a
 * retry replays it) in a pooled buffer, and the stream is read only when a
 * worker is free to send what it reads.
 */
import { crc64Combine } from '@yunstore/core';
import type { CompleteResult, ObjectRef, UploadAdapter } from './adapter.ts';
import { abortQuietly, bufferBody, checkObjectCrc, completeUpload, sendParts, type PartJob } from './multipart.ts';
import { initiateUpload } from './upload-server.ts';
import { requireString, resolveOptions, type TransferOptions } from './options.ts';
import { PartBufferPool } from './part-buffers.ts';
import { planParts } from './parts.ts';
import { abortError, isRetryableError, linkedController, withPartRetry } from './pool.ts';
import { meteredBody, Progress } from './progress.ts';
import { PartReader, toReadable, type StreamSource } from './stream-parts.ts';
import { resolveThreshold, type UploadCommonOptions, type UploadOutcome } from './upload.ts';
import { checkStored, digestOf, digestsFor, withResend } from './part-digest.ts';

export interface UploadStreamParams extends TransferOptions, UploadCommonOptions {
  bucket: string;
  key: string;
  /** A Node `Readable`, a web `ReadableStream` or an async iterable of bytes. It is read once. */
  stream: StreamSource;
  /**
   * The stream's exact length, when known: enables progress totals and raises
   * the part size for very large streams. Without it a stream may have at
   * most `maxParts` parts of `partSize` (80 GB with the 8 MiB default).
   */
  size?: number;
}

/** The object's CRC-64 from every part's, in part order (every part was sent by this call). */
function combinedCrc(parts: ReadonlyMap<number, { size: number; crc64: bigint | undefined }>): bigint {
  let crc = 0n;
  for (let n = 1; n <= parts.size; n++) {
    const part = parts.get(n);
    if (part?.crc64 === undefined) throw new Error(`part ${n} has no CRC-64 (internal error)`);
    crc = n === 1 ? part.crc64 : crc64Combine(crc, part.crc64, part.size);
  }
  return crc;
}

/** Thrown when the stream's length disagrees with `size`. */
function lengthMismatch(size: number, actual: string): RangeError {
  return new RangeError(`stream length does not match size: size is ${size} bytes, the stream ${actual}`);
}

/**
 * Uploads a stream to `bucket/key`. Streams cannot be re-read, so there is
 * no checkpoint resume; failed parts are replayed from their buffer.
 *
 * @throws RangeError when `size` is given and the stream is shorter or longer,
 *   or when a stream of unknown length needs more than `maxParts` parts.
 */
export async function uploadStream<R extends CompleteResult>(adapter: UploadAdapter<R>, params: UploadStreamParams): Promise<UploadOutcome<R>> {
  const target: ObjectRef = { bucket: requireString('bucket', params.bucket), key: requireString('key', params.key) };
  const options = resolveOptions(params, undefined, adapter);
  const size = params.size;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) {
    throw new RangeError(`size must be a non-negative integer, got ${String(size)}`);
  }
  const limits = adapter.limits;
  const partSize = size !== undefined ? planParts(size, options.partSize, limits).partSize : Math.max(options.partSize, limits.minPartSize);
  if (partSize > limits.maxPartSize) {
    throw new RangeError(`partSize ${partSize} is above the vendor maximum of ${limits.maxPartSize} bytes per part`);
  }
  const threshold = resolveThreshold(params.multipartThreshold, partSize);
  const reader = new PartReader(toReadable(params.stream));
  const digests = digestsFor(adapter, params);
  const verifyCrc = digests.crc64;

  const { controller, dispose } = linkedController(params.signal);
  // An abort must not wait for a slow producer: destroying the stream rejects the pending read.
  const onAbort = (): void => reader.destroy(abortError(controller.signal));
  controller.signal.addEventListener('abort', onAbort, { once: true });
  const progress = new Progress(size, params.onProgress, (error) => controller.abort(error));
  // One buffer per worker: a part's buffer is filled only when a worker is free to send it.
  const pool = new PartBufferPool(partSize, options.concurrency);
  try {
    // Read the first part (or the whole object when it is known to be small) to choose single vs multipart.
    const firstCapacity = size !== undefined && size <= threshold ? size : partSize;
    const first = firstCapacity === partSize ? pool.acquire() : Buffer.allocUnsafe(firstCapacity);
    const firstLength = await reader.fill(first);
    const single = !(await reader.hasMore()) && firstLength <= threshold && adapter.putObject !== undefined;
    if (size !== undefined && single && firstLength !== size) throw lengthMismatch(size, `ended after ${firstLength}`);

    if (single && adapter.putObject) {
      const putObject = adapter.putObject.bind(adapter);
      const bytes = first.subarray(0, firstLength);
      progress.start();
      const meter = progress.part(firstLength);
      const sent = digestOf(bytes, digests);
      const result = await withPartRetry(
        async () => {
          const answer = await putObject({ ...target, body: meteredBody(bufferBody(bytes), meter), length: firstLength, signal: controller.signal });
          checkStored(target.key, sent, answer);
          return answer;
        },
        { ...options.retry, shouldRetry: withResend(options.retry.shouldRetry, isRetryableError) },
        controller.signal,
      );
      progress.finish();
      return { result, multipart: false, uploadId: undefined, size: firstLength, partSize: undefined, partsSent: 0, partsReused: 0 };
    }

    const uploadId = await initiateUpload(adapter, { ...target, signal: controller.signal });
    const done = new Map<number, { partNumber: number; etag: string; size: number; crc64: bigint | undefined }>();
    let total = 0;
    const jobs = async function* (): AsyncGenerator<PartJob> {
      let partNumber = 1;
      let buffer: Buffer | undefined = first;
      let length = firstLength;
      for (;;) {
        total += length;
        if (size !== undefined && total > size) throw lengthMismatch(size, 'is longer');
        const bytes: Buffer = buffer.subarray(0, length);
        const pooled = buffer.length === partSize;
        yield {
          partNumber,
          length,
          bytes: () => bytes,
          release: () => {
            if (pooled) pool.release(bytes);
          },
        };
        buffer = undefined;
        if (!(await reader.hasMore())) break;
        partNumber += 1;
        if (partNumber > limits.maxParts) {
          throw new RangeError(`the stream needs more than ${limits.maxParts} parts of ${partSize} bytes: pass its size or a larger partSize`);
        }
        buffer = pool.acquire();
        length = await reader.fill(buffer);
      }
      if (size !== undefined && total !== size) throw lengthMismatch(size, `ended after ${total}`);
    };

    progress.start();
    try {
      await sendParts(
        {
          adapter,
          target,
          uploadId,
          concurrency: options.concurrency,
          retry: options.retry,
          progress,
          signal: controller.signal,
          digests,
          onPartDone: ({ partNumber, etag, size, crc64: crc }) => {
            done.set(partNumber, { partNumber, etag, size, crc64: crc });
          },
        },
        jobs(),
      );
      const sent = [...done.values()].reduce((sum, part) => sum + part.size, 0);
      const result = await completeUpload(adapter, target, uploadId, done.values(), controller.signal, options.retry, sent);
      if (verifyCrc) checkObjectCrc(target.key, combinedCrc(done), result);
      progress.finish();
      return { result, multipart: true, uploadId, size: total, partSize, partsSent: done.size, partsReused: 0 };
    } catch (error) {
      if (!params.leaveUploadOnError) await abortQuietly(adapter, target, uploadId);
      throw error;
    }
  } catch (error) {
    if (controller.signal.aborted) throw abortError(controller.signal);
    throw error;
  } finally {
    controller.signal.removeEventListener('abort', onAbort);
    reader.destroy();
    pool.clear();
    dispose();
  }
}
