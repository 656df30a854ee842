/**
 * `credentials_provider`: temporary keys from a function, asked again before
 * they expire, as botocore's `RefreshableCredentials` does. boto3 users know
 * two spellings and both are accepted: the STS `AssumeRole` answer's
 * `Credentials` dict (`AccessKeyId`, `SecretAccessKey`, `SessionToken`,
 * `Expiration`) and the metadata dict of
 * `RefreshableCredentials.create_from_metadata` (`access_key`, `secret_key`,
 * `token`, `expiry_time`). Caching is core's `CredentialCache`.
 */
import { CredentialCache, YunstoreError, type ProvidedCredentials } from '@yunstore/core';

/** The STS `Credentials` dict, as `sts.assume_role(...)['Credentials']` gives it. */
export interface StsCredentials {
  /** The access key id. */
  AccessKeyId: string;
  /** The secret access key. */
  SecretAccessKey: string;
  /** The session token, sent as `x-amz-security-token`. */
  SessionToken?: string | null | undefined;
  /** When the keys expire: a Date (as boto3 parses it), an ISO string or epoch milliseconds. Omitted: asked once. */
  Expiration?: Date | string | number | null | undefined;
}

/** botocore's refresh metadata (`RefreshableCredentials.create_from_metadata`). */
export interface RefreshMetadata {
  /** The access key id. */
  access_key: string;
  /** The secret access key. */
  secret_key: string;
  /** The session token, sent as `x-amz-security-token`. */
  token?: string | null | undefined;
  /** When the keys expire: an ISO string (botocore's spelling), a Date or epoch milliseconds. */
  expiry_time?: Date | string | number | null | undefined;
}

/**
 * A function giving (a Promise of) keys: called before the first request and
 * again from 5 minutes before they expire; concurrent requests share one call.
 */
export type CredentialsProvider = () => StsCredentials | RefreshMetadata | Promise<StsCredentials | RefreshMetadata>;

/**
 * botocore's `CredentialRetrievalError`: the `credentials_provider` threw,
 * or answered without an access key and secret. Nothing was sent.
 */
export class CredentialRetrievalError extends YunstoreError {
  override name = 'CredentialRetrievalError';
  /** Always `'credentials_provider'`. */
  readonly provider = 'credentials_provider';
  /** What went wrong, without the `Error when retrieving credentials` prefix. */
  readonly error_msg: string;
  constructor(errorMsg: string, options: { cause?: unknown } = {}) {
    super(
      'InvalidCredentials',
      `Error when retrieving credentials from credentials_provider: ${errorMsg}`,
      options.cause === undefined ? {} : { cause: options.cause },
    );
    this.error_msg = errorMsg;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Either spelling in core's. */
export function toProvided(answer: unknown): ProvidedCredentials {
  if (typeof answer !== 'object' || answer === null) throw new CredentialRetrievalError('the provider returned no credentials');
  const sts = answer as Partial<StsCredentials>;
  const meta = answer as Partial<RefreshMetadata>;
  const accessKeyId = text(sts.AccessKeyId) ?? text(meta.access_key);
  const secretAccessKey = text(sts.SecretAccessKey) ?? text(meta.secret_key);
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new CredentialRetrievalError('the provider returned no AccessKeyId/SecretAccessKey (access_key/secret_key)');
  }
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: text(sts.SessionToken) ?? text(meta.token),
    expiration: sts.Expiration ?? meta.expiry_time ?? undefined,
  };
}

/** The cache of one client's provider; its failures are `CredentialRetrievalError`. */
export function oosCredentialCache(provider: CredentialsProvider): CredentialCache {
  return new CredentialCache(provider, {
    label: 'credentials_provider',
    normalize: toProvided,
    toError: (error) => {
      const reason = error.message.replace(/^the credentials_provider failed: /, '');
      return new CredentialRetrievalError(reason, error.cause === undefined ? {} : { cause: error.cause });
    },
  });
}
