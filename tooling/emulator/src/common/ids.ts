import { randomBytes, randomUUID } from 'node:crypto';
import type { DialectName } from '../dialects/types.ts';

/**
 * A fresh request id. Without a dialect: 32 lower-case hex characters. With
 * one, the shape that vendor's servers use, so logs and SDK error objects look
 * familiar: COS a base64 string, BOS a UUID, OOS and NOS 16 upper-case hex.
 */
export function newRequestId(dialect?: DialectName): string {
  switch (dialect) {
    case 'cos':
      // COS ids are base64 of an underscore-joined hex string (e.g. `NjU5...`).
      return Buffer.from(`${randomBytes(4).toString('hex')}_${randomBytes(8).toString('hex')}`).toString('base64');
    case 'bos':
      return randomUUID();
    case 'oos':
    case 'nos':
      return randomBytes(8).toString('hex').toUpperCase();
    default:
      return randomBytes(16).toString('hex');
  }
}

/**
 * A fresh multipart upload id: seconds since the epoch in hex followed by 48
 * random hex characters. Only `[0-9a-f]`, so it never needs URL encoding, and
 * ids created later sort later.
 */
export function newUploadId(now: Date = new Date()): string {
  const seconds = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(24).toString('hex');
}
