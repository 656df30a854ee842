import type { NosContext } from './context.ts';
import { ClientException } from './errors.ts';
import * as multipart from './operations/multipart.ts';
import * as object from './operations/object.ts';
import type { GetObjectResult, HeadObjectResult, NosElementResult, NosEtagResult, NosResult } from './operations/types.ts';
import { generatePresignedUrl, type GeneratePresignedUrlParams } from './presign.ts';
import * as transfer from './transfer.ts';
import * as folder from './transfer-folder.ts';
import { DEFAULT_END_POINT, Transport, type NosTransport, type NosTransportClass } from './transport.ts';

/** `nos.Client` options: the Python keyword arguments, same names and defaults. */
export interface ClientOptions {
  /** Access key id; leave both keys out (or null) for anonymous reads of public-read buckets. */
  access_key_id?: string | null | undefined;
  access_key_secret?: string | null | undefined;
  /** A class with `perform_request(request)`; default `Transport` (undici, signing, retries). */
  transport_class?: NosTransportClass | undefined;
  /** Default `nos-eastchina1.126.net`. A `host:port` or `http://host:port` is accepted too (emulators, proxies). */
  end_point?: string | undefined;
  /** HTTP connection pool size. Default 16. */
  num_pools?: number | undefined;
  /** Connect/read timeout in seconds. Default none. */
  timeout?: number | null | undefined;
  /** Retries after a 5xx (500, 501, 503) answer or a connection failure. Default 2. */
  max_retries?: number | undefined;
  /** Seconds; retry n waits `retry_backoff_factor * 2^n`. Default 0. */
  retry_backoff_factor?: number | undefined;
  /** Retry after a timeout too. Default false. */
  retry_on_timeout?: boolean | undefined;
  /** HTTPS instead of HTTP. Default false. */
  enable_ssl?: boolean | undefined;
}

function nonNegative(value: unknown, name: string, fallback: number, integer: boolean): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !(value >= 0) || (integer && !Number.isInteger(value))) {
    throw new ClientException(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

/**
 * The NOS client of the Python SDK: `new nos.Client({...})`, then
 * `client.put_object({bucket, key, body})`. Every method takes one object of
 * the Python keyword arguments (plus an optional `signal`), returns a
 * Promise of the Python dict, and is also reachable in camelCase
 * (`client.putObject`). Errors are the `nos.exceptions` classes.
 */
export class Client {
  /** The transport instance in use (built from `transport_class`). */
  readonly transport: NosTransport;
  readonly #ctx: NosContext;

  constructor(options: ClientOptions = {}) {
    const ak = options.access_key_id ?? null;
    const sk = options.access_key_secret ?? null;
    if ((ak === null) !== (sk === null)) {
      throw new ClientException('give both access_key_id and access_key_secret, or neither for anonymous access');
    }
    if ((ak !== null && typeof ak !== 'string') || (sk !== null && typeof sk !== 'string')) {
      throw new ClientException('access_key_id and access_key_secret must be strings');
    }
    const endPoint = options.end_point ?? DEFAULT_END_POINT;
    if (typeof endPoint !== 'string' || endPoint === '') throw new ClientException('end_point must be a non-empty host name');
    const TransportClass = options.transport_class ?? Transport;
    this.transport = new TransportClass({
      access_key_id: ak,
      access_key_secret: sk,
      end_point: endPoint,
      num_pools: nonNegative(options.num_pools, 'num_pools', 16, true) || 16,
      timeout: options.timeout === undefined || options.timeout === null ? null : nonNegative(options.timeout, 'timeout', 0, false),
      max_retries: nonNegative(options.max_retries, 'max_retries', 2, true),
      retry_backoff_factor: nonNegative(options.retry_backoff_factor, 'retry_backoff_factor', 0, false),
      retry_on_timeout: options.retry_on_timeout ?? false,
      enable_ssl: options.enable_ssl ?? false,
    });
    if (typeof this.transport?.perform_request !== 'function') {
      throw new ClientException('transport_class must build an object with a perform_request method');
    }
    this.#ctx = {
      transport: this.transport,
      signing: { accessKeyId: ak, accessKeySecret: sk, endPoint, enableSsl: options.enable_ssl ?? false },
    };
  }

  delete_object(params: object.DeleteObjectParams): Promise<NosResult> {
    return object.deleteObject(this.#ctx, params);
  }
  delete_objects(params: object.DeleteObjectsParams): Promise<NosElementResult> {
    return object.deleteObjects(this.#ctx, params);
  }
  get_object(params: object.GetObjectParams): Promise<GetObjectResult> {
    return object.getObject(this.#ctx, params);
  }
  head_object(params: object.HeadObjectParams): Promise<HeadObjectResult> {
    return object.headObject(this.#ctx, params);
  }
  list_objects(params: object.ListObjectsParams): Promise<NosElementResult> {
    return object.listObjects(this.#ctx, params);
  }
  put_object(params: object.PutObjectParams): Promise<NosEtagResult> {
    return object.putObject(this.#ctx, params);
  }
  copy_object(params: object.CopyObjectParams): Promise<NosResult> {
    return object.copyObject(this.#ctx, params);
  }
  move_object(params: object.CopyObjectParams): Promise<NosResult> {
    return object.moveObject(this.#ctx, params);
  }
  create_multipart_upload(params: multipart.CreateMultipartUploadParams): Promise<NosElementResult> {
    return multipart.createMultipartUpload(this.#ctx, params);
  }
  upload_part(params: multipart.UploadPartParams): Promise<NosEtagResult> {
    return multipart.uploadPart(this.#ctx, params);
  }
  complete_multipart_upload(params: multipart.CompleteMultipartUploadParams): Promise<NosElementResult> {
    return multipart.completeMultipartUpload(this.#ctx, params);
  }
  abort_multipart_upload(params: multipart.UploadIdParams): Promise<NosResult> {
    return multipart.abortMultipartUpload(this.#ctx, params);
  }
  list_parts(params: multipart.ListPartsParams): Promise<NosElementResult> {
    return multipart.listParts(this.#ctx, params);
  }
  list_multipart_uploads(params: multipart.ListMultipartUploadsParams): Promise<NosElementResult> {
    return multipart.listMultipartUploads(this.#ctx, params);
  }

  // High-level calls (@yunstore/transfer): concurrent, resumable, bounded memory.

  /** Uploads a local file: one put_object up to `multipart_threshold`, resumable multipart above. */
  upload_file(params: transfer.UploadFileParams): Promise<transfer.UploadResult> {
    return transfer.uploadFileOp(this.#ctx, params);
  }
  /** nos-node-sdk's name for `upload_file` (its `filepath` parameter works too). */
  put_big_file(params: transfer.UploadFileParams): Promise<transfer.UploadResult> {
    return transfer.uploadFileOp(this.#ctx, params);
  }
  /** Downloads an object to a local file by concurrent ranged GETs, resumable. */
  download_file(params: transfer.DownloadFileParams): Promise<transfer.DownloadResult> {
    return transfer.downloadFileOp(this.#ctx, params);
  }
  /** Uploads any readable stream in buffered parts (no resume). */
  upload_stream(params: transfer.UploadStreamParams): Promise<transfer.UploadResult> {
    return transfer.uploadStreamOp(this.#ctx, params);
  }
  /** Writes an object into a writable stream, fetched by concurrent ranged GETs. */
  download_stream(params: transfer.DownloadStreamParams): Promise<{ content_length: number; etag: string }> {
    return transfer.downloadStreamOp(this.#ctx, params);
  }
  /** Server-side copy with progress and retries (one copy_object: NOS has no part copy). */
  copy(params: transfer.CopyParams): Promise<transfer.CopyResult> {
    return transfer.copyOp(this.#ctx, params);
  }
  /** Uploads every file under a local folder to `prefix/<relative path>`. */
  upload_folder(params: folder.UploadFolderParams): Promise<folder.FolderEntry[]> {
    return folder.uploadFolderOp(this.#ctx, params);
  }
  /** Downloads every object under a prefix into a local folder (unsafe keys refused). */
  download_folder(params: folder.FolderParams): Promise<folder.FolderEntry[]> {
    return folder.downloadFolderOp(this.#ctx, params);
  }
  /** Deletes every object whose key starts with `prefix`, 1000 keys a request. */
  delete_prefix(params: folder.DeletePrefixParams): Promise<folder.DeletePrefixResult> {
    return folder.deletePrefixOp(this.#ctx, params);
  }
  /** A presigned URL (query-string authentication), valid `expires` seconds. Synchronous. */
  generate_presigned_url(params: GeneratePresignedUrlParams): string {
    return generatePresignedUrl(this.#ctx, params);
  }

  /** Closes pooled connections (when the transport has a `close`). */
  async close(): Promise<void> {
    await this.transport.close?.();
  }
}

/** The camelCase name of every seed method: the same function. */
export const CAMEL_CASE_ALIASES = {
  deleteObject: 'delete_object',
  deleteObjects: 'delete_objects',
  getObject: 'get_object',
  headObject: 'head_object',
  listObjects: 'list_objects',
  putObject: 'put_object',
  copyObject: 'copy_object',
  moveObject: 'move_object',
  createMultipartUpload: 'create_multipart_upload',
  uploadPart: 'upload_part',
  completeMultipartUpload: 'complete_multipart_upload',
  abortMultipartUpload: 'abort_multipart_upload',
  listParts: 'list_parts',
  listMultipartUploads: 'list_multipart_uploads',
} as const;

/** The camelCase name of every high-level call (not in the seed): the same function. */
export const HIGH_LEVEL_ALIASES = {
  uploadFile: 'upload_file',
  putBigFile: 'put_big_file',
  downloadFile: 'download_file',
  uploadStream: 'upload_stream',
  downloadStream: 'download_stream',
  uploadFolder: 'upload_folder',
  downloadFolder: 'download_folder',
  deletePrefix: 'delete_prefix',
  generatePresignedUrl: 'generate_presigned_url',
} as const;

type AllAliases = typeof CAMEL_CASE_ALIASES & typeof HIGH_LEVEL_ALIASES;
type Aliases = { [C in keyof AllAliases]: Client[AllAliases[C]] };
// Declaration merging gives the class its camelCase members' types.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Client extends Aliases {}

for (const [camel, snake] of Object.entries({ ...CAMEL_CASE_ALIASES, ...HIGH_LEVEL_ALIASES })) {
  Object.defineProperty(Client.prototype, camel, {
    value: Client.prototype[snake as keyof Client],
    writable: true,
    configurable: true,
  });
}
