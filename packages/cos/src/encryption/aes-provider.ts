/**
 * `AESProvider(aes_key=..., aes_key_path=...)`: a symmetric master key
 * wraps each object's data key and IV with AES-CTR (counter 0), exactly as
 * the Python SDK does, so objects cross both ways.
 *
 * Unlike the Python SDK, bad or missing key material fails here, at
 * construction, with a CosClientError (`code: 'InvalidEncryptionKey'`):
 * no key is ever generated into `~/.cos_local_aes`, and no key file is
 * ever written or overwritten.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CosClientError } from '../errors.ts';
import { DATA_KEY_BYTES, IV_BYTES } from './ctr.ts';
import { strictBase64, type DataEnvelope, type WrappedEnvelope } from './envelope.ts';
import { isOptionsObject, keyError, type EncryptionProvider, type UnwrapContext } from './provider.ts';

/** Keyword arguments of `AESProvider` (Python names; camelCase twins accepted). */
export interface AESProviderOptions {
  /** The master key as **base64 text** (not the raw bytes) of 16, 24 or 32 bytes, e.g. the output of `AESProvider.generate_aes_key()`. */
  aes_key?: string | Uint8Array;
  /** A file holding the base64 text of the master key (surrounding whitespace and a trailing newline are fine). */
  aes_key_path?: string;
  /** camelCase twin of `aes_key`. */
  aesKey?: string | Uint8Array;
  /** camelCase twin of `aes_key_path`. */
  aesKeyPath?: string;
}

const ZERO_COUNTER = Buffer.alloc(16);

/** Decodes the base64 key text; messages never repeat the key. */
function masterKeyFrom(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (trimmed === '') throw keyError(`${source} is empty`);
  if (/[-_]/.test(trimmed) && !/[+/]/.test(trimmed)) {
    throw keyError(`${source} looks like URL-safe base64; the key must be standard base64 ('+' and '/'), as the Python SDK reads it`);
  }
  const key = strictBase64(trimmed);
  if (key === undefined) {
    throw keyError(`${source} is not standard base64 text; AESProvider takes the base64 of the master key, not the raw key bytes`);
  }
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw keyError(`${source} decodes to ${key.length} bytes; an AES master key is 16, 24 or 32 bytes`);
  }
  return key;
}

function readKeyFile(path: unknown): string {
  if (typeof path !== 'string' || path === '') throw keyError('aes_key_path must be a non-empty path');
  try {
    return readFileSync(path, 'latin1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    // The Python SDK would invent a key here and save it over ~/.cos_local_aes/.aes_key.pem.
    throw keyError(`aes_key_path '${path}' cannot be read (${code}); no key is generated in its place`, error);
  }
}

/**
 * The symmetric key provider. `new AESProvider({aes_key: 'base64...'})`,
 * `new AESProvider({aes_key_path: '/etc/cos/aes.key'})`, or positionally
 * `new AESProvider(aes_key)` / `new AESProvider(undefined, aes_key_path)`.
 *
 * A wrong master key cannot be detected: the format has no MAC, so the
 * download decrypts to garbage without an error (as in the Python SDK).
 */
export class AESProvider implements EncryptionProvider {
  readonly kind = 'aes';
  /** 16, 24 or 32: the wrap uses AES-128/192/256-CTR accordingly (content is always AES-256). */
  readonly master_key_bytes: number;
  readonly #master: Buffer;

  /** @throws CosClientError `InvalidEncryptionKey` for missing, unreadable or malformed key material. */
  constructor(options?: AESProviderOptions | string | Uint8Array | null, aes_key_path?: string | null) {
    const opts: AESProviderOptions = isOptionsObject(options)
      ? (options as AESProviderOptions)
      : { ...(options != null ? { aes_key: options as string | Uint8Array } : {}), ...(aes_key_path != null ? { aes_key_path } : {}) };
    const value = opts.aes_key ?? opts.aesKey;
    const path = opts.aes_key_path ?? opts.aesKeyPath;
    if (value != null && path != null) throw keyError('give aes_key or aes_key_path, not both');
    if (value == null && path == null) {
      throw keyError('AESProvider needs aes_key (base64 text) or aes_key_path; keys are never generated implicitly (see AESProvider.generate_aes_key())');
    }
    if (value != null) {
      if (typeof value !== 'string' && !(value instanceof Uint8Array)) throw keyError('aes_key must be base64 text (a string or its bytes)');
      this.#master = masterKeyFrom(typeof value === 'string' ? value : Buffer.from(value).toString('latin1'), 'aes_key');
    } else {
      this.#master = masterKeyFrom(readKeyFile(path), `the key in aes_key_path '${String(path)}'`);
    }
    this.master_key_bytes = this.#master.length;
  }

  /** A new random 32-byte master key as base64 text, for `aes_key` (nothing is written anywhere). */
  static generate_aes_key(): string {
    return randomBytes(32).toString('base64');
  }
  /** camelCase twin of `generate_aes_key`. */
  static generateAesKey(): string {
    return AESProvider.generate_aes_key();
  }

  /** `data_key ‖ iv` XOR AES-CTR(master, counter 0): deterministic, so the same master key always gives the same 48 keystream bytes. */
  #keystreamXor(bytes: Buffer): Buffer {
    return createCipheriv(`aes-${this.#master.length * 8}-ctr`, this.#master, ZERO_COUNTER).update(bytes);
  }

  /** Wraps the data key and IV (48 bytes → 32 + 16 wrapped bytes). */
  wrap(envelope: DataEnvelope): WrappedEnvelope {
    const out = this.#keystreamXor(Buffer.concat([envelope.dataKey, envelope.iv]));
    return { wrappedKey: out.subarray(0, DATA_KEY_BYTES), wrappedIv: out.subarray(DATA_KEY_BYTES) };
  }

  /** @throws CosClientError `WrongEncryptionProvider` when the values are not AES-wrapped (e.g. an RSA-encrypted object). */
  unwrap(wrapped: WrappedEnvelope, context: UnwrapContext): DataEnvelope {
    if (wrapped.wrappedKey.length !== DATA_KEY_BYTES || wrapped.wrappedIv.length !== IV_BYTES) {
      const rsa = wrapped.wrappedKey.length >= 64 && wrapped.wrappedKey.length === wrapped.wrappedIv.length;
      throw new CosClientError(
        `${context.op}: '${context.key}' was ${rsa ? 'encrypted with an RSA provider' : 'not written by an AES provider'} ` +
          `(wrapped key ${wrapped.wrappedKey.length} bytes, wrapped IV ${wrapped.wrappedIv.length}); this client has an AESProvider`,
        { code: 'WrongEncryptionProvider' },
      );
    }
    const out = this.#keystreamXor(Buffer.concat([wrapped.wrappedKey, wrapped.wrappedIv]));
    return { dataKey: out.subarray(0, DATA_KEY_BYTES), iv: out.subarray(DATA_KEY_BYTES) };
  }

  /** Never the key: `{provider: 'AESProvider', master_key_bytes}`. */
  toJSON(): Record<string, unknown> {
    return { provider: 'AESProvider', master_key_bytes: this.master_key_bytes };
  }
}
