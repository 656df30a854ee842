// @yunstore/cos: the COS Python SDK v5 API (CosConfig, CosS3Client) in TypeScript.
export { CosConfig, type CosConfigOptions } from './config.ts';
export { CosS3Client } from './client.ts';
export type { CosMethod, Kw } from './client-types.ts';
export { CosClientError, CosServiceError, CosException, type CosErrorDigest } from './errors.ts';
export { StreamBody } from './body.ts';
export { EventStream, EventStreamDecoder, toSelectEvent, type SelectEvent, type EventMessage } from './select.ts';
export type { CosXmlDict, CosXmlValue } from './xml-shape.ts';
export type { BucketParams, ObjectParams, CallOptions, HeaderDict } from './operations/params.ts';
export type { AclHeaderParams, CreateBucketParams, ListBucketsParams, ListBucketsResponse } from './operations/bucket.ts';
export type {
  AccessControlPolicy,
  Grant,
  Grantee,
  GetAclResponse,
  PutBucketAclParams,
  PutObjectAclParams,
} from './operations/acl.ts';
export type {
  CORSRule,
  LifecycleRule,
  PutBucketCorsParams,
  PutBucketLifecycleParams,
  GetBucketCorsResponse,
  GetBucketLifecycleResponse,
} from './operations/bucket-config.ts';
export type {
  ObjectWriteParams,
  PutObjectParams,
  PutObjectFromLocalFileParams,
  GetObjectParams,
  GetObjectResponse,
  HeadObjectParams,
  DeleteObjectParams,
  AppendObjectParams,
} from './operations/object.ts';
export type { CosBodyInput } from './operations/object-body.ts';
export type { DeleteObjectsParams, DeleteObjectsResponse, RestoreObjectParams } from './operations/object-batch.ts';
export type { CopySource, CopyObjectParams, UploadPartCopyParams, CopyResponse } from './operations/copy.ts';
export type {
  ListObjectsParams,
  ListObjectsResponse,
  ListObjectsVersionsParams,
  ListObjectsVersionsResponse,
  ListMultipartUploadsParams,
  ListMultipartUploadsResponse,
} from './operations/listing.ts';
export type {
  CreateMultipartUploadParams,
  CreateMultipartUploadResponse,
  UploadPartParams,
  ListPartsParams,
  ListPartsResponse,
  CompleteMultipartUploadParams,
  CompleteMultipartUploadResponse,
  AbortMultipartUploadParams,
} from './operations/multipart.ts';
export type { PutBucketVersioningParams, GetBucketVersioningResponse } from './operations/versioning.ts';
export type { SelectObjectContentParams, SelectObjectContentResponse } from './operations/select.ts';
export type { PresignParams, PresignedUrlParams, GetAuthParams } from './operations/presign.ts';
export type { UploadFileParams, UploadFileResponse, DownloadFileParams, CopyParams, CopyTransferResponse } from './transfer.ts';
export type {
  UploadFolderParams,
  DownloadFolderParams,
  DeleteFolderParams,
  DeleteFolderResponse,
  FolderFile,
} from './transfer-folder.ts';
export type { TransferCallOptions, ResumableCallOptions } from './transfer-options.ts';
export type { CosResultDict } from './transfer-adapter.ts';
