/**
 * `credentials_provider`: keys from a function (Baidu STS, a vault, a
 * metadata service), asked again before they expire. The Python SDK has no
 * provider hook, only fixed `BceCredentials` and `security_token`; the
 * option keeps its snake_case and the field names of `BceCredentials`
 * (`access_key_id`, `secret_access_key`, `session_token`), so an answer reads
 * like the credentials object it replaces. Caching is core's `CredentialCache`.
 */
import { CredentialCache, type ProvidedCredentials } from '@yunstore/core';
import { BceCredentials } from './config.ts';
import { BceClientError } from './errors.ts';

/** What a `credentials_provider` gives: the fields of `BceCredentials`, plus when they expire. */
export interface BceProvidedCredentials {
  /** The access key id. */
  access_key_id: string;
  /** The secret access key. */
  secret_access_key: string;
  /** STS session token, sent as `x-bce-security-token`; omit it for long-lived keys. */
  session_token?: string | null | undefined;
  /**
   * When the keys expire: a Date, an ISO string (Baidu STS `expiration`,
   * `'2026-12-02T10:00:00Z'`) or epoch milliseconds. Omitted: asked once.
   */
  expiration?: Date | string | number | null | undefined;
}

/**
 * A function giving (a Promise of) keys. Called before the first request and
 * again from 5 minutes before `expiration`; concurrent requests share one call.
 */
export type BceCredentialsProvider = () => BceProvidedCredentials | Promise<BceProvidedCredentials>;

function noKeys(message: string): never {
  throw new BceClientError(message, { code: 'InvalidCredentials' });
}

/** A provider's answer in core's spelling. */
export function toProvided(answer: unknown): ProvidedCredentials {
  if (typeof answer !== 'object' || answer === null) noKeys('credentials_provider returned no credentials');
  const a = answer as BceProvidedCredentials;
  if (typeof a.access_key_id !== 'string' || a.access_key_id === '' || typeof a.secret_access_key !== 'string' || a.secret_access_key === '') {
    noKeys('credentials_provider returned no access_key_id/secret_access_key');
  }
  return {
    accessKeyId: a.access_key_id,
    secretAccessKey: a.secret_access_key,
    sessionToken: typeof a.session_token === 'string' ? a.session_token : undefined,
    expiration: a.expiration ?? undefined,
  };
}

/** The cache of one provider; failures are `BceClientError` with code `InvalidCredentials`. */
export function bosCredentialCache(provider: BceCredentialsProvider): CredentialCache {
  return new CredentialCache(provider, {
    label: 'credentials_provider',
    normalize: toProvided,
    toError: (error) => new BceClientError(error.message, { code: 'InvalidCredentials', ...(error.cause === undefined ? {} : { cause: error.cause }) }),
  });
}

/** The cached keys as `BceCredentials` (secret and token hidden, as on any `BceCredentials`). */
export function currentCredentials(cache: CredentialCache): BceCredentials {
  const keys = cache.current();
  return new BceCredentials(keys.accessKeyId, keys.secretAccessKey, keys.sessionToken);
}
