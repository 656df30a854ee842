import { describe, expect, it } from 'vitest';
import { newRequestId, newUploadId } from '../src/common/ids.ts';
import { compareKeys } from '../src/common/keys.ts';
import { iso8601, parseHttpDate, rfc1123 } from '../src/common/time.ts';

describe('compareKeys', () => {
  it('sorts by UTF-8 bytes (code points), not UTF-16 units', () => {
    const keys = ['b', 'a/', 'a', '\uff01', '😀', 'a b', 'A', 'a+', '中'];
    const utf8 = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...keys].sort(compareKeys)).toEqual(utf8);
    // The case JS gets wrong: U+FF01 (EF BC 81) sorts before U+1F600 (F0 9F 98 80).
    expect(compareKeys('\uff01', '😀')).toBeLessThan(0);
    expect(compareKeys('ab', 'ab')).toBe(0);
    expect(compareKeys('a', 'ab')).toBeLessThan(0);
  });
});

describe('ids', () => {
  it('request ids have the vendor shapes and differ', () => {
    expect(newRequestId()).toMatch(/^[0-9a-f]{32}$/);
    expect(newRequestId('bos')).toMatch(/^[0-9a-f-]{36}$/);
    expect(newRequestId('oos')).toMatch(/^[0-9A-F]{16}$/);
    expect(Buffer.from(newRequestId('cos'), 'base64').toString()).toMatch(/^[0-9a-f]{8}_[0-9a-f]{16}$/);
    expect(newRequestId()).not.toBe(newRequestId());
  });

  it('upload ids are URL-safe and ordered by time', () => {
    const a = newUploadId(new Date(1_000_000_000_000));
    const b = newUploadId(new Date(1_700_000_000_000));
    expect(a).toMatch(/^[0-9a-f]{56}$/);
    expect(a < b).toBe(true);
  });
});

describe('time', () => {
  const d = new Date('2024-01-02T03:04:05.678Z');
  it('formats', () => {
    expect(rfc1123(d)).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(iso8601(d)).toBe('2024-01-02T03:04:05.678Z');
    expect(iso8601(d, { millis: false })).toBe('2024-01-02T03:04:05Z');
  });
  it('parses HTTP dates', () => {
    expect(parseHttpDate('Tue, 02 Jan 2024 03:04:05 GMT')?.getTime()).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseHttpDate('nope')).toBeUndefined();
    expect(parseHttpDate(undefined)).toBeUndefined();
  });
});
