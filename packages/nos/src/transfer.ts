/**
 * The high-level calls: upload_file (nos-node-sdk's put_big_file),
 * download_file, upload_stream, download_stream and copy, on top of
 * `@yunstore/transfer` through the NOS adapter. Each is `(ctx, params)` like
 * every operation; the client binds them under their snake_case and
 * camelCase names.
 */
import type { Writable } from 'node:stream';
import { copyObject, downloadFile, downloadStream, uploadFile, uploadStream, type StreamSource } from '@yunstore/transfer';
import type { NosContext } from './context.ts';
import { ClientException } from './errors.ts';
import type { NosElement } from './element.ts';
import { nosTransferAdapter, NOS_LIMITS, type NosAdapterOptions, type NosTransferResult } from './transfer-adapter.ts';
import {
  bytesParam,
  checkpointParam,
  commonOptions,
  DEFAULT_PART_SIZE,
  objectHeaders,
  pathParam,
  runTransfer,
  type ResumableCallOptions,
  type TransferCallOptions,
} from './transfer-params.ts';
import { checkDownloadFile } from './local-path.ts';
import { checkBucket, checkKey, MAX_BODY, optionalString } from './validate.ts';

/** Options of the calls that create an object. */
export interface NewObjectOptions {
  /** Part size in bytes, 16 KiB … 100 MiB (default 8 MiB); raised automatically when a file would need more than 10000 parts. */
  part_size?: number | undefined;
  /** Objects up to this many bytes go in one put_object (default: `part_size`; at most 100 MiB, NOS's single PUT limit). */
  multipart_threshold?: number | undefined;
  /** `{'x-nos-meta-owner': 'alice'}` and standard headers, as put_object takes them. */
  meta_data?: Record<string, string> | undefined;
  /** Content-Type of the new object (the same as `meta_data['Content-Type']`). */
  content_type?: string | undefined;
  /** MD5 (hex) of the whole object, sent with complete_multipart_upload as `x-nos-Object-md5` (NOS de-duplication). */
  object_md5?: string | undefined;
  /**
   * Check that NOS stored every part as sent: its ETag (the part's MD5) is
   * compared with the MD5 of the bytes sent, computed once per part; a part
   * that differs is sent again (`IntegrityError` `MD5Mismatch` after the
   * retries). Off by default: the MD5 pass costs about as much CPU as the
   * upload itself, while TCP (and TLS with `enable_ssl`) already guards the
   * bytes in transit.
   */
  verify_md5?: boolean | undefined;
}

export interface UploadFileParams extends ResumableCallOptions, NewObjectOptions {
  bucket: string;
  key: string;
  /** The local file, e.g. `'/data/backup.tar'`. `filename` (boto3) and `filepath` (nos-node-sdk) are accepted too. */
  file_path?: string | undefined;
  filename?: string | undefined;
  filepath?: string | undefined;
}

/**
 * What upload_file / upload_stream return: put_object's dict for a single
 * PUT, complete_multipart_upload's (with its `response`) for a multipart upload.
 */
export interface UploadResult {
  x_nos_request_id: string;
  /** The new object's ETag without quotes (`<md5>-<parts>` after a multipart upload). */
  etag: string;
  /** `CompleteMultipartUploadResult` after a multipart upload. */
  response?: NosElement;
}

export interface DownloadFileParams extends ResumableCallOptions {
  bucket: string;
  key: string;
  /** The destination; its folder is created when missing. `filename` is accepted too. */
  file_path?: string | undefined;
  filename?: string | undefined;
  /** Bytes per ranged GET (default 8 MiB). */
  part_size?: number | undefined;
}

export interface DownloadResult {
  /** The absolute destination path. */
  file_path: string;
  content_length: number;
  etag: string;
}

export interface UploadStreamParams extends TransferCallOptions, NewObjectOptions {
  bucket: string;
  key: string;
  /** A Node `Readable`, a web `ReadableStream` or an async iterable of bytes; read once. */
  body: StreamSource;
  /** The stream's exact length when known (progress total; larger objects than 10000 × part_size). */
  length?: number | undefined;
}

export interface DownloadStreamParams extends TransferCallOptions {
  bucket: string;
  key: string;
  /** Where the bytes go, in order. */
  writable: Writable;
  /** Call `writable.end()` after the last byte (default false: the caller owns the stream). */
  end?: boolean | undefined;
  part_size?: number | undefined;
}

export interface CopyParams extends TransferCallOptions {
  src_bucket: string;
  src_key: string;
  dest_bucket: string;
  dest_key: string;
}

/** One copy_object answer: `{x_nos_request_id}`. */
export interface CopyResult {
  x_nos_request_id: string;
}

/** What every call that creates an object checks: part size, threshold, headers. */
function newObject(p: NewObjectOptions): { partSize: number; threshold: number; adapterOptions: NosAdapterOptions } {
  const partSize = bytesParam(p.part_size, 'part_size', DEFAULT_PART_SIZE, NOS_LIMITS.minPartSize, NOS_LIMITS.maxPartSize);
  const threshold = bytesParam(p.multipart_threshold, 'multipart_threshold', Math.min(partSize, MAX_BODY), 0, MAX_BODY);
  const headers = objectHeaders(p.meta_data, p.content_type);
  const objectMd5 = optionalString(p.object_md5, 'object_md5');
  if (objectMd5 !== undefined && !/^[0-9a-fA-F]{32}$/.test(objectMd5)) throw new ClientException('object_md5 must be 32 hex digits');
  if (p.verify_md5 !== undefined && typeof p.verify_md5 !== 'boolean') throw new ClientException('verify_md5 must be true or false');
  const verifyMd5 = p.verify_md5 === true;
  return {
    partSize,
    threshold,
    adapterOptions: { meta_data: headers, ...(objectMd5 !== undefined ? { object_md5: objectMd5 } : {}), ...(verifyMd5 ? { verify_md5: true } : {}) },
  };
}

function uploadResult(r: NosTransferResult): UploadResult {
  return { x_nos_request_id: r.x_nos_request_id, etag: r.etag ?? '', ...(r.response ? { response: r.response } : {}) };
}

/**
 * upload_file({bucket, key, file_path, part_size, max_concurrency, progress_callback, checkpoint, meta_data, content_type}).
 * Files up to `multipart_threshold` go in one put_object; larger ones in
 * `part_size` parts, `max_concurrency` at a time, read by range from the
 * file (never buffered). With `checkpoint` (default on) an interrupted
 * upload keeps its multipart upload, and the next call with the same bucket,
 * key, file and part size sends only the parts NOS does not have.
 */
export async function uploadFileOp(ctx: NosContext, p: UploadFileParams): Promise<UploadResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const filePath = pathParam(p as unknown as Record<string, unknown>, ['file_path', 'filename', 'filepath']);
  const { partSize, threshold, adapterOptions } = newObject(p);
  const common = commonOptions(p);
  const checkpoint = checkpointParam(p.checkpoint);
  const adapter = nosTransferAdapter(ctx, adapterOptions);
  const out = await runTransfer('upload_file', common.signal, () =>
    uploadFile(adapter, { ...common, bucket, key, filePath, partSize, multipartThreshold: threshold, checkpoint }),
  );
  return uploadResult(out.result);
}

/**
 * download_file({bucket, key, file_path, part_size, max_concurrency, progress_callback, checkpoint}).
 * head_object, then ranged get_objects (`If-Match` on the ETag) written at
 * their offsets into `<file_path>.<random>.yunstore-tmp`, renamed onto
 * `file_path` once every byte is there (the size is checked).
 */
export async function downloadFileOp(ctx: NosContext, p: DownloadFileParams): Promise<DownloadResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const filePath = pathParam(p as unknown as Record<string, unknown>, ['file_path', 'filename']);
  const partSize = bytesParam(p.part_size, 'part_size', DEFAULT_PART_SIZE, 1, Number.MAX_SAFE_INTEGER);
  const common = commonOptions(p);
  const checkpoint = checkpointParam(p.checkpoint);
  await checkDownloadFile(filePath, p.file_path === undefined && p.filename !== undefined ? 'filename' : 'file_path');
  const adapter = nosTransferAdapter(ctx);
  const out = await runTransfer('download_file', common.signal, () => downloadFile(adapter, { ...common, bucket, key, filePath, partSize, checkpoint }));
  return { file_path: out.filePath, content_length: out.size, etag: out.etag };
}

/**
 * upload_stream({bucket, key, body, length?, part_size, ...}): any readable
 * stream, in parts buffered once each (memory: part_size × max_concurrency).
 * A stream that fits in one part goes in one put_object. No resume: a stream
 * cannot be read again.
 */
export async function uploadStreamOp(ctx: NosContext, p: UploadStreamParams): Promise<UploadResult> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const body = p.body as unknown;
  const isStream =
    typeof body === 'object' && body !== null && (Symbol.asyncIterator in body || typeof (body as { getReader?: unknown }).getReader === 'function');
  if (!isStream) throw new ClientException('body must be a Readable, a web ReadableStream or an async iterable of bytes');
  const length = p.length === undefined || p.length === null ? undefined : bytesParam(p.length, 'length', 0, 0, Number.MAX_SAFE_INTEGER);
  const { partSize, threshold, adapterOptions } = newObject(p);
  const common = commonOptions(p);
  const adapter = nosTransferAdapter(ctx, adapterOptions);
  const out = await runTransfer('upload_stream', common.signal, () =>
    uploadStream(adapter, {
      ...common,
      bucket,
      key,
      stream: p.body,
      partSize,
      multipartThreshold: threshold,
      ...(length !== undefined ? { size: length } : {}),
    }),
  );
  return uploadResult(out.result);
}

/** download_stream({bucket, key, writable, end?, part_size, ...}): concurrent ranged GETs written in order. */
export async function downloadStreamOp(ctx: NosContext, p: DownloadStreamParams): Promise<{ content_length: number; etag: string }> {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  if (typeof (p.writable as Partial<Writable> | undefined)?.write !== 'function') throw new ClientException('writable must be a Writable stream');
  if (p.end !== undefined && typeof p.end !== 'boolean') throw new ClientException('end must be true or false');
  const partSize = bytesParam(p.part_size, 'part_size', DEFAULT_PART_SIZE, 1, Number.MAX_SAFE_INTEGER);
  const common = commonOptions(p);
  const adapter = nosTransferAdapter(ctx);
  const out = await runTransfer('download_stream', common.signal, () =>
    downloadStream(adapter, { ...common, bucket, key, writable: p.writable, partSize, ...(p.end !== undefined ? { end: p.end } : {}) }),
  );
  return { content_length: out.size, etag: out.etag };
}

/**
 * copy({src_bucket, src_key, dest_bucket, dest_key}): head_object of the
 * source, then one copy_object (retried on 5xx and connection failures).
 * NOS has no Upload Part - Copy, so there is no multipart path: the service
 * copies any object it holds in one request.
 */
export async function copyOp(ctx: NosContext, p: CopyParams): Promise<CopyResult> {
  const srcBucket = checkBucket(p?.src_bucket, 'src_bucket');
  const srcKey = checkKey(p.src_key, 'src_key');
  const destBucket = checkBucket(p.dest_bucket, 'dest_bucket');
  const destKey = checkKey(p.dest_key, 'dest_key');
  const common = commonOptions(p);
  const adapter = nosTransferAdapter(ctx);
  const out = await runTransfer('copy', common.signal, () =>
    copyObject(adapter, { ...common, bucket: destBucket, key: destKey, source: { bucket: srcBucket, key: srcKey } }),
  );
  return { x_nos_request_id: out.result.x_nos_request_id };
}
