/**
 * Client configuration with the Python SDK's names (`BceClientConfiguration`,
 * `BceCredentials`, `BackOffRetryPolicy`, `NoRetryPolicy`), mapped onto
 * core's transport options and `RetryPolicy`.
 */
import type { RetryContext, RetryPolicy, TransportOptions } from '@yunstore/core';

type Dispatcher = NonNullable<TransportOptions['dispatcher']>;

/** An access key pair. `session_token` for STS temporary credentials. */
export class BceCredentials {
  constructor(
    /** e.g. `'a1b2c3d4e5f60718293a4b5c6d7e8f90'` */
    public access_key_id: string,
    public secret_access_key: string,
    /** STS token; sent as `x-bce-security-token`. */
    public session_token?: string,
  ) {}
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
  credentials?: BceCredentials;
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
  /** HTTP proxy, `'localhost:8080'` or `'http://proxy:3128'` (the seed's `PROXY_HOST`). */
  proxy_host?: string;
  /**
   * Address buckets in the path (`/bucket/key`) instead of the Host
   * (`bucket.bj.bcebos.com`). Default: virtual-hosted for `*.bcebos.com`,
   * path style for every other host (IP addresses, the emulator, custom domains).
   */
  path_style_enable?: boolean;
  /** An undici Dispatcher to send through (tests, custom pools). */
  dispatcher?: Dispatcher;
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
  path_style_enable: boolean | undefined;
  dispatcher: Dispatcher | undefined;

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
    this.path_style_enable = options.path_style_enable;
    this.dispatcher = options.dispatcher;
  }
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

/** Resolves endpoint, protocol and port like the Python SDK, then picks the addressing style. */
export function resolveEndpoint(config: Pick<BceClientConfiguration, 'endpoint' | 'protocol' | 'port' | 'path_style_enable'>): ResolvedEndpoint {
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
