/**
 * BOS addressing and per-client state over core's request layer: builds the
 * `WireRequest` of a bucket/key (origin, encoded path, query, headers), signs
 * every attempt with `signBos`, and sends through core's `VendorHttp` with
 * the hooks of `http-hooks.ts`. Retries, bounds, deadlines and the error
 * contract live in core; what is here differs by protocol only.
 */
import {
  type CredentialCache,
  encodeKeyPath,
  headerBytes,
  requireLength,
  Transport,
  VendorHttp,
  type Answer,
  type HttpCall,
  type ReadAnswer,
  type ReadOptions,
  type RetryPolicy,
  type StreamedAnswer,
  type VendorRequest,
  type WireRequest,
} from '@yunstore/core';
import { signBos } from '@yunstore/core/sign';
import type { TransferLimits } from '@yunstore/transfer';
import pkg from '../package.json' with { type: 'json' };
import { type BceClientConfiguration, type BceCredentials, proxyUri, type ResolvedEndpoint, resolveEndpoint, sessionTokenOf } from './config.ts';
import { bosCredentialCache, currentCredentials } from './credentials.ts';
import { BOS_HOOKS, serverDateOf } from './http-hooks.ts';
import { normaliseKey } from './validate.ts';

/** Options every method accepts as (part of) its trailing options object. */
export interface CallOptions {
  /** Aborts the request (and its retries); the method rejects with `BceHttpClientError` whose `last_error.code` is `'ABORTED'`. */
  signal?: AbortSignal;
  /** Per-call overrides, as Python's `config=` argument: credentials, endpoint, retry_policy... */
  config?: Partial<Pick<BceClientConfiguration, 'credentials' | 'endpoint' | 'protocol' | 'port' | 'retry_policy' | 'path_style_enable' | 'security_token'>>;
}

/** One BOS request before addressing and signing (core's shape, shared by every vendor). */
export type BosRequest = VendorRequest;

/** `yunstore-bos/<version> node/<version> <platform>-<arch>`. */
export const USER_AGENT = `yunstore-bos/${pkg.version} node/${process.versions.node} ${process.platform}-${process.arch}`;

/** The path of a bucket/key: every `/` of the key kept, never normalised. */
export function bosPath(endpoint: ResolvedEndpoint, bucket: string | undefined, key: string | undefined): string {
  if (!bucket) return '/';
  const encodedKey = key === undefined ? '' : encodeKeyPath(key);
  return endpoint.virtualHosted ? `/${encodedKey}` : `/${bucket}${key === undefined ? '' : `/${encodedKey}`}`;
}

export function bosOrigin(endpoint: ResolvedEndpoint, bucket: string | undefined): string {
  return endpoint.virtualHosted && bucket ? `${endpoint.scheme}://${bucket}.${endpoint.host}` : endpoint.origin;
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

/** What one call resolves to from the configuration and its per-call overrides. */
export interface ResolvedCall {
  endpoint: ResolvedEndpoint;
  credentials: BceCredentials;
  sessionToken: string | undefined;
  retry: RetryPolicy;
}

/**
 * Per-client state: configuration, the request layer (rebuilt when its
 * settings change), the learned clock offset, the high-level calls' limits.
 */
export class BosContext {
  readonly config: BceClientConfiguration;
  #http: VendorHttp | undefined;
  #httpKey: readonly unknown[] = [];
  /** Server clock minus ours, learned from a `RequestTimeTooSkewed` answer (the JS SDK does the same). */
  clockOffsetMs = 0;
  /**
   * The limits the high-level calls plan parts with (`client.transfer_limits`);
   * kept here because every method runs with the context alone. Unset: BOS's own.
   */
  transferLimits: TransferLimits | undefined = undefined;
  /** The cache of `config.credentials_provider`, rebuilt when the field is given another function. */
  #provided: { provider: NonNullable<BceClientConfiguration['credentials_provider']>; cache: CredentialCache } | undefined;

  constructor(config: BceClientConfiguration) {
    this.config = config;
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** The provider's cache when keys come from `credentials_provider` (fixed `credentials` win, per call too). */
  #providerCache(options: CallOptions): CredentialCache | undefined {
    const provider = this.config.credentials_provider;
    if (!provider || options.config?.credentials || this.config.credentials) return undefined;
    if (this.#provided?.provider !== provider) this.#provided = { provider, cache: bosCredentialCache(provider) };
    return this.#provided.cache;
  }

  /** Loads keys from `credentials_provider` when none are cached or they expire within 5 minutes; every request does this first. */
  async loadCredentials(options: CallOptions = {}): Promise<void> {
    await this.#providerCache(options)?.ready();
  }

  /** The effective configuration of one call (a field of `options.config` wins when given). */
  resolve(options: CallOptions = {}): ResolvedCall {
    const c = this.config;
    const o = options.config ?? {};
    const cache = this.#providerCache(options);
    const credentials = o.credentials ?? c.credentials ?? (cache ? currentCredentials(cache) : undefined);
    if (!credentials) {
      throw new TypeError('BceClientConfiguration.credentials is required: new BceCredentials(access_key_id, secret_access_key), or a credentials_provider');
    }
    const endpoint = resolveEndpoint({
      endpoint: o.endpoint ?? c.endpoint,
      protocol: o.protocol ?? c.protocol,
      port: o.port ?? c.port,
      path_style_enable: o.path_style_enable ?? c.path_style_enable,
    });
    // A provider's keys go with the provider's token, never with a fixed one from the configuration.
    const sessionToken = sessionTokenOf({ security_token: o.security_token ?? (cache ? undefined : c.security_token), credentials });
    return { endpoint, credentials, sessionToken, retry: o.retry_policy ?? c.retry_policy };
  }

  /** Core's request layer, rebuilt when the timeout, proxy, dispatcher or logger changed (config fields are mutable, as in Python). */
  http(): VendorHttp {
    const c = this.config;
    const timeout = c.connection_timeout_in_mills;
    const proxy = proxyUri(c);
    const key = [timeout, proxy, c.dispatcher, c.logger] as const;
    if (!this.#http || key.some((v, i) => v !== this.#httpKey[i])) {
      void this.#http?.transport.close();
      const transport = new Transport({
        connectTimeout: timeout,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        userAgent: USER_AGENT,
        // An explicit proxy wins; without one core applies HTTP(S)_PROXY / NO_PROXY from the environment.
        ...(proxy ? { proxy } : {}),
        ...(c.dispatcher ? { dispatcher: c.dispatcher } : {}),
        ...(c.logger ? { logger: c.logger } : {}),
      });
      this.#http = new VendorHttp(transport, BOS_HOOKS);
      this.#httpKey = key;
    }
    return this.#http;
  }

  /** The layer's call: addressed (an unencodable key is left to the layer, as an argument error), signed per attempt. */
  #call(request: BosRequest, options: CallOptions): HttpCall {
    const resolved = this.resolve(options);
    const core = {
      accessKeyId: resolved.credentials.access_key_id,
      secretAccessKey: resolved.credentials.secret_access_key,
      ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}),
    };
    const build = (): WireRequest => ({
      method: request.method,
      origin: bosOrigin(resolved.endpoint, request.bucket),
      path: bosPath(resolved.endpoint, request.bucket, request.key),
      query: request.query ?? [],
      headers: { ...contentLength(request), ...request.headers },
      ...(request.body ? { body: request.body } : {}),
    });
    // Built now so the hooks see method and URL; a request that cannot be built (a key with a lone
    // surrogate) goes to the layer as the function, which turns the fault into an argument error.
    let wire: WireRequest | (() => WireRequest);
    try {
      wire = build();
    } catch {
      wire = build;
    }
    return {
      op: request.op,
      request: wire,
      ...(request.key !== undefined ? { key: normaliseKey(request.key) } : {}),
      authorize: (req, now) => utf8HeaderBytes(signBos(req, core, now)),
      // The Python SDK sends non-ASCII metadata as raw UTF-8 bytes, signed as text (UriEncode of the bytes).
      rawByteHeaders: true,
      now: () => this.now(),
      retry: resolved.retry,
      signal: options.signal,
    };
  }

  /**
   * Runs one call; a 403 `RequestTimeTooSkewed` is retried once with the
   * server's clock (learned from its `Date`), when the body can be replayed.
   */
  async #run<T>(request: BosRequest, options: CallOptions, send: (call: HttpCall) => Promise<T>): Promise<T> {
    await this.loadCredentials(options);
    try {
      return await send(this.#call(request, options));
    } catch (error) {
      const serverDate = serverDateOf(error);
      const skewed = (error as { code?: unknown }).code === 'RequestTimeTooSkewed';
      if (!skewed || serverDate === undefined || (request.body && !request.body.replayable)) throw error;
      this.clockOffsetMs = serverDate - Date.now();
      return send(this.#call(request, options));
    }
  }

  /** An answer whose result is all in the headers (the body is drained, bounded). */
  async send(request: BosRequest, options: CallOptions = {}): Promise<Answer> {
    return this.#run(request, options, (call) => this.http().send(call));
  }

  /** The whole body in memory (up to 8 MiB by default); a body cut midway is retried when the request can be. */
  async read(request: BosRequest, options: CallOptions = {}, read: ReadOptions = {}): Promise<ReadAnswer> {
    return this.#run(request, options, (call) => this.http().read(call, read));
  }

  /** The body parsed inside the attempt: a body that is not what `parse` expects is a client error of kind protocol. */
  async parse<T>(request: BosRequest, options: CallOptions, parse: (body: Buffer, answer: Answer) => T, read: ReadOptions = {}): Promise<T> {
    return (await this.#run(request, options, (call) => this.http().parse(call, parse, read))).result;
  }

  /** The body as a stream that fails only with BOS's exceptions (`get_object`). */
  async stream(request: BosRequest, options: CallOptions = {}): Promise<StreamedAnswer> {
    return this.#run(request, options, (call) => this.http().stream(call));
  }

  /** Anything thrown around a call (a local file, a follow-up step), as BOS's exceptions. */
  mapError(error: unknown, op: string, signal?: AbortSignal): Error {
    return this.http().mapError(error, { op, ...(signal ? { signal } : {}) });
  }

  async close(): Promise<void> {
    await this.#http?.transport.close();
    this.#http = undefined;
  }
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Header values as bytes on the wire: text beyond ASCII (`张三`) becomes its
 * UTF-8 bytes, one latin1 char each, which undici writes byte for byte —
 * what bce-sdk-python sends. The signature was computed over the text
 * before, and covers the same bytes.
 */
export function utf8HeaderBytes(req: WireRequest): WireRequest {
  let headers: Record<string, string> | undefined;
  for (const name in req.headers) {
    const value = req.headers[name]!;
    if (!NON_ASCII.test(value)) continue;
    headers ??= { ...req.headers };
    headers[name] = headerBytes(value);
  }
  return headers ? { ...req, headers } : req;
}
