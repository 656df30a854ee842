import { buildXml } from '@yunstore/core';
import { encodeNosKey } from '@yunstore/core/sign';
import type { NosCall } from '../address.ts';
import { etagOf, requestIdOf, type NosContext } from '../context.ts';
import { parseElement } from '../element.ts';
import { MultiObjectDeleteException } from '../errors.ts';
import { StreamingBody } from '../streaming-body.ts';
import { resumeRange } from './get-resume.ts';
import {
  bodyMd5,
  checkBodySize,
  checkBucket,
  checkKey,
  checkMetaData,
  badArgument,
  optionalBoolean,
  optionalInt,
  optionalString,
  toNosBody,
  type NosBodyInput,
} from '../validate.ts';
import type { CallOptions, GetObjectResult, HeadObjectResult, NosElementResult, NosEtagResult, NosResult } from './types.ts';

export interface DeleteObjectParams extends CallOptions {
  bucket: string;
  key: string;
}

/** A key to delete: a string, or the `{Key}` form nos-node-sdk uses. */
export type DeleteKey = string | { Key: string } | { key: string };

export interface DeleteObjectsParams extends CallOptions {
  bucket: string;
  /** The keys to delete (the seed's example and the Python code), 1 to 1000 of them. */
  keys?: DeleteKey[] | undefined;
  /** The same list under the name the seed's prose uses; give `keys` or `objects`. */
  objects?: DeleteKey[] | undefined;
  /** Quiet mode: the answer lists only failures. Default false. */
  quiet?: boolean | undefined;
}

export interface GetObjectParams extends CallOptions {
  bucket: string;
  key: string;
  /** An HTTP Range, `bytes=0-99` (RFC 2616). */
  range?: string | undefined;
}

export interface HeadObjectParams extends CallOptions {
  bucket: string;
  key: string;
}

export interface ListObjectsParams extends CallOptions {
  bucket: string;
  /** Groups keys up to this character (usually `/`) into CommonPrefixes. */
  delimiter?: string | undefined;
  /** List keys after this one. */
  marker?: string | undefined;
  /** 0..1000; NOS answers 100 keys when omitted. Sent as `max-keys`. */
  limit?: number | undefined;
  prefix?: string | undefined;
}

export interface PutObjectParams extends CallOptions {
  bucket: string;
  key: string;
  /** string (UTF-8), Buffer/Uint8Array/ArrayBuffer, Blob, a Node or web stream, a file stream, or any JSON-serialisable value. */
  body: NosBodyInput;
  /** Header names to values, `{'x-nos-meta-owner': 'alice'}` (also Content-Type and the standard object headers). */
  meta_data?: Record<string, string> | undefined;
}

export interface CopyObjectParams extends CallOptions {
  src_bucket: string;
  src_key: string;
  dest_bucket: string;
  dest_key: string;
}

/** A request of method `op`, without query, headers or body yet. */
function request(op: string, method: NosCall['method'], bucket: string, key: string | undefined, signal: AbortSignal | undefined): NosCall {
  return { op, method, bucket, ...(key !== undefined ? { key } : {}), params: [], headers: {}, ...(signal ? { signal } : {}) };
}

export async function deleteObject(ctx: NosContext, p: DeleteObjectParams): Promise<NosResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const res = await ctx.http.send(request('delete_object', 'DELETE', bucket, key, p.signal));
  return { x_nos_request_id: requestIdOf(res) };
}

/** NOS deletes at most 1000 keys in one request. */
export const MAX_DELETE_KEYS = 1000;

/** One key of delete_objects, normalised like every other key (Python sends these as given; see the README). */
function keyOf(item: DeleteKey, index: number): string {
  const key = typeof item === 'string' ? item : ((item as { Key?: unknown }).Key ?? (item as { key?: unknown }).key);
  return checkKey(key, `keys[${index}]`);
}

/** The `<Delete>` document, built as Python builds it (an empty list would send one empty Key; deleteObjects refuses it first). */
export function deleteObjectsXml(keys: string[], quiet: boolean): string {
  const objects = (keys.length > 0 ? keys : ['']).map((Key) => ({ Key }));
  return buildXml('Delete', { Quiet: quiet ? 'true' : 'false', Object: objects });
}

export async function deleteObjects(ctx: NosContext, p: DeleteObjectsParams): Promise<NosElementResult> {
  const bucket = checkBucket(p?.bucket);
  const list = p.keys ?? p.objects;
  if (p.keys !== undefined && p.objects !== undefined) throw badArgument('give keys or objects, not both');
  if (!Array.isArray(list)) throw badArgument('keys must be a list of key names');
  // Python sends an empty list as one empty <Key> and leaves a too-long list to the service; both are refused here, before any request.
  if (list.length === 0 || list.length > MAX_DELETE_KEYS) {
    throw badArgument(`keys must hold 1 to ${MAX_DELETE_KEYS} keys (NOS's limit for one delete_objects), got ${list.length}`);
  }
  const keys = list.map(keyOf);
  const quiet = optionalBoolean(p.quiet, 'quiet') ?? false;
  const xml = Buffer.from(deleteObjectsXml(keys, quiet));
  const req = request('delete_objects', 'POST', bucket, undefined, p.signal);
  req.params.push(['delete', '']);
  req.body = await toNosBody(xml);
  req.headers['Content-MD5'] = (await bodyMd5(req.body)) ?? '';
  const res = await ctx.http.parse(req, parseElement);
  const response = res.result;
  const errors = response.findall('Error').map((e) => ({
    key: e.findtext('Key', '') ?? '',
    code: e.findtext('Code', '') ?? '',
    message: e.findtext('Message', '') ?? '',
  }));
  // Python raises even though the status is 200 when any key failed.
  if (errors.length > 0) throw new MultiObjectDeleteException(errors);
  return { x_nos_request_id: requestIdOf(res), response };
}

export async function getObject(ctx: NosContext, p: GetObjectParams, internal: InternalOptions = {}): Promise<GetObjectResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const range = optionalString(p.range, 'range');
  const req = request('get_object', 'GET', bucket, key, p.signal);
  Object.assign(req.headers, internal.headers);
  if (range !== undefined) req.headers['Range'] = range;
  const res = await ctx.http.stream(req);
  const etag = etagOf(res);
  const contentLength = Number(res.headers['content-length'] ?? 0) || 0;
  // A whole-body read cut short asks again for the rest: the same object (If-Match), from where it stopped.
  const refetch = resumeRange(range, etag, (headers) => ctx.http.stream({ ...req, headers: { ...req.headers, ...headers } }));
  return {
    x_nos_request_id: requestIdOf(res),
    content_length: contentLength,
    content_range: res.headers['content-range'] ?? '',
    content_type: res.headers['content-type'] ?? '',
    etag,
    body: new StreamingBody(res.body, {
      ...(res.headers['content-length'] !== undefined ? { contentLength } : {}),
      ...(refetch ? { refetch, maxRefetches: ctx.maxRetries ?? 0 } : {}),
    }),
  };
}

export async function headObject(ctx: NosContext, p: HeadObjectParams): Promise<HeadObjectResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const res = await ctx.http.send(request('head_object', 'HEAD', bucket, key, p.signal));
  return {
    x_nos_request_id: requestIdOf(res),
    content_length: Number(res.headers['content-length'] ?? 0) || 0,
    content_type: res.headers['content-type'] ?? '',
    etag: etagOf(res),
    last_modified: res.headers['last-modified'] ?? '',
  };
}

export async function listObjects(ctx: NosContext, p: ListObjectsParams): Promise<NosElementResult> {
  const bucket = checkBucket(p?.bucket);
  const req = request('list_objects', 'GET', bucket, undefined, p.signal);
  const delimiter = optionalString(p.delimiter, 'delimiter');
  const marker = optionalString(p.marker, 'marker');
  const limit = optionalInt(p.limit, 'limit', 0, 1000);
  const prefix = optionalString(p.prefix, 'prefix');
  if (delimiter !== undefined) req.params.push(['delimiter', delimiter]);
  if (marker !== undefined) req.params.push(['marker', marker]);
  if (limit !== undefined) req.params.push(['max-keys', String(limit)]);
  if (prefix !== undefined) req.params.push(['prefix', prefix]);
  const res = await ctx.http.parse(req, parseElement);
  return { x_nos_request_id: requestIdOf(res), response: res.result };
}

/**
 * Knobs the transfer adapter uses on put_object / upload_part / get_object;
 * not part of the Python API (the facade never passes them).
 */
export interface InternalOptions {
  /**
   * Skip the Content-MD5 header (NOS accepts parts without it: nos-node-sdk
   * never sends one). The adapter checks the returned ETag against an MD5
   * computed while the bytes stream instead, so a file part is read once, not
   * twice, and a corrupted part is retried rather than refused.
   */
  skipContentMd5?: boolean;
  /** Extra request headers (`If-Match` on ranged GETs). */
  headers?: Record<string, string>;
}

/** Body, Content-MD5 (hex) and size check shared by put_object and upload_part. */
export async function withBody(req: NosCall, input: unknown, internal: InternalOptions = {}): Promise<void> {
  const body = await toNosBody(input);
  checkBodySize(body);
  const md5 = internal.skipContentMd5 ? undefined : await bodyMd5(body);
  if (md5 !== undefined) req.headers['Content-MD5'] = md5;
  req.body = body;
}

export async function putObject(ctx: NosContext, p: PutObjectParams, internal: InternalOptions = {}): Promise<NosEtagResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const meta = checkMetaData(p.meta_data);
  const req = request('put_object', 'PUT', bucket, key, p.signal);
  Object.assign(req.headers, meta);
  await withBody(req, p.body, internal);
  const res = await ctx.http.send(req);
  return { x_nos_request_id: requestIdOf(res), etag: etagOf(res) };
}

async function copyOrMove(ctx: NosContext, p: CopyObjectParams, header: 'x-nos-copy-source' | 'x-nos-move-source'): Promise<NosResult> {
  const op = header === 'x-nos-copy-source' ? 'copy_object' : 'move_object';
  const srcBucket = checkBucket(p?.src_bucket, 'src_bucket');
  const srcKey = checkKey(p.src_key, 'src_key');
  const destBucket = checkBucket(p.dest_bucket, 'dest_bucket');
  const destKey = checkKey(p.dest_key, 'dest_key');
  const req = request(op, 'PUT', destBucket, destKey, p.signal);
  req.headers[header] = `/${srcBucket}/${encodeNosKey(srcKey)}`;
  // A copy may answer 200 with an <Error> body: that is a failure.
  const res = await ctx.http.read(req, { embeddedError: true });
  return { x_nos_request_id: requestIdOf(res) };
}

export function copyObject(ctx: NosContext, p: CopyObjectParams): Promise<NosResult> {
  return copyOrMove(ctx, p, 'x-nos-copy-source');
}

/** NOS-only: a rename inside one bucket. */
export function moveObject(ctx: NosContext, p: CopyObjectParams): Promise<NosResult> {
  return copyOrMove(ctx, p, 'x-nos-move-source');
}
