import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bosAuthStringPrefix,
  bosAuthorization,
  bosCanonicalHeaders,
  bosCanonicalQuery,
  bosCanonicalRequest,
  bosCanonicalUri,
  bosHeadersToSign,
  bosSignature,
  bosSigningKey,
  bosTimestamp,
  parseBosAuthorization,
  presignBos,
  signBos,
} from '../src/sign/bos.ts';
import { signBosVector, type BosVectorInputs } from '../src/sign/bos-vector.ts';

interface Vector {
  id: string;
  kind: 'authorization_header' | 'presigned_url';
  inputs: BosVectorInputs;
  expected: Record<string, unknown> & {
    auth_string_prefix: string;
    signing_key: string;
    canonical_query_string: string;
    canonical_headers: string;
    signed_headers: string;
    canonical_request: string;
    signature: string;
    authorization: string;
    canonical_uri?: string;
  };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/bos.json', import.meta.url), 'utf8')) as {
  count: number;
  vectors: Vector[];
};

describe('bce-auth-v1 vectors', () => {
  it('holds every vector', () => {
    expect(fixture.vectors).toHaveLength(fixture.count);
  });

  describe.each(fixture.vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const { inputs, expected } = v;

    it('signBosVector(inputs) deep-equals expected', () => {
      expect(signBosVector(inputs)).toEqual(expected);
    });

    it('stage 1-3: timestamp, prefix, signing key', () => {
      expect(bosTimestamp(inputs.timestamp)).toBe(inputs.timestamp_iso);
      const prefix = bosAuthStringPrefix(inputs.access_key_id, bosTimestamp(inputs.timestamp), inputs.expiration_in_seconds);
      expect(prefix).toBe(expected.auth_string_prefix);
      expect(bosSigningKey(inputs.secret_access_key, prefix)).toBe(expected.signing_key);
    });

    if (v.kind === 'authorization_header') {
      it('stage 5-8: canonical uri, query, headers, request', () => {
        expect(bosCanonicalUri(inputs.path!)).toBe(expected.canonical_uri);
        expect(bosCanonicalQuery(inputs.query ?? {})).toBe(expected.canonical_query_string);
        const names = bosHeadersToSign(inputs.headers, inputs.headers_to_sign);
        const headers = bosCanonicalHeaders(inputs.headers, names);
        expect(headers.canonicalHeaders).toBe(expected.canonical_headers);
        expect(headers.signedHeaders).toBe(expected.signed_headers);
        expect(bosCanonicalRequest(inputs.method!, expected.canonical_uri!, expected.canonical_query_string, expected.canonical_headers)).toBe(
          expected.canonical_request,
        );
      });

      it('stage 9-10: signature and Authorization', () => {
        expect(bosSignature(expected.signing_key, expected.canonical_request)).toBe(expected.signature);
        expect(bosAuthorization(expected.auth_string_prefix, expected.signed_headers, expected.signature)).toBe(expected.authorization);
      });

      it('a verifier re-derives it from the parsed Authorization', () => {
        const parsed = parseBosAuthorization(expected.authorization)!;
        expect(parsed.accessKeyId).toBe(inputs.access_key_id);
        expect(parsed.timestamp).toBe(inputs.timestamp);
        expect(parsed.expirationInSeconds).toBe(inputs.expiration_in_seconds);
        expect(parsed.signedHeaders.join(';')).toBe(expected.signed_headers);
      });
    } else {
      it('presigned URL carries the authorization as a query parameter', () => {
        const url = new URL(expected['url'] as string);
        expect(url.host).toBe(expected['host']);
        expect(url.searchParams.get('authorization')).toBe(expected.authorization);
      });
    }
  });
});

describe('bce-auth-v1 edge cases', () => {
  it('UriEncode: space, +, %, *, ~ and unicode in the canonical URI', () => {
    expect(bosCanonicalUri('/b/a%20b')).toBe('/b/a%20b');
    expect(bosCanonicalUri('/b/a%2Bb')).toBe('/b/a%2Bb');
    expect(bosCanonicalUri('/b/100%25')).toBe('/b/100%25');
    expect(bosCanonicalUri('/b/a*b')).toBe('/b/a%2Ab');
    expect(bosCanonicalUri('/b/a~b')).toBe('/b/a~b');
    expect(bosCanonicalUri('/b/%E4%B8%AD')).toBe('/b/%E4%B8%AD');
    expect(bosCanonicalUri('/b/中')).toBe('/b/%E4%B8%AD');
  });

  it('keeps repeated and trailing slashes, empty path is "/"', () => {
    expect(bosCanonicalUri('/b/a//b/')).toBe('/b/a//b/');
    expect(bosCanonicalUri('')).toBe('/');
  });

  it('a literal % that is not an escape is encoded', () => {
    expect(bosCanonicalUri('/b/50%off')).toBe('/b/50%25off');
  });

  it('query: empty values, bare names, encoding of names and values, authorization dropped', () => {
    expect(bosCanonicalQuery([])).toBe('');
    expect(bosCanonicalQuery({ acl: '' })).toBe('acl=');
    expect(
      bosCanonicalQuery([
        ['a b', 'c+d'],
        ['x', '50%~*'],
      ]),
    ).toBe('a%20b=c%2Bd&x=50%25~%2A');
    expect(bosCanonicalQuery({ Authorization: 'x', prefix: '中' })).toBe('prefix=%E4%B8%AD');
    // whole strings are sorted: '0' < '='
    expect(bosCanonicalQuery({ text1: 'a', text10: 'b' })).toBe('text10=b&text1=a');
  });

  it('headers: trimmed, empty values skipped, x-bce-* always signed', () => {
    const headers = { Host: ' h ', 'Content-Type': '', 'X-Bce-Meta-A': ' v w ', Date: 'now' };
    const names = bosHeadersToSign(headers, null);
    expect(names).toEqual(['host', 'x-bce-meta-a']);
    expect(bosCanonicalHeaders(headers, names).canonicalHeaders).toBe('host:h\nx-bce-meta-a:v%20w');
    expect(bosHeadersToSign(headers, ['HOST', 'date'])).toEqual(['date', 'host', 'x-bce-meta-a']);
  });

  it('refuses expiration 0 and negatives other than -1', () => {
    expect(() => bosAuthStringPrefix('ak', '2020-01-01T00:00:00Z', 0)).toThrow(RangeError);
    expect(() => bosAuthStringPrefix('ak', '2020-01-01T00:00:00Z', -2)).toThrow(RangeError);
    expect(bosAuthStringPrefix('ak', '2020-01-01T00:00:00Z', -1)).toBe('bce-auth-v1/ak/2020-01-01T00:00:00Z/-1');
  });

  it('parseBosAuthorization refuses malformed strings', () => {
    expect(parseBosAuthorization('bce-auth-v1/ak/2020-01-01T00:00:00Z/1800/host')).toBeUndefined();
    expect(parseBosAuthorization('bce-auth-v2/ak/2020-01-01T00:00:00Z/1800/host/sig')).toBeUndefined();
    expect(parseBosAuthorization('bce-auth-v1/ak/yesterday/1800/host/sig')).toBeUndefined();
    expect(parseBosAuthorization('bce-auth-v1/ak/2020-01-01T00:00:00Z/1800//sig')?.signedHeaders).toEqual([]);
  });

  it('signBos sets Host, x-bce-date and a fresh Authorization without mutating the input', () => {
    const request = {
      method: 'GET' as const,
      origin: 'http://127.0.0.1:8080',
      path: '/bucket/a%20b',
      query: [['maxKeys', '10']] as Array<[string, string]>,
      headers: { 'Content-Length': '0', Authorization: 'stale', 'x-bce-date': 'stale' },
    };
    const now = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    const signed = signBos(request, { accessKeyId: 'ak', secretAccessKey: 'sk' }, now);
    expect(request.headers.Authorization).toBe('stale');
    expect(signed.headers['Host']).toBe('127.0.0.1:8080');
    expect(signed.headers['x-bce-date']).toBe('2024-01-02T03:04:05Z');
    expect(signed.headers['Authorization']).toMatch(/^bce-auth-v1\/ak\/2024-01-02T03:04:05Z\/1800\/content-length;host;x-bce-date\/[0-9a-f]{64}$/);
    const withToken = signBos(request, { accessKeyId: 'ak', secretAccessKey: 'sk', sessionToken: 'tok' }, now);
    expect(withToken.headers['x-bce-security-token']).toBe('tok');
    expect(withToken.headers['Authorization']).toContain('x-bce-security-token');
  });

  it('presignBos keeps a non-default port in the signed host and the URL', () => {
    const r = presignBos(
      { origin: 'http://127.0.0.1:9000', path: '/b/k%2Bk', params: { a: 'x y' } },
      { accessKeyId: 'ak', secretAccessKey: 'sk' },
      1700000000,
      -1,
    );
    expect(r.stages.canonicalHeaders).toBe('host:127.0.0.1%3A9000');
    expect(r.url.startsWith('http://127.0.0.1:9000/b/k%2Bk?a=x%20y&authorization=bce-auth-v1%2Fak%2F')).toBe(true);
    expect(r.stages.authStringPrefix.endsWith('/-1')).toBe(true);
  });
});
