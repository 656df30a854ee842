import { constants } from 'node:buffer';
import type { Readable } from 'node:stream';
import { ClientException, ConnectionError, ConnectionTimeout, connectionExceptionFor } from './errors.ts';

/**
 * The largest body `read()` gathers into one Buffer: 4 GiB, or less where
 * Node's Buffer limit is lower (Node 20: 4 GiB; Node 22+ allows far more than
 * any machine holds). Python would try to allocate any size; a larger object
 * must be piped or downloaded with `download_file`.
 */
export const MAX_READ_BYTES: number = Math.min(constants.MAX_LENGTH, 2 ** 32);

/**
 * The `body` of `get_object`: Python's StreamingBody with promises, and a Node
 * stream at the same time.
 *
 *   const data = await resp.body.read();        // Python's resp['body'].read(): the whole body
 *   const head = await resp.body.read(100);     // up to 100 bytes ('' → empty Buffer at the end)
 *   resp.body.pipe(fs.createWriteStream(path)); // or: for await (const chunk of resp.body)
 *   await pipeline(resp.body, gzip, out);       // any API that takes an async iterable
 *   resp.body.stream                            // the underlying Node Readable, for anything else
 *
 * Why a wrapper and not a `Readable` subclass: Node's own `Readable.read()`
 * is synchronous and returns whatever chunk is buffered (or null), and Node's
 * piping and iteration call it internally, so its meaning cannot change. The
 * Python name gets the Python meaning here; every Node use goes through
 * `pipe`, async iteration or `stream`. Reads may be mixed: bytes taken by
 * `read(n)` are not seen again by a later `pipe` or loop.
 *
 * Failures while reading (a reset connection, an aborted call) reject with
 * `ConnectionError` (`ConnectionTimeout` for a body that stalls). A
 * connection lost during `read()` / `readline()` is resumed where it stopped
 * (a ranged GET of the same ETag), up to the client's `max_retries` times,
 * so a whole-body read survives a reset as a retried request would. Read the
 * body to its end or call `close()`, so the connection goes back to the pool.
 */
export class StreamingBody implements AsyncIterable<Buffer> {
  #stream: Readable;
  readonly #contentLength: number | undefined;
  readonly #refetch: Refetch | undefined;
  readonly #maxRefetches: number;
  #refetches = 0;
  /** Bytes taken from the body so far (where a resumed read starts). */
  #consumed = 0;
  /** Bytes to drop from the current stream first (a resume the server answered from the start). */
  #skip = 0;
  /** Node took over (pipe, iteration): no resuming behind its back. */
  #streamed = false;

  constructor(stream: Readable, options: StreamingBodyOptions = {}) {
    this.#stream = stream;
    this.#contentLength = options.contentLength;
    this.#refetch = options.refetch;
    this.#maxRefetches = options.maxRefetches ?? 0;
  }

  /** The underlying Node stream of the response body (after a resumed read, the current one). */
  get stream(): Readable {
    return this.#stream;
  }

  /**
   * Python's `read(amt=None)`: with no argument (or `null`, or a negative
   * number) resolves to the rest of the body; with `amt`, to the next `amt`
   * bytes (fewer only at the end, an empty Buffer once the body is consumed).
   * Refuses (ClientException) a whole read of an object larger than one Buffer can hold.
   */
  async read(amt?: number | null): Promise<Buffer> {
    const wanted = amountOf(amt);
    if (wanted === 0) return Buffer.alloc(0);
    if (wanted === undefined && this.#contentLength !== undefined && this.#contentLength > MAX_READ_BYTES) {
      throw tooLarge(this.#contentLength);
    }
    const limit = wanted ?? MAX_READ_BYTES;
    const parts: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const taken = this.#take();
      if (taken === null) {
        if ((await this.#waitOrResume()) === 'end') break;
        continue;
      }
      let buf = taken;
      const room = limit - total;
      if (buf.length > room) {
        if (wanted === undefined) {
          this.stream.destroy();
          throw tooLarge(total + buf.length);
        }
        // Give back what the caller did not ask for: the next read, pipe or loop starts there.
        this.stream.unshift(buf.subarray(room));
        buf = buf.subarray(0, room);
      }
      parts.push(buf);
      total += buf.length;
      this.#consumed += buf.length;
    }
    return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts, total);
  }

  /** Python's `readline()`: the bytes up to and including the next `\n` (all that is left at the end). */
  async readline(): Promise<Buffer> {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = this.#take();
      if (buf === null) {
        if ((await this.#waitOrResume()) === 'end') break;
        continue;
      }
      const newline = buf.indexOf(10);
      if (newline >= 0) {
        if (newline + 1 < buf.length) this.stream.unshift(buf.subarray(newline + 1));
        parts.push(buf.subarray(0, newline + 1));
        total += newline + 1;
        this.#consumed += newline + 1;
        break;
      }
      parts.push(buf);
      total += buf.length;
      this.#consumed += buf.length;
      if (total > MAX_READ_BYTES) {
        this.stream.destroy();
        throw tooLarge(total);
      }
    }
    return Buffer.concat(parts, total);
  }

  /** Node's `pipe`: writes the (remaining) body into `destination` and returns it. */
  pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    this.#streamed = true;
    return this.stream.pipe(destination, options);
  }

  /** `for await (const chunk of body)`: the (remaining) body in Buffers as they arrive; leaving the loop early closes it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer, void, undefined> {
    this.#streamed = true;
    try {
      for await (const chunk of this.stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    } catch (error) {
      throw connectionExceptionFor(error);
    }
  }

  /** Python's `close()`: discards the rest of the body and frees the connection. */
  close(): void {
    this.stream.destroy();
  }

  /** Node's `destroy`: the same as `close()`. */
  destroy(): void {
    this.stream.destroy();
  }

  /** The next buffered chunk of the current stream (after any bytes to skip), or null. */
  #take(): Buffer | null {
    for (;;) {
      const chunk = this.#stream.read() as Buffer | string | null;
      if (chunk === null) return null;
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (this.#skip === 0) return buf;
      if (buf.length <= this.#skip) {
        this.#skip -= buf.length;
        continue;
      }
      const rest = buf.subarray(this.#skip);
      this.#skip = 0;
      return rest;
    }
  }

  /** `#waitForData`, resuming from `#consumed` when the connection was lost and a resume is allowed. */
  async #waitOrResume(): Promise<'data' | 'end'> {
    try {
      return await this.#waitForData();
    } catch (error) {
      const lost = error instanceof ConnectionError && !(error instanceof ConnectionTimeout) && error.code !== 'ABORTED';
      if (!lost || !this.#refetch || this.#streamed || this.#refetches >= this.#maxRefetches) throw error;
      this.#refetches++;
      const resumed = await this.#refetch(this.#consumed);
      this.#stream.destroy();
      this.#stream = resumed.body;
      this.#skip = resumed.skip;
      return 'data';
    }
  }

  /** Resolves 'data' when `read()` may return bytes, 'end' at the end; rejects when the stream failed or closed early. */
  #waitForData(): Promise<'data' | 'end'> {
    const stream = this.#stream;
    if (stream.readableEnded) return Promise.resolve('end');
    if (stream.errored) return Promise.reject(connectionExceptionFor(stream.errored));
    if (stream.destroyed) return Promise.reject(closedEarly());
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        stream.off('readable', onReadable);
        stream.off('end', onEnd);
        stream.off('error', onError);
        stream.off('close', onClose);
      };
      const onReadable = () => {
        cleanup();
        resolve('data');
      };
      const onEnd = () => {
        cleanup();
        resolve('end');
      };
      const onError = (error: unknown) => {
        cleanup();
        reject(connectionExceptionFor(error));
      };
      const onClose = () => {
        cleanup();
        if (stream.readableEnded) resolve('end');
        else reject(stream.errored ? connectionExceptionFor(stream.errored) : closedEarly());
      };
      stream.on('readable', onReadable);
      stream.on('end', onEnd);
      stream.on('error', onError);
      stream.on('close', onClose);
    });
  }
}

/** Asks again for the body from `offset` (bytes already taken): a stream, and how many of its first bytes to drop. */
export type Refetch = (offset: number) => Promise<{ body: Readable; skip: number }>;

export interface StreamingBodyOptions {
  /** The declared Content-Length, so a whole read too large for one Buffer is refused before reading. */
  contentLength?: number;
  /** How to resume a read whose connection was lost (absent: no resume). */
  refetch?: Refetch;
  /** Resumes allowed (the client's `max_retries`). Default 0. */
  maxRefetches?: number;
}

function amountOf(amt: unknown): number | undefined {
  if (amt === undefined || amt === null) return undefined;
  if (typeof amt !== 'number' || Number.isNaN(amt) || (amt >= 0 && !Number.isInteger(amt))) {
    throw new ClientException(`read(amt): amt must be a whole number of bytes or null, got ${String(amt)}`);
  }
  if (amt < 0) return undefined;
  return Math.min(amt, MAX_READ_BYTES);
}

function tooLarge(bytes: number): ClientException {
  return new ClientException(`the body (${bytes} bytes or more) is larger than one Buffer can hold (${MAX_READ_BYTES} bytes); pipe it or use download_file`);
}

function closedEarly(): ConnectionError {
  return new ConnectionError('the response body was closed before its end');
}
