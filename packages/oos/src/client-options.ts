/**
 * `oos.client(service, options)`'s options: boto3's keyword arguments
 * checked and resolved once into the context every operation runs with
 * (endpoint, credentials, Config).
 */
import { Config } from './config.ts';
import type { CredentialsProvider } from './credentials.ts';
import { ParamValidationError } from './errors.ts';
import { ClientContext } from './request.ts';

/** Options of `oos.client(...)`, snake_case as the seed and boto3 spell them. */
export interface ClientOptions {
  /** `http://oos-hz.ctyunapi.cn`. Without a scheme, `use_ssl` picks it. Default: from `region_name` (`oos-cn.ctyunapi.cn`; IAM `oos-cn-iam.ctyunapi.cn`). */
  endpoint_url?: string;
  /** The seed's name for the access key id. */
  access_key_id?: string;
  /** The seed's name for the secret key. Never shown in errors, logs or `inspect` output. */
  secret_access_key?: string;
  /** boto3's name for `access_key_id`, accepted too. */
  aws_access_key_id?: string;
  /** boto3's name for `secret_access_key`, accepted too. */
  aws_secret_access_key?: string;
  /** Temporary credentials: sent as `x-amz-security-token`. */
  aws_session_token?: string;
  /**
   * Temporary keys from a function, refreshed before they expire (botocore's
   * `RefreshableCredentials`): `async () => sts.assume_role(...).Credentials`,
   * i.e. `{ AccessKeyId, SecretAccessKey, SessionToken, Expiration }` (or
   * botocore's `{ access_key, secret_key, token, expiry_time }`). Asked before
   * the first request and again 5 minutes before `Expiration`; used when no
   * fixed keys are given. A failing provider raises `CredentialRetrievalError`.
   */
  credentials_provider?: CredentialsProvider;
  /** Scheme when `endpoint_url` has none, or for the default endpoint. The seed says OOS takes only `false`. Default false. */
  use_ssl?: boolean;
  /** Endpoint pool (`cn`, `hz`, `js`...) and V4 scope region. */
  region_name?: string;
  /** `new Config({ signature_version: 's3' })`: signature version, timeouts, retries, proxies, addressing style. */
  config?: Config;
}

function resolveEndpoint(options: ClientOptions, service: 's3' | 'iam'): URL {
  const scheme = options.use_ssl === true ? 'https' : 'http';
  const region = options.region_name ?? options.config?.region_name ?? 'cn';
  const raw = options.endpoint_url ?? `oos-${region}${service === 'iam' ? '-iam' : ''}.ctyunapi.cn`;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${scheme}://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ParamValidationError(`Invalid endpoint_url: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ParamValidationError(`endpoint_url must be http or https: ${raw}`);
  return url;
}

const CLIENT_OPTIONS: ReadonlySet<string> = new Set([
  'endpoint_url',
  'access_key_id',
  'secret_access_key',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'credentials_provider',
  'use_ssl',
  'region_name',
  'config',
]);

/** The checked options as the context of a `service` client; bad options throw before any request. */
export function contextFor(options: ClientOptions, service: 's3' | 'iam'): ClientContext {
  if (typeof options !== 'object' || options === null) throw new ParamValidationError('client options must be an object');
  // boto3.client() raises TypeError for an unexpected keyword; a misspelled endpoint_url must not fall back to the default endpoint.
  for (const name of Object.keys(options)) {
    if (!CLIENT_OPTIONS.has(name)) throw new TypeError(`client() got an unexpected keyword argument '${name}'; valid names: ${[...CLIENT_OPTIONS].join(', ')}`);
  }
  const accessKeyId = options.access_key_id ?? options.aws_access_key_id;
  const secretAccessKey = options.secret_access_key ?? options.aws_secret_access_key;
  const provider = options.credentials_provider;
  if (provider !== undefined && typeof provider !== 'function')
    throw new ParamValidationError('credentials_provider must be a function returning {AccessKeyId, SecretAccessKey, SessionToken, Expiration}');
  const fixed = accessKeyId !== undefined || secretAccessKey !== undefined || provider === undefined;
  if (fixed && (typeof accessKeyId !== 'string' || accessKeyId === '')) throw new ParamValidationError('Missing required parameter: "access_key_id"');
  if (fixed && (typeof secretAccessKey !== 'string' || secretAccessKey === ''))
    throw new ParamValidationError('Missing required parameter: "secret_access_key"');
  if (options.config !== undefined && !(options.config instanceof Config))
    throw new ParamValidationError('config must be a Config instance: new Config({ signature_version: "s3" })');
  let cfg = options.config ?? new Config();
  if (options.region_name !== undefined && cfg.region_name === undefined) cfg = cfg.merge(new Config({ region_name: options.region_name }));
  return new ClientContext({
    endpoint: resolveEndpoint(options, service),
    credentials: fixed
      ? {
          accessKeyId: accessKeyId as string,
          secretAccessKey: secretAccessKey as string,
          ...(options.aws_session_token ? { sessionToken: options.aws_session_token } : {}),
        }
      : undefined,
    credentials_provider: provider,
    config: cfg,
    service: service === 'iam' ? 'sts' : 's3',
  });
}
