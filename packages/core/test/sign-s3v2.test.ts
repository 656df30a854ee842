import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalizedAmzHeaders,
  canonicalizedResource,
  parseS3V2Authorization,
  presignS3V2,
  signS3V2,
  signS3V2Vector,
  stringToSignForHeaders,
  type S3V2VectorInput,
} from '../src/sign/s3v2.ts';

interface Vector {
  id: string;
  scheme: string;
  input: S3V2VectorInput;
  expected: Record<string, unknown> & { stringToSign: string };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/oos.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
const v2 = fixture.vectors.filter((v) => v.scheme.startsWith('v2-'));

describe('S3 V2 vectors (oos.json)', () => {
  it('has header and query vectors', () => {
    expect(v2.filter((v) => v.scheme === 'v2-header').length).toBeGreaterThanOrEqual(10);
    expect(v2.filter((v) => v.scheme === 'v2-query').length).toBeGreaterThanOrEqual(2);
  });
  for (const vector of v2) {
    it(`${vector.id}: stringToSign stage`, () => {
      const out = signS3V2Vector(vector.input);
      expect(out.stringToSign).toBe(vector.expected.stringToSign);
    });
    it(`${vector.id}: full result deep-equals expected`, () => {
      expect(signS3V2Vector(vector.input)).toEqual(vector.expected);
    });
  }
});

const creds = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
const now = new Date(Date.UTC(2024, 5, 20, 8, 0, 0));

describe('S3 V2 stages and edge cases', () => {
  it('sorts and lower-cases amz headers, trims values, skips x-ctyun-*', () => {
    expect(canonicalizedAmzHeaders({ 'X-Amz-Meta-B': ' 2 ', 'x-amz-meta-a': '1', 'x-ctyun-data-location': 'type=Local', 'Content-Type': 'x' })).toBe(
      'x-amz-meta-a:1\nx-amz-meta-b:2\n',
    );
  });
  it('joins repeated headers differing only in case', () => {
    expect(canonicalizedAmzHeaders({ 'x-amz-meta-k': 'a', 'X-AMZ-META-K': 'b' })).toBe('x-amz-meta-k:a,b\n');
  });
  it('keeps only sub-resources, sorted, empty values bare, decoded values verbatim', () => {
    expect(
      canonicalizedResource('/b/k', [
        ['versions', ''],
        ['prefix', 'x'],
        ['versionId', '1'],
        ['versioning', ''],
      ]),
    ).toBe('/b/k?versionId=1&versioning&versions');
    expect(canonicalizedResource('/b/k', [['response-content-type', 'a+b %c']])).toBe('/b/k?response-content-type=a+b %c');
    expect(canonicalizedResource('/b/', [['trigger', '']])).toBe('/b/');
  });
  it('an empty header value still signs an empty line', () => {
    expect(stringToSignForHeaders('PUT', '/b/k', [], { 'Content-Type': '', 'x-amz-date': 'D', 'x-amz-meta-e': '' })).toBe(
      'PUT\n\n\n\nx-amz-date:D\nx-amz-meta-e:\n/b/k',
    );
  });
  it('adds x-amz-date (empty date line) by default and Date on request', () => {
    const req = { method: 'GET' as const, path: '/b/%E4%B8%AD%20%2B%25', query: [], headers: {} };
    const h = signS3V2(req, creds, now);
    expect(h['x-amz-date']).toBe('Thu, 20 Jun 2024 08:00:00 GMT');
    expect(h['Date']).toBeUndefined();
    const d = signS3V2(req, creds, now, { dateHeader: 'Date' });
    expect(d['Date']).toBe('Thu, 20 Jun 2024 08:00:00 GMT');
    expect(d['Authorization']).not.toBe(h['Authorization']);
    expect(h['Authorization']).toMatch(/^AWS AKID:[A-Za-z0-9+/]+=*$/);
  });
  it('keeps a date the caller already set, and adds the session token', () => {
    const h = signS3V2({ method: 'HEAD', path: '/k', query: [], headers: { Date: 'X' } }, { ...creds, sessionToken: 'tok' }, now, { virtualHostBucket: 'b' });
    expect(h['x-amz-date']).toBeUndefined();
    expect(h['x-amz-security-token']).toBe('tok');
  });
  it('virtual-hosted and path-style requests sign the same resource', () => {
    const a = signS3V2({ method: 'GET', path: '/k+1', query: [], headers: { Date: 'D' } }, creds, now, { virtualHostBucket: 'b' });
    const b = signS3V2({ method: 'GET', path: '/b/k+1', query: [], headers: { Date: 'D' } }, creds, now);
    expect(a['Authorization']).toBe(b['Authorization']);
  });
  it('presign copies content-type and x-amz-* into the query (lower-case names, as botocore) and ends with Expires', () => {
    const p = presignS3V2(
      { method: 'PUT', path: '/b/k', query: [], headers: { 'Content-Type': 'image/png', 'Content-MD5': 'bWQ1', 'X-Amz-Acl': 'public-read' } },
      creds,
      1700000000.9,
    );
    expect(p.query.map(([n]) => n)).toEqual(['AWSAccessKeyId', 'Signature', 'content-type', 'content-md5', 'x-amz-acl', 'Expires']);
    expect(p.query.find(([n]) => n === 'content-type')?.[1]).toBe('image/png');
    expect(p.stringToSign).toBe('PUT\nbWQ1\nimage/png\n1700000000\nx-amz-acl:public-read\n/b/k');
  });
  it('parses Authorization headers', () => {
    expect(parseS3V2Authorization('AWS ak:sig/+=')).toEqual({ accessKeyId: 'ak', signature: 'sig/+=' });
    expect(parseS3V2Authorization('AWS4-HMAC-SHA256 Credential=x')).toBeUndefined();
  });
});
