/**
 * Every shared fixture (objects the Python SDK's CosEncryptionClient wrote)
 * against our format code: key unwrap, whole and ranged decryption, the AES
 * re-wrap, header lengths, and our own encrypt → decrypt for the same sizes.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CosClientError, type DataEnvelope } from '../src/index.ts';
import { counterAt, ctrTransform, xorAt } from '../src/encryption/ctr.ts';
import { envelopeMetadata, newDataEnvelope, wrappedEnvelopeOf } from '../src/encryption/envelope.ts';
import { cases, nodeAllowsPkcs1v15, payload, providerFor, rangeBounds, rangeOf, sliceFor, type FixtureCase } from './encryption-helpers.ts';

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const pkcs1 = nodeAllowsPkcs1v15();
const readable = cases.filter((c) => c.key_material.loaded_as !== 'values' || pkcs1);

function unwrap(c: FixtureCase): DataEnvelope {
  return providerFor(c).unwrap(wrappedEnvelopeOf(c.headers, 'get_object', c.object_key), { op: 'get_object', key: c.object_key });
}

async function decryptStream(cipher: Buffer, env: DataEnvelope, offset: number): Promise<Buffer> {
  // Odd chunk sizes, so block boundaries fall inside chunks.
  const chunks: Buffer[] = [];
  for (let i = 0; i < cipher.length; i += 7) chunks.push(cipher.subarray(i, i + 7));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(ctrTransform(env.dataKey, env.iv, offset))) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe('shared fixtures: header values', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s: base64 lengths are the ones the format fixes', (_id, c) => {
    const keyText = c.headers['x-cos-meta-client-side-encryption-key'] as string;
    const ivText = c.headers['x-cos-meta-client-side-encryption-iv'] as string;
    const expected = c.provider === 'aes' ? [44, 24, 32, 16] : [344, 344, 256, 256];
    expect([keyText.length, ivText.length]).toEqual(expected.slice(0, 2));
    const wrapped = wrappedEnvelopeOf(c.headers, 'get_object', c.object_key);
    expect([wrapped.wrappedKey.length, wrapped.wrappedIv.length]).toEqual(expected.slice(2));
  });
});

describe('shared fixtures: unwrap and decrypt', () => {
  it.each(readable.map((c) => [c.id, c] as const))('%s: data key and IV unwrap to the recorded values', (_id, c) => {
    const env = unwrap(c);
    expect(env.dataKey.toString('hex')).toBe(c.data_key_hex);
    expect(env.iv.toString('hex')).toBe(c.iv_hex);
  });

  it.each(readable.map((c) => [c.id, c] as const))('%s: the ciphertext decrypts byte-identically, whole and streamed', async (_id, c) => {
    const env = unwrap(c);
    const plain = payload(c, 'plain');
    const cipher = payload(c, 'cipher');
    expect(xorAt(env.dataKey, env.iv, 0, cipher).equals(plain)).toBe(true);
    expect((await decryptStream(cipher, env, 0)).equals(plain)).toBe(true);
    // And our encryption of the plaintext is the stored ciphertext.
    expect(xorAt(env.dataKey, env.iv, 0, plain).equals(cipher)).toBe(true);
  });

  it.each(readable.filter((c) => c.sdk_reads.some((r) => r.ok && rangeOf(r))).map((c) => [c.id, c] as const))(
    '%s: every ranged read the SDK made gives the same bytes',
    async (_id, c) => {
      const env = unwrap(c);
      const plain = payload(c, 'plain');
      const cipher = payload(c, 'cipher');
      for (const read of c.sdk_reads.filter((r) => r.ok && rangeOf(r))) {
        const { start } = rangeBounds(rangeOf(read) as string, plain.length);
        const got = await decryptStream(sliceFor(cipher, rangeOf(read) as string), env, start);
        expect(got.length).toBe(read.length);
        expect(md5(got)).toBe(read.md5);
      }
    },
  );

  it.each(readable.filter((c) => c.size > 0).map((c) => [c.id, c] as const))(
    '%s: slices at odd offsets (and across part boundaries) decrypt on their own',
    (_id, c) => {
      const env = unwrap(c);
      const plain = payload(c, 'plain');
      const cipher = payload(c, 'cipher');
      const starts = new Set([0, 1, 3, 15, 16, 17, 31, 33, 497, 1048561, 1048575, 1048576, 1048577, 2097151, 2097156].filter((s) => s < c.size));
      for (const part of c.parts ?? []) for (const d of [-17, -1, 0, 1, 5]) if (part.offset + d >= 0 && part.offset + d < c.size) starts.add(part.offset + d);
      for (const start of starts) {
        for (const length of [1, 15, 16, 17, 40]) {
          const end = Math.min(start + length, c.size);
          expect(xorAt(env.dataKey, env.iv, start, cipher.subarray(start, end)).equals(plain.subarray(start, end))).toBe(true);
        }
      }
    },
  );

  it('the multipart fixture: every part encrypted on its own at its offset gives the stored part', () => {
    const c = cases.find((x) => x.parts !== undefined) as FixtureCase;
    const env = unwrap(c);
    const plain = payload(c, 'plain');
    for (const part of c.parts ?? []) {
      const encrypted = xorAt(env.dataKey, env.iv, part.offset, plain.subarray(part.offset, part.offset + part.size));
      expect(`"${md5(encrypted)}"`).toBe(part.etag);
    }
  });
});

describe('shared fixtures: AES wrap and PKCS#1 v1.5', () => {
  it.each(cases.filter((c) => c.provider === 'aes').map((c) => [c.id, c] as const))('%s: re-wrapping the data key reproduces both headers', (_id, c) => {
    const provider = providerFor(c);
    const wrapped = provider.wrap({ dataKey: Buffer.from(c.data_key_hex, 'hex'), iv: Buffer.from(c.iv_hex, 'hex') });
    expect(envelopeMetadata(wrapped)).toEqual({
      'x-cos-meta-client-side-encryption-key': c.wrapped_key_b64,
      'x-cos-meta-client-side-encryption-iv': c.wrapped_iv_b64,
    });
  });

  it('rsa-pkcs1v15-size16: read when Node allows PKCS#1 v1.5, otherwise refused naming CVE-2023-46809', () => {
    const c = cases.find((x) => x.id === 'rsa-pkcs1v15-size16') as FixtureCase;
    if (pkcs1) {
      expect(unwrap(c).dataKey.toString('hex')).toBe(c.data_key_hex);
      return;
    }
    let error: unknown;
    try {
      unwrap(c);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).code).toBe('Pkcs1v15Refused');
    expect((error as Error).message).toContain('CVE-2023-46809');
  });
});

describe('our encrypt → our decrypt', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s: same size, same provider, fresh data key', async (_id, c) => {
    const provider = providerFor(c);
    const plain = payload(c, 'plain');
    const env = newDataEnvelope();
    const headers = envelopeMetadata(provider.wrap(env));
    const cipher = xorAt(env.dataKey, env.iv, 0, plain);
    expect(cipher.length).toBe(plain.length);
    if (plain.length > 16) expect(cipher.equals(plain)).toBe(false);
    // RSA objects we write use OAEP, which reads back on every Node.
    const back = provider.unwrap(wrappedEnvelopeOf(headers, 'get_object', 'k'), { op: 'get_object', key: 'k' });
    expect((await decryptStream(cipher, back, 0)).equals(plain)).toBe(true);
  });
});

describe('counter arithmetic', () => {
  it('carries across all 128 bits and wraps at 2^128, as the SDK and Node do for sequential reads', () => {
    const iv = Buffer.from('00000000000000ffffffffffffffffff', 'hex');
    expect(counterAt(iv, 16).toString('hex')).toBe('00000000000001000000000000000000');
    const top = Buffer.from('fffffffffffffffffffffffffffffffe', 'hex');
    expect(counterAt(top, 32).toString('hex')).toBe('00000000000000000000000000000000');
    const key = Buffer.alloc(32, 9);
    const data = Buffer.alloc(100, 1);
    const whole = xorAt(key, top, 0, data);
    for (const start of [0, 15, 16, 31, 32, 33, 47, 64]) expect(xorAt(key, top, start, data.subarray(start)).equals(whole.subarray(start))).toBe(true);
  });
});
