import { CosClientError } from './errors.ts';
import { isPlainObject } from './validate.ts';

/**
 * Python keyword argument -> request header, as the COS Python SDK maps them
 * (`qcloud_cos/cos_comm.py` `maplist`). Only the names a method accepts are
 * read from its params; everything else in the params object is ignored here.
 */
export const HEADER_PARAMS: Readonly<Record<string, string>> = {
  ContentLength: 'Content-Length',
  ContentMD5: 'Content-MD5',
  ContentType: 'Content-Type',
  CacheControl: 'Cache-Control',
  ContentDisposition: 'Content-Disposition',
  ContentEncoding: 'Content-Encoding',
  ContentLanguage: 'Content-Language',
  Expires: 'Expires',
  ACL: 'x-cos-acl',
  GrantRead: 'x-cos-grant-read',
  GrantWrite: 'x-cos-grant-write',
  GrantFullControl: 'x-cos-grant-full-control',
  GrantReadACP: 'x-cos-grant-read-acp',
  GrantWriteACP: 'x-cos-grant-write-acp',
  StorageClass: 'x-cos-storage-class',
  TrafficLimit: 'x-cos-traffic-limit',
  Range: 'Range',
  IfMatch: 'If-Match',
  IfNoneMatch: 'If-None-Match',
  IfModifiedSince: 'If-Modified-Since',
  IfUnmodifiedSince: 'If-Unmodified-Since',
  CopySourceIfMatch: 'x-cos-copy-source-If-Match',
  CopySourceIfNoneMatch: 'x-cos-copy-source-If-None-Match',
  CopySourceIfModifiedSince: 'x-cos-copy-source-If-Modified-Since',
  CopySourceIfUnmodifiedSince: 'x-cos-copy-source-If-Unmodified-Since',
  ServerSideEncryption: 'x-cos-server-side-encryption',
  SSEKMSKeyId: 'x-cos-server-side-encryption-cos-kms-key-id',
  SSEKMSContext: 'x-cos-server-side-encryption-context',
  SSECustomerAlgorithm: 'x-cos-server-side-encryption-customer-algorithm',
  SSECustomerKey: 'x-cos-server-side-encryption-customer-key',
  SSECustomerKeyMD5: 'x-cos-server-side-encryption-customer-key-MD5',
  Tagging: 'x-cos-tagging',
  ContentSha1: 'x-cos-content-sha1',
};

/** `Response*` parameters of get_object become query parameters, not headers. */
export const RESPONSE_QUERY_PARAMS: Readonly<Record<string, string>> = {
  ResponseCacheControl: 'response-cache-control',
  ResponseContentDisposition: 'response-content-disposition',
  ResponseContentEncoding: 'response-content-encoding',
  ResponseContentLanguage: 'response-content-language',
  ResponseContentType: 'response-content-type',
  ResponseExpires: 'response-expires',
};

/** RESPONSE_QUERY_PARAMS as `[param, query name]` pairs, listed once rather than per get_object. */
export const RESPONSE_QUERY_ENTRIES: ReadonlyArray<readonly [string, string]> = Object.entries(RESPONSE_QUERY_PARAMS);

/** Header groups per method family. */
export const OBJECT_WRITE_HEADERS = [
  'ContentLength',
  'ContentMD5',
  'ContentType',
  'CacheControl',
  'ContentDisposition',
  'ContentEncoding',
  'ContentLanguage',
  'Expires',
  'ACL',
  'GrantRead',
  'GrantWrite',
  'GrantFullControl',
  'GrantReadACP',
  'GrantWriteACP',
  'StorageClass',
  'TrafficLimit',
  'ServerSideEncryption',
  'SSEKMSKeyId',
  'SSEKMSContext',
  'SSECustomerAlgorithm',
  'SSECustomerKey',
  'SSECustomerKeyMD5',
  'Tagging',
] as const;
export const ACL_HEADERS = ['ACL', 'GrantRead', 'GrantWrite', 'GrantFullControl', 'GrantReadACP', 'GrantWriteACP'] as const;
export const READ_HEADERS = [
  'Range',
  'IfMatch',
  'IfNoneMatch',
  'IfModifiedSince',
  'IfUnmodifiedSince',
  'TrafficLimit',
  'SSECustomerAlgorithm',
  'SSECustomerKey',
  'SSECustomerKeyMD5',
] as const;
/** READ_HEADERS but `Range`, which get_object normalises first. */
export const READ_HEADERS_BUT_RANGE = READ_HEADERS.filter((name) => name !== 'Range');
export const COPY_SOURCE_HEADERS = ['CopySourceIfMatch', 'CopySourceIfNoneMatch', 'CopySourceIfModifiedSince', 'CopySourceIfUnmodifiedSince'] as const;

/** Header values the caller gave as numbers are sent as decimal strings. */
function headerValue(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw new CosClientError(`${param} must be a string (got ${typeof value})`, { code: 'InvalidArgument' });
}

/** COS accepts 819200 (100 KB/s) to 838860800 (100 MB/s) bits per second. */
function trafficLimit(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 819200 || n > 838860800) {
    throw new CosClientError(`TrafficLimit must be bits per second between 819200 and 838860800 (got ${String(value)})`, {
      code: 'InvalidArgument',
    });
  }
  return String(n);
}

/**
 * Collects the headers named by `names` from the params into `out` (a new
 * record by default). Empty strings are skipped (not worth signing).
 */
export function headersFrom(params: Record<string, unknown>, names: readonly string[], out: Record<string, string> = {}): Record<string, string> {
  for (const name of names) {
    const header = HEADER_PARAMS[name];
    const value = name === 'TrafficLimit' ? trafficLimit(params[name]) : headerValue(params[name], name);
    if (header && value !== undefined && value !== '') out[header] = value;
  }
  return out;
}

/**
 * `Metadata={'x-cos-meta-key1': 'value1'}` is copied verbatim. COS drops any
 * other name, so a missing prefix is added rather than silently losing data
 * (the real SDK sends it as-is and COS ignores it). Header values must be
 * Latin-1; non-ASCII values are refused here with a clear message.
 */
export function metadataHeaders(metadata: unknown): Record<string, string> {
  if (metadata === undefined || metadata === null) return {};
  if (!isPlainObject(metadata)) {
    throw new CosClientError('Metadata must be a dict of x-cos-meta-* names to strings', { code: 'InvalidArgument' });
  }
  const out: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(metadata)) {
    const value = headerValue(rawValue, `Metadata['${rawName}']`);
    if (value === undefined) continue;
    const name = /^x-cos-meta-/i.test(rawName) || /^x-cos-/i.test(rawName) ? rawName : `x-cos-meta-${rawName}`;
    if (!/^[\x20-\x7e]*$/.test(value)) {
      throw new CosClientError(`Metadata['${rawName}'] must be ASCII (percent-encode other characters)`, {
        code: 'InvalidArgument',
      });
    }
    out[name] = value;
  }
  return out;
}

/** Header names as the Python SDK's dicts show them (the wire gives us lower case). */
const SPECIAL_CASE: Readonly<Record<string, string>> = {
  etag: 'ETag',
  'content-md5': 'Content-MD5',
  'www-authenticate': 'WWW-Authenticate',
};

/** Title-Case names already worked out (bounded: a server may send any names). */
const TITLE_CASE = new Map<string, string>();

/**
 * `x-cos-*` stay lower case (`x-cos-request-id`), standard headers become
 * Title-Case (`Content-Length`, `Last-Modified`), `etag` becomes `ETag`.
 */
export function canonicalHeaderName(lower: string): string {
  const special = SPECIAL_CASE[lower];
  if (special) return special;
  if (lower.startsWith('x-')) return lower;
  // Every answer names the same dozen headers: the regex runs once per name, not once per response.
  let name = TITLE_CASE.get(lower);
  if (name === undefined) {
    name = lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
    if (TITLE_CASE.size >= 256) TITLE_CASE.clear();
    TITLE_CASE.set(lower, name);
  }
  return name;
}

/** A response header dict, Python-style: every header, names as the seed shows them. */
export function headerDict(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[canonicalHeaderName(name.toLowerCase())] = value;
  return out;
}

/** A response's headers two ways, from one pass over them. */
export interface ResponseHeaderViews {
  /** As `headerDict` gives it. */
  dict: Record<string, string>;
  /** Keyed by lower-case name, each value as `getHeader` finds it (the record itself when its names are all lower case already). */
  lower: Readonly<Record<string, string>>;
}

/** `headerDict(headers)` and a lower-case record for lookups, without a scan per lookup of an absent header. */
export function responseHeaderViews(headers: Readonly<Record<string, string>>): ResponseHeaderViews {
  const dict: Record<string, string> = {};
  let mixed: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    dict[canonicalHeaderName(lower)] = value;
    if (lower !== name) mixed ??= {};
  }
  if (mixed === undefined) return { dict, lower: headers };
  // As getHeader: the exact lower-case name wins, else the first name that matches ignoring case.
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === name || !Object.hasOwn(mixed, lower)) mixed[lower] = value;
  }
  return { dict, lower: mixed };
}

/** Case-insensitive lookup in a wire header record. */
export function getHeader(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower in headers) return headers[lower];
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
