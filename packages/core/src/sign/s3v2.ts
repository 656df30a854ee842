/**
 * Amazon S3 signature V2 as CTYun OOS speaks it (`signature_version='s3'`).
 *
 *   StringToSign = VERB \n Content-MD5 \n Content-Type \n Date \n
 *                  CanonicalizedAmzHeaders CanonicalizedResource
 *   Authorization: AWS <AccessKeyId>:Base64(HMAC-SHA1(secret, StringToSign))
 *
 * Every stage is exported so a failing vector shows which one broke. Nothing
 * here reads the clock: the caller passes `now` (or an absolute `expires`).
 */
import { encodeRfc3986 } from '../encode.ts';
import { hmacSha1 } from '../hash/digest.ts';
import type { Credentials, WireRequest } from '../types.ts';
import { memoizePerSecond } from './key-cache.ts';

/**
 * Query parameters that take part in the CanonicalizedResource (the OOS
 * server's list, which is the classic S3 list). Anything else — `prefix`,
 * `marker`, `max-keys`, OOS's own `trigger` — is left out of the signature.
 */
export const S3_V2_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl',
  'cors',
  'delete',
  'lifecycle',
  'location',
  'logging',
  'notification',
  'partNumber',
  'policy',
  'requestPayment',
  'restore',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
]);

/** A query pair as signers see it; `''` or `null` value = bare parameter (`?acl`). */
export type QueryPair = readonly [string, string | null];

/** What the V2 string to sign is made of, already extracted from a request. */
export interface S3V2StringToSignParts {
  method: string;
  contentMd5: string;
  contentType: string;
  /** The date line: the `Date` header, `''` when `x-amz-date` is sent, or the `Expires` epoch for presigned URLs. */
  date: string;
  /** Output of `canonicalizedAmzHeaders`. */
  amzHeaders: string;
  /** Output of `canonicalizedResource`. */
  resource: string;
}

/** Options shared by header and query signing. */
export interface S3V2Options {
  /**
   * The bucket when it travels in the Host (virtual-hosted style). The
   * resource then becomes `/<bucket>` + path. Leave unset for path-style
   * requests, whose path already starts with `/<bucket>`.
   */
  virtualHostBucket?: string;
}

/** Options of `signS3V2`. */
export interface SignS3V2Options extends S3V2Options {
  /**
   * Which date header to add when the request carries neither `Date` nor
   * `x-amz-date`. Default `'x-amz-date'`: s3rver signs an empty date line, and
   * the OOS server and real S3 accept it too (see protocols/oos.md §2).
   */
  dateHeader?: 'x-amz-date' | 'Date';
}

function lowerHeaders(headers: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    const prev = out.get(key);
    out.set(key, prev === undefined ? value : `${prev},${value}`);
  }
  return out;
}

/** Byte-order comparison (UTF-16 order differs from UTF-8 only outside the BMP; names here are ASCII). */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `x-amz-*` headers: lower-cased names, trimmed values, sorted by name, one
 * `name:value\n` line each. `x-ctyun-*` and the rest are not signed.
 */
export function canonicalizedAmzHeaders(headers: Record<string, string>): string {
  const amz = [...lowerHeaders(headers)].filter(([name]) => name.startsWith('x-amz-'));
  amz.sort(([a], [b]) => byName(a, b));
  return amz.map(([name, value]) => `${name}:${value.trim()}\n`).join('');
}

/**
 * CanonicalizedResource: `resourcePath` (`/bucket/key` as sent on the wire,
 * `/bucket/`, `/bucket` or `/`) followed by the signed sub-resources, sorted,
 * with DECODED values (`?response-content-type=application/pdf`).
 */
export function canonicalizedResource(resourcePath: string, query: readonly QueryPair[]): string {
  const subs = query.filter(([name]) => S3_V2_SUB_RESOURCES.has(name));
  if (subs.length === 0) return resourcePath;
  const sorted = [...subs].sort(([a], [b]) => byName(a, b));
  const parts = sorted.map(([name, value]) => (value === null || value === '' ? name : `${name}=${value}`));
  return `${resourcePath}?${parts.join('&')}`;
}

/** The path part of the CanonicalizedResource for a request path. */
export function resourcePathV2(path: string, options: S3V2Options = {}): string {
  return options.virtualHostBucket === undefined ? path : `/${options.virtualHostBucket}${path}`;
}

export function stringToSignV2(parts: S3V2StringToSignParts): string {
  return [parts.method, parts.contentMd5, parts.contentType, parts.date, ''].join('\n') + parts.amzHeaders + parts.resource;
}

/** Base64 HMAC-SHA1 of the string to sign. */
export function signatureV2(secretAccessKey: string, stringToSign: string): string {
  return hmacSha1(secretAccessKey, stringToSign, 'base64');
}

/**
 * Extracts the string-to-sign parts from headers that already hold every
 * signed value (date header, security token). `dateOverride` replaces the date
 * line (presigned URLs put `Expires` there).
 */
export function stringToSignForHeaders(
  method: string,
  resourcePath: string,
  query: readonly QueryPair[],
  headers: Record<string, string>,
  dateOverride?: string,
): string {
  return stringToSignFromScan(method, resourcePath, query, scanHeaders(headers), dateOverride);
}

/** What V2 reads from the headers, gathered in one pass (lower-cased names). */
interface HeaderScan {
  contentMd5: string;
  contentType: string;
  date: string | undefined;
  hasAmzDate: boolean;
  /** `x-amz-*` headers; a repeated name (case-insensitively) is joined with `,`. */
  amz: Array<[string, string]>;
  hasToken: boolean;
}

function scanHeaders(headers: Record<string, string>): HeaderScan {
  const scan: HeaderScan = { contentMd5: '', contentType: '', date: undefined, hasAmzDate: false, amz: [], hasToken: false };
  for (const name in headers) {
    const value = headers[name]!;
    const lower = name.toLowerCase();
    if (lower.startsWith('x-amz-')) {
      const prev = scan.amz.find(([n]) => n === lower);
      if (prev) prev[1] = `${prev[1]},${value}`;
      else scan.amz.push([lower, value]);
      if (lower === 'x-amz-date') scan.hasAmzDate = true;
      else if (lower === 'x-amz-security-token') scan.hasToken = true;
    } else if (lower === 'content-md5') scan.contentMd5 = value;
    else if (lower === 'content-type') scan.contentType = value;
    else if (lower === 'date') scan.date = value;
  }
  return scan;
}

function stringToSignFromScan(method: string, resourcePath: string, query: readonly QueryPair[], scan: HeaderScan, dateOverride?: string): string {
  // With x-amz-date present the date line is empty: x-amz-date is signed among the amz headers.
  const date = dateOverride ?? (scan.hasAmzDate ? '' : (scan.date ?? ''));
  scan.amz.sort(([a], [b]) => byName(a, b));
  let amzHeaders = '';
  for (const [name, value] of scan.amz) amzHeaders += `${name}:${value.trim()}\n`;
  return stringToSignV2({
    method,
    contentMd5: scan.contentMd5,
    contentType: scan.contentType,
    date,
    amzHeaders,
    resource: canonicalizedResource(resourcePath, query),
  });
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((h) => h.toLowerCase() === wanted);
}

/** RFC 1123 date as HTTP and V2 use it: `Tue, 14 Nov 2023 22:13:20 GMT`. */
export const httpDate: (now: Date) => string = memoizePerSecond((now) => now.toUTCString());

/**
 * The headers that authorize `req` with V2: a date header (unless the request
 * already has `Date` or `x-amz-date`), `x-amz-security-token` for temporary
 * credentials, and `Authorization`. Merge them into the request headers.
 */
export function signS3V2(
  req: Pick<WireRequest, 'method' | 'path' | 'query' | 'headers'>,
  credentials: Credentials,
  now: Date,
  options: SignS3V2Options = {},
): Record<string, string> {
  const added: Record<string, string> = {};
  const scan = scanHeaders(req.headers);
  if (scan.date === undefined && !scan.hasAmzDate) {
    const date = httpDate(now);
    if ((options.dateHeader ?? 'x-amz-date') === 'x-amz-date') {
      added['x-amz-date'] = date;
      scan.amz.push(['x-amz-date', date]);
      scan.hasAmzDate = true;
    } else {
      added['Date'] = date;
      scan.date = date;
    }
  }
  if (credentials.sessionToken !== undefined && !scan.hasToken) {
    added['x-amz-security-token'] = credentials.sessionToken;
    scan.amz.push(['x-amz-security-token', credentials.sessionToken]);
  }
  const sts = stringToSignFromScan(req.method, resourcePathV2(req.path, options), req.query, scan);
  added['Authorization'] = `AWS ${credentials.accessKeyId}:${signatureV2(credentials.secretAccessKey, sts)}`;
  return added;
}

/** Result of `presignS3V2`. */
export interface PresignedV2 {
  /** Query pairs to append after the request's own query, in botocore's order. */
  query: Array<[string, string]>;
  stringToSign: string;
  signature: string;
}

/**
 * V2 query-string authentication. `expires` is absolute (Unix seconds) and
 * takes the date line. `Content-Type`, `Content-MD5` and `x-amz-*` headers of
 * `req` are signed and copied into the query under lower-case names, as
 * botocore does; the uploader must still send the signed `Content-Type`.
 */
export function presignS3V2(
  req: Pick<WireRequest, 'method' | 'path' | 'query' | 'headers'>,
  credentials: Credentials,
  expires: number,
  options: S3V2Options = {},
): PresignedV2 {
  const headers: Record<string, string> = { ...req.headers };
  if (credentials.sessionToken !== undefined && !hasHeader(headers, 'x-amz-security-token')) {
    headers['x-amz-security-token'] = credentials.sessionToken;
  }
  const expiresText = String(Math.floor(expires));
  const stringToSign = stringToSignForHeaders(req.method, resourcePathV2(req.path, options), req.query, headers, expiresText);
  const signature = signatureV2(credentials.secretAccessKey, stringToSign);
  const query: Array<[string, string]> = [
    ['AWSAccessKeyId', credentials.accessKeyId],
    ['Signature', signature],
  ];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    // botocore writes these query names lower-cased (`content-type`, not `Content-Type`).
    if (lower === 'content-type' || lower === 'content-md5' || lower.startsWith('x-amz-')) query.push([lower, value]);
  }
  query.push(['Expires', expiresText]);
  return { query, stringToSign, signature };
}

/** `name=value` pairs joined with `&`, RFC 3986-encoded; bare names without `=`. */
function encodePairs(pairs: readonly QueryPair[]): string {
  return pairs.map(([n, v]) => (v === null ? encodeRfc3986(n) : `${encodeRfc3986(n)}=${encodeRfc3986(v)}`)).join('&');
}

/** The `input` object of a V2 vector in `protocols/vectors/oos.json`. */
export interface S3V2VectorInput {
  method: string;
  addressing: 'virtual' | 'path' | string;
  bucket: string | null;
  path: string;
  query: Array<[string, string | null]>;
  url: string;
  headers: Record<string, string>;
  /** Header vectors: every header handed to the signer (date and token included). */
  signedHeaders?: Record<string, string>;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Query vectors: absolute expiry, Unix seconds. */
  expires?: number;
  [extra: string]: unknown;
}

export type S3V2VectorResult = { authorization: string; stringToSign: string } | { stringToSign: string; signature: string; url: string };

/**
 * Runs a V2 vector: header vectors (`v2-header`) give `{authorization,
 * stringToSign}`, presigned ones (`v2-query`, recognised by `expires`) give
 * `{stringToSign, signature, url}` — exactly the vector's `expected`.
 */
export function signS3V2Vector(input: S3V2VectorInput): S3V2VectorResult {
  const credentials: Credentials = {
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
    ...(input.sessionToken === undefined ? {} : { sessionToken: input.sessionToken }),
  };
  const options: S3V2Options = input.addressing === 'virtual' && input.bucket ? { virtualHostBucket: input.bucket } : {};
  const query = input.query.map(([n, v]): [string, string] => [n, v ?? '']);
  if (input.expires !== undefined) {
    const signed = presignS3V2(
      { method: input.method as WireRequest['method'], path: input.path, query, headers: input.headers },
      credentials,
      input.expires,
      options,
    );
    const sep = input.url.includes('?') ? '&' : '?';
    return { stringToSign: signed.stringToSign, signature: signed.signature, url: `${input.url}${sep}${encodePairs(signed.query)}` };
  }
  const headers = input.signedHeaders ?? input.headers;
  const stringToSign = stringToSignForHeaders(input.method, resourcePathV2(input.path, options), query, headers);
  return { authorization: `AWS ${credentials.accessKeyId}:${signatureV2(credentials.secretAccessKey, stringToSign)}`, stringToSign };
}

/** `AWS <AccessKeyId>:<Signature>` → its parts; undefined when the header has another shape. */
export function parseS3V2Authorization(header: string): { accessKeyId: string; signature: string } | undefined {
  const m = /^AWS ([^:\s]+):(\S+)$/.exec(header.trim());
  return m ? { accessKeyId: m[1]!, signature: m[2]! } : undefined;
}
