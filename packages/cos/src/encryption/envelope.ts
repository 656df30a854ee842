/**
 * The envelope stored next to an encrypted object: the per-object data key
 * and IV, each wrapped by the master key (provider), base64 in two user
 * metadata headers. Nothing else is stored (no algorithm name, no plaintext
 * length or MD5, no MAC): see `shared/protocols/cos-encryption.md` §1–3.
 */
import { randomBytes } from 'node:crypto';
import { CosClientError } from '../errors.ts';
import { DATA_KEY_BYTES, IV_BYTES } from './ctr.ts';

/** The metadata header holding the wrapped data key (exact spelling the Python SDK writes and reads). */
export const ENCRYPTION_KEY_HEADER = 'x-cos-meta-client-side-encryption-key';
/** The metadata header holding the wrapped IV. */
export const ENCRYPTION_IV_HEADER = 'x-cos-meta-client-side-encryption-iv';

/** The per-object secrets: the AES-256 content key and the first counter block. */
export interface DataEnvelope {
  readonly dataKey: Buffer;
  readonly iv: Buffer;
}

/** The two values as stored: the wrapped key and the wrapped IV (raw bytes, before base64). */
export interface WrappedEnvelope {
  readonly wrappedKey: Buffer;
  readonly wrappedIv: Buffer;
}

/** A fresh random data key and IV for one object (or one multipart upload). */
export function newDataEnvelope(): DataEnvelope {
  return { dataKey: randomBytes(DATA_KEY_BYTES), iv: randomBytes(IV_BYTES) };
}

/** The two metadata headers for a wrapped envelope (standard base64 with padding, as the SDK writes). */
export function envelopeMetadata(wrapped: WrappedEnvelope): Record<string, string> {
  return {
    [ENCRYPTION_KEY_HEADER]: wrapped.wrappedKey.toString('base64'),
    [ENCRYPTION_IV_HEADER]: wrapped.wrappedIv.toString('base64'),
  };
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard base64 (padding required), refusing anything Node's lenient decoder would silently skip. */
export function strictBase64(text: string): Buffer | undefined {
  return STRICT_BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

function headerValue(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  // COS and the emulator answer in lower case; accept any spelling rather than report a readable object as unencrypted.
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/** True when the response headers (head_object / get_object dict) carry the client-side encryption envelope. */
export function isClientSideEncrypted(headers: Readonly<Record<string, unknown>>): boolean {
  return headerValue(headers, ENCRYPTION_KEY_HEADER) !== undefined || headerValue(headers, ENCRYPTION_IV_HEADER) !== undefined;
}

/**
 * The wrapped envelope read from a response dict. An object without the
 * headers is not client-side encrypted: reading it through the encryption
 * client is an error (`code: 'NotClientSideEncrypted'`) rather than a
 * silent pass-through, since the caller asked for decrypted content.
 */
export function wrappedEnvelopeOf(headers: Readonly<Record<string, unknown>>, op: string, key: string): WrappedEnvelope {
  const keyText = headerValue(headers, ENCRYPTION_KEY_HEADER);
  const ivText = headerValue(headers, ENCRYPTION_IV_HEADER);
  if (keyText === undefined || ivText === undefined) {
    throw new CosClientError(
      `${op}: '${key}' is not a client-side encrypted object (no ${keyText === undefined ? ENCRYPTION_KEY_HEADER : ENCRYPTION_IV_HEADER} metadata); read it with a plain CosS3Client`,
      { code: 'NotClientSideEncrypted' },
    );
  }
  const wrappedKey = strictBase64(keyText.trim());
  const wrappedIv = strictBase64(ivText.trim());
  if (wrappedKey === undefined || wrappedIv === undefined) {
    throw new CosClientError(`${op}: the client-side encryption metadata of '${key}' is not valid base64`, { code: 'InvalidEncryptionMetadata' });
  }
  return { wrappedKey, wrappedIv };
}
