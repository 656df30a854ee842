/**
 * Where the signing keys come from: fixed keys from the config, or a
 * credential provider asked again before its keys expire (the Python SDK's
 * `CosConfig(CredentialInstance=...)`). A provider's answer is cached; the
 * facade awaits a fresh one before each call when the cached keys are about
 * to expire, and signing (which is synchronous) reads the cache.
 */
import type { Credentials } from '@yunstore/core';
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

interface Cached {
  credentials: Credentials;
  /** Epoch ms; undefined when the provider gave no expiry (asked once). */
  expiresAt: number | undefined;
}

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

function expiryOf(answer: CosCredentials): number | undefined {
  if (typeof answer.ExpiredTime === 'number' && Number.isFinite(answer.ExpiredTime)) return answer.ExpiredTime * 1000;
  if (answer.Expiration !== undefined) {
    const ms = new Date(answer.Expiration).getTime();
    if (Number.isFinite(ms)) return ms;
  }
  return undefined;
}

/** A provider's answer as core credentials; a missing key is a clear error, never a bad signature. */
export function toCredentials(answer: unknown): Cached {
  if (typeof answer !== 'object' || answer === null) fail('CredentialInstance returned no credentials');
  const a = answer as CosCredentials;
  const id = a.SecretId ?? a.TmpSecretId;
  const key = a.SecretKey ?? a.TmpSecretKey;
  if (typeof id !== 'string' || id === '' || typeof key !== 'string' || key === '') {
    fail('CredentialInstance returned no SecretId/SecretKey (TmpSecretId/TmpSecretKey)');
  }
  const token = a.Token ?? a.SecurityToken;
  const credentials: Credentials = { accessKeyId: id, secretAccessKey: key };
  if (typeof token === 'string' && token !== '') credentials.sessionToken = token;
  return { credentials, expiresAt: expiryOf(a) };
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

/** Background refreshes from signing (long transfers) are at most this frequent. */
const BACKGROUND_REFRESH_INTERVAL_MS = 10_000;

/** The refresh state of one config's provider. */
export class CredentialSource {
  readonly #instance: CosCredentialInstance;
  #cached: Cached | undefined;
  #pending: Promise<void> | undefined;
  #lastAsked = 0;

  constructor(instance: CosCredentialInstance) {
    this.#instance = instance;
  }

  /** True when the cached keys are missing or expire within the refresh window. */
  #due(now: number): boolean {
    const c = this.#cached;
    return c === undefined || (c.expiresAt !== undefined && c.expiresAt - now <= REFRESH_BEFORE_EXPIRY_MS);
  }

  /** Asks the provider when nothing is cached or the cached keys are about to expire; concurrent callers share one call. */
  async ready(): Promise<void> {
    if (typeof this.#instance !== 'function') return;
    if (this.#pending === undefined && !this.#due(Date.now())) return;
    const provider = this.#instance;
    this.#pending ??= this.#ask(async () => await provider());
    await this.#pending;
  }

  /** One call to the provider; the answer replaces the cache, a failure is a CosClientError. */
  #ask(call: () => Promise<unknown>): Promise<void> {
    this.#lastAsked = Date.now();
    const run = async (): Promise<void> => {
      let answer: unknown;
      try {
        answer = await call();
      } catch (error) {
        if (error instanceof CosClientError) throw error;
        fail(`CredentialInstance failed: ${(error as Error)?.message ?? String(error)}`, error);
      }
      this.#cached = toCredentials(answer);
    };
    return run().finally(() => {
      this.#pending = undefined;
    });
  }

  /**
   * The keys to sign with now. Every request awaits `ready()` first; this
   * also serves requests that do not (the parts of a long transfer, presigned
   * URLs): a provider answering synchronously is asked here when needed, and
   * keys inside the refresh window are refreshed in the background.
   */
  current(): Credentials {
    const instance = this.#instance;
    if (typeof instance !== 'function') return fromPythonInstance(instance);
    const now = Date.now();
    if (this.#cached === undefined || (this.#cached.expiresAt !== undefined && this.#cached.expiresAt <= now)) {
      this.#askNow(instance);
    } else if (this.#due(now) && this.#pending === undefined && now - this.#lastAsked >= BACKGROUND_REFRESH_INTERVAL_MS) {
      // Failures here surface on the next ready(); the cached keys are still valid.
      this.#ask(async () => await instance()).catch(() => undefined);
    }
    const cached = this.#cached;
    if (cached === undefined || (cached.expiresAt !== undefined && cached.expiresAt <= now)) {
      fail('the CredentialInstance keys are not loaded yet or have expired: await a request (or config.loadCredentials()) first');
    }
    return cached.credentials;
  }

  /** Asks a provider from synchronous code: a synchronous answer is used at once, a Promise is kept for later. */
  #askNow(provider: () => CosCredentials | Promise<CosCredentials>): void {
    if (this.#pending !== undefined) return;
    let answer: unknown;
    try {
      answer = provider();
    } catch (error) {
      fail(`CredentialInstance failed: ${(error as Error)?.message ?? String(error)}`, error);
    }
    if (answer instanceof Promise) {
      this.#pending = this.#ask(() => answer as Promise<unknown>);
      this.#pending.catch(() => undefined);
      return;
    }
    this.#lastAsked = Date.now();
    this.#cached = toCredentials(answer);
  }
}
