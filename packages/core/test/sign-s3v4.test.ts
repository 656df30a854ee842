import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  amzDate,
  canonicalQueryString,
  canonicalRequestV4,
  parseS3V4Authorization,
  presignS3V4,
  signingKeyV4,
  signS3V4,
  signS3V4Detailed,
  signS3V4Vector,
  type S3V4VectorInput,
} from '../src/sign/s3v4.ts';

interface Vector {
  id: string;
  scheme: string;
  input: S3V4VectorInput;
  expected: Record<string, unknown>;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/oos.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
const v4 = fixture.vectors.filter((v) => v.scheme.startsWith('v4-'));

describe('S3 V4 vectors (oos.json)', () => {
  it('has header and query vectors', () => {
    expect(v4.filter((v) => v.scheme === 'v4-header').length).toBeGreaterThanOrEqual(3);
    expect(v4.filter((v) => v.scheme === 'v4-query').length).toBeGreaterThanOrEqual(1);
  });
  for (const vector of v4) {
    if (vector.scheme === 'v4-header') {
      it(`${vector.id}: canonical request and string to sign stages`, () => {
        const out = signS3V4Vector(vector.input) as Record<string, unknown>;
        expect(out['canonicalRequest']).toBe(vector.expected['canonicalRequest']);
        expect(out['stringToSign']).toBe(vector.expected['stringToSign']);
      });
    }
    it(`${vector.id}: full result deep-equals expected`, () => {
      expect(signS3V4Vector(vector.input)).toEqual(vector.expected);
    });
  }
});

const creds = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
const now = new Date(Date.UTC(2024, 5, 20, 8, 0, 0));

describe('S3 V4 stages and edge cases', () => {
  it('formats the amz date', () => {
    expect(amzDate(now)).toBe('20240620T080000Z');
  });
  it('encodes query names and values strictly, sorts, and writes bare parameters as name=', () => {
    expect(
      canonicalQueryString([
        ['uploads', ''],
        ['a', 'x y+z%~*'],
        ['a', 'b'],
        ['中', null],
      ]),
    ).toBe('%E4%B8%AD=&a=b&a=x%20y%2Bz%25~%2A&uploads=');
  });
  it('collapses header whitespace and lower-cases names', () => {
    const { canonicalRequest, signedHeaders } = canonicalRequestV4({
      method: 'GET',
      path: '/',
      query: [],
      headers: { Host: 'h', 'X-Amz-Meta-A': '  a   b ' },
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(signedHeaders).toBe('host;x-amz-meta-a');
    expect(canonicalRequest).toBe('GET\n/\n\nhost:h\nx-amz-meta-a:a b\n\nhost;x-amz-meta-a\nUNSIGNED-PAYLOAD');
  });
  it('signs host with its port, leaves unsignable headers out, adds the token', () => {
    const d = signS3V4Detailed(
      {
        method: 'PUT',
        origin: 'http://127.0.0.1:9000',
        path: '/b/a%2Bb',
        query: [],
        headers: { 'Content-Length': '3', 'User-Agent': 'x', 'Content-Type': 'text/plain' },
      },
      { ...creds, sessionToken: 'tok' },
      now,
      { region: 'cn' },
    );
    expect(d.canonicalRequest).toContain('host:127.0.0.1:9000\n');
    expect(d.headers['Authorization']).toContain('SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,');
    expect(d.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  });
  it('uses a given payload hash and the sts service', () => {
    const h = signS3V4({ method: 'POST', origin: 'http://oos-cn-iam.ctyunapi.cn', path: '/', query: [], headers: {} }, creds, now, {
      region: 'cn',
      service: 'sts',
      payloadHash: 'abc',
    });
    expect(h['x-amz-content-sha256']).toBe('abc');
    expect(parseS3V4Authorization(h['Authorization']!)).toMatchObject({ accessKeyId: 'AKID', date: '20240620', region: 'cn', service: 'sts' });
  });
  it('derives the documented signing key (AWS example)', () => {
    // From the AWS SigV4 documentation: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam.
    const key = signingKeyV4('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');
    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });
  it('presign rejects expiries out of range and lists Signature last', () => {
    const req = { method: 'GET' as const, origin: 'http://h', path: '/k', query: [] as Array<[string, string]>, headers: {} };
    expect(() => presignS3V4(req, creds, now, { region: 'cn', expiresIn: 0 })).toThrow(/expiresIn/);
    expect(() => presignS3V4(req, creds, now, { region: 'cn', expiresIn: 604801 })).toThrow(/expiresIn/);
    const p = presignS3V4(req, creds, now, { region: 'cn', expiresIn: 60 });
    expect(p.query.at(-1)?.[0]).toBe('X-Amz-Signature');
  });
  it('parses a malformed header as undefined', () => {
    expect(parseS3V4Authorization('AWS4-HMAC-SHA256 Credential=a/b')).toBeUndefined();
    expect(parseS3V4Authorization('AWS a:b')).toBeUndefined();
  });
});
