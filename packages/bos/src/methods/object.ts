/**
 * The object methods of `BosClient`, as operation-table entries: each checks
 * its positional arguments (Python's order) once, here, then calls
 * `operations/object.ts` with the client's context.
 */
import type { BodyInput } from '@yunstore/core';
import { splitOptional } from '../args.ts';
import { ValueError } from '../errors.ts';
import type { BosContext, CallOptions } from '../http.ts';
import { checkDestinationFile } from '../local-paths.ts';
import * as objectOps from '../operations/object.ts';
import { checkOptions } from '../options.ts';
import { checkProgressCallback, type ProgressCallback } from '../progress.ts';
import type { BosResponse } from '../response.ts';
import {
  checkArgument,
  checkBucketName,
  checkCopyNames,
  checkKey,
  checkOptionalInt,
  checkRange,
  checkTable,
  checkUserMetadata,
  MAX_PUT_OBJECT_LENGTH,
} from '../validate.ts';
import { bucketAndKey, checkStringOptions } from './checks.ts';

/** BOS DeleteMultipleObjects takes at most 1000 keys a request. */
export const MAX_DELETE_KEYS = 1000;

/** `range`: inclusive `[first, last]`. */
export type RangeOptions = { range?: objectOps.ByteRangeArg } & CallOptions;
/** `get_object_to_file`'s keyword arguments. */
export type ToFileOptions = RangeOptions & { progress_callback?: ProgressCallback };
/** `encoding`: how the bytes become a string (default `'utf8'`); see `BytesOptions` for the bytes themselves. */
export type AsStringOptions = RangeOptions & { encoding?: BufferEncoding };
/** `encoding: null`: the body as a Buffer, as Python 3 returns bytes. */
export type BytesOptions = RangeOptions & { encoding: null };
/** `generate_pre_signed_url`'s keyword arguments (its optional positionals may go here too). */
export type PresignOptions = objectOps.PresignOptions & { timestamp?: number; expiration_in_seconds?: number };
/** `put_object_from_string`'s keyword arguments. */
export type FromStringOptions = objectOps.PutObjectOptions & { content_md5?: string };
/** `put_object_from_file`'s keyword arguments. */
export type FromFileOptions = objectOps.PutObjectOptions & { content_md5?: string; content_length?: number };

/** The optional arguments of the `put_object*` family (the seed's content_type, content_md5, user_metadata). */
function checkPutOptions(method: string, options: (objectOps.PutObjectOptions & { content_md5?: string }) | undefined): void {
  checkStringOptions(method, options, ['content_type', 'content_md5', 'content_sha256', 'storage_class']);
  if (options?.content_md5 === '') throw new ValueError(`${method}: arg "content_md5" should not be empty`);
  checkUserMetadata(method, options?.user_metadata);
  checkProgressCallback(method, options?.progress_callback);
}

function checkRangeArg(method: string, range: unknown): objectOps.ByteRangeArg | undefined {
  if (range === undefined || range === null) return undefined;
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n))) {
    throw new TypeError(`${method}: arg "range" should be a list of two integers [first, last]`);
  }
  const [first, last] = range as [number, number];
  if (first < 0 || last < first) throw new ValueError(`${method}: arg "range" [${first}, ${last}] is not a valid inclusive byte range`);
  return [first, last];
}

export async function putObject(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  data: BodyInput,
  content_length: number,
  content_md5: string,
  options?: objectOps.PutObjectOptions,
): Promise<objectOps.PutObjectResponse> {
  bucketAndKey('put_object', { bucket_name, key, data, content_length, content_md5 }, options);
  checkRange('put_object', 'content_length', content_length, 0, MAX_PUT_OBJECT_LENGTH);
  checkPutOptions('put_object', options);
  const body = await objectOps.bodyOfLength(data, content_length, 'data');
  return objectOps.putObject(ctx, bucket_name, key, body, content_md5, options);
}

export async function putObjectFromString(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  data: string | Uint8Array,
  options?: FromStringOptions,
): Promise<objectOps.PutObjectResponse> {
  // An empty string is a valid (empty) object; only a missing one is a ValueError. Bytes pass the table's "string" row too.
  const asText = data instanceof Uint8Array || data === '' ? ' ' : data;
  bucketAndKey('put_object_from_string', { bucket_name, key, data: asText }, options);
  checkPutOptions('put_object_from_string', options);
  if (Buffer.byteLength(data) > MAX_PUT_OBJECT_LENGTH) throw new ValueError('put_object_from_string: data is larger than 5 GiB');
  return objectOps.putObjectFromString(ctx, bucket_name, key, data, options);
}

export async function putObjectFromFile(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  file_name: string,
  options?: FromFileOptions,
): Promise<objectOps.PutObjectResponse> {
  bucketAndKey('put_object_from_file', { bucket_name, key, file_name }, options);
  checkPutOptions('put_object_from_file', options);
  checkOptionalInt('put_object_from_file', 'content_length', options?.content_length, 0, MAX_PUT_OBJECT_LENGTH);
  return objectOps.putObjectFromFile(ctx, bucket_name, key, file_name, options);
}

export async function getObject(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  range?: objectOps.ByteRangeArg | RangeOptions,
  options?: RangeOptions,
): Promise<objectOps.GetObjectResponse> {
  const { options: o } = splitOptional<RangeOptions>(['range'], [range, options]);
  bucketAndKey('get_object', { bucket_name, key }, o);
  return objectOps.getObject(ctx, bucket_name, key, checkRangeArg('get_object', o.range), o);
}

// Overloaded as the documented method is: `encoding: null` gives a Buffer, anything else a string.
export function getObjectAsString(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  range: objectOps.ByteRangeArg | null | undefined,
  options: BytesOptions,
): Promise<Buffer>;
export function getObjectAsString(ctx: BosContext, bucket_name: string, key: string, options: BytesOptions): Promise<Buffer>;
export function getObjectAsString(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  range?: objectOps.ByteRangeArg | AsStringOptions,
  options?: AsStringOptions,
): Promise<string>;
export async function getObjectAsString(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  range?: objectOps.ByteRangeArg | AsStringOptions | BytesOptions | null,
  options?: AsStringOptions | BytesOptions,
): Promise<string | Buffer> {
  const { options: o } = splitOptional<AsStringOptions | BytesOptions>(['range'], [range, options]);
  bucketAndKey('get_object_as_string', { bucket_name, key }, o);
  if (o.encoding !== undefined && o.encoding !== null && !Buffer.isEncoding(o.encoding)) {
    throw new ValueError(`get_object_as_string: arg "encoding" should be a Buffer encoding ('utf8', 'latin1'...) or null, got ${String(o.encoding)}`);
  }
  const bytes = await objectOps.getObjectBytes(ctx, bucket_name, key, checkRangeArg('get_object_as_string', o.range), o);
  return o.encoding === null ? bytes : bytes.toString(o.encoding ?? 'utf8');
}

export async function getObjectToFile(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  file_name: string,
  range?: objectOps.ByteRangeArg | ToFileOptions,
  options?: ToFileOptions,
): Promise<objectOps.GetObjectToFileResponse> {
  const { options: o } = splitOptional<ToFileOptions>(['range'], [range, options]);
  bucketAndKey('get_object_to_file', { bucket_name, key, file_name }, o);
  checkProgressCallback('get_object_to_file', o.progress_callback);
  const byteRange = checkRangeArg('get_object_to_file', o.range);
  await checkDestinationFile('get_object_to_file', 'file_name', file_name);
  return objectOps.getObjectToFile(ctx, bucket_name, key, file_name, byteRange, o);
}

export async function getObjectMetaData(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  options?: CallOptions,
): Promise<objectOps.GetObjectMetaDataResponse> {
  bucketAndKey('get_object_meta_data', { bucket_name, key }, options);
  return objectOps.getObjectMetaData(ctx, bucket_name, key, options);
}

/** Synchronous, like Python: no request is made. */
export function generatePreSignedUrl(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  timestamp?: number | PresignOptions,
  expiration_in_seconds?: number | PresignOptions,
  options?: PresignOptions,
): string {
  const { options: o } = splitOptional<PresignOptions>(['timestamp', 'expiration_in_seconds'], [timestamp, expiration_in_seconds, options]);
  checkArgument('generate_pre_signed_url', 'bucket_name', 'string', bucket_name);
  checkArgument('generate_pre_signed_url', 'key', 'string', key);
  bucketAndKey('generate_pre_signed_url', { bucket_name, key }, o);
  const ts = o.timestamp ?? 0;
  const expiration = o.expiration_in_seconds ?? 1800;
  checkArgument('generate_pre_signed_url', 'timestamp', 'int', ts);
  checkArgument('generate_pre_signed_url', 'expiration_in_seconds', 'int', expiration);
  if (ts < 0) throw new ValueError('generate_pre_signed_url: arg "timestamp" should be >= 0 (0 means now)');
  if (expiration !== -1 && expiration <= 0) {
    throw new ValueError('generate_pre_signed_url: arg "expiration_in_seconds" should be positive, or -1 for never');
  }
  return objectOps.generatePreSignedUrl(ctx, bucket_name, key, ts, expiration, o);
}

export async function copyObject(
  ctx: BosContext,
  source_bucket_name: string,
  source_key: string,
  target_bucket_name: string,
  target_key: string,
  options?: objectOps.CopyObjectOptions,
): Promise<objectOps.CopyObjectResponse> {
  checkOptions('copy_object', options);
  checkTable('copy_object', { source_bucket_name, source_key, target_bucket_name, target_key });
  checkCopyNames(source_bucket_name, source_key, target_bucket_name, target_key);
  checkStringOptions('copy_object', options, ['etag', 'content_type', 'storage_class']);
  checkUserMetadata('copy_object', options?.user_metadata);
  return objectOps.copyObject(ctx, { bucket: source_bucket_name, key: source_key }, { bucket: target_bucket_name, key: target_key }, options);
}

export async function deleteObject(ctx: BosContext, bucket_name: string, key: string, options?: CallOptions): Promise<BosResponse> {
  bucketAndKey('delete_object', { bucket_name }, options);
  checkArgument('delete_object', 'key', 'string', key);
  checkKey(key);
  return objectOps.deleteObject(ctx, bucket_name, key, options);
}

export async function deleteMultipleObjects(
  ctx: BosContext,
  bucket_name: string,
  key_list: string[],
  options?: CallOptions,
): Promise<objectOps.DeleteMultipleObjectsResponse> {
  const method = 'delete_multiple_objects';
  checkOptions(method, options);
  checkArgument(method, 'bucket_name', 'string', bucket_name);
  checkBucketName(bucket_name);
  checkArgument(method, 'key_list', 'list', key_list);
  if (key_list.length > MAX_DELETE_KEYS) {
    throw new ValueError(`${method}: arg "key_list" holds ${key_list.length} keys, more than the ${MAX_DELETE_KEYS} BOS deletes in one request`);
  }
  key_list.forEach((key, i) => {
    checkArgument(method, `key_list[${i}]`, 'string', key);
    checkKey(key, `key_list[${i}]`);
  });
  return objectOps.deleteMultipleObjects(ctx, bucket_name, key_list, options);
}
