import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addressNos } from '../src/address.ts';
import { nosRetryPolicy } from '../src/transport.ts';
import { deleteObjectsXml } from '../src/operations/object.ts';
import { completeXml, normaliseParts } from '../src/operations/multipart.ts';
import { bodyMd5, checkBucket, checkKey, checkMetaData, checkPartNum, optionalInt, toNosBody } from '../src/validate.ts';
import { ClientException, InvalidBucketName, InvalidObjectName, FileOpenModeError } from '../src/errors.ts';

describe('bucket and key rules', () => {
  it('accepts NOS bucket names and refuses the rest', () => {
    for (const ok of ['abc', 'demo-bucket', 'a1b2', 'x'.repeat(63)]) expect(checkBucket(ok)).toBe(ok);
    for (const bad of ['', 'ab', 'Upper', 'under_score', '-start', 'end-', 'a--b', '192.168.1.1', 'x'.repeat(64), 3]) {
      expect(() => checkBucket(bad)).toThrow(InvalidBucketName);
    }
  });
  it("keys: 1..1000 UTF-8 bytes once stripped of leading and trailing '/' (Python's key.strip('/'))", () => {
    expect(checkKey('/a//b/')).toBe('a//b');
    expect(checkKey('///a/b')).toBe('a/b');
    expect(checkKey('dir/')).toBe('dir');
    expect(checkKey('中'.repeat(333))).toHaveLength(333);
    expect(checkKey(`/${'中'.repeat(333)}/`)).toHaveLength(333);
    expect(() => checkKey('中'.repeat(334))).toThrow(InvalidObjectName);
    expect(() => checkKey('', 'src_key')).toThrow(/src_key/);
  });
  it('refuses a key that is empty once normalised: sent, it would address the bucket', () => {
    for (const bad of ['/', '//', '///']) {
      expect(() => checkKey(bad)).toThrow(InvalidObjectName);
      expect(() => checkKey(bad, 'dest_key')).toThrow(/dest_key "\/+" is empty once/);
    }
  });
  it('part numbers 1..10000, numeric strings accepted', () => {
    expect(checkPartNum(1)).toBe(1);
    expect(checkPartNum('10000')).toBe(10000);
    for (const bad of [0, 10001, 1.5, -1, 'x', undefined]) expect(() => checkPartNum(bad)).toThrow(ClientException);
    expect(optionalInt(undefined, 'limit', 0, 1000)).toBeUndefined();
  });
});

describe('meta_data', () => {
  it('keeps x-nos-meta-* and the standard headers, refuses other names and non-strings', () => {
    expect(checkMetaData({ 'x-nos-meta-a': '1', 'X-Nos-Meta-B': '', 'Content-Type': 'text/plain' })).toEqual({
      'x-nos-meta-a': '1',
      'X-Nos-Meta-B': '',
      'Content-Type': 'text/plain',
    });
    expect(() => checkMetaData({ owner: 'x' })).toThrow(/meta_data key "owner"/);
    expect(() => checkMetaData({ 'x-nos-meta-a': 1 })).toThrow(/must be a string/);
    expect(() => checkMetaData({ 'x-nos-meta-a': '1', 'X-NOS-META-A': '2' })).toThrow(/twice/);
    expect(() => checkMetaData({ 'x-nos-meta-a': 'a\r\nb' })).toThrow(/line breaks/);
  });
  it('passes other x-nos-* headers through, as Python merges meta_data into the headers', () => {
    expect(checkMetaData({ 'x-nos-storage-class': 'standard', 'X-Nos-Meta-A': 'b' })).toEqual({ 'x-nos-storage-class': 'standard', 'X-Nos-Meta-A': 'b' });
    expect(() => checkMetaData({ 'x-nos-': 'v' })).toThrow(/not a valid header name/);
  });
  it('refuses non-ASCII values at once with ClientException (Python raises on str() before sending)', () => {
    for (const value of ['张三', 'café', 'a\u0000b', 'emoji 😀']) {
      expect(() => checkMetaData({ 'x-nos-meta-author': value })).toThrow(ClientException);
    }
    expect(() => checkMetaData({ 'x-nos-meta-author': '张三' })).toThrow(/x-nos-meta-author.*printable ASCII/);
    expect(checkMetaData({ 'x-nos-meta-author': encodeURIComponent('张三') })).toEqual({ 'x-nos-meta-author': '%E5%BC%A0%E4%B8%89' });
  });
});

describe('bodies', () => {
  it('strings, bytes and JSON values become replayable bytes with the hex MD5', async () => {
    const body = await toNosBody('hello nos');
    expect(body.length).toBe(9);
    // Vector nos-s02: Content-MD5 of "hello nos".
    expect(await bodyMd5(body)).toBe('55df9ce43374d395c2750459222e6420');
    const json = await toNosBody({ 名: 1 });
    expect((json.open() as Buffer).toString()).toBe('{"名":1}');
  });
  it('a one-shot stream has no MD5 and no length; a text-mode stream is refused', async () => {
    const body = await toNosBody(Readable.from([Buffer.from('x')]));
    expect(body.replayable).toBe(false);
    expect(await bodyMd5(body)).toBeUndefined();
    const text = Readable.from(['x']);
    text.setEncoding('utf8');
    await expect(toNosBody(text)).rejects.toBeInstanceOf(FileOpenModeError);
  });
});

describe('request documents match the vectors', () => {
  const vectors = (
    JSON.parse(readFileSync(new URL('../../core/test/fixtures/nos.json', import.meta.url), 'utf8')) as {
      vectors: Array<{ id: string; inputs: { body?: string; headers?: Record<string, string> } }>;
    }
  ).vectors;
  const byId = (id: string) => vectors.find((v) => v.id.startsWith(id))?.inputs;

  it('delete_objects XML (nos-s12)', () => {
    const v = byId('nos-s12');
    const xml = deleteObjectsXml(['1.jpg', 'dir/2 b.jpg'], false);
    expect(xml).toBe(v?.body);
    expect(createHash('md5').update(xml).digest('hex')).toBe(v?.headers?.['Content-MD5']);
    expect(deleteObjectsXml([], true)).toBe('<Delete><Quiet>true</Quiet><Object><Key></Key></Object></Delete>');
    expect(deleteObjectsXml(['a&<b>'], false)).toContain('<Key>a&amp;&lt;b&gt;</Key>');
  });
  it('complete_multipart_upload XML (nos-s08)', () => {
    const v = byId('nos-s08');
    const xml = completeXml(
      normaliseParts([
        { part_num: 1, etag: '3858f62230ac3c915f300c664312c11f' },
        { PartNumber: 2, ETag: '7778aef83f66abc1fa1e8477f296d394' },
      ]),
    );
    expect(xml).toBe(v?.body);
    expect(createHash('md5').update(xml).digest('hex')).toBe(v?.headers?.['Content-MD5']);
  });
});

describe('addressing and retry policy', () => {
  it('virtual-hosted for names, path style for IPs and localhost', () => {
    expect(addressNos('nos-eastchina1.126.net', false, 'b', 'a/b c')).toEqual({ origin: 'http://b.nos-eastchina1.126.net', path: '/a%2Fb%20c' });
    expect(addressNos('nos-eastchina1.126.net', true, 'b', undefined)).toEqual({ origin: 'https://b.nos-eastchina1.126.net', path: '/' });
    expect(addressNos('127.0.0.1:9000', false, 'b', 'k')).toEqual({ origin: 'http://127.0.0.1:9000', path: '/b/k' });
    expect(addressNos('https://localhost:1', false, 'b', undefined)).toEqual({ origin: 'https://localhost:1', path: '/b/' });
  });
  it('retries 500/501/503 and connection errors, max_retries extra attempts', () => {
    const p = nosRetryPolicy({ max_retries: 2, retry_backoff_factor: 0, retry_on_timeout: false });
    expect(p.maxAttempts).toBe(3);
    expect([500, 501, 503, 502, 404].map((status) => p.should_retry({ attempt: 1, status }))).toEqual([true, true, true, false, false]);
    expect(p.should_retry({ attempt: 3, status: 500 })).toBe(false);
    expect(p.should_retry({ attempt: 1, error: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })).toBe(true);
    expect(p.should_retry({ attempt: 1, error: Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }) })).toBe(false);
    expect(p.delay({ attempt: 1 })).toBe(0);
    const slow = nosRetryPolicy({ max_retries: 9, retry_backoff_factor: 1, retry_on_timeout: true });
    expect(slow.delay({ attempt: 2 })).toBe(4000);
    expect(slow.delay({ attempt: 9 })).toBe(120_000);
  });
});
