/**
 * What is OOS-specific on the way to the wire, as pure functions of the
 * client's settings: addressing (virtual-hosted or path style, key encoding)
 * and signing (V2 or V4, re-done for every attempt). `oosCall` puts them
 * together into the call core's layer runs; the client context hands it to
 * `VendorHttp` as its `address` hook, so an operation passes its `OosRequest`
 * straight to `ctx.http.send/parse/read/stream`.
 */
import { encodeKeyPath, sha256Hex, type Body, type Credentials, type HttpCall, type VendorRequest, type WireRequest } from '@yunstore/core';
import { signS3V2, signS3V4, UNSIGNED_PAYLOAD } from '@yunstore/core/sign';
import type { Config } from './config.ts';

/** One S3 call before addressing and signing: core's shape, `op` being botocore's operation name (`PutObject`, for messages). */
export interface OosRequest extends VendorRequest {
  /** The caller's `AbortSignal` parameter. */
  signal?: AbortSignal | undefined;
}

/** The client settings addressing and signing read; the client context is one. */
export interface OosSite {
  readonly endpoint: URL;
  readonly config: Config;
  /** V4 scope region. */
  readonly region: string;
  /** V4 scope service: `s3`, or `sts` for the IAM host. */
  readonly service: 's3' | 'sts';
  /** The keys to sign with now; read again for every attempt so a late retry signs with refreshed keys. */
  readonly credentials: Credentials;
}

/** Bodies up to this size are hashed for V4 (`x-amz-content-sha256`); larger ones and streams go UNSIGNED-PAYLOAD. */
// Bodies in memory are hashed so the server can check them end to end.
const HASH_LIMIT = 16 * 1024 * 1024;

const IP_OR_LOCAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|localhost)$/i;
const DNS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** V4 region from `oos-<region>.ctyunapi.cn` / `oos-<region>-iam.ctyunapi.cn`. */
export function regionFromHost(host: string): string | undefined {
  const m = /^oos-([a-z0-9-]+?)(-iam)?\.ctyunapi\.cn$/i.exec(host);
  return m?.[1];
}

/** Virtual-hosted when the endpoint is a DNS name and the bucket fits in a host label; path style otherwise. */
export function virtualHosted(site: Pick<OosSite, 'endpoint' | 'config'>, bucket: string): boolean {
  const style = site.config.s3.addressing_style ?? 'auto';
  if (style === 'path') return false;
  if (style === 'virtual') return true;
  return !IP_OR_LOCAL.test(site.endpoint.hostname) && DNS_BUCKET.test(bucket);
}

/** Origin and encoded path for a bucket/key. Keys keep `/` (runs and a trailing one too); `+` goes as `%2B`. */
export function wireRequest(site: Pick<OosSite, 'endpoint' | 'config'>, req: Omit<OosRequest, 'op'>): WireRequest {
  const base = site.endpoint;
  let origin = base.origin;
  let path = '/';
  if (req.bucket !== undefined) {
    const key = req.key === undefined ? '' : encodeKeyPath(req.key);
    if (virtualHosted(site, req.bucket)) {
      origin = `${base.protocol}//${req.bucket}.${base.host}`;
      path = `/${key}`;
    } else {
      // Bucket requests go to `/bucket` (as boto3 sends them), object requests to `/bucket/key`.
      path = req.key === undefined ? `/${req.bucket}` : `/${req.bucket}/${key}`;
    }
  }
  const wire: WireRequest = { method: req.method, origin, path, query: req.query ?? [], headers: { ...req.headers } };
  if (req.body) wire.body = req.body;
  return wire;
}

/** Returns a function that adds the authorization of the configured signature version. */
export function authorizer(site: OosSite, req: Omit<OosRequest, 'op'>): (wire: WireRequest, now: Date) => WireRequest {
  // `site.credentials` is read for every attempt: a retry late in a long call signs with refreshed keys.
  if (site.config.signature_version === 's3v4') {
    const payloadHash = payloadHashOf(req.body);
    return (wire, now) => ({
      ...wire,
      // Object.assign, not two spreads: merging into a spread copy is a slow path on Node 20 (about 1 µs per added header).
      headers: Object.assign({}, wire.headers, signS3V4(wire, site.credentials, now, { region: site.region, service: site.service, payloadHash })),
    });
  }
  const virtualHostBucket = req.bucket !== undefined && virtualHosted(site, req.bucket) ? req.bucket : undefined;
  // x-amz-date rather than Date: s3rver signs an empty date line, and OOS/S3 accept both (protocols/oos.md §2).
  return (wire, now) => ({
    ...wire,
    headers: Object.assign({}, wire.headers, signS3V2(wire, site.credentials, now, virtualHostBucket === undefined ? {} : { virtualHostBucket })),
  });
}

/**
 * The call core's layer runs for an OOS request (the `address` hook). The
 * wire request is built lazily and the signer inside the hook, so a fault
 * while encoding (a lone surrogate in a key) is the layer's argument error.
 */
export function oosCall(site: OosSite, req: OosRequest): HttpCall {
  return { op: req.op, request: () => wireRequest(site, req), key: req.key, authorize: authorizer(site, req), signal: req.signal };
}

/** Bodies that go UNSIGNED-PAYLOAD under V4 whatever their size (see `unsignedPayload`). */
const UNHASHED = new WeakSet<Body>();

/**
 * Marks a body to be sent `UNSIGNED-PAYLOAD` under V4. The transfer engine's
 * part bodies are metered streams: hashing one would open it (and a file
 * range under it) only to throw it away, and read every part twice.
 */
export function unsignedPayload(body: Body): Body {
  UNHASHED.add(body);
  return body;
}

/** Requests without a body go UNSIGNED-PAYLOAD, as the OOS PHP SDK and the vectors do. */
function payloadHashOf(body: Body | undefined): string {
  if (!body || UNHASHED.has(body)) return UNSIGNED_PAYLOAD;
  if (!body.replayable || body.length === undefined || body.length > HASH_LIMIT) return UNSIGNED_PAYLOAD;
  const bytes = body.open();
  return Buffer.isBuffer(bytes) ? sha256Hex(bytes) : (bytes.destroy(), UNSIGNED_PAYLOAD);
}
