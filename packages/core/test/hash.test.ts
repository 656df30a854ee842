import { describe, expect, it } from 'vitest';
import { Crc64, crc64, crc64Combine } from '../src/hash/crc64.ts';
import { createMd5, hmacSha1, hmacSha256, md5Base64, md5Hex, sha1Hex, sha256Hex } from '../src/hash/digest.ts';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('crc64 (CRC-64/XZ as COS computes x-cos-hash-crc64ecma)', () => {
  it('matches the standard check value', () => {
    expect(crc64(bytes('123456789')).toString()).toBe('11051210869376104954');
  });
  it('is 0 for no bytes', () => {
    expect(crc64(new Uint8Array(0))).toBe(0n);
    expect(new Crc64().toString()).toBe('0');
  });
  it('continues from a previous value and streams in any chunking', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31) % 256));
    const whole = crc64(data);
    expect(crc64(data.subarray(333), crc64(data.subarray(0, 333)))).toBe(whole);
    const running = new Crc64();
    for (let i = 0; i < data.length; i += 7) running.update(data.subarray(i, i + 7));
    expect(running.digest()).toBe(whole);
  });
  it('gives the same answer at every buffer alignment and length', () => {
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 73 + 11) % 256));
    const reference = crc64(Buffer.from(data)); // fresh, aligned copy
    const backing = Buffer.alloc(400);
    for (let offset = 0; offset < 8; offset++) {
      data.copy(backing, offset);
      expect(crc64(backing.subarray(offset, offset + data.length))).toBe(reference);
    }
    for (let n = 0; n < 20; n++) {
      expect(crc64(data.subarray(0, n))).toBe(crc64(Buffer.from(data.subarray(0, n))));
    }
  });
  it('combines part CRCs without the bytes', () => {
    const a = bytes('hello ');
    const b = bytes('world, 世界 + 100% ~*');
    expect(crc64Combine(crc64(a), crc64(b), b.length)).toBe(crc64(Buffer.concat([a, b])));
    expect(crc64Combine(crc64(a), 0n, 0)).toBe(crc64(a));
    expect(crc64Combine(0n, crc64(b), b.length)).toBe(crc64(b));
  });
  it('combines across lengths beyond 4 GiB arithmetic without overflow', () => {
    // zeros: crc of N zero bytes equals combine(0, crc(zeros), N); check consistency of two splits
    const zeros = new Uint8Array(4096);
    const z = crc64(zeros);
    const twice = crc64Combine(z, z, 4096);
    expect(twice).toBe(crc64(new Uint8Array(8192)));
    expect(() => crc64Combine(1n, 1n, -1)).toThrow(RangeError);
    expect(typeof crc64Combine(z, z, 5 * 1024 ** 3)).toBe('bigint');
  });
});

describe('digests', () => {
  it('md5 in hex and base64, one-shot and streaming', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Base64('hello')).toBe('XUFAKrxLKna5cZ2REBfFkg==');
    expect(createMd5().update('hel').update('lo').digest('hex')).toBe(md5Hex('hello'));
  });
  it('sha and hmac', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hmacSha1('key', 'The quick brown fox jumps over the lazy dog', 'hex')).toBe('de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9');
    expect(hmacSha256('key', 'The quick brown fox jumps over the lazy dog', 'hex')).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    expect(hmacSha256('k', 'v')).toBeInstanceOf(Buffer);
  });
});
