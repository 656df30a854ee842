/**
 * NetEase NOS request signing ("NOS <ak>:<base64 HMAC-SHA256>"), as pure
 * functions with one exported function per stage, so a failing vector shows
 * which stage broke and the emulator can verify with the very same code.
 *
 *   StringToSign = METHOD \n Content-MD5 \n Content-Type \n Date \n
 *                  CanonicalizedNOSHeaders CanonicalizedResource
 *
 * Wire rules: shared/protocols/nos.md §3-5.
 */
import { hmacSha256 } from '../hash/digest.ts';
import type { Credentials, HttpMethod } from '../types.ts';
import { memoizePerSecond } from './key-cache.ts';

/** Query pairs as `WireRequest.query` holds them: raw values, `''` for a bare flag such as `?uploads`. */
export type NosQuery = ReadonlyArray<readonly [string, string]>;

/**
 * Query parameters that are part of the signed resource. Everything else
 * (prefix, marker, max-keys, max-parts, key-marker, download, ...) is not signed.
 */
export const NOS_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl',
  'location',
  'versioning',
  'versions',
  'versionId',
  'uploadId',
  'uploads',
  'partNumber',
  'delete',
  'deduplication',
  // The Python SDK also treats its image-processing parameters as sub-resources.
  'crop',
  'resize',
]);

const NOS_PLAIN_KEY = /^[A-Za-z0-9\-_.*]*$/;

/**
 * NOS key encoding: UTF-8 percent-encoding where only `A-Z a-z 0-9 - _ . *`
 * stay literal. Unlike S3, `/` becomes `%2F` (the whole key is one path
 * segment) and `~` becomes `%7E`. The same form goes into the path and the
 * canonical resource.
 */
export function encodeNosKey(key: string): string {
  if (NOS_PLAIN_KEY.test(key)) return key;
  // encodeURIComponent keeps `! ' ( ) ~ *` literal; NOS keeps only `*`.
  return encodeURIComponent(key).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The `Date` header in the spelling the Python and Java SDKs send: Beijing
 * time (UTC+8) with the literal zone name, `Wed, 15 Nov 2023 06:13:20 Asia/Shanghai`.
 */
export const formatNosDate: (now: Date) => string = memoizePerSecond((now) => {
  const d = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} Asia/Shanghai`
  );
});

/**
 * Parses a NOS `Date` header: the `Asia/Shanghai` spelling, RFC 1123 GMT
 * (what nos-node-sdk sends) or anything `Date.parse` understands.
 * Returns undefined when the value is not a date.
 */
export function parseNosDate(value: string): Date | undefined {
  const trimmed = value.trim();
  const shanghai = /^(.*\d{2}:\d{2}:\d{2})\s+Asia\/Shanghai$/i.exec(trimmed);
  if (shanghai?.[1] !== undefined) {
    const asUtc = Date.parse(`${shanghai[1]} GMT`);
    return Number.isNaN(asUtc) ? undefined : new Date(asUtc - SHANGHAI_OFFSET_MS);
  }
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * Stage 1: the `x-nos-*` headers, names lower-cased, values trimmed, sorted by
 * name, one `name:value\n` line each. Two headers whose names differ only in
 * case are refused: the SDKs disagree on which value wins (protocol §10).
 */
export function nosCanonicalHeaders(headers: Readonly<Record<string, string>>): string {
  const lines: Array<[string, string]> = [];
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-nos-')) continue;
    if (lines.some(([seen]) => seen === lower)) throw new TypeError(`duplicate header "${lower}" (names differ only in case)`);
    lines.push([lower, headers[name]!.trim()]);
  }
  if (lines.length > 1) lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '';
  for (const [name, value] of lines) out += `${name}:${value}\n`;
  return out;
}

/**
 * Stage 2: `/bucket/encodedKey` (`/bucket/` for bucket requests) plus the
 * sub-resources of the query, sorted by name, `name` or `name=value`.
 * `encodedKey` is the key exactly as it appears in the path (see `encodeNosKey`).
 */
export function nosCanonicalResource(bucket: string, encodedKey: string, query: NosQuery = []): string {
  if (query.length === 0) return `/${bucket}/${encodedKey}`;
  const subs = query
    .filter(([name]) => NOS_SUB_RESOURCES.has(name))
    .map(([name, value]) => [name, value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    // Only digit/alphanumeric values occur in practice; escape anything else like a key.
    .map(([name, value]) => (value === '' ? name : `${name}=${encodeNosKey(value)}`));
  const base = `/${bucket}/${encodedKey}`;
  return subs.length > 0 ? `${base}?${subs.join('&')}` : base;
}

/** Header lookup ignoring case (callers may write `Content-MD5` or `content-md5`). */
export function nosHeader(headers: Readonly<Record<string, string>>, name: string): string {
  const exact = headers[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const k in headers) if (k.toLowerCase() === lower) return headers[k]!;
  return '';
}

export interface NosStringToSignParts {
  method: string;
  /** Hex MD5 as sent (NOS uses hex, not base64); '' when absent. */
  contentMd5: string;
  contentType: string;
  /** The Date header value, or the Expires seconds of a signed URL. */
  date: string;
  /** Output of `nosCanonicalHeaders`. */
  canonicalHeaders: string;
  /** Output of `nosCanonicalResource`. */
  canonicalResource: string;
}

/** Stage 3: the string to sign. */
export function nosStringToSign(p: NosStringToSignParts): string {
  return `${p.method}\n${p.contentMd5}\n${p.contentType}\n${p.date}\n${p.canonicalHeaders}${p.canonicalResource}`;
}

/** Stage 4: base64 (standard alphabet, padded) HMAC-SHA256 keyed with the secret. */
export function nosSignature(secret: string, stringToSign: string): string {
  return hmacSha256(secret, stringToSign, 'base64');
}

/** Stage 5: the Authorization header value. */
export function nosAuthorization(accessKeyId: string, signature: string): string {
  return `NOS ${accessKeyId}:${signature}`;
}

/** What `signNos` needs to know about a request. */
export interface NosSignRequest {
  method: HttpMethod | string;
  bucket: string;
  /** The raw (unencoded) key; omit or '' for bucket-level requests. */
  key?: string | undefined;
  query?: NosQuery;
  /** Headers as they will be sent (Content-MD5, Content-Type, x-nos-*); a Date here is replaced. */
  headers: Readonly<Record<string, string>>;
}

export interface NosSignResult {
  /** The headers to add: `Date` (from `now`) and `Authorization`. */
  headers: { Date: string; Authorization: string };
  stringToSign: string;
}

/**
 * Signs a request in the header form. `now` is the clock (a retry passes a
 * fresh one); the Date is written in the Python SDK's Asia/Shanghai spelling.
 */
export function signNos(request: NosSignRequest, credentials: Credentials, now: Date): NosSignResult {
  const date = formatNosDate(now);
  const stringToSign = nosStringToSign({
    method: request.method,
    contentMd5: nosHeader(request.headers, 'Content-MD5'),
    contentType: nosHeader(request.headers, 'Content-Type'),
    date,
    canonicalHeaders: nosCanonicalHeaders(request.headers),
    canonicalResource: nosCanonicalResource(request.bucket, encodeNosKey(request.key ?? ''), request.query),
  });
  const signature = nosSignature(credentials.secretAccessKey, stringToSign);
  return {
    headers: { Date: date, Authorization: nosAuthorization(credentials.accessKeyId, signature) },
    stringToSign,
  };
}

export interface NosPresignRequest {
  /** Default GET. */
  method?: HttpMethod | string;
  bucket: string;
  key: string;
  /** Scheme and host, e.g. `http://demo-bucket.nos-eastchina1.126.net` (virtual-hosted). */
  origin: string;
  /** Unix time in seconds after which NOS refuses the URL. */
  expires: number;
  /** Headers the request will carry (Content-MD5, Content-Type); usually none for a GET. */
  headers?: Readonly<Record<string, string>>;
  /** Extra query pairs; unsigned ones such as `download` are appended as-is. */
  query?: NosQuery;
}

export interface NosPresignResult {
  url: string;
  /** The three authentication parameters, raw (not URL-encoded). */
  query: { NOSAccessKeyId: string; Expires: string; Signature: string };
  stringToSign: string;
  signature: string;
}

/** Query-string authentication: the Expires seconds take the place of Date (protocol §4). */
export function presignNos(request: NosPresignRequest, credentials: Credentials): NosPresignResult {
  const headers = request.headers ?? {};
  const extra = request.query ?? [];
  const encodedKey = encodeNosKey(request.key);
  const expires = String(Math.floor(request.expires));
  // x-nos-* query parameters are signed like the x-nos-* headers.
  const nosParams: Record<string, string> = {};
  for (const [name, value] of extra) if (name.toLowerCase().startsWith('x-nos-')) nosParams[name] = value;
  const stringToSign = nosStringToSign({
    method: request.method ?? 'GET',
    contentMd5: nosHeader(headers, 'Content-MD5'),
    contentType: nosHeader(headers, 'Content-Type'),
    date: expires,
    canonicalHeaders: nosCanonicalHeaders({ ...nosParams, ...headers }),
    canonicalResource: nosCanonicalResource(request.bucket, encodedKey, extra),
  });
  const signature = nosSignature(credentials.secretAccessKey, stringToSign);
  const query = { NOSAccessKeyId: credentials.accessKeyId, Expires: expires, Signature: signature };
  const pairs: Array<readonly [string, string]> = [...Object.entries(query), ...extra];
  const search = pairs.map(([name, value]) => (value === '' ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)).join('&');
  return { url: `${request.origin}/${encodedKey}?${search}`, query, stringToSign, signature };
}

/** A vector's `inputs` object from `shared/protocols/vectors/nos.json`. */
export interface NosVectorInputs {
  method: string;
  endpoint: string;
  bucket: string;
  key: string | null;
  host: string;
  path: string;
  query?: Record<string, string | null>;
  headers?: Record<string, string>;
  expires?: number;
  access_key_id: string;
  access_key_secret: string;
  canonical_resource: string;
  [other: string]: unknown;
}

export type NosVectorExpected =
  | { string_to_sign: string; signature: string; authorization: string }
  | {
      string_to_sign: string;
      signature: string;
      url: string;
      query: { NOSAccessKeyId: string; Expires: string; Signature: string };
    };

/**
 * Vector conformance: takes a vector's `inputs` and returns what its
 * `expected` holds, computed through the stage functions above (header form,
 * or query-string form when `inputs.expires` is present). The Date is the one
 * the vector carries, not a clock.
 */
export function signNosVector(inputs: NosVectorInputs): NosVectorExpected {
  const credentials = { accessKeyId: inputs.access_key_id, secretAccessKey: inputs.access_key_secret };
  const key = inputs.key ?? '';
  if (typeof inputs.expires === 'number') {
    const r = presignNos({ method: inputs.method, bucket: inputs.bucket, key, origin: `http://${inputs.host}`, expires: inputs.expires }, credentials);
    return { string_to_sign: r.stringToSign, signature: r.signature, url: r.url, query: r.query };
  }
  const headers = inputs.headers ?? {};
  const query: Array<[string, string]> = Object.entries(inputs.query ?? {}).map(([k, v]) => [k, v ?? '']);
  const stringToSign = nosStringToSign({
    method: inputs.method,
    contentMd5: nosHeader(headers, 'Content-MD5'),
    contentType: nosHeader(headers, 'Content-Type'),
    date: nosHeader(headers, 'Date'),
    canonicalHeaders: nosCanonicalHeaders(headers),
    canonicalResource: nosCanonicalResource(inputs.bucket, encodeNosKey(key), query),
  });
  const signature = nosSignature(inputs.access_key_secret, stringToSign);
  return { string_to_sign: stringToSign, signature, authorization: nosAuthorization(inputs.access_key_id, signature) };
}
