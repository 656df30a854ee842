// @yunstore/bos: the BOS Python SDK API (BosClient, BceClientConfiguration) in TypeScript.
export { BosClient, METHOD_ALIASES } from './client.ts';
export { TRANSFER_METHOD_ALIASES } from './client-transfer.ts';
export {
  UploadTaskHandle,
  type CheckpointOption,
  type CopyOptions,
  type CopyResponse,
  type DeletePrefixOptions,
  type DeletePrefixResponse,
  type DownloadFileOptions,
  type DownloadFileResponse,
  type FolderObject,
  type FolderTransferOptions,
  type PutSuperObjectOptions,
  type TransferCallOptions,
  type UploadFileOptions,
  type UploadFileResponse,
} from './transfer.ts';
export { BOS_TRANSFER_LIMITS, bosTransferAdapter, type BosAdapterOptions, type BosTransferResult } from './transfer-adapter.ts';
// The engine's own errors, so callers can catch them without importing @yunstore/transfer.
export { IntegrityError, UnsafeKeyError } from '@yunstore/transfer';
export {
  BceClientConfiguration,
  BceCredentials,
  BackOffRetryPolicy,
  NoRetryPolicy,
  resolveEndpoint,
  type BceClientConfigurationOptions,
  type ResolvedEndpoint,
} from './config.ts';
export {
  BceError,
  BceClientError,
  BceInvalidArgumentError,
  BceServerError,
  BceHttpClientError,
  BceHttpError,
  ValueError,
} from './errors.ts';
// `from baidubce import exception` → `exception.BceHttpClientError` (the seed's sample catches `exception.BceHttpError`).
export * as exception from './errors.ts';
export * as canned_acl from './canned_acl.ts';
export { PRIVATE, PUBLIC_READ, PUBLIC_READ_WRITE, type CannedAcl } from './canned_acl.ts';
export { ARGUMENT_TABLE, type ArgumentRow, type ArgumentType } from './validate.ts';
export type { BosContext, CallOptions } from './http.ts';
export type { BosMetadata, BosResponse } from './response.ts';
export type {
  BosGrant,
  BosOwner,
  BosObjectSummary,
  GetBucketAclResponse,
  ListBucketsResponse,
  ListObjectsResponse,
} from './operations/bucket.ts';
export type {
  ByteRangeArg,
  CopyObjectOptions,
  CopyObjectResponse,
  DeleteMultipleObjectsResponse,
  GetObjectMetaDataResponse,
  GetObjectResponse,
  PresignOptions,
  PutObjectOptions,
} from './operations/object.ts';
export type {
  BosPart,
  BosUpload,
  CompleteMultipartUploadResponse,
  InitiateMultipartUploadOptions,
  InitiateMultipartUploadResponse,
  ListMultipartUploadsResponse,
  ListPartsResponse,
  PartListItem,
  UploadPartCopyOptions,
  UploadPartOptions,
} from './operations/multipart.ts';
