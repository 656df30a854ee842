import { describe, expect, it } from 'vitest';
import { backoffRetryPolicy, isRetryable, isTransientErrorCode, noRetryPolicy } from '../src/retry.ts';

describe('isRetryable', () => {
  it('retries network errors, 5xx, 429 and throttling codes', () => {
    expect(isRetryable({ attempt: 1, error: new Error('ECONNRESET') })).toBe(true);
    expect(isRetryable({ attempt: 1, status: 500 })).toBe(true);
    expect(isRetryable({ attempt: 1, status: 503 })).toBe(true);
    expect(isRetryable({ attempt: 1, status: 429 })).toBe(true);
    expect(isRetryable({ attempt: 1, status: 400, code: 'SlowDown' })).toBe(true);
  });
  it('does not retry client errors or aborts', () => {
    expect(isRetryable({ attempt: 1, status: 404, code: 'NoSuchKey' })).toBe(false);
    expect(isRetryable({ attempt: 1, status: 403 })).toBe(false);
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    expect(isRetryable({ attempt: 1, error: abort })).toBe(false);
  });
});

describe('backoffRetryPolicy', () => {
  it('stops at maxAttempts', () => {
    const policy = backoffRetryPolicy({ maxAttempts: 3 });
    expect(policy.should_retry({ attempt: 1, status: 500 })).toBe(true);
    expect(policy.should_retry({ attempt: 2, status: 500 })).toBe(true);
    expect(policy.should_retry({ attempt: 3, status: 500 })).toBe(false);
  });
  it('uses full jitter under an exponential ceiling', () => {
    const top = backoffRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
    expect(top.delay({ attempt: 1 })).toBe(99);
    expect(top.delay({ attempt: 2 })).toBe(199);
    expect(top.delay({ attempt: 3 })).toBe(399);
    expect(top.delay({ attempt: 10 })).toBe(999);
    const bottom = backoffRetryPolicy({ random: () => 0 });
    expect(bottom.delay({ attempt: 5 })).toBe(0);
  });
  it('accepts extra throttle codes and refuses a bad maxAttempts', () => {
    expect(backoffRetryPolicy({ throttleCodes: ['Busy'] }).should_retry({ attempt: 1, status: 400, code: 'Busy' })).toBe(true);
    expect(() => backoffRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
  });
  it('noRetryPolicy never retries', () => {
    expect(noRetryPolicy.should_retry({ attempt: 1, status: 500 })).toBe(false);
    expect(noRetryPolicy.maxAttempts).toBe(1);
  });
});

describe('isTransientErrorCode', () => {
  it('retries the transient codes of a 200-with-<Error> answer and nothing else', () => {
    for (const code of ['InternalError', 'ServiceUnavailable', 'SlowDown', 'RequestTimeout']) expect(isTransientErrorCode(code)).toBe(true);
    for (const code of ['NoSuchKey', 'AccessDenied', 'InvalidPart', 'EntityTooSmall', '']) expect(isTransientErrorCode(code)).toBe(false);
  });
});
