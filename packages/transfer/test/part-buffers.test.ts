import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Crc64, crc64 } from '@yunstore/core';
import { describe, expect, it } from 'vitest';
import { OverlongRangeError, receiveIntoBuffer, receiveRange, ShortReadError } from '../src/download-receive.ts';
import { PartBufferPool, readFully, ShortFileError } from '../src/part-buffers.ts';
import { sliceSize } from '../src/progress.ts';
import { sampleDigest, sampleDigestOf } from '../src/upload-resume.ts';
import { randomFile, tempDir } from './helpers.ts';

describe('PartBufferPool', () => {
  it('reuses released buffers and never creates more than its limit', () => {
    const pool = new PartBufferPool(1024, 2);
    const a = pool.acquire();
    const b = pool.acquire();
    expect(a.length).toBe(1024);
    expect(() => pool.acquire()).toThrow(/exhausted/);
    pool.release(a.subarray(0, 10)); // a short last part gives back a view
    const c = pool.acquire();
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(1024);
    expect(pool.inUse).toBe(2);
    pool.release(b);
    pool.release(c);
    expect(pool.inUse).toBe(0);
  });
});

describe('readFully', () => {
  it('reads a range with positioned reads and fails clearly past the end of the file', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 5000);
    const file = await open(path, 'r');
    try {
      const target = Buffer.alloc(1000);
      await readFully(file, target, 4000);
      expect(target.equals(data.subarray(4000))).toBe(true);
      await expect(readFully(file, Buffer.alloc(1001), 4000)).rejects.toBeInstanceOf(ShortFileError);
    } finally {
      await file.close();
    }
  });
});

describe('sampleDigestOf', () => {
  it('equals sampleDigest of the same bytes read from a file, small and large', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 700 * 1024);
    const file = await open(path, 'r');
    try {
      for (const [start, length] of [
        [0, 100],
        [10, 300 * 1024],
        [0, 700 * 1024],
      ] as const) {
        expect(sampleDigestOf(data.subarray(start, start + length))).toBe(await sampleDigest(file, start, length));
      }
    } finally {
      await file.close();
    }
  });
});

describe('sliceSize', () => {
  it('cuts a part into about eight large views, within bounds', () => {
    expect(sliceSize(8 * 1024 * 1024)).toBe(1024 * 1024);
    expect(sliceSize(1000)).toBe(16 * 1024);
    expect(sliceSize(1024 ** 3)).toBe(4 * 1024 * 1024);
  });
});

describe('receiveRange', () => {
  async function scratch(size: number): Promise<{ path: string }> {
    const dir = await tempDir();
    const path = join(dir, 'out.bin');
    await writeFile(path, Buffer.alloc(size));
    return { path };
  }

  it('writes the range at its offset in batches, hashing every byte in order', async () => {
    const { path } = await scratch(10_000);
    const file = await open(path, 'r+');
    const payload = Buffer.from(Array.from({ length: 6000 }, (_, i) => i % 251));
    const stream = new PassThrough();
    const hash = new Crc64();
    let counted = 0;
    const done = receiveRange(stream, { file, start: 3000, length: 6000, batchBytes: 1024, hash, onBytes: (n) => (counted += n) });
    for (let i = 0; i < 6000; i += 700) stream.write(payload.subarray(i, i + 700));
    stream.end();
    await done;
    await file.close();
    const { readFile } = await import('node:fs/promises');
    const written = await readFile(path);
    expect(written.subarray(3000, 9000).equals(payload)).toBe(true);
    expect(written.subarray(0, 3000).equals(Buffer.alloc(3000))).toBe(true);
    expect(hash.digest()).toBe(crc64(payload));
    expect(counted).toBe(6000);
  });

  it('rejects a short body (retryable) and an overlong one (final)', async () => {
    const { path } = await scratch(100);
    const file = await open(path, 'r+');
    try {
      const short = new PassThrough();
      const shortDone = receiveRange(short, { file, start: 0, length: 50, batchBytes: 16, hash: undefined, onBytes: () => undefined });
      short.end(Buffer.alloc(30));
      await expect(shortDone).rejects.toBeInstanceOf(ShortReadError);

      const long = new PassThrough();
      const longDone = receiveRange(long, { file, start: 0, length: 50, batchBytes: 16, hash: undefined, onBytes: () => undefined });
      long.end(Buffer.alloc(60));
      const error = await longDone.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OverlongRangeError);
      expect((error as OverlongRangeError).retryable).toBe(false);
      expect(long.destroyed).toBe(true);
    } finally {
      await file.close();
    }
  });

  it('rejects with the stream error when the response breaks', async () => {
    const { path } = await scratch(100);
    const file = await open(path, 'r+');
    try {
      const stream = new PassThrough();
      const done = receiveRange(stream, { file, start: 0, length: 100, batchBytes: 16, hash: undefined, onBytes: () => undefined });
      stream.write(Buffer.alloc(40));
      stream.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      await expect(done).rejects.toThrow('socket hang up');
    } finally {
      await file.close();
    }
  });
});

describe('receiveIntoBuffer', () => {
  it('fills the buffer exactly, and rejects short and overlong bodies', async () => {
    const target = Buffer.alloc(1000);
    const stream = new PassThrough();
    let counted = 0;
    const done = receiveIntoBuffer(stream, target, (n) => (counted += n));
    stream.write(Buffer.alloc(600, 1));
    stream.end(Buffer.alloc(400, 2));
    await done;
    expect(target.subarray(0, 600).every((b) => b === 1)).toBe(true);
    expect(target.subarray(600).every((b) => b === 2)).toBe(true);
    expect(counted).toBe(1000);

    const short = new PassThrough();
    const shortDone = receiveIntoBuffer(short, Buffer.alloc(10), () => undefined);
    short.end(Buffer.alloc(5));
    await expect(shortDone).rejects.toBeInstanceOf(ShortReadError);

    const long = new PassThrough();
    const longDone = receiveIntoBuffer(long, Buffer.alloc(10), () => undefined);
    long.end(Buffer.alloc(11));
    await expect(longDone).rejects.toBeInstanceOf(OverlongRangeError);
  });
});
