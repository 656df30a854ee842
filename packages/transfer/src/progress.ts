/**
 * Progress accounting. The callback fires as bytes move (every chunk a part
 * stream yields), never goes backwards and ends exactly at the total.
 *
 * Why per-part high-water marks: a part that fails half-way and is retried
 * re-sends bytes already reported. Each part credits only the bytes beyond
 * the furthest any of its attempts got, capped at the part's length, so a
 * retry neither rewinds the total nor overshoots it.
 */
import { Readable } from 'node:stream';
import type { Body } from '@yunstore/core';

/**
 * `(consumed_bytes, total_bytes)`, the shape every vendor SDK uses.
 * `totalBytes` is `undefined` while an upload reads a stream of unknown length;
 * the last call always has `consumedBytes === totalBytes`.
 */
export type ProgressCallback = (consumedBytes: number, totalBytes: number | undefined) => void;

/**
 * A buffered part goes to the socket in about this many slices, so progress
 * moves within a part; few enough that the per-write cost is noise (an 8 MiB
 * part is 8 writes of 1 MiB, where 64 KiB slices made 128).
 */
const SLICES_PER_PART = 8;
const MIN_SLICE = 16 * 1024;
const MAX_SLICE = 4 * 1024 * 1024;

/** The slice size for a buffer of `length` bytes. */
export function sliceSize(length: number): number {
  return Math.min(MAX_SLICE, Math.max(MIN_SLICE, Math.ceil(length / SLICES_PER_PART)));
}

export class Progress {
  #consumed = 0;
  #total: number | undefined;
  #reported = -1;
  #reportedTotal: number | undefined = -1;
  readonly #callback: ProgressCallback | undefined;
  readonly #onError: (error: unknown) => void;

  /**
   * @param onError receives an exception thrown by the callback; the engine
   *   aborts the transfer with it rather than letting it break a part stream.
   */
  constructor(total: number | undefined, callback: ProgressCallback | undefined, onError: (error: unknown) => void) {
    this.#total = total;
    this.#callback = callback;
    this.#onError = onError;
  }

  get consumed(): number {
    return this.#consumed;
  }

  get total(): number | undefined {
    return this.#total;
  }

  /** Reports the starting point (bytes already done when resuming). */
  start(alreadyDone = 0): void {
    this.#consumed = alreadyDone;
    this.#report();
  }

  /** Counts `bytes` more. */
  add(bytes: number): void {
    if (bytes <= 0) return;
    this.#consumed += bytes;
    if (this.#total !== undefined && this.#consumed > this.#total) this.#consumed = this.#total;
    this.#report();
  }

  /** A meter for one part of `length` bytes. */
  part(length: number): PartMeter {
    return new PartMeter(this, length);
  }

  /** The transfer succeeded: the total becomes known (streams) and the last report equals it. */
  finish(): void {
    if (this.#total === undefined || this.#consumed > this.#total) this.#total = this.#consumed;
    this.#consumed = this.#total;
    this.#report();
  }

  #report(): void {
    if (!this.#callback || (this.#consumed === this.#reported && this.#total === this.#reportedTotal)) return;
    this.#reported = this.#consumed;
    this.#reportedTotal = this.#total;
    try {
      this.#callback(this.#consumed, this.#total);
    } catch (error) {
      this.#onError(error);
    }
  }
}

/** Tracks one part across its attempts; credits only new high-water bytes. */
export class PartMeter {
  readonly #progress: Progress;
  readonly #length: number;
  #credited = 0;
  #attempt = 0;

  constructor(progress: Progress, length: number) {
    this.#progress = progress;
    this.#length = length;
  }

  /** A new attempt starts reading the part from its first byte. */
  restart(): void {
    this.#attempt = 0;
  }

  /** The current attempt moved `bytes` more. */
  advance(bytes: number): void {
    this.#attempt += bytes;
    const mark = Math.min(this.#attempt, this.#length);
    if (mark > this.#credited) {
      this.#progress.add(mark - this.#credited);
      this.#credited = mark;
    }
  }

  /** The part is done: credit whatever the streams did not show (e.g. a server-side copy). */
  complete(): void {
    if (this.#credited < this.#length) {
      this.#progress.add(this.#length - this.#credited);
      this.#credited = this.#length;
    }
  }
}

/**
 * A body that reports to `meter` as the transport reads it. Every `open()`
 * (one per transport attempt) restarts the part's attempt count. A buffer
 * is handed to the socket in a few large views of itself (no copies, see
 * `sliceSize`); a slice is counted as it is handed to the socket, and the
 * next one only when the socket took it, so progress follows the socket.
 */
export function meteredBody(body: Body, meter: PartMeter): Body {
  return {
    length: body.length,
    replayable: body.replayable,
    open() {
      meter.restart();
      const inner = body.open();
      if (Buffer.isBuffer(inner)) return slicedReadable(inner, meter);
      return Readable.from(countChunks(inner, meter), { objectMode: false, highWaterMark: 64 * 1024 });
    },
  };
}

/** A byte stream over `buffer` in `sliceSize` views, metering each as it is handed on. */
function slicedReadable(buffer: Buffer, meter: PartMeter): Readable {
  const slice = sliceSize(buffer.length);
  let offset = 0;
  return new Readable({
    // One slice buffered ahead at most: the next is pushed only when the consumer took the last.
    highWaterMark: 1,
    read() {
      if (offset >= buffer.length) {
        this.push(null);
        return;
      }
      const end = Math.min(offset + slice, buffer.length);
      const chunk = buffer.subarray(offset, end);
      meter.advance(chunk.length);
      offset = end;
      this.push(chunk);
    },
  });
}

async function* countChunks(source: Readable, meter: PartMeter): AsyncGenerator<Buffer> {
  // Leaving the loop early (consumer destroyed us) returns the source iterator, which destroys the file stream.
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    meter.advance(bytes.length);
    yield bytes;
  }
}
