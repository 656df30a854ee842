import { createHash, createHmac, type BinaryToTextEncoding, type Hash } from 'node:crypto';

type Data = string | Uint8Array;

export function md5Hex(data: Data): string {
  return createHash('md5').update(data).digest('hex');
}

/** Base64 MD5, the form `Content-MD5` headers carry. */
export function md5Base64(data: Data): string {
  return createHash('md5').update(data).digest('base64');
}

/** A streaming MD5: `update()` chunks as they pass, `digest('hex' | 'base64')` at the end. */
export function createMd5(): Hash {
  return createHash('md5');
}

export function sha1Hex(data: Data): string {
  return createHash('sha1').update(data).digest('hex');
}

export function sha256Hex(data: Data): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacSha1(key: Data, data: Data): Buffer;
export function hmacSha1(key: Data, data: Data, encoding: BinaryToTextEncoding): string;
export function hmacSha1(key: Data, data: Data, encoding?: BinaryToTextEncoding): Buffer | string {
  const mac = createHmac('sha1', key).update(data);
  return encoding ? mac.digest(encoding) : mac.digest();
}

export function hmacSha256(key: Data, data: Data): Buffer;
export function hmacSha256(key: Data, data: Data, encoding: BinaryToTextEncoding): string;
export function hmacSha256(key: Data, data: Data, encoding?: BinaryToTextEncoding): Buffer | string {
  const mac = createHmac('sha256', key).update(data);
  return encoding ? mac.digest(encoding) : mac.digest();
}
