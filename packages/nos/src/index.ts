/**
 * @yunstore/nos: the NOS Python SDK (`nos.Client`, `nos.exceptions`) in TypeScript.
 *
 *   import { nos } from '@yunstore/nos';
 *   const client = new nos.Client({ access_key_id, access_key_secret });
 *   const { etag } = await client.put_object({ bucket: 'b', key: 'k', body: 'hello' });
 */
export { Client, CAMEL_CASE_ALIASES, HIGH_LEVEL_ALIASES, type ClientOptions } from './client.ts';
export type { NosMethods } from './methods.ts';
export type { NosMethodsCamelCase } from './methods-camel.ts';
export * from './errors.ts';
export { NosElement, parseElement, LIST_TAGS, SEED_SPELLINGS } from './element.ts';
export { StreamingBody, MAX_READ_BYTES } from './streaming-body.ts';
export type { ListAllObjectsParams } from './list-all.ts';
export type { NosCredentialsProvider, NosProvidedCredentials } from './credentials.ts';
export {
  Transport,
  DEFAULT_END_POINT,
  nosRetryPolicy,
  type NosTransport,
  type NosTransportClass,
  type NosRequest,
  type NosResponse,
  type TransportOptions,
  type Dispatcher,
  USER_AGENT,
} from './transport.ts';
export { addressNos, type NosCall } from './address.ts';
export type * from './operations/types.ts';
export type {
  DeleteObjectParams,
  DeleteObjectsParams,
  DeleteKey,
  GetObjectParams,
  HeadObjectParams,
  ListObjectsParams,
  PutObjectParams,
  CopyObjectParams,
} from './operations/object.ts';
export type {
  CreateMultipartUploadParams,
  UploadPartParams,
  PartInfo,
  CompleteMultipartUploadParams,
  UploadIdParams,
  ListPartsParams,
  ListMultipartUploadsParams,
} from './operations/multipart.ts';
export type { NosBodyInput } from './validate.ts';
export {
  nosTransferAdapter,
  NOS_LIMITS,
  nosClassify,
  type NosAdapterOptions,
  type NosTransferResult,
} from './transfer-adapter.ts';
export type {
  UploadFileParams,
  UploadResult,
  DownloadFileParams,
  DownloadResult,
  UploadStreamParams,
  DownloadStreamParams,
  CopyParams,
  CopyResult,
  NewObjectOptions,
} from './transfer.ts';
export type { FolderParams, UploadFolderParams, FolderEntry, DeletePrefixParams, DeletePrefixResult } from './transfer-folder.ts';
export type { TransferCallOptions, ResumableCallOptions } from './transfer-params.ts';
export { DEFAULT_PRESIGN_EXPIRES, type GeneratePresignedUrlParams } from './presign.ts';
// The engine's errors and checkpoint stores, so callers need not import @yunstore/transfer.
export { IntegrityError, UnsafeKeyError, folderCheckpointStore, memoryCheckpointStore, type CheckpointStore } from '@yunstore/transfer';

/**
 * The Python module layout (a named export, so CommonJS and ESM see the same
 * names): `nos.Client`, `nos.transport.Transport`, `nos.exceptions.NotFoundError`,
 * usable as values and as types (`let c: nos.Client`).
 */
export * as nos from './nos-namespace.ts';
