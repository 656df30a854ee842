import { createHash, hash, type BinaryToTextEncoding, type Hash } from 'node:crypto';
import { hmac } from './one-shot-hmac.ts';

type Data = string | Uint8Array;

// Whole-input digests use Node's one-shot `crypto.hash`: no Hash object per
// call, several times faster than `createHash()` for the small inputs every
// request hashes (a string to sign, a small body's MD5).

export function md5Hex(data: Data): string {
  return hash('md5', data, 'hex');
}

/** Base64 MD5, the form `Content-MD5` headers carry. */
export function md5Base64(data: Data): string {
  return hash('md5', data, 'base64');
}

/** A streaming MD5: `update()` chunks as they pass, `digest('hex' | 'base64')` at the end. */
export function createMd5(): Hash {
  return createHash('md5');
}

export function sha1Hex(data: Data): string {
  return hash('sha1', data, 'hex');
}

export function sha256Hex(data: Data): string {
  return hash('sha256', data, 'hex');
}

export function hmacSha1(key: Data, data: Data): Buffer;
export function hmacSha1(key: Data, data: Data, encoding: BinaryToTextEncoding): string;
export function hmacSha1(key: Data, data: Data, encoding?: BinaryToTextEncoding): Buffer | string {
  return hmac('sha1', key, data, encoding);
}

export function hmacSha256(key: Data, data: Data): Buffer;
export function hmacSha256(key: Data, data: Data, encoding: BinaryToTextEncoding): string;
export function hmacSha256(key: Data, data: Data, encoding?: BinaryToTextEncoding): Buffer | string {
  return hmac('sha256', key, data, encoding);
}
