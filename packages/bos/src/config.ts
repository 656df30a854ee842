/**
 * Client configuration with the Python SDK's names (`BceClientConfiguration`,
 * `BceCredentials`, `BackOffRetryPolicy`, `NoRetryPolicy`), mapped onto
 * core's transport options and `RetryPolicy`.
 */
import { defineSecret, type RequestLogger, type RetryContext, type RetryPolicy, type TransportOptions } from '@yunstore/core';
import type { BceCredentialsProvider } from './credentials.ts';

type Dispatcher = NonNullable<TransportOptions['dispatcher']>;

/**
 * An access key pair (Python `BceCredentials(access_key_id, secret_access_key)`),
 * plus `session_token` for STS temporary credentials. The secret and the token
 * are readable and writable but hidden from `inspect`, `JSON.stringify` and
 * `Object.entries`, so logging a client or its configuration never shows them.
 */
export class BceCredentials {
  /** e.g. `'a1b2c3d4e5f60718293a4b5c6d7e8f90'` */
  access_key_id: string;
  /** The secret access key (hidden from inspect and JSON). */
  declare secret_access_key: string;
  /** STS token; sent as `x-bce-security-token` (hidden from inspect and JSON). */
  declare session_token: string | undefined;

  constructor(access_key_id: string, secret_access_key: string, session_token?: string) {
    this.access_key_id = access_key_id;
    defineSecret(this, 'secret_access_key', secret_access_key);
    defineSecret(this, 'session_token', session_token);
  }
}

function isAbort(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | null;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR' || e?.code === 'ABORTED';
}

/**
 * Python's default policy: up to `max_error_retry` retries (3) after network
 * errors, HTTP 500, HTTP 503 and the code `RequestExpired`, waiting
 * `base_interval_in_millis × 2^n` (300 ms, 600 ms, 1.2 s...) capped at
 * `max_delay_in_millis` (20 s) before retry n.
 */
export class BackOffRetryPolicy implements RetryPolicy {
  constructor(
    public max_error_retry = 3,
    public max_delay_in_millis = 20_000,
    public base_interval_in_millis = 300,
  ) {
    if (!Number.isInteger(max_error_retry) || max_error_retry < 0) throw new RangeError('max_error_retry must be an integer >= 0');
  }

  get maxAttempts(): number {
    return this.max_error_retry + 1;
  }

  should_retry(context: RetryContext): boolean {
    if (context.attempt > this.max_error_retry) return false;
    if (context.status === undefined) return context.error !== undefined && !isAbort(context.error);
    return context.status === 500 || context.status === 503 || context.code === 'RequestExpired';
  }

  delay(context: RetryContext): number {
    return Math.min(this.max_delay_in_millis, this.base_interval_in_millis * 2 ** (context.attempt - 1));
  }
}

/** Never retries. */
export class NoRetryPolicy implements RetryPolicy {
  readonly maxAttempts = 1;
  should_retry(): boolean {
    return false;
  }
  delay(): number {
    return 0;
  }
}

export interface BceClientConfigurationOptions {
  /** Fixed keys: `new BceCredentials(access_key_id, secret_access_key)`. Wins over `credentials_provider`. */
  credentials?: BceCredentials;
  /**
   * Temporary keys from a function, asked before the first request and again
   * 5 minutes before they expire: `async () => ({ access_key_id,
   * secret_access_key, session_token, expiration })`. Used when
   * `credentials` is not set; a provider that throws or gives no keys makes
   * the call fail with `BceClientError` (code `InvalidCredentials`).
   */
  credentials_provider?: BceCredentialsProvider;
  /** `'bj.bcebos.com'`, `'http://gz.bcebos.com'`, `'https://127.0.0.1:8443'`. A scheme here wins over `protocol`. */
  endpoint?: string;
  /** `'http'` (default) or `'https'`. */
  protocol?: 'http' | 'https';
  /** e.g. `'bj'`; informational, the endpoint decides where requests go. */
  region?: string;
  /** Port when the endpoint has none. */
  port?: number;
  /** Request timeout in ms (connect, first byte, and between body chunks). Default 50 000. */
  connection_timeout_in_mills?: number;
  /** Python socket send buffer; kept for compatibility (undici sizes its own buffers). Default 1 MiB. */
  send_buf_size?: number;
  /** Python socket receive buffer; kept for compatibility. Default 10 MiB. */
  recv_buf_size?: number;
  /** Default `new BackOffRetryPolicy()`. Any core `RetryPolicy` works. */
  retry_policy?: RetryPolicy;
  /**
   * HTTP proxy host, as Python's `proxy_host` (`'proxy.example.com'`, with `proxy_port`).
   * `'localhost:8080'` (the seed's `PROXY_HOST`) and `'http://proxy:3128'` work too.
   */
  proxy_host?: string;
  /** HTTP proxy port, as Python's `proxy_port` (used with a `proxy_host` that has none). */
  proxy_port?: number;
  /**
   * STS session token (Python's `security_token`), sent as `x-bce-security-token`.
   * `BceCredentials(ak, sk, session_token)` carries one too; this one wins when both are set.
   */
  security_token?: string;
  /**
   * Address buckets in the path (`/bucket/key`) instead of the Host
   * (`bucket.bj.bcebos.com`). Default: virtual-hosted for `*.bcebos.com`,
   * path style for every other host (IP addresses, the emulator, custom domains).
   */
  path_style_enable?: boolean;
  /** An undici Dispatcher to send through (tests, custom pools). */
  dispatcher?: Dispatcher;
  /**
   * Called after every attempt with method, URL (no query, so no signature or
   * token), status, request id, attempt and duration. `YUNSTORE_DEBUG=1` logs
   * the same lines to stderr.
   */
  logger?: RequestLogger;
}

/** Python `BceClientConfiguration`: every field can also be changed after construction. */
export class BceClientConfiguration {
  credentials: BceCredentials | undefined;
  endpoint: string | undefined;
  protocol: 'http' | 'https' | undefined;
  region: string | undefined;
  port: number | undefined;
  connection_timeout_in_mills: number;
  send_buf_size: number;
  recv_buf_size: number;
  retry_policy: RetryPolicy;
  proxy_host: string | undefined;
  proxy_port: number | undefined;
  path_style_enable: boolean | undefined;
  dispatcher: Dispatcher | undefined;
  logger: RequestLogger | undefined;
  /** Python's `security_token` (hidden from inspect and JSON). */
  declare security_token: string | undefined;
  /** Temporary keys from a function (see the option); hidden from inspect and JSON like the secrets it yields. */
  declare credentials_provider: BceCredentialsProvider | undefined;

  constructor(options: BceClientConfigurationOptions = {}) {
    this.credentials = options.credentials;
    this.endpoint = options.endpoint;
    this.protocol = options.protocol;
    this.region = options.region;
    this.port = options.port;
    this.connection_timeout_in_mills = options.connection_timeout_in_mills ?? 50_000;
    this.send_buf_size = options.send_buf_size ?? 1024 * 1024;
    this.recv_buf_size = options.recv_buf_size ?? 10 * 1024 * 1024;
    this.retry_policy = options.retry_policy ?? new BackOffRetryPolicy();
    this.proxy_host = options.proxy_host;
    this.proxy_port = options.proxy_port;
    defineSecret(this, 'security_token', options.security_token);
    if (options.credentials_provider !== undefined && typeof options.credentials_provider !== 'function') {
      throw new TypeError('credentials_provider must be a function returning {access_key_id, secret_access_key, session_token, expiration}');
    }
    defineSecret(this, 'credentials_provider', options.credentials_provider);
    this.path_style_enable = options.path_style_enable;
    this.dispatcher = options.dispatcher;
    this.logger = options.logger;
  }
}

/**
 * The proxy URL from Python's `proxy_host` + `proxy_port`: `'proxy'` and
 * 3128 → `http://proxy:3128`; a host that carries a port or a scheme is used
 * as it is. `undefined` without a `proxy_host`.
 */
export function proxyUri(config: Pick<BceClientConfiguration, 'proxy_host' | 'proxy_port'>): string | undefined {
  const host = config.proxy_host?.trim();
  if (!host) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `http://${host}`;
  if (config.proxy_port === undefined) return withScheme;
  const url = new URL(withScheme);
  if (url.port === '') url.port = String(config.proxy_port);
  return url.origin;
}

/** The STS token a request carries: the configuration's `security_token`, else the credentials' `session_token`. */
export function sessionTokenOf(config: Pick<BceClientConfiguration, 'security_token' | 'credentials'>): string | undefined {
  return config.security_token || config.credentials?.session_token || undefined;
}

/** Where requests go: `origin` plus whether the bucket travels in the Host. */
export interface ResolvedEndpoint {
  /** `http://bj.bcebos.com` (no path). */
  origin: string;
  scheme: 'http' | 'https';
  /** Host with a non-default port. */
  host: string;
  virtualHosted: boolean;
}

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|localhost)$/i;

/** Endpoints already resolved, by their four inputs (bounded; URL parsing per request costs more than signing). */
const RESOLVED = new Map<string, ResolvedEndpoint>();

/** Resolves endpoint, protocol and port like the Python SDK, then picks the addressing style. */
export function resolveEndpoint(config: Pick<BceClientConfiguration, 'endpoint' | 'protocol' | 'port' | 'path_style_enable'>): ResolvedEndpoint {
  // Every call resolves its (possibly overridden) configuration, and it is nearly always the same one.
  const id = `${config.endpoint}\u0000${config.protocol}\u0000${config.port}\u0000${config.path_style_enable}`;
  const known = RESOLVED.get(id);
  if (known !== undefined) return { ...known };
  const resolved = resolveEndpointUncached(config);
  if (RESOLVED.size >= 64) RESOLVED.clear();
  RESOLVED.set(id, resolved);
  return { ...resolved };
}

function resolveEndpointUncached(config: Pick<BceClientConfiguration, 'endpoint' | 'protocol' | 'port' | 'path_style_enable'>): ResolvedEndpoint {
  const endpoint = config.endpoint?.trim();
  if (!endpoint) throw new TypeError('BceClientConfiguration.endpoint is required, e.g. "bj.bcebos.com"');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `${config.protocol ?? 'http'}://${endpoint}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported endpoint scheme: ${url.protocol}`);
  if (url.port === '' && config.port !== undefined) url.port = String(config.port);
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const hostname = url.hostname;
  const virtualHosted =
    !IP_HOST.test(hostname) && config.path_style_enable !== true && (config.path_style_enable === false || hostname.endsWith('.bcebos.com'));
  return { origin: `${scheme}://${url.host}`, scheme, host: url.host, virtualHosted };
}
