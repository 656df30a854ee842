import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cosAuthorization,
  cosCanonicalize,
  cosHttpHeaders,
  cosHttpParameters,
  cosHttpString,
  cosKeyTime,
  cosPathnameFromPath,
  cosSignKey,
  cosSignature,
  cosStringToSign,
  isCosSignableHeader,
  parseCosAuthorization,
  parseCosKeyTime,
  presignCos,
  selectCosHeaders,
  signCos,
  type CosSignatureDebug,
} from '../src/sign/cos.ts';
import { signCosVector, type CosVectorInput } from '../src/sign/cos-vector.ts';

interface Vector {
  id: string;
  kind: 'header' | 'presign';
  input: CosVectorInput;
  expected: { authorization?: string; url?: string; callbackUrl?: string; signature?: string; debug: CosSignatureDebug };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/cos.json', import.meta.url), 'utf8')) as { vectors: Vector[] };

describe('cos signer: shared vectors, stage by stage', () => {
  it('has vectors of both kinds', () => {
    expect(fixture.vectors.filter((v) => v.kind === 'header').length).toBeGreaterThan(10);
    expect(fixture.vectors.filter((v) => v.kind === 'presign').length).toBeGreaterThanOrEqual(2);
  });

  for (const v of fixture.vectors) {
    describe(v.id, () => {
      const { input, expected } = v;
      const d = expected.debug;
      const signedHeaders = v.kind === 'presign' ? (input.signedHeaders ?? {}) : selectCosHeaders(input.headers);

      it('keyTime', () => {
        const kt = parseCosKeyTime(input.keyTime);
        expect(kt).toBeDefined();
        expect(cosKeyTime(kt!.start, kt!.end)).toBe(d.keyTime);
      });
      it('signKey', () => expect(cosSignKey(input.secretKey, input.keyTime)).toBe(d.signKey));
      it('httpParameters / urlParamList', () => {
        expect(cosHttpParameters(input.query)).toEqual({ httpParameters: d.httpParameters, urlParamList: d.urlParamList });
      });
      it('httpHeaders / headerList (signable set filtered)', () => {
        expect(cosHttpHeaders(signedHeaders)).toEqual({ httpHeaders: d.httpHeaders, headerList: d.headerList });
      });
      it('httpString', () => {
        expect(cosHttpString(input.method, input.pathname, d.httpParameters, d.httpHeaders)).toBe(d.httpString);
      });
      it('stringToSign', () => expect(cosStringToSign(input.keyTime, d.httpString)).toBe(d.stringToSign));
      it('signature', () => expect(cosSignature(d.signKey, d.stringToSign)).toBe(d.signature));
      if (expected.authorization) {
        it('authorization', () => {
          expect(
            cosAuthorization({
              secretId: input.secretId,
              keyTime: input.keyTime,
              headerList: d.headerList,
              urlParamList: d.urlParamList,
              signature: d.signature,
            }),
          ).toBe(expected.authorization);
          expect(parseCosAuthorization(expected.authorization!)).toEqual({
            secretId: input.secretId,
            keyTime: input.keyTime,
            headerList: d.headerList,
            urlParamList: d.urlParamList,
            signature: d.signature,
          });
        });
      }
      if (input.requestPath) {
        it('wire path decodes back to the signed pathname', () => expect(cosPathnameFromPath(input.requestPath!)).toBe(input.pathname));
      }
      it('signCosVector(input) deep-equals expected', () => expect(signCosVector(input)).toEqual(expected));
    });
  }
});

const creds = { accessKeyId: 'AKIDtest', secretAccessKey: 'secret' };

describe('cos signer: signCos on wire requests', () => {
  it('uses now-1 .. now-1+900 by default and signs Host from the origin', () => {
    const r = signCos({ method: 'GET', origin: 'http://127.0.0.1:9000', path: '/a%20b', query: [] }, creds, { now: new Date(1_700_000_000_500) });
    expect(r.debug.keyTime).toBe('1699999999;1700000899');
    expect(r.debug.headerList).toBe('host');
    expect(r.debug.httpHeaders).toBe('host=127.0.0.1%3A9000');
    expect(r.debug.httpString).toBe('get\n/a b\n\nhost=127.0.0.1%3A9000\n');
    expect(r.headers).toEqual({ Authorization: r.authorization });
  });

  it('expiresSeconds widens the window', () => {
    const r = signCos({ method: 'GET', origin: 'http://h', path: '/', query: [] }, creds, { now: 1_000_000, expiresSeconds: 60 });
    expect(r.debug.keyTime).toBe('999;1059');
  });

  it('adds and signs x-cos-security-token for temporary keys', () => {
    const r = signCos(
      { method: 'HEAD', origin: 'https://b-1250000000.cos.ap-guangzhou.myqcloud.com', path: '/k', query: [] },
      { ...creds, sessionToken: 'tok/+=' },
      { keyTime: '1;2' },
    );
    expect(r.headers['x-cos-security-token']).toBe('tok/+=');
    expect(r.debug.headerList).toBe('host;x-cos-security-token');
    expect(r.debug.httpHeaders).toContain('x-cos-security-token=tok%2F%2B%3D');
  });

  it('headersToSign signs exactly the listed headers', () => {
    const request = { method: 'PUT' as const, origin: 'http://h', path: '/k', query: [], headers: { 'Content-Type': 'text/plain', 'x-cos-meta-a': '1' } };
    expect(signCos(request, creds, { keyTime: '1;2', headersToSign: ['content-type'] }).debug.headerList).toBe('content-type');
    expect(signCos(request, creds, { keyTime: '1;2', headersToSign: ['content-type', 'host'] }).debug.headerList).toBe('content-type;host');
  });

  it('a request signed with no headers at all has an empty q-header-list (Python get_auth SignHost=False)', () => {
    const r = signCos({ method: 'GET', origin: 'https://b-1250000000.cos.ap-guangzhou.myqcloud.com', path: '/k', query: [] }, creds, {
      keyTime: '1;2',
      headersToSign: [],
    });
    expect(r.debug.headerList).toBe('');
    expect(r.debug.httpHeaders).toBe('');
    expect(r.authorization).toContain('&q-header-list=&q-url-param-list=&');
    // The default still signs Host, taken from the origin.
    expect(signCos({ method: 'GET', origin: 'https://h', path: '/k', query: [] }, creds, { keyTime: '1;2' }).debug.headerList).toBe('host');
  });

  it('a temporary key still signs its token when headersToSign is given', () => {
    const r = signCos({ method: 'GET', origin: 'https://h', path: '/k', query: [] }, { ...creds, sessionToken: 't' }, { keyTime: '1;2', headersToSign: [] });
    expect(r.debug.headerList).toBe('x-cos-security-token');
  });

  it('drops empty header values and unsignable headers', () => {
    expect(selectCosHeaders({ 'Cache-Control': '', 'User-Agent': 'x', 'x-CI-thing': 'v', Range: 'bytes=0-1' }).map(([n]) => n)).toEqual([
      'x-CI-thing',
      'Range',
    ]);
    expect(isCosSignableHeader('X-Cos-Meta-Foo')).toBe(true);
    expect(isCosSignableHeader('date')).toBe(false);
  });

  it('requires a clock or a window, and rejects bad windows', () => {
    expect(() => signCos({ method: 'GET', origin: 'http://h', path: '/', query: [] }, creds, {})).toThrow(/now/);
    expect(() => signCos({ method: 'GET', origin: 'http://h', path: '/', query: [] }, creds, { keyTime: 'x' })).toThrow(/keyTime/);
    expect(() => cosKeyTime(5, 4)).toThrow(RangeError);
  });
});

describe('cos signer: encoding edge cases', () => {
  it('unicode, spaces, +, % and empty values in query parameters', () => {
    const { httpParameters, urlParamList } = cosHttpParameters([
      ['prefix', '目录/a b+c%d'],
      ['uploads', ''],
      ['Max-Keys', '10'],
      ['x*y', "(!')"],
    ]);
    expect(urlParamList).toBe('max-keys;prefix;uploads;x%2ay');
    expect(httpParameters).toBe('max-keys=10&prefix=%E7%9B%AE%E5%BD%95%2Fa%20b%2Bc%25d&uploads=&x%2ay=%28%21%27%29');
  });

  it('sorts by the encoded lower-cased name', () => {
    expect(
      cosCanonicalize([
        ['b', '1'],
        ['A', '2'],
        ['a-', '3'],
      ]).list,
    ).toBe('a;a-;b');
  });

  it('the path keeps unicode, spaces, + and % raw; // and a trailing / survive', () => {
    const path = '/%E4%B8%AD%E6%96%87%20a%2Bb%2525c~d%2A//e/';
    expect(cosPathnameFromPath(path)).toBe('/中文 a+b%25c~d*//e/');
    const r = signCos({ method: 'GET', origin: 'http://h', path, query: [] }, creds, { keyTime: '1;2' });
    expect(r.debug.httpString.split('\n')[1]).toBe('/中文 a+b%25c~d*//e/');
  });
});

describe('cos signer: presignCos', () => {
  it('appends the token percent-encoded and the signed query parameters', () => {
    const p = presignCos(
      { method: 'GET', origin: 'http://127.0.0.1:1', path: '/k%20x', query: [['response-content-type', 'text/plain; a=b']] },
      { ...creds, sessionToken: 'a b+/' },
      { now: new Date(1000_000), expiresSeconds: 60 },
    );
    expect(p.debug.keyTime).toBe('1000;1060');
    expect(p.debug.urlParamList).toBe('response-content-type');
    expect(p.url).toBe(`http://127.0.0.1:1/k%20x?${p.authorization}&x-cos-security-token=a%20b%2B%2F&response-content-type=text%2Fplain%3B%20a%3Db`);
    const u = new URL(p.url);
    expect(u.searchParams.get('x-cos-security-token')).toBe('a b+/');
    expect(u.searchParams.get('q-sign-time')).toBe('1000;1060');
    expect(p.query.map(([n]) => n)).toContain('q-signature');
  });

  it('signs extra headers when asked', () => {
    const p = presignCos({ method: 'PUT', origin: 'http://h', path: '/k', query: [], headers: { 'Content-Type': 'image/png' } }, creds, {
      now: 0,
      expiresSeconds: 10,
      headersToSign: ['Content-Type'],
    });
    expect(p.debug.headerList).toBe('content-type;host');
  });

  it('needs an expiry', () => {
    expect(() => presignCos({ method: 'GET', origin: 'http://h', path: '/', query: [] }, creds, { now: 0 })).toThrow(/expiresSeconds/);
  });
});
