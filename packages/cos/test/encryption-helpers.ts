/**
 * The shared client-side encryption fixtures (objects written by the Python
 * SDK's CosEncryptionClient), read straight from ../shared/fixtures/cos-encryption.
 */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AESProvider, RSAProvider } from '../src/index.ts';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/cos-encryption');

export interface SdkRead {
  call: string;
  ok: boolean;
  md5?: string;
  length?: number;
  error?: string;
}

export interface FixtureCase {
  id: string;
  provider: 'aes' | 'rsa';
  key_material: { loaded_as: 'value' | 'path' | 'paths' | 'values'; aes_key_file?: string; padding?: string };
  object_key: string;
  size: number;
  upload: string;
  parts?: Array<{ part_number: number; offset: number; size: number; etag: string }>;
  headers: Record<string, string>;
  wrapped_key_b64: string;
  wrapped_iv_b64: string;
  data_key_hex: string;
  iv_hex: string;
  sdk_reads: SdkRead[];
  plaintext_file: string;
  ciphertext_file: string;
}

export const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { cases: FixtureCase[] };
export const cases: FixtureCase[] = manifest.cases;

export const AES_KEY_FILE = join(FIXTURES, 'keys/aes-main.b64');
export const RSA_PUBLIC_FILE = join(FIXTURES, 'keys/rsa-main.pub.pem');
export const RSA_PRIVATE_FILE = join(FIXTURES, 'keys/rsa-main.key.pem');

export function payload(c: FixtureCase, which: 'plain' | 'cipher'): Buffer {
  return readFileSync(join(FIXTURES, which === 'plain' ? c.plaintext_file : c.ciphertext_file));
}

/** The provider the case was written with, loaded the way the case says. */
export function providerFor(c: FixtureCase): AESProvider | RSAProvider {
  switch (c.key_material.loaded_as) {
    case 'value':
      return new AESProvider({ aes_key: readFileSync(AES_KEY_FILE, 'utf8') });
    case 'path':
      return new AESProvider({ aes_key_path: AES_KEY_FILE });
    case 'paths':
      return new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair_path(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE) });
    case 'values':
      return new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair(readFileSync(RSA_PUBLIC_FILE, 'utf8'), readFileSync(RSA_PRIVATE_FILE, 'utf8')) });
  }
}

/** `Range='bytes=a-b'` of an SDK read call, or undefined for a whole read. */
export function rangeOf(read: SdkRead): string | undefined {
  return /Range='([^']+)'/.exec(read.call)?.[1];
}

/** Where a `bytes=a-b` / `bytes=a-` / `bytes=-n` range starts and ends (inclusive) in `size` bytes (HTTP semantics, end clamped). */
export function rangeBounds(range: string, size: number): { start: number; end: number } {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range);
  if (!m) throw new Error(`unsupported range ${range}`);
  if (m[1] === '') return { start: Math.max(0, size - Number(m[2])), end: size - 1 };
  return { start: Number(m[1]), end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

/** The slice of `bytes` a range selects. */
export function sliceFor(bytes: Buffer, range: string): Buffer {
  const { start, end } = rangeBounds(range, bytes.length);
  return bytes.subarray(start, end + 1);
}

/** True when this Node decrypts RSA PKCS#1 v1.5 (reverted CVE-2023-46809, or an OpenSSL with implicit rejection). */
export function nodeAllowsPkcs1v15(): boolean {
  const probe = publicEncrypt({ key: readFileSync(RSA_PUBLIC_FILE), padding: constants.RSA_PKCS1_PADDING }, Buffer.from('probe'));
  try {
    privateDecrypt({ key: readFileSync(RSA_PRIVATE_FILE), padding: constants.RSA_PKCS1_PADDING }, probe);
    return true;
  } catch {
    return false;
  }
}
