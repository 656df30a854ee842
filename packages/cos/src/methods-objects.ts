/** CosS3Client's object and multipart calls as documented types. */
import type { B, BK, CosIterMethod, CosMethod, Kw } from './client-types.ts';
import type * as acl from './operations/acl.ts';
import type * as copy from './operations/copy.ts';
import type * as listing from './operations/listing.ts';
import type { ListObjectsIterParams } from './operations/listing-iter.ts';
import type * as mp from './operations/multipart.ts';
import type * as obj from './operations/object.ts';
import type * as batch from './operations/object-batch.ts';
import type { HeaderDict, ObjectParams, WriteResponse } from './operations/params.ts';
import type * as select from './operations/select.ts';

/** The object and multipart methods of `CosS3Client` under their Python names (one params object or the Python positional order). */
export interface CosObjectMethods {
  /** `put_object(Bucket, Body, Key, EnableMD5=False, **kwargs)` → response headers (`ETag` always, `x-cos-version-id`, `x-cos-hash-crc64ecma`...). A `ContentLength` that disagrees with a Body of known size is refused before sending. */
  put_object: CosMethod<
    obj.PutObjectParams,
    WriteResponse,
    [
      Bucket: string,
      Body: obj.PutObjectParams['Body'],
      Key: string,
      EnableMD5?: boolean,
      kwargs?: Kw<obj.PutObjectParams, 'Bucket' | 'Body' | 'Key' | 'EnableMD5'>,
    ]
  >;
  /** `put_object_from_local_file(Bucket, LocalFilePath, Key, EnableMD5=False, **kwargs)` → as put_object (`ETag` always). */
  put_object_from_local_file: CosMethod<
    obj.PutObjectFromLocalFileParams,
    WriteResponse,
    [
      Bucket: string,
      LocalFilePath: string,
      Key: string,
      EnableMD5?: boolean,
      kwargs?: Kw<obj.PutObjectFromLocalFileParams, 'Bucket' | 'LocalFilePath' | 'Key' | 'EnableMD5'>,
    ]
  >;
  /**
   * `get_object(Bucket, Key, **kwargs)` → every response header as a string (`response['Content-Type']`,
   * `response['x-cos-meta-author']`) plus `Body`, the bytes: `Body.get_raw_stream()`, `Body.get_stream_to_file(path)`,
   * `await Body.read()`. CRC-64 is checked on whole-object reads.
   */
  get_object: CosMethod<obj.GetObjectParams, obj.GetObjectResponse, [Bucket: string, Key: string, kwargs?: BK<obj.GetObjectParams>]>;
  /** `head_object(Bucket, Key, **kwargs)` → response headers. */
  head_object: CosMethod<obj.HeadObjectParams, HeaderDict, [Bucket: string, Key: string, kwargs?: BK<obj.HeadObjectParams>]>;
  /** `object_exists(Bucket, Key)` → boolean. */
  object_exists: CosMethod<ObjectParams, boolean, [Bucket: string, Key: string, kwargs?: BK<ObjectParams>]>;
  /** `delete_object(Bucket, Key, **kwargs)` → headers (`x-cos-version-id`, `x-cos-delete-marker`). A Key that is empty once the leading `/` is dropped is refused: it would address the bucket. */
  delete_object: CosMethod<obj.DeleteObjectParams, HeaderDict, [Bucket: string, Key: string, kwargs?: BK<obj.DeleteObjectParams>]>;
  /** `delete_objects(Bucket, Delete={Object: [...], Quiet})` → `{Deleted: [...], Error: [...]}`. */
  delete_objects: CosMethod<
    batch.DeleteObjectsParams,
    batch.DeleteObjectsResponse,
    [Bucket: string, Delete: batch.DeleteObjectsParams['Delete'], kwargs?: B<batch.DeleteObjectsParams>]
  >;
  /** `copy_object(Bucket, Key, CopySource, CopyStatus='Copy', **kwargs)` → headers + `{ETag, LastModified, ...}`. */
  copy_object: CosMethod<
    copy.CopyObjectParams,
    copy.CopyResponse,
    [
      Bucket: string,
      Key: string,
      CopySource: copy.CopySource,
      CopyStatus?: string,
      kwargs?: Kw<copy.CopyObjectParams, 'Bucket' | 'Key' | 'CopySource' | 'CopyStatus'>,
    ]
  >;
  /** `list_objects(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000, EncodingType='')` (the real SDK's positional order) → one page: `{Contents: [{Key, ETag, Size, LastModified...}], CommonPrefixes, IsTruncated, NextMarker...}`. `list_objects_iter` pages for you. */
  list_objects: CosMethod<
    listing.ListObjectsParams,
    listing.ListObjectsResponse,
    [Bucket: string, Prefix?: string, Delimiter?: string, Marker?: string, MaxKeys?: number, EncodingType?: string, kwargs?: B<listing.ListObjectsParams>]
  >;
  /** `list_objects_versions(Bucket, Prefix, Delimiter, KeyMarker, VersionIdMarker, MaxKeys, EncodingType)`. */
  list_objects_versions: CosMethod<
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
  >;
  /** `restore_object(Bucket, Key, RestoreRequest={Days, CASJobParameters})` → undefined. */
  restore_object: CosMethod<
    batch.RestoreObjectParams,
    void,
    [Bucket: string, Key: string, RestoreRequest: batch.RestoreObjectParams['RestoreRequest'], kwargs?: BK<batch.RestoreObjectParams>]
  >;
  /** `select_object_content(Bucket, Key, Expression, ExpressionType, InputSerialization, OutputSerialization, RequestProgress=None)` → `{Payload, Body, ...headers}`. */
  select_object_content: CosMethod<
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
  >;
  /** `append_object(Bucket, Key, Position, Data)` → headers (`ETag`, `x-cos-next-append-position`...). */
  append_object: CosMethod<
    obj.AppendObjectParams,
    WriteResponse,
    [
      Bucket: string,
      Key: string,
      Position: number,
      Data: obj.AppendObjectParams['Data'],
      kwargs?: Kw<obj.AppendObjectParams, 'Bucket' | 'Key' | 'Position' | 'Data'>,
    ]
  >;
  /** `put_object_acl(Bucket, Key, AccessControlPolicy={}, **kwargs)` → undefined. */
  put_object_acl: CosMethod<
    acl.PutObjectAclParams,
    void,
    [Bucket: string, Key: string, AccessControlPolicy?: acl.AccessControlPolicy, kwargs?: BK<acl.PutObjectAclParams>]
  >;
  /** `get_object_acl(Bucket, Key)` → as get_bucket_acl. */
  get_object_acl: CosMethod<ObjectParams, acl.GetAclResponse, [Bucket: string, Key: string, kwargs?: BK<ObjectParams>]>;
  /** `list_multipart_uploads(Bucket, Prefix, Delimiter, KeyMarker, UploadIdMarker, MaxUploads, EncodingType)`. */
  list_multipart_uploads: CosMethod<
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
  >;
  /** `create_multipart_upload(Bucket, Key, **kwargs)` → `{UploadId, Bucket, Key}`. */
  create_multipart_upload: CosMethod<
    mp.CreateMultipartUploadParams,
    mp.CreateMultipartUploadResponse,
    [Bucket: string, Key: string, kwargs?: BK<mp.CreateMultipartUploadParams>]
  >;
  /** `upload_part(Bucket, Key, Body, PartNumber, UploadId, EnableMD5=False, **kwargs)` → headers (`ETag` always, for complete_multipart_upload). */
  upload_part: CosMethod<
    mp.UploadPartParams,
    WriteResponse,
    [
      Bucket: string,
      Key: string,
      Body: mp.UploadPartParams['Body'],
      PartNumber: number,
      UploadId: string,
      EnableMD5?: boolean,
      kwargs?: Kw<mp.UploadPartParams, 'Bucket' | 'Key' | 'Body' | 'PartNumber' | 'UploadId' | 'EnableMD5'>,
    ]
  >;
  /** `upload_part_copy(Bucket, Key, PartNumber, UploadId, CopySource, CopySourceRange='')` → headers + `{ETag, LastModified}`. */
  upload_part_copy: CosMethod<
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
  >;
  /** `list_parts(Bucket, Key, UploadId, EncodingType='', MaxParts=1000, PartNumberMarker=0)` (the real SDK's positional order). */
  list_parts: CosMethod<
    mp.ListPartsParams,
    mp.ListPartsResponse,
    [Bucket: string, Key: string, UploadId: string, EncodingType?: string, MaxParts?: number, PartNumberMarker?: number, kwargs?: BK<mp.ListPartsParams>]
  >;
  /** `complete_multipart_upload(Bucket, Key, UploadId, MultipartUpload={Part: [...]})` → headers + `{ETag, Bucket, Location, Key}`. */
  complete_multipart_upload: CosMethod<
    mp.CompleteMultipartUploadParams,
    mp.CompleteMultipartUploadResponse,
    [
      Bucket: string,
      Key: string,
      UploadId: string,
      MultipartUpload: mp.CompleteMultipartUploadParams['MultipartUpload'],
      kwargs?: BK<mp.CompleteMultipartUploadParams>,
    ]
  >;
  /** `abort_multipart_upload(Bucket, Key, UploadId)` → undefined. */
  abort_multipart_upload: CosMethod<
    mp.AbortMultipartUploadParams,
    void,
    [Bucket: string, Key: string, UploadId: string, kwargs?: BK<mp.AbortMultipartUploadParams>]
  >;
  /**
   * `list_objects_iter(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000)` → every object under
   * `Prefix`, page after page, for `for await (const obj of client.list_objects_iter({Bucket, Prefix}))`
   * (like BOS's `list_all_objects`; each page is one list_objects call). With a `Delimiter` only the objects
   * directly under `Prefix` come out; the "subdirectories" are list_objects' `CommonPrefixes`.
   */
  list_objects_iter: CosIterMethod<
    ListObjectsIterParams,
    listing.ObjectSummary,
    [Bucket: string, Prefix?: string, Delimiter?: string, Marker?: string, MaxKeys?: number, kwargs?: B<ListObjectsIterParams>]
  >;
}
