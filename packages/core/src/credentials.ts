/**
 * Keys from a credential provider (STS, a metadata service, a vault),
 * cached and asked for again shortly before they expire. Each vendor maps its
 * own spelling (COS `TmpSecretId`, boto3 `AccessKeyId`, BOS `access_key_id`)
 * to `ProvidedCredentials` and its own error class; the caching, the refresh
 * window and the sharing of one provider call live here.
 *
 * Signing is synchronous, providers usually are not: every request awaits
 * `ready()` before it is built, and the signer reads `current()`.
 */
import { YunstoreError } from './errors.ts';
import type { Credentials } from './types.ts';

/** What a provider gives, in core's spelling. */
export interface ProvidedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Session token of temporary keys; omitted for long-lived keys. */
  sessionToken?: string | undefined;
  /** When the keys expire: a Date, an ISO string or epoch milliseconds. Omitted: they never expire (asked once). */
  expiration?: Date | string | number | undefined;
}

/** A function giving (a Promise of) keys. */
export type CredentialProvider = () => ProvidedCredentials | Promise<ProvidedCredentials>;

/** How a `CredentialCache` asks and reports. */
export interface CredentialCacheOptions {
  /** Keys are asked for again this long before they expire (default 5 minutes). */
  refreshBeforeExpiryMs?: number;
  /** Minimum time between background refreshes started by `current()` (default 10 s). */
  backgroundRefreshIntervalMs?: number;
  /** The option's name as the user wrote it, used in error messages (default `credentials provider`). */
  label?: string;
  /** What a caller of `current()` should do when no keys are loaded (default `await a request first`). */
  loadHint?: string;
  /** Maps a vendor's answer to `ProvidedCredentials` (spellings, seconds to ms); may throw. */
  normalize?: (answer: unknown) => unknown;
  /** Turns core's `InvalidCredentials` error into the vendor's client error class. */
  toError?: (error: YunstoreError) => Error;
  /** The clock (epoch ms); tests inject a fake one. */
  now?: () => number;
}

/** Five minutes: a request never leaves with keys about to lapse. */
export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;
const DEFAULT_BACKGROUND_INTERVAL_MS = 10_000;

interface Cached {
  credentials: Credentials;
  /** Epoch ms; undefined when the provider gave no expiry. */
  expiresAt: number | undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function expiryOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date || typeof value === 'string') {
    const ms = new Date(value).getTime();
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

/** Caches one provider's keys; one instance per client configuration. */
export class CredentialCache {
  readonly #provider: () => unknown;
  readonly #refreshMs: number;
  readonly #backgroundMs: number;
  readonly #label: string;
  readonly #loadHint: string;
  readonly #normalize: (answer: unknown) => unknown;
  readonly #toError: (error: YunstoreError) => Error;
  readonly #now: () => number;
  #cached: Cached | undefined;
  #pending: Promise<void> | undefined;
  #lastAsked = Number.NEGATIVE_INFINITY;

  constructor(provider: () => unknown, options: CredentialCacheOptions = {}) {
    if (typeof provider !== 'function') throw new TypeError('a credential provider must be a function');
    this.#provider = provider;
    this.#refreshMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
    this.#backgroundMs = options.backgroundRefreshIntervalMs ?? DEFAULT_BACKGROUND_INTERVAL_MS;
    this.#label = options.label ?? 'credentials provider';
    this.#loadHint = options.loadHint ?? 'await a request first';
    this.#normalize = options.normalize ?? ((answer) => answer);
    this.#toError = options.toError ?? ((error) => error);
    this.#now = options.now ?? Date.now;
  }

  /**
   * Asks the provider when nothing is cached or the keys expire within the
   * refresh window; concurrent callers share one provider call. Rejects with
   * the vendor's error when the provider throws or gives no keys.
   */
  async ready(): Promise<void> {
    if (this.#pending === undefined && !this.#due(this.#now())) return;
    this.#pending ??= this.#ask(() => this.#provider());
    await this.#pending;
  }

  /**
   * The keys to sign with now (synchronous). Requests await `ready()` first;
   * this also serves signing that does not (presigned URLs, parts of a long
   * transfer): a provider answering synchronously is asked here when needed,
   * and keys inside the refresh window are refreshed in the background.
   * Throws the vendor's error when no valid keys are cached.
   */
  current(): Credentials {
    const now = this.#now();
    if (this.#expired(now)) {
      this.#askNow();
    } else if (this.#due(now) && this.#pending === undefined && now - this.#lastAsked >= this.#backgroundMs) {
      // Shared with any ready() meanwhile; a failure surfaces on the next ready(), the cached keys are still valid.
      this.#pending = this.#ask(() => this.#provider());
      this.#pending.catch(() => undefined);
    }
    const cached = this.#cached;
    if (cached === undefined || this.#expired(now)) {
      throw this.#fail(`the ${this.#label} keys are not loaded yet or have expired: ${this.#loadHint}`);
    }
    return { ...cached.credentials };
  }

  /** True when the cached keys are missing or expire within the refresh window. */
  #due(now: number): boolean {
    const c = this.#cached;
    return c === undefined || (c.expiresAt !== undefined && c.expiresAt - now <= this.#refreshMs);
  }

  #expired(now: number): boolean {
    const c = this.#cached;
    return c === undefined || (c.expiresAt !== undefined && c.expiresAt <= now);
  }

  /** One provider call (possibly already started); its answer replaces the cache. */
  #ask(call: () => unknown): Promise<void> {
    this.#lastAsked = this.#now();
    const run = async (): Promise<void> => {
      let answer: unknown;
      try {
        answer = await call();
      } catch (error) {
        throw this.#failed(error);
      }
      this.#cached = this.#accept(answer);
    };
    const pending = run().finally(() => {
      if (this.#pending === pending) this.#pending = undefined;
    });
    return pending;
  }

  /** From synchronous code: a synchronous answer is used at once, a Promise is kept for the next `ready()`. */
  #askNow(): void {
    if (this.#pending !== undefined) return;
    let answer: unknown;
    try {
      answer = this.#provider();
    } catch (error) {
      throw this.#failed(error);
    }
    if (answer instanceof Promise) {
      const pending = this.#ask(() => answer);
      this.#pending = pending;
      pending.catch(() => undefined);
      return;
    }
    this.#lastAsked = this.#now();
    this.#cached = this.#accept(answer);
  }

  /** Checks an answer; a missing key is a clear error here, never a bad signature later. */
  #accept(answer: unknown): Cached {
    let normalized: unknown;
    try {
      normalized = this.#normalize(answer);
    } catch (error) {
      throw this.#failed(error);
    }
    if (typeof normalized !== 'object' || normalized === null) throw this.#fail(`the ${this.#label} returned no credentials`);
    const a = normalized as Partial<ProvidedCredentials>;
    if (typeof a.accessKeyId !== 'string' || a.accessKeyId === '' || typeof a.secretAccessKey !== 'string' || a.secretAccessKey === '') {
      throw this.#fail(`the ${this.#label} returned no access key id or secret`);
    }
    const credentials: Credentials = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
    if (typeof a.sessionToken === 'string' && a.sessionToken !== '') credentials.sessionToken = a.sessionToken;
    return { credentials, expiresAt: expiryOf(a.expiration) };
  }

  /** A provider's own failure, wrapped; an error already mapped passes through. */
  #failed(error: unknown): Error {
    if (YunstoreError.is(error) && error.code === 'InvalidCredentials') {
      // A vendor's own class (thrown by `normalize`) is already what the caller should see.
      return error.constructor === YunstoreError ? this.#toError(error) : error;
    }
    return this.#fail(`the ${this.#label} failed: ${messageOf(error)}`, error);
  }

  #fail(message: string, cause?: unknown): Error {
    return this.#toError(new YunstoreError('InvalidCredentials', message, cause === undefined ? {} : { cause }));
  }
}
