/**
 * NOS on the shared request layer: addressing, signing and the retry rule of
 * the Python SDK, handed to core's `VendorHttp` (which sends, retries, bounds
 * and maps failures through `nosHooks`). `Transport` is also Python's
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
  type HttpCall,
  type HttpMethod,
  type RequestLogger,
  type RetryPolicy,
  type TransportOptions as CoreTransportOptions,
  type WireRequest,
} from '@yunstore/core';
import { encodeNosKey, formatNosDate, signNos } from '@yunstore/core/sign';
import pkg from '../package.json' with { type: 'json' };
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

function isIpOrLocal(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

/**
 * Where a request goes. NOS is addressed virtual-hosted (`Host:
 * bucket.end_point`, path `/encodedKey`, with `/` inside keys as `%2F`); an
 * IP address or `localhost` end point (an emulator, a proxy) cannot carry the
 * bucket in its name, so those get path style `/bucket/encodedKey`. The
 * signature is the same either way: the canonical resource names the bucket.
 */
export function addressNos(endPoint: string, enableSsl: boolean, bucket: string, key: string | undefined): { origin: string; path: string } {
  const explicit = /^(https?):\/\/([^/]+)\/?$/i.exec(endPoint);
  const scheme = explicit?.[1]?.toLowerCase() ?? (enableSsl ? 'https' : 'http');
  const host = explicit?.[2] ?? endPoint;
  const encodedKey = key === undefined ? '' : encodeNosKey(key);
  if (isIpOrLocal(host)) return { origin: `${scheme}://${host}`, path: `/${bucket}/${encodedKey}` };
  return { origin: `${scheme}://${bucket}.${host}`, path: `/${encodedKey}` };
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
 * Date) on every attempt, and Python's retry rule.
 */
export class Transport implements NosTransport {
  /** The shared request layer this transport sends through. */
  readonly http: VendorHttp;
  readonly #endPoint: string;
  readonly #enableSsl: boolean;
  readonly #sign: ((req: WireRequest, request: NosRequest, now: Date) => WireRequest) | undefined;
  /** The provider's cache when keys come from `credentials_provider`. */
  readonly #provided: CredentialCache | undefined;

  /** Built by `nos.Client` from its options (Python's `Transport(**kwargs)`). */
  constructor(options: TransportOptions) {
    this.#endPoint = options.end_point;
    this.#enableSsl = options.enable_ssl;
    this.http = new VendorHttp(new CoreTransport(coreOptions(options)), nosHooks);
    const { access_key_id: ak, access_key_secret: sk } = options;
    // Fixed keys win; without them a provider's cached keys are read for every attempt.
    const provided = (ak === null || sk === null) && options.credentials_provider ? nosCredentialCache(options.credentials_provider) : undefined;
    this.#provided = provided;
    // Kept in this closure only: the secret is on no property of the transport.
    const keys: (() => Credentials) | undefined =
      ak !== null && sk !== null ? () => ({ accessKeyId: ak, secretAccessKey: sk }) : provided ? () => keysOf(provided) : undefined;
    this.#sign =
      keys === undefined
        ? undefined
        : (req, request, now) => {
            const signed = signNos({ method: req.method, bucket: request.bucket, key: request.key, query: req.query, headers: req.headers }, keys(), now);
            return { ...req, headers: { ...req.headers, ...signed.headers } };
          };
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

  /** The layer's call for one NOS request: addressed when sent, signed per attempt (anonymous: Date only). */
  call(op: string, request: NosRequest): HttpCall {
    const sign = this.#sign;
    return {
      op,
      // A function: a fault while addressing (a key no URL can carry) is an argument error, never sent.
      request: () => {
        const { origin, path } = addressNos(this.#endPoint, this.#enableSsl, request.bucket, request.key);
        return { method: request.method, origin, path, query: request.params, headers: request.headers, ...(request.body ? { body: request.body } : {}) };
      },
      ...(request.key !== undefined ? { key: request.key } : {}),
      authorize: (req, now) => (sign ? sign(req, request, now) : { ...req, headers: { ...req.headers, Date: formatNosDate(now) } }),
      signal: request.signal,
    };
  }

  /** Python's `perform_request`: sends, raises the `nos.exceptions` class of any failure, resolves a 2xx answer with its body as a stream. */
  async perform_request(request: NosRequest): Promise<NosResponse> {
    await this.loadCredentials();
    const answer = await this.http.stream(this.call('perform_request', request));
    return { status: answer.status, headers: answer.headers, body: answer.body };
  }

  /** Closes pooled connections (not an injected `dispatcher`). */
  async close(): Promise<void> {
    await this.http.transport.close();
  }
}
