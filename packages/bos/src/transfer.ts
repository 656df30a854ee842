/**
 * The high-level transfers (upload_file, download_file, copy,
 * put_super_obejct_from_file, folders) as plain functions of a `BosContext`:
 * each builds the call's adapter, hands the work to @yunstore/transfer and
 * shapes the outcome like the rest of the client (snake_case, `metadata`).
 * Arguments are validated by the facade (`methods/transfer.ts`), not here.
 */
import { availableParallelism } from 'node:os';
import {
  copyObject as engineCopy,
  deletePrefix as engineDeletePrefix,
  downloadFile as engineDownload,
  downloadFolder as engineDownloadFolder,
  MiB,
  uploadFile as engineUpload,
  uploadFolder as engineUploadFolder,
  type CheckpointOption,
  type FolderOptions,
  type ProgressCallback,
  type TransferLimits,
} from '@yunstore/transfer';
import { BceHttpClientError } from './errors.ts';
import type { BosContext, CallOptions } from './http.ts';
import { abortedError } from './http-hooks.ts';
import { getObjectMetaData } from './operations/object.ts';
import type { BosMetadata, BosResponse } from './response.ts';
import { bosTransferAdapter, objectInfoOf, type BosAdapterOptions, type BosTransferResult } from './transfer-adapter.ts';

/** Options every high-level transfer takes (Python keyword names). */
export interface TransferCallOptions extends CallOptions {
  /** Bytes per part, e.g. `8 * 1024 * 1024`; raised to BOS's 5 MiB minimum, and further when a file would need more than 10000 parts. Default 8 MiB. */
  part_size?: number;
  /** Parts (requests) in flight at once, e.g. `5`. Default 4. */
  thread_num?: number;
  /** The same as `thread_num` (the boto3 / COS name). */
  max_concurrency?: number;
  /** `(consumed_bytes, total_bytes)` as bytes move: monotonic, the last call has consumed_bytes === total_bytes. */
  progress_callback?: (consumed_bytes: number, total_bytes: number) => void;
}

/** What a call's `checkpoint` option accepts: `true` (the default folder), a folder path, `false`, or a store. */
export type { CheckpointOption };

export interface UploadFileOptions extends TransferCallOptions {
  /**
   * Resume: `true` (default) keeps a small JSON record in `os.tmpdir()/yunstore-checkpoints`, a string
   * keeps it in that folder, `false` turns resume off. With a record, a failed or aborted upload keeps
   * its multipart upload, and the next call for the same bucket, key, file and part size sends only
   * the parts BOS does not have yet (after checking the file is unchanged).
   */
  checkpoint?: CheckpointOption;
  /** Files up to this many bytes go in one PUT. Default: the part size. */
  multipart_threshold?: number;
  content_type?: string;
  user_metadata?: Record<string, string>;
  storage_class?: string;
  user_headers?: Record<string, string>;
}

export interface UploadFileResponse extends BosResponse {
  bucket: string;
  key: string;
  /** ETag of the new object, without quotes. */
  e_tag: string;
  etag: string;
  /** `complete_multipart_upload`'s location (multipart only). */
  location?: string;
  /** The multipart upload id (multipart only). */
  upload_id?: string;
  size: number;
  /** The part size used (multipart only). */
  part_size?: number;
  /** Parts sent by this call, and parts an earlier interrupted call had already sent. */
  parts_sent: number;
  parts_reused: number;
}

export interface DownloadFileOptions extends TransferCallOptions {
  /** Resume, as for `upload_file` (default `true`): a failed download keeps its partial temporary file. */
  checkpoint?: CheckpointOption;
}

export interface DownloadFileResponse extends BosResponse {
  file_name: string;
  size: number;
  e_tag: string;
  etag: string;
  parts_fetched: number;
  parts_reused: number;
}

/**
 * `part_size` and `thread_num` apply to objects above `transfer_limits.maxSingleCopy` (5 GiB),
 * which are copied in UploadPartCopy parts; the default part size is then 64 MiB.
 */
export interface CopyOptions extends TransferCallOptions {
  /** Copy only if the source's ETag is this. */
  etag?: string;
  content_type?: string;
  /** Given → the copy gets exactly these; absent → the source's metadata is kept. */
  user_metadata?: Record<string, string>;
  storage_class?: string;
}

export interface CopyResponse extends BosResponse {
  e_tag: string;
  etag: string;
  last_modified?: string;
  size: number;
}

/** Python's cancel handle of `put_super_obejct_from_file`: `cancel()` stops the upload, which then resolves `false`. */
export class UploadTaskHandle {
  readonly #controller = new AbortController();
  cancel(): void {
    this.#controller.abort(new Error('put_super_obejct_from_file was cancelled through its UploadTaskHandle'));
  }
  is_cancel(): boolean {
    return this.#controller.signal.aborted;
  }
  /** Aborts when `cancel()` is called. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }
}

export interface PutSuperObjectOptions extends CallOptions {
  /** Part size in MB, 1..5120 (Python's default 5). */
  chunk_size?: number;
  /** Parts in flight; default the number of CPUs, as in Python. */
  thread_num?: number;
  uploadTaskHandle?: UploadTaskHandle;
  content_type?: string;
  storage_class?: string;
  user_headers?: Record<string, string>;
  user_metadata?: Record<string, string>;
  progress_callback?: (consumed_bytes: number, total_bytes: number) => void;
  /** Off by default, as in Python; see `UploadFileOptions.checkpoint`. */
  checkpoint?: CheckpointOption;
}

export interface FolderTransferOptions extends TransferCallOptions {
  /** Objects moved at once (default 4); `thread_num` is the parts in flight per large object (default 2). */
  file_concurrency?: number;
  /** Per-file resume, as for `upload_file` / `download_file`; default `false` for folders. */
  checkpoint?: CheckpointOption;
  /** `upload_folder` only: files up to this size go in one PUT. */
  multipart_threshold?: number;
}

export interface FolderObject {
  key: string;
  file_name: string;
  size: number;
}

export interface DeletePrefixOptions extends CallOptions {
  /** Delete requests in flight (default 4 batches of 1000 keys). */
  thread_num?: number;
  /** `(deleted_keys, total_keys)` after each batch. */
  progress_callback?: (consumed: number, total: number) => void;
}

export interface DeletePrefixResponse {
  deleted: number;
  errors: Array<{ key: string; code: string; message: string }>;
}

/** Adapter options shared by every call: per-call config and the client's limits. */
interface Common {
  limits: TransferLimits;
}

function progress(callback: TransferCallOptions['progress_callback']): { onProgress?: ProgressCallback } {
  return callback ? { onProgress: (consumed, total) => callback(consumed, total ?? consumed) } : {};
}

function engineOptions(o: TransferCallOptions): { partSize?: number; concurrency?: number; signal?: AbortSignal; onProgress?: ProgressCallback } {
  const concurrency = o.thread_num ?? o.max_concurrency;
  return {
    ...(o.part_size !== undefined ? { partSize: o.part_size } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...progress(o.progress_callback),
  };
}

function adapterOptions(common: Common, o: CallOptions & Omit<BosAdapterOptions, 'limits'>): BosAdapterOptions {
  const picked: BosAdapterOptions = { limits: common.limits };
  for (const name of ['config', 'content_type', 'user_metadata', 'storage_class', 'user_headers', 'etag'] as const) {
    if (o[name] !== undefined) Object.assign(picked, { [name]: o[name] });
  }
  return picked;
}

/**
 * Runs an engine call; when the caller's signal aborted it, rejects as every
 * other method does: `BceHttpClientError` whose `last_error.code` is `'ABORTED'`.
 */
async function run<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!signal?.aborted || (error instanceof BceHttpClientError && error.code === 'ABORTED')) throw error;
    throw abortedError('transfer', signal);
  }
}

export async function uploadFile(
  ctx: BosContext,
  common: Common,
  bucket: string,
  key: string,
  fileName: string,
  o: UploadFileOptions,
): Promise<UploadFileResponse> {
  const adapter = bosTransferAdapter(ctx, adapterOptions(common, o));
  const outcome = await run(o.signal, () =>
    engineUpload(adapter, {
      bucket,
      key,
      filePath: fileName,
      ...engineOptions(o),
      checkpoint: o.checkpoint ?? true,
      ...(o.multipart_threshold !== undefined ? { multipartThreshold: o.multipart_threshold } : {}),
    }),
  );
  return uploadResponse(bucket, key, outcome.result, {
    size: outcome.size,
    uploadId: outcome.uploadId,
    partSize: outcome.partSize,
    sent: outcome.partsSent,
    reused: outcome.partsReused,
  });
}

function uploadResponse(
  bucket: string,
  key: string,
  result: BosTransferResult,
  facts: { size: number; uploadId: string | undefined; partSize: number | undefined; sent: number; reused: number },
): UploadFileResponse {
  const etag = result.etag ?? result.metadata.etag ?? '';
  return {
    ...result,
    bucket,
    key,
    e_tag: etag,
    etag,
    size: facts.size,
    ...(facts.uploadId !== undefined ? { upload_id: facts.uploadId } : {}),
    ...(facts.partSize !== undefined ? { part_size: facts.partSize } : {}),
    parts_sent: facts.sent,
    parts_reused: facts.reused,
  };
}

/**
 * Python's `put_super_obejct_from_file`: always a multipart upload (an empty file goes in one PUT),
 * `chunk_size` MB parts, `thread_num` at once. Resolves `true`, or `false` when cancelled through
 * `uploadTaskHandle` (as Python returns); any other failure rejects.
 */
export async function putSuperObjectFromFile(
  ctx: BosContext,
  common: Common,
  bucket: string,
  key: string,
  fileName: string,
  o: PutSuperObjectOptions,
): Promise<boolean> {
  const handle = o.uploadTaskHandle;
  const signal = handle && o.signal ? AbortSignal.any([handle.signal, o.signal]) : (handle?.signal ?? o.signal);
  const adapter = bosTransferAdapter(ctx, adapterOptions(common, o));
  try {
    await run(signal, () =>
      engineUpload(adapter, {
        bucket,
        key,
        filePath: fileName,
        partSize: (o.chunk_size ?? 5) * MiB,
        concurrency: o.thread_num ?? availableThreads(),
        multipartThreshold: 0,
        checkpoint: o.checkpoint ?? false,
        ...(signal ? { signal } : {}),
        ...progress(o.progress_callback),
      }),
    );
  } catch (error) {
    if (handle?.is_cancel() && !o.signal?.aborted) return false;
    throw error;
  }
  return true;
}

function availableThreads(): number {
  // Python uses multiprocessing.cpu_count(); at least 2 so one slow part does not stall the upload.
  return Math.max(2, availableParallelism());
}

export async function downloadFile(
  ctx: BosContext,
  common: Common,
  bucket: string,
  key: string,
  fileName: string,
  o: DownloadFileOptions,
): Promise<DownloadFileResponse> {
  const call: CallOptions = { ...(o.signal ? { signal: o.signal } : {}), ...(o.config ? { config: o.config } : {}) };
  const head = await getObjectMetaData(ctx, bucket, key, call);
  const adapter = bosTransferAdapter(ctx, adapterOptions(common, o));
  const outcome = await run(o.signal, () =>
    engineDownload(adapter, {
      bucket,
      key,
      filePath: fileName,
      ...engineOptions(o),
      objectInfo: objectInfoOf(head.metadata),
      checkpoint: o.checkpoint ?? true,
    }),
  );
  return {
    metadata: head.metadata,
    file_name: outcome.filePath,
    size: outcome.size,
    e_tag: outcome.etag,
    etag: outcome.etag,
    parts_fetched: outcome.partsFetched,
    parts_reused: outcome.partsReused,
  };
}

/**
 * Server-side copy with progress and retries: one CopyObject up to
 * `transfer_limits.maxSingleCopy` (5 GiB), above that a multipart copy whose
 * parts are UploadPartCopy ranges of the source (`part_size`, default 64 MiB).
 */
export async function copy(
  ctx: BosContext,
  common: Common,
  source: { bucket: string; key: string },
  target: { bucket: string; key: string },
  o: CopyOptions,
): Promise<CopyResponse> {
  const call: CallOptions = { ...(o.signal ? { signal: o.signal } : {}), ...(o.config ? { config: o.config } : {}) };
  const head = (await getObjectMetaData(ctx, source.bucket, source.key, call)).metadata;
  const info = objectInfoOf(head);
  const multipart = info.size > common.limits.maxSingleCopy;
  const adapter = bosTransferAdapter(ctx, multipart ? multipartCopyOptions(common, o, head, info.etag) : adapterOptions(common, o));
  const outcome = await run(o.signal, () => engineCopy(adapter, { ...target, source, sourceInfo: info, ...engineOptions(o) }));
  const etag = outcome.result.etag ?? '';
  return { ...outcome.result, e_tag: etag, etag, size: outcome.size };
}

/** The stored headers `user_headers` may carry, as `BosMetadata` names them. */
const KEPT_HEADERS: ReadonlyArray<[attribute: string, header: string]> = [
  ['cache_control', 'Cache-Control'],
  ['content_encoding', 'Content-Encoding'],
  ['content_disposition', 'Content-Disposition'],
  ['expires', 'Expires'],
];

/**
 * A multipart copy does not inherit the source's metadata (BOS UploadPartCopy
 * docs: the new object takes what initiate and complete send). To match the
 * single copy, which keeps it, the source's content type, user metadata and
 * stored headers from the HEAD are sent again unless the call gives its own.
 * Every part is guarded by the source's ETag (`x-bce-copy-source-if-match`),
 * so a source replaced midway fails the copy instead of mixing two versions.
 */
function multipartCopyOptions(common: Common, o: CopyOptions, head: BosMetadata, sourceEtag: string): BosAdapterOptions {
  const picked = adapterOptions(common, o);
  const contentType = o.content_type ?? head.content_type;
  if (contentType !== undefined) picked.content_type = contentType;
  if (o.user_metadata === undefined && Object.keys(head.user_metadata).length > 0) picked.user_metadata = { ...head.user_metadata };
  const userHeaders: Record<string, string> = {};
  for (const [attribute, header] of KEPT_HEADERS) {
    const value = head[attribute];
    if (typeof value === 'string') userHeaders[header] = value;
  }
  if (Object.keys(userHeaders).length > 0) picked.user_headers = userHeaders;
  if (o.etag === undefined && sourceEtag !== '') picked.etag = sourceEtag;
  return picked;
}

type FolderEngineOptions = Pick<FolderOptions, 'partSize' | 'concurrency' | 'partConcurrency' | 'signal' | 'onProgress' | 'checkpoint'>;

function folderEngineOptions(o: FolderTransferOptions): FolderEngineOptions {
  const { concurrency, ...rest } = engineOptions(o);
  return {
    ...rest,
    ...(o.file_concurrency !== undefined ? { concurrency: o.file_concurrency } : {}),
    ...(concurrency !== undefined ? { partConcurrency: concurrency } : {}),
    ...(o.checkpoint !== undefined ? { checkpoint: o.checkpoint } : {}),
  };
}

const folderObject = (e: { key: string; filePath: string; size: number }): FolderObject => ({ key: e.key, file_name: e.filePath, size: e.size });

export async function uploadFolder(
  ctx: BosContext,
  common: Common,
  bucket: string,
  prefix: string,
  folder: string,
  o: FolderTransferOptions,
): Promise<FolderObject[]> {
  const adapter = bosTransferAdapter(ctx, adapterOptions(common, o));
  const entries = await run(o.signal, () =>
    engineUploadFolder(adapter, {
      bucket,
      prefix,
      folder,
      ...folderEngineOptions(o),
      ...(o.multipart_threshold !== undefined ? { multipartThreshold: o.multipart_threshold } : {}),
    }),
  );
  return entries.map(folderObject);
}

export async function downloadFolder(
  ctx: BosContext,
  common: Common,
  bucket: string,
  prefix: string,
  folder: string,
  o: FolderTransferOptions,
): Promise<FolderObject[]> {
  const adapter = bosTransferAdapter(ctx, adapterOptions(common, o));
  const entries = await run(o.signal, () => engineDownloadFolder(adapter, { bucket, prefix, folder, ...folderEngineOptions(o) }));
  return entries.map(folderObject);
}

export async function deletePrefix(ctx: BosContext, common: Common, bucket: string, prefix: string, o: DeletePrefixOptions): Promise<DeletePrefixResponse> {
  const adapter = bosTransferAdapter(ctx, adapterOptions(common, o));
  const outcome = await run(o.signal, () =>
    engineDeletePrefix(adapter, {
      bucket,
      prefix,
      ...(o.thread_num !== undefined ? { concurrency: o.thread_num } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...progress(o.progress_callback),
    }),
  );
  return { deleted: outcome.deleted, errors: outcome.errors };
}
