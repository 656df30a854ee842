/**
 * @yunstore/transfer — the vendor-agnostic transfer engine: concurrent,
 * resumable, bounded-memory upload, download and copy, folder transfers,
 * through a small structural `TransferAdapter` each vendor package provides.
 */
export type {
  AdapterBase,
  CompletedPart,
  CompleteResult,
  CopyCapability,
  CopySourceRef,
  DeleteFailure,
  DownloadCapability,
  FailureClass,
  ListedObject,
  ListPage,
  ObjectInfo,
  ObjectRef,
  PartsPage,
  PrefixCapability,
  ServerPart,
  TransferAdapter,
  TransferLimits,
  UploadCapability,
  WithSignal,
} from './adapter.ts';
export {
  clearCheckpoints,
  listCheckpoints,
  type CheckpointFile,
  type ClearCheckpointsOptions,
  checkpointId,
  defaultCheckpointDir,
  folderCheckpointStore,
  isCheckpointStore,
  memoryCheckpointStore,
  type CheckpointOption,
  type CheckpointStore,
} from './checkpoint.ts';
export { copyObject, DEFAULT_COPY_PART_SIZE, type CopyOutcome, type CopyParams } from './copy.ts';
export { downloadFile, type DownloadFileParams, type DownloadOutcome } from './download.ts';
export { downloadStream, type DownloadStreamParams } from './download-stream.ts';
export { IntegrityError, UnsafeKeyError } from './errors.ts';
export {
  DELETE_BATCH,
  deletePrefix,
  downloadFolder,
  listLocalFiles,
  uploadFolder,
  type DeletePrefixOutcome,
  type DeletePrefixParams,
  type FolderEntry,
  type FolderOptions,
  type UploadFolderParams,
} from './folder.ts';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_PART_RETRIES,
  DEFAULT_PART_SIZE,
  type ResumableOptions,
  type TransferOptions,
} from './options.ts';
export { choosePartSize, DEFAULT_LIMITS, GiB, KiB, MiB, partAt, planParts, TiB, type PartPlan, type PlannedPart } from './parts.ts';
export { isRetryableError } from './pool.ts';
export type { ProgressCallback } from './progress.ts';
export { folderPrefix, safeJoin } from './safe-path.ts';
export { findDestinationFault, type DestinationFault, type DestinationOptions } from './local-destination.ts';
export type { StreamSource } from './stream-parts.ts';
export { uploadFile, type UploadCommonOptions, type UploadFileParams, type UploadOutcome } from './upload.ts';
export { uploadStream, type UploadStreamParams } from './upload-stream.ts';
export { abortUpload, listAllParts } from './upload-server.ts';
export { classifyFailure, defaultClassify, MalformedAnswerError } from './verdict.ts';
