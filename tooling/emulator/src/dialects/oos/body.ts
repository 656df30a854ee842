/**
 * Object bodies on their way into the store: fault throttling, aws-chunked
 * decoding (what @aws-sdk/client-s3 sends for streams with a trailing
 * checksum). The store's integrity errors (BadDigest, IncompleteBody) reach
 * the pipeline, which answers them with S3 codes.
 */
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { expectedMd5Hex, type Op } from './context.ts';
import { errors } from './errors.ts';

/**
 * Decodes `aws-chunked` framing: `<hex size>[;chunk-signature=...]\r\n<data>\r\n`
 * repeated, a zero-size chunk, then optional trailer lines. Chunk signatures
 * are not re-verified (the seed request itself was), trailers are dropped.
 */
export class AwsChunkedDecoder extends Transform {
  #buffer: Buffer = Buffer.alloc(0);
  #remaining = -1; // bytes of data left in the current chunk; -1 = expecting a size line
  #done = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    try {
      this.#drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.#done ? null : new Error('aws-chunked body ended before its final chunk'));
  }

  #drain(): void {
    while (!this.#done) {
      if (this.#remaining < 0) {
        const eol = this.#buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = this.#buffer.subarray(0, eol).toString('latin1');
        this.#buffer = this.#buffer.subarray(eol + 2);
        const size = Number.parseInt(line.split(';')[0]!.trim(), 16);
        if (Number.isNaN(size)) throw new Error('malformed aws-chunked size line');
        if (size === 0) {
          this.#done = true; // trailers (checksums) follow; they are ignored
          return;
        }
        this.#remaining = size;
      }
      if (this.#remaining > 0) {
        if (this.#buffer.length === 0) return;
        const take = Math.min(this.#remaining, this.#buffer.length);
        this.push(this.#buffer.subarray(0, take));
        this.#buffer = this.#buffer.subarray(take);
        this.#remaining -= take;
      }
      if (this.#remaining === 0) {
        if (this.#buffer.length < 2) return;
        this.#buffer = this.#buffer.subarray(2); // the CRLF after the data
        this.#remaining = -1;
      }
    }
  }
}

/** True when the request body uses aws-chunked framing. */
export function isAwsChunked(headers: Record<string, string>): boolean {
  return (headers['content-encoding'] ?? '').includes('aws-chunked') || (headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
}

/** The request body as the store should read it, plus the checks to apply. */
export function incomingBody(op: Op): { body: Readable; expectedMd5?: string; expectedLength?: number } {
  const chunked = isAwsChunked(op.headers);
  // The request as target: an injected reset (`resetAfterBytes`) resets this upload's connection, as the README promises.
  const throttle = op.ctx.faults.throttle(op.fault, op.req);
  const noop = (): void => {};
  const body = chunked ? pipeline(op.req, throttle, new AwsChunkedDecoder(), noop) : pipeline(op.req, throttle, noop);
  const out: { body: Readable; expectedMd5?: string; expectedLength?: number } = { body };
  const md5 = op.headers['content-md5'];
  if (md5 !== undefined) {
    const hex = expectedMd5Hex(md5);
    if (hex === undefined) throw errors.invalidDigest();
    out.expectedMd5 = hex;
  }
  const lengthHeader = chunked ? op.headers['x-amz-decoded-content-length'] : op.headers['content-length'];
  if (lengthHeader !== undefined && /^\d+$/.test(lengthHeader)) out.expectedLength = Number(lengthHeader);
  return out;
}

/** Content-Encoding without the aws-chunked transport token (S3 does not store it). */
export function storedContentEncoding(headers: Record<string, string>): string | undefined {
  const value = headers['content-encoding'];
  if (value === undefined) return undefined;
  const kept = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'aws-chunked');
  return kept.length > 0 ? kept.join(',') : undefined;
}
