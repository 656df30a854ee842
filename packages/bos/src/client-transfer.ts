/**
 * The high-level half of `BosClient`: resumable, concurrent uploads,
 * downloads and copies over @yunstore/transfer, plus folder helpers. Each
 * method validates its arguments once, here (errors name the parameter,
 * before any request), then forwards to `transfer.ts`.
 */
import { isCheckpointStore, type TransferLimits } from '@yunstore/transfer';
import { splitOptional } from './args.ts';
import { BosObjectMethods } from './client-objects.ts';
import { ValueError } from './errors.ts';
import { checkDestinationFile, checkDestinationFolder } from './local-paths.ts';
import { checkOptions } from './options.ts';
import * as ops from './transfer.ts';
import { BOS_TRANSFER_LIMITS } from './transfer-adapter.ts';
import { checkArgument, checkBucketName, checkCopyNames, checkKey, checkOptionalInt, checkUserMetadata, MAX_PUT_OBJECT_LENGTH } from './validate.ts';

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

export class BosTransferMethods extends BosObjectMethods {
  /**
   * The limits the high-level calls plan parts with (BOS: 10000 parts, 5 MiB minimum part,
   * 5 GiB maximum part and single copy). Lower `minPartSize` only for a server that accepts
   * smaller parts, such as `@yunstore/emulator` started with `minPartSize`.
   */
  transfer_limits: TransferLimits = { ...BOS_TRANSFER_LIMITS };

  #common(): { limits: TransferLimits } {
    return { limits: this.transfer_limits };
  }

  /**
   * Uploads a local file: one PUT up to `multipart_threshold` (default: the part size), otherwise
   * a concurrent multipart upload, resumable by default (`checkpoint: true`). Resolves the new
   * object's `e_tag`, `size` and how many parts were sent or reused.
   */
  async upload_file(bucket_name: string, key: string, file_name: string, options: ops.UploadFileOptions = {}): Promise<ops.UploadFileResponse> {
    target('upload_file', bucket_name, key, file_name);
    checkTransferOptions('upload_file', options);
    return ops.uploadFile(this.context, this.#common(), bucket_name, key, file_name, options);
  }

  /**
   * Python's `put_super_obejct_from_file(bucket_name, key, file_name, chunk_size=5, thread_num=None, ...)`
   * (the SDK's own spelling): a multipart upload in `chunk_size` MB parts, `thread_num` at once.
   * Resolves `true`, or `false` when cancelled through `uploadTaskHandle`.
   */
  async put_super_obejct_from_file(
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
    return ops.putSuperObjectFromFile(this.context, this.#common(), bucket_name, key, file_name, o);
  }

  /** Correctly spelled alias of `put_super_obejct_from_file`, with the same arguments. */
  async put_super_object_from_file(...args: Parameters<BosTransferMethods['put_super_obejct_from_file']>): Promise<boolean> {
    return this.put_super_obejct_from_file(...args);
  }

  /**
   * Downloads an object with concurrent ranged GETs into a temporary file beside `file_name`,
   * renamed into place when every byte is there; resumable by default (`checkpoint: true`).
   * Missing folders are created. The destination is checked before the first request
   * (`BceInvalidArgumentError` for a folder, or a path under a file or a read-only folder);
   * a missing key fails with `code` `'NoSuchKey'`.
   */
  async download_file(bucket_name: string, key: string, file_name: string, options: ops.DownloadFileOptions = {}): Promise<ops.DownloadFileResponse> {
    target('download_file', bucket_name, key, file_name);
    checkTransferOptions('download_file', options);
    await checkDestinationFile('download_file', 'file_name', file_name, true);
    return ops.downloadFile(this.context, this.#common(), bucket_name, key, file_name, options);
  }

  /**
   * Server-side copy with progress and retries, argument order as `copy_object`: one CopyObject up
   * to 5 GiB, a multipart copy (UploadPartCopy parts) above that. The source's metadata is kept
   * unless `user_metadata` is given.
   */
  async copy(
    source_bucket_name: string,
    source_key: string,
    target_bucket_name: string,
    target_key: string,
    options: ops.CopyOptions = {},
  ): Promise<ops.CopyResponse> {
    strings('copy', { source_bucket_name, source_key, target_bucket_name, target_key });
    checkCopyNames(source_bucket_name, source_key, target_bucket_name, target_key);
    checkTransferOptions('copy', options);
    return ops.copy(this.context, this.#common(), { bucket: source_bucket_name, key: source_key }, { bucket: target_bucket_name, key: target_key }, options);
  }

  /** Uploads every file under `folder` to `prefix` + its relative path (`/` separators). */
  async upload_folder(bucket_name: string, prefix: string, folder: string, options: ops.FolderTransferOptions = {}): Promise<ops.FolderObject[]> {
    this.#folderArgs('upload_folder', bucket_name, prefix, folder, options);
    return ops.uploadFolder(this.context, this.#common(), bucket_name, prefix, folder, options);
  }

  /**
   * Downloads every object under `prefix` into `folder` (created if missing); a key that would land
   * outside it is refused (`UnsafeKeyError`) before anything is written, and so is a `folder` that
   * is a file or sits under one (`BceInvalidArgumentError`).
   */
  async download_folder(bucket_name: string, prefix: string, folder: string, options: ops.FolderTransferOptions = {}): Promise<ops.FolderObject[]> {
    this.#folderArgs('download_folder', bucket_name, prefix, folder, options);
    await checkDestinationFolder('download_folder', 'folder', folder);
    return ops.downloadFolder(this.context, this.#common(), bucket_name, prefix, folder, options);
  }

  /** Deletes every object whose key starts with `prefix` (used as given). An empty prefix is refused. */
  async delete_prefix(bucket_name: string, prefix: string, options: ops.DeletePrefixOptions = {}): Promise<ops.DeletePrefixResponse> {
    strings('delete_prefix', { bucket_name, prefix });
    checkBucketName(bucket_name);
    checkTransferOptions('delete_prefix', options);
    return ops.deletePrefix(this.context, this.#common(), bucket_name, prefix, options);
  }

  #folderArgs(method: string, bucket_name: string, prefix: string, folder: string, options: ops.FolderTransferOptions): void {
    strings(method, { bucket_name, folder });
    checkBucketName(bucket_name);
    if (typeof prefix !== 'string') throw new TypeError(`${method}: arg "prefix" should be a string ('' for the whole bucket)`);
    if (prefix.startsWith('/')) throw new ValueError(`${method}: arg "prefix" should not start with "/"`);
    checkOptionalInt(method, 'file_concurrency', options.file_concurrency, 1, 1000);
    checkTransferOptions(method, options);
  }
}

/** Python name → camelCase alias of the high-level calls (`copy` is its own camelCase name). */
export const TRANSFER_METHOD_ALIASES = {
  upload_file: 'uploadFile',
  download_file: 'downloadFile',
  put_super_obejct_from_file: 'putSuperObejctFromFile',
  put_super_object_from_file: 'putSuperObjectFromFile',
  upload_folder: 'uploadFolder',
  download_folder: 'downloadFolder',
  delete_prefix: 'deletePrefix',
} as const;
