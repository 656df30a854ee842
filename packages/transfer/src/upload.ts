/**
 * Uploading a local file: one request below the threshold, otherwise a
 * multipart upload. Each part is read with one positioned read into a buffer
 * from a pool of `concurrency` part-sized buffers and sent as one body; a
 * retried part resends that buffer. Optional resume and CRC-64 checks.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileBody, type Body } from '@yunstore/core';
import type { CompleteResult, ObjectRef, UploadAdapter } from './adapter.ts';
import { checkpointId, CheckpointWriter, resolveCheckpointStore } from './checkpoint.ts';
import { abortQuietly, bufferBody, checkObjectCrc, completeUpload, sendParts, type PartJob } from './multipart.ts';
import { initiateUpload } from './upload-server.ts';
import { requireString, resolveOptions, type ResumableOptions } from './options.ts';
import { PartBufferPool, readFully } from './part-buffers.ts';
import { partsOf, planParts } from './parts.ts';
import { checkStored, digestOf, digestsFor, withResend } from './part-digest.ts';
import { isRetryableError, linkedController, withPartRetry } from './pool.ts';
import { meteredBody, Progress } from './progress.ts';
import { objectCrc64 } from './upload-crc.ts';
import { restoreUpload, sampleDigestOf, type RecordedPart, type UploadCheckpoint } from './upload-resume.ts';

/** Options shared by file and stream uploads. */
export interface UploadCommonOptions {
  /** Objects up to this many bytes go in one `putObject` request. Default: the part size. */
  multipartThreshold?: number;
  /**
   * Keep the multipart upload when the transfer fails or is aborted, even
   * without a checkpoint (the caller will resume or abort it). Default false:
   * it is aborted so no orphaned parts are billed.
   */
  leaveUploadOnError?: boolean;
  /**
   * When the adapter reports CRC-64s (`uploadCrc64`, COS): check every part
   * and the whole object against the CRC-64 of the bytes sent. Default true;
   * ignored for other vendors.
   */
  verifyCrc64?: boolean;
}

export interface UploadFileParams extends ResumableOptions, UploadCommonOptions {
  bucket: string;
  key: string;
  /** The local file, e.g. `'/data/backup.tar'`. */
  filePath: string;
}

/** What an upload did, with the vendor's own result. */
export interface UploadOutcome<R extends CompleteResult = CompleteResult> {
  /** The vendor's `complete` (or `putObject`) result. */
  result: R;
  /** True when the object went up in parts. */
  multipart: boolean;
  uploadId: string | undefined;
  size: number;
  /** The part size used (after raising), for multipart uploads. */
  partSize: number | undefined;
  /** Parts sent by this call. */
  partsSent: number;
  /** Parts the server already had from an earlier, interrupted call. */
  partsReused: number;
}

/** Reads `size` bytes from `file` at 0 into a fresh buffer (one positioned read). */
async function readWhole(file: FileHandle, size: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafeSlow(size);
  await readFully(file, bytes, 0);
  return bytes;
}

/** Validates the threshold option. */
export function resolveThreshold(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`multipartThreshold must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Uploads `filePath` to `bucket/key`.
 *
 * @throws TypeError / RangeError for bad parameters, before any request.
 * @throws the adapter's error when a part still fails after its retries, or
 *   the signal's reason when aborted. Without a checkpoint the multipart
 *   upload is aborted first; with one it is kept for the next call to resume.
 */
export async function uploadFile<R extends CompleteResult>(adapter: UploadAdapter<R>, params: UploadFileParams): Promise<UploadOutcome<R>> {
  const target: ObjectRef = { bucket: requireString('bucket', params.bucket), key: requireString('key', params.key) };
  const filePath = resolvePath(requireString('filePath', params.filePath));
  const options = resolveOptions(params, undefined, adapter);
  const store = resolveCheckpointStore(params.checkpoint);
  const info = await stat(filePath);
  if (!info.isFile()) throw new TypeError(`filePath is not a regular file: ${filePath}`);
  // The threshold follows the part size actually used (raised to the vendor minimum
  // or for the 10000-part limit), as uploadStream does, not the one asked for.
  const plan = planParts(info.size, options.partSize, adapter.limits);
  const threshold = resolveThreshold(params.multipartThreshold, plan.partSize);
  const digests = digestsFor(adapter, params);
  const verifyCrc = digests.crc64;

  const { controller, dispose } = linkedController(params.signal);
  const progress = new Progress(info.size, params.onProgress, (error) => controller.abort(error));
  const file = await open(filePath, 'r');
  try {
    if (info.size <= threshold && adapter.putObject) {
      const putObject = adapter.putObject.bind(adapter);
      // Up to a part's size the object is read once into memory (what multipart would hold anyway);
      // a larger threshold chosen by the caller streams the file instead.
      const bytes = info.size <= plan.partSize ? await readWhole(file, info.size) : undefined;
      const body: Body = bytes ? bufferBody(bytes) : await fileBody(filePath);
      const sent = bytes ? digestOf(bytes, digests) : { crc64: undefined, md5: undefined };
      progress.start();
      const meter = progress.part(info.size);
      const result = await withPartRetry(
        async () => {
          const answer = await putObject({ ...target, body: meteredBody(body, meter), length: info.size, signal: controller.signal });
          checkStored(target.key, sent, answer);
          return answer;
        },
        { ...options.retry, shouldRetry: withResend(options.retry.shouldRetry, isRetryableError) },
        controller.signal,
      );
      progress.finish();
      return { result, multipart: false, uploadId: undefined, size: info.size, partSize: undefined, partsSent: 0, partsReused: 0 };
    }

    const buffers = new PartBufferPool(plan.partSize, options.concurrency);
    try {
      const id = checkpointId('upload', [target.bucket, target.key, filePath, options.partSize]);
      const restored = store
        ? await restoreUpload({
            adapter,
            store,
            id,
            ...target,
            filePath,
            fileSize: info.size,
            mtimeMs: info.mtimeMs,
            plan,
            file,
            signal: controller.signal,
          })
        : undefined;
      const uploadId = restored?.uploadId ?? (await initiateUpload(adapter, { ...target, signal: controller.signal }));
      const done = restored?.done ?? new Map<number, RecordedPart>();
      const partsReused = done.size;

      const snapshot = (): UploadCheckpoint => ({
        version: 1,
        kind: 'upload',
        ...target,
        filePath,
        fileSize: info.size,
        mtimeMs: info.mtimeMs,
        partSize: plan.partSize,
        uploadId,
        parts: [...done.values()],
      });
      const writer = store ? new CheckpointWriter(store, id, snapshot) : undefined;
      // Record the upload id at once, so even a crash before the first part can abort or resume it.
      await writer?.flush();

      let already = 0;
      for (const part of done.values()) already += part.size;
      progress.start(already);

      const crcs = new Map<number, bigint>();
      for (const part of done.values()) if (part.crc64 !== undefined && /^\d+$/.test(part.crc64)) crcs.set(part.partNumber, BigInt(part.crc64));

      const jobs = function* (): Generator<PartJob> {
        // An empty file without putObject: a multipart upload still needs one (empty) part.
        if (plan.count === 0) yield { partNumber: 1, length: 0, bytes: () => Buffer.alloc(0) };
        for (const part of partsOf(plan, new Set(done.keys()))) {
          let held: Buffer | undefined;
          yield {
            partNumber: part.partNumber,
            length: part.length,
            // Read in the worker (not the producer), so reads of different parts overlap with sends.
            bytes: async () => {
              held = buffers.acquire();
              const view = held.subarray(0, part.length);
              await readFully(file, view, part.start);
              return view;
            },
            ...(store ? { prepare: sampleDigestOf } : {}),
            release: () => {
              if (held) buffers.release(held);
              held = undefined;
            },
          };
        }
      };

      let changed = false;
      let result: R;
      try {
        await sendParts(
          {
            adapter,
            target,
            uploadId,
            concurrency: options.concurrency,
            retry: options.retry,
            progress,
            signal: controller.signal,
            digests,
            onPartDone: ({ partNumber, etag, size, prepared, crc64: crc }) => {
              done.set(partNumber, { partNumber, etag, size, digest: prepared ?? '', ...(crc !== undefined ? { crc64: crc.toString() } : {}) });
              if (crc !== undefined) crcs.set(partNumber, crc);
              writer?.request();
            },
          },
          jobs(),
        );
        // Parts read at different times must all come from the same file contents.
        const after = await stat(filePath);
        if (after.size !== info.size || after.mtimeMs !== info.mtimeMs) {
          changed = true;
          throw new Error(`filePath ${filePath} changed while it was being uploaded; the upload was aborted`);
        }
        result = await completeUpload(adapter, target, uploadId, done.values(), controller.signal, options.retry, info.size);
        await writer?.settle();
        await store?.remove(id);
      } catch (error) {
        if (writer && !changed) {
          await writer.flush().catch(() => undefined);
        } else {
          await writer?.settle();
          if (store) await store.remove(id).catch(() => undefined);
          if (!params.leaveUploadOnError || changed) await abortQuietly(adapter, target, uploadId);
        }
        throw error;
      }
      // The object exists now: a mismatch is reported, with nothing left to clean up or resume.
      if (verifyCrc && typeof result.crc64 === 'string') checkObjectCrc(target.key, await objectCrc64(plan, crcs, file, buffers), result);
      progress.finish();
      return {
        result,
        multipart: true,
        uploadId,
        size: info.size,
        partSize: plan.partSize,
        partsSent: done.size - partsReused,
        partsReused,
      };
    } finally {
      buffers.clear();
    }
  } finally {
    await file.close();
    dispose();
  }
}
