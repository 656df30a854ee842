import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCheckpointStore } from '../src/checkpoint.ts';
import { downloadFile, type DownloadFileParams } from '../src/download.ts';
import { IntegrityError } from '../src/errors.ts';
import { progressRecorder, tempDir } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

const KiB = 1024;

describe('downloadFile', () => {
  it('downloads in concurrent ranges, verifies CRC-64, renames into place', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    const data = randomBytes(1000 * KiB + 9);
    const stored = adapter.put('b', 'k', data);
    const progress = progressRecorder();
    const dest = join(dir, 'sub', 'out.bin');
    const out = await downloadFile(adapter, {
      bucket: 'b',
      key: 'k',
      filePath: dest,
      partSize: 64 * KiB,
      concurrency: 4,
      onProgress: progress.onProgress,
    });
    expect((await readFile(dest)).equals(data)).toBe(true);
    expect(out.crc64).toBe(stored.crc64);
    expect(out.partsFetched).toBe(16);
    expect(adapter.calls).toMatchObject({ head: 1, getRange: 16 });
    expect(await readdir(join(dir, 'sub'))).toEqual(['out.bin']);
    progress.assertValid(data.length);
    expect(progress.calls.length).toBeGreaterThan(16);
  });

  it('downloads a 0-byte object', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    adapter.put('b', 'empty', Buffer.alloc(0));
    const progress = progressRecorder();
    await downloadFile(adapter, { bucket: 'b', key: 'empty', filePath: join(dir, 'e'), onProgress: progress.onProgress });
    expect((await readFile(join(dir, 'e'))).length).toBe(0);
    expect(adapter.calls.getRange).toBeUndefined();
    progress.assertValid(0);
  });

  it('survives 5% part failures and streams that break half-way, with monotonic progress', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    const data = randomBytes(150 * 16 * KiB);
    adapter.put('b', 'k', data);
    adapter.faults = { partFailureRate: 0.05, midStreamFailureRate: 0.05 };
    const progress = progressRecorder();
    await downloadFile(adapter, {
      bucket: 'b',
      key: 'k',
      filePath: join(dir, 'o'),
      partSize: 16 * KiB,
      concurrency: 5,
      retryDelayMs: 1,
      partRetries: 4,
      onProgress: progress.onProgress,
    });
    expect(adapter.calls.getRange).toBeGreaterThan(150);
    expect((await readFile(join(dir, 'o'))).equals(data)).toBe(true);
    progress.assertValid(data.length);
  });

  it('fails with IntegrityError on a CRC-64 mismatch and leaves nothing behind', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    const stored = adapter.put('b', 'k', randomBytes(100 * KiB));
    stored.crc64 = '12345';
    const store = memoryCheckpointStore();
    const error = await downloadFile(adapter, { bucket: 'b', key: 'k', filePath: join(dir, 'o'), partSize: 32 * KiB, checkpoint: store }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).code).toBe('CRC64Mismatch');
    expect(await readdir(dir)).toEqual([]);
    expect(store.records.size).toBe(0);
    // With verification off the same download succeeds (COS EnableCRC=False).
    await downloadFile(adapter, { bucket: 'b', key: 'k', filePath: join(dir, 'o'), verifyCrc64: false });
    expect(await readdir(dir)).toEqual(['o']);
  });

  it('leaves no temporary file when aborted without a checkpoint, and stops promptly', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    adapter.put('b', 'k', randomBytes(512 * KiB));
    adapter.faults = { partDelayMs: 5000 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    const started = Date.now();
    await expect(
      downloadFile(adapter, { bucket: 'b', key: 'k', filePath: join(dir, 'o'), partSize: 64 * KiB, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the temporary file when a part fails for good', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    adapter.put('b', 'k', randomBytes(256 * KiB));
    adapter.faults = { failAfterParts: 2 };
    await expect(downloadFile(adapter, { bucket: 'b', key: 'k', filePath: join(dir, 'o'), partSize: 32 * KiB, retryDelayMs: 1 })).rejects.toMatchObject({
      status: 503,
    });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('downloadFile resume', () => {
  async function interrupted(adapter: MemoryAdapter, params: DownloadFileParams, stopAfter: number): Promise<void> {
    const controller = new AbortController();
    adapter.faults = { partDelayMs: 2 };
    const poll = setInterval(() => {
      if (adapter.fetchedRanges.length >= stopAfter) controller.abort();
    }, 1);
    await expect(downloadFile(adapter, { ...params, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    clearInterval(poll);
    adapter.faults = {};
  }

  it('fetches only the missing parts after an abort; identical bytes; no leftovers', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    const data = randomBytes(2048 * KiB + 1);
    adapter.put('b', 'k', data);
    const checkpoints = await tempDir();
    const params = { bucket: 'b', key: 'k', filePath: join(dir, 'o'), partSize: 64 * KiB, concurrency: 3, checkpoint: checkpoints };
    await interrupted(adapter, params, 10);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^o\.[0-9a-f]{12}\.yunstore-tmp$/);
    const [record] = await readdir(checkpoints);
    expect(record).toBeDefined();
    // What the interrupted run recorded as written decides what is reused; how many
    // parts that is depends on timing (up to `concurrency` were in flight at the abort).
    const saved = JSON.parse(await readFile(join(checkpoints, record!), 'utf8')) as { parts: unknown[] };
    expect(saved.parts.length).toBeGreaterThan(0);

    const gets = adapter.calls.getRange!;
    const progress = progressRecorder();
    const out = await downloadFile(adapter, { ...params, onProgress: progress.onProgress });
    expect(out.partsReused).toBe(saved.parts.length);
    expect(out.partsReused + out.partsFetched).toBe(33);
    expect(adapter.calls.getRange! - gets).toBe(out.partsFetched);
    expect((await readFile(join(dir, 'o'))).equals(data)).toBe(true);
    expect(out.crc64).toBe(adapter.objects.get('b/k')!.crc64);
    expect(await readdir(dir)).toEqual(['o']);
    expect(await readdir(checkpoints)).toEqual([]);
    expect(progress.calls[0]![0]).toBeGreaterThanOrEqual(out.partsReused * 64 * KiB);
    progress.assertValid(data.length);
  });

  it('starts over when the remote object changed, removing the old temporary file', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    adapter.put('b', 'k', randomBytes(1024 * KiB));
    const store = memoryCheckpointStore();
    const params = { bucket: 'b', key: 'k', filePath: join(dir, 'o'), partSize: 64 * KiB, concurrency: 2, checkpoint: store };
    await interrupted(adapter, params, 4);
    const [oldTemp] = await readdir(dir);
    const replaced = randomBytes(1024 * KiB);
    adapter.put('b', 'k', replaced); // same size, new ETag and Last-Modified
    const out = await downloadFile(adapter, params);
    expect(out.partsReused).toBe(0);
    expect(out.partsFetched).toBe(16);
    expect((await readFile(join(dir, 'o'))).equals(replaced)).toBe(true);
    const left = await readdir(dir);
    expect(left).toEqual(['o']);
    expect(left).not.toContain(oldTemp);
  });
});
