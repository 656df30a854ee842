// @yunstore/cos: the COS Python SDK v5 API (CosConfig, CosS3Client) in TypeScript.
export { CosConfig, type CosConfigOptions } from './config.ts';
export { CosS3Client } from './client.ts';
export type { CosMethod, CosSyncMethod, CosIterMethod, Kw } from './client-types.ts';
export type { CosMethods, CosTransferMethods } from './methods.ts';
export type { CosBucketMethods } from './methods-buckets.ts';
export type { CosObjectMethods } from './methods-objects.ts';
export type { CosMethodsCamelCase } from './methods-camel.ts';
export type { CosCredentials, CosCredentialInstance, PythonCredentialInstance } from './credentials.ts';
export { CosClientError, CosServiceError, CosException, type CosErrorDigest } from './errors.ts';
export { StreamBody } from './body.ts';
export { EventStream, EventStreamDecoder, toSelectEvent, type SelectEvent, type EventMessage } from './select.ts';
export type { CosXmlDict, CosXmlValue } from './xml-shape.ts';
export type { BucketParams, ObjectParams, CallOptions, HeaderDict, WriteResponse } from './operations/params.ts';
export type { AclHeaderParams, BucketSummary, CreateBucketParams, ListBucketsParams, ListBucketsResponse } from './operations/bucket.ts';
export type {
  AccessControlPolicy,
  AclGrant,
  AclOwner,
  Grant,
  Grantee,
  GetAclResponse,
  PutBucketAclParams,
  PutObjectAclParams,
} from './operations/acl.ts';
export type {
  CORSRule,
  CORSRuleResult,
  LifecycleRule,
  LifecycleRuleResult,
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
  ObjectSummary,
  CommonPrefix,
  ListingOwner,
  ObjectVersion,
  MultipartUploadSummary,
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
  PartSummary,
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
export type { TransferCallOptions, ResumableCallOptions, CosProgressCallback } from './transfer-options.ts';
export type { ListObjectsIterParams } from './operations/listing-iter.ts';
export type { CosResultDict } from './transfer-adapter.ts';
export {
  CosEncryptionClient,
  AESProvider,
  RSAProvider,
  RsaKeyPairInfo,
  isClientSideEncrypted,
  ENCRYPTION_KEY_HEADER,
  ENCRYPTION_IV_HEADER,
  type EncryptedCreateMultipartUploadParams,
  type AESProviderOptions,
  type RSAProviderOptions,
  type RsaKeyMaterial,
  type EncryptionProvider,
  type UnwrapContext,
  type DataEnvelope,
  type WrappedEnvelope,
} from './encryption/index.ts';
