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

/** What `for await` would have thrown for a stream destroyed before its end. */
function prematureClose(): Error {
  return Object.assign(new Error('the body was closed before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * Reads and throws away up to `limit` bytes so a keep-alive connection can be
 * reused; a longer body is cut (the connection closes instead).
 *
 * Runs for every headers-only answer (each PUT), so it listens to the
 * stream's events directly: an async iterator costs several times more for
 * a body that is usually empty.
 */
export function drainBounded(stream: Readable, limit = 1024 * 1024): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let size = 0;
    let done = false;
    const finish = (error?: unknown): void => {
      if (done) return;
      done = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', finish);
      stream.off('close', onClose);
      stream.on('error', ignore);
      if (!stream.readableEnded && !stream.destroyed) stream.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish();
    };
    const onEnd = (): void => finish();
    const onClose = (): void => finish(stream.readableEnded ? undefined : (stream.errored ?? prematureClose()));
    if (stream.readableEnded) return finish();
    if (stream.destroyed) return finish(stream.errored ?? prematureClose());
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', finish);
    stream.once('close', onClose);
  });
}
