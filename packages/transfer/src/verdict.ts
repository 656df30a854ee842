/**
 * The engine's reading of a failure: one vendor verdict (`classify`) with the
 * engine's default behind it, and the error for an unusable answer.
 */
import { YunstoreError } from '@yunstore/core';
import type { AdapterBase, FailureClass } from './adapter.ts';
import { isRetryableError } from './pool.ts';

/**
 * An answer the engine cannot use (a part without an ETag, an initiate
 * without an upload id, a truncated part listing whose marker does not
 * advance): code `InvalidResponse`. Thrown when the adapter has no
 * `malformed` of its own.
 */
export class MalformedAnswerError extends YunstoreError {
  override name = 'MalformedAnswerError';
}

/** HTTP status of a vendor or core error, when it has one. */
function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; statusCode?: unknown } | null;
  if (typeof e?.status === 'number') return e.status;
  return typeof e?.statusCode === 'number' ? e.statusCode : undefined;
}

/** The engine's default: 404 gone; no answer, 5xx, 408 and 429 retry (see `isRetryableError`); the rest final. */
export function defaultClassify(error: unknown): FailureClass {
  if (statusOf(error) === 404) return 'gone';
  return isRetryableError(error) ? 'retry' : 'final';
}

/** The adapter's verdict on `error`, or the engine's default where it has none. */
export function classifyFailure(adapter: Pick<AdapterBase, 'classify'> | undefined, error: unknown): FailureClass {
  return adapter?.classify?.(error) ?? defaultClassify(error);
}

/** The retry decision for part requests: only `'retry'` is worth another attempt. */
export function retryVerdict(adapter: Pick<AdapterBase, 'classify'> | undefined): (error: unknown) => boolean {
  return (error) => classifyFailure(adapter, error) === 'retry';
}

/** The error for an unusable answer to `operation`: the vendor's class when the adapter says which. */
export function malformedAnswer(adapter: Pick<AdapterBase, 'malformed'>, operation: string, message: string): Error {
  return adapter.malformed?.(operation, message) ?? new MalformedAnswerError('InvalidResponse', `${operation}: ${message}`);
}

/** `value` when it is a non-empty string; otherwise the vendor's malformed-answer error naming `what`. */
export function requireAnswer(adapter: Pick<AdapterBase, 'malformed'>, operation: string, what: string, value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  throw malformedAnswer(adapter, operation, `the server answered without ${what}`);
}
