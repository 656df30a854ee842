/**
 * Downloading an object to a file: concurrent ranged GETs written at their
 * offsets into `<dest>.<random>.yunstore-tmp`, renamed over the destination
 * only when every byte is there and checked (size always; CRC-64 when the
 * object has one, combined from per-part CRCs so nothing is re-read). Each
 * worker gathers what it receives and writes it in large positioned writes
 * (see download-receive.ts).
 */
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { Crc64, crc64Combine } from '@yunstore/core';
import type { DownloadAdapter, ObjectInfo, ObjectRef } from './adapter.ts';
import { checkpointId, CheckpointWriter, resolveCheckpointStore } from './checkpoint.ts';
import { restoreDownload, tempPathFor, type DownloadCheckpoint, type DownloadedPart } from './download-resume.ts';
import { receiveRange } from './download-receive.ts';
import { IntegrityError } from './errors.ts';
import { requireString, resolveOptions, type ResumableOptions } from './options.ts';
import { MiB, partsOf, planParts, type PartPlan, type PlannedPart } from './parts.ts';
import { linkedController, runPool, withPartRetry } from './pool.ts';
import { Progress, type PartMeter } from './progress.ts';

/** Limits for ranged GETs: any part size, any count up to 10000 (it only sizes the checkpoint). */
const GET_LIMITS = { maxParts: 10_000, minPartSize: 1, maxPartSize: Number.MAX_SAFE_INTEGER, maxSingleCopy: 0 };

/**
 * Bytes a worker gathers before one write. Large enough that the write
 * count is small (8 per 8 MiB part), small enough that eight workers hold
 * 8 MiB between them: a download's memory is undici's chunks, not ours.
 */
const WRITE_BATCH = 1 * MiB;

export interface DownloadFileParams extends ResumableOptions {
  bucket: string;
  key: string;
  /** The destination file, e.g. `'/data/backup.tar'`; its folder is created when missing. */
  filePath: string;
  /** Check COS CRC-64 end to end when `head` reports one. Default true. */
  verifyCrc64?: boolean;
  /** The object's `head` result when the caller already has it (saves one request). */
  objectInfo?: ObjectInfo;
}

export interface DownloadOutcome {
  filePath: string;
  size: number;
  etag: string;
  /** The verified CRC-64 (decimal), when the object had one and verification was on. */
  crc64: string | undefined;
  partsFetched: number;
  partsReused: number;
}

/**
 * Downloads `bucket/key` to `filePath`.
 *
 * @throws IntegrityError (`CRC64Mismatch`, `SizeMismatch`) when the bytes do
 *   not match the object; the partial file and checkpoint are deleted.
 * @throws the adapter's error, or the signal's reason when aborted: the
 *   temporary file is deleted unless a checkpoint keeps it for resuming.
 */
export async function downloadFile(adapter: DownloadAdapter, params: DownloadFileParams): Promise<DownloadOutcome> {
  const target: ObjectRef = { bucket: requireString('bucket', params.bucket), key: requireString('key', params.key) };
  const dest = resolvePath(requireString('filePath', params.filePath));
  const options = resolveOptions(params, undefined, adapter);
  const store = resolveCheckpointStore(params.checkpoint);

  const { controller, dispose } = linkedController(params.signal);
  const signal = controller.signal;
  try {
    const info = params.objectInfo ?? (await adapter.head({ ...target, signal }));
    const needCrc = params.verifyCrc64 !== false && typeof info.crc64 === 'string' && /^\d+$/.test(info.crc64);
    const plan = planParts(info.size, options.partSize, GET_LIMITS);
    await mkdir(dirname(dest), { recursive: true });

    const id = checkpointId('download', [target.bucket, target.key, dest, options.partSize]);
    const restored = store
      ? await restoreDownload({
          store,
          id,
          ...target,
          filePath: dest,
          partSize: plan.partSize,
          partCount: plan.count,
          object: info,
          needCrc,
        })
      : undefined;
    const tempPath = restored?.tempPath ?? tempPathFor(dest);
    const done = restored?.done ?? new Map<number, DownloadedPart>();
    const partsReused = done.size;

    let file: FileHandle | undefined;
    let keepTemp = false;
    try {
      file = await open(tempPath, restored ? 'r+' : 'w+');
      if (!restored) await file.truncate(info.size);
      const snapshot = (): DownloadCheckpoint => ({
        version: 1,
        kind: 'download',
        ...target,
        filePath: dest,
        tempPath,
        partSize: plan.partSize,
        object: info,
        parts: [...done.values()],
      });
      const writer = store ? new CheckpointWriter(store, id, snapshot) : undefined;
      await writer?.flush();

      const progress = new Progress(info.size, params.onProgress, (error) => controller.abort(error));
      let already = 0;
      for (const n of done.keys()) already += partLength(plan, n);
      progress.start(already);

      const handle = file;
      try {
        await runPool(
          partsOf(plan, new Set(done.keys())),
          options.concurrency,
          async (part, partSignal) => {
            const meter = progress.part(part.length);
            const crc = await withPartRetry(() => fetchPart(adapter, target, info, part, handle, meter, needCrc, partSignal), options.retry, partSignal);
            meter.complete();
            done.set(part.partNumber, { partNumber: part.partNumber, ...(crc !== undefined ? { crc64: crc.toString() } : {}) });
            writer?.request();
          },
          signal,
        );
      } catch (error) {
        if (writer) {
          keepTemp = true;
          await writer.flush().catch(() => {
            keepTemp = false;
          });
        }
        throw error;
      }

      const actual = (await handle.stat()).size;
      if (actual !== info.size) {
        throw new IntegrityError('SizeMismatch', `downloaded ${actual} bytes of ${target.key}, the object has ${info.size}`);
      }
      const crc64 = needCrc ? combinedCrc(plan, done) : undefined;
      if (crc64 !== undefined && crc64 !== BigInt(info.crc64 ?? '')) {
        throw new IntegrityError(
          'CRC64Mismatch',
          `CRC-64 of the downloaded ${target.key} is ${crc64}, the object's x-cos-hash-crc64ecma is ${info.crc64 ?? ''}`,
        );
      }
      await file.close();
      file = undefined;
      await rename(tempPath, dest);
      await writer?.settle();
      await store?.remove(id);
      progress.finish();
      return {
        filePath: dest,
        size: info.size,
        etag: info.etag,
        crc64: crc64?.toString(),
        partsFetched: done.size - partsReused,
        partsReused,
      };
    } catch (error) {
      await file?.close().catch(() => undefined);
      if (!keepTemp) {
        await rm(tempPath, { force: true });
        if (store) await store.remove(id).catch(() => undefined);
      }
      throw error;
    }
  } finally {
    dispose();
  }
}

function partLength(plan: PartPlan, partNumber: number): number {
  return Math.min(plan.partSize, plan.size - (partNumber - 1) * plan.partSize);
}

/** The whole object's CRC-64 from the per-part CRCs, in part order. */
function combinedCrc(plan: PartPlan, done: Map<number, DownloadedPart>): bigint {
  let crc = 0n;
  for (let n = 1; n <= plan.count; n++) {
    const part = done.get(n);
    if (part?.crc64 === undefined) throw new IntegrityError('CRC64Mismatch', `part ${n} has no CRC-64 to check`);
    crc = n === 1 ? BigInt(part.crc64) : crc64Combine(crc, BigInt(part.crc64), partLength(plan, n));
  }
  return crc;
}

/** One attempt at one part: GET the range, write it at its offset in large writes, hash it on the way. */
async function fetchPart(
  adapter: DownloadAdapter,
  target: ObjectRef,
  info: ObjectInfo,
  part: PlannedPart,
  file: FileHandle,
  meter: PartMeter,
  needCrc: boolean,
  signal: AbortSignal,
): Promise<bigint | undefined> {
  meter.restart();
  const stream = await adapter.getRange({ ...target, start: part.start, end: part.end, ifMatch: info.etag, signal });
  const hash = needCrc ? new Crc64() : undefined;
  await receiveRange(stream, { file, start: part.start, length: part.length, batchBytes: WRITE_BATCH, hash, onBytes: (n) => meter.advance(n) });
  return hash?.digest();
}
