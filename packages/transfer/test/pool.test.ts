import { describe, expect, it } from 'vitest';
import { isRetryableError, runPool, withPartRetry } from '../src/pool.ts';
import { NetworkError, YunstoreError } from '@yunstore/core';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('runPool', () => {
  it('never runs more than N workers and pulls lazily from the iterator', async () => {
    let active = 0;
    let peak = 0;
    let pulled = 0;
    async function* items(): AsyncGenerator<number> {
      for (let i = 0; i < 20; i++) {
        pulled++;
        // Pulled only when a worker is free: never more than N ahead of the finished ones.
        expect(pulled - done).toBeLessThanOrEqual(3);
        yield i;
      }
    }
    let done = 0;
    const seen: number[] = [];
    await runPool(items(), 3, async (item) => {
      active++;
      peak = Math.max(peak, active);
      await tick(2);
      seen.push(item);
      active--;
      done++;
    });
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  it('stops the other workers through the signal on the first failure', async () => {
    const aborted: boolean[] = [];
    await expect(
      runPool([1, 2, 3, 4, 5, 6], 3, async (item, signal) => {
        if (item === 2) {
          await tick(10);
          throw new Error('boom');
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5_000);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            aborted.push(true);
            resolve();
          });
        });
      }),
    ).rejects.toThrow('boom');
    expect(aborted.length).toBe(2); // items 1 and 3; items 4..6 never start
  });

  it('rejects with the caller abort reason promptly', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('user stop')), 20);
    await expect(
      runPool(
        [1, 2],
        2,
        (_item, signal) => new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('cancelled')))),
        controller.signal,
      ),
    ).rejects.toThrow('user stop');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('withPartRetry / isRetryableError', () => {
  it('retries retryable failures, then succeeds', async () => {
    let attempts = 0;
    const result = await withPartRetry(
      async () => {
        attempts++;
        if (attempts < 3) throw Object.assign(new Error('500'), { status: 500 });
        return 'ok';
      },
      { retries: 2, baseDelayMs: 1 },
      new AbortController().signal,
    );
    expect(result).toBe('ok');
    expect(attempts).toBe(3);
  });

  it('gives up on a 403 at once and after the retry budget otherwise', async () => {
    let attempts = 0;
    const forbidden = withPartRetry(
      async () => {
        attempts++;
        throw Object.assign(new Error('403'), { status: 403 });
      },
      { retries: 5, baseDelayMs: 1 },
      new AbortController().signal,
    );
    await expect(forbidden).rejects.toThrow('403');
    expect(attempts).toBe(1);
    attempts = 0;
    await expect(
      withPartRetry(
        async () => {
          attempts++;
          throw new Error('reset');
        },
        { retries: 2, baseDelayMs: 1 },
        new AbortController().signal,
      ),
    ).rejects.toThrow('reset');
    expect(attempts).toBe(3);
  });

  it('classifies errors', () => {
    expect(isRetryableError(Object.assign(new Error(), { status: 503 }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error(), { status: 429 }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error(), { statusCode: 404 }))).toBe(false);
    expect(isRetryableError(Object.assign(new Error(), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error(), { retryable: false, status: 500 }))).toBe(false);
    const abort = new Error('x');
    abort.name = 'AbortError';
    expect(isRetryableError(abort)).toBe(false);
    expect(isRetryableError(new TypeError('Key must be a string'))).toBe(false);
    expect(isRetryableError(new RangeError('PartNumber out of range'))).toBe(false);
    expect(isRetryableError(new YunstoreError('MissingContentLength', 'no length'))).toBe(false);
    expect(isRetryableError(new NetworkError('ECONNRESET', 'reset', 1))).toBe(true);
    expect(isRetryableError(new YunstoreError('ECONNRESET', 'a vendor wrapper of a reset'))).toBe(true);
    expect(isRetryableError(new YunstoreError('Wrapped', 'w', { cause: new NetworkError('TIMEOUT', 't', 1) }))).toBe(true);
  });
});

describe('engine signals', () => {
  it('carry one abort listener per in-flight request without a leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      await runPool(
        Array.from({ length: 40 }, (_, i) => i),
        20,
        async (_item, signal) => {
          const listener = (): void => undefined;
          signal.addEventListener('abort', listener); // what undici does for every request
          await new Promise((resolve) => setTimeout(resolve, 5));
          signal.removeEventListener('abort', listener);
        },
      );
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
