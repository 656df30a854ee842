// @yunstore/bos: the BOS Python SDK API (BosClient, BceClientConfiguration) in TypeScript.
export { BosClient, METHOD_ALIASES, TRANSFER_METHOD_ALIASES } from './client.ts';
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
export type { BceCredentialsProvider, BceProvidedCredentials } from './credentials.ts';
export {
  BceError,
  BceClientError,
  BceInvalidArgumentError,
  BceServerError,
  BceHttpClientError,
  BceHttpError,
  ValueError,
  type BceClientErrorOptions,
  type BceLastError,
} from './errors.ts';
export type { ProgressCallback } from './progress.ts';
// `from baidubce import exception` → `exception.BceHttpClientError` (the seed's sample catches `exception.BceHttpError`).
export * as exception from './errors.ts';
export * as canned_acl from './canned_acl.ts';
export { PRIVATE, PUBLIC_READ, PUBLIC_READ_WRITE, type CannedAcl } from './canned_acl.ts';
export { ARGUMENT_TABLE, type ArgumentRow, type ArgumentType } from './validate.ts';
// BosContext is a class used only as a type (`client.context`); a type-only re-export of a
// class would still be declared as a value by the .d.ts bundler, so it is exported as an alias.
import type { BosContext as BosContextClass } from './http.ts';
export type BosContext = BosContextClass;
export type { CallOptions } from './http.ts';
export type { BosMetadata, BosMetadataWithEtag, BosResponse } from './response.ts';
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
  GetObjectToFileResponse,
  PresignOptions,
  PutObjectOptions,
  PutObjectResponse,
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
  UploadPartResponse,
} from './operations/multipart.ts';
