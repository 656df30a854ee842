/**
 * The high-level methods of `BosClient` (resumable, concurrent uploads,
 * downloads and copies over @yunstore/transfer, plus folder helpers), as
 * operation-table entries: each checks its arguments once, here (errors name
 * the parameter, before any request), then calls `transfer.ts` with the
 * client's context and its `transfer_limits`.
 */
import { isCheckpointStore, type TransferLimits } from '@yunstore/transfer';
import { splitOptional } from '../args.ts';
import { ValueError } from '../errors.ts';
import type { BosContext } from '../http.ts';
import { checkDestinationFile, checkDestinationFolder } from '../local-paths.ts';
import { checkOptions } from '../options.ts';
import * as ops from '../transfer.ts';
import { BOS_TRANSFER_LIMITS } from '../transfer-adapter.ts';
import { checkArgument, checkBucketName, checkCopyNames, checkKey, checkOptionalInt, checkUserMetadata, MAX_PUT_OBJECT_LENGTH } from '../validate.ts';

/** What `transfer.ts` plans with besides the context: the client's `transfer_limits`, BOS's own when unset. */
function common(ctx: BosContext): { limits: TransferLimits } {
  return { limits: ctx.transferLimits ?? BOS_TRANSFER_LIMITS };
}

function strings(method: string, args: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(args)) checkArgument(method, name, 'string', value);
}

function target(method: string, bucket_name: unknown, key: unknown, file_name: unknown): void {
  strings(method, { bucket_name, key, file_name });
  checkBucketName(bucket_name as string);
  checkKey(key as string);
}

function checkCheckpoint(method: string, value: unknown): void {
  if (value === undefined || typeof value === 'boolean' || (typeof value === 'string' && value !== '') || isCheckpointStore(value)) return;
  throw new TypeError(`${method}: arg "checkpoint" should be a boolean, a folder path or a store with load, save and remove`);
}

/** The options every transfer shares; also rejects a non-object options argument. */
function checkTransferOptions(
  method: string,
  o: ops.TransferCallOptions & { user_metadata?: unknown; checkpoint?: unknown; multipart_threshold?: unknown },
): void {
  if (typeof o !== 'object' || o === null) throw new TypeError(`${method}: options should be an object`);
  checkOptions(method, o);
  checkOptionalInt(method, 'part_size', o.part_size, 1, MAX_PUT_OBJECT_LENGTH);
  checkOptionalInt(method, 'thread_num', o.thread_num, 1, 1000);
  checkOptionalInt(method, 'max_concurrency', o.max_concurrency, 1, 1000);
  if (o.progress_callback !== undefined && typeof o.progress_callback !== 'function') {
    throw new TypeError(`${method}: arg "progress_callback" should be a function (consumed_bytes, total_bytes)`);
  }
  checkOptionalInt(method, 'multipart_threshold', o.multipart_threshold, 0, MAX_PUT_OBJECT_LENGTH);
  checkCheckpoint(method, o.checkpoint);
  checkUserMetadata(method, o.user_metadata as Record<string, string> | undefined);
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw new TypeError(`${method}: arg "signal" should be an AbortSignal`);
}

function checkFolderArgs(method: string, bucket_name: string, prefix: string, folder: string, options: ops.FolderTransferOptions): void {
  strings(method, { bucket_name, folder });
  checkBucketName(bucket_name);
  if (typeof prefix !== 'string') throw new TypeError(`${method}: arg "prefix" should be a string ('' for the whole bucket)`);
  if (prefix.startsWith('/')) throw new ValueError(`${method}: arg "prefix" should not start with "/"`);
  checkOptionalInt(method, 'file_concurrency', options.file_concurrency, 1, 1000);
  checkTransferOptions(method, options);
}

export async function uploadFile(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  file_name: string,
  options: ops.UploadFileOptions = {},
): Promise<ops.UploadFileResponse> {
  target('upload_file', bucket_name, key, file_name);
  checkTransferOptions('upload_file', options);
  return ops.uploadFile(ctx, common(ctx), bucket_name, key, file_name, options);
}

/** Both `put_super_obejct_from_file` (the SDK's spelling) and `put_super_object_from_file`; errors name the SDK's. */
export async function putSuperObjectFromFile(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  file_name: string,
  chunk_size?: number | ops.PutSuperObjectOptions,
  thread_num?: number | ops.PutSuperObjectOptions,
  options?: ops.PutSuperObjectOptions,
): Promise<boolean> {
  const method = 'put_super_obejct_from_file';
  target(method, bucket_name, key, file_name);
  const { options: o } = splitOptional<ops.PutSuperObjectOptions>(['chunk_size', 'thread_num'], [chunk_size, thread_num, options]);
  // Python: "chunk size ... should be more than 0 and not more than 5120" (MB).
  checkOptionalInt(method, 'chunk_size', o.chunk_size, 1, 5120);
  if (o.uploadTaskHandle !== undefined && !(o.uploadTaskHandle instanceof ops.UploadTaskHandle)) {
    throw new TypeError(`${method}: arg "uploadTaskHandle" should be an UploadTaskHandle`);
  }
  checkTransferOptions(method, o);
  return ops.putSuperObjectFromFile(ctx, common(ctx), bucket_name, key, file_name, o);
}

export async function downloadFile(
  ctx: BosContext,
  bucket_name: string,
  key: string,
  file_name: string,
  options: ops.DownloadFileOptions = {},
): Promise<ops.DownloadFileResponse> {
  target('download_file', bucket_name, key, file_name);
  checkTransferOptions('download_file', options);
  await checkDestinationFile('download_file', 'file_name', file_name, true);
  return ops.downloadFile(ctx, common(ctx), bucket_name, key, file_name, options);
}

export async function copy(
  ctx: BosContext,
  source_bucket_name: string,
  source_key: string,
  target_bucket_name: string,
  target_key: string,
  options: ops.CopyOptions = {},
): Promise<ops.CopyResponse> {
  strings('copy', { source_bucket_name, source_key, target_bucket_name, target_key });
  checkCopyNames(source_bucket_name, source_key, target_bucket_name, target_key);
  checkTransferOptions('copy', options);
  return ops.copy(ctx, common(ctx), { bucket: source_bucket_name, key: source_key }, { bucket: target_bucket_name, key: target_key }, options);
}

export async function uploadFolder(
  ctx: BosContext,
  bucket_name: string,
  prefix: string,
  folder: string,
  options: ops.FolderTransferOptions = {},
): Promise<ops.FolderObject[]> {
  checkFolderArgs('upload_folder', bucket_name, prefix, folder, options);
  return ops.uploadFolder(ctx, common(ctx), bucket_name, prefix, folder, options);
}

export async function downloadFolder(
  ctx: BosContext,
  bucket_name: string,
  prefix: string,
  folder: string,
  options: ops.FolderTransferOptions = {},
): Promise<ops.FolderObject[]> {
  checkFolderArgs('download_folder', bucket_name, prefix, folder, options);
  await checkDestinationFolder('download_folder', 'folder', folder);
  return ops.downloadFolder(ctx, common(ctx), bucket_name, prefix, folder, options);
}

export async function deletePrefix(
  ctx: BosContext,
  bucket_name: string,
  prefix: string,
  options: ops.DeletePrefixOptions = {},
): Promise<ops.DeletePrefixResponse> {
  strings('delete_prefix', { bucket_name, prefix });
  checkBucketName(bucket_name);
  checkTransferOptions('delete_prefix', options);
  return ops.deletePrefix(ctx, common(ctx), bucket_name, prefix, options);
}
