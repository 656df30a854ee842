/**
 * Object headers in and out: what a PUT / Initiate / Replaced copy stores,
 * and what GET / HEAD answer with.
 */
import type { ObjectRecord, PutOptions } from '../../store/types.ts';
import { rfc1123 } from '../../common/time.ts';
import { aclFromHeaders } from './acl.ts';
import { cosErrors } from './errors.ts';
import { header, type CosExchange } from './exchange.ts';

export const STORAGE_CLASSES = new Set([
  'STANDARD',
  'STANDARD_IA',
  'ARCHIVE',
  'DEEP_ARCHIVE',
  'INTELLIGENT_TIERING',
  'MAZ_STANDARD',
  'MAZ_STANDARD_IA',
  'MAZ_INTELLIGENT_TIERING',
]);

/** System headers COS stores with an object and returns on GET/HEAD. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];

/** The Content-MD5 header as hex, or undefined; InvalidDigest when it is not a base64 MD5. */
export function expectedMd5(ex: CosExchange): string | undefined {
  const value = header(ex, 'content-md5');
  if (value === undefined) return undefined;
  const raw = Buffer.from(value.trim(), 'base64');
  if (raw.length !== 16 || raw.toString('base64') !== value.trim()) throw cosErrors.invalidDigest();
  return raw.toString('hex');
}

/** Content-Length when sent (chunked uploads have none). */
export function expectedLength(ex: CosExchange): number | undefined {
  const value = header(ex, 'content-length');
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw cosErrors.invalidArgument('Content-Length is not a valid length');
  return n;
}

/** `x-cos-storage-class`, validated; undefined when absent. */
export function storageClassOf(ex: CosExchange): string | undefined {
  const value = header(ex, 'x-cos-storage-class');
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!STORAGE_CLASSES.has(upper)) throw cosErrors.invalidStorageClass(`x-cos-storage-class: unknown storage class ${value}`);
  return upper;
}

/** User metadata: `x-cos-meta-*` headers, names lower-cased without the prefix. */
export function metaOf(ex: CosExchange): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(ex.req.headers)) {
    if (name.startsWith('x-cos-meta-') && value !== undefined) meta[name.slice('x-cos-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  return meta;
}

/** Everything a new object takes from the request (PUT, Initiate, Replaced copy, first append). */
export function putOptionsOf(ex: CosExchange): PutOptions {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const v = header(ex, name);
    if (v !== undefined) headers[name] = v;
  }
  const extra: Record<string, unknown> = { objectType: 'normal' };
  const acl = aclFromHeaders((n) => header(ex, n), 'object');
  if (acl) extra['acl'] = acl;
  const sse = header(ex, 'x-cos-server-side-encryption');
  if (sse !== undefined) {
    if (sse !== 'AES256' && sse !== 'cos/kms') throw cosErrors.invalidArgument('x-cos-server-side-encryption must be AES256 or cos/kms');
    extra['sse'] = sse;
  }
  const tagging = header(ex, 'x-cos-tagging');
  if (tagging !== undefined) extra['tagging'] = tagging;
  return {
    contentType: header(ex, 'content-type') ?? 'application/octet-stream',
    headers,
    meta: metaOf(ex),
    storageClass: storageClassOf(ex) ?? 'STANDARD',
    extra,
  };
}

/** `"hex"` */
export function quoteEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

export function isArchived(obj: ObjectRecord): boolean {
  return obj.storageClass === 'ARCHIVE' || obj.storageClass === 'DEEP_ARCHIVE';
}

/** Restore state kept in `extra.restore`. */
export interface RestoreState {
  /** Unix ms when the temporary copy becomes readable. */
  readyAt: number;
  /** Unix ms when it expires again. */
  expiresAt: number;
  tier: string;
}

export function restoreOf(obj: ObjectRecord): RestoreState | undefined {
  return obj.extra['restore'] as RestoreState | undefined;
}

/** True when the bytes of an archived object may be read now. */
export function isReadable(obj: ObjectRecord, now: Date): boolean {
  if (!isArchived(obj)) return true;
  const r = restoreOf(obj);
  return r !== undefined && r.readyAt <= now.getTime() && now.getTime() < r.expiresAt;
}

/** The headers GET and HEAD answer with (without Content-Length / Content-Range). */
export function objectHeaders(obj: ObjectRecord, now: Date, versioned: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'Content-Type': obj.contentType || 'application/octet-stream',
    ETag: quoteEtag(obj.etag),
    'Last-Modified': rfc1123(obj.lastModified),
    'Accept-Ranges': 'bytes',
    'x-cos-object-type': obj.extra['objectType'] === 'appendable' ? 'appendable' : 'normal',
  };
  for (const [name, value] of Object.entries(obj.headers)) h[name] = value;
  for (const [name, value] of Object.entries(obj.meta)) h[`x-cos-meta-${name}`] = value;
  if (obj.crc64) h['x-cos-hash-crc64ecma'] = obj.crc64;
  // COS omits the header for STANDARD objects.
  if (obj.storageClass && obj.storageClass !== 'STANDARD') h['x-cos-storage-class'] = obj.storageClass;
  // Objects written before versioning was turned on are the 'null' version.
  if (versioned) h['x-cos-version-id'] = obj.versionId ?? 'null';
  const sse = obj.extra['sse'];
  if (typeof sse === 'string') h['x-cos-server-side-encryption'] = sse;
  if (isArchived(obj)) {
    const r = restoreOf(obj);
    if (r && now.getTime() < r.readyAt) h['x-cos-restore'] = 'ongoing-request="true"';
    else if (r && now.getTime() < r.expiresAt) h['x-cos-restore'] = `ongoing-request="false", expiry-date="${rfc1123(new Date(r.expiresAt))}"`;
  }
  return h;
}
