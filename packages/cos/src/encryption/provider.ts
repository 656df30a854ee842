/**
 * What `CosEncryptionClient` needs from a key provider: wrap a fresh data
 * key and IV for an upload, unwrap them for a download. `AESProvider` and
 * `RSAProvider` implement it; any object of this shape works (a KMS-backed
 * wrapper, a test double), as long as it writes what it can read back.
 */
import { CosClientError } from '../errors.ts';
import type { DataEnvelope, WrappedEnvelope } from './envelope.ts';

/** Where an unwrap happens, for error messages. */
export interface UnwrapContext {
  /** The method, e.g. `'get_object'`. */
  op: string;
  /** The object key. */
  key: string;
}

export interface EncryptionProvider {
  /** `'aes'` or `'rsa'` (for messages). */
  readonly kind: string;
  /** Wraps the per-object data key and IV with the master key. */
  wrap(envelope: DataEnvelope): WrappedEnvelope;
  /**
   * Recovers the data key and IV of an object.
   * @throws CosClientError `WrongEncryptionProvider` when the stored values were
   *   clearly made by another kind of provider, `WrongEncryptionKey` when the
   *   master key cannot unwrap them (RSA only: an AES master key cannot be
   *   checked, the format has no MAC).
   */
  unwrap(wrapped: WrappedEnvelope, context: UnwrapContext): DataEnvelope;
}

/** True for an object usable as the provider of `CosEncryptionClient`. */
export function isEncryptionProvider(value: unknown): value is EncryptionProvider {
  const v = value as Partial<EncryptionProvider> | null;
  return typeof v === 'object' && v !== null && typeof v.wrap === 'function' && typeof v.unwrap === 'function';
}

/** A key-material problem found while building a provider: always at construction, never at the first upload. */
export function keyError(message: string, cause?: unknown): CosClientError {
  return new CosClientError(message, { code: 'InvalidEncryptionKey', ...(cause === undefined ? {} : { cause }) });
}

/** Python keyword arguments given either as one options object or positionally. */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value) || value instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
