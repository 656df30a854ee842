import { defineSecret, type RequestLogger } from '@yunstore/core';
import type { NosCredentialsProvider } from './credentials.ts';
import { ClientException } from './errors.ts';
import { DEFAULT_END_POINT, type Dispatcher, type NosTransportClass, type TransportOptions } from './transport.ts';

/** `nos.Client` options: the Python keyword arguments, same names and defaults. */
export interface ClientOptions {
  /** Access key id; leave both keys out (or null) for anonymous reads of public-read buckets. */
  access_key_id?: string | null | undefined;
  /** Access key secret; given together with `access_key_id`. Never shown in errors, logs or `inspect`. */
  access_key_secret?: string | null | undefined;
  /**
   * Keys from a function, refreshed before they expire: `async () => ({
   * access_key_id, access_key_secret, expiration })` (NOS has no session
   * token). Asked before the first request and again 5 minutes before
   * `expiration`; used when `access_key_id` / `access_key_secret` are not
   * given. A provider that throws or gives no keys raises `ClientException`.
   */
  credentials_provider?: NosCredentialsProvider | undefined;
  /** A class with `perform_request(request)`; default `Transport` (undici, signing, retries). */
  transport_class?: NosTransportClass | undefined;
  /** Default `nos-eastchina1.126.net`. A `host:port` or `http://host:port` is accepted too (emulators, proxies). */
  end_point?: string | undefined;
  /** HTTP connection pool size. Default 16. */
  num_pools?: number | undefined;
  /** Connect/read timeout in seconds. Default none. */
  timeout?: number | null | undefined;
  /** Retries after a 5xx (500, 501, 503) answer or a connection failure. Default 2. */
  max_retries?: number | undefined;
  /** Seconds; retry n waits `retry_backoff_factor * 2^n`. Default 0. */
  retry_backoff_factor?: number | undefined;
  /** Retry after a timeout too. Default false. */
  retry_on_timeout?: boolean | undefined;
  /** HTTPS instead of HTTP. Default false. */
  enable_ssl?: boolean | undefined;
  /**
   * An HTTP proxy, `http://proxy.example.com:8080`. Without it, `HTTPS_PROXY` /
   * `HTTP_PROXY` / `NO_PROXY` from the environment apply (as in the Python
   * SDK); `''` ignores the environment.
   */
  proxy?: string | undefined;
  /** An undici dispatcher to send through (custom TLS or pools, `MockAgent` in tests); `close()` leaves it open. */
  dispatcher?: Dispatcher | undefined;
  /** Called after every attempt with method, URL (no query), status, request id, attempt and duration; never a secret. */
  logger?: RequestLogger | undefined;
}

function nonNegative(value: unknown, name: string, fallback: number, integer: boolean): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !(value >= 0) || (integer && !Number.isInteger(value))) {
    throw new ClientException(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

/** Checks the options and returns what the transport class is built with (Python's `Transport(**kwargs)`). */
export function transportOptionsOf(options: ClientOptions): TransportOptions {
  const ak = options.access_key_id ?? null;
  const sk = options.access_key_secret ?? null;
  if ((ak === null) !== (sk === null)) {
    throw new ClientException('give both access_key_id and access_key_secret, or neither for anonymous access');
  }
  if ((ak !== null && typeof ak !== 'string') || (sk !== null && typeof sk !== 'string')) {
    throw new ClientException('access_key_id and access_key_secret must be strings');
  }
  const endPoint = options.end_point ?? DEFAULT_END_POINT;
  if (typeof endPoint !== 'string' || endPoint === '') throw new ClientException('end_point must be a non-empty host name');
  if (options.proxy !== undefined && options.proxy !== null && typeof options.proxy !== 'string') throw new ClientException('proxy must be a URL string');
  if (options.logger !== undefined && options.logger !== null && typeof options.logger !== 'function') throw new ClientException('logger must be a function');
  const provider = options.credentials_provider ?? undefined;
  if (provider !== undefined && typeof provider !== 'function') {
    throw new ClientException('credentials_provider must be a function returning {access_key_id, access_key_secret, expiration}');
  }
  const built: TransportOptions = {
    access_key_id: ak,
    access_key_secret: null,
    end_point: endPoint,
    num_pools: nonNegative(options.num_pools, 'num_pools', 16, true) || 16,
    timeout: options.timeout === undefined || options.timeout === null ? null : nonNegative(options.timeout, 'timeout', 0, false),
    max_retries: nonNegative(options.max_retries, 'max_retries', 2, true),
    retry_backoff_factor: nonNegative(options.retry_backoff_factor, 'retry_backoff_factor', 0, false),
    retry_on_timeout: options.retry_on_timeout ?? false,
    enable_ssl: options.enable_ssl ?? false,
    ...(typeof options.proxy === 'string' ? { proxy: options.proxy } : {}),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  // Readable by the transport class under its Python name, shown by no log, inspect or JSON.stringify.
  defineSecret(built, 'access_key_secret', sk);
  if (provider !== undefined) defineSecret(built, 'credentials_provider', provider);
  return built;
}
