/**
 * The client methods as declared types, one documented signature per seed
 * method (and per boto3 helper). They are written out (not mapped from the
 * operation table) so that every method shows its documentation on hover;
 * client.ts merges them onto the client classes and checks at compile time
 * that each signature matches its table entry. The camelCase twins
 * (methods-camel.ts, iam-methods-camel.ts) are generated from these docs by
 * `pnpm twin-docs` (twin-docs.json).
 *
 * Every method takes one parameter object with boto3's PascalCase names
 * (plus `AbortSignal`), checks it before sending (ParamValidationError),
 * resolves to boto3's response dict with `ResponseMetadata`, and rejects
 * with ClientError (or a modeled subclass such as NoSuchKey) for an error
 * answer and NetworkError when no answer came.
 */
import type { CamelCase } from '@yunstore/core';
import type { CreateAccessKeyOutput, IamRequest, ListAccessKeyOutput } from './iam.ts';
import type {
  BucketRequest,
  CreateBucketOutput,
  CreateBucketRequest,
  GetBucketAclOutput,
  ListBucketsOutput,
  ListObjectsOutput,
  ListObjectsRequest,
  PutBucketAclRequest,
} from './operations/bucket.ts';
import type {
  DeleteBucketTriggerRequest,
  GetBucketLifecycleOutput,
  GetBucketLoggingOutput,
  GetBucketPolicyOutput,
  GetBucketTriggerOutput,
  GetBucketWebsiteOutput,
  PutBucketLifecycleRequest,
  PutBucketLoggingRequest,
  PutBucketPolicyRequest,
  PutBucketTriggerRequest,
  PutBucketWebsiteRequest,
} from './operations/config.ts';
import type { Abortable } from './operations/define.ts';
import type {
  CompleteMultipartUploadOutput,
  CompleteMultipartUploadRequest,
  CreateMultipartUploadOutput,
  CreateMultipartUploadRequest,
  ListMultipartUploadsOutput,
  ListMultipartUploadsRequest,
  ListPartsOutput,
  ListPartsRequest,
  UploadPartCopyOutput,
  UploadPartCopyRequest,
  UploadPartOutput,
  UploadPartRequest,
  UploadRequest,
} from './operations/multipart.ts';
import type {
  CopyObjectOutput,
  CopyObjectRequest,
  DeleteObjectsOutput,
  DeleteObjectsRequest,
  GetObjectAclOutput,
  GetObjectOutput,
  GetObjectRequest,
  HeadObjectOutput,
  HeadObjectRequest,
  ObjectRequest,
  PutObjectAclRequest,
  PutObjectOutput,
  PutObjectRequest,
} from './operations/object.ts';
import type { OosResponse } from './operations/shape.ts';
import type { GetPaginatorMethod } from './paginate.ts';
import type { GeneratePresignedUrlMethod } from './presign.ts';
import type { CopyMethod, DownloadFileMethod, DownloadFileobjMethod, UploadFileMethod, UploadFileobjMethod } from './transfer.ts';

/** The S3 operations of the OOS Python SDK (and botocore's bucket/object ACL setters), under their snake_case names. */
export interface S3Methods {
  // ---- service and buckets ----

  /**
   * Lists the buckets of the caller (OOS Python SDK §2.1.1, GET Service).
   * @returns `{ Buckets: [{ Name, CreationDate }], Owner: { DisplayName, ID } }`
   */
  list_buckets(params?: Abortable): Promise<ListBucketsOutput>;

  /**
   * Creates a bucket (OOS Python SDK §2.2.1): 3 to 63 lower-case letters, digits, `.` and `-`.
   * `CreateBucketConfiguration` takes boto3's dict (or ready-made XML text).
   * @returns `{ Location: '/<bucket>' }`; BucketAlreadyExists / BucketAlreadyOwnedByYou when taken.
   */
  create_bucket(params: CreateBucketRequest & Abortable): Promise<CreateBucketOutput>;

  /**
   * Reads the bucket ACL (OOS Python SDK §2.2.2).
   * @returns `{ Owner, Grants: [{ Grantee: { ID, DisplayName, URI, Type }, Permission }] }`
   */
  get_bucket_acl(params: BucketRequest & Abortable): Promise<GetBucketAclOutput>;

  /** Sets a canned bucket ACL: `private`, `public-read` or `public-read-write` (botocore's PutBucketAcl). */
  put_bucket_acl(params: PutBucketAclRequest & Abortable): Promise<OosResponse>;

  /**
   * Lists objects, up to `MaxKeys` (1000) per call (OOS Python SDK §2.2.3, GET Bucket). For every page use
   * `get_paginator('list_objects')`. With `Delimiter: '/'`, folders come back in `CommonPrefixes`.
   * @returns `{ Contents?: [{ Key, LastModified, ETag, Size, StorageClass, Owner }], CommonPrefixes?, IsTruncated, NextMarker?, ... }`
   */
  list_objects(params: ListObjectsRequest & Abortable): Promise<ListObjectsOutput>;

  /** Deletes an empty bucket (OOS Python SDK §2.2.4); BucketNotEmpty (409) otherwise. */
  delete_bucket(params: BucketRequest & Abortable): Promise<OosResponse>;

  /**
   * Checks that the bucket exists and is accessible (OOS Python SDK §2.2.14). Rejects with a ClientError whose
   * `response.Error.Code` is `'404'` or `'403'` (a HEAD answer has no body), as botocore.
   */
  head_bucket(params: BucketRequest & Abortable): Promise<OosResponse>;

  // ---- bucket configuration ----

  /** Sets the bucket policy from its JSON text (OOS Python SDK §2.2.5): `Policy: JSON.stringify(policy)`. */
  put_bucket_policy(params: PutBucketPolicyRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the bucket policy (OOS Python SDK §2.2.6).
   * @returns `{ Policy: '<json text>' }`; NoSuchPolicy (404) when there is none.
   */
  get_bucket_policy(params: BucketRequest & Abortable): Promise<GetBucketPolicyOutput>;

  /** Deletes the bucket policy (OOS Python SDK §2.2.7). */
  delete_bucket_policy(params: BucketRequest & Abortable): Promise<OosResponse>;

  /** Turns static website hosting on: `{ IndexDocument: { Suffix }, ErrorDocument?: { Key } }` (OOS Python SDK §2.2.8). */
  put_bucket_website(params: PutBucketWebsiteRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the website configuration (OOS Python SDK §2.2.9).
   * @returns `{ IndexDocument: { Suffix }, ErrorDocument?: { Key } }`
   */
  get_bucket_website(params: BucketRequest & Abortable): Promise<GetBucketWebsiteOutput>;

  /** Turns static website hosting off (OOS Python SDK §2.2.10). */
  delete_bucket_website(params: BucketRequest & Abortable): Promise<OosResponse>;

  /**
   * Sets access logging (OOS Python SDK §2.2.12): `BucketLoggingStatus: { LoggingEnabled: { TargetBucket, TargetPrefix, ... } }`;
   * an empty `BucketLoggingStatus: {}` turns it off.
   */
  put_bucket_logging(params: PutBucketLoggingRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the logging settings (OOS Python SDK §2.2.13).
   * @returns `{ LoggingEnabled?: { TargetBucket, TargetPrefix, TriggerTargetBucket, ... } }`, absent when off.
   */
  get_bucket_logging(params: BucketRequest & Abortable): Promise<GetBucketLoggingOutput>;

  /**
   * Sets the replication triggers of the bucket, an OOS extension (OOS Python SDK §2.2.15):
   * `{ Triggers: [{ TriggerName, IsDefault, RemoteSite: { RemontEndPoint, RemoteBucketName, RemoteAK, RemoteSK } }] }`.
   * `RemoteSite` may be one object (as the OOS Python SDK docs pass it) or a list.
   */
  put_bucket_trigger(params: PutBucketTriggerRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the bucket's triggers (OOS Python SDK §2.2.16).
   * @returns `{ Triggers: [{ TriggerName, IsDefault, RemoteSite?: {...}, RemoteSites?: [...] }] }`
   */
  get_bucket_trigger(params: BucketRequest & Abortable): Promise<GetBucketTriggerOutput>;

  /** Deletes one trigger by name (OOS Python SDK §2.2.17). */
  delete_bucket_trigger(params: DeleteBucketTriggerRequest & Abortable): Promise<OosResponse>;

  /**
   * Sets expiration rules (OOS Python SDK §2.2.18), at most 100:
   * `{ Rules: [{ ID?, Prefix, Status: 'Enabled' | 'Disabled', Expiration: { Days } | { Date } }] }`.
   */
  put_bucket_lifecycle(params: PutBucketLifecycleRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the expiration rules (OOS Python SDK §2.2.19).
   * @returns `{ Rules: [{ ID, Prefix, Status, Expiration: { Days } | { Date } }] }`
   */
  get_bucket_lifecycle(params: BucketRequest & Abortable): Promise<GetBucketLifecycleOutput>;

  /** Deletes every expiration rule of the bucket (OOS Python SDK §2.2.20). */
  delete_bucket_lifecycle(params: BucketRequest & Abortable): Promise<OosResponse>;

  // ---- objects ----

  /**
   * Uploads an object in one request, up to 5 GB (OOS Python SDK §2.3.1). `Body` is a string, bytes, a Blob or a stream
   * (a stream without `ContentLength` is read into memory first); `Metadata` values must be ASCII.
   * For large files use `upload_file`.
   * @returns `{ ETag, VersionId?, Expiration? }`
   */
  put_object(params: PutObjectRequest & Abortable): Promise<PutObjectOutput>;

  /**
   * Downloads an object (OOS Python SDK §2.3.2), or a `Range` of it.
   * @returns the object's headers (`ContentLength`, `ContentType`, `ETag`, `LastModified`, `Metadata`...) and `Body`:
   *   `await Body.read()` for all bytes, or `for await (const chunk of Body)`. NoSuchKey when missing.
   */
  get_object(params: GetObjectRequest & Abortable): Promise<GetObjectOutput>;

  /**
   * Reads an object's headers without its body (OOS Python SDK §2.3.3). A missing object rejects with a ClientError
   * whose `response.Error.Code` is `'404'`, as botocore.
   * @returns `{ ContentLength, ContentType, ETag, LastModified, Metadata, Expiration?, ... }`
   */
  head_object(params: HeadObjectRequest & Abortable): Promise<HeadObjectOutput>;

  /** Deletes an object (OOS Python SDK §2.3.4); succeeds when it does not exist. */
  delete_object(params: ObjectRequest & Abortable): Promise<OosResponse>;

  /**
   * Copies an object server-side, up to 5 GB (OOS Python SDK §2.3.5): `CopySource: { Bucket, Key }` or `'bucket/key'`.
   * `MetadataDirective: 'REPLACE'` takes the headers and `Metadata` of this request. For larger objects use `copy`.
   * @returns `{ CopyObjectResult: { ETag, LastModified } }`
   */
  copy_object(params: CopyObjectRequest & Abortable): Promise<CopyObjectOutput>;

  /**
   * Deletes up to 1000 objects in one request (OOS Python SDK §2.3.12): `Delete: { Objects: [{ Key }], Quiet? }`.
   * @returns `{ Deleted?: [{ Key }], Errors?: [{ Key, Code, Message }] }`: check `Errors`, the call itself succeeds.
   */
  delete_objects(params: DeleteObjectsRequest & Abortable): Promise<DeleteObjectsOutput>;

  /**
   * Reads an object's ACL (botocore's GetObjectAcl; not in the OOS Python SDK docs).
   * @returns `{ Owner, Grants }`, as get_bucket_acl.
   */
  get_object_acl(params: ObjectRequest & Abortable): Promise<GetObjectAclOutput>;

  /** Sets a canned object ACL (botocore's PutObjectAcl; not in the OOS Python SDK docs). */
  put_object_acl(params: PutObjectAclRequest & Abortable): Promise<OosResponse>;

  // ---- multipart upload ----

  /**
   * Starts a multipart upload (OOS Python SDK §2.3.6), with the object's headers and `Metadata`.
   * @returns `{ Bucket, Key, UploadId }`
   */
  create_multipart_upload(params: CreateMultipartUploadRequest & Abortable): Promise<CreateMultipartUploadOutput>;

  /**
   * Uploads part `PartNumber` (1..10000) of an upload (OOS Python SDK §2.3.7); every part but the last must be at least 5 MB.
   * @returns `{ ETag }` for complete_multipart_upload.
   */
  upload_part(params: UploadPartRequest & Abortable): Promise<UploadPartOutput>;

  /**
   * Copies a range of an existing object as one part (OOS Python SDK §2.3.11): `CopySource`, `CopySourceRange: 'bytes=0-5242879'`.
   * @returns `{ CopyPartResult: { ETag, LastModified } }`
   */
  upload_part_copy(params: UploadPartCopyRequest & Abortable): Promise<UploadPartCopyOutput>;

  /**
   * Assembles the uploaded parts into the object (OOS Python SDK §2.3.8): `MultipartUpload: { Parts: [{ ETag, PartNumber }] }`.
   * Without `MultipartUpload` (as in the OOS Python SDK docs), every uploaded part is listed and used.
   * An error that OOS reports inside a 200 answer still rejects with ClientError.
   * @returns `{ Location, Bucket, Key, ETag }`
   */
  complete_multipart_upload(params: CompleteMultipartUploadRequest & Abortable): Promise<CompleteMultipartUploadOutput>;

  /** Abandons an upload and frees its parts (OOS Python SDK §2.3.9); NoSuchUpload when it is gone. */
  abort_multipart_upload(params: UploadRequest & Abortable): Promise<OosResponse>;

  /**
   * Lists the parts uploaded so far (OOS Python SDK §2.3.10), up to `MaxParts` per call; `get_paginator('list_parts')` for all.
   * @returns `{ Parts?: [{ PartNumber, ETag, Size, LastModified }], IsTruncated, NextPartNumberMarker?, ... }`
   */
  list_parts(params: ListPartsRequest & Abortable): Promise<ListPartsOutput>;

  /**
   * Lists unfinished multipart uploads of a bucket (OOS Python SDK §2.2.11), up to `MaxUploads` per call;
   * `get_paginator('list_multipart_uploads')` for all.
   * @returns `{ Uploads?: [{ Key, UploadId, Initiated, ... }], CommonPrefixes?, IsTruncated, NextKeyMarker?, NextUploadIdMarker? }`
   */
  list_multipart_uploads(params: ListMultipartUploadsRequest & Abortable): Promise<ListMultipartUploadsOutput>;
}

/**
 * boto3's client helpers beside the S3 operations: paginators, presigned URLs and the managed transfers.
 * Most take boto3's positional arguments or one object, so they are declared by their overloaded call types.
 */
export interface S3HelperMethods {
  /** boto3's `can_paginate(operation_name)`: whether `get_paginator(operation_name)` exists. */
  can_paginate(operation_name: string): boolean;

  /**
   * boto3's `get_paginator(operation_name)`: every page of `list_objects`, `list_multipart_uploads`,
   * `list_parts` or `list_buckets`, as an async iterable (either spelling of the name works: `'listObjects'`).
   *
   * ```ts
   * for await (const page of client.get_paginator('list_objects').paginate({ Bucket, Prefix: 'logs/', PaginationConfig: { PageSize: 500 } })) {
   *   for (const obj of page.Contents ?? []) console.log(obj.Key);
   * }
   * ```
   * Another name throws OperationNotPageableError, as botocore.
   */
  readonly get_paginator: GetPaginatorMethod;

  /** `generate_presigned_url(ClientMethod, Params?, ExpiresIn = 3600, HttpMethod?)` → the URL (synchronous, as boto3). */
  readonly generate_presigned_url: GeneratePresignedUrlMethod;

  // ---- boto3's managed transfers (src/transfer.ts, over @yunstore/transfer) ----

  /** `upload_file(Filename, Bucket, Key, ExtraArgs?, Callback?, Config?)` or `upload_file({ Filename, Bucket, Key, ... })`. Multipart from `Config.multipart_threshold` (8 MiB). */
  readonly upload_file: UploadFileMethod;

  /** `download_file(Bucket, Key, Filename, ExtraArgs?, Callback?, Config?)`: concurrent ranged GETs into a temp file renamed on success. */
  readonly download_file: DownloadFileMethod;

  /** `upload_fileobj(Fileobj, Bucket, Key, ExtraArgs?, Callback?, Config?)`: any stream, length unknown is fine. */
  readonly upload_fileobj: UploadFileobjMethod;

  /** `download_fileobj(Bucket, Key, Fileobj, ExtraArgs?, Callback?, Config?)`: bytes written in order into a Writable. */
  readonly download_fileobj: DownloadFileobjMethod;

  /** `copy(CopySource, Bucket, Key, ExtraArgs?, Callback?, SourceClient?, Config?)`: server-side, multipart from `multipart_threshold`. */
  readonly copy: CopyMethod;
}

/**
 * The access-key calls of `oos.client('iam', ...)` (OOS Python SDK §2.4). Each takes `Body`: the form built with
 * `encode_params({ Action, ... })` as the OOS Python SDK does, or the plain object; `Action` is filled in when missing.
 */
export interface IamMethods {
  /**
   * Creates an access key for the caller (OOS Python SDK §2.4.1): `Body: encode_params({ Action: 'CreateAccessKey' })`.
   * @returns `{ AccessKey: { AccessKeyId, SecretAccessKey, Status, IsPrimary, UserName } }` and the same fields at the top level.
   */
  create_access_key(params: IamRequest & Abortable): Promise<CreateAccessKeyOutput>;

  /** Deletes an access key (OOS Python SDK §2.4.2): `Body: encode_params({ Action: 'DeleteAccessKey', AccessKeyId })`. */
  delete_access_key(params: IamRequest & Abortable): Promise<OosResponse>;

  /**
   * Activates or deactivates a key, or makes it primary (OOS Python SDK §2.4.3):
   * `Body: encode_params({ Action: 'UpdateAccessKey', AccessKeyId, Status: 'Active' | 'Inactive', IsPrimary })`.
   */
  update_access_key(params: IamRequest & Abortable): Promise<OosResponse>;

  /**
   * Lists the caller's access keys (OOS Python SDK §2.4.4): `Body: encode_params({ Action: 'ListAccessKey', MaxItems, Marker })`.
   * @returns `{ AccessKeyMetadata: [{ AccessKeyId, Status, IsPrimary, ... }], IsTruncated, Marker? }`
   */
  list_access_key(params: IamRequest & Abortable): Promise<ListAccessKeyOutput>;
}

/** The camelCase twin of every method of `T` (`put_object` → `putObject`), without the docs (methods-camel.ts has them). */
export type CamelCaseMethods<T> = { [K in keyof T & string as CamelCase<K>]: T[K] };
