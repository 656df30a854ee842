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
  ParamValidationError,
  type ErrorResponse,
} from './errors.ts';
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
export type * from './operations/bucket.ts';
export type * from './operations/config.ts';
export type * from './operations/object.ts';
export type * from './operations/multipart.ts';
export type { ConditionParams, CopySource, ObjectHeaderParams, ObjectHeadersOutput } from './operations/headers.ts';

/** camelCase alias of `encode_params`. */
export const encodeParams = encode_params;

/** The `oos` namespace of the Python SDK: `oos.client(...)`, `oos.Config`, `oos.exceptions`, `oos.encode_params`, and boto3's `TransferConfig`. */
export const oos = { client, Config, exceptions, encode_params, encodeParams, TransferConfig } as const;
