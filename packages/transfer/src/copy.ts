/**
 * Server-side copy: one `copyObject` request up to the vendor's single-copy
 * limit, otherwise a multipart upload whose parts are `uploadPartCopy`
 * ranges of the source, sent concurrently. No byte passes through us.
 */
import type { CompleteResult, CopyAdapter, CopySourceRef, ObjectInfo, ObjectRef } from './adapter.ts';
import { requireMethod } from './adapter.ts';
import { abortQuietly, completeUpload } from './multipart.ts';
import { requireString, resolveOptions, type TransferOptions } from './options.ts';
import { MiB, partsOf, planParts } from './parts.ts';
import { linkedController, runPool, withPartRetry } from './pool.ts';
import { Progress } from './progress.ts';
import { initiateUpload } from './upload-server.ts';
import { requireAnswer } from './verdict.ts';

/** Copy parts default to 64 MiB: they cost the server, not us, and fewer requests finish sooner. */
export const DEFAULT_COPY_PART_SIZE = 64 * MiB;

export interface CopyParams extends TransferOptions {
  /** The destination bucket. */
  bucket: string;
  /** The destination key. */
  key: string;
  source: CopySourceRef;
  /**
   * Objects up to this size use one `copyObject` request. Default (and
   * maximum): the adapter's `limits.maxSingleCopy`.
   */
  multipartThreshold?: number;
  /** The source's `head` result when the caller already has it. */
  sourceInfo?: ObjectInfo;
  /** Keep the multipart upload when the copy fails (default false: it is aborted). */
  leaveUploadOnError?: boolean;
}

export interface CopyOutcome<R extends CompleteResult = CompleteResult> {
  result: R;
  multipart: boolean;
  uploadId: string | undefined;
  size: number;
  partSize: number | undefined;
}

/**
 * Copies `source` to `bucket/key` on the server. Progress advances as each
 * part copy finishes (a server-side copy reports nothing in between).
 *
 * @throws TypeError when the adapter lacks `copyObject` / `uploadPartCopy`
 *   for the path the object size requires.
 */
export async function copyObject<R extends CompleteResult>(adapter: CopyAdapter<R>, params: CopyParams): Promise<CopyOutcome<R>> {
  const target: ObjectRef = { bucket: requireString('bucket', params.bucket), key: requireString('key', params.key) };
  const source = params.source as CopySourceRef | undefined;
  if (typeof source !== 'object' || source === null) throw new TypeError('source must be an object { bucket, key }');
  requireString('source.bucket', source.bucket);
  requireString('source.key', source.key);
  const options = resolveOptions(params, DEFAULT_COPY_PART_SIZE, adapter);
  const limit = adapter.limits.maxSingleCopy;
  const threshold = params.multipartThreshold ?? limit;
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    throw new RangeError(`multipartThreshold must be a non-negative integer, got ${String(threshold)}`);
  }

  const { controller, dispose } = linkedController(params.signal);
  const signal = controller.signal;
  try {
    const info = params.sourceInfo ?? (await adapter.head({ ...source, signal }));
    const progress = new Progress(info.size, params.onProgress, (error) => controller.abort(error));
    progress.start();

    // An empty object cannot be assembled from parts: it always takes the single copy.
    if ((info.size <= Math.min(threshold, limit) && adapter.copyObject) || info.size === 0) {
      const copy = requireMethod(adapter, 'copyObject', 'copying an empty object');
      const result = await withPartRetry(() => copy({ ...target, source, signal }), options.retry, signal);
      progress.finish();
      return { result, multipart: false, uploadId: undefined, size: info.size, partSize: undefined };
    }

    const uploadPartCopy = requireMethod(adapter, 'uploadPartCopy', 'a multipart copy');
    const plan = planParts(info.size, options.partSize, adapter.limits);
    const uploadId = await initiateUpload(adapter, { ...target, signal });
    const done: Array<{ partNumber: number; etag: string }> = [];
    try {
      await runPool(
        partsOf(plan),
        options.concurrency,
        async (part, partSignal) => {
          const { etag } = await withPartRetry(
            () =>
              uploadPartCopy({
                ...target,
                uploadId,
                partNumber: part.partNumber,
                source,
                start: part.start,
                end: part.end,
                signal: partSignal,
              }),
            options.retry,
            partSignal,
          );
          done.push({ partNumber: part.partNumber, etag: requireAnswer(adapter, 'upload_part_copy', `an ETag for part ${part.partNumber}`, etag) });
          progress.part(part.length).complete();
        },
        signal,
      );
      const result = await completeUpload(adapter, target, uploadId, done, signal, options.retry, info.size);
      progress.finish();
      return { result, multipart: true, uploadId, size: info.size, partSize: plan.partSize };
    } catch (error) {
      if (!params.leaveUploadOnError) await abortQuietly(adapter, target, uploadId);
      throw error;
    }
  } finally {
    dispose();
  }
}
