import { randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { Crc64, createMd5 } from '@yunstore/core';

/** What the demo checks every copy of the file against. */
export interface Fingerprint {
  size: number;
  md5: string;
  /** CRC-64/XZ as an unsigned decimal string, the way COS reports it. */
  crc64: string;
}

/** Hashes a stream of bytes (MD5 + CRC-64) without holding it in memory. */
export async function fingerprintStream(stream: Readable | AsyncIterable<Uint8Array>): Promise<Fingerprint> {
  const md5 = createMd5();
  const crc = new Crc64();
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    md5.update(chunk);
    crc.update(chunk);
    size += chunk.length;
  }
  return { size, md5: md5.digest('hex'), crc64: crc.toString() };
}

export function fingerprintFile(path: string): Promise<Fingerprint> {
  return fingerprintStream(createReadStream(path, { highWaterMark: 1024 * 1024 }));
}

/**
 * Writes `size` random bytes to `path` in 1 MiB chunks and returns their
 * fingerprint, computed on the way (the file is never read back for it).
 */
export async function writeRandomFile(path: string, size: number): Promise<Fingerprint> {
  const out = createWriteStream(path);
  const md5 = createMd5();
  const crc = new Crc64();
  for (let left = size; left > 0; ) {
    const n = Math.min(left, 1024 * 1024);
    // A fresh buffer per chunk: write() keeps a reference until it is flushed.
    const piece = randomFillSync(Buffer.allocUnsafe(n));
    md5.update(piece);
    crc.update(piece);
    if (!out.write(piece)) await once(out, 'drain');
    left -= n;
  }
  out.end();
  await once(out, 'finish');
  return { size, md5: md5.digest('hex'), crc64: crc.toString() };
}

/** Throws a clear message when a copy differs from the original. */
export function compareFingerprints(what: string, expected: Fingerprint, actual: Fingerprint, checkCrc: boolean): void {
  if (actual.size !== expected.size) throw new Error(`${what}: ${actual.size} bytes, expected ${expected.size}`);
  if (actual.md5 !== expected.md5) throw new Error(`${what}: MD5 ${actual.md5}, expected ${expected.md5}`);
  if (checkCrc && actual.crc64 !== expected.crc64) throw new Error(`${what}: CRC64 ${actual.crc64}, expected ${expected.crc64}`);
}
