/**
 * The one place a BOS request meets the wire: builds origin + path from
 * bucket/key, signs every attempt with core's `signBos`, sends through
 * core's Transport, and maps failures to the Python SDK's exceptions.
 */
import { STATUS_CODES } from 'node:http';
import { Transport, encodeKeyPath, NetworkError, requireLength, type Body, type HttpMethod, type RetryPolicy, type WireResponse } from '@yunstore/core';
import { signBos } from '@yunstore/core/sign';
import { type BceClientConfiguration, resolveEndpoint, type BceCredentials, type ResolvedEndpoint } from './config.ts';
import { BceClientError, BceHttpClientError, BceServerError } from './errors.ts';

/** Options every method accepts as (part of) its trailing options object. */
export interface CallOptions {
  /** Aborts the request (and its retries); the method rejects with `BceHttpClientError` whose `last_error.code` is `'ABORTED'`. */
  signal?: AbortSignal;
  /** Per-call overrides, as Python's `config=` argument: credentials, endpoint, retry_policy... */
  config?: Partial<Pick<BceClientConfiguration, 'credentials' | 'endpoint' | 'protocol' | 'port' | 'retry_policy' | 'path_style_enable'>>;
}

export interface BosRequest {
  method: HttpMethod;
  bucket?: string;
  key?: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: Body;
}

const USER_AGENT = 'yunstore-bos/0.1.0';

/** The path of a bucket/key: every `/` of the key kept, never normalised. */
export function bosPath(endpoint: ResolvedEndpoint, bucket: string | undefined, key: string | undefined): string {
  if (!bucket) return '/';
  const encodedKey = key === undefined ? '' : encodeKeyPath(key);
  return endpoint.virtualHosted ? `/${encodedKey}` : `/${bucket}${key === undefined ? '' : `/${encodedKey}`}`;
}

export function bosOrigin(endpoint: ResolvedEndpoint, bucket: string | undefined): string {
  return endpoint.virtualHosted && bucket ? `${endpoint.scheme}://${bucket}.${endpoint.host}` : endpoint.origin;
}

/** The JSON error body `{code, message, requestId}`, or the reason phrase and header without one. */
export function toServerError(res: Pick<WireResponse, 'status' | 'headers' | 'errorBody'>): BceServerError {
  const raw = res.errorBody?.toString('utf8') ?? '';
  let parsed: { code?: unknown; message?: unknown; requestId?: unknown } = {};
  try {
    if (raw !== '') parsed = JSON.parse(raw) as typeof parsed;
  } catch {
    parsed = {};
  }
  const message = typeof parsed.message === 'string' ? parsed.message : (STATUS_CODES[res.status] ?? `HTTP ${res.status}`);
  const code = typeof parsed.code === 'string' ? parsed.code : undefined;
  const requestId = typeof parsed.requestId === 'string' ? parsed.requestId : res.headers['x-bce-request-id'];
  return new BceServerError(message, res.status, code, requestId, raw === '' ? undefined : raw);
}

function errorCode(_status: number, body: Buffer): string | undefined {
  try {
    const code = (JSON.parse(body.toString('utf8')) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Python's message: `Unable to execute HTTP request. Retried N times. All trace backs: ...`. */
export function wrapFailure(lastError: Error, attempts: number): BceHttpClientError {
  const message =
    `Unable to execute HTTP request. Retried ${Math.max(0, attempts - 1)} times. All trace backs:\n` + `>>>>${lastError.name}: ${lastError.message}`;
  return new BceHttpClientError(message, lastError);
}

/**
 * Python always sends (and signs) Content-Length, `0` without a body. undici
 * drops a zero Content-Length on GET/HEAD/DELETE, and a signed header that
 * never arrives breaks the signature, so it is sent where it survives:
 * with a body, and on PUT/POST.
 */
function contentLength(request: BosRequest): Record<string, string> {
  if (request.body) return { 'Content-Length': String(requireLength(request.body, 'data')) };
  return request.method === 'PUT' || request.method === 'POST' ? { 'Content-Length': '0' } : {};
}

/** Per-client state: configuration, the pooled transport, the learned clock offset. */
export class BosContext {
  readonly config: BceClientConfiguration;
  #transport: Transport | undefined;
  #transportKey = '';
  /** Server clock minus ours, learned from a `RequestTimeTooSkewed` answer (the JS SDK does the same). */
  clockOffsetMs = 0;

  constructor(config: BceClientConfiguration) {
    this.config = config;
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** The effective configuration of one call. */
  resolve(options: CallOptions = {}): { endpoint: ResolvedEndpoint; credentials: BceCredentials; retry: RetryPolicy } {
    const merged = { ...this.config, ...options.config } as BceClientConfiguration;
    const credentials = merged.credentials;
    if (!credentials) throw new TypeError('BceClientConfiguration.credentials is required: new BceCredentials(access_key_id, secret_access_key)');
    return { endpoint: resolveEndpoint(merged), credentials, retry: merged.retry_policy };
  }

  /** The transport, rebuilt when the timeout, proxy or dispatcher changed (config fields are mutable, as in Python). */
  transport(): Transport {
    const { connection_timeout_in_mills: timeout, proxy_host: proxy, dispatcher } = this.config;
    const key = `${timeout}|${proxy ?? ''}|${dispatcher ? 'd' : ''}`;
    if (!this.#transport || key !== this.#transportKey) {
      void this.#transport?.close();
      this.#transport = new Transport({
        connectTimeout: timeout,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        userAgent: USER_AGENT,
        ...(proxy ? { proxy: /^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}` } : {}),
        ...(dispatcher ? { dispatcher } : {}),
      });
      this.#transportKey = key;
    }
    return this.#transport;
  }

  /**
   * Sends one BOS request and returns a 2xx answer; anything else is thrown
   * as `BceHttpClientError` (`last_error`: `BceServerError` or the network
   * error). A 403 `RequestTimeTooSkewed` is retried once with the server's clock.
   */
  async send(request: BosRequest, options: CallOptions = {}): Promise<WireResponse> {
    const { endpoint, credentials, retry } = this.resolve(options);
    const wire = {
      method: request.method,
      origin: bosOrigin(endpoint, request.bucket),
      path: bosPath(endpoint, request.bucket, request.key),
      query: request.query ?? [],
      headers: { ...contentLength(request), ...request.headers },
      ...(request.body ? { body: request.body } : {}),
    };
    const core = {
      accessKeyId: credentials.access_key_id,
      secretAccessKey: credentials.secret_access_key,
      ...(credentials.session_token ? { sessionToken: credentials.session_token } : {}),
    };
    for (let skewRetried = false; ; skewRetried = true) {
      let res: WireResponse;
      try {
        res = await this.transport().send(wire, {
          authorize: (req, now) => signBos(req, core, now),
          now: () => this.now(),
          retry,
          errorCode,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        if (error instanceof NetworkError) throw wrapFailure(error, error.attempts);
        throw wrapFailure(error instanceof Error ? error : new BceClientError(String(error)), 1);
      }
      if (res.status >= 200 && res.status < 300) return res;
      const serverError = toServerError(res);
      const serverDate = Date.parse(res.headers['date'] ?? '');
      const replayable = !request.body || request.body.replayable;
      if (serverError.code === 'RequestTimeTooSkewed' && !skewRetried && replayable && !Number.isNaN(serverDate)) {
        this.clockOffsetMs = serverDate - Date.now();
        continue;
      }
      if (res.status < 200) throw wrapFailure(new BceClientError(`Invalid HTTP status ${res.status}`), res.attempts);
      throw wrapFailure(serverError, res.attempts);
    }
  }

  async close(): Promise<void> {
    await this.#transport?.close();
    this.#transport = undefined;
  }
}
