/**
 * Downloading an object into a writable stream (boto3 `download_fileobj`,
 * a pipe to a socket...): concurrent ranged GETs, each part buffered once,
 * written strictly in order. Memory stays within part size x concurrency:
 * a worker holds its part until every earlier part has been written.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Crc64 } from '@yunstore/core';
import type { DownloadAdapter, ObjectInfo, ObjectRef } from './adapter.ts';
import { receiveIntoBuffer } from './download-receive.ts';
import { IntegrityError } from './errors.ts';
import { requireString, resolveOptions, type TransferOptions } from './options.ts';
import { partsOf, planParts } from './parts.ts';
import { abortError, linkedController, runPool, withPartRetry } from './pool.ts';
import { Progress } from './progress.ts';

export interface DownloadStreamParams extends TransferOptions {
  bucket: string;
  key: string;
  /** Where the bytes go, in order. */
  writable: Writable;
  /** Call `writable.end()` after the last byte. Default false (like boto3, the caller owns the file object). */
  end?: boolean;
  /** Check COS CRC-64 when `head` reports one. Default true. */
  verifyCrc64?: boolean;
  /** The object's `head` result when the caller already has it. */
  objectInfo?: ObjectInfo;
}

/** Resolves when every earlier part is written; parts call `next()` when done. */
class Turns {
  #current = 1;
  readonly #waiting = new Map<number, () => void>();

  wait(partNumber: number, signal: AbortSignal): Promise<void> {
    if (partNumber === this.#current) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiting.delete(partNumber);
        reject(abortError(signal));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(partNumber, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  next(): void {
    this.#current += 1;
    const wake = this.#waiting.get(this.#current);
    this.#waiting.delete(this.#current);
    wake?.();
  }
}

/**
 * Downloads `bucket/key` into `writable`. Returns the object's size.
 *
 * @throws IntegrityError when the CRC-64 does not match (bytes already
 *   written stay written: a stream cannot be taken back).
 */
export async function downloadStream(adapter: DownloadAdapter, params: DownloadStreamParams): Promise<{ size: number; etag: string }> {
  const target: ObjectRef = { bucket: requireString('bucket', params.bucket), key: requireString('key', params.key) };
  const writable = params.writable as Writable | undefined;
  if (typeof writable?.write !== 'function') throw new TypeError('writable must be a Writable stream');
  const options = resolveOptions(params, undefined, adapter);
  const { controller, dispose } = linkedController(params.signal);
  const signal = controller.signal;
  try {
    const info = params.objectInfo ?? (await adapter.head({ ...target, signal }));
    const needCrc = params.verifyCrc64 !== false && typeof info.crc64 === 'string' && /^\d+$/.test(info.crc64);
    const plan = planParts(info.size, options.partSize, { maxParts: 10_000, minPartSize: 1, maxPartSize: Number.MAX_SAFE_INTEGER, maxSingleCopy: 0 });
    const progress = new Progress(info.size, params.onProgress, (error) => controller.abort(error));
    const hash = needCrc ? new Crc64() : undefined;
    const turns = new Turns();
    progress.start();
    await runPool(
      partsOf(plan),
      options.concurrency,
      async (part, partSignal) => {
        const meter = progress.part(part.length);
        const buffer = Buffer.allocUnsafe(part.length);
        await withPartRetry(
          async () => {
            meter.restart();
            const stream = await adapter.getRange({ ...target, start: part.start, end: part.end, ifMatch: info.etag, signal: partSignal });
            await receiveIntoBuffer(stream, buffer, (n) => meter.advance(n));
          },
          options.retry,
          partSignal,
        );
        await turns.wait(part.partNumber, partSignal);
        hash?.update(buffer);
        if (!writable.write(buffer)) await once(writable, 'drain', { signal: partSignal });
        meter.complete();
        turns.next();
      },
      signal,
    );
    if (hash && hash.digest() !== BigInt(info.crc64 ?? '0')) {
      throw new IntegrityError('CRC64Mismatch', `CRC-64 of ${target.key} is ${hash.digest()}, the object's is ${info.crc64 ?? ''}`);
    }
    if (params.end) await new Promise<void>((resolve) => writable.end(resolve));
    progress.finish();
    return { size: info.size, etag: info.etag };
  } finally {
    dispose();
  }
}
