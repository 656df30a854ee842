import { describe, expect, it } from 'vitest';
import { NetworkError } from '@yunstore/core';
import { isRetryableError } from '@yunstore/transfer';
import { ClientError, ParamValidationError } from '../src/index.ts';
import { progressOf } from '../src/transfer-args.ts';
import { forEngine } from '../src/transfer-adapter.ts';

const meta = (status: number) => ({ RequestId: 'R', HostId: '', HTTPStatusCode: status, HTTPHeaders: {}, RetryAttempts: 0 });
const clientError = (status: number, code: string) => new ClientError({ Error: { Code: code, Message: '' }, ResponseMetadata: meta(status) }, 'UploadPart');

describe('errors as the engine reads them', () => {
  it('ClientError exposes the HTTP status: 5xx and 429 are retried, other 4xx are final', () => {
    expect(clientError(503, 'SlowDown').status).toBe(503);
    expect(isRetryableError(forEngine(clientError(503, 'SlowDown')))).toBe(true);
    expect(isRetryableError(forEngine(clientError(500, 'InternalError')))).toBe(true);
    expect(isRetryableError(forEngine(clientError(429, 'TooManyRequests')))).toBe(true);
    expect(isRetryableError(forEngine(clientError(403, 'AccessDenied')))).toBe(false);
    expect(isRetryableError(forEngine(clientError(404, 'NoSuchUpload')))).toBe(false);
  });

  it('a 200 with <Error> is retried only for transient codes; parameter errors and aborts are final', () => {
    expect(isRetryableError(forEngine(clientError(200, 'InternalError')))).toBe(true);
    expect(isRetryableError(forEngine(clientError(200, 'InvalidPart')))).toBe(false);
    expect(isRetryableError(forEngine(new ParamValidationError('bad')))).toBe(false);
    expect(isRetryableError(forEngine(new NetworkError('ECONNRESET', 'reset', 1)))).toBe(true);
    expect(isRetryableError(forEngine(new NetworkError('ABORTED', 'aborted', 1)))).toBe(false);
  });
});

describe('Callback(bytes_amount)', () => {
  it('turns running totals into positive increments', () => {
    const calls: number[] = [];
    const { onProgress } = progressOf((n: number) => calls.push(n));
    for (const [consumed, total] of [
      [0, 10],
      [3, 10],
      [3, 10],
      [7, 10],
      [10, 10],
    ] as const)
      onProgress?.(consumed, total);
    expect(calls).toEqual([3, 4, 3]);
    expect(progressOf(undefined)).toEqual({});
    expect(() => progressOf(5)).toThrow(/Callback/);
  });
});
