import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isLostAnswer, multipartEtag, settleLostComplete } from '../src/complete-settle.ts';
import { FakeServiceError, MemoryAdapter } from './memory-adapter.ts';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

describe('multipartEtag', () => {
  it('is md5 of the binary part MD5s, dash, count — quotes and case ignored', () => {
    const parts = [
      { partNumber: 1, etag: `"${md5('a')}"` },
      { partNumber: 2, etag: md5('b').toUpperCase() },
    ];
    const expected = createHash('md5')
      .update(Buffer.concat([Buffer.from(md5('a'), 'hex'), Buffer.from(md5('b'), 'hex')]))
      .digest('hex');
    expect(multipartEtag(parts)).toBe(`${expected}-2`);
  });
  it('is undefined when a part ETag is not a plain MD5 (BOS, or a vendor with its own format)', () => {
    expect(multipartEtag([{ partNumber: 1, etag: 'not-an-md5' }])).toBeUndefined();
  });
});

describe('isLostAnswer', () => {
  it('is true for network failures without a status, false for answers and aborts', () => {
    expect(isLostAnswer(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isLostAnswer(new FakeServiceError('InternalError', 500))).toBe(false);
    expect(isLostAnswer(Object.assign(new Error('aborted'), { code: 'ABORTED' }))).toBe(false);
    expect(isLostAnswer(new TypeError('bad'))).toBe(false);
  });
});

describe('settleLostComplete', () => {
  const target = { bucket: 'b', key: 'k' };
  const signal = new AbortController().signal;

  it('fails clearly when the upload is gone and the object is missing or not what was sent', async () => {
    const adapter = new MemoryAdapter();
    const lost = new Error('socket hang up');
    await expect(settleLostComplete(adapter, { target, uploadId: 'gone', parts: [], size: 10, signal }, lost)).rejects.toBe(lost);
    adapter.put('b', 'k', Buffer.alloc(5));
    await expect(settleLostComplete(adapter, { target, uploadId: 'gone', parts: [], size: 10, signal }, lost)).rejects.toMatchObject({
      code: 'CompleteAnswerLost',
    });
    await expect(settleLostComplete(adapter, { target, uploadId: 'gone', parts: [], size: 5, signal }, lost)).resolves.toMatchObject({ settled: true });
  });
});
