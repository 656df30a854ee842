import type { Readable } from 'node:stream';
import { Crc64, createMd5 } from '@yunstore/core';
import { BadDigestError, IncompleteBodyError } from './types.ts';

/** What every store computes while a body streams in. */
export interface Digest {
  size: number;
  /** hex */
  md5: string;
  crc64: bigint;
}

export interface BodyCheck {
  /** Hex or base64 (the `Content-MD5` form) MD5 the body must have. */
  expectedMd5?: string | undefined;
  /** Exact length the body must have. */
  expectedLength?: number | undefined;
}

/**
 * Streams `body` through MD5 and CRC-64 into `sink`, one chunk at a time (the
 * sink's promise is awaited, which is the backpressure). Throws
 * `IncompleteBodyError` as soon as the body is longer than expected or when it
 * ends short, and `BadDigestError` when the MD5 differs; the caller then
 * discards whatever the sink received.
 */
export async function ingest(body: Readable | Buffer, sink: (chunk: Buffer) => Promise<void> | void, check: BodyCheck = {}): Promise<Digest> {
  const md5 = createMd5();
  const crc = new Crc64();
  let size = 0;
  const source: AsyncIterable<unknown> | Iterable<unknown> = Buffer.isBuffer(body) ? [body] : body;
  for await (const raw of source) {
    const chunk = toBuffer(raw);
    size += chunk.length;
    if (check.expectedLength !== undefined && size > check.expectedLength) {
      throw new IncompleteBodyError(`body is longer than the declared ${check.expectedLength} bytes`);
    }
    md5.update(chunk);
    crc.update(chunk);
    await sink(chunk);
  }
  if (check.expectedLength !== undefined && size !== check.expectedLength) {
    throw new IncompleteBodyError(`body has ${size} bytes, ${check.expectedLength} were declared`);
  }
  const digest = { size, md5: md5.digest('hex'), crc64: crc.digest() };
  if (check.expectedMd5 !== undefined && md5ToHex(check.expectedMd5) !== digest.md5) {
    throw new BadDigestError('the Content-MD5 you specified did not match what we received');
  }
  return digest;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('body chunks must be bytes');
}

/** Accepts a 32-character hex MD5 or the base64 form `Content-MD5` carries; returns lower-case hex. */
export function md5ToHex(value: string): string {
  const v = value.trim();
  if (/^[0-9a-fA-F]{32}$/.test(v)) return v.toLowerCase();
  return Buffer.from(v, 'base64').toString('hex');
}

/** S3's multipart ETag: MD5 over the concatenated binary part MD5s, then `-<part count>`. */
export function multipartEtag(partMd5s: readonly string[]): { md5: string; etag: string } {
  const md5 = createMd5();
  for (const p of partMd5s) md5.update(Buffer.from(p, 'hex'));
  const hex = md5.digest('hex');
  return { md5: hex, etag: `${hex}-${partMd5s.length}` };
}
