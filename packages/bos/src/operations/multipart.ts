/** Multipart uploads (and part copies): JSON bodies, snake_case answers, async generators over pages. */
import { stat } from 'node:fs/promises';
import { fileBody, type Body } from '@yunstore/core';
import { BceInvalidArgumentError } from '../errors.ts';
import { type BosRequest, type CallOptions, perCall } from '../address.ts';
import type { BosContext } from '../http.ts';
import { bodyWithProgress, type ProgressCallback } from '../progress.ts';
import { toMetadata, withEtag, type BosMetadataWithEtag, type BosResponse } from '../response.ts';
import type { BosOwner } from './bucket.ts';
import { copySource, metaHeaders, quotedEtag, readableFile, userHeaders, type CopyObjectResponse } from './object.ts';
import { jsonAnswer, jsonBody, JSON_CONTENT_TYPE, metadataOnly } from './read.ts';

export interface InitiateMultipartUploadOptions extends CallOptions {
  /** Content type of the final object. */
  content_type?: string;
  /** `STANDARD`, `STANDARD_IA`, `COLD`, `ARCHIVE` (later SDKs). */
  storage_class?: string;
  /** `Cache-Control`, `Content-Encoding`, `Content-Disposition`, `Expires` of the final object (Python's `user_headers`). */
  user_headers?: Record<string, string>;
}

export interface InitiateMultipartUploadResponse extends BosResponse {
  bucket: string;
  key: string;
  upload_id: string;
}

export async function initiateMultipartUpload(
  ctx: BosContext,
  bucket: string,
  key: string,
  options: InitiateMultipartUploadOptions = {},
): Promise<InitiateMultipartUploadResponse> {
  const headers: Record<string, string> = userHeaders(options.user_headers);
  if (options.content_type) headers['Content-Type'] = options.content_type;
  if (options.storage_class) headers['x-bce-storage-class'] = options.storage_class;
  const request: BosRequest = { op: 'initiate_multipart_upload', method: 'POST', bucket, key, query: [['uploads', '']], headers, ...perCall(options) };
  return (await ctx.http.parse(request, jsonAnswer<InitiateMultipartUploadResponse>)).result;
}

export interface UploadPartOptions extends CallOptions {
  /** Base64 MD5 of the part, sent as `Content-MD5`. */
  part_md5?: string;
  /** `(consumed_bytes, total_bytes)` as the part goes out; the last call has `consumed_bytes === total_bytes`. */
  progress_callback?: ProgressCallback;
}

/** What `upload_part*` resolve: the part's ETag, always in `metadata.e_tag` (and `.etag`), for `part_list`. */
export interface UploadPartResponse extends BosResponse {
  metadata: BosMetadataWithEtag;
}

/** PUT ?partNumber&uploadId; the part's ETag is in `response.metadata.e_tag` (and `.etag`). */
export async function uploadPart(
  ctx: BosContext,
  target: { bucket: string; key: string; uploadId: string; partNumber: number },
  body: Body,
  options: UploadPartOptions & { op?: string } = {},
): Promise<UploadPartResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (options.part_md5) headers['Content-MD5'] = options.part_md5;
  const query: Array<[string, string]> = [
    ['partNumber', String(target.partNumber)],
    ['uploadId', target.uploadId],
  ];
  const sent = bodyWithProgress(body, options.progress_callback);
  const request: BosRequest = {
    op: options.op ?? 'upload_part',
    method: 'PUT',
    bucket: target.bucket,
    key: target.key,
    query,
    headers,
    body: sent,
    ...perCall(options),
  };
  const answer = await ctx.http.send(request);
  return { metadata: withEtag(toMetadata(answer.headers)) };
}

export interface UploadPartCopyOptions extends CallOptions {
  /** Copy only if the source's ETag is this (`x-bce-copy-source-if-match`); a mismatch is 412 `PreconditionFailed`. */
  etag?: string;
  /** Sent as `Content-Type`, as Python does (BOS takes the final object's type from initiate). */
  content_type?: string;
  /** Sent as `x-bce-meta-*`, as Python does; BOS gives the final object the metadata sent on complete, not this. */
  user_metadata?: Record<string, string>;
}

/**
 * UploadPartCopy: PUT ?partNumber&uploadId with `x-bce-copy-source` and
 * `x-bce-copy-source-range: bytes=<offset>-<offset + partSize - 1>`; BOS
 * answers JSON `{lastModified, eTag}` (one part copies at most 5 GB).
 */
export async function uploadPartCopy(
  ctx: BosContext,
  source: { bucket: string; key: string; offset: number; partSize: number },
  target: { bucket: string; key: string; uploadId: string; partNumber: number },
  options: UploadPartCopyOptions = {},
): Promise<CopyObjectResponse> {
  const headers: Record<string, string> = {
    ...metaHeaders(options.user_metadata),
    'x-bce-copy-source': copySource(source.bucket, source.key),
    'x-bce-copy-source-range': `bytes=${source.offset}-${source.offset + source.partSize - 1}`,
  };
  if (options.content_type !== undefined) headers['Content-Type'] = options.content_type;
  if (options.etag !== undefined) headers['x-bce-copy-source-if-match'] = quotedEtag(options.etag);
  const query: Array<[string, string]> = [
    ['partNumber', String(target.partNumber)],
    ['uploadId', target.uploadId],
  ];
  // A part copy may answer 200 with its error in the body, as a copy can.
  const request: BosRequest = { op: 'upload_part_copy', method: 'PUT', bucket: target.bucket, key: target.key, query, headers, ...perCall(options) };
  return (await ctx.http.parse(request, jsonAnswer<CopyObjectResponse>, { embeddedError: true })).result;
}

/**
 * `part_size` bytes of `fileName` from `offset`, replayable on retry. A
 * missing file or a range past its end is refused before any request with
 * the seed's argument error, naming `offset` / `part_size` (Python would
 * send and fail with "Insufficient data").
 */
export async function partFromFile(fileName: string, offset: number, partSize: number): Promise<Body> {
  const method = 'upload_part_from_file';
  const size = await stat(fileName).then(
    (info) => (info.isFile() ? info.size : undefined),
    () => undefined,
  );
  if (size !== undefined && offset > size) {
    throw new BceInvalidArgumentError(`${method}: arg "offset" ${offset} is past the end of ${fileName} (${size} bytes)`);
  }
  if (size !== undefined && offset + partSize > size) {
    throw new BceInvalidArgumentError(
      `${method}: arg "part_size" ${partSize} from offset ${offset} runs past the end of ${fileName} (${size} bytes, ${size - offset} left)`,
    );
  }
  if (partSize === 0 && size !== undefined) return { length: 0, replayable: true, open: () => Buffer.alloc(0) };
  return readableFile(method, () => fileBody(fileName, { start: offset, end: offset + partSize - 1 }));
}

/** One entry of `part_list`: the seed's `{partNumber, eTag}` (snake_case forms from `list_parts` are accepted too). */
export interface PartListItem {
  partNumber?: number;
  eTag?: string;
  part_number?: number;
  e_tag?: string;
  etag?: string;
}

export interface CompleteMultipartUploadResponse extends BosResponse {
  location: string;
  bucket: string;
  key: string;
  e_tag: string;
  etag: string;
}

export async function completeMultipartUpload(
  ctx: BosContext,
  target: { bucket: string; key: string; uploadId: string },
  parts: Array<{ partNumber: number; eTag: string }>,
  options: CallOptions & { user_metadata?: Record<string, string> } = {},
): Promise<CompleteMultipartUploadResponse> {
  // BOS may answer a failed complete 200 with its error in the body (silent data loss if taken as success).
  const request: BosRequest = {
    op: 'complete_multipart_upload',
    method: 'POST',
    bucket: target.bucket,
    key: target.key,
    query: [['uploadId', target.uploadId]],
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...metaHeaders(options.user_metadata) },
    body: jsonBody({ parts }),
    ...perCall(options),
  };
  return (await ctx.http.parse(request, jsonAnswer<CompleteMultipartUploadResponse>, { embeddedError: true })).result;
}

export async function abortMultipartUpload(
  ctx: BosContext,
  target: { bucket: string; key: string; uploadId: string },
  options?: CallOptions,
): Promise<BosResponse> {
  const request: BosRequest = {
    op: 'abort_multipart_upload',
    method: 'DELETE',
    bucket: target.bucket,
    key: target.key,
    query: [['uploadId', target.uploadId]],
    ...perCall(options),
  };
  return metadataOnly(await ctx.http.send(request));
}

export interface BosPart {
  part_number: number;
  last_modified: string;
  e_tag: string;
  etag: string;
  size: number;
}

export interface ListPartsResponse extends BosResponse {
  bucket: string;
  key: string;
  upload_id: string;
  initiated: string;
  owner: BosOwner;
  storage_class?: string;
  part_number_marker: number;
  next_part_number_marker: number;
  max_parts: number;
  is_truncated: boolean;
  parts: BosPart[];
}

export interface ListPartsArgs {
  max_parts?: number;
  part_number_marker?: number;
}

export async function listParts(
  ctx: BosContext,
  target: { bucket: string; key: string; uploadId: string },
  args: ListPartsArgs,
  options?: CallOptions,
): Promise<ListPartsResponse> {
  const query: Array<[string, string]> = [['uploadId', target.uploadId]];
  if (args.max_parts !== undefined) query.push(['maxParts', String(args.max_parts)]);
  if (args.part_number_marker !== undefined) query.push(['partNumberMarker', String(args.part_number_marker)]);
  const request: BosRequest = { op: 'list_parts', method: 'GET', bucket: target.bucket, key: target.key, query, ...perCall(options) };
  const { result: res } = await ctx.http.parse(request, jsonAnswer<ListPartsResponse>);
  res.parts ??= [];
  return res;
}

export async function* listAllParts(
  ctx: BosContext,
  target: { bucket: string; key: string; uploadId: string },
  options?: CallOptions,
): AsyncGenerator<BosPart, void, undefined> {
  let marker: number | undefined;
  for (;;) {
    const page = await listParts(ctx, target, marker === undefined ? {} : { part_number_marker: marker }, options);
    yield* page.parts;
    if (!page.is_truncated) return;
    const next = page.next_part_number_marker;
    if (next === undefined || next === marker) return;
    marker = next;
  }
}

export interface BosUpload {
  key: string;
  upload_id: string;
  owner: BosOwner;
  initiated: string;
  storage_class?: string;
}

export interface ListMultipartUploadsResponse extends BosResponse {
  bucket: string;
  prefix: string;
  delimiter?: string;
  key_marker: string;
  /** Present when `is_truncated`. */
  next_key_marker?: string;
  max_uploads: number;
  is_truncated: boolean;
  uploads: BosUpload[];
  common_prefixes?: Array<{ prefix: string }>;
}

export interface ListMultipartUploadsArgs {
  max_uploads?: number;
  key_marker?: string;
  prefix?: string;
  delimiter?: string;
}

export async function listMultipartUploads(
  ctx: BosContext,
  bucket: string,
  args: ListMultipartUploadsArgs,
  options?: CallOptions,
): Promise<ListMultipartUploadsResponse> {
  const query: Array<[string, string]> = [['uploads', '']];
  if (args.max_uploads !== undefined) query.push(['maxUploads', String(args.max_uploads)]);
  if (args.key_marker !== undefined) query.push(['keyMarker', args.key_marker]);
  if (args.prefix !== undefined) query.push(['prefix', args.prefix]);
  if (args.delimiter !== undefined) query.push(['delimiter', args.delimiter]);
  const request: BosRequest = { op: 'list_multipart_uploads', method: 'GET', bucket, query, ...perCall(options) };
  const { result: res } = await ctx.http.parse(request, jsonAnswer<ListMultipartUploadsResponse>);
  res.uploads ??= [];
  return res;
}

/** Every upload, page after page: the next page starts after `next_key_marker`, or else after the last key. */
export async function* listAllMultipartUploads(
  ctx: BosContext,
  bucket: string,
  args: Pick<ListMultipartUploadsArgs, 'prefix' | 'delimiter'>,
  options?: CallOptions,
): AsyncGenerator<BosUpload, void, undefined> {
  let marker: string | undefined;
  for (;;) {
    const page = await listMultipartUploads(ctx, bucket, { ...args, ...(marker !== undefined ? { key_marker: marker } : {}) }, options);
    yield* page.uploads;
    if (!page.is_truncated) return;
    const next = page.next_key_marker ?? page.uploads[page.uploads.length - 1]?.key;
    if (next === undefined || next === marker) return;
    marker = next;
  }
}
