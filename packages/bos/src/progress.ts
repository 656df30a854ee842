/**
 * Python's `progress_callback(consumed_bytes, total_bytes)` for the simple
 * calls (`put_object*`, `upload_part*`, `get_object_to_file`): bytes are
 * counted as they leave for BOS or land in the file. Calls are monotonic
 * (a retried upload does not report going backwards) and the last one has
 * `consumed_bytes === total_bytes`.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { Body } from '@yunstore/core';

/** `(consumed_bytes, total_bytes)`, both in bytes. */
export type ProgressCallback = (consumed_bytes: number, total_bytes: number) => void;

/** In-memory bodies are handed out in slices of this size so progress moves during the upload. */
const SLICE = 64 * 1024;

/** TypeError unless `callback` is absent or a function, as Python would fail calling it. */
export function checkProgressCallback(method: string, callback: unknown): void {
  if (callback !== undefined && callback !== null && typeof callback !== 'function') {
    throw new TypeError(`${method}: arg "progress_callback" should be a function (consumed_bytes, total_bytes)`);
  }
}

/** Reports a running total, never lower than what was already reported. */
export class ProgressReporter {
  #reported = -1;
  constructor(
    private readonly callback: ProgressCallback,
    private total: number,
  ) {}

  report(consumed: number): void {
    if (consumed <= this.#reported) return;
    this.#reported = consumed;
    this.callback(consumed, Math.max(this.total, consumed));
  }

  /** The final call: everything arrived (also for an empty body). */
  finish(consumed: number): void {
    this.total = consumed;
    if (consumed === this.#reported) return;
    this.#reported = consumed - 1;
    this.report(consumed);
  }

  /** A pass-through stream that counts what flows through it. */
  counter(): Transform {
    let consumed = 0;
    const report = (n: number): void => this.report(n);
    const finish = (n: number): void => this.finish(n);
    return new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
        consumed += chunk.length;
        this.push(chunk);
        report(consumed);
        done();
      },
      flush(done: TransformCallback) {
        finish(consumed);
        done();
      },
    });
  }
}

function slices(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += SLICE) out.push(bytes.subarray(at, at + SLICE));
  return out;
}

/** `body` with progress: every `open()` (first attempt or replay) streams through a counter. */
export function bodyWithProgress(body: Body, callback: ProgressCallback | undefined): Body {
  if (!callback) return body;
  const total = body.length ?? 0;
  const reporter = new ProgressReporter(callback, total);
  return {
    length: body.length,
    replayable: body.replayable,
    open: () => {
      const source = body.open();
      const stream = Buffer.isBuffer(source) ? Readable.from(slices(source)) : source;
      const counted = stream.pipe(reporter.counter());
      // A failing source must fail the request body too, not leave it hanging.
      stream.once('error', (error) => counted.destroy(error));
      // And a request that gives up on the body must release the source (an open file).
      counted.once('close', () => stream.destroy());
      return counted;
    },
  };
}
