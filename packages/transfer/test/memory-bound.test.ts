import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { uploadStream } from '../src/upload-stream.ts';
import { progressRecorder } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

const MiB = 1024 * 1024;

/** `total` bytes in 64 KiB chunks, generated on demand (never held at once). */
function generated(total: number): Readable {
  const block = randomBytes(64 * 1024);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(block.length, total - sent);
      sent += size;
      this.push(block.subarray(0, size));
    },
  });
}

describe('memory bound', () => {
  it('uploads a 512 MiB stream with 8 MiB parts x 4 within part size x concurrency + 64 MB of RSS', async () => {
    const adapter = new MemoryAdapter();
    adapter.discard = true; // the server side must not hold the bytes either
    const total = 512 * MiB;
    const partSize = 8 * MiB;
    const concurrency = 4;
    const base = process.memoryUsage().rss;
    let peak = base;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 5);
    const progress = progressRecorder();
    try {
      const out = await uploadStream(adapter, {
        bucket: 'b',
        key: 'big',
        stream: generated(total),
        partSize,
        concurrency,
        onProgress: (c, t) => {
          progress.onProgress(c, t);
          if (progress.calls.length % 64 === 0) sample();
        },
      });
      expect(out.partsSent).toBe(64);
    } finally {
      clearInterval(timer);
    }
    sample();
    const growth = peak - base;
    expect(growth, `RSS grew ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(partSize * concurrency + 64 * MiB);
    expect(adapter.sentParts.length).toBe(64);
    progress.assertValid(total);
  });
});

describe('memory bound, files', () => {
  it('uploads a 512 MiB file with 8 MiB parts x 4 from at most 4 part buffers, within part size x concurrency + 64 MB of RSS', async () => {
    const { open, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { uploadFile } = await import('../src/upload.ts');
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-memory-'));
    const path = join(dir, 'sparse.bin');
    const total = 512 * MiB;
    // A sparse file: reads at memory speed and takes no disk.
    const handle = await open(path, 'w');
    await handle.truncate(total);
    await handle.close();
    const adapter = new MemoryAdapter();
    adapter.discard = true;
    const partSize = 8 * MiB;
    const concurrency = 4;
    const base = process.memoryUsage().rss;
    let peak = base;
    let peakBuffers = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const out = await uploadFile(adapter, {
        bucket: 'b',
        key: 'big-file',
        filePath: path,
        partSize,
        concurrency,
        onProgress: () => {
          peakBuffers = Math.max(peakBuffers, process.memoryUsage().arrayBuffers);
        },
      });
      expect(out.partsSent).toBe(64);
    } finally {
      clearInterval(timer);
      await rm(dir, { recursive: true, force: true });
    }
    const growth = peak - base;
    expect(growth, `RSS grew ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(partSize * concurrency + 64 * MiB);
    // ArrayBuffer memory (part buffers and anything the adapter keeps) stays near the pool's size, not the file's.
    expect(peakBuffers, `ArrayBuffers peaked at ${(peakBuffers / MiB).toFixed(1)} MiB`).toBeLessThan(partSize * concurrency + 32 * MiB);
  });
});
