/**
 * `BosClient`: every method of the BOS Python SDK under its Python name and
 * a camelCase alias (`put_object` / `putObject`, the same function).
 *
 * Positional arguments follow Python. Python keyword arguments go in a
 * trailing options object with the same snake_case names, which also takes
 * `signal` (an AbortSignal that cancels the request and its retries) and
 * `config` (per-call overrides of credentials, endpoint, retry_policy).
 * Bucket and object methods live in `client-objects.ts`.
 */
import type { BodyInput } from '@yunstore/core';
import { splitOptional } from './args.ts';
import { bucketAndKey, checkStringOptions } from './client-objects.ts';
import type { BosClientAliases } from './client-aliases.ts';
import { BosTransferMethods, TRANSFER_METHOD_ALIASES } from './client-transfer.ts';
import { ValueError } from './errors.ts';
import type { CallOptions } from './http.ts';
import { checkOptions } from './options.ts';
import { checkProgressCallback } from './progress.ts';
import * as mpOps from './operations/multipart.ts';
import * as objectOps from './operations/object.ts';
import { bodyOfLength, type CopyObjectResponse, type DeleteMultipleObjectsResponse } from './operations/object.ts';
import type { BosResponse } from './response.ts';
import {
  checkArgument,
  checkBucketName,
  checkKey,
  checkOptionalInt,
  checkRange,
  checkUserMetadata,
  MAX_PART_NUMBER,
  MAX_PUT_OBJECT_LENGTH,
} from './validate.ts';

/** BOS DeleteMultipleObjects takes at most 1000 keys a request. */
export const MAX_DELETE_KEYS = 1000;

type ListUploadsOptions = mpOps.ListMultipartUploadsArgs & CallOptions;
type ListPartsOptions = mpOps.ListPartsArgs & CallOptions;
type PrefixOptions = { prefix?: string; delimiter?: string } & CallOptions;

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

/** Bucket, object, multipart and transfer methods; `BosClient` adds the camelCase names. */
export class BosMethods extends BosTransferMethods {
  /**
   * Starts a multipart upload: `(await client.initiate_multipart_upload(b, k)).upload_id` names it in
   * `upload_part*`, `complete_multipart_upload` and `abort_multipart_upload`.
   */
  async initiate_multipart_upload(
    bucket_name: string,
    key: string,
    options?: mpOps.InitiateMultipartUploadOptions,
  ): Promise<mpOps.InitiateMultipartUploadResponse> {
    bucketAndKey('initiate_multipart_upload', { bucket_name, key }, options);
    checkStringOptions('initiate_multipart_upload', options, ['content_type', 'storage_class']);
    return mpOps.initiateMultipartUpload(this.context, bucket_name, key, options);
  }

  /**
   * Sends `part_size` bytes of `part_fp` as part `part_number` (1-10000; every part but the last at
   * least 5 MiB). The part's ETag is `response.metadata.e_tag` (also `.etag`), for `part_list`.
   */
  async upload_part(
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
    return mpOps.uploadPart(this.context, { bucket: bucket_name, key, uploadId: upload_id, partNumber: part_number }, body, options);
  }

  /**
   * Sends `part_size` bytes of `file_name` starting at `offset` (replayed from disk on retry). A range
   * past the end of the file is refused before any request (`BceInvalidArgumentError`).
   */
  async upload_part_from_file(
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
    return mpOps.uploadPart(this.context, target, body, { ...options, op: 'upload_part_from_file' });
  }

  /**
   * Copies `part_size` bytes of `source_bucket_name/source_key`, starting at
   * `offset`, into part `part_number` of the upload (Python's argument order).
   * Resolves `{last_modified, e_tag, etag, metadata}`; give `e_tag` to
   * `complete_multipart_upload`. One part copies at most 5 GiB.
   */
  async upload_part_copy(
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
      this.context,
      { bucket: source_bucket_name, key: source_key, offset, partSize: part_size },
      { bucket: target_bucket_name, key: target_key, uploadId: upload_id, partNumber: part_number },
      options,
    );
  }

  /**
   * Deletes up to 1000 keys of one bucket in one request. Resolves
   * `{errors: [{key, code, message}], metadata}` listing only the keys BOS
   * could not delete (a key that does not exist is reported as `NoSuchKey`).
   */
  async delete_multiple_objects(bucket_name: string, key_list: string[], options?: CallOptions): Promise<DeleteMultipleObjectsResponse> {
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
    return objectOps.deleteMultipleObjects(this.context, bucket_name, key_list, options);
  }

  /**
   * Joins the uploaded parts into the object. `part_list`: `[{partNumber: 1, eTag: '...'}, ...]` in
   * ascending order (items from `list_parts` work too). Resolves `{bucket, key, e_tag, location}`.
   */
  async complete_multipart_upload(
    bucket_name: string,
    key: string,
    upload_id: string,
    part_list: mpOps.PartListItem[],
    options?: CallOptions & { user_metadata?: Record<string, string> },
  ): Promise<mpOps.CompleteMultipartUploadResponse> {
    bucketAndKey('complete_multipart_upload', { bucket_name, key, upload_id, part_list }, options);
    checkUserMetadata('complete_multipart_upload', options?.user_metadata);
    const parts = normalisePartList(part_list);
    return mpOps.completeMultipartUpload(this.context, { bucket: bucket_name, key, uploadId: upload_id }, parts, options);
  }

  /** Cancels a multipart upload and frees its parts; 404 `NoSuchUpload` if it is already gone. */
  async abort_multipart_upload(bucket_name: string, key: string, upload_id: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('abort_multipart_upload', { bucket_name, key, upload_id }, options);
    return mpOps.abortMultipartUpload(this.context, { bucket: bucket_name, key, uploadId: upload_id }, options);
  }

  /**
   * One page of the parts uploaded so far. Python order: `(bucket_name, key, upload_id, max_parts=None,
   * part_number_marker=None)`; continue with `part_number_marker: response.next_part_number_marker`.
   */
  async list_parts(
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
    return mpOps.listParts(this.context, { bucket: bucket_name, key, uploadId: upload_id }, o, o);
  }

  /** Async generator over every part of the upload (all pages). */
  list_all_parts(bucket_name: string, key: string, upload_id: string, options?: CallOptions): AsyncGenerator<mpOps.BosPart, void, undefined> {
    bucketAndKey('list_all_parts', { bucket_name, key, upload_id }, options);
    return mpOps.listAllParts(this.context, { bucket: bucket_name, key, uploadId: upload_id }, options);
  }

  /**
   * One page of the bucket's unfinished multipart uploads. Python order: `(bucket_name, max_uploads=None,
   * key_marker=None, prefix=None, delimiter=None)`; continue with `key_marker: response.next_key_marker`.
   */
  async list_multipart_uploads(
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
    return mpOps.listMultipartUploads(this.context, bucket_name, o, o);
  }

  /** Async generator over every unfinished upload (all pages). */
  list_all_multipart_uploads(
    bucket_name: string,
    prefix?: string | PrefixOptions,
    delimiter?: string | PrefixOptions,
    options?: PrefixOptions,
  ): AsyncGenerator<mpOps.BosUpload, void, undefined> {
    const { options: o } = splitOptional<PrefixOptions>(['prefix', 'delimiter'], [prefix, delimiter, options]);
    bucketAndKey('list_all_multipart_uploads', { bucket_name }, o);
    checkStringOptions('list_all_multipart_uploads', o, ['prefix', 'delimiter']);
    return mpOps.listAllMultipartUploads(this.context, bucket_name, o, o);
  }
}

/** Python name → camelCase alias: the seed's 29 methods plus `upload_part_copy` and `delete_multiple_objects` (two follow @baiducloud/sdk's casing too). */
export const METHOD_ALIASES = {
  list_buckets: 'listBuckets',
  create_bucket: 'createBucket',
  does_bucket_exist: 'doesBucketExist',
  delete_bucket: 'deleteBucket',
  set_bucket_canned_acl: 'setBucketCannedAcl',
  set_bucket_acl: 'setBucketAcl',
  get_bucket_acl: 'getBucketAcl',
  get_bucket_location: 'getBucketLocation',
  put_object: 'putObject',
  put_object_from_string: 'putObjectFromString',
  put_object_from_file: 'putObjectFromFile',
  list_objects: 'listObjects',
  list_all_objects: 'listAllObjects',
  get_object: 'getObject',
  get_object_as_string: 'getObjectAsString',
  get_object_to_file: 'getObjectToFile',
  get_object_meta_data: 'getObjectMetaData',
  generate_pre_signed_url: 'generatePreSignedUrl',
  copy_object: 'copyObject',
  delete_object: 'deleteObject',
  initiate_multipart_upload: 'initiateMultipartUpload',
  upload_part: 'uploadPart',
  upload_part_from_file: 'uploadPartFromFile',
  complete_multipart_upload: 'completeMultipartUpload',
  abort_multipart_upload: 'abortMultipartUpload',
  list_multipart_uploads: 'listMultipartUploads',
  list_all_multipart_uploads: 'listAllMultipartUploads',
  list_parts: 'listParts',
  list_all_parts: 'listAllParts',
  // Later Python SDKs (not in the seed): multipart copy and multi-delete.
  upload_part_copy: 'uploadPartCopy',
  delete_multiple_objects: 'deleteMultipleObjects',
} as const;

type Aliases = typeof METHOD_ALIASES & typeof TRANSFER_METHOD_ALIASES;
type AliasMembers = { [K in keyof Aliases as Aliases[K]]: BosMethods[K] };
/** Compile-time guard: the generated, documented twins (client-aliases.ts) are exactly the alias tables' names and types. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
const twinsMatch: SameKeys<Omit<BosClientAliases, 'getObjectMetadata' | 'generatePresignedUrl'>, AliasMembers> = true;
void twinsMatch;

// The camelCase names are the same functions, installed once on the prototype.
// @baiducloud/sdk spells two of them differently; those spellings work as well.
/**
 * `BosClient(config)`: every method of the BOS Python SDK under its Python
 * name and a camelCase twin (`put_object` / `putObject`, the same function,
 * the same docs). Build it with `new BosClient(new BceClientConfiguration({credentials, endpoint}))`.
 */
export interface BosClient extends BosClientAliases {}
export class BosClient extends BosMethods {}
for (const [snake, camel] of [...Object.entries(METHOD_ALIASES), ...Object.entries(TRANSFER_METHOD_ALIASES)]) {
  Object.defineProperty(BosClient.prototype, camel, {
    value: (BosClient.prototype as unknown as Record<string, unknown>)[snake],
    writable: true,
    configurable: true,
  });
}
Object.defineProperty(BosClient.prototype, 'getObjectMetadata', { value: BosClient.prototype.get_object_meta_data, writable: true, configurable: true });
Object.defineProperty(BosClient.prototype, 'generatePresignedUrl', { value: BosClient.prototype.generate_pre_signed_url, writable: true, configurable: true });
