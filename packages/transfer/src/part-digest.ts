/**
 * What the engine checks about the bytes it sent, part by part, against what
 * the server says it stored: the CRC-64 COS reports (`uploadCrc64`) and the
 * MD5 that S3-style servers use as a part's ETag (`uploadMd5`). Both are
 * computed once over the (pooled) buffer being sent. A mismatch fails the
 * attempt and the part is sent again: it is the engine's own verdict, kept
 * here rather than stamped on the error.
 */
import { crc64 as crc64Of, md5Hex } from '@yunstore/core';
import type { UploadAdapter } from './adapter.ts';
import { IntegrityError } from './errors.ts';
import type { UploadCommonOptions } from './upload.ts';

const RESEND = new WeakSet<object>();

/** Which digests an upload computes. */
export interface PartDigests {
  crc64: boolean;
  md5: boolean;
}

/** True when this upload computes and checks CRC-64s (the server reports them and the caller did not opt out). */
export function wantsCrc64(adapter: UploadAdapter, options: UploadCommonOptions): boolean {
  return adapter.uploadCrc64 === true && options.verifyCrc64 !== false;
}

/** The digests of an upload through `adapter`. */
export function digestsFor(adapter: UploadAdapter, options: UploadCommonOptions): PartDigests {
  return { crc64: wantsCrc64(adapter, options), md5: adapter.uploadMd5 === true };
}

/** The digests of one part's bytes, as the checks need them. */
export function digestOf(bytes: Buffer, digests: PartDigests): { crc64: bigint | undefined; md5: string | undefined } {
  return { crc64: digests.crc64 ? crc64Of(bytes) : undefined, md5: digests.md5 ? md5Hex(bytes) : undefined };
}

/**
 * Checks one answer (a part, or a single PUT) against the digests of the
 * bytes sent; throws a resendable IntegrityError on a mismatch. A server that
 * reports no CRC-64 is not checked for it.
 */
export function checkStored(what: string, sent: { crc64: bigint | undefined; md5: string | undefined }, answer: { etag?: string; crc64?: string }): void {
  const stored = answer.crc64;
  if (sent.crc64 !== undefined && typeof stored === 'string' && /^\d+$/.test(stored) && BigInt(stored) !== sent.crc64) {
    throw resendable(new IntegrityError('CRC64Mismatch', `${what}: the server stored CRC-64 ${stored}, the bytes sent have ${sent.crc64}`));
  }
  if (sent.md5 !== undefined) {
    const etag = (answer.etag ?? '').replace(/^"+|"+$/g, '').toLowerCase();
    if (etag !== sent.md5)
      throw resendable(new IntegrityError('MD5Mismatch', `${what}: the server answered ETag ${etag || '(none)'}, the bytes sent have MD5 ${sent.md5}`));
  }
}

function resendable(error: IntegrityError): IntegrityError {
  RESEND.add(error);
  return error;
}

/** The retry decision for part requests: a stored-digest mismatch is sent again, anything else as `verdict` says. */
export function withResend(verdict: ((error: unknown) => boolean) | undefined, fallback: (error: unknown) => boolean): (error: unknown) => boolean {
  const decide = verdict ?? fallback;
  return (error) => (typeof error === 'object' && error !== null && RESEND.has(error)) || decide(error);
}
