/**
 * Keyword-argument handling shared by the encrypted calls: the envelope
 * headers join the caller's own `Metadata` (the Python SDK replaces it), and
 * the few arguments that cannot mean what they say on ciphertext are refused
 * before any request.
 */
import { CosClientError, CosServiceError } from '../errors.ts';
import { isPlainObject } from '../validate.ts';
import { ENCRYPTION_IV_HEADER, ENCRYPTION_KEY_HEADER } from './envelope.ts';

const RESERVED = new Set([ENCRYPTION_KEY_HEADER, ENCRYPTION_IV_HEADER]);

/** The caller's Metadata plus the envelope headers; the caller may not set the envelope names. */
export function withEnvelopeMetadata(metadata: unknown, envelope: Record<string, string>): Record<string, string> {
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) {
    throw new CosClientError('Metadata must be a dict of x-cos-meta-* names to strings', { code: 'InvalidArgument' });
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata ?? {})) {
    const full = (/^x-cos-/i.test(name) ? name : `x-cos-meta-${name}`).toLowerCase();
    if (RESERVED.has(full)) {
      throw new CosClientError(`Metadata['${name}'] is reserved: the encryption client writes it`, { code: 'InvalidArgument' });
    }
    out[name] = value as string;
  }
  return { ...out, ...envelope };
}

/**
 * A caller's Content-MD5 would describe the plaintext, while COS checks the
 * ciphertext it receives (400 BadDigest). `EnableMD5` works: it hashes the
 * encrypted bytes.
 */
export function refuseContentMd5(params: Record<string, unknown>, op: string): void {
  if (params['ContentMD5'] !== undefined && params['ContentMD5'] !== null && params['ContentMD5'] !== '') {
    throw new CosClientError(`${op}: ContentMD5 cannot be checked on an encrypted body (COS sees the ciphertext); use EnableMD5=True`, {
      code: 'InvalidArgument',
    });
  }
}

/** `params` without the named keys. */
export function omit(params: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out = { ...params };
  for (const name of names) delete out[name];
  return out;
}

/** A byte count given as a number or a decimal string; undefined when absent. */
export function byteCount(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new CosClientError(`${name} must be a non-negative integer number of bytes (got ${String(value)})`, { code: 'InvalidArgument' });
  }
  return n;
}

/** Any failure as one of the package's error classes (a stray TypeError from a stream becomes CosClientError). */
export function asCosError(error: unknown, op: string): unknown {
  if (error instanceof CosClientError || error instanceof CosServiceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CosClientError(`${op}: ${message}`, { code: (error as { code?: string } | null)?.code ?? 'CosClientError', cause: error });
}
