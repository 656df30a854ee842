/** boto3 parameters that travel as request headers, and response headers read back into fields. */
import { httpDate } from './define.ts';
import { date, defined, int, metadataFromHeaders } from './shape.ts';
import type { Kind } from '../validate.ts';

/** Parameters shared by put_object, copy_object and create_multipart_upload. */
export interface ObjectHeaderParams {
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  ContentType?: string;
  /** When the object stops being cacheable: a Date or an HTTP date string. */
  Expires?: Date | string;
  /** User metadata, sent as `x-amz-meta-<name>` (at most 2 KB in all on OOS). */
  Metadata?: Record<string, string>;
  /** `STANDARD` (default) or `STANDARD_IA`. */
  StorageClass?: string;
  /** Canned object ACL. */
  ACL?: 'private' | 'public-read' | 'public-read-write';
}

export const OBJECT_HEADER_TYPES: Record<string, Kind> = {
  CacheControl: 'string',
  ContentDisposition: 'string',
  ContentEncoding: 'string',
  ContentLanguage: 'string',
  ContentType: 'string',
  Expires: 'date',
  Metadata: 'map',
  StorageClass: 'string',
  ACL: 'string',
};

const SIMPLE: Array<[keyof ObjectHeaderParams, string]> = [
  ['CacheControl', 'Cache-Control'],
  ['ContentDisposition', 'Content-Disposition'],
  ['ContentEncoding', 'Content-Encoding'],
  ['ContentLanguage', 'Content-Language'],
  ['ContentType', 'Content-Type'],
  ['StorageClass', 'x-amz-storage-class'],
  ['ACL', 'x-amz-acl'],
];

export function objectHeaders(p: ObjectHeaderParams): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [param, header] of SIMPLE) {
    const v = p[param];
    if (typeof v === 'string') headers[header] = v;
  }
  if (p.Expires !== undefined) headers['Expires'] = httpDate(p.Expires);
  for (const [name, value] of Object.entries(p.Metadata ?? {})) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/** Conditional GET/HEAD parameters. */
export interface ConditionParams {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date | string;
  IfUnmodifiedSince?: Date | string;
}

export const CONDITION_TYPES: Record<string, Kind> = { IfMatch: 'string', IfNoneMatch: 'string', IfModifiedSince: 'date', IfUnmodifiedSince: 'date' };

export function conditionHeaders(p: ConditionParams, prefix = ''): Record<string, string> {
  const headers: Record<string, string> = {};
  if (p.IfMatch !== undefined) headers[`${prefix}If-Match`] = p.IfMatch;
  if (p.IfNoneMatch !== undefined) headers[`${prefix}If-None-Match`] = p.IfNoneMatch;
  if (p.IfModifiedSince !== undefined) headers[`${prefix}If-Modified-Since`] = httpDate(p.IfModifiedSince);
  if (p.IfUnmodifiedSince !== undefined) headers[`${prefix}If-Unmodified-Since`] = httpDate(p.IfUnmodifiedSince);
  return headers;
}

/** What HEAD/GET object answer in headers, typed as botocore types them. */
export interface ObjectHeadersOutput {
  AcceptRanges?: string;
  ContentLength?: number;
  ContentType?: string;
  ContentRange?: string;
  ETag?: string;
  LastModified?: Date;
  Metadata: Record<string, string>;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  /** `x-amz-expiration`: `expiry-date="...", rule-id="..."` when a lifecycle rule applies. */
  Expiration?: string;
  Expires?: Date;
  StorageClass?: string;
  VersionId?: string;
}

export function objectHeadersOutput(h: Record<string, string>): ObjectHeadersOutput {
  // Object.assign, not a spread: adding Metadata to a spread copy is a slow path on Node 20 (every get/head).
  return Object.assign(
    defined({
      AcceptRanges: h['accept-ranges'],
      ContentLength: int(h['content-length']),
      ContentType: h['content-type'],
      ContentRange: h['content-range'],
      ETag: h['etag'],
      LastModified: date(h['last-modified']),
      CacheControl: h['cache-control'],
      ContentDisposition: h['content-disposition'],
      ContentEncoding: h['content-encoding'],
      ContentLanguage: h['content-language'],
      Expiration: h['x-amz-expiration'],
      Expires: date(h['expires']),
      StorageClass: h['x-amz-storage-class'],
      VersionId: h['x-amz-version-id'],
    }),
    { Metadata: metadataFromHeaders(h) },
  );
}

/** `CopySource`: `'bucket/key'` (encoded here, as botocore does) or `{ Bucket, Key, VersionId? }`. */
export type CopySource = string | { Bucket: string; Key: string; VersionId?: string };

export function copySourceHeader(source: CopySource, encode: (key: string) => string): string {
  if (typeof source === 'string') {
    const [path = '', version] = source.split('?versionId=');
    const trimmed = path.replace(/^\//, '');
    const slash = trimmed.indexOf('/');
    const encoded = slash < 0 ? encode(trimmed) : `${encode(trimmed.slice(0, slash))}/${encode(trimmed.slice(slash + 1))}`;
    return version === undefined ? encoded : `${encoded}?versionId=${version}`;
  }
  const base = `${source.Bucket}/${encode(source.Key)}`;
  return source.VersionId === undefined ? base : `${base}?versionId=${encodeURIComponent(source.VersionId)}`;
}
