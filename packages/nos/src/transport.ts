import type { Readable } from 'node:stream';
import { Transport as CoreTransport, type Body, type HttpMethod, type RetryPolicy, type WireRequest } from '@yunstore/core';
import { encodeNosKey, formatNosDate, signNos } from '@yunstore/core/sign';
import { connectionExceptionFor } from './errors.ts';

/** The default NOS end point (East China 1, Hangzhou). */
export const DEFAULT_END_POINT = 'nos-eastchina1.126.net';

/** What `nos.Client` hands to its transport class, as Python's `Transport(**kwargs)`. */
export interface TransportOptions {
  access_key_id: string | null;
  access_key_secret: string | null;
  /** Bare host (`nos-eastchina1.126.net`), `host:port`, or a full origin (`http://127.0.0.1:9000`). */
  end_point: string;
  /** Pooled keep-alive connections. */
  num_pools: number;
  /** Seconds before giving up on connecting or on a silent server; null waits as long as the OS does. */
  timeout: number | null;
  /** Extra attempts after a 500/501/503 or a connection failure. */
  max_retries: number;
  /** Seconds; the n-th retry waits `retry_backoff_factor * 2^n` (capped at 120 s). 0: retry at once. */
  retry_backoff_factor: number;
  /** Retry after a timeout too (Python default false). */
  retry_on_timeout: boolean;
  enable_ssl: boolean;
}

/** One NOS request, before addressing and signing. */
export interface NosRequest {
  method: HttpMethod;
  bucket: string;
  /** Raw key; absent for bucket-level requests (`/?delete`, `/?uploads`, listing). */
  key?: string;
  /** Query pairs, raw values, `''` for bare sub-resources such as `uploads`. */
  params: Array<[string, string]>;
  headers: Record<string, string>;
  body?: Body;
  signal?: AbortSignal;
}

/** The answer of any status; the client maps non-2xx ones to ServiceException subclasses. */
export interface NosResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Readable;
  /** The whole body when the status is not 2xx (already read), if the transport read it. */
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

/**
 * The default transport (Python's `nos.transport.Transport`): core's undici
 * transport with `num_pools` keep-alive connections, a fresh NOS signature
 * (and Date) on every attempt, and Python's retry rule.
 */
export class Transport implements NosTransport {
  readonly #options: TransportOptions;
  readonly #core: CoreTransport;

  constructor(options: TransportOptions) {
    this.#options = options;
    const timeoutMs = options.timeout === null ? undefined : options.timeout * 1000;
    this.#core = new CoreTransport({
      connections: options.num_pools,
      retry: nosRetryPolicy(options),
      userAgent: 'yunstore-nos',
      ...(timeoutMs !== undefined ? { connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
    });
  }

  async perform_request(request: NosRequest): Promise<NosResponse> {
    const { access_key_id: ak, access_key_secret: sk } = this.#options;
    const { origin, path } = addressNos(this.#options.end_point, this.#options.enable_ssl, request.bucket, request.key);
    const wire: WireRequest = {
      method: request.method,
      origin,
      path,
      query: request.params,
      headers: request.headers,
      ...(request.body ? { body: request.body } : {}),
    };
    const authorize = (req: WireRequest, now: Date): WireRequest => {
      if (ak === null || sk === null) return { ...req, headers: { ...req.headers, Date: formatNosDate(now) } };
      const signed = signNos(
        { method: req.method, bucket: request.bucket, key: request.key, query: req.query, headers: req.headers },
        { accessKeyId: ak, secretAccessKey: sk },
        now,
      );
      return { ...req, headers: { ...req.headers, ...signed.headers } };
    };
    try {
      const res = await this.#core.send(wire, { authorize, ...(request.signal ? { signal: request.signal } : {}) });
      return { status: res.status, headers: res.headers, body: res.body, errorBody: res.errorBody };
    } catch (error) {
      throw connectionExceptionFor(error);
    }
  }

  async close(): Promise<void> {
    await this.#core.close();
  }
}
