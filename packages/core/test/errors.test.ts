import { describe, expect, it } from 'vitest';
import { NetworkError, ServiceError, YunstoreError } from '../src/errors.ts';

describe('errors', () => {
  it('carry code, status, request id and raw body', () => {
    const e = new ServiceError('NoSuchKey', 'The specified key does not exist.', { status: 404, requestId: 'r-1', rawBody: '<Error/>' });
    expect(e).toBeInstanceOf(YunstoreError);
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.status, e.requestId, e.rawBody, e.name]).toEqual(['NoSuchKey', 404, 'r-1', '<Error/>', 'ServiceError']);
  });
  it('are recognised across copies by brand, not instanceof', () => {
    const e = new NetworkError('ECONNRESET', 'reset', 3);
    expect(YunstoreError.is(e)).toBe(true);
    expect(YunstoreError.is(new Error('x'))).toBe(false);
    expect(YunstoreError.is({ code: 'x' })).toBe(false);
    expect(e.attempts).toBe(3);
  });
  it('keep the cause', () => {
    const cause = new Error('low level');
    expect(new YunstoreError('X', 'y', { cause }).cause).toBe(cause);
  });
});
