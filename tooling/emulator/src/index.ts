// @yunstore/emulator — a local server speaking the COS, BOS, OOS and NOS wire dialects.
export {
  startEmulator,
  start_emulator,
  DIALECTS,
  DEFAULT_MIN_PART_SIZE,
  DEFAULT_VIRTUAL_HOST_SUFFIXES,
  type Emulator,
  type EmulatorOptions,
} from './server.ts';
export { parseBucketSpec, parseBuckets, type InitialBucket } from './buckets.ts';
export {
  createCredentials,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_SECRET_ACCESS_KEY,
  DEFAULT_OWNER,
  type AccessKey,
  type EmulatorCredentials,
  type InitialAccessKey,
} from './credentials.ts';
export {
  createFaults,
  delay,
  InjectedResetError,
  type EmulatorFaults,
  type FaultConfig,
  type FaultController,
  type FaultDecision,
  type FaultRule,
  type FaultStats,
} from './faults.ts';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory.ts';
export { createFolderStore, type FolderStoreOptions } from './store/folder.ts';
export { createDiscardStore, type DiscardStoreOptions } from './store/discard.ts';
export {
  BadDigestError,
  IncompleteBodyError,
  StoreConflictError,
  StoreNotFoundError,
  type BucketRecord,
  type ByteRange,
  type DeleteMarkerRecord,
  type ListOptions,
  type ObjectRecord,
  type ObjectRef,
  type ObjectStore,
  type PartRecord,
  type PutOptions,
  type RemoveResult,
  type UploadRecord,
  type VersionListOptions,
  type VersionPage,
  type VersionRecord,
} from './store/types.ts';
export type { CreateDialect, DialectContext, DialectHandler, DialectName } from './dialects/types.ts';
export { createPipeline, type DialectHooks, type ErrorAnswer, type DialectExchange, type WireError } from './pipeline.ts';
