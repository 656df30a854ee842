import { ENCRYPTION_IV_HEADER, ENCRYPTION_KEY_HEADER } from '../encryption/envelope.ts';
import type { CosContext } from '../context.ts';
import { StreamBody } from '../body.ts';
import { CosClientError } from '../errors.ts';
import {
  headerDict,
  headersFrom,
  metadataHeaders,
  OBJECT_WRITE_HEADERS,
  READ_HEADERS_BUT_RANGE,
  RESPONSE_QUERY_ENTRIES,
  responseHeaderViews,
} from '../headers.ts';
import { checkKeySimplify, optionalString, requireInt } from '../validate.ts';
import type { AclHeaderParams } from './bucket.ts';
import { localFileBody, requestBody, withMd5, type CosBodyInput } from './object-body.ts';
import { bucketOf, existsByHead, keyOf, pushQuery, requireEtag, signalSpec, type HeaderDict, type ObjectParams, type WriteResponse } from './params.ts';

/** Object headers accepted by put_object, create_multipart_upload and copy_object. */
export interface ObjectWriteParams extends AclHeaderParams {
  /** `'STANDARD'`, `'STANDARD_IA'`, `'ARCHIVE'`, `'DEEP_ARCHIVE'`, `'INTELLIGENT_TIERING'`, `'MAZ_STANDARD'`... */
  StorageClass?: string;
  Expires?: string;
  CacheControl?: string;
  ContentType?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  /** `{'x-cos-meta-key1': 'value1'}` (ASCII values). */
  Metadata?: Record<string, string>;
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  SSEKMSContext?: string;
  SSECustomerAlgorithm?: string;
  SSECustomerKey?: string;
  SSECustomerKeyMD5?: string;
  Tagging?: string;
}

export interface PutObjectParams extends ObjectParams, ObjectWriteParams {
  /** The bytes: Buffer/Uint8Array, string, Node or web stream, Blob, or `fs.createReadStream(path)` (replayed on retry). */
  Body: CosBodyInput;
  /** Compute and send Content-MD5 (COS then rejects a corrupted upload). Default false. */
  EnableMD5?: boolean;
  /** Length of a stream Body whose length cannot be seen. */
  ContentLength?: number | string;
  ContentMD5?: string;
  /** Bits per second, 819200..838860800. */
  TrafficLimit?: number | string;
}

export interface PutObjectFromLocalFileParams extends Omit<PutObjectParams, 'Body'> {
  /** Path of the file to upload. */
  LocalFilePath: string;
}

export interface GetObjectParams extends ObjectParams {
  /** `'bytes=0-100'` (seed 002's `'bytes 0-16086/16087'` is accepted and sent as `bytes=0-16086`). */
  Range?: string;
  IfMatch?: string;
  IfModifiedSince?: string;
  IfNoneMatch?: string;
  IfUnmodifiedSince?: string;
  ResponseCacheControl?: string;
  ResponseContentDisposition?: string;
  ResponseContentEncoding?: string;
  ResponseContentLanguage?: string;
  ResponseContentType?: string;
  ResponseExpires?: string;
  VersionId?: string;
  TrafficLimit?: number | string;
  /** Verify `x-cos-hash-crc64ecma` on a whole-object download. Default: `CosConfig.EnableCRC` (true). */
  EnableCRC?: boolean;
  /** Refuse keys that normalise to the bucket root. Default true. */
  KeySimplifyCheck?: boolean;
}

/**
 * get_object → every response header as a string (`response['Content-Type']`,
 * `response['x-cos-meta-author']`) plus `Body`, the object's bytes
 * (a StreamBody: `get_raw_stream()`, `get_stream_to_file(path)`, `read()`).
 */
export type GetObjectResponse = HeaderDict & {
  Body: StreamBody;
  'Content-Range'?: string;
};

export interface HeadObjectParams extends ObjectParams {
  VersionId?: string;
  IfModifiedSince?: string;
  IfUnmodifiedSince?: string;
  IfMatch?: string;
  IfNoneMatch?: string;
}

export interface DeleteObjectParams extends ObjectParams {
  VersionId?: string;
}

export interface AppendObjectParams extends ObjectParams {
  /** 0 for the first append, then the current length (`x-cos-next-append-position`). */
  Position: number | string;
  /** The bytes to append. */
  Data: CosBodyInput;
  ContentLength?: number | string;
  ContentType?: string;
  Metadata?: Record<string, string>;
  ContentMD5?: string;
}

/** The write headers of put_object-like calls. */
export function objectWriteHeaders(params: Record<string, unknown>): Record<string, string> {
  // Object.assign, not spreads: callers add Content-Length next, and adding to a spread copy is slow on Node 20.
  return Object.assign(headersFrom(params, OBJECT_WRITE_HEADERS), metadataHeaders(params['Metadata']));
}

async function putWith(ctx: CosContext, params: Record<string, unknown>, op: string, bodyIn: Awaited<ReturnType<typeof requestBody>>): Promise<WriteResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const headers = objectWriteHeaders(params);
  let body = bodyIn;
  if (params['EnableMD5'] === true && !headers['Content-MD5']) {
    const hashed = await withMd5(body);
    body = hashed.body;
    headers['Content-MD5'] = hashed.md5;
  }
  if (body.length !== undefined) headers['Content-Length'] = String(body.length);
  const res = await ctx.http.send({ op, method: 'PUT', bucket, key, headers, body, ...signalSpec(params) });
  return requireEtag(headerDict(res.headers), op);
}

/** put_object(Bucket, Body, Key, **kwargs) → response headers (`ETag`, `x-cos-version-id`, `x-cos-hash-crc64ecma`...). */
export async function putObject(ctx: CosContext, params: Record<string, unknown>): Promise<WriteResponse> {
  bucketOf(ctx, params);
  keyOf(params);
  return putWith(ctx, params, 'put_object', await requestBody(params, 'Body'));
}

/** put_object_from_local_file(Bucket, LocalFilePath, Key, **kwargs) → as put_object. */
export async function putObjectFromLocalFile(ctx: CosContext, params: Record<string, unknown>): Promise<WriteResponse> {
  bucketOf(ctx, params);
  keyOf(params);
  return putWith(ctx, params, 'put_object_from_local_file', await localFileBody(params['LocalFilePath'], 'LocalFilePath'));
}

/** Seed 002 shows a Content-Range (`bytes 0-16086/16087`) as the Range example; send it as the Range it means. */
export function normalizeRange(value: unknown): string | undefined {
  const range = optionalString(value, 'Range');
  if (range === undefined || range === '') return undefined;
  const contentRange = /^bytes\s+(\d+)-(\d+)(?:\/(?:\d+|\*))?$/.exec(range.trim());
  if (contentRange) return `bytes=${contentRange[1]}-${contentRange[2]}`;
  if (!/^bytes=(\d*-\d*)(,\s*\d*-\d*)*$/.test(range.trim()) || /^bytes=-$/.test(range.trim())) {
    throw new CosClientError(`Range must look like 'bytes=first-last' (got '${range}')`, { code: 'InvalidArgument' });
  }
  return range.trim();
}

/** get_object(Bucket, Key, **kwargs) → `{Body: StreamBody, ...headers}`. */
export async function getObject(ctx: CosContext, params: Record<string, unknown>): Promise<GetObjectResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  if (params['KeySimplifyCheck'] !== false) checkKeySimplify(key);
  const range = normalizeRange(params['Range']);
  // Range first, as normalised; the other read headers straight from the params (no copy of them per request).
  const headers = headersFrom(params, READ_HEADERS_BUT_RANGE, range === undefined ? {} : { Range: range });
  const query: Array<[string, string]> = [];
  for (const [param, name] of RESPONSE_QUERY_ENTRIES) pushQuery(query, name, params[param], param);
  pushQuery(query, 'versionId', params['VersionId'], 'VersionId');
  const spec = { op: 'get_object', method: 'GET' as const, bucket, key, query, headers, ...signalSpec(params) };
  const res = await ctx.http.stream(spec);
  // One pass over the answer's headers: the dict, and lower-case lookups that need no scan for an absent header.
  const { dict, lower } = responseHeaderViews(res.headers);
  const length = lower['content-length'];
  const crc = lower['x-cos-hash-crc64ecma'];
  const wantCrc = (params['EnableCRC'] ?? ctx.config.EnableCRC) !== false;
  // The header describes the whole object: only a full 200 answer can be checked against it.
  const wholeObject = res.status === 200 && !lower['content-range'];
  const contentLength = res.status === 304 || length === undefined ? undefined : Number(length);
  const etag = lower['etag'];
  const body = new StreamBody(res.body, {
    op: 'get_object',
    clientSideEncrypted: lower[ENCRYPTION_KEY_HEADER] !== undefined || lower[ENCRYPTION_IV_HEADER] !== undefined,
    crc64: wantCrc && wholeObject ? crc : undefined,
    contentLength,
    // Body.read() after a broken connection: the same request again, whole, pinned to the same object version.
    reread: async () => {
      const again = { ...spec, headers: { ...headers, ...(etag ? { 'If-Match': etag } : {}) } };
      const answer = await ctx.http.read(again, contentLength !== undefined ? { limit: contentLength } : {});
      return answer.body;
    },
  });
  return withBody(dict, body);
}

/** A get_object answer from its header dict and body (the type keeps the string headers and the Body apart). */
export function withBody(headers: HeaderDict, Body: StreamBody): GetObjectResponse {
  // Object.assign, not a spread: adding Body to a spread copy is a slow path on Node 20 (every get_object).
  return Object.assign({}, headers, { Body }) as unknown as GetObjectResponse;
}

/** head_object(Bucket, Key, **kwargs) → response headers; 404 is CosServiceError `NoSuchResource`. */
export async function headObject(ctx: CosContext, params: Record<string, unknown>): Promise<HeaderDict> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const headers = headersFrom(params, [
    'IfModifiedSince',
    'IfUnmodifiedSince',
    'IfMatch',
    'IfNoneMatch',
    'SSECustomerAlgorithm',
    'SSECustomerKey',
    'SSECustomerKeyMD5',
  ]);
  const query: Array<[string, string]> = [];
  pushQuery(query, 'versionId', params['VersionId'], 'VersionId');
  const res = await ctx.http.send({ op: 'head_object', method: 'HEAD', bucket, key, query, headers, ...signalSpec(params) });
  return headerDict(res.headers);
}

/** object_exists(Bucket, Key) → true/false; errors other than 404 still throw. */
export async function objectExists(ctx: CosContext, params: Record<string, unknown>): Promise<boolean> {
  return existsByHead(() => headObject(ctx, params));
}

/** delete_object(Bucket, Key, **kwargs) → headers (`x-cos-version-id`, `x-cos-delete-marker`). */
export async function deleteObject(ctx: CosContext, params: Record<string, unknown>): Promise<HeaderDict> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const query: Array<[string, string]> = [];
  pushQuery(query, 'versionId', params['VersionId'], 'VersionId');
  const res = await ctx.http.send({ op: 'delete_object', method: 'DELETE', bucket, key, query, ...signalSpec(params) });
  return headerDict(res.headers);
}

/** append_object(Bucket, Key, Position, Data) → headers (`ETag`, `x-cos-next-append-position`, `x-cos-request-id`). */
export async function appendObject(ctx: CosContext, params: Record<string, unknown>): Promise<WriteResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const position = requireInt(params['Position'], 'Position', 0, Number.MAX_SAFE_INTEGER);
  const body = await requestBody(params, 'Data');
  const headers = {
    ...headersFrom(params, [
      'ContentType',
      'ContentMD5',
      'CacheControl',
      'ContentDisposition',
      'ContentEncoding',
      'Expires',
      'ACL',
      'GrantRead',
      'GrantFullControl',
      'StorageClass',
      'TrafficLimit',
    ]),
    ...metadataHeaders(params['Metadata']),
  };
  if (body.length !== undefined) headers['Content-Length'] = String(body.length);
  const res = await ctx.http.send({
    op: 'append_object',
    method: 'POST',
    bucket,
    key,
    query: [
      ['append', ''],
      ['position', String(position)],
    ],
    headers,
    body,
    ...signalSpec(params),
  });
  return requireEtag(headerDict(res.headers), 'append_object');
}
