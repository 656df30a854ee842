/**
 * The multipart send loop shared by file and stream uploads: N workers take
 * part jobs from one iterator, each part's bytes are loaded once into a
 * (pooled) buffer, sent as one body, retried alone from that same buffer,
 * metered for progress, optionally checked against the server's CRC-64, and
 * every finished part is reported to the caller.
 */
import type { Body } from '@yunstore/core';
import type { CompletedPart, CompleteResult, ObjectRef, UploadAdapter } from './adapter.ts';
import { isLostAnswer, settleLostComplete } from './complete-settle.ts';
import { IntegrityError } from './errors.ts';
import { checkStored, digestOf, type PartDigests, withResend } from './part-digest.ts';
import { cleanupSignal, type Resolved } from './options.ts';
import { abortUpload } from './upload-server.ts';
import { classifyFailure, requireAnswer } from './verdict.ts';
import { isRetryableError, runPool, withPartRetry, type PartRetryOptions } from './pool.ts';
import { meteredBody, type Progress } from './progress.ts';

/** One part to send. */
export interface PartJob {
  partNumber: number;
  length: number;
  /**
   * The part's bytes (exactly `length`), loaded once before the first
   * attempt: every attempt, a retry included, resends this same buffer.
   */
  bytes: () => Promise<Buffer> | Buffer;
  /** Runs once with the loaded bytes (e.g. the checkpoint digest). */
  prepare?: (bytes: Buffer) => string;
  /** Called exactly once when the job ends, sent or not (returns a pooled buffer). */
  release?: () => void;
}

export interface SendPartsContext {
  adapter: UploadAdapter;
  target: ObjectRef;
  uploadId: string;
  concurrency: number;
  retry: Resolved['retry'];
  progress: Progress;
  signal: AbortSignal;
  /**
   * The digests computed over each buffer being sent and checked against the
   * answer (`checkStored`): a mismatch fails the attempt and the part is sent again.
   */
  digests: PartDigests;
  /** A part was accepted by the server. `prepared` is what `prepare` returned; `crc64` is set when computed. */
  onPartDone: (part: CompletedPart & { size: number; prepared: string | undefined; crc64: bigint | undefined }) => void;
}

/** Sends every job; rejects with the first failure (after stopping the other workers). */
export async function sendParts(ctx: SendPartsContext, jobs: Iterable<PartJob> | AsyncIterable<PartJob>): Promise<void> {
  await runPool(
    jobs,
    ctx.concurrency,
    async (job, signal) => {
      try {
        const bytes = await job.bytes();
        const prepared = job.prepare?.(bytes);
        const sent = digestOf(bytes, ctx.digests);
        const meter = ctx.progress.part(job.length);
        // One body for every attempt: the transport and the part retry both replay the same buffer.
        const body = meteredBody(bufferBody(bytes), meter);
        const { etag } = await withPartRetry(
          async () => {
            const answer = await ctx.adapter.uploadPart({
              ...ctx.target,
              uploadId: ctx.uploadId,
              partNumber: job.partNumber,
              body,
              length: job.length,
              signal,
            });
            requireAnswer(ctx.adapter, 'upload_part', `an ETag for part ${job.partNumber}`, answer.etag);
            checkStored(`part ${job.partNumber}`, sent, answer);
            return answer;
          },
          { ...ctx.retry, shouldRetry: withResend(ctx.retry.shouldRetry, isRetryableError) },
          signal,
        );
        meter.complete();
        ctx.onPartDone({ partNumber: job.partNumber, etag, size: job.length, prepared, crc64: sent.crc64 });
      } finally {
        job.release?.();
      }
    },
    ctx.signal,
  );
}

/**
 * A failed complete is retried only when the server answered that it failed
 * (5xx, 429, 408, or an error the adapter marks retryable, such as a 200 with a
 * transient `<Error>` body). A complete that got no answer at all may have
 * succeeded, and a second one would then report NoSuchUpload for an object
 * that exists: that case is left to the caller.
 */
/** True when the failure carries an HTTP status: the server answered. */
function hasAnswer(error: unknown): boolean {
  const e = error as { status?: unknown; statusCode?: unknown } | null;
  return typeof e?.status === 'number' || typeof e?.statusCode === 'number';
}

export function isRetryableCompleteError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { retryable?: unknown; status?: unknown; statusCode?: unknown };
  if (e.retryable === true) return true;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && isRetryableError(error);
}

/**
 * Completes with the parts sorted by number, as every vendor requires;
 * retries server-reported failures; a complete whose answer was lost is
 * settled by asking the server (see `complete-settle.ts`). `size`, the bytes
 * uploaded, lets the settlement check the object; without it only the ETag is.
 */
export async function completeUpload<R extends CompleteResult>(
  adapter: UploadAdapter<R>,
  target: ObjectRef,
  uploadId: string,
  parts: Iterable<CompletedPart>,
  signal: AbortSignal,
  retry: PartRetryOptions,
  size?: number,
): Promise<R> {
  const sorted = [...parts].map(({ partNumber, etag }) => ({ partNumber, etag })).sort((a, b) => a.partNumber - b.partNumber);
  try {
    return await withPartRetry(
      () => adapter.complete({ ...target, uploadId, parts: sorted, signal }),
      { ...retry, shouldRetry: (error) => hasAnswer(error) && (adapter.classify?.(error) === 'retry' || isRetryableCompleteError(error)) },
      signal,
    );
  } catch (error) {
    if (signal.aborted || hasAnswer(error) || !isLostAnswer(error) || classifyFailure(adapter, error) !== 'retry') throw error;
    // The settled result carries the object's ETag; vendors shape it like a complete result.
    return (await settleLostComplete(adapter, { target, uploadId, parts: sorted, size, signal }, error)) as R;
  }
}

/**
 * Aborts a multipart upload as cleanup after a failure: runs even when the
 * caller's signal has fired (with its own timeout) and never masks the
 * original error.
 */
export async function abortQuietly(adapter: UploadAdapter, target: ObjectRef, uploadId: string): Promise<void> {
  try {
    await abortUpload(adapter, { ...target, uploadId, signal: cleanupSignal() });
  } catch {
    // The original failure is what the caller needs to see; a leftover upload expires by lifecycle rules.
  }
}

/** A one-request body over `bytes` (always replayable). */
export function bufferBody(bytes: Buffer): Body {
  return { length: bytes.length, replayable: true, open: () => bytes };
}

/**
 * Checks the whole object's CRC-64 the server reported on complete (when it
 * did) against the one combined from the parts sent. A mismatch means the
 * stored object is not the local bytes: the caller must know.
 */
export function checkObjectCrc(key: string, expected: bigint, result: CompleteResult): void {
  const stored = result.crc64;
  if (typeof stored !== 'string' || !/^\d+$/.test(stored) || BigInt(stored) === expected) return;
  throw new IntegrityError('CRC64Mismatch', `the server stored ${key} with CRC-64 ${stored}, the bytes uploaded have ${expected}`);
}
