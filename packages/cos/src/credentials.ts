/**
 * Where the signing keys come from: fixed keys from the config, or a
 * credential provider asked again before its keys expire (the Python SDK's
 * `CosConfig(CredentialInstance=...)`). This file maps COS's spellings; the
 * caching (refresh 5 minutes before expiry, one shared provider call,
 * synchronous reads for signing) is core's `CredentialCache`.
 */
import { CredentialCache, type Credentials, type ProvidedCredentials } from '@yunstore/core';
import { CosClientError } from './errors.ts';

/** What a provider function gives: temporary keys from STS, in the spellings STS and the SDKs use. */
export interface CosCredentials {
  /** Key id (STS `TmpSecretId`, also accepted). */
  SecretId?: string;
  /** Key secret (STS `TmpSecretKey`, also accepted). */
  SecretKey?: string;
  /** Session token (STS `Token`; `SecurityToken` also accepted), sent as `x-cos-security-token`. */
  Token?: string | null;
  TmpSecretId?: string;
  TmpSecretKey?: string;
  SecurityToken?: string;
  /** When the keys expire: Unix seconds (STS `ExpiredTime`). */
  ExpiredTime?: number;
  /** When the keys expire, as a Date or ISO string (STS `Expiration`). Used when `ExpiredTime` is absent. */
  Expiration?: Date | string;
}

/**
 * The Python SDK's `CredentialInstance`: an object whose `secret_id`,
 * `secret_key` and `token` are read for every signature (getters may refresh
 * them, as tencentcloud's `CVMRoleCredential` does).
 */
export interface PythonCredentialInstance {
  readonly secret_id: string;
  readonly secret_key: string;
  readonly token?: string | null;
}

/**
 * `CredentialInstance`: either the Python SDK's object (`secret_id`,
 * `secret_key`, `token`) or a function returning (a Promise of)
 * `{SecretId, SecretKey, Token, ExpiredTime}`; the function is called on the
 * first request and again shortly before `ExpiredTime`.
 */
export type CosCredentialInstance = PythonCredentialInstance | (() => CosCredentials | Promise<CosCredentials>);

/** Keys are refreshed this long before they expire, so a request never leaves with keys about to lapse. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

function fail(message: string, cause?: unknown): never {
  throw new CosClientError(message, { code: 'InvalidCredentials', ...(cause === undefined ? {} : { cause }) });
}

function isPythonInstance(value: unknown): value is PythonCredentialInstance {
  return typeof value === 'object' && value !== null && 'secret_id' in value && 'secret_key' in value;
}

/** Checks a `CredentialInstance` option when the config is built. */
export function checkCredentialInstance(value: unknown): CosCredentialInstance | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'function' || isPythonInstance(value)) return value as CosCredentialInstance;
  return fail('CredentialInstance must be an object with secret_id, secret_key and token, or a function returning {SecretId, SecretKey, Token, ExpiredTime}');
}

/** Epoch ms from `ExpiredTime` (Unix seconds) or `Expiration`. */
function expiryOf(answer: CosCredentials): number | Date | string | undefined {
  if (typeof answer.ExpiredTime === 'number' && Number.isFinite(answer.ExpiredTime)) return answer.ExpiredTime * 1000;
  return answer.Expiration;
}

/** A provider's answer in core's spelling; a missing key is a clear error, never a bad signature. */
export function toProvided(answer: unknown): ProvidedCredentials {
  if (typeof answer !== 'object' || answer === null) fail('CredentialInstance returned no credentials');
  const a = answer as CosCredentials;
  const id = a.SecretId ?? a.TmpSecretId;
  const key = a.SecretKey ?? a.TmpSecretKey;
  if (typeof id !== 'string' || id === '' || typeof key !== 'string' || key === '') {
    fail('CredentialInstance returned no SecretId/SecretKey (TmpSecretId/TmpSecretKey)');
  }
  const token = a.Token ?? a.SecurityToken;
  return { accessKeyId: id, secretAccessKey: key, sessionToken: typeof token === 'string' ? token : undefined, expiration: expiryOf(a) };
}

/** Reads the Python-style instance's properties (each read may refresh). */
function fromPythonInstance(instance: PythonCredentialInstance): Credentials {
  let id: unknown;
  let key: unknown;
  let token: unknown;
  try {
    id = instance.secret_id;
    key = instance.secret_key;
    token = instance.token;
  } catch (error) {
    fail(`CredentialInstance failed: ${(error as Error).message}`, error);
  }
  if (typeof id !== 'string' || id === '' || typeof key !== 'string' || key === '') fail('CredentialInstance has no secret_id/secret_key');
  const credentials: Credentials = { accessKeyId: id, secretAccessKey: key };
  if (typeof token === 'string' && token !== '') credentials.sessionToken = token;
  return credentials;
}

/** The refresh state of one config's provider: a function goes through core's cache, the Python object is read each time. */
export class CredentialSource {
  readonly #instance: PythonCredentialInstance | undefined;
  readonly #cache: CredentialCache | undefined;

  constructor(instance: CosCredentialInstance) {
    if (typeof instance === 'function') {
      this.#cache = new CredentialCache(instance, {
        label: 'CredentialInstance',
        loadHint: 'await a request (or config.loadCredentials()) first',
        refreshBeforeExpiryMs: REFRESH_BEFORE_EXPIRY_MS,
        normalize: toProvided,
        toError: (error) => new CosClientError(error.message, { code: 'InvalidCredentials', ...(error.cause === undefined ? {} : { cause: error.cause }) }),
      });
    } else {
      this.#instance = instance;
    }
  }

  /** Asks a function provider when nothing is cached or the cached keys are about to expire; concurrent callers share one call. */
  async ready(): Promise<void> {
    await this.#cache?.ready();
  }

  /** The keys to sign with now (see core's `CredentialCache.current()`). */
  current(): Credentials {
    if (this.#cache) return this.#cache.current();
    return fromPythonInstance(this.#instance as PythonCredentialInstance);
  }
}
