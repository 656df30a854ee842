import { describe, expect, it } from 'vitest';
import { NetworkError } from '@yunstore/core';
import { classifyFailure } from '@yunstore/transfer';
import { ClientError, ParamValidationError } from '../src/index.ts';
import { progressOf } from '../src/transfer-args.ts';
import { oosClassify } from '../src/transfer-adapter.ts';

/** What the engine decides for an OOS failure: the adapter's verdict, else its default. */
const retried = (error: unknown): boolean => classifyFailure({ classify: oosClassify }, error) === 'retry';

const meta = (status: number) => ({ RequestId: 'R', HostId: '', HTTPStatusCode: status, HTTPHeaders: {}, RetryAttempts: 0 });
const clientError = (status: number, code: string) => new ClientError({ Error: { Code: code, Message: '' }, ResponseMetadata: meta(status) }, 'UploadPart');

describe('the OOS verdict the engine retries by', () => {
  it('ClientError exposes the HTTP status: 5xx and 429 are retried, other 4xx are final', () => {
    expect(clientError(503, 'SlowDown').status).toBe(503);
    expect(retried(clientError(503, 'SlowDown'))).toBe(true);
    expect(retried(clientError(500, 'InternalError'))).toBe(true);
    expect(retried(clientError(429, 'TooManyRequests'))).toBe(true);
    expect(retried(clientError(403, 'AccessDenied'))).toBe(false);
    expect(retried(clientError(404, 'NoSuchUpload'))).toBe(false);
  });

  it("NoSuchUpload is 'gone' whatever its status (abort then counts as done, resume starts over)", () => {
    expect(oosClassify(clientError(404, 'NoSuchUpload'))).toBe('gone');
    expect(oosClassify(clientError(400, 'NoSuchUpload'))).toBe('gone');
    expect(classifyFailure({ classify: oosClassify }, clientError(404, 'NoSuchKey'))).toBe('gone');
    expect(classifyFailure({ classify: oosClassify }, clientError(403, 'AccessDenied'))).toBe('final');
  });

  it('a 200 with <Error> is retried only for transient codes; parameter errors and aborts are final', () => {
    expect(retried(clientError(200, 'InternalError'))).toBe(true);
    expect(retried(clientError(200, 'InvalidPart'))).toBe(false);
    expect(retried(new ParamValidationError('bad'))).toBe(false);
    expect(retried(new NetworkError('ECONNRESET', 'reset', 1))).toBe(true);
    expect(retried(new NetworkError('ABORTED', 'aborted', 1))).toBe(false);
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
