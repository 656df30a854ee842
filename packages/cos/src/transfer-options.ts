/**
 * The options every high-level transfer call shares (PartSize, MAXThread,
 * progress_callback, checkpoint, signal), validated once with the Python
 * parameter names before any request, and the mapping of the engine's
 * failures onto this package's errors.
 */
import { isCheckpointStore, type CheckpointOption, type ProgressCallback } from '@yunstore/transfer';
import { signalOf } from './args.ts';
import { CosClientError } from './errors.ts';
import type { CallOptions } from './operations/params.ts';
import { describe } from './validate.ts';

export const MiB = 1024 * 1024;

/**
 * `progress_callback(consumed_bytes, total_bytes)`, as the seed's
 * `upload_percentage`: bytes so far and the whole size, both numbers.
 */
export type CosProgressCallback = (consumed_bytes: number, total_bytes: number) => void;

/** Options of upload_file, download_file, copy and the folder calls beyond the Python ones. */
export interface TransferCallOptions extends CallOptions {
  /**
   * `progress_callback(consumed_bytes, total_bytes)`, as the seed: called as
   * bytes move (not once per part), never going backwards, the last call with
   * `consumed_bytes === total_bytes`.
   */
  progress_callback?: CosProgressCallback | null;
}

/** Options of the calls that can resume (upload_file, download_file, the folder calls). */
export interface ResumableCallOptions extends TransferCallOptions {
  /**
   * Resume records (yunstore extension). Default `true`: a small JSON record
   * per transfer in `os.tmpdir()/yunstore-checkpoints`, so an interrupted
   * call continues where it stopped when called again with the same
   * arguments (the Python SDK resumes automatically too). A folder path
   * (`'/var/tmp/cos-resume'`) keeps the records there; a store object
   * (`{load, save, remove}`) keeps them anywhere; `false` disables resume:
   * a failed upload is then aborted and a failed download leaves nothing.
   */
  checkpoint?: CheckpointOption;
}

function invalid(message: string): never {
  throw new CosClientError(message, { code: 'InvalidArgument' });
}

/**
 * `PartSize` is a whole number of MB, as the seed's table says (`Int`;
 * `PartSize=1` is 1 MiB), from 1 to 5120 (COS's 5 GB part limit). A
 * fraction such as 0.5 would make parts below COS's 1 MiB minimum.
 */
export function partSizeOf(params: Record<string, unknown>, defaultMb: number): number {
  const value = params['PartSize'] ?? defaultMb;
  const mb = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof mb !== 'number' || !Number.isInteger(mb) || mb < 1 || mb > 5 * 1024) {
    invalid(`PartSize must be a whole number of MB between 1 and 5120 (got ${describe(value)})`);
  }
  return mb * MiB;
}

/** `MAXThread`: requests in flight at once. */
export function maxThreadOf(params: Record<string, unknown>, fallback = 5): number {
  const value = params['MAXThread'] ?? fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1000) {
    invalid(`MAXThread must be an integer between 1 and 1000 (got ${describe(value)})`);
  }
  return n;
}

export function booleanOf(params: Record<string, unknown>, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') invalid(`${name} must be true or false (got ${describe(value)})`);
  return value;
}

export function progressOf(params: Record<string, unknown>): { onProgress?: ProgressCallback } {
  const value = params['progress_callback'];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'function') {
    invalid(`progress_callback must be a function (consumed_bytes, total_bytes) => void (got ${describe(value)})`);
  }
  const callback = value as CosProgressCallback;
  // COS transfers always know their size (a file, or a HEAD); the fallback only guards the type.
  const onProgress: ProgressCallback = (consumed, total) => callback(consumed, total ?? consumed);
  return { onProgress };
}

/** `checkpoint`: default true (resume on). */
export function checkpointOf(params: Record<string, unknown>): CheckpointOption {
  const value = params['checkpoint'];
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean' || (typeof value === 'string' && value !== '') || isCheckpointStore(value)) return value;
  return invalid(`checkpoint must be true, false, a folder path or a store {load, save, remove} (got ${describe(value)})`);
}

/** A byte count option (`multipart_threshold`). */
export function bytesOf(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(`${name} must be a non-negative integer number of bytes (got ${describe(value)})`);
  }
  return value;
}

/** `signal` spread into engine options. */
export function signalOption(params: Record<string, unknown>): { signal?: AbortSignal } {
  const signal = signalOf(params);
  return signal ? { signal } : {};
}

/**
 * Runs an engine call. An abort rejects with CosClientError code `ABORTED`,
 * as every other method of the client; the engine's own errors
 * (IntegrityError `CRC64Mismatch` / `SizeMismatch`, UnsafeKeyError
 * `UnsafeKey`) become CosClientError with the same code in the client
 * facade; COS errors pass through unchanged.
 */
export async function runTransfer<T>(op: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (signal?.aborted) {
      if (error instanceof CosClientError && error.code === 'ABORTED') throw error;
      throw new CosClientError(`${op}: aborted`, { code: 'ABORTED', cause: error });
    }
    if (error instanceof RangeError) throw new CosClientError(`${op}: ${error.message}`, { code: 'InvalidArgument', cause: error });
    throw error;
  }
}

export function pathOf(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') invalid(`${name} must be a non-empty path (got ${describe(value)})`);
  return value;
}
