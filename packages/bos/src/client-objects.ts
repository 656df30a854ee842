/**
 * The bucket and object half of `BosClient` (the multipart half and the
 * camelCase aliases are in `client.ts`). Each method validates its arguments
 * once, here, then forwards to `operations/*`.
 */
import type { BodyInput } from '@yunstore/core';
import { splitOptional } from './args.ts';
import type { BceClientConfiguration } from './config.ts';
import { BosContext, type CallOptions } from './http.ts';
import * as bucketOps from './operations/bucket.ts';
import * as objectOps from './operations/object.ts';
import type * as mpOps from './operations/multipart.ts';
import type { BosResponse } from './response.ts';
import {
  checkArgument,
  checkBucketName,
  checkCopyNames,
  checkGrants,
  checkKey,
  checkOptionalInt,
  checkOptionalString,
  checkRange,
  checkTable,
  checkUserMetadata,
  MAX_PUT_OBJECT_LENGTH,
} from './validate.ts';
import { CANNED_ACLS } from './canned_acl.ts';
import { ValueError } from './errors.ts';

type ListObjectsOptions = bucketOps.ListObjectsArgs & CallOptions;
type PrefixOptions = { prefix?: string; delimiter?: string } & CallOptions;
type RangeOptions = { range?: objectOps.ByteRangeArg } & CallOptions;
type PresignOptions = objectOps.PresignOptions & { timestamp?: number; expiration_in_seconds?: number };

export function bucketAndKey(method: string, args: Record<string, unknown>): void {
  checkTable(method, args);
  if (typeof args['bucket_name'] === 'string') checkBucketName(args['bucket_name']);
  if (typeof args['key'] === 'string') checkKey(args['key']);
}

/** Keyword arguments that must be strings when given: a number here would otherwise reach the wire as text. */
export function checkStringOptions(method: string, options: object | undefined, names: readonly string[]): void {
  for (const name of names) checkOptionalString(method, name, (options as Record<string, unknown> | undefined)?.[name]);
}

/** The optional arguments of the `put_object*` family (the seed's content_type, content_md5, user_metadata). */
function checkPutOptions(method: string, options: (objectOps.PutObjectOptions & { content_md5?: string }) | undefined): void {
  checkStringOptions(method, options, ['content_type', 'content_md5', 'content_sha256', 'storage_class']);
  if (options?.content_md5 === '') throw new ValueError(`${method}: arg "content_md5" should not be empty`);
  checkUserMetadata(method, options?.user_metadata);
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

export class BosObjectMethods {
  /** Shared per-client state; `src/transfer.ts` builds on the same context. */
  readonly context: BosContext;

  constructor(config: BceClientConfiguration) {
    if (typeof config !== 'object' || config === null) throw new TypeError('BosClient(config): config should be a BceClientConfiguration');
    this.context = new BosContext(config);
  }

  get config(): BceClientConfiguration {
    return this.context.config;
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    await this.context.close();
  }

  // ---- buckets -------------------------------------------------------------

  async list_buckets(options?: CallOptions): Promise<bucketOps.ListBucketsResponse> {
    return bucketOps.listBuckets(this.context, options);
  }

  async create_bucket(bucket_name: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('create_bucket', { bucket_name });
    return bucketOps.createBucket(this.context, bucket_name, options);
  }

  async does_bucket_exist(bucket_name: string, options?: CallOptions): Promise<boolean> {
    bucketAndKey('does_bucket_exist', { bucket_name });
    return bucketOps.doesBucketExist(this.context, bucket_name, options);
  }

  async delete_bucket(bucket_name: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('delete_bucket', { bucket_name });
    return bucketOps.deleteBucket(this.context, bucket_name, options);
  }

  async set_bucket_canned_acl(bucket_name: string, canned_acl: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('set_bucket_canned_acl', { bucket_name, canned_acl });
    if (!(CANNED_ACLS as readonly string[]).includes(canned_acl)) {
      throw new ValueError(`set_bucket_canned_acl: arg "canned_acl" should be one of ${CANNED_ACLS.join(', ')}, got "${canned_acl}"`);
    }
    return bucketOps.setBucketCannedAcl(this.context, bucket_name, canned_acl, options);
  }

  async set_bucket_acl(bucket_name: string, acl: bucketOps.BosGrant[] | bucketOps.BosGrant, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('set_bucket_acl', { bucket_name, acl });
    checkGrants('set_bucket_acl', acl);
    return bucketOps.setBucketAcl(this.context, bucket_name, acl, options);
  }

  async get_bucket_acl(bucket_name: string, options?: CallOptions): Promise<bucketOps.GetBucketAclResponse> {
    bucketAndKey('get_bucket_acl', { bucket_name });
    return bucketOps.getBucketAcl(this.context, bucket_name, options);
  }

  /** Returns the region string (`'bj'`), as Python does. */
  async get_bucket_location(bucket_name: string, options?: CallOptions): Promise<string> {
    checkArgument('get_bucket_location', 'bucket_name', 'string', bucket_name);
    checkBucketName(bucket_name);
    return (await bucketOps.getBucketLocation(this.context, bucket_name, options)).location_constraint;
  }

  // ---- listing ---------------------------------------------------------------

  /** Python order: `(bucket_name, max_keys=1000, prefix=None, marker=None, delimiter=None)`. */
  async list_objects(
    bucket_name: string,
    max_keys?: number | ListObjectsOptions,
    prefix?: string | ListObjectsOptions,
    marker?: string | ListObjectsOptions,
    delimiter?: string | ListObjectsOptions,
    options?: ListObjectsOptions,
  ): Promise<bucketOps.ListObjectsResponse> {
    bucketAndKey('list_objects', { bucket_name });
    const { options: o } = splitOptional<ListObjectsOptions>(['max_keys', 'prefix', 'marker', 'delimiter'], [max_keys, prefix, marker, delimiter, options]);
    checkOptionalInt('list_objects', 'max_keys', o.max_keys, 1, 1000);
    checkStringOptions('list_objects', o, ['prefix', 'marker', 'delimiter']);
    return bucketOps.listObjects(this.context, bucket_name, o, o);
  }

  /** Async generator over every object (all pages): `for await (const obj of client.list_all_objects(b))`. */
  list_all_objects(
    bucket_name: string,
    prefix?: string | PrefixOptions,
    delimiter?: string | PrefixOptions,
    options?: PrefixOptions,
  ): AsyncGenerator<bucketOps.BosObjectSummary, void, undefined> {
    bucketAndKey('list_all_objects', { bucket_name });
    const { options: o } = splitOptional<PrefixOptions>(['prefix', 'delimiter'], [prefix, delimiter, options]);
    checkStringOptions('list_all_objects', o, ['prefix', 'delimiter']);
    return bucketOps.listAllObjects(this.context, bucket_name, o, o);
  }

  // ---- objects ---------------------------------------------------------------

  /** `data` must hold `content_length` bytes; `content_md5` is the base64 MD5 (the seed's table requires it). */
  async put_object(
    bucket_name: string,
    key: string,
    data: BodyInput,
    content_length: number,
    content_md5: string,
    options?: objectOps.PutObjectOptions,
  ): Promise<BosResponse> {
    bucketAndKey('put_object', { bucket_name, key, data, content_length, content_md5 });
    checkRange('put_object', 'content_length', content_length, 0, MAX_PUT_OBJECT_LENGTH);
    checkPutOptions('put_object', options);
    const body = await objectOps.bodyOfLength(data, content_length, 'data');
    return objectOps.putObject(this.context, bucket_name, key, body, content_md5, options);
  }

  async put_object_from_string(
    bucket_name: string,
    key: string,
    data: string,
    options?: objectOps.PutObjectOptions & { content_md5?: string },
  ): Promise<BosResponse> {
    // An empty string is a valid (empty) object; only a missing one is a ValueError.
    bucketAndKey('put_object_from_string', { bucket_name, key, data: data === '' ? ' ' : data });
    checkPutOptions('put_object_from_string', options);
    if (Buffer.byteLength(data) > MAX_PUT_OBJECT_LENGTH) throw new ValueError('put_object_from_string: data is larger than 5 GiB');
    return objectOps.putObjectFromString(this.context, bucket_name, key, data, options);
  }

  async put_object_from_file(
    bucket_name: string,
    key: string,
    file_name: string,
    options?: objectOps.PutObjectOptions & { content_md5?: string; content_length?: number },
  ): Promise<BosResponse> {
    bucketAndKey('put_object_from_file', { bucket_name, key, file_name });
    checkPutOptions('put_object_from_file', options);
    checkOptionalInt('put_object_from_file', 'content_length', options?.content_length, 0, MAX_PUT_OBJECT_LENGTH);
    return objectOps.putObjectFromFile(this.context, bucket_name, key, file_name, options);
  }

  /** `range` is inclusive `[first, last]`. The body is a stream in `response.data`. */
  async get_object(
    bucket_name: string,
    key: string,
    range?: objectOps.ByteRangeArg | RangeOptions,
    options?: RangeOptions,
  ): Promise<objectOps.GetObjectResponse> {
    bucketAndKey('get_object', { bucket_name, key });
    const { options: o } = splitOptional<RangeOptions>(['range'], [range, options]);
    return objectOps.getObject(this.context, bucket_name, key, checkRangeArg('get_object', o.range), o);
  }

  /** The body decoded as UTF-8. */
  async get_object_as_string(bucket_name: string, key: string, range?: objectOps.ByteRangeArg | RangeOptions, options?: RangeOptions): Promise<string> {
    bucketAndKey('get_object_as_string', { bucket_name, key });
    const { options: o } = splitOptional<RangeOptions>(['range'], [range, options]);
    return objectOps.getObjectAsString(this.context, bucket_name, key, checkRangeArg('get_object_as_string', o.range), o);
  }

  /** Streams to `file_name` (temporary file, renamed when complete). */
  async get_object_to_file(
    bucket_name: string,
    key: string,
    file_name: string,
    range?: objectOps.ByteRangeArg | RangeOptions,
    options?: RangeOptions,
  ): Promise<BosResponse> {
    bucketAndKey('get_object_to_file', { bucket_name, key, file_name });
    const { options: o } = splitOptional<RangeOptions>(['range'], [range, options]);
    return objectOps.getObjectToFile(this.context, bucket_name, key, file_name, checkRangeArg('get_object_to_file', o.range), o);
  }

  /**
   * HEAD object. The headers are in `metadata` (Python); the three fields the
   * seed lists for this call (`content_length`, `e_tag`, `bce_meta`) are also
   * on the response itself, since the seed's table names them there.
   */
  async get_object_meta_data(bucket_name: string, key: string, options?: CallOptions): Promise<objectOps.GetObjectMetaDataResponse> {
    bucketAndKey('get_object_meta_data', { bucket_name, key });
    return objectOps.getObjectMetaData(this.context, bucket_name, key, options);
  }

  /**
   * Synchronous, like Python (no request is made). `timestamp` Unix seconds,
   * 0 = now; `expiration_in_seconds` default 1800, -1 = never expires.
   */
  generate_pre_signed_url(
    bucket_name: string,
    key: string,
    timestamp?: number | PresignOptions,
    expiration_in_seconds?: number | PresignOptions,
    options?: PresignOptions,
  ): string {
    checkArgument('generate_pre_signed_url', 'bucket_name', 'string', bucket_name);
    checkArgument('generate_pre_signed_url', 'key', 'string', key);
    bucketAndKey('generate_pre_signed_url', { bucket_name, key });
    const { options: o } = splitOptional<PresignOptions>(['timestamp', 'expiration_in_seconds'], [timestamp, expiration_in_seconds, options]);
    const ts = o.timestamp ?? 0;
    const expiration = o.expiration_in_seconds ?? 1800;
    checkArgument('generate_pre_signed_url', 'timestamp', 'int', ts);
    checkArgument('generate_pre_signed_url', 'expiration_in_seconds', 'int', expiration);
    if (ts < 0) throw new ValueError('generate_pre_signed_url: arg "timestamp" should be >= 0 (0 means now)');
    if (expiration !== -1 && expiration <= 0) {
      throw new ValueError('generate_pre_signed_url: arg "expiration_in_seconds" should be positive, or -1 for never');
    }
    return objectOps.generatePreSignedUrl(this.context, bucket_name, key, ts, expiration, o);
  }

  async copy_object(
    source_bucket_name: string,
    source_key: string,
    target_bucket_name: string,
    target_key: string,
    options?: objectOps.CopyObjectOptions,
  ): Promise<objectOps.CopyObjectResponse> {
    checkTable('copy_object', { source_bucket_name, source_key, target_bucket_name, target_key });
    checkCopyNames(source_bucket_name, source_key, target_bucket_name, target_key);
    checkStringOptions('copy_object', options, ['etag', 'content_type', 'storage_class']);
    checkUserMetadata('copy_object', options?.user_metadata);
    return objectOps.copyObject(this.context, { bucket: source_bucket_name, key: source_key }, { bucket: target_bucket_name, key: target_key }, options);
  }

  async delete_object(bucket_name: string, key: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('delete_object', { bucket_name });
    checkArgument('delete_object', 'key', 'string', key);
    checkKey(key);
    return objectOps.deleteObject(this.context, bucket_name, key, options);
  }
}
