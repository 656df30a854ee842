/**
 * @yunstore/oos — the CTYun OOS Python SDK (boto3 style) in TypeScript.
 *
 * ```ts
 * import { oos, Config } from '@yunstore/oos';   // Python: import oos
 * const s3 = oos.client('s3', { endpoint_url: 'http://oos-hz.ctyunapi.cn', access_key_id, secret_access_key, config: new Config({ signature_version: 's3' }) });
 * ```
 */
import { client } from './client.ts';
import { Config } from './config.ts';
import { exceptions } from './errors.ts';
import { encode_params } from './iam.ts';
import { TransferConfig } from './transfer-config.ts';

export { client, IamClient, S3Client, S3_OPERATIONS, type ClientOptions, type Methods } from './client.ts';
export { Config, type ConfigOptions, type RetriesOptions } from './config.ts';
export {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  ClientError,
  exceptions,
  NoSuchBucket,
  NoSuchKey,
  NoSuchUpload,
  OperationNotPageableError,
  PaginationError,
  ParamValidationError,
  type ErrorResponse,
} from './errors.ts';
export { CredentialRetrievalError, type CredentialsProvider, type RefreshMetadata, type StsCredentials } from './credentials.ts';
export { encode_params, type AccessKey, type CreateAccessKeyOutput, type IamRequest, type ListAccessKeyOutput } from './iam.ts';
export { StreamingBody } from './streaming-body.ts';
export { TransferConfig, type TransferConfigOptions } from './transfer-config.ts';
export type {
  CopyExtraArgs,
  CopyMethod,
  CopyRequest,
  DownloadExtraArgs,
  DownloadFileMethod,
  DownloadFileobjMethod,
  DownloadFileobjRequest,
  DownloadFileRequest,
  SourceClient,
  TransferConfigInput,
  UploadExtraArgs,
  UploadFileMethod,
  UploadFileobjMethod,
  UploadFileobjRequest,
  UploadFileRequest,
} from './transfer.ts';
export type { TransferCallback, TransferCallOptions } from './transfer-args.ts';
export { OOS_TRANSFER_LIMITS, type CopySourceConditions } from './transfer-adapter.ts';
export type { GeneratePresignedUrlMethod, GeneratePresignedUrlRequest } from './presign.ts';
export type { Abortable } from './operations/define.ts';
export type { OosResponse, Owner, ResponseMetadata } from './operations/shape.ts';
// Named, not `export type *`: the .d.ts bundler drops the `type` of a star export and would
// declare every operation function of these modules as a value export that does not exist.
export type {
  BucketRequest,
  CannedAcl,
  CreateBucketConfiguration,
  CreateBucketOutput,
  CreateBucketRequest,
  GetBucketAclOutput,
  Grant,
  ListBucketsOutput,
  ListObjectsOutput,
  ListObjectsRequest,
  ObjectSummary,
} from './operations/bucket.ts';
export type {
  GetBucketTriggerOutput,
  LifecycleRule,
  LifecycleRuleOutput,
  LoggingEnabled,
  RemoteSite,
  RemoteSiteInput,
  Trigger,
  TriggerOutput,
  WebsiteConfiguration,
} from './operations/config.ts';
export type {
  CopyObjectOutput,
  CopyObjectRequest,
  CopyResult,
  DeleteObjectsOutput,
  DeleteObjectsRequest,
  GetObjectOutput,
  GetObjectRequest,
  ObjectRequest,
  PutObjectOutput,
  PutObjectRequest,
} from './operations/object.ts';
export type {
  CompleteMultipartUploadOutput,
  CompleteMultipartUploadRequest,
  ListMultipartUploadsOutput,
  ListMultipartUploadsRequest,
  ListPartsOutput,
  Part,
  Upload,
  UploadPartCopyRequest,
  UploadPartRequest,
  UploadRequest,
} from './operations/multipart.ts';
export type { ConditionParams, CopySource, ObjectHeaderParams, ObjectHeadersOutput } from './operations/headers.ts';
// The documented client methods, their request/response types, and boto3's paginators.
export type { CamelCaseMethods, IamMethods, S3HelperMethods, S3Methods } from './methods.ts';
export type { IamMethodsCamelCase } from './iam-methods-camel.ts';
export type { S3MethodsCamelCase } from './methods-camel.ts';
export type {
  FullResult,
  GetPaginatorMethod,
  PageIterator,
  PaginateParams,
  PaginationConfig,
  Paginator,
  Paginators,
} from './paginate.ts';
export type { PutBucketAclRequest } from './operations/bucket.ts';
export type {
  DeleteBucketTriggerRequest,
  GetBucketLifecycleOutput,
  GetBucketLoggingOutput,
  GetBucketPolicyOutput,
  GetBucketWebsiteOutput,
  PutBucketLifecycleRequest,
  PutBucketLoggingRequest,
  PutBucketPolicyRequest,
  PutBucketTriggerRequest,
  PutBucketWebsiteRequest,
} from './operations/config.ts';
export type { GetObjectAclOutput, HeadObjectOutput, HeadObjectRequest, PutObjectAclRequest } from './operations/object.ts';
export type {
  CreateMultipartUploadOutput,
  CreateMultipartUploadRequest,
  ListPartsRequest,
  UploadPartCopyOutput,
  UploadPartOutput,
} from './operations/multipart.ts';

/** camelCase alias of `encode_params`. */
export const encodeParams = encode_params;

/** The `oos` namespace of the Python SDK: `oos.client(...)`, `oos.Config`, `oos.exceptions`, `oos.encode_params`, and boto3's `TransferConfig`. */
export const oos = { client, Config, exceptions, encode_params, encodeParams, TransferConfig } as const;
