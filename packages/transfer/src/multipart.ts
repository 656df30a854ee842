/**
 * The multipart send loop shared by file and stream uploads: N workers take
 * part jobs from one iterator, each part is retried alone and metered for
 * progress, and every finished part is reported to the caller.
 */
import type { Body } from '@yunstore/core';
import type { CompletedPart, CompleteResult, ObjectRef, TransferAdapter } from './adapter.ts';
import { cleanupSignal, type Resolved } from './options.ts';
import { isRetryableError, runPool, withPartRetry, type PartRetryOptions } from './pool.ts';
import { meteredBody, type Progress } from './progress.ts';

/** One part to send. */
export interface PartJob {
  partNumber: number;
  length: number;
  /** A fresh replayable body for this part (called once per part attempt). */
  body: () => Promise<Body> | Body;
  /** Runs before the first attempt (e.g. the checkpoint digest of a file range). */
  prepare?: () => Promise<string>;
  /** Called exactly once when the job ends, sent or not (returns a pooled buffer). */
  release?: () => void;
}

export interface SendPartsContext {
  adapter: TransferAdapter;
  target: ObjectRef;
  uploadId: string;
  concurrency: number;
  retry: Resolved['retry'];
  progress: Progress;
  signal: AbortSignal;
  /** A part was accepted by the server. `prepared` is what `prepare` returned. */
  onPartDone: (part: CompletedPart & { size: number; prepared: string | undefined }) => void;
}

/** Sends every job; rejects with the first failure (after stopping the other workers). */
export async function sendParts(ctx: SendPartsContext, jobs: Iterable<PartJob> | AsyncIterable<PartJob>): Promise<void> {
  await runPool(
    jobs,
    ctx.concurrency,
    async (job, signal) => {
      try {
        const prepared = job.prepare ? await job.prepare() : undefined;
        const meter = ctx.progress.part(job.length);
        const { etag } = await withPartRetry(
          async () =>
            ctx.adapter.uploadPart({
              ...ctx.target,
              uploadId: ctx.uploadId,
              partNumber: job.partNumber,
              body: meteredBody(await job.body(), meter),
              length: job.length,
              signal,
            }),
          ctx.retry,
          signal,
        );
        if (typeof etag !== 'string') throw new TypeError(`adapter.uploadPart returned no etag for part ${job.partNumber}`);
        meter.complete();
        ctx.onPartDone({ partNumber: job.partNumber, etag, size: job.length, prepared });
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
export function isRetryableCompleteError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { retryable?: unknown; status?: unknown; statusCode?: unknown };
  if (e.retryable === true) return true;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && isRetryableError(error);
}

/** Completes with the parts sorted by number, as every vendor requires; retries server-reported failures. */
export function completeUpload<R extends CompleteResult>(
  adapter: TransferAdapter<R>,
  target: ObjectRef,
  uploadId: string,
  parts: Iterable<CompletedPart>,
  signal: AbortSignal,
  retry: PartRetryOptions,
): Promise<R> {
  const sorted = [...parts].map(({ partNumber, etag }) => ({ partNumber, etag })).sort((a, b) => a.partNumber - b.partNumber);
  return withPartRetry(() => adapter.complete({ ...target, uploadId, parts: sorted, signal }), { ...retry, shouldRetry: isRetryableCompleteError }, signal);
}

/**
 * Aborts a multipart upload as cleanup after a failure: runs even when the
 * caller's signal has fired (with its own timeout) and never masks the
 * original error.
 */
export async function abortQuietly(adapter: TransferAdapter, target: ObjectRef, uploadId: string): Promise<void> {
  try {
    await adapter.abort({ ...target, uploadId, signal: cleanupSignal() });
  } catch {
    // The original failure is what the caller needs to see; a leftover upload expires by lifecycle rules.
  }
}

/** A one-request body over `bytes` (always replayable). */
export function bufferBody(bytes: Buffer): Body {
  return { length: bytes.length, replayable: true, open: () => bytes };
}
