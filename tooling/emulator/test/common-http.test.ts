import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, percentDecode, readBody, splitTarget } from '../src/common/http.ts';

const suffixes = ['localhost', 'cos.localhost', 'bos.localhost'];
const t = (url: string, host = '127.0.0.1:9000') => splitTarget({ url, headers: { host } }, suffixes);

describe('splitTarget (path style)', () => {
  it('service, bucket and key requests', () => {
    expect(t('/')).toMatchObject({ rawPath: '/', rawQuery: '', style: 'path' });
    expect(t('/').bucket).toBeUndefined();
    expect(t('/bkt')).toMatchObject({ bucket: 'bkt' });
    expect(t('/bkt').key).toBeUndefined();
    expect(t('/bkt/').key).toBeUndefined();
    expect(t('/bkt/a/b.txt')).toMatchObject({ bucket: 'bkt', key: 'a/b.txt' });
  });

  it('decodes keys: unicode, spaces, plus, percent, double and trailing slashes', () => {
    expect(t('/bkt/%E4%B8%AD%E6%96%87%20name.txt').key).toBe('中文 name.txt');
    expect(t('/bkt/a+b').key).toBe('a+b');
    expect(t('/bkt/a%2Bb').key).toBe('a+b');
    expect(t('/bkt/100%25').key).toBe('100%');
    expect(t('/bkt//lead').key).toBe('/lead');
    expect(t('/bkt/a//b').key).toBe('a//b');
    expect(t('/bkt/dir/').key).toBe('dir/');
    expect(t('/bkt/%7E%2A~*').key).toBe('~*~*');
    expect(t('/bkt/bad%zz%').key).toBe('bad%zz%');
  });

  it('keeps the raw path and query and decodes parameters', () => {
    const target = t('/bkt/k%20x?uploads&prefix=a%2Fb&x=1+2');
    expect(target.rawPath).toBe('/bkt/k%20x');
    expect(target.rawQuery).toBe('uploads&prefix=a%2Fb&x=1+2');
    expect(target.query.has('uploads')).toBe(true);
    expect(target.query.get('prefix')).toBe('a/b');
    expect(target.query.get('x')).toBe('1 2');
  });

  it('treats a Host equal to a suffix, or an IP, as path style', () => {
    expect(t('/bkt/k', 'localhost:80')).toMatchObject({ bucket: 'bkt', key: 'k', style: 'path' });
    expect(t('/bkt/k', 'cos.localhost')).toMatchObject({ bucket: 'bkt', key: 'k', style: 'path' });
    expect(t('/bkt/k', '[::1]:9000')).toMatchObject({ bucket: 'bkt', key: 'k', style: 'path' });
    expect(splitTarget({ url: '/b/k', headers: {} }, suffixes)).toMatchObject({ bucket: 'b', key: 'k' });
  });
});

describe('splitTarget (virtual-hosted)', () => {
  it('takes the bucket from the Host and the whole path as key', () => {
    expect(t('/a/b', 'bkt.localhost:9000')).toMatchObject({ bucket: 'bkt', key: 'a/b', style: 'virtual-hosted' });
    expect(t('/', 'bkt.localhost').key).toBeUndefined();
    expect(t('/?acl', 'bkt.localhost')).toMatchObject({ bucket: 'bkt', rawQuery: 'acl' });
    expect(t('//x/', 'bkt.localhost').key).toBe('/x/');
    expect(t('/%E4%BD%A0+%25', 'BKT.LocalHost:1').key).toBe('你+%');
  });

  it('prefers the longest suffix and allows dots in bucket names', () => {
    expect(t('/k', 'bkt-125.cos.localhost:1')).toMatchObject({ bucket: 'bkt-125', key: 'k' });
    expect(t('/k', 'my.bucket.cos.localhost:1')).toMatchObject({ bucket: 'my.bucket', key: 'k' });
    expect(t('/k', 'other.example.com')).toMatchObject({ bucket: 'k', style: 'path' });
  });
});

describe('percentDecode', () => {
  it('decodes multi-byte sequences and leaves malformed ones', () => {
    expect(percentDecode('%F0%9F%98%80')).toBe('😀');
    expect(percentDecode('plain')).toBe('plain');
    expect(percentDecode('%4')).toBe('%4');
  });
});

describe('readBody', () => {
  it('collects the body', async () => {
    const body = await readBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 10);
    expect(body.toString()).toBe('abcd');
  });

  it('rejects bodies over the limit', async () => {
    await expect(readBody(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('accepts an empty body', async () => {
    expect((await readBody(Readable.from([]), 0)).length).toBe(0);
  });
});
