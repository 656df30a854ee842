import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmac, type HmacAlgorithm } from '../src/hash/one-shot-hmac.ts';
import { hmacSha1, hmacSha256 } from '../src/hash/digest.ts';

const ALGORITHMS: HmacAlgorithm[] = ['sha1', 'sha256'];

function reference(algorithm: HmacAlgorithm, key: string | Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

describe('one-shot HMAC', () => {
  it('matches createHmac for keys shorter than, equal to and longer than a block', () => {
    for (const algorithm of ALGORITHMS) {
      for (const keyLength of [0, 1, 20, 40, 63, 64, 65, 200]) {
        const key = randomBytes(keyLength);
        const textKey = key.toString('hex').slice(0, keyLength);
        for (const dataLength of [0, 1, 55, 64, 300, 5000]) {
          const data = randomBytes(dataLength);
          expect(hmac(algorithm, key, data).equals(reference(algorithm, key, data))).toBe(true);
          expect(hmac(algorithm, textKey, data, 'hex')).toBe(reference(algorithm, textKey, data).toString('hex'));
        }
      }
    }
  });

  it('encodes string messages and keys as UTF-8', () => {
    const key = 'clé-秘密';
    const data = 'PUT\n/bucket/文件 名.txt\nx-meta:Ünïcode 😀\n';
    expect(hmacSha1(key, data, 'base64')).toBe(reference('sha1', key, data).toString('base64'));
    expect(hmacSha256(key, data, 'hex')).toBe(reference('sha256', key, data).toString('hex'));
  });

  it('gives the same answer for a cached string key as for a fresh one, after many other keys', () => {
    const first = hmacSha256('secret-0', 'message');
    for (let i = 1; i < 200; i++) hmacSha256(`secret-${i}`, 'message');
    expect(hmacSha256('secret-0', 'message').equals(first)).toBe(true);
    expect(first.equals(reference('sha256', 'secret-0', 'message'))).toBe(true);
  });

  it('sees a byte key changed in place between calls', () => {
    const key = Buffer.from('0123456789');
    const before = hmacSha1(key, 'm', 'hex');
    key[0] = 0x41;
    const after = hmacSha1(key, 'm', 'hex');
    expect(after).not.toBe(before);
    expect(after).toBe(reference('sha1', key, 'm').toString('hex'));
  });

  it('handles messages past the scratch limit and keeps later small ones right', () => {
    const big = randomBytes(200 * 1024);
    expect(hmac('sha256', 'k', big, 'hex')).toBe(reference('sha256', 'k', big).toString('hex'));
    const mid = 'x'.repeat(40_000);
    expect(hmac('sha1', 'k', mid, 'hex')).toBe(reference('sha1', 'k', mid).toString('hex'));
    expect(hmac('sha1', 'k', 'y', 'hex')).toBe(reference('sha1', 'k', 'y').toString('hex'));
  });

  it('accepts a message that is a view into a larger buffer', () => {
    const whole = randomBytes(256);
    const view = whole.subarray(10, 90);
    expect(hmac('sha256', 'key', view).equals(reference('sha256', 'key', view))).toBe(true);
  });
});
