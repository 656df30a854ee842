import { describe, expect, it } from 'vitest';
import { YunstoreError } from '@yunstore/core';
import {
  ConnectionError,
  ConnectionTimeout,
  connectionExceptionFor,
  MultiObjectDeleteException,
  NotFoundError,
  NOSException,
  parseErrorBody,
  SERVICE_EXCEPTIONS,
  serviceExceptionFor,
  ServiceException,
} from '../src/errors.ts';

const body = (code: string, message: string, rid = 'XMLREQ') =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><Resource>/b/k</Resource><RequestId>${rid}</RequestId></Error>`,
  );

describe('error mapping', () => {
  it('picks the class by status and fills the five Python fields', () => {
    const e = serviceExceptionFor(404, { 'x-nos-request-id': 'HDRREQ' }, body('NoSuchKey', 'The specified key does not exist.'));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toBeInstanceOf(ServiceException);
    expect(e).toBeInstanceOf(NOSException);
    expect(YunstoreError.is(e)).toBe(true);
    expect([e.status_code, e.error_type, e.error_code, e.request_id, e.message]).toEqual([
      404,
      'Not Found',
      'NoSuchKey',
      'HDRREQ',
      'The specified key does not exist.',
    ]);
    expect(e.name).toBe('NotFoundError');
    expect(e.code).toBe('NoSuchKey');
    expect(e.status).toBe(404);
  });
  it('falls back to the XML RequestId, and to empty strings without a body (HEAD)', () => {
    expect(serviceExceptionFor(403, {}, body('AccessDenied', 'no')).request_id).toBe('XMLREQ');
    const head = serviceExceptionFor(404, {}, undefined);
    expect([head.error_code, head.request_id, head.message]).toEqual(['', '', '']);
    expect(parseErrorBody(Buffer.from('garbage'))).toEqual({ code: '', message: '', requestId: '' });
  });
  it('covers every status of the seed', () => {
    expect(Object.keys(SERVICE_EXCEPTIONS).map(Number)).toEqual([400, 403, 404, 405, 409, 411, 416, 500, 501, 503]);
    for (const [status, Class] of Object.entries(SERVICE_EXCEPTIONS)) {
      expect(serviceExceptionFor(Number(status), {}, undefined)).toBeInstanceOf(Class);
    }
    expect(serviceExceptionFor(502, {}, undefined).constructor).toBe(ServiceException);
  });
  it('maps network failures', () => {
    const timeout = connectionExceptionFor(new YunstoreError('TIMEOUT', 'slow'));
    expect(timeout).toBeInstanceOf(ConnectionTimeout);
    expect(timeout).toBeInstanceOf(ConnectionError);
    expect(connectionExceptionFor(new YunstoreError('ECONNRESET', 'reset')).constructor).toBe(ConnectionError);
    expect(connectionExceptionFor(new Error('x'))).toBeInstanceOf(ConnectionError);
  });
  it('MultiObjectDeleteException keeps the failures and nulls the five fields', () => {
    const e = new MultiObjectDeleteException([{ key: 'a', code: 'AccessDenied', message: 'Access Denied' }]);
    expect(e.errors).toHaveLength(1);
    expect(e.status_code).toBeNull();
    expect(e.error_code).toBeNull();
    expect(e.request_id).toBeNull();
    // Python: a fixed message, and str(e) = message + the list of failures.
    expect(e.message).toBe('MultiObjectDeleteException caused by: some objects delete unsuccessfully.');
    expect(String(e)).toBe(
      "MultiObjectDeleteException caused by: some objects delete unsuccessfully. [{'key': 'a', 'code': 'AccessDenied', 'message': 'Access Denied'}]",
    );
  });
});
