/**
 * One client's state (endpoint, keys, config) and its request layer: core's
 * VendorHttp with OOS's error hooks (http-hooks.ts) and request hooks —
 * `address` (addressing and signing, address.ts) and `ready` (fresh provider
 * keys before every request). Operations hand their `OosRequest` straight to
 * `ctx.http.send` (headers-only answers), `ctx.http.parse` (parsed results),
 * `ctx.http.read` (whole bodies) or `ctx.http.stream` (get_object).
 */
import { platform, arch } from 'node:process';
import { backoffRetryPolicy, type CredentialCache, defineSecret, type RequestHooks, Transport, VendorHttp, type Credentials } from '@yunstore/core';
import { oosCall, type OosRequest, type OosSite, regionFromHost } from './address.ts';
import type { Config } from './config.ts';
import { type CredentialsProvider, oosCredentialCache } from './credentials.ts';
import { OOS_HOOKS } from './http-hooks.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.ts';

export type { OosRequest } from './address.ts';

export interface ClientContextOptions {
  endpoint: URL;
  /** Fixed keys; when absent, `credentials_provider` gives them. */
  credentials?: Credentials | undefined;
  /** Temporary keys from a function, refreshed before they expire. */
  credentials_provider?: CredentialsProvider | undefined;
  config: Config;
  /** V4 scope service: `s3`, or `sts` for the IAM host. */
  service: 's3' | 'sts';
}

/** `yunstore-oos/<version> node/<version> <platform>-<arch>`, plus botocore's `user_agent_extra`. */
function userAgent(config: Config): string {
  const base = `${PACKAGE_NAME.replace(/^@yunstore\//, 'yunstore-')}/${PACKAGE_VERSION} node/${process.versions.node} ${platform}-${arch}`;
  return config.user_agent_extra ? `${base} ${config.user_agent_extra}` : base;
}

/** Credentials whose secret and token are hidden from inspect, JSON.stringify and Object.entries. */
function hiddenCredentials(credentials: Credentials): Credentials {
  const out = { accessKeyId: credentials.accessKeyId } as Credentials;
  defineSecret(out, 'secretAccessKey', credentials.secretAccessKey);
  if (credentials.sessionToken !== undefined) defineSecret(out, 'sessionToken', credentials.sessionToken);
  return out;
}

/** One client's endpoint, keys and config, and the request layer its operations call. */
export class ClientContext implements OosSite {
  readonly endpoint: URL;
  readonly #fixed: Credentials | undefined;
  readonly #provided: CredentialCache | undefined;
  readonly config: Config;
  /** The request layer: operations call `send`, `parse`, `read` and `stream` on it with an `OosRequest`. */
  readonly http: VendorHttp<OosRequest>;
  readonly region: string;
  readonly service: 's3' | 'sts';

  constructor(options: ClientContextOptions) {
    this.endpoint = options.endpoint;
    this.#fixed = options.credentials ? hiddenCredentials(options.credentials) : undefined;
    // Fixed keys win over a provider, as botocore's credential chain stops at the first keys it finds.
    this.#provided = this.#fixed === undefined && options.credentials_provider ? oosCredentialCache(options.credentials_provider) : undefined;
    if (!this.#fixed && !this.#provided) throw new TypeError('ClientContext needs credentials or a credentials_provider');
    this.config = options.config;
    this.service = options.service;
    this.region = options.config.region_name ?? regionFromHost(options.endpoint.hostname) ?? 'cn';
    // An explicit proxy wins; otherwise core applies HTTP(S)_PROXY / NO_PROXY from the environment.
    const proxy = options.endpoint.protocol === 'https:' ? options.config.proxies.https : options.config.proxies.http;
    const transport = new Transport({
      connections: options.config.max_pool_connections,
      connectTimeout: options.config.connect_timeout * 1000,
      headersTimeout: options.config.read_timeout * 1000,
      bodyTimeout: options.config.read_timeout * 1000,
      retry: backoffRetryPolicy({ maxAttempts: options.config.totalAttempts }),
      userAgent: userAgent(options.config),
      ...(proxy !== undefined ? { proxy } : {}),
      ...(options.config.dispatcher ? { dispatcher: options.config.dispatcher } : {}),
      ...(options.config.logger ? { logger: options.config.logger } : {}),
    });
    const requests: RequestHooks<OosRequest> = { address: (req) => oosCall(this, req) };
    // Before every request a provider's keys are loaded, and asked again when about to expire (a long transfer outlives them);
    // its CredentialRetrievalError reaches the caller as it is. Fixed keys need nothing.
    if (this.#provided) requests.ready = () => this.loadCredentials();
    this.http = new VendorHttp<OosRequest>(transport, OOS_HOOKS, requests);
  }

  /**
   * The keys to sign with now: the fixed ones, or the provider's cached keys
   * (synchronous, for signing and presigning; a call awaits `loadCredentials()` first).
   * Throws `CredentialRetrievalError` when a provider's keys are not loaded or have expired.
   */
  get credentials(): Credentials {
    if (this.#fixed) return this.#fixed;
    return hiddenCredentials((this.#provided as CredentialCache).current());
  }

  /** Asks the provider when no keys are cached or they expire within 5 minutes; every request does this first. */
  async loadCredentials(): Promise<void> {
    await this.#provided?.ready();
  }

  /** Closes the keep-alive connection pool. */
  close(): Promise<void> {
    return this.http.transport.close();
  }
}
