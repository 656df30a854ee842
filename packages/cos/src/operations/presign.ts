import { buildUrl, type HttpMethod, type WireRequest } from '@yunstore/core';
import { isCosSignableHeader, presignCos, signCos } from '@yunstore/core/sign';
import { cosWireRequest, type CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { describe, isPlainObject, normalizeKey, optionalInt } from '../validate.ts';
import { bucketOf, keyOf } from './params.ts';

export interface PresignParams {
  Bucket: string;
  Key: string;
  /** Seconds the URL stays valid. Default 300. */
  Expired?: number;
  /** Query parameters to sign and append, e.g. `{'response-content-disposition': 'attachment'}`. */
  Params?: Record<string, string>;
  /** Headers to sign; the caller of the URL must send them (e.g. `{'Content-Type': 'text/plain'}` for a PUT). */
  Headers?: Record<string, string>;
  /**
   * Sign the Host header (default true, as the Python SDK). `get_auth` honours
   * `false` (Host left out of `q-header-list`); presigned URLs always sign Host,
   * which pins them to this bucket.
   */
  SignHost?: boolean;
  /** The clock, for tests. Default now. */
  Now?: Date;
}

export interface PresignedUrlParams extends PresignParams {
  /** `'GET'`, `'PUT'`, `'POST'`, `'DELETE'`, `'HEAD'`. */
  Method: string;
}

export interface GetAuthParams extends PresignParams {
  Method: string;
}

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

function methodOf(value: unknown): HttpMethod {
  const m = typeof value === 'string' ? value.toUpperCase() : '';
  if (!METHODS.has(m)) {
    throw new CosClientError(`Method must be one of GET, PUT, POST, DELETE, HEAD (got ${describe(value)})`, { code: 'InvalidArgument' });
  }
  return m as HttpMethod;
}

function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new CosClientError(`${name} must be a dict of strings`, { code: 'InvalidArgument' });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    out[k] = String(v);
  }
  return out;
}

/**
 * With `IP=` the client connects to an address but speaks to the bucket host;
 * a URL handed to someone else must name the bucket host itself.
 */
function publicRequest(ctx: CosContext, spec: CosRequestSpec): WireRequest {
  const req = cosWireRequest(ctx.config, spec);
  const host = req.headers['Host'];
  if (host === undefined) return req;
  const headers = { ...req.headers };
  delete headers['Host'];
  return { ...req, origin: `${ctx.config.Scheme}://${host}`, headers };
}

function prepare(ctx: CosContext, params: Record<string, unknown>, method: HttpMethod, bucketLevelOk = false) {
  const bucket = bucketOf(ctx, params);
  // get_auth may sign a bucket-level request (Key '' or '/'), as Python's does.
  const rawKey = params['Key'];
  const bucketLevel = rawKey === undefined || (typeof rawKey === 'string' && normalizeKey(rawKey) === '');
  const key = bucketLevelOk && bucketLevel ? undefined : keyOf(params);
  const expires = optionalInt(params['Expired'], 'Expired', 1, 7 * 24 * 3600) ?? 300;
  const query = Object.entries(stringMap(params['Params'], 'Params'));
  const headers = stringMap(params['Headers'], 'Headers');
  const req = publicRequest(ctx, { op: 'presign', method, bucket, ...(key === undefined ? {} : { key }), query, headers });
  const now = params['Now'] instanceof Date ? params['Now'] : new Date();
  return { req, expires, now, headerNames: Object.keys(headers) };
}

/** get_presigned_url(Bucket, Key, Method, Expired=300, Params={}, Headers={}) → a URL anyone can use until it expires. */
export function getPresignedUrl(ctx: CosContext, params: Record<string, unknown>): string {
  const { req, expires, now, headerNames } = prepare(ctx, params, methodOf(params['Method']));
  return presignCos(req, ctx.config.credentials(), { now, expiresSeconds: expires, headersToSign: headerNames }).url;
}

/** get_presigned_download_url(Bucket, Key, Expired=300, Params={}, Headers={}) → a GET URL. */
export function getPresignedDownloadUrl(ctx: CosContext, params: Record<string, unknown>): string {
  const { req, expires, now, headerNames } = prepare(ctx, params, 'GET');
  return presignCos(req, ctx.config.credentials(), { now, expiresSeconds: expires, headersToSign: headerNames }).url;
}

/** get_object_url(Bucket, Key) → the object's plain (unsigned) URL. */
export function getObjectUrl(ctx: CosContext, params: Record<string, unknown>): string {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  return buildUrl(publicRequest(ctx, { op: 'get_object_url', method: 'GET', bucket, key }));
}

/**
 * get_auth(Method, Bucket, Key, Expired=300, Headers={}, Params={}) → an
 * Authorization value for a request you send yourself with exactly those
 * headers and query parameters (Host included).
 */
export function getAuth(ctx: CosContext, params: Record<string, unknown>): string {
  const { req, expires, now, headerNames } = prepare(ctx, params, methodOf(params['Method']), true);
  const start = Math.floor(now.getTime() / 1000);
  const keyTime = `${start};${start + expires}`;
  const signHost = params['SignHost'];
  if (signHost !== undefined && signHost !== null && typeof signHost !== 'boolean') {
    throw new CosClientError(`SignHost must be true or false (got ${describe(signHost)})`, { code: 'InvalidArgument' });
  }
  // SignHost=False: exactly the signable headers given, Host not among them (an empty q-header-list when none).
  const headersToSign = signHost === false ? headerNames.filter((n) => n.toLowerCase() !== 'host' && isCosSignableHeader(n)) : undefined;
  return signCos(req, ctx.config.credentials(), { keyTime, ...(headersToSign ? { headersToSign } : {}) }).authorization;
}
