/**
 * The bucket and object half of `BosClient` (the multipart half and the
 * camelCase aliases are in `client.ts`). Each method validates its arguments
 * once, here, then forwards to `operations/*`.
 */
import type { BodyInput } from '@yunstore/core';
import { bindMethods } from '@yunstore/core';
import { splitOptional } from './args.ts';
import type { BceClientConfiguration } from './config.ts';
import { BosContext, type CallOptions } from './http.ts';
import * as bucketOps from './operations/bucket.ts';
import * as objectOps from './operations/object.ts';
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
import { CANNED_ACLS, type CannedAcl } from './canned_acl.ts';
import { ValueError } from './errors.ts';
import { checkDestinationFile } from './local-paths.ts';
import { checkOptions } from './options.ts';
import { checkProgressCallback, type ProgressCallback } from './progress.ts';

type ListObjectsOptions = bucketOps.ListObjectsArgs & CallOptions;
type PrefixOptions = { prefix?: string; delimiter?: string } & CallOptions;
type RangeOptions = { range?: objectOps.ByteRangeArg } & CallOptions;
type ToFileOptions = RangeOptions & { progress_callback?: ProgressCallback };
/** `encoding`: how the bytes become a string (default `'utf8'`); see `BytesOptions` for the bytes themselves. */
type AsStringOptions = RangeOptions & { encoding?: BufferEncoding };
/** `encoding: null`: the body as a Buffer, as Python 3 returns bytes. */
type BytesOptions = RangeOptions & { encoding: null };
type PresignOptions = objectOps.PresignOptions & { timestamp?: number; expiration_in_seconds?: number };
type FromStringOptions = objectOps.PutObjectOptions & { content_md5?: string };
type FromFileOptions = objectOps.PutObjectOptions & { content_md5?: string; content_length?: number };

/**
 * The checks every bucket/object method starts with: the seed's argument
 * table, BOS naming rules, and (with `options`) Python's refusal of unknown
 * keyword arguments.
 */
export function bucketAndKey(method: string, args: Record<string, unknown>, options?: unknown): void {
  checkOptions(method, options);
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

export class BosObjectMethods {
  /** Shared per-client state; `src/transfer.ts` builds on the same context. */
  readonly context: BosContext;

  /** `BosClient(config)`, as in Python: `new BosClient(new BceClientConfiguration({credentials, endpoint}))`. */
  constructor(config: BceClientConfiguration) {
    if (typeof config !== 'object' || config === null) throw new TypeError('BosClient(config): config should be a BceClientConfiguration');
    this.context = new BosContext(config);
    // `const f = client.put_object_from_string; await f(...)` works, as a bound method does in Python.
    bindMethods(this);
  }

  /** The client's `BceClientConfiguration`; its fields may be changed between calls, as in Python. */
  get config(): BceClientConfiguration {
    return this.context.config;
  }

  /** Closes the pooled connections (later calls open new ones). */
  async close(): Promise<void> {
    await this.context.close();
  }

  // ---- buckets -------------------------------------------------------------

  /** Every bucket of the account: `response.buckets[i].{name, location, creation_date}` and `response.owner`. */
  async list_buckets(options?: CallOptions): Promise<bucketOps.ListBucketsResponse> {
    checkOptions('list_buckets', options);
    return bucketOps.listBuckets(this.context, options);
  }

  /** Creates a bucket (3-63 lowercase letters, digits and `-`); 409 `BucketAlreadyExists` if the name is taken. */
  async create_bucket(bucket_name: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('create_bucket', { bucket_name }, options);
    return bucketOps.createBucket(this.context, bucket_name, options);
  }

  /** `true` when the bucket exists (also when it belongs to another account: 403), `false` on 404. */
  async does_bucket_exist(bucket_name: string, options?: CallOptions): Promise<boolean> {
    bucketAndKey('does_bucket_exist', { bucket_name }, options);
    return bucketOps.doesBucketExist(this.context, bucket_name, options);
  }

  /** Deletes an empty bucket; 409 `BucketNotEmpty` while objects remain. */
  async delete_bucket(bucket_name: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('delete_bucket', { bucket_name }, options);
    return bucketOps.deleteBucket(this.context, bucket_name, options);
  }

  /** Sets a canned ACL: `canned_acl.PRIVATE`, `PUBLIC_READ` or `PUBLIC_READ_WRITE` (`'private'`, `'public-read'`, `'public-read-write'`). */
  async set_bucket_canned_acl(bucket_name: string, canned_acl: CannedAcl, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('set_bucket_canned_acl', { bucket_name, canned_acl }, options);
    if (!(CANNED_ACLS as readonly string[]).includes(canned_acl)) {
      throw new ValueError(`set_bucket_canned_acl: arg "canned_acl" should be one of ${CANNED_ACLS.join(', ')}, got "${canned_acl}"`);
    }
    return bucketOps.setBucketCannedAcl(this.context, bucket_name, canned_acl, options);
  }

  /**
   * Replaces the bucket's ACL with `acl`: a list of (or one) `{grantee: [{id}], permission: ['READ' | 'WRITE' | 'FULL_CONTROL']}`.
   * `get_bucket_acl(...).access_control_list` can be passed back unchanged.
   */
  async set_bucket_acl(bucket_name: string, acl: bucketOps.BosGrant[] | bucketOps.BosGrant, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('set_bucket_acl', { bucket_name, acl }, options);
    checkGrants('set_bucket_acl', acl);
    return bucketOps.setBucketAcl(this.context, bucket_name, acl, options);
  }

  /** The bucket's ACL: `response.owner.id` and `response.access_control_list[i].{grantee[j].id, permission}`. */
  async get_bucket_acl(bucket_name: string, options?: CallOptions): Promise<bucketOps.GetBucketAclResponse> {
    bucketAndKey('get_bucket_acl', { bucket_name }, options);
    return bucketOps.getBucketAcl(this.context, bucket_name, options);
  }

  /** Returns the region string (`'bj'`), as Python does. */
  async get_bucket_location(bucket_name: string, options?: CallOptions): Promise<string> {
    checkOptions('get_bucket_location', options);
    checkArgument('get_bucket_location', 'bucket_name', 'string', bucket_name);
    checkBucketName(bucket_name);
    return (await bucketOps.getBucketLocation(this.context, bucket_name, options)).location_constraint;
  }

  // ---- listing ---------------------------------------------------------------

  /**
   * One page (up to `max_keys`, default 1000) of the bucket's objects. Python order:
   * `(bucket_name, max_keys=1000, prefix=None, marker=None, delimiter=None)`; the optional
   * ones may also go in the options object. Continue with `marker: response.next_marker`.
   */
  async list_objects(
    bucket_name: string,
    max_keys?: number | ListObjectsOptions,
    prefix?: string | ListObjectsOptions,
    marker?: string | ListObjectsOptions,
    delimiter?: string | ListObjectsOptions,
    options?: ListObjectsOptions,
  ): Promise<bucketOps.ListObjectsResponse> {
    const { options: o } = splitOptional<ListObjectsOptions>(['max_keys', 'prefix', 'marker', 'delimiter'], [max_keys, prefix, marker, delimiter, options]);
    bucketAndKey('list_objects', { bucket_name }, o);
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
    const { options: o } = splitOptional<PrefixOptions>(['prefix', 'delimiter'], [prefix, delimiter, options]);
    bucketAndKey('list_all_objects', { bucket_name }, o);
    checkStringOptions('list_all_objects', o, ['prefix', 'delimiter']);
    return bucketOps.listAllObjects(this.context, bucket_name, o, o);
  }

  // ---- objects ---------------------------------------------------------------

  /**
   * Uploads `content_length` bytes of `data` (a stream, Buffer or string) in one PUT (at most 5 GiB);
   * `content_md5` is their base64 MD5 (the seed's table requires it). The new ETag is `response.metadata.e_tag`.
   */
  async put_object(
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
    return objectOps.putObject(this.context, bucket_name, key, body, content_md5, options);
  }

  /**
   * Uploads a string (sent as UTF-8) or bytes (a Buffer or Uint8Array, sent as they are), as Python's
   * `str` / `bytes`. Length and MD5 are computed; the new ETag is `response.metadata.e_tag`.
   */
  async put_object_from_string(bucket_name: string, key: string, data: string | Uint8Array, options?: FromStringOptions): Promise<objectOps.PutObjectResponse> {
    // An empty string is a valid (empty) object; only a missing one is a ValueError. Bytes pass the table's "string" row too.
    const asText = data instanceof Uint8Array || data === '' ? ' ' : data;
    bucketAndKey('put_object_from_string', { bucket_name, key, data: asText }, options);
    checkPutOptions('put_object_from_string', options);
    if (Buffer.byteLength(data) > MAX_PUT_OBJECT_LENGTH) throw new ValueError('put_object_from_string: data is larger than 5 GiB');
    return objectOps.putObjectFromString(this.context, bucket_name, key, data, options);
  }

  /**
   * Uploads a local file in one PUT (at most 5 GiB; larger files: `upload_file`). Length and MD5 are
   * computed and the content type guessed from the extension unless given.
   */
  async put_object_from_file(bucket_name: string, key: string, file_name: string, options?: FromFileOptions): Promise<objectOps.PutObjectResponse> {
    bucketAndKey('put_object_from_file', { bucket_name, key, file_name }, options);
    checkPutOptions('put_object_from_file', options);
    checkOptionalInt('put_object_from_file', 'content_length', options?.content_length, 0, MAX_PUT_OBJECT_LENGTH);
    return objectOps.putObjectFromFile(this.context, bucket_name, key, file_name, options);
  }

  /** `range` is inclusive `[first, last]`. The body is a stream in `response.data`; headers in `response.metadata`. */
  async get_object(
    bucket_name: string,
    key: string,
    range?: objectOps.ByteRangeArg | RangeOptions,
    options?: RangeOptions,
  ): Promise<objectOps.GetObjectResponse> {
    const { options: o } = splitOptional<RangeOptions>(['range'], [range, options]);
    bucketAndKey('get_object', { bucket_name, key }, o);
    return objectOps.getObject(this.context, bucket_name, key, checkRangeArg('get_object', o.range), o);
  }

  /**
   * The object's body (or the inclusive `range` `[first, last]` of it) decoded as UTF-8; with
   * `encoding: null`, the bytes as a Buffer (what Python 3's `get_object_as_string` returns).
   * Read whole in the attempt: a body cut midway is fetched again.
   */
  async get_object_as_string(bucket_name: string, key: string, range: objectOps.ByteRangeArg | null | undefined, options: BytesOptions): Promise<Buffer>;
  async get_object_as_string(bucket_name: string, key: string, options: BytesOptions): Promise<Buffer>;
  async get_object_as_string(bucket_name: string, key: string, range?: objectOps.ByteRangeArg | AsStringOptions, options?: AsStringOptions): Promise<string>;
  async get_object_as_string(
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
    const bytes = await objectOps.getObjectBytes(this.context, bucket_name, key, checkRangeArg('get_object_as_string', o.range), o);
    return o.encoding === null ? bytes : bytes.toString(o.encoding ?? 'utf8');
  }

  /**
   * Streams the object (or the inclusive `range`) into `file_name` through a temporary file, renamed
   * when complete. The destination is checked before the request: a folder, or a file in a missing
   * or read-only folder, is refused with `BceInvalidArgumentError`.
   */
  async get_object_to_file(
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
    return objectOps.getObjectToFile(this.context, bucket_name, key, file_name, byteRange, o);
  }

  /**
   * HEAD object. The headers are in `metadata` (Python); the three fields the
   * seed lists for this call (`content_length`, `e_tag`, `bce_meta`) are also
   * on the response itself, since the seed's table names them there. A missing
   * object fails with `code` `'NoSuchKey'`.
   */
  async get_object_meta_data(bucket_name: string, key: string, options?: CallOptions): Promise<objectOps.GetObjectMetaDataResponse> {
    bucketAndKey('get_object_meta_data', { bucket_name, key }, options);
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
    return objectOps.generatePreSignedUrl(this.context, bucket_name, key, ts, expiration, o);
  }

  /**
   * Server-side copy of one object (up to 5 GiB; larger: `copy`). Metadata is copied unless
   * `user_metadata` is given; `etag` makes the copy conditional on the source's ETag.
   */
  async copy_object(
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
    return objectOps.copyObject(this.context, { bucket: source_bucket_name, key: source_key }, { bucket: target_bucket_name, key: target_key }, options);
  }

  /** Deletes one object; a key that does not exist fails with 404 `NoSuchKey`. */
  async delete_object(bucket_name: string, key: string, options?: CallOptions): Promise<BosResponse> {
    bucketAndKey('delete_object', { bucket_name }, options);
    checkArgument('delete_object', 'key', 'string', key);
    checkKey(key);
    return objectOps.deleteObject(this.context, bucket_name, key, options);
  }
}
