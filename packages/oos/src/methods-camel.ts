/**
 * The camelCase twins of the client methods (`putObject` for `put_object`):
 * the same functions, declared with the same documentation so that editors
 * show it on hover for either spelling (a mapped type loses it across
 * modules). test/hover-docs.test.ts checks that each twin's documentation
 * equals its snake_case method's, and client.ts that the signatures match.
 */
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

/** camelCase twins of S3Methods. */
export interface S3MethodsCamelCase {
  /**
   * Lists the buckets of the caller (OOS Python SDK §2.1.1, GET Service).
   * @returns `{ Buckets: [{ Name, CreationDate }], Owner: { DisplayName, ID } }`
   */
  listBuckets(params?: Abortable): Promise<ListBucketsOutput>;

  /**
   * Creates a bucket (OOS Python SDK §2.2.1): 3 to 63 lower-case letters, digits, `.` and `-`.
   * `CreateBucketConfiguration` takes boto3's dict (or ready-made XML text).
   * @returns `{ Location: '/<bucket>' }`; BucketAlreadyExists / BucketAlreadyOwnedByYou when taken.
   */
  createBucket(params: CreateBucketRequest & Abortable): Promise<CreateBucketOutput>;

  /**
   * Reads the bucket ACL (OOS Python SDK §2.2.2).
   * @returns `{ Owner, Grants: [{ Grantee: { ID, DisplayName, URI, Type }, Permission }] }`
   */
  getBucketAcl(params: BucketRequest & Abortable): Promise<GetBucketAclOutput>;

  /** Sets a canned bucket ACL: `private`, `public-read` or `public-read-write` (botocore's PutBucketAcl). */
  putBucketAcl(params: PutBucketAclRequest & Abortable): Promise<OosResponse>;

  /**
   * Lists objects, up to `MaxKeys` (1000) per call (OOS Python SDK §2.2.3, GET Bucket). For every page use
   * `get_paginator('list_objects')`. With `Delimiter: '/'`, folders come back in `CommonPrefixes`.
   * @returns `{ Contents?: [{ Key, LastModified, ETag, Size, StorageClass, Owner }], CommonPrefixes?, IsTruncated, NextMarker?, ... }`
   */
  listObjects(params: ListObjectsRequest & Abortable): Promise<ListObjectsOutput>;

  /** Deletes an empty bucket (OOS Python SDK §2.2.4); BucketNotEmpty (409) otherwise. */
  deleteBucket(params: BucketRequest & Abortable): Promise<OosResponse>;

  /**
   * Checks that the bucket exists and is accessible (OOS Python SDK §2.2.14). Rejects with a ClientError whose
   * `response.Error.Code` is `'404'` or `'403'` (a HEAD answer has no body), as botocore.
   */
  headBucket(params: BucketRequest & Abortable): Promise<OosResponse>;

  /** Sets the bucket policy from its JSON text (OOS Python SDK §2.2.5): `Policy: JSON.stringify(policy)`. */
  putBucketPolicy(params: PutBucketPolicyRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the bucket policy (OOS Python SDK §2.2.6).
   * @returns `{ Policy: '<json text>' }`; NoSuchPolicy (404) when there is none.
   */
  getBucketPolicy(params: BucketRequest & Abortable): Promise<GetBucketPolicyOutput>;

  /** Deletes the bucket policy (OOS Python SDK §2.2.7). */
  deleteBucketPolicy(params: BucketRequest & Abortable): Promise<OosResponse>;

  /** Turns static website hosting on: `{ IndexDocument: { Suffix }, ErrorDocument?: { Key } }` (OOS Python SDK §2.2.8). */
  putBucketWebsite(params: PutBucketWebsiteRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the website configuration (OOS Python SDK §2.2.9).
   * @returns `{ IndexDocument: { Suffix }, ErrorDocument?: { Key } }`
   */
  getBucketWebsite(params: BucketRequest & Abortable): Promise<GetBucketWebsiteOutput>;

  /** Turns static website hosting off (OOS Python SDK §2.2.10). */
  deleteBucketWebsite(params: BucketRequest & Abortable): Promise<OosResponse>;

  /**
   * Sets access logging (OOS Python SDK §2.2.12): `BucketLoggingStatus: { LoggingEnabled: { TargetBucket, TargetPrefix, ... } }`;
   * an empty `BucketLoggingStatus: {}` turns it off.
   */
  putBucketLogging(params: PutBucketLoggingRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the logging settings (OOS Python SDK §2.2.13).
   * @returns `{ LoggingEnabled?: { TargetBucket, TargetPrefix, TriggerTargetBucket, ... } }`, absent when off.
   */
  getBucketLogging(params: BucketRequest & Abortable): Promise<GetBucketLoggingOutput>;

  /**
   * Sets the replication triggers of the bucket, an OOS extension (OOS Python SDK §2.2.15):
   * `{ Triggers: [{ TriggerName, IsDefault, RemoteSite: { RemontEndPoint, RemoteBucketName, RemoteAK, RemoteSK } }] }`.
   * `RemoteSite` may be one object (as the OOS Python SDK docs pass it) or a list.
   */
  putBucketTrigger(params: PutBucketTriggerRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the bucket's triggers (OOS Python SDK §2.2.16).
   * @returns `{ Triggers: [{ TriggerName, IsDefault, RemoteSite?: {...}, RemoteSites?: [...] }] }`
   */
  getBucketTrigger(params: BucketRequest & Abortable): Promise<GetBucketTriggerOutput>;

  /** Deletes one trigger by name (OOS Python SDK §2.2.17). */
  deleteBucketTrigger(params: DeleteBucketTriggerRequest & Abortable): Promise<OosResponse>;

  /**
   * Sets expiration rules (OOS Python SDK §2.2.18), at most 100:
   * `{ Rules: [{ ID?, Prefix, Status: 'Enabled' | 'Disabled', Expiration: { Days } | { Date } }] }`.
   */
  putBucketLifecycle(params: PutBucketLifecycleRequest & Abortable): Promise<OosResponse>;

  /**
   * Reads the expiration rules (OOS Python SDK §2.2.19).
   * @returns `{ Rules: [{ ID, Prefix, Status, Expiration: { Days } | { Date } }] }`
   */
  getBucketLifecycle(params: BucketRequest & Abortable): Promise<GetBucketLifecycleOutput>;

  /** Deletes every expiration rule of the bucket (OOS Python SDK §2.2.20). */
  deleteBucketLifecycle(params: BucketRequest & Abortable): Promise<OosResponse>;

  /**
   * Uploads an object in one request, up to 5 GB (OOS Python SDK §2.3.1). `Body` is a string, bytes, a Blob or a stream
   * (a stream without `ContentLength` is read into memory first); `Metadata` values must be ASCII.
   * For large files use `upload_file`.
   * @returns `{ ETag, VersionId?, Expiration? }`
   */
  putObject(params: PutObjectRequest & Abortable): Promise<PutObjectOutput>;

  /**
   * Downloads an object (OOS Python SDK §2.3.2), or a `Range` of it.
   * @returns the object's headers (`ContentLength`, `ContentType`, `ETag`, `LastModified`, `Metadata`...) and `Body`:
   *   `await Body.read()` for all bytes, or `for await (const chunk of Body)`. NoSuchKey when missing.
   */
  getObject(params: GetObjectRequest & Abortable): Promise<GetObjectOutput>;

  /**
   * Reads an object's headers without its body (OOS Python SDK §2.3.3). A missing object rejects with a ClientError
   * whose `response.Error.Code` is `'404'`, as botocore.
   * @returns `{ ContentLength, ContentType, ETag, LastModified, Metadata, Expiration?, ... }`
   */
  headObject(params: HeadObjectRequest & Abortable): Promise<HeadObjectOutput>;

  /** Deletes an object (OOS Python SDK §2.3.4); succeeds when it does not exist. */
  deleteObject(params: ObjectRequest & Abortable): Promise<OosResponse>;

  /**
   * Copies an object server-side, up to 5 GB (OOS Python SDK §2.3.5): `CopySource: { Bucket, Key }` or `'bucket/key'`.
   * `MetadataDirective: 'REPLACE'` takes the headers and `Metadata` of this request. For larger objects use `copy`.
   * @returns `{ CopyObjectResult: { ETag, LastModified } }`
   */
  copyObject(params: CopyObjectRequest & Abortable): Promise<CopyObjectOutput>;

  /**
   * Deletes up to 1000 objects in one request (OOS Python SDK §2.3.12): `Delete: { Objects: [{ Key }], Quiet? }`.
   * @returns `{ Deleted?: [{ Key }], Errors?: [{ Key, Code, Message }] }`: check `Errors`, the call itself succeeds.
   */
  deleteObjects(params: DeleteObjectsRequest & Abortable): Promise<DeleteObjectsOutput>;

  /**
   * Reads an object's ACL (botocore's GetObjectAcl; not in the OOS Python SDK docs).
   * @returns `{ Owner, Grants }`, as get_bucket_acl.
   */
  getObjectAcl(params: ObjectRequest & Abortable): Promise<GetObjectAclOutput>;

  /** Sets a canned object ACL (botocore's PutObjectAcl; not in the OOS Python SDK docs). */
  putObjectAcl(params: PutObjectAclRequest & Abortable): Promise<OosResponse>;

  /**
   * Starts a multipart upload (OOS Python SDK §2.3.6), with the object's headers and `Metadata`.
   * @returns `{ Bucket, Key, UploadId }`
   */
  createMultipartUpload(params: CreateMultipartUploadRequest & Abortable): Promise<CreateMultipartUploadOutput>;

  /**
   * Uploads part `PartNumber` (1..10000) of an upload (OOS Python SDK §2.3.7); every part but the last must be at least 5 MB.
   * @returns `{ ETag }` for complete_multipart_upload.
   */
  uploadPart(params: UploadPartRequest & Abortable): Promise<UploadPartOutput>;

  /**
   * Copies a range of an existing object as one part (OOS Python SDK §2.3.11): `CopySource`, `CopySourceRange: 'bytes=0-5242879'`.
   * @returns `{ CopyPartResult: { ETag, LastModified } }`
   */
  uploadPartCopy(params: UploadPartCopyRequest & Abortable): Promise<UploadPartCopyOutput>;

  /**
   * Assembles the uploaded parts into the object (OOS Python SDK §2.3.8): `MultipartUpload: { Parts: [{ ETag, PartNumber }] }`.
   * Without `MultipartUpload` (as in the OOS Python SDK docs), every uploaded part is listed and used.
   * An error that OOS reports inside a 200 answer still rejects with ClientError.
   * @returns `{ Location, Bucket, Key, ETag }`
   */
  completeMultipartUpload(params: CompleteMultipartUploadRequest & Abortable): Promise<CompleteMultipartUploadOutput>;

  /** Abandons an upload and frees its parts (OOS Python SDK §2.3.9); NoSuchUpload when it is gone. */
  abortMultipartUpload(params: UploadRequest & Abortable): Promise<OosResponse>;

  /**
   * Lists the parts uploaded so far (OOS Python SDK §2.3.10), up to `MaxParts` per call; `get_paginator('list_parts')` for all.
   * @returns `{ Parts?: [{ PartNumber, ETag, Size, LastModified }], IsTruncated, NextPartNumberMarker?, ... }`
   */
  listParts(params: ListPartsRequest & Abortable): Promise<ListPartsOutput>;

  /**
   * Lists unfinished multipart uploads of a bucket (OOS Python SDK §2.2.11), up to `MaxUploads` per call;
   * `get_paginator('list_multipart_uploads')` for all.
   * @returns `{ Uploads?: [{ Key, UploadId, Initiated, ... }], CommonPrefixes?, IsTruncated, NextKeyMarker?, NextUploadIdMarker? }`
   */
  listMultipartUploads(params: ListMultipartUploadsRequest & Abortable): Promise<ListMultipartUploadsOutput>;
}

/** camelCase twins of IamMethods. */
export interface IamMethodsCamelCase {
  /**
   * Creates an access key for the caller (OOS Python SDK §2.4.1): `Body: encode_params({ Action: 'CreateAccessKey' })`.
   * @returns `{ AccessKey: { AccessKeyId, SecretAccessKey, Status, IsPrimary, UserName } }` and the same fields at the top level.
   */
  createAccessKey(params: IamRequest & Abortable): Promise<CreateAccessKeyOutput>;

  /** Deletes an access key (OOS Python SDK §2.4.2): `Body: encode_params({ Action: 'DeleteAccessKey', AccessKeyId })`. */
  deleteAccessKey(params: IamRequest & Abortable): Promise<OosResponse>;

  /**
   * Activates or deactivates a key, or makes it primary (OOS Python SDK §2.4.3):
   * `Body: encode_params({ Action: 'UpdateAccessKey', AccessKeyId, Status: 'Active' | 'Inactive', IsPrimary })`.
   */
  updateAccessKey(params: IamRequest & Abortable): Promise<OosResponse>;

  /**
   * Lists the caller's access keys (OOS Python SDK §2.4.4): `Body: encode_params({ Action: 'ListAccessKey', MaxItems, Marker })`.
   * @returns `{ AccessKeyMetadata: [{ AccessKeyId, Status, IsPrimary, ... }], IsTruncated, Marker? }`
   */
  listAccessKey(params: IamRequest & Abortable): Promise<ListAccessKeyOutput>;
}
