import { describe, expect, it } from 'vitest';
import { contentRange, parseRange, unsatisfiedContentRange } from '../src/common/range.ts';

describe('parseRange', () => {
  it('returns undefined without a header or for forms we do not serve', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('', 10)).toBeUndefined();
    expect(parseRange('bytes=-', 10)).toBeUndefined();
    expect(parseRange('items=0-1', 10)).toBeUndefined();
    expect(parseRange('bytes=0-1,3-4', 10)).toBeUndefined();
    expect(parseRange('bytes=5-2', 10)).toBeUndefined();
    expect(parseRange('bytes=a-b', 10)).toBeUndefined();
  });

  it('parses a-b and clamps the end', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=2-500', 10)).toEqual({ start: 2, end: 9 });
    expect(parseRange('BYTES = 1 - 3', 10)).toEqual({ start: 1, end: 3 });
  });

  it('parses open-ended a-', () => {
    expect(parseRange('bytes=3-', 10)).toEqual({ start: 3, end: 9 });
    expect(parseRange('bytes=9-', 10)).toEqual({ start: 9, end: 9 });
  });

  it('parses suffix -n', () => {
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
  });

  it('reports unsatisfiable ranges', () => {
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=10-20', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
  });

  it('treats every range of an empty object as unsatisfiable', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-1', 0)).toBe('unsatisfiable');
    expect(parseRange(undefined, 0)).toBeUndefined();
  });

  it('formats Content-Range', () => {
    expect(contentRange({ start: 0, end: 99 }, 1000)).toBe('bytes 0-99/1000');
    expect(unsatisfiedContentRange(1000)).toBe('bytes */1000');
  });
});
