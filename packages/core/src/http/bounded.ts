/**
 * Reading an answer's body into memory, never past a bound. An error body
 * keeps its first bytes (enough for the code and message) and the rest is
 * not read; a result body past its bound fails the call.
 */
import type { Readable } from 'node:stream';
import { ClientFailure } from './failure.ts';

/** Error bodies: the code, message and request id fit many times over. */
export const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * XML/JSON results: a 1000-key listing of 1024-byte keys, percent-encoded
 * (×3) with its per-entry fields, is about 3.5 MiB; the bound leaves room.
 */
export const RESULT_BODY_LIMIT = 8 * 1024 * 1024;

export interface BoundedBody {
  bytes: Buffer;
  /** True when the body went on past `limit` (only with `overflow: 'truncate'`). */
  truncated: boolean;
}

function ignore(): void {
  // The stream is being discarded; its late errors have no reader.
}

/**
 * Reads `stream` up to `limit` bytes. With `overflow: 'truncate'` the first
 * `limit` bytes are kept and the stream is destroyed (the connection is not
 * reused: draining a huge body would cost more than a new connection); with
 * `'fail'` the call fails with a `ClientFailure` of kind `protocol`.
 */
export async function readBounded(stream: Readable, limit: number, overflow: 'truncate' | 'fail', attempts = 1): Promise<BoundedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (size + buf.length > limit) {
        stream.on('error', ignore);
        stream.destroy();
        if (overflow === 'fail') {
          throw new ClientFailure('ResponseTooLarge', `the answer's body is larger than ${limit} bytes, the most this call reads into memory`, {
            kind: 'protocol',
            attempts,
          });
        }
        chunks.push(buf.subarray(0, limit - size));
        return { bytes: Buffer.concat(chunks), truncated: true };
      }
      chunks.push(buf);
      size += buf.length;
    }
  } catch (error) {
    stream.on('error', ignore);
    if (!stream.destroyed) stream.destroy();
    throw error;
  }
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), truncated: false };
}

/**
 * Reads and throws away up to `limit` bytes so a keep-alive connection can be
 * reused; a longer body is cut (the connection closes instead).
 */
export async function drainBounded(stream: Readable, limit = 1024 * 1024): Promise<void> {
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > limit) break;
    }
  } finally {
    stream.on('error', ignore);
    if (!stream.readableEnded && !stream.destroyed) stream.destroy();
  }
}
