import { Readable } from 'node:stream';
import { crc64, type Body } from '@yunstore/core';
import { describe, expect, it } from 'vitest';
import type { ObjectRef } from '../src/adapter.ts';
import { IntegrityError } from '../src/errors.ts';
import { uploadFile } from '../src/upload.ts';
import { uploadStream } from '../src/upload-stream.ts';
import { randomFile, tempDir } from './helpers.ts';
import { MemoryAdapter, type MemoryResult } from './memory-adapter.ts';

const KiB = 1024;
type PartArgs = ObjectRef & { uploadId: string; partNumber: number; body: Body; length: number; signal: AbortSignal };

/** A COS-like adapter: reports the CRC-64 of every stored part, and can store a part corrupted. */
class CrcAdapter extends MemoryAdapter {
  readonly uploadCrc64 = true;
  /** Part numbers whose next attempt is stored with one byte flipped (a transit corruption). */
  readonly corruptOnce = new Set<number>();
  /** Overrides the object CRC-64 complete reports. */
  reportedObjectCrc: string | undefined;
  partCalls = 0;

  override async uploadPart(args: PartArgs): Promise<{ etag: string; crc64?: string }> {
    this.partCalls += 1;
    const answer = await super.uploadPart(args);
    const stored = this.uploads.get(args.uploadId)?.parts.get(args.partNumber);
    if (!stored) throw new Error('part not stored');
    if (this.corruptOnce.delete(args.partNumber)) {
      const bad = Buffer.from(stored.data);
      bad[0] = (bad[0] ?? 0) ^ 0xff;
      return { ...answer, crc64: crc64(bad).toString() };
    }
    return { ...answer, crc64: crc64(stored.data).toString() };
  }

  override async complete(args: Parameters<MemoryAdapter['complete']>[0]): Promise<MemoryResult> {
    const result = await super.complete(args);
    return this.reportedObjectCrc === undefined ? result : { ...result, crc64: this.reportedObjectCrc };
  }
}

describe('upload CRC-64 (adapters with uploadCrc64, i.e. COS)', () => {
  it('resends a part whose stored CRC-64 differs from the bytes sent, then succeeds byte-identical', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 300 * KiB + 5);
    const adapter = new CrcAdapter();
    adapter.corruptOnce.add(2);
    const out = await uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 3, retryDelayMs: 0 });
    expect(out.partsSent).toBe(5);
    expect(adapter.partCalls).toBe(6);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
  });

  it('fails with IntegrityError CRC64Mismatch when the whole object CRC-64 differs', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'f.bin', 200 * KiB);
    const adapter = new CrcAdapter();
    adapter.reportedObjectCrc = '12345';
    const error = await uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).code).toBe('CRC64Mismatch');
  });

  it('checks a single putObject and a stream upload too, and can be turned off', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'small.bin', 1000);
    const adapter = new CrcAdapter();
    const wrongPut: typeof adapter.putObject = async (args) => ({ ...(await MemoryAdapter.prototype.putObject!.call(adapter, args)), crc64: '1' });
    adapter.putObject = wrongPut;
    await expect(uploadFile(adapter, { bucket: 'b', key: 's', filePath: path })).rejects.toBeInstanceOf(IntegrityError);
    await expect(uploadFile(adapter, { bucket: 'b', key: 's', filePath: path, verifyCrc64: false })).resolves.toMatchObject({ multipart: false });

    const streamed = new CrcAdapter();
    streamed.reportedObjectCrc = '7';
    const source = Readable.from([Buffer.alloc(150 * KiB, 1)]);
    await expect(uploadStream(streamed, { bucket: 'b', key: 'st', stream: source, partSize: 64 * KiB })).rejects.toBeInstanceOf(IntegrityError);
  });

  it('records part CRC-64s so a resumed upload still checks the whole object', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'f.bin', 256 * KiB);
    const adapter = new CrcAdapter();
    const { memoryCheckpointStore } = await import('../src/checkpoint.ts');
    const store = memoryCheckpointStore();
    adapter.faults.failAfterParts = 2;
    await expect(
      uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 1, checkpoint: store, partRetries: 0 }),
    ).rejects.toThrow();
    delete adapter.faults.failAfterParts;
    const out = await uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB, concurrency: 1, checkpoint: store });
    expect(out.partsReused).toBe(2);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
  });

  it('does no CRC work for adapters without uploadCrc64', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'f.bin', 200 * KiB);
    const adapter = new MemoryAdapter();
    // complete reports the object's real CRC-64; a wrong one is not even looked at without uploadCrc64.
    const complete = adapter.complete.bind(adapter);
    adapter.complete = async (args) => ({ ...(await complete(args)), crc64: '1' });
    await expect(uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 64 * KiB })).resolves.toMatchObject({ partsSent: 4 });
  });
});
