/**
 * Folder calls: upload_folder, download_folder and delete_prefix, on the
 * engine's folder functions through the NOS adapter. Objects move
 * concurrently with one progress total.
 */
import { deletePrefix, downloadFolder, uploadFolder, type DeleteFailure } from '@yunstore/transfer';
import { checkDownloadFolder } from './local-path.ts';
import type { NosContext } from './context.ts';
import { ClientException } from './errors.ts';
import { nosTransferAdapter, NOS_LIMITS } from './transfer-adapter.ts';
import {
  bytesParam,
  checkpointParam,
  commonOptions,
  countParam,
  DEFAULT_PART_SIZE,
  objectHeaders,
  runTransfer,
  type ResumableCallOptions,
  type TransferCallOptions,
} from './transfer-params.ts';
import { checkBucket, MAX_BODY, optionalBoolean } from './validate.ts';

export interface FolderParams extends ResumableCallOptions {
  bucket: string;
  /** The key prefix, used as a folder: `photos` and `photos/` both mean `photos/`; `''` is the whole bucket. */
  prefix: string;
  /** The local folder. */
  folder: string;
  /** Bytes per part (uploads: 16 KiB … 100 MiB) or per ranged GET. Default 8 MiB. */
  part_size?: number | undefined;
  /** Parts in flight for each large object (`max_concurrency` is objects at once). Default 2. */
  part_concurrency?: number | undefined;
}

export interface UploadFolderParams extends FolderParams {
  /** Files up to this many bytes go in one put_object (default `part_size`, at most 100 MiB). */
  multipart_threshold?: number | undefined;
  /** Headers for every uploaded object (`x-nos-meta-*`...). */
  meta_data?: Record<string, string> | undefined;
}

/** One transferred file. */
export interface FolderEntry {
  key: string;
  file_path: string;
  size: number;
}

export interface DeletePrefixParams extends Omit<TransferCallOptions, 'progress_callback'> {
  bucket: string;
  /** Every key starting with this string (used as given: no `/` is added). */
  prefix: string;
  /** `(deleted_keys, total_keys)` after each delete_objects request. */
  progress_callback?: ((deleted_keys: number, total_keys: number | undefined) => void) | undefined;
  /** `prefix: ''` deletes every object of the bucket and is refused unless this is true. */
  allow_empty_prefix?: boolean | undefined;
}

export interface DeletePrefixResult {
  /** Keys deleted. */
  deleted: number;
  /** Keys NOS refused to delete: `[{key, code, message}]` (the call still resolves). */
  errors: DeleteFailure[];
}

function folderCommon(p: FolderParams, partMin: number, partMax: number) {
  const bucket = checkBucket(p?.bucket);
  if (typeof p.prefix !== 'string') throw new ClientException('prefix must be a string');
  if (typeof p.folder !== 'string' || p.folder === '') throw new ClientException('folder must be a non-empty local path');
  return {
    bucket,
    prefix: p.prefix,
    folder: p.folder,
    partSize: bytesParam(p.part_size, 'part_size', DEFAULT_PART_SIZE, partMin, partMax),
    partConcurrency: countParam(p.part_concurrency, 'part_concurrency', 2),
    checkpoint: checkpointParam(p.checkpoint),
    ...commonOptions(p),
  };
}

function entries(list: Array<{ key: string; filePath: string; size: number }>): FolderEntry[] {
  return list.map((e) => ({ key: e.key, file_path: e.filePath, size: e.size }));
}

/** upload_folder({bucket, prefix, folder, ...}): every file under `folder` to `prefix/<relative path>`. */
export async function uploadFolderOp(ctx: NosContext, p: UploadFolderParams): Promise<FolderEntry[]> {
  const common = folderCommon(p, NOS_LIMITS.minPartSize, NOS_LIMITS.maxPartSize);
  const threshold = bytesParam(p.multipart_threshold, 'multipart_threshold', Math.min(common.partSize, MAX_BODY), 0, MAX_BODY);
  const adapter = nosTransferAdapter(ctx, { meta_data: objectHeaders(p.meta_data, undefined) });
  return entries(await runTransfer('upload_folder', common.signal, () => uploadFolder(adapter, { ...common, multipartThreshold: threshold })));
}

/**
 * download_folder({bucket, prefix, folder, ...}): every object under
 * `prefix/` into `folder` at its key minus the prefix. A key with a `..`
 * segment, an absolute path or a backslash refuses the whole download
 * (`UnsafeKeyError`) before anything is written.
 */
export async function downloadFolderOp(ctx: NosContext, p: FolderParams): Promise<FolderEntry[]> {
  const common = folderCommon(p, 1, Number.MAX_SAFE_INTEGER);
  await checkDownloadFolder(common.folder);
  const adapter = nosTransferAdapter(ctx);
  return entries(await runTransfer('download_folder', common.signal, () => downloadFolder(adapter, common)));
}

/** delete_prefix({bucket, prefix}): list_objects pages, then delete_objects of up to 1000 keys, `max_concurrency` at once. */
export async function deletePrefixOp(ctx: NosContext, p: DeletePrefixParams): Promise<DeletePrefixResult> {
  const bucket = checkBucket(p?.bucket);
  if (typeof p.prefix !== 'string') throw new ClientException('prefix must be a string');
  const allowEmpty = optionalBoolean(p.allow_empty_prefix, 'allow_empty_prefix') ?? false;
  if (p.prefix === '' && !allowEmpty) {
    throw new ClientException("prefix '' would delete every object of the bucket: pass allow_empty_prefix: true to mean it");
  }
  const common = commonOptions(p);
  const adapter = nosTransferAdapter(ctx);
  const out = await runTransfer('delete_prefix', common.signal, () =>
    deletePrefix(adapter, { ...common, bucket, prefix: p.prefix, allowEmptyPrefix: allowEmpty }),
  );
  return { deleted: out.deleted, errors: out.errors };
}
