import { randomBytes } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { downloadStream } from '../src/download-stream.ts';
import { IntegrityError } from '../src/errors.ts';
import { progressRecorder } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

const KiB = 1024;

function collector(): { writable: Writable; bytes: () => Buffer; ended: () => boolean } {
  const chunks: Buffer[] = [];
  let ended = false;
  const writable = new Writable({
    highWaterMark: 16 * KiB,
    write(chunk: Buffer, _enc, callback) {
      chunks.push(chunk);
      setImmediate(callback); // a slow consumer: exercises backpressure
    },
    final(callback) {
      ended = true;
      callback();
    },
  });
  return { writable, bytes: () => Buffer.concat(chunks), ended: () => ended };
}

describe('downloadStream', () => {
  it('writes concurrent ranges strictly in order, with failures and exact progress', async () => {
    const adapter = new MemoryAdapter();
    const data = randomBytes(777 * KiB);
    adapter.put('b', 'k', data);
    adapter.faults = { partFailureRate: 0.05, midStreamFailureRate: 0.05 };
    const sink = collector();
    const progress = progressRecorder();
    const out = await downloadStream(adapter, {
      bucket: 'b',
      key: 'k',
      writable: sink.writable,
      partSize: 16 * KiB,
      concurrency: 6,
      retryDelayMs: 1,
      partRetries: 4,
      end: true,
      onProgress: progress.onProgress,
    });
    expect(out.size).toBe(data.length);
    expect(sink.bytes().equals(data)).toBe(true);
    expect(sink.ended()).toBe(true);
    progress.assertValid(data.length);
  });

  it('does not end the caller stream by default and checks CRC-64', async () => {
    const adapter = new MemoryAdapter();
    const stored = adapter.put('b', 'k', randomBytes(50 * KiB));
    const sink = new PassThrough();
    sink.resume();
    await downloadStream(adapter, { bucket: 'b', key: 'k', writable: sink, partSize: 16 * KiB });
    expect(sink.writableEnded).toBe(false);
    stored.crc64 = '1';
    await expect(downloadStream(adapter, { bucket: 'b', key: 'k', writable: sink, partSize: 16 * KiB })).rejects.toBeInstanceOf(IntegrityError);
  });

  it('rejects a missing writable before any request', async () => {
    const adapter = new MemoryAdapter();
    await expect(downloadStream(adapter, { bucket: 'b', key: 'k', writable: {} as Writable })).rejects.toThrow(/writable/);
    expect(adapter.calls).toEqual({});
  });
});
