import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  encodeNosKey,
  formatNosDate,
  nosAuthorization,
  nosCanonicalHeaders,
  nosCanonicalResource,
  nosHeader,
  nosSignature,
  nosStringToSign,
  parseNosDate,
  presignNos,
  signNos,
  signNosVector,
  type NosVectorInputs,
} from '../src/sign/nos.ts';

interface Vector {
  id: string;
  kind: 'authorization_header' | 'presigned_url';
  inputs: NosVectorInputs;
  expected: Record<string, unknown> & { string_to_sign: string; signature: string };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/nos.json', import.meta.url), 'utf8')) as {
  count: number;
  vectors: Vector[];
};

describe('NOS vectors', () => {
  it('has every vector of the fixture', () => {
    expect(fixture.vectors).toHaveLength(fixture.count);
  });

  for (const v of fixture.vectors) {
    describe(v.id, () => {
      const { inputs } = v;
      const key = inputs.key ?? '';

      it('encodes the key as the wire path does', () => {
        expect(`/${encodeNosKey(key)}`).toBe(inputs.path);
      });

      if (v.kind === 'authorization_header') {
        const headers = inputs.headers ?? {};
        const query = Object.entries(inputs.query ?? {}).map(([k, val]) => [k, val ?? ''] as [string, string]);

        it('stage 1+2: canonical resource', () => {
          expect(nosCanonicalResource(inputs.bucket, encodeNosKey(key), query)).toBe(inputs.canonical_resource);
        });
        it('stage 3: string to sign', () => {
          const sts = nosStringToSign({
            method: inputs.method,
            contentMd5: nosHeader(headers, 'Content-MD5'),
            contentType: nosHeader(headers, 'Content-Type'),
            date: nosHeader(headers, 'Date'),
            canonicalHeaders: nosCanonicalHeaders(headers),
            canonicalResource: inputs.canonical_resource,
          });
          expect(sts).toBe(v.expected.string_to_sign);
        });
        it('stage 4+5: signature and Authorization', () => {
          const sig = nosSignature(inputs.access_key_secret, v.expected.string_to_sign);
          expect(sig).toBe(v.expected.signature);
          expect(nosAuthorization(inputs.access_key_id, sig)).toBe(v.expected['authorization']);
        });
        it('signNos with the vector date gives the same Authorization', () => {
          const date = parseNosDate(nosHeader(headers, 'Date'));
          expect(date).toBeInstanceOf(Date);
          const r = signNos(
            { method: inputs.method, bucket: inputs.bucket, key, query, headers },
            { accessKeyId: inputs.access_key_id, secretAccessKey: inputs.access_key_secret },
            date as Date,
          );
          // signNos always writes the Asia/Shanghai spelling; same instant, so same time fields.
          expect(r.headers.Date).toBe(formatNosDate(date as Date));
          const expectedSts = v.expected.string_to_sign.replace(nosHeader(headers, 'Date'), r.headers.Date);
          expect(r.stringToSign).toBe(expectedSts);
          if (nosHeader(headers, 'Date').endsWith('Asia/Shanghai')) {
            expect(r.headers.Authorization).toBe(v.expected['authorization']);
          }
        });
      } else {
        it('presign: string to sign, signature, URL and query', () => {
          const r = presignNos(
            {
              bucket: inputs.bucket,
              key,
              origin: `http://${inputs.host}`,
              expires: inputs.expires as number,
            },
            { accessKeyId: inputs.access_key_id, secretAccessKey: inputs.access_key_secret },
          );
          expect(r.stringToSign).toBe(v.expected.string_to_sign);
          expect(r.signature).toBe(v.expected.signature);
          expect(r.query).toEqual(v.expected['query']);
          expect(r.url).toBe(v.expected['url']);
        });
      }

      it('signNosVector(inputs) deep-equals expected', () => {
        expect(signNosVector(inputs)).toEqual(v.expected);
      });
    });
  }
});

describe('NOS key encoding edge cases', () => {
  it('keeps only A-Z a-z 0-9 - _ . * literal', () => {
    expect(encodeNosKey('AZaz09-_.*')).toBe('AZaz09-_.*');
    expect(encodeNosKey("!'()~")).toBe('%21%27%28%29%7E');
  });
  it('encodes space, +, %, / and unicode', () => {
    expect(encodeNosKey('a b')).toBe('a%20b');
    expect(encodeNosKey('a+b')).toBe('a%2Bb');
    expect(encodeNosKey('100%')).toBe('100%25');
    expect(encodeNosKey('dir//x/')).toBe('dir%2F%2Fx%2F');
    expect(encodeNosKey('中文')).toBe('%E4%B8%AD%E6%96%87');
    expect(encodeNosKey('😀')).toBe('%F0%9F%98%80');
  });
  it('empty key gives the bucket resource with its trailing slash', () => {
    expect(nosCanonicalResource('b', encodeNosKey(''), [])).toBe('/b/');
  });
});

describe('NOS canonical headers and resource edge cases', () => {
  it('lower-cases, trims and sorts by name; ignores other headers', () => {
    const out = nosCanonicalHeaders({
      'X-Nos-Meta-B': '  two ',
      'x-nos-meta-a': 'one',
      'Content-Type': 'text/plain',
      Host: 'x',
    });
    expect(out).toBe('x-nos-meta-a:one\nx-nos-meta-b:two\n');
  });
  it('sorts by name, not by "name:value" (x-nos-meta-a before x-nos-meta-a-b)', () => {
    expect(nosCanonicalHeaders({ 'x-nos-meta-a-b': '1', 'x-nos-meta-a': '2' })).toBe('x-nos-meta-a:2\nx-nos-meta-a-b:1\n');
  });
  it('keeps empty values and unicode values unencoded', () => {
    expect(nosCanonicalHeaders({ 'x-nos-meta-empty': '', 'x-nos-meta-name': '张 三+%' })).toBe('x-nos-meta-empty:\nx-nos-meta-name:张 三+%\n');
  });
  it('refuses two headers differing only in case', () => {
    expect(() => nosCanonicalHeaders({ 'x-nos-meta-a': '1', 'X-NOS-META-A': '2' })).toThrow(/duplicate header/);
  });
  it('signs only sub-resources, sorted, flags bare', () => {
    const r = nosCanonicalResource('bk', 'k', [
      ['uploadId', 'u1'],
      ['max-parts', '3'],
      ['partNumber', '2'],
      ['prefix', 'a b'],
    ]);
    expect(r).toBe('/bk/k?partNumber=2&uploadId=u1');
    expect(nosCanonicalResource('bk', '', [['delete', '']])).toBe('/bk/?delete');
  });
  it('escapes sub-resource values that need it like keys', () => {
    expect(nosCanonicalResource('bk', 'k', [['versionId', 'a+b c']])).toBe('/bk/k?versionId=a%2Bb%20c');
  });
  it('empty Content-MD5 / Content-Type give empty lines', () => {
    expect(nosStringToSign({ method: 'GET', contentMd5: '', contentType: '', date: 'D', canonicalHeaders: '', canonicalResource: '/b/' })).toBe(
      'GET\n\n\nD\n/b/',
    );
  });
});

describe('NOS dates', () => {
  const instant = new Date(Date.UTC(2023, 10, 14, 22, 13, 20));
  it('formats Beijing time with the literal zone name', () => {
    expect(formatNosDate(instant)).toBe('Wed, 15 Nov 2023 06:13:20 Asia/Shanghai');
  });
  it('parses both spellings to the same instant', () => {
    expect(parseNosDate('Wed, 15 Nov 2023 06:13:20 Asia/Shanghai')?.getTime()).toBe(instant.getTime());
    expect(parseNosDate('Tue, 14 Nov 2023 22:13:20 GMT')?.getTime()).toBe(instant.getTime());
    expect(parseNosDate('not a date')).toBeUndefined();
  });
});

describe('signNos / presignNos', () => {
  const creds = { accessKeyId: 'ak', secretAccessKey: 'sk' };
  it('re-signing with a later clock changes Date and signature', () => {
    const req = { method: 'GET', bucket: 'b', key: 'k', headers: {} };
    const a = signNos(req, creds, new Date(0));
    const b = signNos(req, creds, new Date(1000));
    expect(a.headers.Date).not.toBe(b.headers.Date);
    expect(a.headers.Authorization).not.toBe(b.headers.Authorization);
    expect(a.headers.Authorization.startsWith('NOS ak:')).toBe(true);
  });
  it('appends unsigned extra query parameters to the URL', () => {
    const r = presignNos({ bucket: 'b', key: 'a b+c', origin: 'http://b.example', expires: 100, query: [['download', '报告 1.pdf']] }, creds);
    expect(r.stringToSign).toBe('GET\n\n\n100\n/b/a%20b%2Bc');
    expect(r.url.startsWith('http://b.example/a%20b%2Bc?NOSAccessKeyId=ak&Expires=100&Signature=')).toBe(true);
    expect(r.url.endsWith(`&download=${encodeURIComponent('报告 1.pdf')}`)).toBe(true);
  });
});
