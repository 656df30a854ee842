/**
 * NOS on the shared request layer: core's `VendorHttp`, built with NOS's
 * error hooks (`nosHooks`), its addressing and signing (address.ts) and the
 * retry rule of the Python SDK. `Transport` is also Python's
 * `nos.transport.Transport`: the default `transport_class`, whose
 * `perform_request` answers a 2xx with its body as a stream.
 */
import type { Readable } from 'node:stream';
import {
  ClientFailure,
  type CredentialCache,
  type Credentials,
  Transport as CoreTransport,
  VendorHttp,
  type Body,
  type HttpMethod,
  type RequestLogger,
  type RetryPolicy,
  type TransportOptions as CoreTransportOptions,
} from '@yunstore/core';
import pkg from '../package.json' with { type: 'json' };
import { type NosCall, nosAuthorizer, nosHttpCall } from './address.ts';
import { keysOf, type NosCredentialsProvider, nosCredentialCache } from './credentials.ts';
import { nosHooks } from './http-hooks.ts';

/** An undici dispatcher (the type core's transport takes, so this package needs no undici import). */
export type Dispatcher = NonNullable<CoreTransportOptions['dispatcher']>;

/** The default NOS end point (East China 1, Hangzhou). */
export const DEFAULT_END_POINT = 'nos-eastchina1.126.net';

/** `yunstore-nos/<version> node/<version> <platform>-<arch>`. */
export const USER_AGENT = `yunstore-nos/${pkg.version} node/${process.versions.node} ${process.platform}-${process.arch}`;

/** What `nos.Client` hands to its transport class, as Python's `Transport(**kwargs)`. */
export interface TransportOptions {
  access_key_id: string | null;
  /** Not enumerable on the object the client builds (it never shows in logs or `inspect`). */
  access_key_secret: string | null;
  /** Bare host (`nos-eastchina1.126.net`), `host:port`, or a full origin (`http://127.0.0.1:9000`). */
  end_point: string;
  /** Pooled keep-alive connections. */
  num_pools: number;
  /** Seconds before giving up on connecting, on the headers, or on a silent body; null: the layer's defaults (10 s / 60 s / 60 s). */
  timeout: number | null;
  /** Extra attempts after a 500/501/503 or a connection failure. */
  max_retries: number;
  /** Seconds; the n-th retry waits `retry_backoff_factor * 2^n` (capped at 120 s). 0: retry at once. */
  retry_backoff_factor: number;
  /** Retry after a timeout too (Python default false). */
  retry_on_timeout: boolean;
  enable_ssl: boolean;
  /** An HTTP proxy URL; when absent, HTTP(S)_PROXY / NO_PROXY from the environment apply, `''` ignores them. */
  proxy?: string | undefined;
  /** An undici dispatcher to send through (custom TLS, `MockAgent`); not closed by `close()`. */
  dispatcher?: Dispatcher | undefined;
  /** Called after every attempt (method, URL without query, status, request id, attempt, duration). */
  logger?: RequestLogger | undefined;
  /**
   * Keys from a function, used when `access_key_id` / `access_key_secret` are null
   * (not enumerable on the object the client builds). A custom transport class
   * that signs for itself asks it as it sees fit.
   */
  credentials_provider?: NosCredentialsProvider | undefined;
}

/** One NOS request, before addressing and signing. */
export interface NosRequest {
  method: HttpMethod;
  bucket: string;
  /** Normalised key; absent for bucket-level requests (`/?delete`, `/?uploads`, listing). */
  key?: string;
  /** Query pairs, raw values, `''` for bare sub-resources such as `uploads`. */
  params: Array<[string, string]>;
  headers: Record<string, string>;
  body?: Body;
  signal?: AbortSignal;
}

/** What `perform_request` resolves to: a 2xx answer (the default transport raises for any other status). */
export interface NosResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Readable;
  /** A custom transport may return a non-2xx answer and its body here (already read); the client maps it. */
  errorBody?: Buffer | undefined;
}

/**
 * The transport contract: only `perform_request` is required, as in the
 * Python SDK. It may throw a `NOSException` (e.g. `ConnectionError`) or
 * return any answer.
 */
export interface NosTransport {
  perform_request(request: NosRequest): Promise<NosResponse>;
  close?(): Promise<void>;
}

export type NosTransportClass = new (options: TransportOptions) => NosTransport;

/** Python retries 500, 501 and 503 answers, and connection errors (timeouts only when asked). */
export function nosRetryPolicy(options: Pick<TransportOptions, 'max_retries' | 'retry_backoff_factor' | 'retry_on_timeout'>): RetryPolicy {
  return {
    maxAttempts: options.max_retries + 1,
    should_retry(ctx) {
      if (ctx.attempt > options.max_retries) return false;
      if (ctx.status !== undefined) return ctx.status === 500 || ctx.status === 501 || ctx.status === 503;
      if (ctx.error instanceof ClientFailure) return ctx.error.kind === 'network' || (ctx.error.kind === 'timeout' && options.retry_on_timeout);
      const code = (ctx.error as { code?: unknown } | undefined)?.code;
      const isTimeout = typeof code === 'string' && code.includes('TIMEOUT');
      const isAbort = (ctx.error as { name?: unknown } | undefined)?.name === 'AbortError';
      return !isAbort && (!isTimeout || options.retry_on_timeout);
    },
    delay(ctx) {
      return Math.min(120, options.retry_backoff_factor * 2 ** ctx.attempt) * 1000;
    },
  };
}

function coreOptions(options: TransportOptions): CoreTransportOptions {
  const timeoutMs = options.timeout === null ? undefined : options.timeout * 1000;
  return {
    connections: options.num_pools,
    retry: nosRetryPolicy(options),
    userAgent: USER_AGENT,
    ...(timeoutMs !== undefined ? { connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  };
}

/**
 * The default transport (Python's `nos.transport.Transport`): core's request
 * layer with `num_pools` keep-alive connections, a fresh NOS signature (and
 * Date) on every attempt, and Python's retry rule. Its `http` is the layer
 * the client's operations call directly.
 */
export class Transport implements NosTransport {
  /** The shared request layer: takes a `NosCall`, awaits the provider's keys, addresses and signs it, sends it. */
  readonly http: VendorHttp<NosCall>;
  /** The provider's cache when keys come from `credentials_provider`. */
  readonly #provided: CredentialCache | undefined;

  /** Built by `nos.Client` from its options (Python's `Transport(**kwargs)`). */
  constructor(options: TransportOptions) {
    const { access_key_id: ak, access_key_secret: sk } = options;
    // Fixed keys win; without them a provider's cached keys are read for every attempt.
    const provided = (ak === null || sk === null) && options.credentials_provider ? nosCredentialCache(options.credentials_provider) : undefined;
    this.#provided = provided;
    // Kept in this closure only: the secret is on no property of the transport.
    const keys: (() => Credentials) | undefined =
      ak !== null && sk !== null ? () => ({ accessKeyId: ak, secretAccessKey: sk }) : provided ? () => keysOf(provided) : undefined;
    const endpoint = { endPoint: options.end_point, enableSsl: options.enable_ssl };
    const authorize = nosAuthorizer(keys);
    this.http = new VendorHttp(new CoreTransport(coreOptions(options)), nosHooks, {
      address: (call) => nosHttpCall(endpoint, call, authorize),
      // Every request first: a provider is asked when no keys are cached or they are about to expire.
      ready: () => this.loadCredentials(),
    });
  }

  /**
   * Loads keys from `credentials_provider` when none are cached or they
   * expire within 5 minutes (every request does this first); nothing to do
   * with fixed keys. Rejects with `ClientException` when the provider fails.
   */
  async loadCredentials(): Promise<void> {
    await this.#provided?.ready();
  }

  /** True when keys come from `credentials_provider`. */
  get hasProvider(): boolean {
    return this.#provided !== undefined;
  }

  /** The provider's current keys (for presigned URLs); `undefined` without a provider. Throws `ClientException` when none are loaded. */
  providedKeys(): Credentials | undefined {
    return this.#provided ? keysOf(this.#provided) : undefined;
  }

  /** Python's `perform_request`: sends, raises the `nos.exceptions` class of any failure, resolves a 2xx answer with its body as a stream. */
  async perform_request(request: NosRequest): Promise<NosResponse> {
    const answer = await this.http.stream({ ...request, op: 'perform_request' });
    return { status: answer.status, headers: answer.headers, body: answer.body };
  }

  /** Closes pooled connections (not an injected `dispatcher`). */
  async close(): Promise<void> {
    await this.http.transport.close();
  }
}
