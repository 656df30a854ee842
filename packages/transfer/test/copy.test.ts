import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copyObject } from '../src/copy.ts';
import { progressRecorder } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

describe('copyObject', () => {
  it('uses one server-side copy up to the single-copy limit', async () => {
    const adapter = new MemoryAdapter();
    const data = randomBytes(1024); // == limits.maxSingleCopy
    adapter.put('src', 'a', data);
    const progress = progressRecorder();
    const out = await copyObject(adapter, { bucket: 'dst', key: 'b', source: { bucket: 'src', key: 'a' }, onProgress: progress.onProgress });
    expect(out.multipart).toBe(false);
    expect(adapter.calls).toEqual({ head: 1, copyObject: 1 });
    expect(adapter.get('dst', 'b')!.equals(data)).toBe(true);
    progress.assertValid(1024);
  });

  it('copies by concurrent part ranges above the limit, surviving part failures', async () => {
    const adapter = new MemoryAdapter();
    const data = randomBytes(100_003);
    adapter.put('src', 'a', data);
    adapter.faults = { partFailureRate: 0.05 };
    const progress = progressRecorder();
    const out = await copyObject(adapter, {
      bucket: 'dst',
      key: 'b',
      source: { bucket: 'src', key: 'a' },
      partSize: 1000,
      concurrency: 8,
      retryDelayMs: 1,
      partRetries: 4,
      onProgress: progress.onProgress,
    });
    expect(out.multipart).toBe(true);
    expect(out.partSize).toBe(1000);
    expect(adapter.calls.uploadPartCopy).toBeGreaterThanOrEqual(101);
    expect(adapter.get('dst', 'b')!.equals(data)).toBe(true);
    progress.assertValid(data.length);
  });

  it('honours a lower multipartThreshold and aborts the upload on failure', async () => {
    const adapter = new MemoryAdapter();
    adapter.put('src', 'a', randomBytes(600));
    adapter.faults = { failAfterParts: 1 };
    await expect(
      copyObject(adapter, { bucket: 'dst', key: 'b', source: { bucket: 'src', key: 'a' }, multipartThreshold: 100, partSize: 200, retryDelayMs: 1 }),
    ).rejects.toMatchObject({ status: 503 });
    expect(adapter.calls.copyObject).toBeUndefined();
    expect(adapter.calls.abort).toBe(1);
    expect(adapter.uploads.size).toBe(0);
  });

  it('names missing parameters', async () => {
    const adapter = new MemoryAdapter();
    await expect(copyObject(adapter, { bucket: 'b', key: 'k', source: { bucket: 'x', key: '' } })).rejects.toThrow(/source.key/);
    await expect(copyObject(adapter, { bucket: 'b', key: 'k', source: undefined as never })).rejects.toThrow(/source/);
    expect(adapter.calls).toEqual({});
  });
});
