import { toParams } from './args.ts';
import type { CosMethod, Kw } from './client-types.ts';
import { CosConfig, type CosConfigOptions } from './config.ts';
import { CosContext, toClientError } from './context.ts';
import * as acl from './operations/acl.ts';
import * as bucket from './operations/bucket.ts';
import * as cfg from './operations/bucket-config.ts';
import * as copy from './operations/copy.ts';
import * as listing from './operations/listing.ts';
import * as mp from './operations/multipart.ts';
import * as obj from './operations/object.ts';
import * as batch from './operations/object-batch.ts';
import * as presign from './operations/presign.ts';
import * as select from './operations/select.ts';
import * as versioning from './operations/versioning.ts';
import * as transfer from './transfer.ts';
import * as folder from './transfer-folder.ts';
import type { ProgressCallback } from '@yunstore/transfer';
import type { BucketParams, HeaderDict, ObjectParams } from './operations/params.ts';

type Op<R> = (ctx: CosContext, params: Record<string, unknown>) => Promise<R> | R;
type B<P> = Kw<P, 'Bucket' & keyof P>;
type BK<P> = Kw<P, ('Bucket' | 'Key') & keyof P>;

/**
 * `CosS3Client(config)`: every method of the COS Python SDK v5 under its
 * Python name and its camelCase name (the same function). Each takes one
 * params object (`{Bucket, Key, ...}`, plus `signal` to abort) or the Python
 * positional order; each returns a Promise of the dict the seed documents.
 * Bad arguments reject with CosClientError before any request is sent; COS
 * errors reject with CosServiceError.
 */
export class CosS3Client {
  readonly config: CosConfig;
  readonly #ctx: CosContext;

  constructor(config: CosConfig | CosConfigOptions) {
    this.config = config instanceof CosConfig ? config : new CosConfig(config);
    this.#ctx = new CosContext(this.config);
  }

  #bind<R>(name: string, order: readonly string[], op: Op<R>): (...args: unknown[]) => Promise<R> {
    return async (...args: unknown[]): Promise<R> => {
      try {
        return await op(this.#ctx, toParams(name, args, order));
      } catch (error) {
        throw toClientError(error, name);
      }
    };
  }

  // --- buckets -------------------------------------------------------------
  /** `create_bucket(Bucket, **kwargs)` → undefined (Python None). */
  readonly create_bucket: CosMethod<bucket.CreateBucketParams, void, [Bucket: string, kwargs?: B<bucket.CreateBucketParams>]> = this.#bind(
    'create_bucket',
    ['Bucket'],
    bucket.createBucket,
  );
  /** `delete_bucket(Bucket)` → undefined; the bucket must be empty. */
  readonly delete_bucket: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'delete_bucket',
    ['Bucket'],
    bucket.deleteBucket,
  );
  /** `head_bucket(Bucket)` → response headers. */
  readonly head_bucket: CosMethod<BucketParams, HeaderDict, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'head_bucket',
    ['Bucket'],
    bucket.headBucket,
  );
  /** `bucket_exists(Bucket)` → boolean. */
  readonly bucket_exists: CosMethod<BucketParams, boolean, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'bucket_exists',
    ['Bucket'],
    bucket.bucketExists,
  );
  /** `list_buckets()` → `{Owner, Buckets: {Bucket: [...]}}`. */
  readonly list_buckets: CosMethod<bucket.ListBucketsParams | undefined, bucket.ListBucketsResponse, [TagKey?: string, TagValue?: string, Region?: string]> =
    this.#bind('list_buckets', ['TagKey', 'TagValue', 'Region'], bucket.listBuckets);

  /** `put_bucket_acl(Bucket, AccessControlPolicy={}, **kwargs)` → undefined. */
  readonly put_bucket_acl: CosMethod<
    acl.PutBucketAclParams,
    void,
    [Bucket: string, AccessControlPolicy?: acl.AccessControlPolicy, kwargs?: B<acl.PutBucketAclParams>]
  > = this.#bind('put_bucket_acl', ['Bucket', 'AccessControlPolicy'], acl.putBucketAcl);
  /** `get_bucket_acl(Bucket)` → `{Owner, Grant: [...], AccessControlList: {Grant: [...]}, CannedACL}`. */
  readonly get_bucket_acl: CosMethod<BucketParams, acl.GetAclResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'get_bucket_acl',
    ['Bucket'],
    acl.getBucketAcl,
  );
  /** `put_bucket_cors(Bucket, CORSConfiguration={CORSRule: [...]})` → undefined. */
  readonly put_bucket_cors: CosMethod<
    cfg.PutBucketCorsParams,
    void,
    [Bucket: string, CORSConfiguration: cfg.PutBucketCorsParams['CORSConfiguration'], kwargs?: B<cfg.PutBucketCorsParams>]
  > = this.#bind('put_bucket_cors', ['Bucket', 'CORSConfiguration'], cfg.putBucketCors);
  /** `get_bucket_cors(Bucket)` → `{CORSRule: [...]}`. */
  readonly get_bucket_cors: CosMethod<BucketParams, cfg.GetBucketCorsResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'get_bucket_cors',
    ['Bucket'],
    cfg.getBucketCors,
  );
  /** `delete_bucket_cors(Bucket)` → undefined. */
  readonly delete_bucket_cors: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'delete_bucket_cors',
    ['Bucket'],
    cfg.deleteBucketCors,
  );
  /** `put_bucket_lifecycle(Bucket, LifecycleConfiguration={Rule: [...]})` → undefined. */
  readonly put_bucket_lifecycle: CosMethod<
    cfg.PutBucketLifecycleParams,
    void,
    [Bucket: string, LifecycleConfiguration: cfg.PutBucketLifecycleParams['LifecycleConfiguration'], kwargs?: B<cfg.PutBucketLifecycleParams>]
  > = this.#bind('put_bucket_lifecycle', ['Bucket', 'LifecycleConfiguration'], cfg.putBucketLifecycle);
  /** `get_bucket_lifecycle(Bucket)` → `{Rule: [...]}`. */
  readonly get_bucket_lifecycle: CosMethod<BucketParams, cfg.GetBucketLifecycleResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'get_bucket_lifecycle',
    ['Bucket'],
    cfg.getBucketLifecycle,
  );
  /** `delete_bucket_lifecycle(Bucket)` → undefined. */
  readonly delete_bucket_lifecycle: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'delete_bucket_lifecycle',
    ['Bucket'],
    cfg.deleteBucketLifecycle,
  );

  /** `put_bucket_versioning(Bucket, Status)` → undefined (beyond the seeds; the Python SDK has it). */
  readonly put_bucket_versioning: CosMethod<
    versioning.PutBucketVersioningParams,
    void,
    [Bucket: string, Status: 'Enabled' | 'Suspended', kwargs?: B<versioning.PutBucketVersioningParams>]
  > = this.#bind('put_bucket_versioning', ['Bucket', 'Status'], versioning.putBucketVersioning);
  /** `get_bucket_versioning(Bucket)` → `{Status}`. */
  readonly get_bucket_versioning: CosMethod<BucketParams, versioning.GetBucketVersioningResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.#bind(
    'get_bucket_versioning',
    ['Bucket'],
    versioning.getBucketVersioning,
  );

  // --- objects -------------------------------------------------------------
  /** `put_object(Bucket, Body, Key, EnableMD5=False, **kwargs)` → response headers (`ETag`, `x-cos-version-id`...). */
  readonly put_object: CosMethod<
    obj.PutObjectParams,
    HeaderDict,
    [
      Bucket: string,
      Body: obj.PutObjectParams['Body'],
      Key: string,
      EnableMD5?: boolean,
      kwargs?: Kw<obj.PutObjectParams, 'Bucket' | 'Body' | 'Key' | 'EnableMD5'>,
    ]
  > = this.#bind('put_object', ['Bucket', 'Body', 'Key', 'EnableMD5'], obj.putObject);
  /** `put_object_from_local_file(Bucket, LocalFilePath, Key, EnableMD5=False, **kwargs)` → as put_object. */
  readonly put_object_from_local_file: CosMethod<
    obj.PutObjectFromLocalFileParams,
    HeaderDict,
    [
      Bucket: string,
      LocalFilePath: string,
      Key: string,
      EnableMD5?: boolean,
      kwargs?: Kw<obj.PutObjectFromLocalFileParams, 'Bucket' | 'LocalFilePath' | 'Key' | 'EnableMD5'>,
    ]
  > = this.#bind('put_object_from_local_file', ['Bucket', 'LocalFilePath', 'Key', 'EnableMD5'], obj.putObjectFromLocalFile);
  /** `get_object(Bucket, Key, **kwargs)` → `{Body: StreamBody, ...headers}`; CRC-64 checked on whole-object reads. */
  readonly get_object: CosMethod<obj.GetObjectParams, obj.GetObjectResponse, [Bucket: string, Key: string, kwargs?: BK<obj.GetObjectParams>]> = this.#bind(
    'get_object',
    ['Bucket', 'Key'],
    obj.getObject,
  );
  /** `head_object(Bucket, Key, **kwargs)` → response headers. */
  readonly head_object: CosMethod<obj.HeadObjectParams, HeaderDict, [Bucket: string, Key: string, kwargs?: BK<obj.HeadObjectParams>]> = this.#bind(
    'head_object',
    ['Bucket', 'Key'],
    obj.headObject,
  );
  /** `object_exists(Bucket, Key)` → boolean. */
  readonly object_exists: CosMethod<ObjectParams, boolean, [Bucket: string, Key: string, kwargs?: BK<ObjectParams>]> = this.#bind(
    'object_exists',
    ['Bucket', 'Key'],
    obj.objectExists,
  );
  /** `delete_object(Bucket, Key, **kwargs)` → headers (`x-cos-version-id`, `x-cos-delete-marker`). */
  readonly delete_object: CosMethod<obj.DeleteObjectParams, HeaderDict, [Bucket: string, Key: string, kwargs?: BK<obj.DeleteObjectParams>]> = this.#bind(
    'delete_object',
    ['Bucket', 'Key'],
    obj.deleteObject,
  );
  /** `delete_objects(Bucket, Delete={Object: [...], Quiet})` → `{Deleted: [...], Error: [...]}`. */
  readonly delete_objects: CosMethod<
    batch.DeleteObjectsParams,
    batch.DeleteObjectsResponse,
    [Bucket: string, Delete: batch.DeleteObjectsParams['Delete'], kwargs?: B<batch.DeleteObjectsParams>]
  > = this.#bind('delete_objects', ['Bucket', 'Delete'], batch.deleteObjects);
  /** `copy_object(Bucket, Key, CopySource, CopyStatus='Copy', **kwargs)` → headers + `{ETag, LastModified, ...}`. */
  readonly copy_object: CosMethod<
    copy.CopyObjectParams,
    copy.CopyResponse,
    [
      Bucket: string,
      Key: string,
      CopySource: copy.CopySource,
      CopyStatus?: string,
      kwargs?: Kw<copy.CopyObjectParams, 'Bucket' | 'Key' | 'CopySource' | 'CopyStatus'>,
    ]
  > = this.#bind('copy_object', ['Bucket', 'Key', 'CopySource', 'CopyStatus'], copy.copyObject);
  /** `list_objects(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000, EncodingType='')` (the real SDK's positional order). */
  readonly list_objects: CosMethod<
    listing.ListObjectsParams,
    listing.ListObjectsResponse,
    [Bucket: string, Prefix?: string, Delimiter?: string, Marker?: string, MaxKeys?: number, EncodingType?: string, kwargs?: B<listing.ListObjectsParams>]
  > = this.#bind('list_objects', ['Bucket', 'Prefix', 'Delimiter', 'Marker', 'MaxKeys', 'EncodingType'], listing.listObjects);
  /** `list_objects_versions(Bucket, Prefix, Delimiter, KeyMarker, VersionIdMarker, MaxKeys, EncodingType)`. */
  readonly list_objects_versions: CosMethod<
    listing.ListObjectsVersionsParams,
    listing.ListObjectsVersionsResponse,
    [
      Bucket: string,
      Prefix?: string,
      Delimiter?: string,
      KeyMarker?: string,
      VersionIdMarker?: string,
      MaxKeys?: number,
      EncodingType?: string,
      kwargs?: B<listing.ListObjectsVersionsParams>,
    ]
  > = this.#bind(
    'list_objects_versions',
    ['Bucket', 'Prefix', 'Delimiter', 'KeyMarker', 'VersionIdMarker', 'MaxKeys', 'EncodingType'],
    listing.listObjectsVersions,
  );
  /** `restore_object(Bucket, Key, RestoreRequest={Days, CASJobParameters})` → undefined. */
  readonly restore_object: CosMethod<
    batch.RestoreObjectParams,
    void,
    [Bucket: string, Key: string, RestoreRequest: batch.RestoreObjectParams['RestoreRequest'], kwargs?: BK<batch.RestoreObjectParams>]
  > = this.#bind('restore_object', ['Bucket', 'Key', 'RestoreRequest'], batch.restoreObject);
  /** `select_object_content(Bucket, Key, Expression, ExpressionType, InputSerialization, OutputSerialization, RequestProgress=None)` → `{Payload, Body, ...headers}`. */
  readonly select_object_content: CosMethod<
    select.SelectObjectContentParams,
    select.SelectObjectContentResponse,
    [
      Bucket: string,
      Key: string,
      Expression: string,
      ExpressionType: string,
      InputSerialization: Record<string, unknown>,
      OutputSerialization: Record<string, unknown>,
      RequestProgress?: { Enabled: string },
      kwargs?: BK<select.SelectObjectContentParams>,
    ]
  > = this.#bind(
    'select_object_content',
    ['Bucket', 'Key', 'Expression', 'ExpressionType', 'InputSerialization', 'OutputSerialization', 'RequestProgress'],
    select.selectObjectContent,
  );
  /** `append_object(Bucket, Key, Position, Data)` → headers (`x-cos-next-append-position`...). */
  readonly append_object: CosMethod<
    obj.AppendObjectParams,
    HeaderDict,
    [
      Bucket: string,
      Key: string,
      Position: number,
      Data: obj.AppendObjectParams['Data'],
      kwargs?: Kw<obj.AppendObjectParams, 'Bucket' | 'Key' | 'Position' | 'Data'>,
    ]
  > = this.#bind('append_object', ['Bucket', 'Key', 'Position', 'Data'], obj.appendObject);
  /** `put_object_acl(Bucket, Key, AccessControlPolicy={}, **kwargs)` → undefined. */
  readonly put_object_acl: CosMethod<
    acl.PutObjectAclParams,
    void,
    [Bucket: string, Key: string, AccessControlPolicy?: acl.AccessControlPolicy, kwargs?: BK<acl.PutObjectAclParams>]
  > = this.#bind('put_object_acl', ['Bucket', 'Key', 'AccessControlPolicy'], acl.putObjectAcl);
  /** `get_object_acl(Bucket, Key)` → as get_bucket_acl. */
  readonly get_object_acl: CosMethod<ObjectParams, acl.GetAclResponse, [Bucket: string, Key: string, kwargs?: BK<ObjectParams>]> = this.#bind(
    'get_object_acl',
    ['Bucket', 'Key'],
    acl.getObjectAcl,
  );

  // --- multipart -----------------------------------------------------------
  /** `list_multipart_uploads(Bucket, Prefix, Delimiter, KeyMarker, UploadIdMarker, MaxUploads, EncodingType)`. */
  readonly list_multipart_uploads: CosMethod<
    listing.ListMultipartUploadsParams,
    listing.ListMultipartUploadsResponse,
    [
      Bucket: string,
      Prefix?: string,
      Delimiter?: string,
      KeyMarker?: string,
      UploadIdMarker?: string,
      MaxUploads?: number,
      EncodingType?: string,
      kwargs?: B<listing.ListMultipartUploadsParams>,
    ]
  > = this.#bind(
    'list_multipart_uploads',
    ['Bucket', 'Prefix', 'Delimiter', 'KeyMarker', 'UploadIdMarker', 'MaxUploads', 'EncodingType'],
    listing.listMultipartUploads,
  );
  /** `create_multipart_upload(Bucket, Key, **kwargs)` → `{UploadId, Bucket, Key}`. */
  readonly create_multipart_upload: CosMethod<
    mp.CreateMultipartUploadParams,
    mp.CreateMultipartUploadResponse,
    [Bucket: string, Key: string, kwargs?: BK<mp.CreateMultipartUploadParams>]
  > = this.#bind('create_multipart_upload', ['Bucket', 'Key'], mp.createMultipartUpload);
  /** `upload_part(Bucket, Key, Body, PartNumber, UploadId, EnableMD5=False, **kwargs)` → headers (`ETag`). */
  readonly upload_part: CosMethod<
    mp.UploadPartParams,
    HeaderDict,
    [
      Bucket: string,
      Key: string,
      Body: mp.UploadPartParams['Body'],
      PartNumber: number,
      UploadId: string,
      EnableMD5?: boolean,
      kwargs?: Kw<mp.UploadPartParams, 'Bucket' | 'Key' | 'Body' | 'PartNumber' | 'UploadId' | 'EnableMD5'>,
    ]
  > = this.#bind('upload_part', ['Bucket', 'Key', 'Body', 'PartNumber', 'UploadId', 'EnableMD5'], mp.uploadPart);
  /** `upload_part_copy(Bucket, Key, PartNumber, UploadId, CopySource, CopySourceRange='')` → headers + `{ETag, LastModified}`. */
  readonly upload_part_copy: CosMethod<
    copy.UploadPartCopyParams,
    copy.CopyResponse,
    [
      Bucket: string,
      Key: string,
      PartNumber: number,
      UploadId: string,
      CopySource: copy.CopySource,
      CopySourceRange?: string,
      kwargs?: Kw<copy.UploadPartCopyParams, 'Bucket' | 'Key' | 'PartNumber' | 'UploadId' | 'CopySource' | 'CopySourceRange'>,
    ]
  > = this.#bind('upload_part_copy', ['Bucket', 'Key', 'PartNumber', 'UploadId', 'CopySource', 'CopySourceRange'], copy.uploadPartCopy);
  /** `list_parts(Bucket, Key, UploadId, EncodingType='', MaxParts=1000, PartNumberMarker=0)` (the real SDK's positional order). */
  readonly list_parts: CosMethod<
    mp.ListPartsParams,
    mp.ListPartsResponse,
    [Bucket: string, Key: string, UploadId: string, EncodingType?: string, MaxParts?: number, PartNumberMarker?: number, kwargs?: BK<mp.ListPartsParams>]
  > = this.#bind('list_parts', ['Bucket', 'Key', 'UploadId', 'EncodingType', 'MaxParts', 'PartNumberMarker'], mp.listParts);
  /** `complete_multipart_upload(Bucket, Key, UploadId, MultipartUpload={Part: [...]})` → headers + `{ETag, Bucket, Location, Key}`. */
  readonly complete_multipart_upload: CosMethod<
    mp.CompleteMultipartUploadParams,
    mp.CompleteMultipartUploadResponse,
    [
      Bucket: string,
      Key: string,
      UploadId: string,
      MultipartUpload: mp.CompleteMultipartUploadParams['MultipartUpload'],
      kwargs?: BK<mp.CompleteMultipartUploadParams>,
    ]
  > = this.#bind('complete_multipart_upload', ['Bucket', 'Key', 'UploadId', 'MultipartUpload'], mp.completeMultipartUpload);
  /** `abort_multipart_upload(Bucket, Key, UploadId)` → undefined. */
  readonly abort_multipart_upload: CosMethod<
    mp.AbortMultipartUploadParams,
    void,
    [Bucket: string, Key: string, UploadId: string, kwargs?: BK<mp.AbortMultipartUploadParams>]
  > = this.#bind('abort_multipart_upload', ['Bucket', 'Key', 'UploadId'], mp.abortMultipartUpload);

  // --- URLs and signatures (no request is sent) ----------------------------
  /** `get_presigned_url(Bucket, Key, Method, Expired=300, Params={}, Headers={})` → URL. */
  readonly get_presigned_url: CosMethod<
    presign.PresignedUrlParams,
    string,
    [Bucket: string, Key: string, Method: string, Expired?: number, Params?: Record<string, string>, Headers?: Record<string, string>]
  > = this.#bind('get_presigned_url', ['Bucket', 'Key', 'Method', 'Expired', 'Params', 'Headers', 'SignHost'], presign.getPresignedUrl);
  /** `get_presigned_download_url(Bucket, Key, Expired=300, Params={}, Headers={})` → URL. */
  readonly get_presigned_download_url: CosMethod<
    presign.PresignParams,
    string,
    [Bucket: string, Key: string, Expired?: number, Params?: Record<string, string>, Headers?: Record<string, string>]
  > = this.#bind('get_presigned_download_url', ['Bucket', 'Key', 'Expired', 'Params', 'Headers', 'SignHost'], presign.getPresignedDownloadUrl);
  /** `get_object_url(Bucket, Key)` → the unsigned URL. */
  readonly get_object_url: CosMethod<ObjectParams, string, [Bucket: string, Key: string]> = this.#bind(
    'get_object_url',
    ['Bucket', 'Key'],
    presign.getObjectUrl,
  );
  /** `get_auth(Method, Bucket, Key, Expired=300, Headers={}, Params={})` → an Authorization value. */
  readonly get_auth: CosMethod<
    presign.GetAuthParams,
    string,
    [Method: string, Bucket: string, Key: string, Expired?: number, Headers?: Record<string, string>, Params?: Record<string, string>]
  > = this.#bind('get_auth', ['Method', 'Bucket', 'Key', 'Expired', 'Headers', 'Params', 'SignHost'], presign.getAuth);

  // --- camelCase names: the same functions ---------------------------------
  readonly createBucket = this.create_bucket;
  readonly deleteBucket = this.delete_bucket;
  readonly headBucket = this.head_bucket;
  readonly bucketExists = this.bucket_exists;
  readonly listBuckets = this.list_buckets;
  readonly putBucketAcl = this.put_bucket_acl;
  readonly getBucketAcl = this.get_bucket_acl;
  readonly putBucketCors = this.put_bucket_cors;
  readonly getBucketCors = this.get_bucket_cors;
  readonly deleteBucketCors = this.delete_bucket_cors;
  readonly putBucketLifecycle = this.put_bucket_lifecycle;
  readonly getBucketLifecycle = this.get_bucket_lifecycle;
  readonly deleteBucketLifecycle = this.delete_bucket_lifecycle;
  readonly putBucketVersioning = this.put_bucket_versioning;
  readonly getBucketVersioning = this.get_bucket_versioning;
  readonly putObject = this.put_object;
  readonly putObjectFromLocalFile = this.put_object_from_local_file;
  readonly getObject = this.get_object;
  readonly headObject = this.head_object;
  readonly objectExists = this.object_exists;
  readonly deleteObject = this.delete_object;
  readonly deleteObjects = this.delete_objects;
  readonly copyObject = this.copy_object;
  readonly listObjects = this.list_objects;
  readonly listObjectsVersions = this.list_objects_versions;
  readonly restoreObject = this.restore_object;
  readonly selectObjectContent = this.select_object_content;
  readonly appendObject = this.append_object;
  readonly putObjectAcl = this.put_object_acl;
  readonly getObjectAcl = this.get_object_acl;
  readonly listMultipartUploads = this.list_multipart_uploads;
  readonly createMultipartUpload = this.create_multipart_upload;
  readonly uploadPart = this.upload_part;
  readonly uploadPartCopy = this.upload_part_copy;
  readonly listParts = this.list_parts;
  readonly completeMultipartUpload = this.complete_multipart_upload;
  readonly abortMultipartUpload = this.abort_multipart_upload;
  readonly getPresignedUrl = this.get_presigned_url;
  readonly getPresignedDownloadUrl = this.get_presigned_download_url;
  readonly getObjectUrl = this.get_object_url;
  readonly getAuth = this.get_auth;

  // --- high-level transfers (seed 004 高级接口), through @yunstore/transfer --
  /** `upload_file(Bucket, Key, LocalFilePath, PartSize=1, MAXThread=5, EnableMD5=False, progress_callback=None, **kwargs)` → put_object or complete_multipart_upload dict (`ETag`...). Resumable. */
  readonly upload_file: CosMethod<
    transfer.UploadFileParams,
    transfer.UploadFileResponse,
    [
      Bucket: string,
      Key: string,
      LocalFilePath: string,
      PartSize?: number,
      MAXThread?: number,
      EnableMD5?: boolean,
      progress_callback?: ProgressCallback | null,
      kwargs?: Kw<transfer.UploadFileParams, 'Bucket' | 'Key' | 'LocalFilePath' | 'PartSize' | 'MAXThread' | 'EnableMD5' | 'progress_callback'>,
    ]
  > = this.#bind('upload_file', ['Bucket', 'Key', 'LocalFilePath', 'PartSize', 'MAXThread', 'EnableMD5', 'progress_callback'], transfer.uploadFileOp);
  /** `download_file(Bucket, Key, DestFilePath, PartSize=20, MAXThread=5, EnableCRC=False, **kwargs)` → undefined (None). Concurrent ranged GETs, resumable, CRC-64 checked. */
  readonly download_file: CosMethod<
    transfer.DownloadFileParams,
    void,
    [
      Bucket: string,
      Key: string,
      DestFilePath: string,
      PartSize?: number,
      MAXThread?: number,
      EnableCRC?: boolean,
      kwargs?: Kw<transfer.DownloadFileParams, 'Bucket' | 'Key' | 'DestFilePath' | 'PartSize' | 'MAXThread' | 'EnableCRC'>,
    ]
  > = this.#bind('download_file', ['Bucket', 'Key', 'DestFilePath', 'PartSize', 'MAXThread', 'EnableCRC'], transfer.downloadFileOp);
  /** `copy(Bucket, Key, CopySource, CopyStatus='Copy', PartSize=10, MAXThread=5, **kwargs)` → copy_object dict (< 5 GB) or complete_multipart_upload dict. */
  readonly copy: CosMethod<
    transfer.CopyParams,
    transfer.CopyTransferResponse,
    [
      Bucket: string,
      Key: string,
      CopySource: transfer.CopyParams['CopySource'],
      CopyStatus?: string,
      PartSize?: number,
      MAXThread?: number,
      kwargs?: Kw<transfer.CopyParams, 'Bucket' | 'Key' | 'CopySource' | 'CopyStatus' | 'PartSize' | 'MAXThread'>,
    ]
  > = this.#bind('copy', ['Bucket', 'Key', 'CopySource', 'CopyStatus', 'PartSize', 'MAXThread'], transfer.copyOp);
  /** `upload_folder(Bucket, Prefix, LocalFolder, PartSize=1, MAXThread=5, **kwargs)` → `[{Key, LocalFilePath, Size}]` (seed 004's 批量上传 recipe as one call). */
  readonly upload_folder: CosMethod<
    folder.UploadFolderParams,
    folder.FolderFile[],
    [Bucket: string, Prefix: string, LocalFolder: string, kwargs?: Kw<folder.UploadFolderParams, 'Bucket' | 'Prefix' | 'LocalFolder'>]
  > = this.#bind('upload_folder', ['Bucket', 'Prefix', 'LocalFolder'], folder.uploadFolderOp);
  /** `download_folder(Bucket, Prefix, LocalFolder, PartSize=20, MAXThread=5, **kwargs)` → `[{Key, LocalFilePath, Size}]` (批量下载); unsafe keys are refused. */
  readonly download_folder: CosMethod<
    folder.DownloadFolderParams,
    folder.FolderFile[],
    [Bucket: string, Prefix: string, LocalFolder: string, kwargs?: Kw<folder.DownloadFolderParams, 'Bucket' | 'Prefix' | 'LocalFolder'>]
  > = this.#bind('download_folder', ['Bucket', 'Prefix', 'LocalFolder'], folder.downloadFolderOp);
  /** `delete_folder(Bucket, Prefix, MAXThread=5)` → `{Deleted, Error}` (批量删除: list_objects + delete_objects, 1000 keys a request). */
  readonly delete_folder: CosMethod<
    folder.DeleteFolderParams,
    folder.DeleteFolderResponse,
    [Bucket: string, Prefix: string, kwargs?: Kw<folder.DeleteFolderParams, 'Bucket' | 'Prefix'>]
  > = this.#bind('delete_folder', ['Bucket', 'Prefix'], folder.deleteFolderOp);

  readonly uploadFile = this.upload_file;
  readonly downloadFile = this.download_file;
  readonly uploadFolder = this.upload_folder;
  readonly downloadFolder = this.download_folder;
  readonly deleteFolder = this.delete_folder;

  /** Closes the keep-alive connection pool. The client cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#ctx.close();
  }
}
