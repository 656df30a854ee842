import { utimesSync } from 'node:fs';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { memoryCheckpointStore } from '../src/checkpoint.ts';
import { uploadFile } from '../src/upload.ts';
import { progressRecorder, randomFile, tempDir } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

const KiB = 1024;

describe('uploadFile', () => {
  it('uploads a file in concurrent parts, byte-identical, with exact progress', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'big.bin', 1024 * KiB + 3);
    const adapter = new MemoryAdapter();
    const progress = progressRecorder();
    const out = await uploadFile(adapter, {
      bucket: 'b',
      key: 'k',
      filePath: path,
      partSize: 64 * KiB,
      concurrency: 4,
      onProgress: progress.onProgress,
    });
    expect(out.multipart).toBe(true);
    expect(out.partsSent).toBe(17);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
    expect(out.result.etag).toBe(adapter.objects.get('b/k')!.etag);
    expect(adapter.calls).toMatchObject({ initiate: 1, uploadPart: 17, complete: 1 });
    expect(adapter.calls.abort).toBeUndefined();
    progress.assertValid(data.length);
    // Moves within parts, not once per part.
    expect(progress.calls.length).toBeGreaterThan(17);
  });

  it('uses one putObject below the threshold, including a 0-byte file', async () => {
    const dir = await tempDir();
    const adapter = new MemoryAdapter();
    const small = await randomFile(dir, 'small.bin', 1000);
    const empty = await randomFile(dir, 'empty.bin', 0);
    const out = await uploadFile(adapter, { bucket: 'b', key: 'small', filePath: small.path });
    const progress = progressRecorder();
    await uploadFile(adapter, { bucket: 'b', key: 'empty', filePath: empty.path, onProgress: progress.onProgress });
    expect(out.multipart).toBe(false);
    expect(adapter.calls).toEqual({ putObject: 2 });
    expect(adapter.get('b', 'small')!.equals(small.data)).toBe(true);
    expect(adapter.get('b', 'empty')!.length).toBe(0);
    progress.assertValid(0);
  });

  it('uploads an empty file as one empty part when the adapter has no putObject', async () => {
    const dir = await tempDir();
    const empty = await randomFile(dir, 'empty.bin', 0);
    const adapter = new MemoryAdapter();
    Object.defineProperty(adapter, 'putObject', { value: undefined });
    const out = await uploadFile(adapter, { bucket: 'b', key: 'e', filePath: empty.path });
    expect(out.multipart).toBe(true);
    expect(adapter.sentParts).toEqual([1]);
    expect(adapter.get('b', 'e')!.length).toBe(0);
  });

  it('completes despite 5% injected part failures, retrying only the failed parts', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 200 * 16 * KiB);
    const adapter = new MemoryAdapter();
    adapter.faults = { partFailureRate: 0.05 };
    const progress = progressRecorder();
    await uploadFile(adapter, {
      bucket: 'b',
      key: 'k',
      filePath: path,
      partSize: 16 * KiB,
      concurrency: 6,
      retryDelayMs: 1,
      partRetries: 4,
      onProgress: progress.onProgress,
    });
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
    expect(adapter.calls.uploadPart).toBeGreaterThan(200);
    expect(adapter.sentParts.length).toBe(200);
    progress.assertValid(data.length);
  });

  it('retries a complete the server answered with a 5xx; settles one whose answer was lost by asking the server', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'c.bin', 4 * 16 * KiB);
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 16 * KiB, retryDelayMs: 1 };
    const answered = new MemoryAdapter();
    answered.faults = { completeFailures: ['status', 'status'] };
    await uploadFile(answered, params);
    expect(answered.calls.complete).toBe(3);
    expect(answered.get('b', 'k')!.equals(data)).toBe(true);

    // No answer, and the complete never happened: the upload is still listed, so completing again is safe.
    const silent = new MemoryAdapter();
    silent.faults = { completeFailures: ['network'] };
    await uploadFile(silent, params);
    expect(silent.calls.complete).toBe(2);
    expect(silent.calls.listParts).toBeGreaterThanOrEqual(1);
    expect(silent.get('b', 'k')!.equals(data)).toBe(true);

    // No answer, but the complete did happen: the upload is gone and the object is there with the size sent.
    const lost = new MemoryAdapter();
    lost.faults = { completeFailures: ['lost'] };
    const result = await uploadFile(lost, params);
    expect(lost.calls.complete).toBe(1);
    expect(lost.calls.head).toBeGreaterThanOrEqual(1);
    expect(lost.get('b', 'k')!.equals(data)).toBe(true);
    expect(JSON.stringify(result)).toContain('settled');
  });

  it("asks the adapter's classify for its verdict before the engine's default", async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'v.bin', 4 * 16 * KiB);
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 16 * KiB, retryDelayMs: 1, concurrency: 1 };
    // Every part fails with a 503, which the engine's default would retry; a vendor that says "final" is obeyed.
    const verdicts: unknown[] = [];
    const finalVerdict = Object.assign(new MemoryAdapter(), { faults: { failAfterParts: 0 } });
    finalVerdict.classify = (error) => {
      verdicts.push(error);
      return 'final';
    };
    await expect(uploadFile(finalVerdict, params)).rejects.toMatchObject({ status: 503 });
    expect(verdicts.length).toBe(1);
    expect(finalVerdict.calls.uploadPart).toBe(1);
  });

  it("refuses a part answered without an ETag (not retried, the upload aborted) with the vendor's error class", async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'e.bin', 4 * 16 * KiB);
    class VendorClientError extends Error {}
    const adapter = new MemoryAdapter();
    const malformed = Object.assign(adapter, {
      malformed: (op: string, message: string) => new VendorClientError(`${op}: ${message}`),
      uploadPart: async () => ({ etag: '' }),
    });
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 16 * KiB, retryDelayMs: 1, concurrency: 1 };
    await expect(uploadFile(malformed, params)).rejects.toThrow(VendorClientError);
    await expect(uploadFile(malformed, params)).rejects.toThrow(/upload_part: the server answered without an ETag for part 1/);
    expect(adapter.calls.abort).toBe(2);
    expect(adapter.uploads.size).toBe(0);
  });

  it('validates parameters before any request', async () => {
    const adapter = new MemoryAdapter();
    await expect(uploadFile(adapter, { bucket: '', key: 'k', filePath: '/x' })).rejects.toThrow(/bucket/);
    await expect(uploadFile(adapter, { bucket: 'b', key: 'k', filePath: '/x', partSize: -1 })).rejects.toThrow(/partSize/);
    await expect(uploadFile(adapter, { bucket: 'b', key: 'k', filePath: '/x', concurrency: 0 })).rejects.toThrow(/concurrency/);
    await expect(uploadFile(adapter, { bucket: 'b', key: 'k', filePath: '/nope/missing', checkpoint: 7 as never })).rejects.toThrow(/checkpoint/);
    expect(adapter.calls).toEqual({});
    await expect(uploadFile(adapter, { bucket: 'b', key: 'k', filePath: '/x', signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(adapter.calls).toEqual({});
  });

  it('aborts the multipart upload on failure without a checkpoint', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'f.bin', 512 * KiB);
    const adapter = new MemoryAdapter();
    adapter.faults = { failAfterParts: 3 };
    await expect(uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, retryDelayMs: 1 })).rejects.toMatchObject({ status: 503 });
    expect(adapter.calls.abort).toBe(1);
    expect(adapter.uploads.size).toBe(0);
    expect(adapter.get('b', 'k')).toBeUndefined();
  });

  it('stops promptly on abort and aborts the multipart upload', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'f.bin', 1024 * KiB);
    const adapter = new MemoryAdapter();
    adapter.faults = { partDelayMs: 5000 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(adapter.sentParts).toEqual([]);
    expect(adapter.calls.abort).toBe(1);
  });

  it('refuses to complete when the file changes during the upload', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'f.bin', 256 * KiB);
    const adapter = new MemoryAdapter();
    let touched = false;
    await expect(
      uploadFile(adapter, {
        bucket: 'b',
        key: 'k',
        filePath: path,
        partSize: 64 * KiB,
        concurrency: 1,
        onProgress: (consumed) => {
          if (!touched && consumed > 100 * KiB) {
            touched = true;
            utimesSync(path, new Date(), new Date(Date.now() + 5000));
          }
        },
      }),
    ).rejects.toThrow(/changed while it was being uploaded/);
    expect(adapter.calls.complete).toBeUndefined();
    expect(adapter.calls.abort).toBe(1);
  });
});

describe('uploadFile resume', () => {
  /** Runs an upload that is aborted once `stopAfter` parts were accepted. */
  async function interrupted(adapter: MemoryAdapter, params: Parameters<typeof uploadFile>[1], stopAfter: number): Promise<void> {
    const controller = new AbortController();
    adapter.faults = { partDelayMs: 3 };
    const poll = setInterval(() => {
      if (adapter.sentParts.length >= stopAfter) controller.abort();
    }, 1);
    await expect(uploadFile(adapter, { ...params, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    clearInterval(poll);
    adapter.faults = {};
  }

  it('sends only the missing parts after an abort and produces identical bytes', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 2048 * KiB + 100);
    const adapter = new MemoryAdapter();
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 3, checkpoint: await tempDir() };
    await interrupted(adapter, params, 10);
    const first = [...adapter.sentParts];
    expect(first.length).toBeGreaterThanOrEqual(10);
    expect(first.length).toBeLessThan(33);
    expect(adapter.calls.abort).toBeUndefined(); // kept for resume
    expect(adapter.uploads.size).toBe(1);

    const progress = progressRecorder();
    const out = await uploadFile(adapter, { ...params, onProgress: progress.onProgress });
    const second = adapter.sentParts.slice(first.length);
    expect(out.partsReused).toBe(first.length);
    expect(out.partsSent).toBe(second.length);
    expect(new Set([...first, ...second]).size).toBe(33);
    expect(first.length + second.length).toBe(33); // nothing sent twice
    expect(adapter.calls.initiate).toBe(1);
    // One listing of the parts already there, page by page (the memory server pages 3 parts at a time).
    expect(adapter.calls.listParts).toBe(Math.ceil(first.length / adapter.partsPageSize));
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
    expect(await readdir(params.checkpoint)).toEqual([]); // the record is removed on success
    // Resumed progress starts at the bytes already there and still ends at the total.
    expect(progress.calls[0]![0]).toBe(first.length * 64 * KiB);
    progress.assertValid(data.length);
  });

  it('keeps parts the server got but the checkpoint missed', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 640 * KiB);
    const adapter = new MemoryAdapter();
    const store = memoryCheckpointStore();
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 2, checkpoint: store };
    await interrupted(adapter, params, 4);
    const sent = adapter.sentParts.length;
    // Forget what the checkpoint knew about the parts, as if the process died before saving.
    const [id, record] = [...store.records.entries()][0]!;
    store.records.set(id, { ...(record as object), parts: [] });
    await uploadFile(adapter, params);
    expect(adapter.sentParts.length).toBe(10);
    expect(adapter.sentParts.slice(sent).every((n) => !adapter.sentParts.slice(0, sent).includes(n))).toBe(true);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
    expect(store.records.size).toBe(0);
  });

  it('restarts cleanly when the file changed between attempts', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'f.bin', 1024 * KiB);
    const adapter = new MemoryAdapter();
    const store = memoryCheckpointStore();
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 2, checkpoint: store };
    await interrupted(adapter, params, 4);
    const [oldUpload] = adapter.uploads.keys();
    const sentBefore = adapter.sentParts.length;

    const changed = (await randomFile(dir, 'f.bin', 1024 * KiB + 5)).data;
    const out = await uploadFile(adapter, params);
    expect(out.partsReused).toBe(0);
    expect(adapter.sentParts.length - sentBefore).toBe(17);
    expect(adapter.calls.abort).toBe(1);
    expect(adapter.uploads.has(oldUpload!)).toBe(false);
    expect(adapter.get('b', 'k')!.equals(changed)).toBe(true);
  });

  it('detects a same-size edit with the mtime put back (sampled part digests)', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 1024 * KiB);
    const adapter = new MemoryAdapter();
    const store = memoryCheckpointStore();
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 1, checkpoint: store };
    const { mtime } = await import('node:fs/promises').then((fs) => fs.stat(path));
    await interrupted(adapter, params, 3);
    const edited = Buffer.from(data);
    edited.fill(0, 0, 100); // inside part 1's first sampled window
    await writeFile(path, edited);
    await utimes(path, mtime, mtime);
    const out = await uploadFile(adapter, params);
    expect(out.partsReused).toBe(0);
    expect(adapter.calls.abort).toBe(1);
    expect(adapter.get('b', 'k')!.equals(edited)).toBe(true);
  });

  it('starts over when the server no longer knows the upload', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 512 * KiB);
    const adapter = new MemoryAdapter();
    const store = memoryCheckpointStore();
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 1, checkpoint: store };
    await interrupted(adapter, params, 2);
    adapter.uploads.clear(); // expired by a lifecycle rule
    const out = await uploadFile(adapter, params);
    expect(out.partsReused).toBe(0);
    expect(adapter.calls.initiate).toBe(2);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
  });
});
