/**
 * Receiving one ranged GET into a file: the response's chunks are gathered
 * (by reference, never copied) until about `batchBytes` are held, then
 * written with one positioned `writev` at their offset. No promise per chunk
 * (plain 'data' events), a handful of large writes per part, and the
 * response is paused while a batch is being written, so a worker holds at
 * most one batch whatever the speed of the disk.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Crc64 } from '@yunstore/core';

export interface ReceiveTarget {
  file: FileHandle;
  /** File offset of the range's first byte. */
  start: number;
  /** Exact byte length of the range. */
  length: number;
  /** Bytes gathered before a write (the write size, but for the last one). */
  batchBytes: number;
  /** Fed with every byte, in order. */
  hash: Crc64 | undefined;
  /** `bytes` more arrived (for progress). */
  onBytes: (bytes: number) => void;
}

/** The server sent more than the range (it ignored `Range`): retrying cannot help. */
export class OverlongRangeError extends Error {
  override name = 'OverlongRangeError';
  readonly retryable = false;
}

/** The response ended (or broke) before the whole range arrived: the part is fetched again. */
export class ShortReadError extends Error {
  override name = 'ShortReadError';
}

/** Writes every byte of `chunks` at `position` (one `writev`, more only after a short write). */
export async function writeAllAt(file: FileHandle, chunks: Buffer[], total: number, position: number): Promise<void> {
  let done = 0;
  let pending = chunks;
  while (done < total) {
    const { bytesWritten } = await file.writev(pending, position + done);
    if (bytesWritten === 0) throw new Error(`could not write to the file at ${position + done}`);
    done += bytesWritten;
    if (done < total) pending = dropBytes(pending, bytesWritten);
  }
}

/** `chunks` without their first `count` bytes (views, no copies). */
function dropBytes(chunks: Buffer[], count: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = count;
  for (const chunk of chunks) {
    if (skip >= chunk.length) {
      skip -= chunk.length;
      continue;
    }
    out.push(skip > 0 ? chunk.subarray(skip) : chunk);
    skip = 0;
  }
  return out;
}

/**
 * Reads `stream` to its end into `target.file` at `target.start`. Resolves
 * once every byte is written; rejects (after destroying the stream, and
 * after any write in flight has settled) on a stream error, a short or
 * overlong body, or a failed write.
 */
export function receiveRange(stream: Readable, target: ReceiveTarget): Promise<void> {
  const { file, start, length, batchBytes, hash, onBytes } = target;
  return new Promise<void>((resolve, reject) => {
    let received = 0;
    let written = 0;
    let batch: Buffer[] = [];
    let held = 0;
    let writing = false;
    // The write in flight: a failure waits for it, so no retry writes the same range concurrently.
    let inflight: Promise<void> = Promise.resolve();
    let ended = false;
    let settled = false;

    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', fail);
      stream.off('close', onClose);
    };
    function fail(error: unknown): void {
      if (settled) return;
      settled = true;
      cleanup();
      stream.destroy();
      const settle = (): void => reject(error);
      inflight.then(settle, settle);
    }
    const finish = (): void => {
      if (settled) return;
      if (written !== length) {
        fail(new ShortReadError(`got ${written} of ${length} bytes of the range at ${start}`));
        return;
      }
      settled = true;
      cleanup();
      resolve();
    };
    const flush = (): void => {
      writing = true;
      stream.pause();
      const chunks = batch;
      const bytes = held;
      batch = [];
      held = 0;
      inflight = writeAllAt(file, chunks, bytes, start + written);
      inflight.then(() => {
        written += bytes;
        writing = false;
        if (settled) return;
        // Chunks that arrived during the write (a paused stream may still hand one over).
        if (held >= batchBytes || (ended && held > 0)) flush();
        else if (ended) finish();
        else stream.resume();
      }, fail);
    };
    function onData(data: unknown): void {
      const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
      if (received + chunk.length > length) {
        fail(new OverlongRangeError(`the server sent more than the ${length} bytes of the range at ${start}`));
        return;
      }
      received += chunk.length;
      hash?.update(chunk);
      onBytes(chunk.length);
      batch.push(chunk);
      held += chunk.length;
      if (!writing && held >= batchBytes) flush();
    }
    function onEnd(): void {
      ended = true;
      if (writing) return;
      if (held > 0) flush();
      else finish();
    }
    function onClose(): void {
      // Destroyed without 'end' or 'error' (an abort): the range did not arrive.
      if (!ended) fail(new ShortReadError(`the response for the range at ${start} closed after ${received} of ${length} bytes`));
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', fail);
    stream.on('close', onClose);
  });
}

/**
 * Reads `stream` to its end into `target` (exactly `target.length` bytes),
 * copying each chunk as it arrives ('data' events, no promise per chunk).
 * Rejects on a stream error, a short body (retryable) or an overlong one.
 */
export function receiveIntoBuffer(stream: Readable, target: Buffer, onBytes: (bytes: number) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let filled = 0;
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', settle);
      stream.off('close', onClose);
      if (error === undefined) resolve();
      else {
        stream.destroy();
        reject(error);
      }
    };
    function onData(data: unknown): void {
      const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
      if (filled + chunk.length > target.length) {
        settle(new OverlongRangeError(`the server sent more than the ${target.length} bytes of the range`));
        return;
      }
      chunk.copy(target, filled);
      filled += chunk.length;
      onBytes(chunk.length);
    }
    function onEnd(): void {
      settle(filled === target.length ? undefined : new ShortReadError(`got ${filled} of ${target.length} bytes of the range`));
    }
    function onClose(): void {
      if (!settled) settle(new ShortReadError(`the response closed after ${filled} of ${target.length} bytes of the range`));
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', settle);
    stream.on('close', onClose);
  });
}
