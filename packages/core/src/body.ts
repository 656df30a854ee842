import { createReadStream, ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { YunstoreError } from './errors.ts';
import type { Body } from './types.ts';

/** Everything a vendor method accepts as an object body. */
export type BodyInput =
  | string
  | Uint8Array
  | ArrayBuffer
  | Blob
  | Readable
  | WebReadableStream<Uint8Array>
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>;

export interface ToBodyOptions {
  /** The byte length of a stream, when the caller knows it (e.g. a `ContentLength` parameter). */
  length?: number;
}

const EMPTY = Buffer.alloc(0);

function ignore(): void {
  // Errors are reported through the request that reads the stream.
}

function bytesBody(bytes: Buffer): Body {
  return { length: bytes.length, replayable: true, open: () => bytes };
}

/** A one-shot body: the stream can be sent once and never replayed. */
function streamBody(make: () => Readable, length: number | undefined): Body {
  let opened = false;
  return {
    length,
    replayable: false,
    open() {
      if (opened) {
        throw new YunstoreError('UnreplayableBody', 'this request body is a stream that was already sent and cannot be replayed');
      }
      opened = true;
      return make();
    },
  };
}

function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && 'open' in value && 'replayable' in value && 'length' in value;
}

/**
 * A replayable body over `path` (optionally the inclusive byte range
 * `start..end`): every `open()` re-reads the file, so a retry sends the
 * same bytes without holding them in memory.
 */
export async function fileBody(path: string, range: { start?: number; end?: number } = {}): Promise<Body> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new YunstoreError('InvalidArgument', `cannot read the body file ${path}: ${typeof code === 'string' ? code : (error as Error).message}`, {
      cause: error,
    });
  }
  if (!info.isFile()) throw new YunstoreError('InvalidArgument', `not a regular file: ${path}`);
  const start = range.start ?? 0;
  const end = range.end ?? info.size - 1;
  if (start < 0 || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start - 1) {
    throw new YunstoreError('InvalidArgument', `invalid byte range ${start}-${end} for ${path}`);
  }
  if (end >= info.size) {
    throw new YunstoreError('InvalidArgument', `byte range ${start}-${end} is past the end of ${path} (${info.size} bytes)`);
  }
  const length = end - start + 1;
  if (length === 0) return bytesBody(EMPTY);
  return {
    length,
    replayable: true,
    open: () => createReadStream(path, { start, end, highWaterMark: 256 * 1024 }),
  };
}

/**
 * Normalises any accepted body input. In-memory inputs and files (a
 * `fs.ReadStream` that has not started) are replayable; other streams are
 * sent once. The length is known for everything but streams, unless given.
 */
export async function toBody(input: BodyInput | Body | null | undefined, options: ToBodyOptions = {}): Promise<Body> {
  if (input === null || input === undefined) return bytesBody(EMPTY);
  if (isBody(input)) return input;
  if (typeof input === 'string') return bytesBody(Buffer.from(input, 'utf8'));
  if (input instanceof Uint8Array) {
    return bytesBody(Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength));
  }
  if (input instanceof ArrayBuffer) return bytesBody(Buffer.from(input));
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const blob = input;
    return {
      length: blob.size,
      replayable: true,
      open: () => Readable.fromWeb(blob.stream() as WebReadableStream<Uint8Array>),
    };
  }
  if (input instanceof ReadStream && typeof input.path === 'string' && input.bytesRead === 0) {
    // A file stream nobody has read yet: reopen the file ourselves so retries can replay it.
    const { start, end } = input as ReadStream & { start?: number; end?: number };
    // The stream may still be opening its file: without a listener, its failure (a missing file) would be uncaught.
    input.on('error', ignore);
    input.destroy();
    return fileBody(input.path, {
      ...(start !== undefined ? { start } : {}),
      ...(end !== undefined && end !== Infinity ? { end } : {}),
    });
  }
  if (input instanceof Readable) {
    // Taken over from the caller: an error before the request reads it must not crash the process;
    // the request that consumes it still sees the error through its own listener.
    input.on('error', ignore);
    return streamBody(() => input, options.length);
  }
  if (typeof (input as WebReadableStream<Uint8Array>).getReader === 'function') {
    return streamBody(() => Readable.fromWeb(input as WebReadableStream<Uint8Array>), options.length);
  }
  if (typeof (input as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    return streamBody(() => Readable.from(input as AsyncIterable<Uint8Array>, { objectMode: false }), options.length);
  }
  throw new TypeError(
    `unsupported body type ${Object.prototype.toString.call(input)}: use a string, Buffer, Uint8Array, ArrayBuffer, Blob, Readable, ReadableStream or async iterable`,
  );
}

/** Throws a clear error when a protocol needs Content-Length and the body's length cannot be known. */
export function requireLength(body: Body, parameter: string): number {
  if (body.length === undefined) {
    throw new YunstoreError('MissingContentLength', `${parameter} is a stream of unknown length; pass its length (Content-Length) or a Buffer, file or Blob`);
  }
  return body.length;
}
