/**
 * Folder transfers: a local folder to a prefix, a prefix to a local folder,
 * and deleting everything under a prefix. Objects move concurrently and
 * report one progress total.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { DeleteFailure, DownloadAdapter, ListedObject, PrefixAdapter, UploadAdapter } from './adapter.ts';
import { requireMethod } from './adapter.ts';
import type { CheckpointOption } from './checkpoint.ts';
import { downloadFile } from './download.ts';
import { UnsafeKeyError } from './errors.ts';
import { DEFAULT_CONCURRENCY, requireString, type ResumableOptions, type TransferOptions } from './options.ts';
import { positiveInteger } from './parts.ts';
import { linkedController, runPool } from './pool.ts';
import { Progress, type ProgressCallback } from './progress.ts';
import { folderPrefix, keyFor, safeJoin } from './safe-path.ts';
import { uploadFile } from './upload.ts';

/** Keys per batch delete request: the vendors' maximum. */
export const DELETE_BATCH = 1000;

export interface FolderOptions extends Omit<TransferOptions, 'concurrency'> {
  bucket: string;
  /** The key prefix, e.g. `'backups/2024'`; a `/` is added when missing. `''` is the whole bucket. */
  prefix: string;
  /** The local folder, e.g. `'/data/photos'`. */
  folder: string;
  /** Objects transferred at once. Default 4. */
  concurrency?: number;
  /** Parts in flight for each large object. Default 2. */
  partConcurrency?: number;
  /** Passed to each file transfer (see `ResumableOptions.checkpoint`). */
  checkpoint?: CheckpointOption;
}

export interface UploadFolderParams extends FolderOptions {
  /** Objects up to this size go in one request. Default: the part size. */
  multipartThreshold?: number;
}

export interface FolderEntry {
  key: string;
  filePath: string;
  size: number;
}

/** Every regular file under `root` (following symlinks to files, not to folders), sorted by path. */
export async function listLocalFiles(root: string): Promise<Array<{ filePath: string; rel: string; size: number }>> {
  const base = resolve(root);
  const found: Array<{ filePath: string; rel: string; size: number }> = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const info = await stat(full).catch(() => undefined);
        if (info?.isFile()) found.push({ filePath: full, rel: relative(base, full), size: info.size });
      }
    }
  };
  await walk(base);
  return found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** What one file's transfer gets from the folder call: the forwarded options, its key and path, its share of the signal and progress. */
type FileTransferOptions = ReturnType<typeof forwarded> & {
  bucket: string;
  key: string;
  filePath: string;
  concurrency: number;
  signal: AbortSignal;
  onProgress: ProgressCallback;
};

/** One transfer per file, `limits.concurrency` files at a time, all counted in one progress total. */
async function forEachFile(
  params: FolderOptions,
  limits: { concurrency: number; partConcurrency: number },
  entries: FolderEntry[],
  controller: AbortController,
  transfer: (options: FileTransferOptions) => Promise<unknown>,
): Promise<void> {
  const progress = new Progress(sum(entries), params.onProgress, (error) => controller.abort(error));
  progress.start();
  const forward = forwarded(params);
  await runPool(
    entries,
    limits.concurrency,
    async (entry, signal) =>
      void (await transfer({
        ...forward,
        bucket: params.bucket,
        key: entry.key,
        filePath: entry.filePath,
        concurrency: limits.partConcurrency,
        signal,
        onProgress: subProgress(progress),
      })),
    controller.signal,
  );
  progress.finish();
}

/** Feeds one transfer's monotonic progress into a shared total. */
function subProgress(total: Progress): ProgressCallback {
  let last = 0;
  return (consumed) => {
    total.add(consumed - last);
    last = consumed;
  };
}

function common(params: FolderOptions): { concurrency: number; partConcurrency: number } {
  requireString('bucket', params.bucket);
  requireString('folder', params.folder);
  params.signal?.throwIfAborted();
  return {
    concurrency: positiveInteger('concurrency', params.concurrency, DEFAULT_CONCURRENCY),
    partConcurrency: positiveInteger('partConcurrency', params.partConcurrency, 2),
  };
}

/** The per-object options a folder transfer forwards. */
function forwarded(params: FolderOptions): Pick<ResumableOptions, 'partSize' | 'partRetries' | 'retryDelayMs' | 'shouldRetry' | 'checkpoint'> {
  return {
    ...(params.partSize !== undefined ? { partSize: params.partSize } : {}),
    ...(params.partRetries !== undefined ? { partRetries: params.partRetries } : {}),
    ...(params.retryDelayMs !== undefined ? { retryDelayMs: params.retryDelayMs } : {}),
    ...(params.shouldRetry !== undefined ? { shouldRetry: params.shouldRetry } : {}),
    ...(params.checkpoint !== undefined ? { checkpoint: params.checkpoint } : {}),
  };
}

/**
 * Uploads every file under `folder` to `prefix` + its relative path (with
 * `/` separators). Returns what was uploaded.
 */
export async function uploadFolder(adapter: UploadAdapter, params: UploadFolderParams): Promise<FolderEntry[]> {
  const limits = common(params);
  const prefix = folderPrefix(params.prefix);
  const files = await listLocalFiles(params.folder);
  const entries = files.map((f) => ({ key: keyFor(prefix, f.rel), filePath: f.filePath, size: f.size }));

  const { controller, dispose } = linkedController(params.signal);
  try {
    await forEachFile(params, limits, entries, controller, (options) =>
      uploadFile(adapter, {
        ...options,
        ...(params.multipartThreshold !== undefined ? { multipartThreshold: params.multipartThreshold } : {}),
      }),
    );
    return entries;
  } finally {
    dispose();
  }
}

/** Every object under `prefix`, all pages. */
export async function listAll(adapter: PrefixAdapter, bucket: string, prefix: string, signal: AbortSignal): Promise<ListedObject[]> {
  const list = requireMethod(adapter, 'list', 'listing a prefix');
  const objects: ListedObject[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await list({ bucket, prefix, signal, ...(marker !== undefined ? { marker } : {}) });
    objects.push(...page.objects);
    if (page.nextMarker === undefined || page.nextMarker === '' || page.objects.length === 0) return objects;
    if (page.nextMarker === marker) throw new Error(`adapter.list returned the same marker twice (${marker})`);
    marker = page.nextMarker;
  }
}

/**
 * Downloads every object under `prefix` into `folder`, at its key minus the
 * prefix. Every key is checked with `safeJoin` before anything is written:
 * one unsafe key refuses the whole download (`UnsafeKeyError`). Keys ending
 * in `/` become (empty) folders.
 */
export async function downloadFolder(adapter: DownloadAdapter & PrefixAdapter, params: FolderOptions & { verifyCrc64?: boolean }): Promise<FolderEntry[]> {
  const limits = common(params);
  const prefix = folderPrefix(params.prefix);
  const root = resolve(params.folder);
  const { controller, dispose } = linkedController(params.signal);
  try {
    const listed = await listAll(adapter, params.bucket, prefix, controller.signal);
    const files: FolderEntry[] = [];
    const folders: string[] = [];
    for (const object of listed) {
      if (!object.key.startsWith(prefix)) continue;
      const rel = object.key.slice(prefix.length);
      if (rel === '') continue; // the folder marker of the prefix itself
      const path = safeJoin(root, rel);
      if (rel.endsWith('/')) {
        if (object.size !== 0) {
          throw new UnsafeKeyError('UnsafeKey', `object key ${JSON.stringify(object.key)} ends with "/" but has ${object.size} bytes`);
        }
        folders.push(path);
      } else {
        files.push({ key: object.key, filePath: path, size: object.size });
      }
    }
    await mkdir(root, { recursive: true });
    for (const folder of folders) await mkdir(folder, { recursive: true });

    await forEachFile(params, limits, files, controller, (options) =>
      downloadFile(adapter, {
        ...options,
        ...(params.verifyCrc64 !== undefined ? { verifyCrc64: params.verifyCrc64 } : {}),
      }),
    );
    return files;
  } finally {
    dispose();
  }
}

export interface DeletePrefixParams extends Pick<TransferOptions, 'signal'> {
  bucket: string;
  prefix: string;
  /** Batch requests in flight. Default 4. */
  concurrency?: number;
  /** `(deleted_keys, total_keys)` after each batch. */
  onProgress?: ProgressCallback;
  /** `prefix: ''` deletes the whole bucket's objects and is refused unless this is true. */
  allowEmptyPrefix?: boolean;
}

export interface DeletePrefixOutcome {
  /** Keys deleted. */
  deleted: number;
  /** Keys the server refused to delete (the call still resolves). */
  errors: DeleteFailure[];
}

/**
 * Deletes every object whose key starts with `prefix` (used as given: no
 * `/` is added), 1000 keys a request, several requests at once.
 */
export async function deletePrefix(adapter: PrefixAdapter, params: DeletePrefixParams): Promise<DeletePrefixOutcome> {
  requireString('bucket', params.bucket);
  if (typeof params.prefix !== 'string') throw new TypeError('prefix must be a string');
  if (params.prefix === '' && params.allowEmptyPrefix !== true) {
    throw new RangeError('prefix is empty, which would delete every object in the bucket: pass allowEmptyPrefix: true to mean it');
  }
  const concurrency = positiveInteger('concurrency', params.concurrency, DEFAULT_CONCURRENCY);
  params.signal?.throwIfAborted();
  const deleteMany = requireMethod(adapter, 'deleteMany', 'deleting a prefix');
  const { controller, dispose } = linkedController(params.signal);
  try {
    const keys = (await listAll(adapter, params.bucket, params.prefix, controller.signal)).map((o) => o.key);
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += DELETE_BATCH) batches.push(keys.slice(i, i + DELETE_BATCH));
    const progress = new Progress(keys.length, params.onProgress, (error) => controller.abort(error));
    progress.start();
    const errors: DeleteFailure[] = [];
    await runPool(
      batches,
      concurrency,
      async (batch, signal) => {
        const failed = await deleteMany({ bucket: params.bucket, keys: batch, signal });
        errors.push(...failed);
        progress.add(batch.length);
      },
      controller.signal,
    );
    progress.finish();
    return { deleted: keys.length - errors.length, errors };
  } finally {
    dispose();
  }
}

function sum(entries: Array<{ size: number }>): number {
  let total = 0;
  for (const entry of entries) total += entry.size;
  return total;
}
