/**
 * Cutting a stream into parts with bounded memory. Each part is copied once
 * into a part-sized buffer (so a retry can replay it); buffers come from a
 * `PartBufferPool` and go back to it when the part is sent, so an upload of
 * any length holds at most `concurrency` part buffers.
 */
import { Readable } from 'node:stream';

/** Anything an upload reads from: a Node stream, a web stream or an async iterable of bytes. */
export type StreamSource = Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Normalises a source to a Node Readable so an abort can destroy it mid-read. */
export function toReadable(source: StreamSource): Readable {
  if (source instanceof Readable) return source;
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    return Readable.fromWeb(source as import('node:stream/web').ReadableStream<Uint8Array>);
  }
  if (typeof (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    return Readable.from(source as AsyncIterable<Uint8Array>, { objectMode: false });
  }
  throw new TypeError('stream must be a Readable, a ReadableStream or an async iterable of Uint8Array');
}

/** Reads a stream part by part into caller-provided buffers. */
export class PartReader {
  readonly #iterator: AsyncIterator<unknown>;
  readonly #stream: Readable;
  #leftover: Buffer | undefined;
  #ended = false;
  /** Bytes read so far. */
  bytesRead = 0;

  constructor(stream: Readable) {
    this.#stream = stream;
    this.#iterator = stream[Symbol.asyncIterator]();
  }

  /** True once the stream has no more bytes. */
  get ended(): boolean {
    return this.#ended && this.#leftover === undefined;
  }

  /**
   * Fills `target` (up to its length) and returns the bytes written; fewer
   * than `target.length` only at the end of the stream.
   */
  async fill(target: Buffer): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      let chunk = this.#leftover;
      this.#leftover = undefined;
      if (chunk === undefined) {
        if (this.#ended) break;
        const next = await this.#iterator.next();
        if (next.done) {
          this.#ended = true;
          break;
        }
        const value = next.value;
        chunk = Buffer.isBuffer(value)
          ? value
          : value instanceof Uint8Array
            ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
            : typeof value === 'string'
              ? Buffer.from(value)
              : undefined;
        if (chunk === undefined) throw new TypeError('stream yielded a chunk that is not bytes');
      }
      const take = Math.min(chunk.length, target.length - filled);
      chunk.copy(target, filled, 0, take);
      filled += take;
      if (take < chunk.length) this.#leftover = chunk.subarray(take);
    }
    this.bytesRead += filled;
    return filled;
  }

  /** Peeks whether more bytes follow (reads at most one chunk ahead). */
  async hasMore(): Promise<boolean> {
    if (this.#leftover !== undefined) return true;
    if (this.#ended) return false;
    const next = await this.#iterator.next();
    if (next.done) {
      this.#ended = true;
      return false;
    }
    const value = next.value;
    this.#leftover = Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
    if (this.#leftover.length === 0) {
      this.#leftover = undefined;
      return this.hasMore();
    }
    return true;
  }

  /** Stops reading: destroys the stream (pending reads reject). */
  destroy(error?: Error): void {
    this.#leftover = undefined;
    this.#stream.destroy(error);
  }
}
