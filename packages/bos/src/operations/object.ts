/** Object operations: put (stream, string, file), get (stream, string, file), head, copy, delete (one or many). */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createMd5, encodeKeyPath, fileBody, md5Base64, toBody, type Body, type BodyInput } from '@yunstore/core';
import { bosOrigin, bosPath, type BosRequest, type CallOptions, perCall } from '../address.ts';
import type { BosContext } from '../http.ts';
import { presignBos } from '@yunstore/core/sign';
import { guessContentType } from '../mime.ts';
import { toMetadata, withEtag, type BosMetadataWithEtag, type BosResponse } from '../response.ts';
import { BceInvalidArgumentError, ValueError } from '../errors.ts';
import { bodyWithProgress, ProgressReporter, type ProgressCallback } from '../progress.ts';
import { jsonAnswer, jsonBody, JSON_CONTENT_TYPE, metadataOnly } from './read.ts';

/** Optional arguments of the `put_object*` family (Python keyword arguments). */
export interface PutObjectOptions extends CallOptions {
  /** Default `application/octet-stream` (`put_object_from_file`: guessed from the extension). */
  content_type?: string;
  /** Hex SHA-256 of the body, sent as `x-bce-content-sha256`. */
  content_sha256?: string;
  /** `{author: 'Zhang San'}` → `x-bce-meta-author: Zhang San`. ASCII values travel safest. */
  user_metadata?: Record<string, string>;
  /** `STANDARD`, `STANDARD_IA`, `COLD`, `ARCHIVE` (`x-bce-storage-class`, later SDKs). */
  storage_class?: string;
  /** `{'Cache-Control': 'no-cache'}`: only `Cache-Control`, `Content-Encoding`, `Content-Disposition` and `Expires` are sent, as in Python. */
  user_headers?: Record<string, string>;
  /** `(consumed_bytes, total_bytes)` as the body goes out; the last call has `consumed_bytes === total_bytes`. */
  progress_callback?: ProgressCallback;
}

/** The method name a shared operation reports in messages (`put_object_from_file` sends through `putObject`). */
interface Named {
  op?: string;
}

/** What `put_object*` resolve: the new object's ETag is always in `metadata.e_tag` (and `.etag`). */
export interface PutObjectResponse extends BosResponse {
  metadata: BosMetadataWithEtag;
}

/** The headers Python's `user_headers` may set on an object (any other name is ignored, as Python does). */
const USER_HEADERS = new Map(['Cache-Control', 'Content-Encoding', 'Content-Disposition', 'Expires'].map((h) => [h.toLowerCase(), h]));

export function userHeaders(given: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given ?? {})) {
    const canonical = USER_HEADERS.get(name.toLowerCase());
    if (canonical !== undefined) headers[canonical] = value;
  }
  return headers;
}

export function metaHeaders(meta: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(meta ?? {})) headers[`x-bce-meta-${name}`] = value;
  return headers;
}

/** PUT object with an already-built body and its base64 MD5 (`undefined`: no Content-MD5, for the transfer engine). */
export async function putObject(
  ctx: BosContext,
  bucket: string,
  key: string,
  body: Body,
  contentMd5: string | undefined,
  options: PutObjectOptions & Named = {},
): Promise<PutObjectResponse> {
  const headers: Record<string, string> = {
    ...userHeaders(options.user_headers),
    'Content-Type': options.content_type ?? 'application/octet-stream',
    ...metaHeaders(options.user_metadata),
  };
  if (contentMd5 !== undefined) headers['Content-MD5'] = contentMd5;
  if (options.content_sha256) headers['x-bce-content-sha256'] = options.content_sha256;
  if (options.storage_class) headers['x-bce-storage-class'] = options.storage_class;
  const sent = bodyWithProgress(body, options.progress_callback);
  const answer = await ctx.http.send({ op: options.op ?? 'put_object', method: 'PUT', bucket, key, headers, body: sent, ...perCall(options) });
  return { metadata: withEtag(toMetadata(answer.headers)) };
}

/**
 * `data` as a body of exactly `contentLength` bytes. In-memory data longer
 * than that is cut (Python reads `content_length` bytes from the stream);
 * shorter data is an error before any request.
 */
export async function bodyOfLength(data: BodyInput, contentLength: number, parameter: string): Promise<Body> {
  const body = await toBody(data, { length: contentLength });
  if (body.length === undefined || body.length === contentLength) return { ...body, length: contentLength, open: () => body.open() };
  if (body.length > contentLength) {
    const whole = body.open();
    if (Buffer.isBuffer(whole)) {
      const cut = whole.subarray(0, contentLength);
      return { length: contentLength, replayable: true, open: () => cut };
    }
    (whole as Readable).destroy();
  }
  throw new ValueError(`${parameter} holds ${body.length} bytes but content_length says ${contentLength}`);
}

/** Base64 MD5 of a file (range), streamed. */
export async function fileMd5(path: string, start: number, end: number): Promise<string> {
  if (end < start) return md5Base64('');
  const hash = createMd5();
  for await (const chunk of createReadStream(path, { start, end, highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** Python's `put_object_from_string` takes `str` (sent as UTF-8) or `bytes` (sent as they are). */
export async function putObjectFromString(
  ctx: BosContext,
  bucket: string,
  key: string,
  data: string | Uint8Array,
  options: PutObjectOptions & { content_md5?: string } = {},
): Promise<PutObjectResponse> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const body: Body = { length: bytes.length, replayable: true, open: () => bytes };
  return putObject(ctx, bucket, key, body, options.content_md5 ?? md5Base64(bytes), { ...options, op: 'put_object_from_string' });
}

export async function putObjectFromFile(
  ctx: BosContext,
  bucket: string,
  key: string,
  fileName: string,
  options: PutObjectOptions & { content_md5?: string; content_length?: number } = {},
): Promise<PutObjectResponse> {
  const whole = await readableFile('put_object_from_file', () => fileBody(fileName));
  const length = options.content_length ?? whole.length ?? 0;
  if (length > (whole.length ?? 0)) throw new ValueError(`content_length ${length} is larger than the file ${fileName}`);
  const body = length === whole.length ? whole : await readableFile('put_object_from_file', () => fileBody(fileName, { start: 0, end: length - 1 }));
  const md5 = options.content_md5 ?? (await fileMd5(fileName, 0, length - 1));
  return putObject(ctx, bucket, key, body, md5, { ...options, op: 'put_object_from_file', content_type: options.content_type ?? guessContentType(fileName) });
}

/**
 * Opens a local file as a body; a missing, unreadable or too short file is
 * the seed's argument error (`BceInvalidArgumentError`), not core's base error.
 */
export async function readableFile(method: string, open: () => Promise<Body>): Promise<Body> {
  try {
    return await open();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BceInvalidArgumentError(`${method}: ${reason}`, { cause: error });
  }
}

/** An inclusive byte range `[first, last]`, as Python's `range=(0, 99)`. */
export type ByteRangeArg = readonly [number, number];

export interface GetObjectResponse extends BosResponse {
  /** Headers, with the object's ETag always in `e_tag` (and `etag`). */
  metadata: BosMetadataWithEtag;
  /** The body stream (Python: `response.data`). Read it or `destroy()` it to free the connection. */
  data: Readable;
}

/** What `get_object_to_file` resolves: the headers of the answer (the body is in the file). */
export interface GetObjectToFileResponse extends BosResponse {
  metadata: BosMetadataWithEtag;
}

function rangeHeaders(range: ByteRangeArg | undefined): Record<string, string> {
  return range ? { Range: `bytes=${range[0]}-${range[1]}` } : {};
}

export async function getObject(
  ctx: BosContext,
  bucket: string,
  key: string,
  range: ByteRangeArg | undefined,
  options?: CallOptions & Named,
): Promise<GetObjectResponse> {
  const res = await ctx.http.stream({ op: options?.op ?? 'get_object', method: 'GET', bucket, key, headers: rangeHeaders(range), ...perCall(options) });
  return { metadata: withEtag(toMetadata(res.headers)), data: res.body };
}

/** The whole body, read in the attempt: a body cut midway is fetched again. */
export async function getObjectBytes(ctx: BosContext, bucket: string, key: string, range: ByteRangeArg | undefined, options?: CallOptions): Promise<Buffer> {
  const request: BosRequest = { op: 'get_object_as_string', method: 'GET', bucket, key, headers: rangeHeaders(range), ...perCall(options) };
  const res = await ctx.http.read(request, { limit: MAX_IN_MEMORY_BYTES });
  return res.body;
}

/** The largest body read into memory at once: about the largest string V8 holds (use `get_object` to stream more). */
const MAX_IN_MEMORY_BYTES = 512 * 1024 * 1024;

/**
 * Streams the object into `fileName` through a temporary file in the same
 * folder, renamed into place only when the whole body arrived, so a failed
 * download never leaves a truncated file behind.
 */
export async function getObjectToFile(
  ctx: BosContext,
  bucket: string,
  key: string,
  fileName: string,
  range: ByteRangeArg | undefined,
  options: CallOptions & { progress_callback?: ProgressCallback } = {},
): Promise<GetObjectToFileResponse> {
  const res = await getObject(ctx, bucket, key, range, { ...options, op: 'get_object_to_file' });
  const temp = join(dirname(fileName), `.${basename(fileName)}.${randomBytes(6).toString('hex')}.part`);
  const total = Number(res.metadata.content_length ?? 0);
  const stages = options.progress_callback ? [res.data, new ProgressReporter(options.progress_callback, total).counter()] : [res.data];
  try {
    await pipeline([...stages, createWriteStream(temp)], options.signal ? { signal: options.signal } : {});
    await rename(temp, fileName);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    // The body fails with BOS's exceptions already; a local write failure (disk full) is mapped the same way.
    throw ctx.http.mapError(error, { op: 'get_object_to_file', signal: options.signal });
  }
  return { metadata: res.metadata };
}

/** HEAD object: `metadata`, plus the seed's fields of this call on the response itself (same string values). */
export interface GetObjectMetaDataResponse extends BosResponse {
  metadata: BosMetadataWithEtag;
  /** `Content-Length` as sent (a string, like `metadata.content_length`). */
  content_length?: string;
  /** ETag without quotes (the seed's name). */
  e_tag: string;
  /** Same as `e_tag` (the Python SDK's name). */
  etag: string;
  /** User metadata, `x-bce-meta-` stripped. */
  bce_meta: Record<string, string>;
}

/** HEAD object; a failure gets the code its status implies (404 `NoSuchKey`), since a HEAD answer has no error body. */
export async function getObjectMetaData(ctx: BosContext, bucket: string, key: string, options?: CallOptions): Promise<GetObjectMetaDataResponse> {
  const res = await ctx.http.send({ op: 'get_object_meta_data', method: 'HEAD', bucket, key, ...perCall(options) });
  const metadata = withEtag(toMetadata(res.headers));
  const { content_length } = metadata;
  return {
    metadata,
    ...(content_length !== undefined ? { content_length } : {}),
    e_tag: metadata.e_tag,
    etag: metadata.etag,
    bce_meta: metadata.bce_meta,
  };
}

export async function deleteObject(ctx: BosContext, bucket: string, key: string, options?: CallOptions): Promise<BosResponse> {
  return metadataOnly(await ctx.http.send({ op: 'delete_object', method: 'DELETE', bucket, key, ...perCall(options) }));
}

export interface CopyObjectOptions extends CallOptions {
  /** Copy only if the source's ETag is this (`x-bce-copy-source-if-match`). */
  etag?: string;
  /** Default `application/octet-stream`. */
  content_type?: string;
  /** Given → the target gets these (`x-bce-metadata-directive: replace`); absent → the source's are copied. */
  user_metadata?: Record<string, string>;
  /** Storage class of the copy (`x-bce-storage-class`, later SDKs). */
  storage_class?: string;
}

export interface CopyObjectResponse extends BosResponse {
  last_modified: string;
  e_tag: string;
  etag: string;
}

export async function copyObject(
  ctx: BosContext,
  source: { bucket: string; key: string },
  target: { bucket: string; key: string },
  options: CopyObjectOptions = {},
): Promise<CopyObjectResponse> {
  const headers: Record<string, string> = {
    'x-bce-copy-source': copySource(source.bucket, source.key),
    'x-bce-metadata-directive': options.user_metadata ? 'replace' : 'copy',
    'Content-Type': options.content_type ?? 'application/octet-stream',
    ...metaHeaders(options.user_metadata),
  };
  if (options.storage_class) headers['x-bce-storage-class'] = options.storage_class;
  if (options.etag !== undefined) headers['x-bce-copy-source-if-match'] = quotedEtag(options.etag);
  // BOS may answer a copy 200 and report the failure in the body (protocol §6): the layer checks it.
  const request: BosRequest = { op: 'copy_object', method: 'PUT', bucket: target.bucket, key: target.key, headers, ...perCall(options) };
  return (await ctx.http.parse(request, jsonAnswer<CopyObjectResponse>, { embeddedError: true })).result;
}

/** The `x-bce-copy-source` value: `/bucket/key`, URI-encoded except `/` (Python's `normalize_string(..., False)`). */
export function copySource(bucket: string, key: string): string {
  return encodeKeyPath(`/${bucket}/${key}`);
}

/** `x-bce-copy-source-if-match`: the ETag in quotes, whether or not the caller quoted it. */
export function quotedEtag(etag: string): string {
  return `"${etag.replace(/^"|"$/g, '')}"`;
}

export interface DeleteMultipleObjectsResponse extends BosResponse {
  /**
   * The keys BOS could not delete, with its error code (`NoSuchKey`, `InvalidArgument`...) and message.
   * BOS answers without a body when every key was deleted; that is an empty list here
   * (Python then has no `errors` attribute at all).
   */
  errors: Array<{ key: string; code: string; message: string }>;
}

/** POST ?delete with `{"objects": [{"key": ...}]}`: up to 1000 keys (checked by the facade). */
export async function deleteMultipleObjects(
  ctx: BosContext,
  bucket: string,
  keys: readonly string[],
  options?: CallOptions,
): Promise<DeleteMultipleObjectsResponse> {
  const { result } = await ctx.http.parse(
    {
      op: 'delete_multiple_objects',
      method: 'POST',
      bucket,
      query: [['delete', '']],
      headers: { 'Content-Type': JSON_CONTENT_TYPE },
      body: jsonBody({ objects: keys.map((key) => ({ key })) }),
      ...perCall(options),
    },
    jsonAnswer<Partial<DeleteMultipleObjectsResponse> & BosResponse>,
  );
  return { ...result, errors: result.errors ?? [] };
}

export interface PresignOptions extends CallOptions {
  /** Headers the eventual request will carry; they are signed along with `host`. */
  headers?: Record<string, string>;
  /** Query parameters to sign and carry (`responseContentDisposition`...). */
  params?: Record<string, string>;
  /** Header names to sign (default: `host` and the given headers). */
  headers_to_sign?: string[];
  /** `'http'` or `'https'`; default the endpoint's. */
  protocol?: 'http' | 'https';
}

/** A GET URL anyone can use until it expires (-1: never). No request is made. */
export function generatePreSignedUrl(
  ctx: BosContext,
  bucket: string,
  key: string,
  timestamp: number,
  expirationInSeconds: number,
  options: PresignOptions = {},
): string {
  const { endpoint, credentials } = ctx.resolve(options);
  const scheme = options.protocol ?? endpoint.scheme;
  const origin = bosOrigin({ ...endpoint, scheme }, bucket).replace(/^https?:/, `${scheme}:`);
  const result = presignBos(
    {
      origin,
      path: bosPath(endpoint, bucket, key),
      ...(options.params ? { params: options.params } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.headers_to_sign ? { headersToSign: options.headers_to_sign } : {}),
    },
    {
      accessKeyId: credentials.access_key_id,
      secretAccessKey: credentials.secret_access_key,
      ...(credentials.session_token ? { sessionToken: credentials.session_token } : {}),
    },
    // timestamp 0 means "now" (the client's clock, corrected by any learned skew).
    timestamp === 0 ? ctx.now() : timestamp,
    expirationInSeconds,
  );
  return result.url;
}
