/**
 * Retry is a pure policy plus the short loop in `transport.ts` that
 * re-signs every attempt. The policy sees what happened and answers two
 * questions: try again? and after how long?
 */

export interface RetryContext {
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  /** HTTP status of a failed answer. */
  status?: number;
  /** Vendor error code read from the answer's body (`SlowDown`, `RequestRateLimited`...). */
  code?: string;
  /** The network error when there was no answer. */
  error?: unknown;
}

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  readonly maxAttempts: number;
  should_retry(context: RetryContext): boolean;
  /** Milliseconds to wait before the next attempt. */
  delay(context: RetryContext): number;
}

/** Vendor codes that mean "slow down" even when the status is not 429/503. */
export const THROTTLE_CODES: readonly string[] = [
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequests',
  'RequestRateLimited',
  'RequestLimitExceeded',
  'ServiceUnavailable',
];

/**
 * Codes that name a transient failure when a server answers 200 and puts an
 * `<Error>` in the body (COS and S3 do so for complete-multipart-upload and
 * copies, whose status line goes out before the work ends). The status says
 * nothing there, so these codes alone decide whether another attempt is worth it.
 */
export const TRANSIENT_ERROR_CODES: readonly string[] = ['InternalError', 'ServiceUnavailable', 'SlowDown', 'RequestTimeout'];

/** True when the code of a 200-with-`<Error>` answer is one of `TRANSIENT_ERROR_CODES`. */
export function isTransientErrorCode(code: string): boolean {
  return TRANSIENT_ERROR_CODES.includes(code);
}

export interface BackoffOptions {
  /** Total attempts including the first. Default 3. */
  maxAttempts?: number;
  /** First back-off ceiling in ms; doubles each attempt. Default 100. */
  baseDelayMs?: number;
  /** Largest back-off ceiling in ms. Default 20 000. */
  maxDelayMs?: number;
  /** Extra vendor codes to treat as throttling. */
  throttleCodes?: readonly string[];
  /** Injectable randomness for tests; returns [0, 1). */
  random?: () => number;
}

/** True when a failure is worth another attempt: no answer, 5xx, 429 or a throttling code. */
export function isRetryable(context: RetryContext, throttleCodes: readonly string[] = THROTTLE_CODES): boolean {
  if (context.status === undefined) return context.error !== undefined && !isAbort(context.error);
  if (context.status >= 500 || context.status === 429) return true;
  return context.code !== undefined && throttleCodes.includes(context.code);
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'AbortError' || (error as { code?: string } | null)?.code === 'ABORT_ERR';
}

/** Exponential back-off with full jitter: delay = random() x min(max, base x 2^(attempt-1)). */
export function backoffRetryPolicy(options: BackoffOptions = {}): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? 3;
  const base = options.baseDelayMs ?? 100;
  const max = options.maxDelayMs ?? 20_000;
  const random = options.random ?? Math.random;
  const codes = options.throttleCodes ? [...THROTTLE_CODES, ...options.throttleCodes] : THROTTLE_CODES;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
  }
  return {
    maxAttempts,
    should_retry: (context) => context.attempt < maxAttempts && isRetryable(context, codes),
    delay: (context) => Math.floor(random() * Math.min(max, base * 2 ** (context.attempt - 1))),
  };
}

/** One attempt, never retried. */
export const noRetryPolicy: RetryPolicy = {
  maxAttempts: 1,
  should_retry: () => false,
  delay: () => 0,
};
