/** CosS3Client's object and multipart calls (Python and camelCase names). */
import type { B, BK, CosIterMethod, CosMethod, Kw } from './client-types.ts';
import { CosBucketCalls } from './client-buckets.ts';
import * as acl from './operations/acl.ts';
import * as copy from './operations/copy.ts';
import * as listing from './operations/listing.ts';
import { listObjectsIter, type ListObjectsIterParams } from './operations/listing-iter.ts';
import * as mp from './operations/multipart.ts';
import * as obj from './operations/object.ts';
import * as batch from './operations/object-batch.ts';
import type { HeaderDict, ObjectParams, WriteResponse } from './operations/params.ts';
import * as select from './operations/select.ts';

export abstract class CosObjectCalls extends CosBucketCalls {
  /** `put_object(Bucket, Body, Key, EnableMD5=False, **kwargs)` → response headers (`ETag` always, `x-cos-version-id`, `x-cos-hash-crc64ecma`...). A `ContentLength` that disagrees with a Body of known size is refused before sending. */
  readonly put_object: CosMethod<
    obj.PutObjectParams,
    WriteResponse,
    [
      Bucket: string,
      Body: obj.PutObjectParams['Body'],
      Key: string,
      EnableMD5?: boolean,
      kwargs?: Kw<obj.PutObjectParams, 'Bucket' | 'Body' | 'Key' | 'EnableMD5'>,
    ]
  > = this.bind('put_object', ['Bucket', 'Body', 'Key', 'EnableMD5'], obj.putObject);
  /** `put_object_from_local_file(Bucket, LocalFilePath, Key, EnableMD5=False, **kwargs)` → as put_object (`ETag` always). */
  readonly put_object_from_local_file: CosMethod<
    obj.PutObjectFromLocalFileParams,
    WriteResponse,
    [
      Bucket: string,
      LocalFilePath: string,
      Key: string,
      EnableMD5?: boolean,
      kwargs?: Kw<obj.PutObjectFromLocalFileParams, 'Bucket' | 'LocalFilePath' | 'Key' | 'EnableMD5'>,
    ]
  > = this.bind('put_object_from_local_file', ['Bucket', 'LocalFilePath', 'Key', 'EnableMD5'], obj.putObjectFromLocalFile);
  /**
   * `get_object(Bucket, Key, **kwargs)` → every response header as a string (`response['Content-Type']`,
   * `response['x-cos-meta-author']`) plus `Body`, the bytes: `Body.get_raw_stream()`, `Body.get_stream_to_file(path)`,
   * `await Body.read()`. CRC-64 is checked on whole-object reads.
   */
  readonly get_object: CosMethod<obj.GetObjectParams, obj.GetObjectResponse, [Bucket: string, Key: string, kwargs?: BK<obj.GetObjectParams>]> = this.bind(
    'get_object',
    ['Bucket', 'Key'],
    obj.getObject,
  );
  /** `head_object(Bucket, Key, **kwargs)` → response headers. */
  readonly head_object: CosMethod<obj.HeadObjectParams, HeaderDict, [Bucket: string, Key: string, kwargs?: BK<obj.HeadObjectParams>]> = this.bind(
    'head_object',
    ['Bucket', 'Key'],
    obj.headObject,
  );
  /** `object_exists(Bucket, Key)` → boolean. */
  readonly object_exists: CosMethod<ObjectParams, boolean, [Bucket: string, Key: string, kwargs?: BK<ObjectParams>]> = this.bind(
    'object_exists',
    ['Bucket', 'Key'],
    obj.objectExists,
  );
  /** `delete_object(Bucket, Key, **kwargs)` → headers (`x-cos-version-id`, `x-cos-delete-marker`). A Key that is empty once the leading `/` is dropped is refused: it would address the bucket. */
  readonly delete_object: CosMethod<obj.DeleteObjectParams, HeaderDict, [Bucket: string, Key: string, kwargs?: BK<obj.DeleteObjectParams>]> = this.bind(
    'delete_object',
    ['Bucket', 'Key'],
    obj.deleteObject,
  );
  /** `delete_objects(Bucket, Delete={Object: [...], Quiet})` → `{Deleted: [...], Error: [...]}`. */
  readonly delete_objects: CosMethod<
    batch.DeleteObjectsParams,
    batch.DeleteObjectsResponse,
    [Bucket: string, Delete: batch.DeleteObjectsParams['Delete'], kwargs?: B<batch.DeleteObjectsParams>]
  > = this.bind('delete_objects', ['Bucket', 'Delete'], batch.deleteObjects);
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
  > = this.bind('copy_object', ['Bucket', 'Key', 'CopySource', 'CopyStatus'], copy.copyObject);
  /** `list_objects(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000, EncodingType='')` (the real SDK's positional order) → one page: `{Contents: [{Key, ETag, Size, LastModified...}], CommonPrefixes, IsTruncated, NextMarker...}`. `list_objects_iter` pages for you. */
  readonly list_objects: CosMethod<
    listing.ListObjectsParams,
    listing.ListObjectsResponse,
    [Bucket: string, Prefix?: string, Delimiter?: string, Marker?: string, MaxKeys?: number, EncodingType?: string, kwargs?: B<listing.ListObjectsParams>]
  > = this.bind('list_objects', ['Bucket', 'Prefix', 'Delimiter', 'Marker', 'MaxKeys', 'EncodingType'], listing.listObjects);
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
  > = this.bind(
    'list_objects_versions',
    ['Bucket', 'Prefix', 'Delimiter', 'KeyMarker', 'VersionIdMarker', 'MaxKeys', 'EncodingType'],
    listing.listObjectsVersions,
  );
  /** `restore_object(Bucket, Key, RestoreRequest={Days, CASJobParameters})` → undefined. */
  readonly restore_object: CosMethod<
    batch.RestoreObjectParams,
    void,
    [Bucket: string, Key: string, RestoreRequest: batch.RestoreObjectParams['RestoreRequest'], kwargs?: BK<batch.RestoreObjectParams>]
  > = this.bind('restore_object', ['Bucket', 'Key', 'RestoreRequest'], batch.restoreObject);
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
  > = this.bind(
    'select_object_content',
    ['Bucket', 'Key', 'Expression', 'ExpressionType', 'InputSerialization', 'OutputSerialization', 'RequestProgress'],
    select.selectObjectContent,
  );
  /** `append_object(Bucket, Key, Position, Data)` → headers (`ETag`, `x-cos-next-append-position`...). */
  readonly append_object: CosMethod<
    obj.AppendObjectParams,
    WriteResponse,
    [
      Bucket: string,
      Key: string,
      Position: number,
      Data: obj.AppendObjectParams['Data'],
      kwargs?: Kw<obj.AppendObjectParams, 'Bucket' | 'Key' | 'Position' | 'Data'>,
    ]
  > = this.bind('append_object', ['Bucket', 'Key', 'Position', 'Data'], obj.appendObject);
  /** `put_object_acl(Bucket, Key, AccessControlPolicy={}, **kwargs)` → undefined. */
  readonly put_object_acl: CosMethod<
    acl.PutObjectAclParams,
    void,
    [Bucket: string, Key: string, AccessControlPolicy?: acl.AccessControlPolicy, kwargs?: BK<acl.PutObjectAclParams>]
  > = this.bind('put_object_acl', ['Bucket', 'Key', 'AccessControlPolicy'], acl.putObjectAcl);
  /** `get_object_acl(Bucket, Key)` → as get_bucket_acl. */
  readonly get_object_acl: CosMethod<ObjectParams, acl.GetAclResponse, [Bucket: string, Key: string, kwargs?: BK<ObjectParams>]> = this.bind(
    'get_object_acl',
    ['Bucket', 'Key'],
    acl.getObjectAcl,
  );
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
  > = this.bind(
    'list_multipart_uploads',
    ['Bucket', 'Prefix', 'Delimiter', 'KeyMarker', 'UploadIdMarker', 'MaxUploads', 'EncodingType'],
    listing.listMultipartUploads,
  );
  /** `create_multipart_upload(Bucket, Key, **kwargs)` → `{UploadId, Bucket, Key}`. */
  readonly create_multipart_upload: CosMethod<
    mp.CreateMultipartUploadParams,
    mp.CreateMultipartUploadResponse,
    [Bucket: string, Key: string, kwargs?: BK<mp.CreateMultipartUploadParams>]
  > = this.bind('create_multipart_upload', ['Bucket', 'Key'], mp.createMultipartUpload);
  /** `upload_part(Bucket, Key, Body, PartNumber, UploadId, EnableMD5=False, **kwargs)` → headers (`ETag` always, for complete_multipart_upload). */
  readonly upload_part: CosMethod<
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
  > = this.bind('upload_part', ['Bucket', 'Key', 'Body', 'PartNumber', 'UploadId', 'EnableMD5'], mp.uploadPart);
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
  > = this.bind('upload_part_copy', ['Bucket', 'Key', 'PartNumber', 'UploadId', 'CopySource', 'CopySourceRange'], copy.uploadPartCopy);
  /** `list_parts(Bucket, Key, UploadId, EncodingType='', MaxParts=1000, PartNumberMarker=0)` (the real SDK's positional order). */
  readonly list_parts: CosMethod<
    mp.ListPartsParams,
    mp.ListPartsResponse,
    [Bucket: string, Key: string, UploadId: string, EncodingType?: string, MaxParts?: number, PartNumberMarker?: number, kwargs?: BK<mp.ListPartsParams>]
  > = this.bind('list_parts', ['Bucket', 'Key', 'UploadId', 'EncodingType', 'MaxParts', 'PartNumberMarker'], mp.listParts);
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
  > = this.bind('complete_multipart_upload', ['Bucket', 'Key', 'UploadId', 'MultipartUpload'], mp.completeMultipartUpload);
  /** `abort_multipart_upload(Bucket, Key, UploadId)` → undefined. */
  readonly abort_multipart_upload: CosMethod<
    mp.AbortMultipartUploadParams,
    void,
    [Bucket: string, Key: string, UploadId: string, kwargs?: BK<mp.AbortMultipartUploadParams>]
  > = this.bind('abort_multipart_upload', ['Bucket', 'Key', 'UploadId'], mp.abortMultipartUpload);

  /**
   * `list_objects_iter(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000)` → every object under
   * `Prefix`, page after page, for `for await (const obj of client.list_objects_iter({Bucket, Prefix}))`
   * (like BOS's `list_all_objects`; each page is one list_objects call). With a `Delimiter` only the objects
   * directly under `Prefix` come out; the "subdirectories" are list_objects' `CommonPrefixes`.
   */
  readonly list_objects_iter: CosIterMethod<
    ListObjectsIterParams,
    listing.ObjectSummary,
    [Bucket: string, Prefix?: string, Delimiter?: string, Marker?: string, MaxKeys?: number, kwargs?: B<ListObjectsIterParams>]
  > = (...args: unknown[]) => listObjectsIter(this.list_objects, args);

  // --- camelCase names: the same functions, the same docs ------------------
  /** `put_object(Bucket, Body, Key, EnableMD5=False, **kwargs)` → response headers (`ETag` always, `x-cos-version-id`, `x-cos-hash-crc64ecma`...). A `ContentLength` that disagrees with a Body of known size is refused before sending. */
  readonly putObject = this.put_object;
  /** `put_object_from_local_file(Bucket, LocalFilePath, Key, EnableMD5=False, **kwargs)` → as put_object (`ETag` always). */
  readonly putObjectFromLocalFile = this.put_object_from_local_file;
  /**
   * `get_object(Bucket, Key, **kwargs)` → every response header as a string (`response['Content-Type']`,
   * `response['x-cos-meta-author']`) plus `Body`, the bytes: `Body.get_raw_stream()`, `Body.get_stream_to_file(path)`,
   * `await Body.read()`. CRC-64 is checked on whole-object reads.
   */
  readonly getObject = this.get_object;
  /** `head_object(Bucket, Key, **kwargs)` → response headers. */
  readonly headObject = this.head_object;
  /** `object_exists(Bucket, Key)` → boolean. */
  readonly objectExists = this.object_exists;
  /** `delete_object(Bucket, Key, **kwargs)` → headers (`x-cos-version-id`, `x-cos-delete-marker`). A Key that is empty once the leading `/` is dropped is refused: it would address the bucket. */
  readonly deleteObject = this.delete_object;
  /** `delete_objects(Bucket, Delete={Object: [...], Quiet})` → `{Deleted: [...], Error: [...]}`. */
  readonly deleteObjects = this.delete_objects;
  /** `copy_object(Bucket, Key, CopySource, CopyStatus='Copy', **kwargs)` → headers + `{ETag, LastModified, ...}`. */
  readonly copyObject = this.copy_object;
  /** `list_objects(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000, EncodingType='')` (the real SDK's positional order) → one page: `{Contents: [{Key, ETag, Size, LastModified...}], CommonPrefixes, IsTruncated, NextMarker...}`. `list_objects_iter` pages for you. */
  readonly listObjects = this.list_objects;
  /** `list_objects_versions(Bucket, Prefix, Delimiter, KeyMarker, VersionIdMarker, MaxKeys, EncodingType)`. */
  readonly listObjectsVersions = this.list_objects_versions;
  /** `restore_object(Bucket, Key, RestoreRequest={Days, CASJobParameters})` → undefined. */
  readonly restoreObject = this.restore_object;
  /** `select_object_content(Bucket, Key, Expression, ExpressionType, InputSerialization, OutputSerialization, RequestProgress=None)` → `{Payload, Body, ...headers}`. */
  readonly selectObjectContent = this.select_object_content;
  /** `append_object(Bucket, Key, Position, Data)` → headers (`ETag`, `x-cos-next-append-position`...). */
  readonly appendObject = this.append_object;
  /** `put_object_acl(Bucket, Key, AccessControlPolicy={}, **kwargs)` → undefined. */
  readonly putObjectAcl = this.put_object_acl;
  /** `get_object_acl(Bucket, Key)` → as get_bucket_acl. */
  readonly getObjectAcl = this.get_object_acl;
  /** `list_multipart_uploads(Bucket, Prefix, Delimiter, KeyMarker, UploadIdMarker, MaxUploads, EncodingType)`. */
  readonly listMultipartUploads = this.list_multipart_uploads;
  /** `create_multipart_upload(Bucket, Key, **kwargs)` → `{UploadId, Bucket, Key}`. */
  readonly createMultipartUpload = this.create_multipart_upload;
  /** `upload_part(Bucket, Key, Body, PartNumber, UploadId, EnableMD5=False, **kwargs)` → headers (`ETag` always, for complete_multipart_upload). */
  readonly uploadPart = this.upload_part;
  /** `upload_part_copy(Bucket, Key, PartNumber, UploadId, CopySource, CopySourceRange='')` → headers + `{ETag, LastModified}`. */
  readonly uploadPartCopy = this.upload_part_copy;
  /** `list_parts(Bucket, Key, UploadId, EncodingType='', MaxParts=1000, PartNumberMarker=0)` (the real SDK's positional order). */
  readonly listParts = this.list_parts;
  /** `complete_multipart_upload(Bucket, Key, UploadId, MultipartUpload={Part: [...]})` → headers + `{ETag, Bucket, Location, Key}`. */
  readonly completeMultipartUpload = this.complete_multipart_upload;
  /** `abort_multipart_upload(Bucket, Key, UploadId)` → undefined. */
  readonly abortMultipartUpload = this.abort_multipart_upload;
  /**
   * `list_objects_iter(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000)` → every object under
   * `Prefix`, page after page, for `for await (const obj of client.list_objects_iter({Bucket, Prefix}))`
   * (like BOS's `list_all_objects`; each page is one list_objects call). With a `Delimiter` only the objects
   * directly under `Prefix` come out; the "subdirectories" are list_objects' `CommonPrefixes`.
   */
  readonly listObjectsIter = this.list_objects_iter;
}
