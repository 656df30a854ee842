/**
 * `RSAProvider(key_pair_info=RSAProvider.get_rsa_key_pair(public, private))`:
 * the data key and the IV are each encrypted with the RSA public key.
 *
 * Writing always uses RSAES-OAEP with SHA-1 and MGF1-SHA-1: the only RSA
 * mode whose objects the Python SDK can read back (it writes PKCS#1 v1.5
 * when keys are given as values, and then cannot read its own objects).
 * Reading tries OAEP, then PKCS#1 v1.5 for objects the Python SDK wrote
 * with key values — through Node's own RSA, which since 20.11.1 refuses
 * PKCS#1 v1.5 private decryption (CVE-2023-46809, the Marvin timing attack)
 * unless the process runs with `--security-revert=CVE-2023-46809` or links an
 * OpenSSL with implicit rejection. We do not reimplement that padding in
 * JavaScript (it would bring the timing oracle back); when Node refuses, the
 * read fails with CosClientError `code: 'Pkcs1v15Refused'` naming the CVE.
 */
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CosClientError } from '../errors.ts';
import { DATA_KEY_BYTES, IV_BYTES } from './ctr.ts';
import type { DataEnvelope, WrappedEnvelope } from './envelope.ts';
import { isOptionsObject, keyError, type EncryptionProvider, type UnwrapContext } from './provider.ts';

/** Key text or bytes: PEM (PKCS#1 `RSA PUBLIC/PRIVATE KEY`, SPKI `PUBLIC KEY`, PKCS#8 `PRIVATE KEY` / `ENCRYPTED PRIVATE KEY`) or DER bytes. */
export type RsaKeyMaterial = string | Uint8Array;

/**
 * What `get_rsa_key_pair` / `get_rsa_key_pair_path` return and `RSAProvider`
 * takes as `key_pair_info`. It holds key material, so it never shows it:
 * `JSON.stringify` and `util.inspect` print only which halves are present.
 */
export class RsaKeyPairInfo {
  readonly #publicKey: Buffer | undefined;
  readonly #privateKey: Buffer | undefined;
  /** Where the keys came from: `'values'` or `'paths'` (for messages). */
  readonly source: 'values' | 'paths';

  constructor(publicKey: Buffer | undefined, privateKey: Buffer | undefined, source: 'values' | 'paths') {
    this.#publicKey = publicKey;
    this.#privateKey = privateKey;
    this.source = source;
  }

  /** @internal The raw key material, for RSAProvider. */
  material(): { publicKey: Buffer | undefined; privateKey: Buffer | undefined } {
    return { publicKey: this.#publicKey, privateKey: this.#privateKey };
  }

  toJSON(): Record<string, unknown> {
    return { source: this.source, public_key: this.#publicKey ? '[set]' : null, private_key: this.#privateKey ? '[hidden]' : null };
  }
}

/** Keyword arguments of `RSAProvider` (Python names; camelCase twins accepted). */
export interface RSAProviderOptions {
  /** From `RSAProvider.get_rsa_key_pair(public, private)` or `RSAProvider.get_rsa_key_pair_path(public_path, private_path)`. */
  key_pair_info?: RsaKeyPairInfo;
  /** Passphrase of an encrypted private key (PKCS#8 `ENCRYPTED PRIVATE KEY` or legacy `Proc-Type: 4,ENCRYPTED`). */
  passphrase?: string | Uint8Array;
  /** camelCase twin of `key_pair_info`. */
  keyPairInfo?: RsaKeyPairInfo;
}

function materialOf(value: unknown, name: string): Buffer | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    // Key *contents* always carry a PEM armour line; anything else names a file (the seed's 方式二 passes paths here).
    return value.includes('-----BEGIN') ? Buffer.from(value, 'utf8') : readKey(value, name);
  }
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw keyError(`${name} must be PEM text, DER bytes or a file path`);
}

function readKey(path: unknown, name: string): Buffer | undefined {
  if (path === undefined || path === null || path === '') return undefined;
  if (typeof path !== 'string') throw keyError(`${name} must be a file path`);
  try {
    return readFileSync(path);
  } catch (error) {
    // The Python SDK would generate a new RSA-2048 pair here and overwrite ~/.cos_local_rsa; we never do.
    throw keyError(`${name} '${path}' cannot be read (${(error as NodeJS.ErrnoException).code ?? 'EIO'}); no key pair is generated in its place`, error);
  }
}

function isPem(bytes: Buffer): boolean {
  return bytes.includes('-----BEGIN');
}

function importPrivate(bytes: Buffer, passphrase: Buffer | undefined): KeyObject {
  const withPass = passphrase ? { passphrase } : {};
  if (isPem(bytes)) return createPrivateKey({ key: bytes, format: 'pem', ...withPass });
  try {
    return createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8', ...withPass });
  } catch {
    return createPrivateKey({ key: bytes, format: 'der', type: 'pkcs1' });
  }
}

function importPublic(bytes: Buffer): KeyObject {
  if (bytes.toString('latin1', 0, 8).startsWith('ssh-rsa')) throw new Error('OpenSSH public keys are not supported; convert with ssh-keygen -e -m PKCS8');
  if (isPem(bytes)) return createPublicKey({ key: bytes, format: 'pem' });
  try {
    return createPublicKey({ key: bytes, format: 'der', type: 'spki' });
  } catch {
    return createPublicKey({ key: bytes, format: 'der', type: 'pkcs1' });
  }
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}

/** The RSA modulus, to check that the two halves belong together. */
function modulusOf(key: KeyObject): string | undefined {
  return (key.export({ format: 'jwk' }) as { n?: string }).n;
}

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' } as const;

/**
 * The asymmetric key provider: `new RSAProvider({key_pair_info})`, or
 * positionally `new RSAProvider(key_pair_info, passphrase)`. Without a
 * private key it can only write.
 */
export class RSAProvider implements EncryptionProvider {
  readonly kind = 'rsa';
  /** Modulus size in bytes: the length of each wrapped value (256 for RSA-2048). */
  readonly modulus_bytes: number;
  readonly #public: KeyObject;
  readonly #private: KeyObject | undefined;

  /** @throws CosClientError `InvalidEncryptionKey` for missing, unreadable, non-RSA, encrypted-without-passphrase or mismatched keys. */
  constructor(options?: RSAProviderOptions | RsaKeyPairInfo | null, passphrase?: string | Uint8Array | null) {
    const opts: RSAProviderOptions =
      options instanceof RsaKeyPairInfo
        ? { key_pair_info: options, ...(passphrase != null ? { passphrase } : {}) }
        : isOptionsObject(options)
          ? (options as RSAProviderOptions)
          : {};
    const info = opts.key_pair_info ?? opts.keyPairInfo;
    if (!(info instanceof RsaKeyPairInfo)) {
      throw keyError(
        'RSAProvider needs key_pair_info from RSAProvider.get_rsa_key_pair(...) or get_rsa_key_pair_path(...); key pairs are never generated implicitly',
      );
    }
    const pass = opts.passphrase == null ? undefined : Buffer.from(opts.passphrase);
    const { publicKey, privateKey } = info.material();
    let priv: KeyObject | undefined;
    if (privateKey) {
      try {
        priv = importPrivate(privateKey, pass);
      } catch (error) {
        throw keyError(`the RSA private key cannot be loaded (${reason(error)}${pass ? '' : '; an encrypted key needs passphrase'})`, error);
      }
    }
    let pub: KeyObject;
    try {
      pub = publicKey ? importPublic(publicKey) : createPublicKey(priv as KeyObject);
    } catch (error) {
      throw keyError(`the RSA public key cannot be loaded (${reason(error)})`, error);
    }
    if (pub.asymmetricKeyType !== 'rsa' || (priv && priv.asymmetricKeyType !== 'rsa')) {
      throw keyError(`RSAProvider needs RSA keys (got ${pub.asymmetricKeyType ?? 'unknown'}${priv ? ` / ${priv.asymmetricKeyType ?? 'unknown'}` : ''})`);
    }
    if (priv && modulusOf(pub) !== modulusOf(createPublicKey(priv))) {
      throw keyError('the RSA public and private keys do not belong to the same key pair');
    }
    const bits = pub.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 1024) throw keyError(`the RSA key is ${bits} bits; at least 1024 are needed to wrap a 32-byte key with OAEP`);
    this.#public = pub;
    this.#private = priv;
    this.modulus_bytes = Math.ceil(bits / 8);
  }

  /**
   * `get_rsa_key_pair(public_key, private_key)`: the keys' contents (PEM text
   * or DER bytes). A string without a PEM armour line is read as a file path,
   * so the seed's `get_rsa_key_pair('public_key_path', 'private_key_path')`
   * works too. `private_key` may be omitted for a write-only client.
   */
  static get_rsa_key_pair(public_key: RsaKeyMaterial, private_key?: RsaKeyMaterial | null): RsaKeyPairInfo {
    const pub = materialOf(public_key, 'public_key');
    const priv = materialOf(private_key, 'private_key');
    if (!pub && !priv) throw keyError('get_rsa_key_pair needs the public key, the private key, or both');
    return new RsaKeyPairInfo(pub, priv, 'values');
  }

  /** `get_rsa_key_pair_path(public_key_path, private_key_path)`: files holding the keys (PEM or DER). Missing files are an error. */
  static get_rsa_key_pair_path(public_key_path: string, private_key_path?: string | null): RsaKeyPairInfo {
    const pub = readKey(public_key_path, 'public_key_path');
    const priv = readKey(private_key_path, 'private_key_path');
    if (!pub && !priv) throw keyError('get_rsa_key_pair_path needs the public key path, the private key path, or both');
    return new RsaKeyPairInfo(pub, priv, 'paths');
  }
  /** camelCase twin of `get_rsa_key_pair`. */
  static getRsaKeyPair(publicKey: RsaKeyMaterial, privateKey?: RsaKeyMaterial | null): RsaKeyPairInfo {
    return RSAProvider.get_rsa_key_pair(publicKey, privateKey);
  }
  /** camelCase twin of `get_rsa_key_pair_path`. */
  static getRsaKeyPairPath(publicKeyPath: string, privateKeyPath?: string | null): RsaKeyPairInfo {
    return RSAProvider.get_rsa_key_pair_path(publicKeyPath, privateKeyPath);
  }

  /** Encrypts the data key and the IV separately with RSA-OAEP (SHA-1), one modulus-sized block each. */
  wrap(envelope: DataEnvelope): WrappedEnvelope {
    return {
      wrappedKey: publicEncrypt({ key: this.#public, ...OAEP }, envelope.dataKey),
      wrappedIv: publicEncrypt({ key: this.#public, ...OAEP }, envelope.iv),
    };
  }

  /**
   * @throws CosClientError `WrongEncryptionProvider` (an AES-wrapped object, or another key size),
   *   `WrongEncryptionKey` (another RSA key pair), `Pkcs1v15Refused` (see the module note),
   *   `MissingPrivateKey` (a write-only provider).
   */
  unwrap(wrapped: WrappedEnvelope, context: UnwrapContext): DataEnvelope {
    const where = `${context.op}: '${context.key}'`;
    if (!this.#private) {
      throw new CosClientError(`${where} cannot be decrypted: this RSAProvider has no private key`, { code: 'MissingPrivateKey' });
    }
    if (wrapped.wrappedKey.length !== this.modulus_bytes || wrapped.wrappedIv.length !== this.modulus_bytes) {
      const aes = wrapped.wrappedKey.length === DATA_KEY_BYTES && wrapped.wrappedIv.length === IV_BYTES;
      throw new CosClientError(
        `${where} was ${aes ? 'encrypted with an AES provider' : `wrapped with another key size (${wrapped.wrappedKey.length} bytes)`}; this client has an RSAProvider of ${this.modulus_bytes * 8} bits`,
        { code: 'WrongEncryptionProvider' },
      );
    }
    const dataKey = this.#decrypt(wrapped.wrappedKey, where);
    const iv = this.#decrypt(wrapped.wrappedIv, where);
    if (dataKey.length !== DATA_KEY_BYTES || iv.length !== IV_BYTES) {
      throw new CosClientError(`${where}: the unwrapped data key / IV have ${dataKey.length} / ${iv.length} bytes, not 32 / 16 (another key pair?)`, {
        code: 'WrongEncryptionKey',
      });
    }
    return { dataKey, iv };
  }

  #decrypt(block: Buffer, where: string): Buffer {
    const key = this.#private as KeyObject;
    try {
      return privateDecrypt({ key, ...OAEP }, block);
    } catch (oaepError) {
      // Not OAEP: the Python SDK writes PKCS#1 v1.5 when keys are given as values.
      try {
        return privateDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, block);
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_INVALID_ARG_VALUE') {
          throw new CosClientError(
            `${where} may use RSA PKCS#1 v1.5 key wrapping (the Python SDK's get_rsa_key_pair with key values); this Node refuses PKCS#1 v1.5 private decryption ` +
              '(CVE-2023-46809, Marvin attack). Run node with --security-revert=CVE-2023-46809 to read such objects, or check that this is the right key pair',
            { code: 'Pkcs1v15Refused', cause: error },
          );
        }
        throw new CosClientError(`${where}: the RSA private key cannot unwrap the object's data key (another key pair?)`, {
          code: 'WrongEncryptionKey',
          cause: oaepError,
        });
      }
    }
  }

  /** Never the key: `{provider: 'RSAProvider', modulus_bits, can_decrypt}`. */
  toJSON(): Record<string, unknown> {
    return { provider: 'RSAProvider', modulus_bits: this.modulus_bytes * 8, can_decrypt: this.#private !== undefined };
  }
}
