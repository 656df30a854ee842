import { buildXml } from '@yunstore/core';
import type { NosCall } from '../address.ts';
import { etagOf, requestIdOf, type NosContext } from '../context.ts';
import { parseElement } from '../element.ts';
import { badArgument, checkBucket, checkKey, checkMetaData, checkPartNum, checkString, optionalInt, optionalString, type NosBodyInput } from '../validate.ts';
import { withBody, type InternalOptions } from './object.ts';
import type { CallOptions, NosElementResult, NosEtagResult, NosResult } from './types.ts';

export interface CreateMultipartUploadParams extends CallOptions {
  bucket: string;
  key: string;
  /** `{'x-nos-meta-owner': 'alice'}`, kept with the object once completed. */
  meta_data?: Record<string, string> | undefined;
}

export interface UploadPartParams extends CallOptions {
  bucket: string;
  key: string;
  /** 1..10000. */
  part_num: number;
  upload_id: string;
  body: NosBodyInput;
}

/** One uploaded part: `{part_num, etag}` (the `{PartNumber, ETag}` form of nos-node-sdk is accepted too). */
export type PartInfo = { part_num: number; etag: string } | { PartNumber: number; ETag: string };

export interface CompleteMultipartUploadParams extends CallOptions {
  bucket: string;
  key: string;
  upload_id: string;
  /** Every part to assemble, in ascending part order. */
  info: PartInfo[];
  /** MD5 (hex) of the whole object, sent as `x-nos-Object-md5` for NOS de-duplication. */
  object_md5?: string | undefined;
  meta_data?: Record<string, string> | undefined;
}

export interface UploadIdParams extends CallOptions {
  bucket: string;
  key: string;
  upload_id: string;
}

export interface ListPartsParams extends UploadIdParams {
  /** 0..1000 (service default 1000). Sent as `max-parts`. */
  limit?: number | undefined;
  /** List parts after this part number. */
  part_number_marker?: number | string | undefined;
}

export interface ListMultipartUploadsParams extends CallOptions {
  bucket: string;
  /** 0..1000 (service default 1000). Sent as `max-uploads`. */
  limit?: number | undefined;
  /** List uploads of keys after this one. */
  key_marker?: string | undefined;
}

/** A request of method `op` on one object, without query, headers or body yet. */
function objectRequest(op: string, method: NosCall['method'], bucket: string, key: string, signal: AbortSignal | undefined): NosCall {
  return { op, method, bucket, key, params: [], headers: {}, ...(signal ? { signal } : {}) };
}

export async function createMultipartUpload(ctx: NosContext, p: CreateMultipartUploadParams): Promise<NosElementResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const req = objectRequest('create_multipart_upload', 'POST', bucket, key, p.signal);
  req.params.push(['uploads', '']);
  Object.assign(req.headers, checkMetaData(p.meta_data));
  // Python sends the MD5 of the empty body here too.
  await withBody(req, Buffer.alloc(0));
  const res = await ctx.http.parse(req, parseElement);
  return { x_nos_request_id: requestIdOf(res), response: res.result };
}

export async function uploadPart(ctx: NosContext, p: UploadPartParams, internal: InternalOptions = {}): Promise<NosEtagResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const partNum = checkPartNum(p.part_num);
  const uploadId = checkString(p.upload_id, 'upload_id');
  const req = objectRequest('upload_part', 'PUT', bucket, key, p.signal);
  req.params.push(['partNumber', String(partNum)], ['uploadId', uploadId]);
  await withBody(req, p.body, internal);
  const res = await ctx.http.send(req);
  return { x_nos_request_id: requestIdOf(res), etag: etagOf(res) };
}

/** Normalises `info` to `[partNumber, etag]` pairs, refusing anything malformed. */
export function normaliseParts(info: unknown): Array<{ PartNumber: number; ETag: string }> {
  if (!Array.isArray(info) || info.length === 0) throw badArgument('info must be a non-empty list of {part_num, etag}');
  return info.map((item: unknown, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    const partNumber = checkPartNum(o['part_num'] ?? o['PartNumber'], `info[${i}].part_num`);
    const etag = o['etag'] ?? o['ETag'];
    if (typeof etag !== 'string' || etag === '') throw badArgument(`info[${i}].etag must be a non-empty string`);
    return { PartNumber: partNumber, ETag: etag };
  });
}

/** The `<CompleteMultipartUpload>` document, parts in the given order, no declaration (as Python). */
export function completeXml(parts: Array<{ PartNumber: number; ETag: string }>): string {
  return buildXml('CompleteMultipartUpload', { Part: parts });
}

export async function completeMultipartUpload(ctx: NosContext, p: CompleteMultipartUploadParams): Promise<NosElementResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const uploadId = checkString(p.upload_id, 'upload_id');
  const parts = normaliseParts(p.info);
  const objectMd5 = optionalString(p.object_md5, 'object_md5');
  const req = objectRequest('complete_multipart_upload', 'POST', bucket, key, p.signal);
  req.params.push(['uploadId', uploadId]);
  Object.assign(req.headers, checkMetaData(p.meta_data));
  // Mixed case as the SDKs send it; signed lower-cased as x-nos-object-md5.
  if (objectMd5 !== undefined) req.headers['x-nos-Object-md5'] = objectMd5;
  await withBody(req, Buffer.from(completeXml(parts)));
  const res = await ctx.http.parse(req, parseElement, { embeddedError: true });
  return { x_nos_request_id: requestIdOf(res), response: res.result };
}

export async function abortMultipartUpload(ctx: NosContext, p: UploadIdParams): Promise<NosResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const uploadId = checkString(p.upload_id, 'upload_id');
  const req = objectRequest('abort_multipart_upload', 'DELETE', bucket, key, p.signal);
  req.params.push(['uploadId', uploadId]);
  const res = await ctx.http.send(req);
  return { x_nos_request_id: requestIdOf(res) };
}

export async function listParts(ctx: NosContext, p: ListPartsParams): Promise<NosElementResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const uploadId = checkString(p.upload_id, 'upload_id');
  const limit = optionalInt(p.limit, 'limit', 0, 1000);
  const marker = optionalInt(p.part_number_marker, 'part_number_marker', 0, 10000);
  const req = objectRequest('list_parts', 'GET', bucket, key, p.signal);
  req.params.push(['uploadId', uploadId]);
  if (limit !== undefined) req.params.push(['max-parts', String(limit)]);
  if (marker !== undefined) req.params.push(['part-number-marker', String(marker)]);
  const res = await ctx.http.parse(req, parseElement);
  return { x_nos_request_id: requestIdOf(res), response: res.result };
}

export async function listMultipartUploads(ctx: NosContext, p: ListMultipartUploadsParams): Promise<NosElementResult> {
  const bucket = checkBucket(p?.bucket);
  const limit = optionalInt(p.limit, 'limit', 0, 1000);
  const keyMarker = optionalString(p.key_marker, 'key_marker');
  const req: NosCall = {
    op: 'list_multipart_uploads',
    method: 'GET',
    bucket,
    params: [['uploads', '']],
    headers: {},
    ...(p.signal ? { signal: p.signal } : {}),
  };
  if (limit !== undefined) req.params.push(['max-uploads', String(limit)]);
  if (keyMarker !== undefined) req.params.push(['key-marker', keyMarker]);
  const res = await ctx.http.parse(req, parseElement);
  return { x_nos_request_id: requestIdOf(res), response: res.result };
}
