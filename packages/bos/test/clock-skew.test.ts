/**
 * The `RequestTimeTooSkewed` retry, now a retry policy inside core's attempt
 * loop: one immediate extra attempt whatever the client's policy, and a
 * fresh retry budget for the corrected request, as the former second call had.
 */
import { describe, expect, it } from 'vitest';
import { addressBos, perCall } from '../src/address.ts';
import { CLOCK_SKEW_CODE, clockOffsetOf, withClockSkewRetry } from '../src/clock-skew.ts';
import { BackOffRetryPolicy, BceCredentials, NoRetryPolicy, resolveEndpoint } from '../src/config.ts';

const skewed = (attempt: number) => ({ attempt, status: 403, code: CLOCK_SKEW_CODE });
const failed = (attempt: number) => ({ attempt, status: 500 });

describe('withClockSkewRetry', () => {
  it('retries a skew answer once at once, even under NoRetryPolicy', () => {
    const policy = withClockSkewRetry(new NoRetryPolicy());
    expect(policy.should_retry(skewed(1))).toBe(true);
    expect(policy.delay(skewed(1))).toBe(0);
    // A second skew answer means the correction did not help: the client's policy decides, and says no.
    expect(policy.should_retry(skewed(2))).toBe(false);
    expect(policy.should_retry(failed(2))).toBe(false);
  });

  it('gives the corrected request the whole retry budget and back-off of a new call', () => {
    const inner = new BackOffRetryPolicy(2, 20_000, 300);
    const policy = withClockSkewRetry(inner);
    expect(policy.maxAttempts).toBe(inner.maxAttempts + 1);
    expect(policy.should_retry(failed(1))).toBe(true);
    expect(policy.delay(failed(1))).toBe(300);
    expect(policy.should_retry(skewed(2))).toBe(true);
    // Attempts 3 and 4 are the corrected request's first and second: retried with its first back-off steps.
    expect(policy.should_retry(failed(3))).toBe(true);
    expect(policy.delay(failed(3))).toBe(300);
    expect(policy.should_retry(failed(4))).toBe(true);
    expect(policy.delay(failed(4))).toBe(600);
    expect(policy.should_retry(failed(5))).toBe(false);
  });

  it('leaves every other answer to the client policy', () => {
    const policy = withClockSkewRetry(new BackOffRetryPolicy(1));
    expect(policy.should_retry({ attempt: 1, status: 403, code: 'SignatureDoesNotMatch' })).toBe(false);
    expect(policy.should_retry(failed(1))).toBe(true);
    expect(policy.should_retry(failed(2))).toBe(false);
  });
});

describe('clockOffsetOf', () => {
  it('reads the server clock from Date, and nothing from a missing or unreadable one', () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toUTCString();
    const offset = clockOffsetOf({ date: hourAgo });
    expect(offset).toBeLessThan(-3_500_000);
    expect(offset).toBeGreaterThan(-3_700_000);
    expect(clockOffsetOf({})).toBeUndefined();
    expect(clockOffsetOf({ date: 'not a date' })).toBeUndefined();
  });
});

describe('addressBos', () => {
  const resolved = {
    endpoint: resolveEndpoint({ endpoint: 'http://127.0.0.1:9', protocol: undefined, port: undefined, path_style_enable: undefined }),
    credentials: new BceCredentials('ak', 'sk'),
    sessionToken: undefined,
    retry: new NoRetryPolicy(),
  };
  const now = () => new Date('2026-01-02T03:04:05Z');

  it('addresses, signs with the given clock and carries the caller signal', () => {
    const signal = new AbortController().signal;
    const call = addressBos(
      { op: 'put_object', method: 'PUT', bucket: 'b', key: 'a b', headers: { 'x-bce-meta-who': '张三' }, ...perCall({ signal }) },
      resolved,
      now,
      resolved.retry,
    );
    expect(call.op).toBe('put_object');
    expect(call.key).toBe('a b');
    expect(call.signal).toBe(signal);
    expect(call.retry).toBe(resolved.retry);
    const wire = typeof call.request === 'function' ? call.request() : call.request;
    expect(wire.origin + wire.path).toBe('http://127.0.0.1:9/b/a%20b');
    expect(wire.headers['Content-Length']).toBe('0');
    const signed = call.authorize?.(wire, now());
    expect(signed?.headers['Authorization']).toMatch(/^bce-auth-v1\/ak\/2026-01-02T03:04:05Z\//);
    // Non-ASCII metadata goes out as its UTF-8 bytes, as bce-sdk-python sends it.
    expect(signed?.headers['x-bce-meta-who']).toBe(Buffer.from('张三', 'utf8').toString('latin1'));
  });

  it('keeps only signal and config of a method options object', () => {
    const options = { signal: new AbortController().signal, content_type: 'text/plain', config: { endpoint: 'x' } };
    expect(Object.keys(perCall(options)).sort()).toEqual(['config', 'signal']);
    expect(perCall(undefined)).toEqual({});
  });
});
