import { Readable } from 'node:stream';
import type { Blobs } from './blobs.ts';
import { ingest } from './digest.ts';
import { createStoreEngine } from './engine.ts';
import type { ObjectStore } from './types.ts';

interface DiscardRef {
  readonly size: number;
}

export interface DiscardStoreOptions {
  /** The clock for lastModified / initiated. Default: real time. */
  now?: () => Date;
}

const ZEROS = Buffer.alloc(64 * 1024);

/**
 * For benchmarks: bodies are hashed (size, MD5/ETag, CRC-64 are exact) and
 * then dropped. Reads return zero bytes of the right length, so a download
 * benchmark still moves real bytes. A ranged copy of a discarded object
 * hashes those zeros, not the original bytes.
 */
export function createDiscardStore(options: DiscardStoreOptions = {}): ObjectStore {
  return createStoreEngine(discardBlobs(), options.now ? { now: options.now } : {});
}

function discardBlobs(): Blobs<DiscardRef> {
  return {
    async write(body, check) {
      const digest = await ingest(body, () => undefined, check);
      return { ref: { size: digest.size }, digest };
    },
    async append(ref, _size, body, check) {
      const digest = await ingest(body, () => undefined, check);
      return { ref: { size: ref.size + digest.size }, digest };
    },
    async read(_ref, size, range) {
      const length = range ? range.end - range.start + 1 : size;
      return Readable.from(zeros(length), { objectMode: false });
    },
    async concat(parts) {
      return { size: parts.reduce((sum, p) => sum + p.size, 0) };
    },
    async clone(ref) {
      return ref;
    },
    async remove() {},
  };
}

function* zeros(length: number): Generator<Buffer> {
  for (let left = length; left > 0; left -= ZEROS.length) yield left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left);
}
