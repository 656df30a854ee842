import type { Readable } from 'node:stream';
import { ClientFailure, NetworkError } from '@yunstore/core';

/** True for a failure worth reading again: the network or a timeout, not an abort or a bad answer. */
function isTransient(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ClientFailure ? cause.transient : false;
}

/**
 * `get_object()['Body']`: botocore's StreamingBody, asynchronous.
 *
 * - `await body.read()` → the rest of the object as a Buffer;
 *   `await body.read(4096)` → up to 4096 bytes, an empty Buffer at the end
 *   (the seed's `iter(lambda: body.read(4096), b'')` loop);
 * - `for await (const chunk of body)` and `body.iter_chunks(size)`;
 * - `body.stream` is the underlying Node Readable (pipe it to a file);
 * - `close()` releases the connection without reading the rest.
 *
 * Failures while reading are the client's own exceptions (NetworkError with
 * `ABORTED`, `TIMEOUT`, `ECONNRESET`...): the stream core hands over
 * already emits them mapped.
 *
 * Use one style per body: reads and iteration share one cursor.
 */
export class StreamingBody implements AsyncIterable<Buffer> {
  readonly stream: Readable;
  #iterator: AsyncIterator<unknown> | undefined;
  #pending: Buffer = Buffer.alloc(0);
  #ended = false;
  #consumed = 0;
  readonly #length: number | undefined;

  /**
   * Fetches the whole body again (core's whole-body read, with its own
   * retries): `read()` uses it when the connection fails before any byte was
   * handed out, as a whole-body read is retried in every other call.
   */
  readonly #reread: (() => Promise<Buffer>) | undefined;

  constructor(stream: Readable, contentLength?: number, reread?: () => Promise<Buffer>) {
    this.stream = stream;
    this.#length = contentLength;
    this.#reread = reread;
    // A body nobody reads yet must not turn a failure (an abort, a reset) into an uncaught 'error' event;
    // a reader still gets the error from the stream itself.
    stream.on('error', ignore);
  }

  async #pull(): Promise<boolean> {
    if (this.#ended) return false;
    this.#iterator ??= this.stream[Symbol.asyncIterator]();
    const next = await this.#iterator.next();
    if (next.done) {
      this.#ended = true;
      if (this.#length !== undefined && this.#consumed + this.#pending.length < this.#length) {
        const got = this.#consumed + this.#pending.length;
        throw new NetworkError('IncompleteRead', `IncompleteRead: received ${got} of ${this.#length} bytes`, 1);
      }
      return false;
    }
    const chunk = next.value;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    this.#pending = this.#pending.length === 0 ? buf : Buffer.concat([this.#pending, buf]);
    return true;
  }

  #take(n: number): Buffer {
    const out = this.#pending.subarray(0, n);
    this.#pending = this.#pending.subarray(n);
    this.#consumed += out.length;
    return out;
  }

  /** Up to `amt` bytes (everything left when omitted); an empty Buffer once the body is exhausted. */
  async read(amt?: number): Promise<Buffer> {
    if (amt !== undefined && (!Number.isInteger(amt) || amt < 0)) throw new TypeError(`amt must be a non-negative integer, got ${amt}`);
    if (amt === undefined && this.#consumed === 0 && this.#reread !== undefined) return this.#readWhole(this.#reread);
    while (amt === undefined || this.#pending.length < amt) {
      if (!(await this.#pull())) break;
    }
    return this.#take(amt === undefined ? this.#pending.length : Math.min(amt, this.#pending.length));
  }

  /** The whole body; a transient failure midway reads it again from the start (nothing was handed out yet). */
  async #readWhole(reread: () => Promise<Buffer>): Promise<Buffer> {
    try {
      while (await this.#pull()) {
        // keep pulling until the end
      }
      return this.#take(this.#pending.length);
    } catch (error) {
      if (!isTransient(error)) throw error;
      this.stream.destroy();
      const bytes = await reread();
      this.#pending = Buffer.alloc(0);
      this.#ended = true;
      this.#consumed = bytes.length;
      return bytes;
    }
  }

  /** Chunks of exactly `chunkSize` bytes (the last may be shorter). */
  async *iter_chunks(chunkSize = 1024): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = await this.read(chunkSize);
      if (chunk.length === 0) return;
      yield chunk;
    }
  }

  /** Chunks as they arrive from the network. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    if (this.#pending.length > 0) yield this.#take(this.#pending.length);
    while (await this.#pull()) yield this.#take(this.#pending.length);
  }

  /** The rest as a string (aws-sdk v3 habit). */
  async transformToString(encoding: BufferEncoding = 'utf8'): Promise<string> {
    return (await this.read()).toString(encoding);
  }

  /** Stops reading and frees the connection. */
  close(): void {
    this.#ended = true;
    this.stream.destroy();
  }
}

function ignore(): void {
  // See the constructor: errors reach readers through the stream's own iterator.
}
