/**
 * Part buffers: the only memory an upload holds for bytes in flight. A transfer takes at most `concurrency` of them,
 * each of one size, and reuses them part after part, so a 100 GiB upload
 * allocates the same few buffers as a 100 MiB one and the hot path allocates
 * nothing (no per-chunk Buffers for the garbage collector to chase).
 */
import type { FileHandle } from 'node:fs/promises';

/**
 * A fixed set of reusable buffers of `size` bytes. Buffers are created on
 * demand up to `limit`; asking for more than `limit` at once is a bug in the
 * caller (the worker pool bounds how many parts are in flight), so it throws
 * rather than letting memory grow.
 */
export class PartBufferPool {
  readonly size: number;
  readonly #limit: number;
  readonly #free: Buffer[] = [];
  #created = 0;

  constructor(size: number, limit: number) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`part buffer size must be a non-negative integer, got ${String(size)}`);
    this.size = size;
    this.#limit = Math.max(1, limit);
  }

  /** Buffers handed out and not yet released. */
  get inUse(): number {
    return this.#created - this.#free.length;
  }

  /** A buffer of exactly `size` bytes (contents undefined). Release it exactly once. */
  acquire(): Buffer {
    const reused = this.#free.pop();
    if (reused) return reused;
    if (this.#created >= this.#limit) {
      throw new Error(`part buffer pool exhausted: ${this.#limit} buffers of ${this.size} bytes are all in use`);
    }
    this.#created += 1;
    // allocUnsafeSlow: a dedicated ArrayBuffer, never a slice of Node's shared 8 KiB pool.
    return Buffer.allocUnsafeSlow(this.size);
  }

  /** Gives back a buffer from `acquire` (or any view of one, e.g. a short last part). */
  release(buffer: Buffer): void {
    if (buffer.buffer.byteLength !== this.size || this.#free.length >= this.#created) return;
    this.#free.push(buffer.byteOffset === 0 && buffer.length === this.size ? buffer : Buffer.from(buffer.buffer, 0, this.size));
  }

  /** Forgets every free buffer (the transfer ended; let them be collected). */
  clear(): void {
    this.#free.length = 0;
  }
}

/** The file ended before the requested range did (it shrank while being read). */
export class ShortFileError extends Error {
  override name = 'ShortFileError';
  /** Re-reading the same changed file cannot help: the engine must not retry. */
  readonly retryable = false;
}

/**
 * Fills `target` (from its start, `target.length` bytes) with the file's
 * bytes at `position`: one positioned read, more only if the OS returns a
 * short read. Throws `ShortFileError` at end of file.
 */
export async function readFully(file: FileHandle, target: Buffer, position: number): Promise<void> {
  let got = 0;
  while (got < target.length) {
    const { bytesRead } = await file.read(target, got, target.length - got, position + got);
    if (bytesRead === 0) {
      throw new ShortFileError(`the file ended at ${position + got} while reading ${target.length} bytes at ${position}: it changed while being uploaded`);
    }
    got += bytesRead;
  }
}
