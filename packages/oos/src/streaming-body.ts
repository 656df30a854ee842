import type { Readable } from 'node:stream';

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
 * Use one style per body: reads and iteration share one cursor.
 */
export class StreamingBody implements AsyncIterable<Buffer> {
  readonly stream: Readable;
  #iterator: AsyncIterator<unknown> | undefined;
  #pending: Buffer = Buffer.alloc(0);
  #ended = false;
  #consumed = 0;
  readonly #length: number | undefined;

  constructor(stream: Readable, contentLength?: number) {
    this.stream = stream;
    this.#length = contentLength;
  }

  async #pull(): Promise<boolean> {
    if (this.#ended) return false;
    this.#iterator ??= this.stream[Symbol.asyncIterator]();
    const next = await this.#iterator.next();
    if (next.done) {
      this.#ended = true;
      if (this.#length !== undefined && this.#consumed + this.#pending.length < this.#length) {
        throw new Error(`IncompleteRead: received ${this.#consumed + this.#pending.length} of ${this.#length} bytes`);
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
    while (amt === undefined || this.#pending.length < amt) {
      if (!(await this.#pull())) break;
    }
    return this.#take(amt === undefined ? this.#pending.length : Math.min(amt, this.#pending.length));
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
