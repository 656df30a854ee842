/**
 * Options every transfer shares, their defaults and their validation
 * (done once, before any request).
 */
import type { AdapterBase } from './adapter.ts';
import type { CheckpointOption } from './checkpoint.ts';
import { MiB, positiveInteger } from './parts.ts';
import type { ProgressCallback } from './progress.ts';
import { retryVerdict } from './verdict.ts';

export const DEFAULT_PART_SIZE = 8 * MiB;
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_PART_RETRIES = 2;

/** Options of every upload, download and copy. */
export interface TransferOptions {
  /** Bytes per part, e.g. `8 * 1024 * 1024`. Raised to the vendor minimum, and automatically when an object would need more than 10000 parts. Default 8 MiB. */
  partSize?: number;
  /** Parts (requests) in flight at once, e.g. `5`. Default 4. */
  concurrency?: number;
  /** `(consumed_bytes, total_bytes)`, called as bytes move; monotonic, the last call has consumed === total. */
  onProgress?: ProgressCallback;
  /** Aborts the transfer: in-flight requests are cancelled and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Extra attempts for a failed part, on top of the transport's own retries. Default 2. */
  partRetries?: number;
  /** First delay between part attempts in ms, doubled each time. Default 100. */
  retryDelayMs?: number;
  /** Decides whether a failed part is retried. Default: network errors, 5xx, 408 and 429. */
  shouldRetry?: (error: unknown) => boolean;
}

/** Options of uploads and downloads that can resume. */
export interface ResumableOptions extends TransferOptions {
  /**
   * Resume support: `false` (default) none; `true` checkpoints in
   * `os.tmpdir()/yunstore-checkpoints`; a folder path; or a `CheckpointStore`.
   * With a checkpoint, a failed or aborted transfer keeps its multipart upload
   * (or partial download file) so the next call with the same bucket, key,
   * local path and part size continues where it stopped.
   */
  checkpoint?: CheckpointOption;
}

export interface Resolved {
  partSize: number;
  concurrency: number;
  retry: { retries: number; baseDelayMs: number; shouldRetry: ((error: unknown) => boolean) | undefined };
}

/** Validates the shared options; errors name the option. */
export function resolveOptions(options: TransferOptions, defaultPartSize = DEFAULT_PART_SIZE, adapter?: Pick<AdapterBase, 'classify'>): Resolved {
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError('onProgress must be a function (consumed_bytes, total_bytes) => void');
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new TypeError('signal must be an AbortSignal');
  }
  // Already aborted: reject with the caller's reason before any request.
  options.signal?.throwIfAborted();
  const retries = options.partRetries ?? DEFAULT_PART_RETRIES;
  if (!Number.isSafeInteger(retries) || retries < 0) {
    throw new RangeError(`partRetries must be a non-negative integer, got ${String(retries)}`);
  }
  const baseDelayMs = options.retryDelayMs ?? 100;
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0) {
    throw new RangeError(`retryDelayMs must be a non-negative number, got ${String(baseDelayMs)}`);
  }
  return {
    partSize: positiveInteger('partSize', options.partSize, defaultPartSize),
    concurrency: positiveInteger('concurrency', options.concurrency, DEFAULT_CONCURRENCY),
    retry: { retries, baseDelayMs, shouldRetry: options.shouldRetry ?? retryVerdict(adapter) },
  };
}

/** Throws unless `value` is a non-empty string; `name` is the parameter in the message. */
export function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string`);
  }
  return value;
}

/**
 * A signal for cleanup requests (abort multipart upload, delete temp file)
 * that must still run after the caller's signal aborted, but not forever.
 */
export function cleanupSignal(): AbortSignal {
  return AbortSignal.timeout(15_000);
}
