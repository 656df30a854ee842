/**
 * `credentials_provider`: keys from a function (a vault, a rotation
 * service), asked again before they expire. The answer uses the client's own
 * option names, `access_key_id` and `access_key_secret`. NOS signs with a key
 * pair only (protocol notes: no session token on the wire), so a provider
 * gives no token. Caching is core's `CredentialCache`.
 */
import { CredentialCache, type Credentials, type ProvidedCredentials, type YunstoreError } from '@yunstore/core';
import type { NosSigning } from './context.ts';
import { ClientException } from './errors.ts';

/** What a `credentials_provider` gives: the `nos.Client` key options, plus when they expire. */
export interface NosProvidedCredentials {
  /** The access key id. */
  access_key_id: string;
  /** The access key secret. */
  access_key_secret: string;
  /** When the keys expire: a Date, an ISO string or epoch milliseconds. Omitted: asked once. */
  expiration?: Date | string | number | null | undefined;
}

/**
 * A function giving (a Promise of) keys. Called before the first request and
 * again from 5 minutes before `expiration`; concurrent requests share one call.
 */
export type NosCredentialsProvider = () => NosProvidedCredentials | Promise<NosProvidedCredentials>;

/** A provider's answer in core's spelling; a missing key is a `ClientException` here, never a bad signature later. */
export function toProvided(answer: unknown): ProvidedCredentials {
  const a = (typeof answer === 'object' && answer !== null ? answer : {}) as Partial<NosProvidedCredentials>;
  if (typeof a.access_key_id !== 'string' || a.access_key_id === '' || typeof a.access_key_secret !== 'string' || a.access_key_secret === '') {
    throw new ClientException('credentials_provider returned no access_key_id/access_key_secret');
  }
  return { accessKeyId: a.access_key_id, secretAccessKey: a.access_key_secret, expiration: a.expiration ?? undefined };
}

/** Python's form: `ClientException(<what>) caused by: <InfoClass>(<info>)`, the provider's own error as `info`. */
function toClientException(error: YunstoreError): ClientException {
  return new ClientException(error.message, error.cause);
}

/** The cache of one client's provider. */
export function nosCredentialCache(provider: NosCredentialsProvider): CredentialCache {
  return new CredentialCache(provider, { label: 'credentials_provider', normalize: toProvided, toError: toClientException });
}

/** Keys without a token (NOS has none), as core's signers take them. */
export function keysOf(cache: CredentialCache): Credentials {
  const { accessKeyId, secretAccessKey } = cache.current();
  return { accessKeyId, secretAccessKey };
}

/** What `signingOf` needs of the default transport. */
interface ProvidedKeysSource {
  readonly hasProvider: boolean;
  providedKeys(): Credentials | undefined;
}

/**
 * What presigned URLs sign with: the fixed keys, or (with a provider on the
 * default transport) the provider's keys read when the URL is built, so a
 * URL built before any request raises `ClientException`, not a bad signature.
 */
export function signingOf(transport: unknown, fixed: NosSigning): NosSigning {
  const source = transport as Partial<ProvidedKeysSource>;
  if (fixed.accessKeyId !== null || source.hasProvider !== true || typeof source.providedKeys !== 'function') return fixed;
  const keys = (): Credentials | undefined => (source as ProvidedKeysSource).providedKeys();
  return {
    endPoint: fixed.endPoint,
    enableSsl: fixed.enableSsl,
    get accessKeyId() {
      return keys()?.accessKeyId ?? null;
    },
    get accessKeySecret() {
      return keys()?.secretAccessKey ?? null;
    },
  };
}
