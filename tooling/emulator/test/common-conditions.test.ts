import { describe, expect, it } from 'vitest';
import { etagListMatches, evaluateConditions, normalizeEtag } from '../src/common/conditions.ts';
import type { ObjectRecord } from '../src/store/types.ts';

const obj: ObjectRecord = {
  bucket: 'b',
  key: 'k',
  size: 3,
  md5: 'abc',
  etag: 'abc',
  crc64: '0',
  lastModified: new Date('2024-01-02T03:04:05.678Z'),
  contentType: 'text/plain',
  headers: {},
  meta: {},
  storageClass: 'STANDARD',
  extra: {},
};
const before = 'Tue, 02 Jan 2024 03:04:04 GMT';
const same = 'Tue, 02 Jan 2024 03:04:05 GMT';
const after = 'Tue, 02 Jan 2024 03:04:06 GMT';

describe('evaluateConditions', () => {
  it('passes without conditions', () => {
    expect(evaluateConditions({}, obj)).toBe(200);
  });

  it('If-Match compares ETags without quotes or W/, and accepts lists and *', () => {
    expect(evaluateConditions({ 'if-match': '"abc"' }, obj)).toBe(200);
    expect(evaluateConditions({ 'if-match': 'W/"abc"' }, obj)).toBe(200);
    expect(evaluateConditions({ 'if-match': '"x", "abc"' }, obj)).toBe(200);
    expect(evaluateConditions({ 'if-match': '*' }, obj)).toBe(200);
    expect(evaluateConditions({ 'if-match': '"abd"' }, obj)).toBe(412);
  });

  it('If-None-Match gives 304 on a match', () => {
    expect(evaluateConditions({ 'if-none-match': '"abc"' }, obj)).toBe(304);
    expect(evaluateConditions({ 'if-none-match': '*' }, obj)).toBe(304);
    expect(evaluateConditions({ 'if-none-match': '"zzz"' }, obj)).toBe(200);
  });

  it('If-Modified-Since compares at second precision', () => {
    expect(evaluateConditions({ 'if-modified-since': same }, obj)).toBe(304);
    expect(evaluateConditions({ 'if-modified-since': after }, obj)).toBe(304);
    expect(evaluateConditions({ 'if-modified-since': before }, obj)).toBe(200);
    expect(evaluateConditions({ 'if-modified-since': 'not a date' }, obj)).toBe(200);
  });

  it('If-Unmodified-Since gives 412 when modified after', () => {
    expect(evaluateConditions({ 'if-unmodified-since': before }, obj)).toBe(412);
    expect(evaluateConditions({ 'if-unmodified-since': same }, obj)).toBe(200);
  });

  it('follows S3/RFC precedence', () => {
    // If-Match true wins over a failing If-Unmodified-Since.
    expect(evaluateConditions({ 'if-match': '"abc"', 'if-unmodified-since': before }, obj)).toBe(200);
    // If-None-Match (not matching) wins over If-Modified-Since.
    expect(evaluateConditions({ 'if-none-match': '"zzz"', 'if-modified-since': after }, obj)).toBe(200);
    // If-None-Match matching with If-Modified-Since true: 304.
    expect(evaluateConditions({ 'if-none-match': '"abc"', 'if-modified-since': before }, obj)).toBe(304);
    // A failing If-Match beats a matching If-None-Match.
    expect(evaluateConditions({ 'if-match': '"nope"', 'if-none-match': '"abc"' }, obj)).toBe(412);
    // If-Match ok, If-None-Match matches → 304.
    expect(evaluateConditions({ 'if-match': '"abc"', 'if-none-match': '"abc"' }, obj)).toBe(304);
  });

  it('reads copy-source headers with a prefix', () => {
    const h = { 'x-cos-copy-source-if-match': '"nope"' };
    expect(evaluateConditions(h, obj)).toBe(200);
    expect(evaluateConditions(h, obj, { prefix: 'x-cos-copy-source-' })).toBe(412);
    expect(evaluateConditions({ 'x-amz-copy-source-if-none-match': 'abc' }, obj, { prefix: 'X-Amz-Copy-Source-' })).toBe(304);
  });

  it('normalizes ETags', () => {
    expect(normalizeEtag(' W/"a-2" ')).toBe('a-2');
    expect(normalizeEtag('a')).toBe('a');
    expect(etagListMatches('', 'a')).toBe(false);
  });
});
