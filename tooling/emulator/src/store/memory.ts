import { Readable } from 'node:stream';
import type { Blobs } from './blobs.ts';
import { ingest } from './digest.ts';
import { createStoreEngine } from './engine.ts';
import type { ByteRange, ObjectStore } from './types.ts';

/** An object's bytes as the chunks they arrived in; chunks are never changed, so copies share them. */
interface MemoryRef {
  readonly chunks: readonly Buffer[];
}

/** Small chunks are joined up to this size, so a body written a byte at a time does not cost a Buffer per byte. */
const BLOCK = 64 * 1024;

export interface MemoryStoreOptions {
  /** The clock for lastModified / initiated. Default: real time. */
  now?: () => Date;
}

/**
 * The default store: everything in this process's memory. It holds each
 * object's bytes once — copies and completed multipart uploads share the
 * chunks of their source instead of duplicating them.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ObjectStore {
  return createStoreEngine(memoryBlobs(), options.now ? { now: options.now } : {});
}

function memoryBlobs(): Blobs<MemoryRef> {
  const collect = async (body: Readable | Buffer, check: Parameters<Blobs<MemoryRef>['write']>[1]) => {
    const chunks: Buffer[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = (): void => {
      if (pendingBytes > 0) chunks.push(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    const digest = await ingest(
      body,
      (chunk) => {
        if (chunk.length >= BLOCK) {
          flush();
          chunks.push(own(chunk, body));
        } else {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= BLOCK) flush();
        }
      },
      check,
    );
    flush();
    return { chunks, digest };
  };

  return {
    async write(body, check) {
      const { chunks, digest } = await collect(body, check);
      return { ref: { chunks }, digest };
    },
    async append(ref, _size, body, check) {
      const { chunks, digest } = await collect(body, check);
      return { ref: { chunks: [...ref.chunks, ...chunks] }, digest };
    },
    async read(ref, size, range) {
      return Readable.from(slices(ref.chunks, range ?? { start: 0, end: size - 1 }), { objectMode: false });
    },
    async concat(parts) {
      return { chunks: parts.flatMap((p) => p.ref.chunks) };
    },
    async clone(ref) {
      return ref;
    },
    async remove() {
      // Nothing to free by hand: the garbage collector takes chunks nobody references.
    },
  };
}

/**
 * Keeps a chunk without keeping more memory than it needs: a caller's Buffer
 * may be changed after the call, and a small view can pin a large ArrayBuffer.
 */
function own(chunk: Buffer, body: Readable | Buffer): Buffer {
  if (chunk === body || chunk.byteLength < chunk.buffer.byteLength / 2) return Buffer.from(chunk);
  return chunk;
}

function* slices(chunks: readonly Buffer[], range: ByteRange): Generator<Buffer> {
  let offset = 0;
  for (const chunk of chunks) {
    const chunkEnd = offset + chunk.length; // exclusive
    if (chunkEnd > range.start && offset <= range.end) {
      const from = Math.max(0, range.start - offset);
      const to = Math.min(chunk.length, range.end + 1 - offset);
      yield chunk.subarray(from, to);
    }
    if (chunkEnd > range.end) return;
    offset = chunkEnd;
  }
}
