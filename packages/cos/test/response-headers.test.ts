import { describe, expect, it } from 'vitest';
import { getHeader, headerDict, responseHeaderViews } from '../src/headers.ts';

describe('responseHeaderViews', () => {
  it('gives headerDict and the wire record itself when every name is lower case', () => {
    const wire = { etag: '"e"', 'content-length': '3', 'x-cos-request-id': 'r' };
    const views = responseHeaderViews(wire);
    expect(views.dict).toEqual(headerDict(wire));
    expect(views.lower).toBe(wire);
  });

  it('looks mixed-case names up as getHeader does (exact lower-case name first)', () => {
    const wire = { ETag: '"first"', 'Content-Length': '3', etag: '"exact"', 'X-Cos-Hash-Crc64ecma': '42' };
    const { dict, lower } = responseHeaderViews(wire);
    expect(dict).toEqual(headerDict(wire));
    for (const name of ['etag', 'content-length', 'x-cos-hash-crc64ecma', 'content-range']) {
      expect(lower[name]).toBe(getHeader(wire, name));
    }
  });
});
