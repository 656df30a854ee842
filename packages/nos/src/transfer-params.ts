/**
 * Checks of the high-level calls' keyword arguments (part_size,
 * max_concurrency, progress_callback, checkpoint...), done before any
 * request, each failure a ClientException naming the parameter; and the
 * translation of the engine's own errors into NOS exceptions.
 */
import { isCheckpointStore, type CheckpointOption, type ProgressCallback } from '@yunstore/transfer';
import { ClientException, ConnectionError, NOSException } from './errors.ts';
import { checkMetaData, optionalString } from './validate.ts';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** Default part size of the high-level calls: 8 MiB (NOS allows 16 KiB … 100 MiB). */
export const DEFAULT_PART_SIZE = 8 * MiB;
/** Default parts (or objects, for folders) in flight. */
export const DEFAULT_MAX_CONCURRENCY = 4;

/** Options every high-level call takes besides its own. */
export interface TransferCallOptions {
  /** Parts in flight at once (objects at once for folder calls). Default 4. */
  max_concurrency?: number | undefined;
  /**
   * `(consumed_bytes, total_bytes)`, called as bytes move; never goes
   * backwards, and the last call has `consumed_bytes === total_bytes`.
   * `total_bytes` is undefined while a stream of unknown length is read.
   */
  progress_callback?: ProgressCallback | undefined;
  /** Stops the transfer: in-flight requests are cancelled and the call rejects with `ConnectionError`. */
  signal?: AbortSignal | undefined;
}

/** Options of the calls that can resume. */
export interface ResumableCallOptions extends TransferCallOptions {
  /**
   * Resume support, on by default: `true` keeps checkpoints in
   * `os.tmpdir()/yunstore-checkpoints`; a folder path keeps them there; a
   * store `{load, save, remove}` keeps them anywhere; `false` turns resume off
   * (a failed upload is then aborted, a failed download's partial file deleted).
   */
  checkpoint?: CheckpointOption | undefined;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** An integer number of bytes in `min..max`, or `fallback` when not given. */
export function bytesParam(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ClientException(`${name} must be an integer number of bytes from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** A positive integer (concurrency), or `fallback`. */
export function countParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 1000) {
    throw new ClientException(`${name} must be an integer from 1 to 1000, got ${describe(value)}`);
  }
  return value;
}

/** A required local path under its parameter name (the first of `names` given). */
export function pathParam(params: Record<string, unknown>, names: readonly string[]): string {
  const given = names.filter((n) => params[n] !== undefined && params[n] !== null);
  if (given.length > 1) throw new ClientException(`give one of ${names.join(', ')}, not several`);
  const name = given[0] ?? names[0] ?? 'file_path';
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new ClientException(`${name} must be a non-empty local path, got ${describe(value)}`);
  return value;
}

/** `checkpoint`: default true (resume on). */
export function checkpointParam(value: unknown): CheckpointOption {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean' || (typeof value === 'string' && value !== '') || isCheckpointStore(value)) return value;
  throw new ClientException(`checkpoint must be true, false, a folder path or a store {load, save, remove}, got ${describe(value)}`);
}

/** The engine options shared by every call: concurrency, progress, signal. */
export function commonOptions(
  params: TransferCallOptions,
  fallbackConcurrency = DEFAULT_MAX_CONCURRENCY,
): { concurrency: number; onProgress?: ProgressCallback; signal?: AbortSignal } {
  const concurrency = countParam(params.max_concurrency, 'max_concurrency', fallbackConcurrency);
  const progress = params.progress_callback;
  if (progress !== undefined && progress !== null && typeof progress !== 'function') {
    throw new ClientException('progress_callback must be a function (consumed_bytes, total_bytes) => void');
  }
  const signal = params.signal;
  if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
    throw new ClientException('signal must be an AbortSignal');
  }
  return { concurrency, ...(progress ? { onProgress: progress } : {}), ...(signal ? { signal } : {}) };
}

/**
 * The headers of the new object: `meta_data` (checked as put_object checks
 * it) plus `content_type` as Content-Type.
 */
export function objectHeaders(metaData: unknown, contentType: unknown): Record<string, string> {
  const headers = checkMetaData(metaData);
  const type = optionalString(contentType, 'content_type');
  if (type !== undefined) {
    if (Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      throw new ClientException("give content_type or meta_data['Content-Type'], not both");
    }
    if (/[\r\n]/.test(type)) throw new ClientException('content_type must not contain line breaks');
    headers['Content-Type'] = type;
  }
  return headers;
}

/**
 * Runs an engine call and speaks NOS: an abort rejects with ConnectionError
 * (as every NOS method does), the engine's own parameter errors become
 * ClientException; NOS exceptions and the engine's IntegrityError /
 * UnsafeKeyError pass through.
 */
export async function runTransfer<T>(op: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new ConnectionError(`${op} aborted before it started`, signal.reason);
  try {
    return await run();
  } catch (error) {
    if (signal?.aborted) {
      if (error instanceof ConnectionError) throw error;
      throw new ConnectionError(`${op} aborted`, signal.reason ?? error);
    }
    // Bad engine parameters, and local file errors (ENOENT, EACCES, EISDIR...): our side.
    const local = error instanceof RangeError || error instanceof TypeError || typeof (error as { syscall?: unknown })?.syscall === 'string';
    if (!(error instanceof NOSException) && local) throw new ClientException(`${op}: ${(error as Error).message}`, error);
    throw error;
  }
}
