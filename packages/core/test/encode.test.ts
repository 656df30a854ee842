import { describe, expect, it } from 'vitest';
import { encodeKeyPath, encodeRfc3986 } from '../src/encode.ts';
import { encodeQuery, buildUrl, hostOf } from '../src/url.ts';

describe('encodeRfc3986', () => {
  it('keeps only unreserved characters', () => {
    expect(encodeRfc3986('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(encodeRfc3986("!'()*")).toBe('%21%27%28%29%2A');
    expect(encodeRfc3986('a b+c%d/e=f;g')).toBe('a%20b%2Bc%25d%2Fe%3Df%3Bg');
  });
  it('encodes UTF-8 bytes with upper-case hex', () => {
    expect(encodeRfc3986('中文')).toBe('%E4%B8%AD%E6%96%87');
    expect(encodeRfc3986('😀')).toBe('%F0%9F%98%80');
  });
  it('handles the empty string', () => {
    expect(encodeRfc3986('')).toBe('');
  });
});

describe('encodeKeyPath', () => {
  it('keeps slashes, including doubled and trailing ones', () => {
    expect(encodeKeyPath('a//b c/')).toBe('a//b%20c/');
    expect(encodeKeyPath('/lead')).toBe('/lead');
  });
});

describe('query and URL', () => {
  it('writes bare parameters without =', () => {
    expect(
      encodeQuery([
        ['uploads', ''],
        ['prefix', 'a b'],
        ['max-keys', '10'],
      ]),
    ).toBe('uploads&prefix=a%20b&max-keys=10');
  });
  it('joins origin, path and query', () => {
    expect(buildUrl({ origin: 'http://127.0.0.1:9', path: '/b/k', query: [] })).toBe('http://127.0.0.1:9/b/k');
    expect(buildUrl({ origin: 'http://h', path: '/', query: [['acl', '']] })).toBe('http://h/?acl');
    expect(hostOf('http://127.0.0.1:9')).toBe('127.0.0.1:9');
    expect(hostOf('https://a.b.com')).toBe('a.b.com');
  });
});
