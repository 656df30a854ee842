import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { uploadStream } from '../src/upload-stream.ts';
import { progressRecorder } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

const KiB = 1024;

/** Yields `data` in irregular chunk sizes, like a network stream. */
async function* irregular(data: Buffer): AsyncGenerator<Buffer> {
  let offset = 0;
  let i = 0;
  while (offset < data.length) {
    const size = [1, 7_000, 65_536, 123_457, 3][i++ % 5]!;
    yield data.subarray(offset, Math.min(offset + size, data.length));
    offset += size;
  }
}

describe('uploadStream', () => {
  it('uploads a stream of unknown length in parts; total becomes known at the end', async () => {
    const data = randomBytes(1000 * KiB + 17);
    const adapter = new MemoryAdapter();
    const progress = progressRecorder();
    const out = await uploadStream(adapter, {
      bucket: 'b',
      key: 'k',
      stream: Readable.from(irregular(data)),
      partSize: 64 * KiB,
      concurrency: 3,
      onProgress: progress.onProgress,
    });
    expect(out.multipart).toBe(true);
    expect(out.size).toBe(data.length);
    expect(out.partsSent).toBe(16);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
    expect(progress.calls[0]![1]).toBeUndefined();
    progress.assertValid(data.length);
  });

  it('accepts an async iterable and a web ReadableStream with a known size', async () => {
    const data = randomBytes(300 * KiB);
    const adapter = new MemoryAdapter();
    const progress = progressRecorder();
    await uploadStream(adapter, { bucket: 'b', key: 'it', stream: irregular(data), size: data.length, partSize: 64 * KiB, onProgress: progress.onProgress });
    expect(adapter.get('b', 'it')!.equals(data)).toBe(true);
    expect(progress.calls.every(([, total]) => total === data.length)).toBe(true);
    progress.assertValid(data.length);
    const web = new Blob([data]).stream();
    await uploadStream(adapter, { bucket: 'b', key: 'web', stream: web, partSize: 64 * KiB });
    expect(adapter.get('b', 'web')!.equals(data)).toBe(true);
  });

  it('sends a stream that fits in one part with putObject, and an empty stream as an empty object', async () => {
    const adapter = new MemoryAdapter();
    const data = randomBytes(10 * KiB);
    const out = await uploadStream(adapter, { bucket: 'b', key: 'small', stream: Readable.from([data]), partSize: 64 * KiB });
    await uploadStream(adapter, { bucket: 'b', key: 'empty', stream: Readable.from([]) });
    expect(out.multipart).toBe(false);
    expect(adapter.calls).toEqual({ putObject: 2 });
    expect(adapter.get('b', 'small')!.equals(data)).toBe(true);
    expect(adapter.get('b', 'empty')!.length).toBe(0);
  });

  it('replays buffered parts after injected failures', async () => {
    const data = randomBytes(100 * 16 * KiB);
    const adapter = new MemoryAdapter();
    adapter.faults = { partFailureRate: 0.05 };
    const progress = progressRecorder();
    await uploadStream(adapter, {
      bucket: 'b',
      key: 'k',
      stream: Readable.from(irregular(data)),
      partSize: 16 * KiB,
      concurrency: 4,
      retryDelayMs: 1,
      partRetries: 4,
      onProgress: progress.onProgress,
    });
    expect(adapter.calls.uploadPart).toBeGreaterThan(100);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
    progress.assertValid(data.length);
  });

  it('rejects a stream shorter or longer than size and aborts the upload', async () => {
    const adapter = new MemoryAdapter();
    const data = randomBytes(200 * KiB);
    await expect(uploadStream(adapter, { bucket: 'b', key: 'k', stream: Readable.from([data]), size: data.length + 1, partSize: 64 * KiB })).rejects.toThrow(
      /size is 204801 bytes, the stream ended after 204800/,
    );
    await expect(uploadStream(adapter, { bucket: 'b', key: 'k', stream: Readable.from([data]), size: data.length - 1, partSize: 64 * KiB })).rejects.toThrow(
      /longer/,
    );
    expect(adapter.calls.abort).toBe(2);
    expect(adapter.uploads.size).toBe(0);
    expect(adapter.get('b', 'k')).toBeUndefined();
  });

  it('refuses a stream of unknown length that needs more than maxParts parts', async () => {
    const adapter = new MemoryAdapter();
    adapter.limits = { ...adapter.limits, maxParts: 4 };
    await expect(uploadStream(adapter, { bucket: 'b', key: 'k', stream: Readable.from([randomBytes(5 * 1024 + 1)]), partSize: 1024 })).rejects.toThrow(
      /more than 4 parts/,
    );
    expect(adapter.calls.abort).toBe(1);
  });

  it('stops a slow source promptly on abort and destroys it', async () => {
    const adapter = new MemoryAdapter();
    const controller = new AbortController();
    const source = new Readable({ read() {} }); // never produces data
    setTimeout(() => controller.abort(), 30);
    await expect(uploadStream(adapter, { bucket: 'b', key: 'k', stream: source, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(source.destroyed).toBe(true);
  });
});
