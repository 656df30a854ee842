/**
 * The multipart methods of `BosClient`, as operation-table entries: each
 * checks its positional arguments (Python's order) once, here, then calls
 * `operations/multipart.ts` with the client's context.
 */
import type { BodyInput } from '@yunstore/core';
import { splitOptional } from '../args.ts';
import { ValueError } from '../errors.ts';
import type { BosContext, CallOptions } from '../http.ts';
import * as mpOps from '../operations/multipart.ts';
import { bodyOfLength, type CopyObjectResponse } from '../operations/object.ts';
import { checkOptions } from '../options.ts';
import { checkProgressCallback } from '../progress.ts';
import type { BosResponse } from '../response.ts';
import {
  checkArgument,
  checkBucketName,
  checkKey,
  checkOptionalInt,
  checkRange,
  checkUserMetadata,
  MAX_PART_NUMBER,
  MAX_PUT_OBJECT_LENGTH,
} from '../validate.ts';
import type { PrefixOptions } from './bucket.ts';
import { bucketAndKey, checkStringOptions } from './checks.ts';

/** `list_multipart_uploads`' keyword arguments (its optional positionals may go here too). */
export type ListUploadsOptions = mpOps.ListMultipartUploadsArgs & CallOptions;
/** `list_parts`' keyword arguments (its optional positionals may go here too). */
export type ListPartsOptions = mpOps.ListPartsArgs & CallOptions;
/** `complete_multipart_upload`'s keyword arguments. */
export type CompleteOptions = CallOptions & { user_metadata?: Record<string, string> };

function partChecks(method: string, part_number: number, part_size: number): void {
  checkRange(method, 'part_number', part_number, 1, MAX_PART_NUMBER);
  checkRange(method, 'part_size', part_size, 0, MAX_PUT_OBJECT_LENGTH);
}

/** `part_list` items → `{partNumber, eTag}`; snake_case items from `list_parts` are accepted too. */
function normalisePartList(part_list: mpOps.PartListItem[]): Array<{ partNumber: number; eTag: string }> {
  return part_list.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new TypeError(`complete_multipart_upload: part_list[${i}] should be a dict`);
    const partNumber = item.partNumber ?? item.part_number;
    const eTag = item.eTag ?? item.e_tag ?? item.etag;
    if (typeof partNumber !== 'number' || !Number.isInteger(partNumber)) {
      throw new TypeError(`complete_multipart_upload: part_list[${i}].partNumber should be an integer`);
    }
    if (typeof eTag !== 'string' || eTag === '') throw new ValueError(`complete_multipart_upload: part_list[${i}].eTag should be a non-empty string`);
    checkRange('complete_multipart_upload', `part_list[${i}].partNumber`, partNumber, 1, MAX_PART_NUMBER);
    return { partNumber, eTag };
  });
}

export async function initiateMultipartUpload(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  options?: mpOps.InitiateMultipartUploadOptions,
): Promise<mpOps.InitiateMultipartUploadResponse> {
  bucketAndKey('initiate_multipart_upload', { bucket_name, key }, options);
  checkStringOptions('initiate_multipart_upload', options, ['content_type', 'storage_class']);
  return mpOps.initiateMultipartUpload(ctx, bucket_name, key, options);
}

export async function uploadPart(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  upload_id: string,
  part_number: number,
  part_size: number,
  part_fp: BodyInput,
  options?: mpOps.UploadPartOptions,
): Promise<mpOps.UploadPartResponse> {
  bucketAndKey('upload_part', { bucket_name, key, upload_id, part_number, part_size, part_fp }, options);
  partChecks('upload_part', part_number, part_size);
  checkStringOptions('upload_part', options, ['part_md5']);
  checkProgressCallback('upload_part', options?.progress_callback);
  const body = await bodyOfLength(part_fp, part_size, 'part_fp');
  return mpOps.uploadPart(ctx, { bucket: bucket_name, key, uploadId: upload_id, partNumber: part_number }, body, options);
}

export async function uploadPartFromFile(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  upload_id: string,
  part_number: number,
  part_size: number,
  file_name: string,
  offset: number,
  options?: mpOps.UploadPartOptions,
): Promise<mpOps.UploadPartResponse> {
  bucketAndKey('upload_part_from_file', { bucket_name, key, upload_id, part_number, part_size, file_name, offset }, options);
  partChecks('upload_part_from_file', part_number, part_size);
  checkStringOptions('upload_part_from_file', options, ['part_md5']);
  checkProgressCallback('upload_part_from_file', options?.progress_callback);
  if (offset < 0) throw new ValueError(`upload_part_from_file: arg "offset" should be >= 0, got ${offset}`);
  const body = await mpOps.partFromFile(file_name, offset, part_size);
  const target = { bucket: bucket_name, key, uploadId: upload_id, partNumber: part_number };
  return mpOps.uploadPart(ctx, target, body, { ...options, op: 'upload_part_from_file' });
}

export async function uploadPartCopy(
  ctx: BosContext,
  source_bucket_name: string,
  source_key: string,
  target_bucket_name: string,
  target_key: string,
  upload_id: string,
  part_number: number,
  part_size: number,
  offset: number,
  options?: mpOps.UploadPartCopyOptions,
): Promise<CopyObjectResponse> {
  const method = 'upload_part_copy';
  checkOptions(method, options);
  for (const [name, value] of Object.entries({ source_bucket_name, source_key, target_bucket_name, target_key, upload_id })) {
    checkArgument(method, name, 'string', value);
  }
  for (const [name, value] of Object.entries({ part_number, part_size, offset })) checkArgument(method, name, 'int', value);
  checkBucketName(source_bucket_name, 'source_bucket_name');
  checkBucketName(target_bucket_name, 'target_bucket_name');
  checkKey(source_key, 'source_key');
  checkKey(target_key, 'target_key');
  checkRange(method, 'part_number', part_number, 1, MAX_PART_NUMBER);
  // The range sent is bytes=offset-(offset+part_size-1): an empty part cannot be named.
  checkRange(method, 'part_size', part_size, 1, MAX_PUT_OBJECT_LENGTH);
  if (offset < 0) throw new ValueError(`${method}: arg "offset" should be >= 0, got ${offset}`);
  if (options?.etag !== undefined) checkArgument(method, 'etag', 'string', options.etag);
  checkUserMetadata(method, options?.user_metadata);
  return mpOps.uploadPartCopy(
    ctx,
    { bucket: source_bucket_name, key: source_key, offset, partSize: part_size },
    { bucket: target_bucket_name, key: target_key, uploadId: upload_id, partNumber: part_number },
    options,
  );
}

export async function completeMultipartUpload(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  upload_id: string,
  part_list: mpOps.PartListItem[],
  options?: CompleteOptions,
): Promise<mpOps.CompleteMultipartUploadResponse> {
  bucketAndKey('complete_multipart_upload', { bucket_name, key, upload_id, part_list }, options);
  checkUserMetadata('complete_multipart_upload', options?.user_metadata);
  const parts = normalisePartList(part_list);
  return mpOps.completeMultipartUpload(ctx, { bucket: bucket_name, key, uploadId: upload_id }, parts, options);
}

export async function abortMultipartUpload(ctx: BosContext, bucket_name: string, key: string, upload_id: string, options?: CallOptions): Promise<BosResponse> {
  bucketAndKey('abort_multipart_upload', { bucket_name, key, upload_id }, options);
  return mpOps.abortMultipartUpload(ctx, { bucket: bucket_name, key, uploadId: upload_id }, options);
}

export async function listParts(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  upload_id: string,
  max_parts?: number | ListPartsOptions,
  part_number_marker?: number | ListPartsOptions,
  options?: ListPartsOptions,
): Promise<mpOps.ListPartsResponse> {
  const { options: o } = splitOptional<ListPartsOptions>(['max_parts', 'part_number_marker'], [max_parts, part_number_marker, options]);
  bucketAndKey('list_parts', { bucket_name, key, upload_id }, o);
  checkOptionalInt('list_parts', 'max_parts', o.max_parts, 1, 1000);
  if (o.part_number_marker !== undefined) checkArgument('list_parts', 'part_number_marker', 'int', o.part_number_marker);
  return mpOps.listParts(ctx, { bucket: bucket_name, key, uploadId: upload_id }, o, o);
}

/** Synchronous: bad arguments throw at the call, before the generator is returned. */
export function listAllParts(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  upload_id: string,
  options?: CallOptions,
): AsyncGenerator<mpOps.BosPart, void, undefined> {
  bucketAndKey('list_all_parts', { bucket_name, key, upload_id }, options);
  return mpOps.listAllParts(ctx, { bucket: bucket_name, key, uploadId: upload_id }, options);
}

export async function listMultipartUploads(
  ctx: BosContext,
  bucket_name: string,
  max_uploads?: number | ListUploadsOptions,
  key_marker?: string | ListUploadsOptions,
  prefix?: string | ListUploadsOptions,
  delimiter?: string | ListUploadsOptions,
  options?: ListUploadsOptions,
): Promise<mpOps.ListMultipartUploadsResponse> {
  const { options: o } = splitOptional<ListUploadsOptions>(
    ['max_uploads', 'key_marker', 'prefix', 'delimiter'],
    [max_uploads, key_marker, prefix, delimiter, options],
  );
  bucketAndKey('list_multipart_uploads', { bucket_name }, o);
  checkOptionalInt('list_multipart_uploads', 'max_uploads', o.max_uploads, 1, 1000);
  checkStringOptions('list_multipart_uploads', o, ['key_marker', 'prefix', 'delimiter']);
  return mpOps.listMultipartUploads(ctx, bucket_name, o, o);
}

/** Synchronous: bad arguments throw at the call, before the generator is returned. */
export function listAllMultipartUploads(
  ctx: BosContext,
  bucket_name: string,
  prefix?: string | PrefixOptions,
  delimiter?: string | PrefixOptions,
  options?: PrefixOptions,
): AsyncGenerator<mpOps.BosUpload, void, undefined> {
  const { options: o } = splitOptional<PrefixOptions>(['prefix', 'delimiter'], [prefix, delimiter, options]);
  bucketAndKey('list_all_multipart_uploads', { bucket_name }, o);
  checkStringOptions('list_all_multipart_uploads', o, ['prefix', 'delimiter']);
  return mpOps.listAllMultipartUploads(ctx, bucket_name, o, o);
}
