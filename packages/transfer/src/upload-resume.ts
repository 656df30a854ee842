/**
 * Upload checkpoints: what is recorded, and how a record is trusted again.
 *
 * A record is trusted only when the local file still has the recorded size
 * and mtime, each recorded part's sampled digest still matches the file, and
 * the server still knows the upload id; then only the parts the server holds
 * with the planned size are skipped. Anything else discards the record and
 * aborts the old multipart upload, so a changed file restarts cleanly.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { UploadAdapter } from './adapter.ts';
import { abortUpload, listAllParts } from './upload-server.ts';
import type { CheckpointStore } from './checkpoint.ts';
import { cleanupSignal } from './options.ts';
import { partAt, type PartPlan } from './parts.ts';

/** One part the upload has sent. */
export interface RecordedPart {
  partNumber: number;
  etag: string;
  size: number;
  /** `sampleDigest` of the part's bytes when it was sent. */
  digest: string;
  /** CRC-64 of the part's bytes (decimal), recorded when the upload checks CRC-64. */
  crc64?: string;
}

export interface UploadCheckpoint {
  version: 1;
  kind: 'upload';
  bucket: string;
  key: string;
  filePath: string;
  fileSize: number;
  mtimeMs: number;
  /** The part size in effect (after automatic raising). */
  partSize: number;
  uploadId: string;
  parts: RecordedPart[];
}

const WINDOW = 64 * 1024;

/**
 * A cheap fingerprint of a file range: SHA-1 over its length and up to
 * three 64 KiB windows (start, middle, end). Re-reading every sent byte to
 * check a file before resuming would cost as much as reading it to send;
 * this costs at most 192 KiB a part and, with size and mtime, catches edits.
 */
export async function sampleDigest(file: FileHandle, start: number, length: number): Promise<string> {
  const hash = createHash('sha1').update(`${length}:`);
  const buffer = Buffer.allocUnsafe(Math.min(length, 3 * WINDOW));
  for (const [offset, size] of sampleWindows(start, length)) {
    let got = 0;
    while (got < size) {
      const { bytesRead } = await file.read(buffer, got, size - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    hash.update(buffer.subarray(0, got));
  }
  return hash.digest('hex');
}

/** The `[offset, size]` windows `sampleDigest` hashes for the range `start`, `length`. */
function sampleWindows(start: number, length: number): Array<[number, number]> {
  if (length <= 3 * WINDOW) return [[start, length]];
  return [
    [start, WINDOW],
    [start + Math.floor((length - WINDOW) / 2), WINDOW],
    [start + length - WINDOW, WINDOW],
  ];
}

/** `sampleDigest` of a part already in memory (the same value, without reading the file again). */
export function sampleDigestOf(bytes: Buffer): string {
  const hash = createHash('sha1').update(`${bytes.length}:`);
  for (const [offset, size] of sampleWindows(0, bytes.length)) hash.update(bytes.subarray(offset, offset + size));
  return hash.digest('hex');
}

function isUploadCheckpoint(value: unknown): value is UploadCheckpoint {
  const v = value as Partial<UploadCheckpoint> | undefined;
  return typeof v === 'object' && v !== null && v.version === 1 && v.kind === 'upload' && typeof v.uploadId === 'string' && Array.isArray(v.parts);
}

/** ETags compare without their quotes (some list APIs drop them). */
export function sameEtag(a: string, b: string): boolean {
  const strip = (s: string): string => s.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
  return strip(a) === strip(b);
}

export interface RestoreContext {
  adapter: UploadAdapter;
  store: CheckpointStore;
  id: string;
  bucket: string;
  key: string;
  filePath: string;
  fileSize: number;
  mtimeMs: number;
  plan: PartPlan;
  file: FileHandle;
  signal: AbortSignal;
}

/** What resuming continues from. */
export interface RestoredUpload {
  uploadId: string;
  done: Map<number, RecordedPart>;
}

/**
 * Loads and checks the checkpoint. Returns the upload to continue, or
 * `undefined` to start over (after cleaning up a stale record).
 */
export async function restoreUpload(ctx: RestoreContext): Promise<RestoredUpload | undefined> {
  const record = await ctx.store.load(ctx.id);
  if (!isUploadCheckpoint(record)) return undefined;
  if (record.bucket !== ctx.bucket || record.key !== ctx.key || record.filePath !== ctx.filePath) return undefined;

  const discard = async (): Promise<undefined> => {
    await abortUpload(ctx.adapter, { bucket: ctx.bucket, key: ctx.key, uploadId: record.uploadId, signal: cleanupSignal() }).catch(() => undefined);
    await ctx.store.remove(ctx.id);
    return undefined;
  };

  if (record.fileSize !== ctx.fileSize || record.mtimeMs !== ctx.mtimeMs || record.partSize !== ctx.plan.partSize) {
    return discard();
  }
  const recorded = new Map<number, RecordedPart>();
  for (const part of record.parts) {
    if (part.partNumber < 1 || part.partNumber > ctx.plan.count) return discard();
    const planned = partAt(ctx.plan, part.partNumber);
    if (part.size !== planned.length) return discard();
    if ((await sampleDigest(ctx.file, planned.start, planned.length)) !== part.digest) return discard();
    recorded.set(part.partNumber, part);
  }

  const server = await listAllParts(ctx.adapter, {
    bucket: ctx.bucket,
    key: ctx.key,
    uploadId: record.uploadId,
    signal: ctx.signal,
  });
  if (server === null) {
    await ctx.store.remove(ctx.id);
    return undefined;
  }
  const done = new Map<number, RecordedPart>();
  for (const part of server) {
    if (part.partNumber < 1 || part.partNumber > ctx.plan.count) continue;
    const planned = partAt(ctx.plan, part.partNumber);
    if (part.size !== planned.length) continue;
    const mine = recorded.get(part.partNumber);
    if (mine) {
      if (sameEtag(mine.etag, part.etag)) done.set(part.partNumber, mine);
      continue;
    }
    // Sent but not yet recorded when the last run stopped: the file is unchanged, so keep it.
    done.set(part.partNumber, {
      partNumber: part.partNumber,
      etag: part.etag,
      size: part.size,
      digest: await sampleDigest(ctx.file, planned.start, planned.length),
    });
  }
  return { uploadId: record.uploadId, done };
}
