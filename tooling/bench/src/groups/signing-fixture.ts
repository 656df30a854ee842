/**
 * The request every signer signs: a 1 MiB PUT of a key with a space, a
 * content type, a Content-MD5 and one user-metadata header — the most common
 * signed request an SDK sends. Same inputs for ours and every anchor.
 */
export const CREDENTIALS = {
  accessKeyId: 'AKIDbench00000000000000000000000001',
  secretAccessKey: 'benchSecretKey0000000000000000000A',
};

export const BUCKET = 'examplebucket-1250000000';
export const KEY = 'photos/2024/holiday photo.jpg';
/** The key as it travels in the URL path. */
export const ENCODED_KEY = 'photos/2024/holiday%20photo.jpg';
export const CONTENT_TYPE = 'image/jpeg';
export const CONTENT_LENGTH = '1048576';
export const CONTENT_MD5_BASE64 = 'XrY7u+Ae7tCTyyK7j1rNww==';
export const CONTENT_MD5_HEX = '5eb63bbbe01eeed093cb22bb8f5acdc3';
export const FIXED_NOW = new Date('2024-05-01T08:00:00Z');

/** Scheme → hash of its final HMAC and a fallback string-to-sign size, for the HMAC floor. */
export const FLOOR_HASH = { cos: 'sha1', bos: 'sha256', nos: 'sha256', s3v2: 'sha1', s3v4: 'sha256' } as const;
export type Scheme = keyof typeof FLOOR_HASH;
