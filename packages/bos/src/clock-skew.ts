/**
 * BOS refuses a request whose signed time is off by more than its window
 * (403 `RequestTimeTooSkewed`). Like the BOS JS SDK, a client then learns
 * the server's clock from the answer's `Date` and sends the request once
 * more, signed with the corrected clock. Both halves run inside core's
 * attempt loop: the error-code hook learns the offset from the answer,
 * and the retry policy below grants the one extra attempt, which core
 * signs afresh with the client's (now corrected) clock.
 */
import type { RetryContext, RetryPolicy } from '@yunstore/core';

export const CLOCK_SKEW_CODE = 'RequestTimeTooSkewed';

/** Server clock minus ours, from the `Date` of a skew answer; undefined without a readable `Date`. */
export function clockOffsetOf(headers: Record<string, string>): number | undefined {
  const serverDate = Date.parse(headers['date'] ?? '');
  return Number.isNaN(serverDate) ? undefined : serverDate - Date.now();
}

/**
 * `policy`, plus one immediate retry of a `RequestTimeTooSkewed` answer
 * (whatever the policy says: even `NoRetryPolicy` gets it). The attempts
 * after it are counted afresh for `policy`, so the corrected request has the
 * whole retry budget a new call would have. Core retries only a request
 * whose body can be replayed. One policy per call: it remembers its retry.
 */
export function withClockSkewRetry(policy: RetryPolicy): RetryPolicy {
  let skewedAttempt: number | undefined;
  const afterSkew = (context: RetryContext): RetryContext => (skewedAttempt === undefined ? context : { ...context, attempt: context.attempt - skewedAttempt });
  return {
    maxAttempts: policy.maxAttempts + 1,
    should_retry(context) {
      if (context.code === CLOCK_SKEW_CODE && skewedAttempt === undefined) {
        skewedAttempt = context.attempt;
        return true;
      }
      return policy.should_retry(afterSkew(context));
    },
    delay(context) {
      return context.attempt === skewedAttempt ? 0 : policy.delay(afterSkew(context));
    },
  };
}
