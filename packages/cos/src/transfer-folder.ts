/**
 * Folder transfers. Seed 004 documents three recipes (批量上传 / 批量下载 /
 * 批量删除: a local folder to COS, a COS "directory" to a local folder,
 * deleting a "directory") that Python users write by hand from
 * upload_file / download_file / list_objects / delete_objects and a thread
 * pool. The Python SDK has no method for them; these are yunstore
 * additions, with the seed's parameter vocabulary (Bucket, Prefix,
 * PartSize, MAXThread, EnableCRC, progress_callback).
 */
import { deletePrefix, downloadFolder, uploadFolder, type FolderEntry } from '@yunstore/transfer';
import type { CosContext } from './context.ts';
import { CosClientError } from './errors.ts';
import { checkDestinationFolder } from './local-paths.ts';
import type { ObjectWriteParams } from './operations/object.ts';
import type { BucketParams } from './operations/params.ts';
import { cosTransferAdapter } from './transfer-adapter.ts';
import {
  booleanOf,
  bytesOf,
  checkpointOf,
  maxThreadOf,
  partSizeOf,
  pathOf,
  progressOf,
  runTransfer,
  signalOption,
  type ResumableCallOptions,
  type TransferCallOptions,
} from './transfer-options.ts';
import { UPLOAD_SINGLE_PUT_LIMIT } from './transfer.ts';
import { bucketOf } from './operations/params.ts';
import { describe } from './validate.ts';

interface FolderCommon extends BucketParams, ResumableCallOptions {
  /** The COS "directory", e.g. `'data/'`; a missing trailing `/` is added. `''` is the whole bucket. */
  Prefix?: string;
  /** The local folder, e.g. `'/root/logs'`. */
  LocalFolder: string;
  /** Files (objects) transferred at once (default 5). */
  MAXThread?: number;
  /** Parts in flight for each large file (default 2): at most MAXThread x PartThread requests. */
  PartThread?: number;
}

export interface UploadFolderParams extends FolderCommon, ObjectWriteParams {
  /** Part size in MB for files above 20 MB (default 1). */
  PartSize?: number;
  EnableMD5?: boolean;
  TrafficLimit?: number | string;
  /** Files up to this many bytes go in one put_object (default 20 MB). */
  multipart_threshold?: number;
}

export interface DownloadFolderParams extends FolderCommon {
  /** Part size in MB (default 20). */
  PartSize?: number;
  /** CRC-64 check of every file (default `false`, as `download_file`). */
  EnableCRC?: boolean;
  TrafficLimit?: number | string;
}

export interface DeleteFolderParams extends BucketParams, TransferCallOptions {
  /** The "directory" to delete, e.g. `'folder/'`; a missing trailing `/` is added; `''` is refused. */
  Prefix: string;
  /** delete_objects requests (1000 keys each) at once (default 5). */
  MAXThread?: number;
}

/** One transferred file: its key, local path and size. */
export interface FolderFile {
  Key: string;
  LocalFilePath: string;
  Size: number;
}

/** delete_folder's answer: how many keys went, and the ones COS refused (as delete_objects' `Error`). */
export interface DeleteFolderResponse {
  Deleted: number;
  Error: Array<{ Key: string; Code: string; Message: string }>;
}

function prefixOf(params: Record<string, unknown>, allowEmpty: boolean): string {
  const value = params['Prefix'] ?? '';
  if (typeof value !== 'string') {
    throw new CosClientError(`Prefix must be a string (got ${describe(value)})`, { code: 'InvalidArgument' });
  }
  const prefix = value.replace(/^\/+/, '');
  if (prefix === '') {
    if (allowEmpty) return '';
    throw new CosClientError("Prefix must name a directory such as 'folder/' (an empty Prefix would delete the whole bucket)", {
      code: 'InvalidArgument',
    });
  }
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

function partThreadOf(params: Record<string, unknown>): number {
  return maxThreadOf({ MAXThread: params['PartThread'] ?? 2 }, 2);
}

/**
 * The arguments upload_folder and download_folder both start with, read in
 * this order so the first bad one is the one reported. `PartSize` defaults
 * differ (MB): 1 for uploads, 20 for downloads, as upload_file / download_file.
 */
function folderArgsOf(
  ctx: CosContext,
  params: Record<string, unknown>,
  defaultPartSizeMb: number,
): { bucket: string; folder: string; prefix: string; partSize: number; concurrency: number; partConcurrency: number } {
  return {
    bucket: bucketOf(ctx, params),
    folder: pathOf(params, 'LocalFolder'),
    prefix: prefixOf(params, true),
    partSize: partSizeOf(params, defaultPartSizeMb),
    concurrency: maxThreadOf(params),
    partConcurrency: partThreadOf(params),
  };
}

const files = (entries: FolderEntry[]): FolderFile[] => entries.map((e) => ({ Key: e.key, LocalFilePath: e.filePath, Size: e.size }));

/**
 * upload_folder(Bucket, Prefix, LocalFolder, PartSize=1, MAXThread=5, **kwargs) → `[{Key, LocalFilePath, Size}]`.
 * Every file under LocalFolder goes to `Prefix + <relative path>` (`/` separators), as upload_file would send it.
 */
export async function uploadFolderOp(ctx: CosContext, params: Record<string, unknown>): Promise<FolderFile[]> {
  const common = folderArgsOf(ctx, params, 1);
  booleanOf(params, 'EnableMD5');
  const threshold = bytesOf(params, 'multipart_threshold') ?? UPLOAD_SINGLE_PUT_LIMIT;
  const options = signalOption(params);
  const adapter = cosTransferAdapter(ctx, { kwargs: params });
  const entries = await runTransfer('upload_folder', options.signal, () =>
    uploadFolder(adapter, {
      ...common,
      multipartThreshold: threshold,
      checkpoint: checkpointOf(params),
      ...progressOf(params),
      ...options,
    }),
  );
  return files(entries);
}

/**
 * download_folder(Bucket, Prefix, LocalFolder, PartSize=20, MAXThread=5, EnableCRC, **kwargs) → `[{Key, LocalFilePath, Size}]`.
 * Every object under Prefix lands at `LocalFolder/<key minus Prefix>`; keys
 * ending in `/` become folders. A key that would land outside LocalFolder
 * (`..`, an absolute path, a backslash) refuses the whole call before
 * anything is written (CosClientError code `UnsafeKey`).
 */
export async function downloadFolderOp(ctx: CosContext, params: Record<string, unknown>): Promise<FolderFile[]> {
  const common = folderArgsOf(ctx, params, 20);
  const verifyCrc64 = booleanOf(params, 'EnableCRC') ?? false;
  const options = signalOption(params);
  await checkDestinationFolder(common.folder, 'LocalFolder');
  const adapter = cosTransferAdapter(ctx, { kwargs: params });
  const entries = await runTransfer('download_folder', options.signal, () =>
    downloadFolder(adapter, {
      ...common,
      verifyCrc64,
      checkpoint: checkpointOf(params),
      ...progressOf(params),
      ...options,
    }),
  );
  return files(entries);
}

/**
 * delete_folder(Bucket, Prefix, MAXThread=5) → `{Deleted, Error}`: lists
 * every key under Prefix and deletes them with delete_objects, 1000 a request.
 * `progress_callback(deleted_keys, total_keys)`.
 */
export async function deleteFolderOp(ctx: CosContext, params: Record<string, unknown>): Promise<DeleteFolderResponse> {
  const bucket = bucketOf(ctx, params);
  const prefix = prefixOf(params, false);
  const concurrency = maxThreadOf(params);
  const options = signalOption(params);
  const adapter = cosTransferAdapter(ctx);
  const out = await runTransfer('delete_folder', options.signal, () =>
    deletePrefix(adapter, { bucket, prefix, concurrency, ...progressOf(params), ...options }),
  );
  return { Deleted: out.deleted, Error: out.errors.map((e) => ({ Key: e.key, Code: e.code, Message: e.message })) };
}
