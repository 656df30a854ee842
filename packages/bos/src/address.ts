/**
 * A BOS request and how it is addressed: pure functions from the
 * operation's request description and the call's resolved configuration to
 * core's `HttpCall` (origin, encoded path, query, headers, the signer of
 * each attempt). No state, no I/O: `http.ts` hands these to core's request
 * layer as its `address` hook.
 */
import { encodeKeyPath, headerBytes, requireLength, type HttpCall, type RetryPolicy, type VendorRequest, type WireRequest } from '@yunstore/core';
import { signBos } from '@yunstore/core/sign';
import type { BceClientConfiguration, BceCredentials, ResolvedEndpoint } from './config.ts';
import { normaliseKey } from './validate.ts';

/** Options every method accepts as (part of) its trailing options object. */
export interface CallOptions {
  /** Aborts the request (and its retries); the method rejects with `BceHttpClientError` whose `last_error.code` is `'ABORTED'`. */
  signal?: AbortSignal;
  /** Per-call overrides, as Python's `config=` argument: credentials, endpoint, retry_policy... */
  config?: Partial<Pick<BceClientConfiguration, 'credentials' | 'endpoint' | 'protocol' | 'port' | 'retry_policy' | 'path_style_enable' | 'security_token'>>;
}

/**
 * One BOS request as an operation hands it to `ctx.http`: core's request
 * shape plus the caller's per-call options (signal, config overrides), which
 * the client's hooks read when they address and sign it.
 */
export interface BosRequest extends VendorRequest, CallOptions {}

/**
 * The per-call part of a method's options (`signal`, `config`), to spread
 * into a `BosRequest`; the method's own options (content type, metadata...)
 * are the operation's business and never reach the layer.
 */
export function perCall(options: CallOptions | undefined): CallOptions {
  if (!options) return {};
  return { ...(options.signal ? { signal: options.signal } : {}), ...(options.config ? { config: options.config } : {}) };
}

/** What one call resolves to from the configuration and its per-call overrides. */
export interface ResolvedCall {
  endpoint: ResolvedEndpoint;
  credentials: BceCredentials;
  sessionToken: string | undefined;
  retry: RetryPolicy;
}

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

/**
 * Core's call for one BOS request: addressed (an unencodable key is left to
 * the layer, as an argument error), signed per attempt with the clock
 * `now` gives (the client's, corrected by a learned skew), retried with
 * `retry`.
 */
export function addressBos(request: BosRequest, resolved: ResolvedCall, now: () => Date, retry: RetryPolicy): HttpCall {
  const keys = {
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
  // Built now so the error hooks see method and URL; a request that cannot be built (a key with a lone
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
    authorize: (req, at) => utf8HeaderBytes(signBos(req, keys, at)),
    // The Python SDK sends non-ASCII metadata as raw UTF-8 bytes, signed as text (UriEncode of the bytes).
    rawByteHeaders: true,
    now,
    retry,
    signal: request.signal,
  };
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
