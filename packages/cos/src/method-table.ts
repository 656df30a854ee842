/**
 * CosS3Client's operation table: every method by its Python name, the
 * operation that runs it and the Python SDK's positional order (the
 * camelCase twin is derived by core's `defineMethods`). The documented types
 * are in methods*.ts; the check at the bottom keeps both lists the same.
 */
import type { MethodTable, MethodTableMismatch } from '@yunstore/core';
import type { CosContext } from './context.ts';
import type { CosMethods } from './methods.ts';
import * as acl from './operations/acl.ts';
import * as bucket from './operations/bucket.ts';
import * as cfg from './operations/bucket-config.ts';
import * as copy from './operations/copy.ts';
import * as listing from './operations/listing.ts';
import { LIST_ITER_ORDER, listObjectsIter } from './operations/listing-iter.ts';
import * as mp from './operations/multipart.ts';
import * as obj from './operations/object.ts';
import * as batch from './operations/object-batch.ts';
import * as presign from './operations/presign.ts';
import * as select from './operations/select.ts';
import * as versioning from './operations/versioning.ts';
import * as transfer from './transfer.ts';
import * as folder from './transfer-folder.ts';

const BUCKET = ['Bucket'] as const;
const OBJECT = ['Bucket', 'Key'] as const;

/** Python name → operation, positional order, and `sync` for the calls that return at once. */
export const COS_METHODS = {
  // --- buckets ---
  create_bucket: { run: bucket.createBucket, order: BUCKET },
  delete_bucket: { run: bucket.deleteBucket, order: BUCKET },
  head_bucket: { run: bucket.headBucket, order: BUCKET },
  bucket_exists: { run: bucket.bucketExists, order: BUCKET },
  list_buckets: { run: bucket.listBuckets, order: ['TagKey', 'TagValue', 'Region'] },
  put_bucket_acl: { run: acl.putBucketAcl, order: ['Bucket', 'AccessControlPolicy'] },
  get_bucket_acl: { run: acl.getBucketAcl, order: BUCKET },
  put_bucket_cors: { run: cfg.putBucketCors, order: ['Bucket', 'CORSConfiguration'] },
  get_bucket_cors: { run: cfg.getBucketCors, order: BUCKET },
  delete_bucket_cors: { run: cfg.deleteBucketCors, order: BUCKET },
  put_bucket_lifecycle: { run: cfg.putBucketLifecycle, order: ['Bucket', 'LifecycleConfiguration'] },
  get_bucket_lifecycle: { run: cfg.getBucketLifecycle, order: BUCKET },
  delete_bucket_lifecycle: { run: cfg.deleteBucketLifecycle, order: BUCKET },
  put_bucket_versioning: { run: versioning.putBucketVersioning, order: ['Bucket', 'Status'] },
  get_bucket_versioning: { run: versioning.getBucketVersioning, order: BUCKET },
  // --- objects and multipart ---
  put_object: { run: obj.putObject, order: ['Bucket', 'Body', 'Key', 'EnableMD5'] },
  put_object_from_local_file: { run: obj.putObjectFromLocalFile, order: ['Bucket', 'LocalFilePath', 'Key', 'EnableMD5'] },
  get_object: { run: obj.getObject, order: OBJECT },
  head_object: { run: obj.headObject, order: OBJECT },
  object_exists: { run: obj.objectExists, order: OBJECT },
  delete_object: { run: obj.deleteObject, order: OBJECT },
  delete_objects: { run: batch.deleteObjects, order: ['Bucket', 'Delete'] },
  copy_object: { run: copy.copyObject, order: ['Bucket', 'Key', 'CopySource', 'CopyStatus'] },
  list_objects: { run: listing.listObjects, order: ['Bucket', 'Prefix', 'Delimiter', 'Marker', 'MaxKeys', 'EncodingType'] },
  list_objects_versions: {
    run: listing.listObjectsVersions,
    order: ['Bucket', 'Prefix', 'Delimiter', 'KeyMarker', 'VersionIdMarker', 'MaxKeys', 'EncodingType'],
  },
  restore_object: { run: batch.restoreObject, order: ['Bucket', 'Key', 'RestoreRequest'] },
  select_object_content: {
    run: select.selectObjectContent,
    order: ['Bucket', 'Key', 'Expression', 'ExpressionType', 'InputSerialization', 'OutputSerialization', 'RequestProgress'],
  },
  append_object: { run: obj.appendObject, order: ['Bucket', 'Key', 'Position', 'Data'] },
  put_object_acl: { run: acl.putObjectAcl, order: ['Bucket', 'Key', 'AccessControlPolicy'] },
  get_object_acl: { run: acl.getObjectAcl, order: OBJECT },
  list_multipart_uploads: {
    run: listing.listMultipartUploads,
    order: ['Bucket', 'Prefix', 'Delimiter', 'KeyMarker', 'UploadIdMarker', 'MaxUploads', 'EncodingType'],
  },
  create_multipart_upload: { run: mp.createMultipartUpload, order: OBJECT },
  upload_part: { run: mp.uploadPart, order: ['Bucket', 'Key', 'Body', 'PartNumber', 'UploadId', 'EnableMD5'] },
  upload_part_copy: { run: copy.uploadPartCopy, order: ['Bucket', 'Key', 'PartNumber', 'UploadId', 'CopySource', 'CopySourceRange'] },
  list_parts: { run: mp.listParts, order: ['Bucket', 'Key', 'UploadId', 'EncodingType', 'MaxParts', 'PartNumberMarker'] },
  complete_multipart_upload: { run: mp.completeMultipartUpload, order: ['Bucket', 'Key', 'UploadId', 'MultipartUpload'] },
  abort_multipart_upload: { run: mp.abortMultipartUpload, order: ['Bucket', 'Key', 'UploadId'] },
  // An async generator: returned at once, each page checks the client and maps its errors (listing-iter.ts).
  list_objects_iter: { run: listObjectsIter, order: LIST_ITER_ORDER, sync: true },
  // --- URLs and signatures: nothing is sent, the string is returned at once, and they work after close() ---
  get_presigned_url: { run: presign.getPresignedUrl, order: ['Bucket', 'Key', 'Method', 'Expired', 'Params', 'Headers', 'SignHost'], sync: true },
  get_presigned_download_url: { run: presign.getPresignedDownloadUrl, order: ['Bucket', 'Key', 'Expired', 'Params', 'Headers', 'SignHost'], sync: true },
  get_object_url: { run: presign.getObjectUrl, order: OBJECT, sync: true },
  get_auth: { run: presign.getAuth, order: ['Method', 'Bucket', 'Key', 'Expired', 'Headers', 'Params', 'SignHost'], sync: true },
  // --- high-level transfers (@yunstore/transfer): concurrent, resumable, bounded memory ---
  upload_file: { run: transfer.uploadFileOp, order: ['Bucket', 'Key', 'LocalFilePath', 'PartSize', 'MAXThread', 'EnableMD5', 'progress_callback'] },
  download_file: { run: transfer.downloadFileOp, order: ['Bucket', 'Key', 'DestFilePath', 'PartSize', 'MAXThread', 'EnableCRC'] },
  copy: { run: transfer.copyOp, order: ['Bucket', 'Key', 'CopySource', 'CopyStatus', 'PartSize', 'MAXThread'] },
  upload_folder: { run: folder.uploadFolderOp, order: ['Bucket', 'Prefix', 'LocalFolder'] },
  download_folder: { run: folder.downloadFolderOp, order: ['Bucket', 'Prefix', 'LocalFolder'] },
  delete_folder: { run: folder.deleteFolderOp, order: ['Bucket', 'Prefix'] },
} as const satisfies MethodTable<CosContext>;

/**
 * Compile-time check: methods*.ts document exactly the methods of the table.
 * Names only: the documented members take the Python call shapes, which the
 * dialect turns into the params object the operations take.
 */
type Checked<Names extends never> = Names;
export type _CosMethodsMatch = Checked<MethodTableMismatch<CosMethods, typeof COS_METHODS, false>>;
