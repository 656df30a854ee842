import { compareFingerprints, fingerprintFile } from '../hashing.ts';
import type { ProgressBar } from '../progress.ts';
import { check, fetchAndVerify, method, type AnyFn } from './calls.ts';
import type { WalkContext } from './types.ts';

/*
 * The steps every quick start takes in the same way: only the vendor's call
 * (its name, its argument shape, its progress callback) differs, so each walk
 * passes that call in and these functions record, time and verify the step.
 */

/** A high-level file transfer call (upload or download) and how to call it. */
export interface FileTransferCall {
  /** The vendor's short name, as the progress bar and skip messages show it ("BOS"). */
  vendor: string;
  /** Method names to try on the client, the vendor SDK's spelling first. */
  names: readonly string[];
  /** The call in words for a skip message ("high-level upload", "upload_file"). */
  what: string;
  /** Calls the found method, feeding the vendor's progress callback into `bar`. */
  invoke(call: AnyFn, bar: ProgressBar): unknown;
}

/** Finds the call on the client and runs it under a progress bar sized to the source file. */
async function runWithProgress(ctx: WalkContext, client: unknown, transfer: FileTransferCall): Promise<{ result: unknown; bar: ProgressBar }> {
  const found = method(client, transfer.names, `${transfer.vendor} ${transfer.what}`);
  const bar = ctx.progress(`${transfer.vendor} ${found.name}`, ctx.source.size);
  const result = await transfer.invoke(found.call, bar);
  bar.done();
  return { result, bar };
}

/** Creates the walk's bucket, unless the target names one that already exists (real accounts). */
export async function createBucketStep(ctx: WalkContext, operation: string, create: () => unknown): Promise<void> {
  if (ctx.target.existingBucket) return;
  await ctx.steps.run(operation, async () => {
    await create();
  });
}

export interface UploadCheck {
  /** How the failure message names the progress callback; boto3's `Callback` reports increments, so OOS says "Callback totals". */
  progressWords?: string;
  /** A vendor-specific check of the call's result (COS: an ETag came back). */
  verifyResult?(result: unknown): void;
}

/**
 * Uploads the generated file and checks the progress callback reached its
 * size. Resolves true once the call returned, so cleanup deletes the object
 * only if it was created (NOS answers NoSuchKey otherwise, as the service does).
 */
export async function uploadStep(ctx: WalkContext, client: unknown, operation: string, transfer: FileTransferCall, checks: UploadCheck = {}): Promise<boolean> {
  const size = ctx.source.size;
  let uploaded = false;
  await ctx.steps.run(
    operation,
    async () => {
      const { result, bar } = await runWithProgress(ctx, client, transfer);
      uploaded = true;
      check(bar.consumed === size, `${checks.progressWords ?? 'progress_callback ended at'} ${bar.consumed} of ${size} bytes`);
      checks.verifyResult?.(result);
    },
    { bytes: size },
  );
  return uploaded;
}

/** A presign call's answer as a URL string, or a failed check naming the call. */
export function expectUrl(value: unknown, callName: string): string {
  check(typeof value === 'string', `${callName} returned ${typeof value}`);
  return value as string;
}

/**
 * Presigns a GET with the vendor's call and fetches it with plain HTTP (no SDK,
 * no credentials), checking the bytes against the source; `checkCrc` where
 * the vendor sends an end-to-end CRC-64 (COS).
 */
export async function presignedGetStep(ctx: WalkContext, operation: string, presign: () => Promise<string>, checkCrc: boolean): Promise<void> {
  await ctx.steps.run(
    operation,
    async () => {
      await fetchAndVerify(await presign(), ctx.source, checkCrc);
    },
    { bytes: ctx.source.size },
  );
}

/** Downloads the object to `ctx.downloadPath`, then checks the file's MD5 (and CRC-64 when `checkCrc`) against the source. */
export async function downloadAndVerifySteps(
  ctx: WalkContext,
  client: unknown,
  operation: string,
  transfer: FileTransferCall,
  checkCrc: boolean,
): Promise<void> {
  await ctx.steps.run(
    operation,
    async () => {
      await runWithProgress(ctx, client, transfer);
    },
    { bytes: ctx.source.size },
  );
  await ctx.steps.run(checkCrc ? 'verify MD5 + CRC64' : 'verify MD5', async () => {
    compareFingerprints('downloaded file', ctx.source, await fingerprintFile(ctx.downloadPath), checkCrc);
  });
}

export interface Cleanup {
  /** Whether the upload created the object (see `uploadStep`). */
  uploaded: boolean;
  deleteObject(): unknown;
  /** How to delete the bucket the walk created; absent when the walk has no way to (NOS on a real account). */
  deleteBucket?: { operation: string; run(): unknown };
}

/**
 * Deletes what the walk created. These steps run even after a failed step
 * (`always`), so a broken walk does not leave objects or buckets behind; a
 * bucket the target already had is never deleted.
 */
export async function cleanupSteps(ctx: WalkContext, cleanup: Cleanup): Promise<void> {
  if (cleanup.uploaded) {
    await ctx.steps.run(
      'delete_object',
      async () => {
        await cleanup.deleteObject();
      },
      { always: true },
    );
  }
  const bucket = cleanup.deleteBucket;
  if (!ctx.target.existingBucket && bucket) {
    await ctx.steps.run(
      bucket.operation,
      async () => {
        await bucket.run();
      },
      { always: true },
    );
  }
}
