import { transportOptionsOf, type ClientOptions } from './client-options.ts';
import type { NosContext } from './context.ts';
import { signingOf } from './credentials.ts';
import type { NosElement } from './element.ts';
import { ClientException } from './errors.ts';
import { listAllObjects, type ListAllObjectsParams } from './list-all.ts';
import * as multipart from './operations/multipart.ts';
import * as object from './operations/object.ts';
import type { GetObjectResult, HeadObjectResult, NosElementResult, NosEtagResult, NosResult } from './operations/types.ts';
import { generatePresignedUrl, type GeneratePresignedUrlParams } from './presign.ts';
import * as transfer from './transfer.ts';
import * as folder from './transfer-folder.ts';
import { Transport, type NosTransport } from './transport.ts';

export type { ClientOptions } from './client-options.ts';

/**
 * The NOS client of the Python SDK: `new nos.Client({...})`, then
 * `client.put_object({bucket, key, body})`. Every method takes one object of
 * the Python keyword arguments (plus an optional `signal`), returns a
 * Promise of the Python dict, and is also reachable in camelCase
 * (`client.putObject`). Methods are bound to their client, so
 * `const put = client.put_object` works. Keys lose their leading and
 * trailing `/` as in the Python SDK. Errors are the `nos.exceptions` classes.
 */
export class Client {
  /** The transport instance in use (built from `transport_class`). */
  readonly transport: NosTransport;
  readonly #ctx: NosContext;

  /**
   * `new nos.Client({access_key_id, access_key_secret, end_point, ...})`, the
   * Python keyword arguments. Bad options raise `ClientException`.
   */
  constructor(options: ClientOptions = {}) {
    const transportOptions = transportOptionsOf(options ?? {});
    const TransportClass = options?.transport_class ?? Transport;
    this.transport = new TransportClass(transportOptions);
    if (typeof this.transport?.perform_request !== 'function') {
      throw new ClientException('transport_class must build an object with a perform_request method');
    }
    const { access_key_id: ak, access_key_secret: sk, end_point: endPoint, enable_ssl: enableSsl } = transportOptions;
    this.#ctx = {
      transport: this.transport,
      signing: signingOf(this.transport, { accessKeyId: ak, accessKeySecret: sk, endPoint, enableSsl }),
      maxRetries: transportOptions.max_retries,
    };
    bindMethods(this);
  }

  /**
   * Deletes one object: `delete_object({bucket, key})` → `{x_nos_request_id}`.
   * NOS answers success for a key that does not exist.
   */
  delete_object(params: object.DeleteObjectParams): Promise<NosResult> {
    return object.deleteObject(this.#ctx, params);
  }
  /**
   * Deletes 1 to 1000 objects in one request: `delete_objects({bucket, keys, quiet})`
   * → `{x_nos_request_id, response}` (`DeleteResult`). Raises
   * `MultiObjectDeleteException` (`.errors`) when NOS lists keys it could not delete.
   */
  delete_objects(params: object.DeleteObjectsParams): Promise<NosElementResult> {
    return object.deleteObjects(this.#ctx, params);
  }
  /**
   * Reads an object: `get_object({bucket, key, range})` → `{x_nos_request_id,
   * content_length, content_range, content_type, etag, body}`; `await body.read()`
   * gives all the bytes, `body.pipe(...)` / `for await` stream them. A missing key raises `NotFoundError`.
   */
  get_object(params: object.GetObjectParams): Promise<GetObjectResult> {
    return object.getObject(this.#ctx, params);
  }
  /**
   * An object's metadata without its bytes: `head_object({bucket, key})` →
   * `{x_nos_request_id, content_length, content_type, etag, last_modified}`.
   * A missing key raises `NotFoundError` (with `error_code` '': HEAD answers have no body).
   */
  head_object(params: object.HeadObjectParams): Promise<HeadObjectResult> {
    return object.headObject(this.#ctx, params);
  }
  /**
   * One page of keys: `list_objects({bucket, prefix, delimiter, marker, limit})` →
   * `{x_nos_request_id, response}` (`ListBucketResult`: `findall('Contents')`,
   * `findtext('IsTruncated')`, `findtext('NextMarker')`). NOS answers 100 keys
   * when `limit` is omitted. For every page, see `list_all_objects`.
   */
  list_objects(params: object.ListObjectsParams): Promise<NosElementResult> {
    return object.listObjects(this.#ctx, params);
  }
  /**
   * Uploads one object of up to 100 MiB: `put_object({bucket, key, body, meta_data})`
   * → `{x_nos_request_id, etag}`. `body` is required (`''` for an empty object);
   * `meta_data` holds `x-nos-meta-*` (and other `x-nos-*` / standard) headers.
   */
  put_object(params: object.PutObjectParams): Promise<NosEtagResult> {
    return object.putObject(this.#ctx, params);
  }
  /** Server-side copy: `copy_object({src_bucket, src_key, dest_bucket, dest_key})` → `{x_nos_request_id}`. */
  copy_object(params: object.CopyObjectParams): Promise<NosResult> {
    return object.copyObject(this.#ctx, params);
  }
  /** NOS-only rename inside one bucket: `move_object({src_bucket, src_key, dest_bucket, dest_key})` → `{x_nos_request_id}`. */
  move_object(params: object.CopyObjectParams): Promise<NosResult> {
    return object.moveObject(this.#ctx, params);
  }
  /**
   * Starts a multipart upload: `create_multipart_upload({bucket, key, meta_data})` →
   * `{x_nos_request_id, response}`; the id is `response.findtext('UploadId')`.
   */
  create_multipart_upload(params: multipart.CreateMultipartUploadParams): Promise<NosElementResult> {
    return multipart.createMultipartUpload(this.#ctx, params);
  }
  /**
   * Uploads one part (16 KiB … 100 MiB, the last may be smaller):
   * `upload_part({bucket, key, part_num, upload_id, body})` → `{x_nos_request_id, etag}`.
   * `part_num` is 1..10000; `body` is required.
   */
  upload_part(params: multipart.UploadPartParams): Promise<NosEtagResult> {
    return multipart.uploadPart(this.#ctx, params);
  }
  /**
   * Assembles the parts: `complete_multipart_upload({bucket, key, upload_id, info:
   * [{part_num, etag}], object_md5})` → `{x_nos_request_id, response}` (`CompleteMultipartUploadResult`).
   */
  complete_multipart_upload(params: multipart.CompleteMultipartUploadParams): Promise<NosElementResult> {
    return multipart.completeMultipartUpload(this.#ctx, params);
  }
  /** Cancels a multipart upload and frees its parts: `abort_multipart_upload({bucket, key, upload_id})` → `{x_nos_request_id}`. */
  abort_multipart_upload(params: multipart.UploadIdParams): Promise<NosResult> {
    return multipart.abortMultipartUpload(this.#ctx, params);
  }
  /**
   * The parts uploaded so far: `list_parts({bucket, key, upload_id, limit, part_number_marker})`
   * → `{x_nos_request_id, response}` (`ListPartsResult`, `findall('Part')`).
   */
  list_parts(params: multipart.ListPartsParams): Promise<NosElementResult> {
    return multipart.listParts(this.#ctx, params);
  }
  /**
   * Multipart uploads in progress: `list_multipart_uploads({bucket, limit, key_marker})`
   * → `{x_nos_request_id, response}` (`ListMultipartUploadsResult`, `findall('Upload')`).
   */
  list_multipart_uploads(params: multipart.ListMultipartUploadsParams): Promise<NosElementResult> {
    return multipart.listMultipartUploads(this.#ctx, params);
  }

  // High-level calls (@yunstore/transfer): concurrent, resumable, bounded memory.

  /**
   * Every object under a prefix, for `for await`: `list_all_objects({bucket, prefix,
   * marker, page_size})` yields each `Contents` element (`c.findtext('Key')`,
   * `c.findtext('Size')`), requesting the next page of list_objects only when needed.
   */
  list_all_objects(params: ListAllObjectsParams): AsyncGenerator<NosElement, void, undefined> {
    return listAllObjects(this.#ctx, params);
  }
  /** Uploads a local file: one put_object up to `multipart_threshold`, resumable multipart above. */
  upload_file(params: transfer.UploadFileParams): Promise<transfer.UploadResult> {
    return transfer.uploadFileOp(this.#ctx, params);
  }
  /** nos-node-sdk's name for `upload_file` (its `filepath` parameter works too). */
  put_big_file(params: transfer.UploadFileParams): Promise<transfer.UploadResult> {
    return transfer.uploadFileOp(this.#ctx, params);
  }
  /**
   * Downloads an object to a local file by concurrent ranged GETs, resumable.
   * The destination is checked before the first request (not a folder, its folder writable).
   */
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
  /** Downloads every object under a prefix into a local folder (unsafe keys refused; the folder checked before the first request). */
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

  // The camelCase twins: declared here for their types and hover text, defined on the
  // prototype and bound per instance below (each is the same function as its snake_case name).

  /** camelCase twin of `delete_object`: deletes one object → `{x_nos_request_id}`. */
  declare deleteObject: Client['delete_object'];
  /** camelCase twin of `delete_objects`: deletes 1 to 1000 objects; raises `MultiObjectDeleteException` on partial failure. */
  declare deleteObjects: Client['delete_objects'];
  /** camelCase twin of `get_object`: reads an object; `await body.read()` for all the bytes, or stream `body`. */
  declare getObject: Client['get_object'];
  /** camelCase twin of `head_object`: an object's metadata without its bytes. */
  declare headObject: Client['head_object'];
  /** camelCase twin of `list_objects`: one page of keys (`response.findall('Contents')`). */
  declare listObjects: Client['list_objects'];
  /** camelCase twin of `put_object`: uploads one object of up to 100 MiB → `{x_nos_request_id, etag}`. */
  declare putObject: Client['put_object'];
  /** camelCase twin of `copy_object`: server-side copy. */
  declare copyObject: Client['copy_object'];
  /** camelCase twin of `move_object`: NOS-only rename inside one bucket. */
  declare moveObject: Client['move_object'];
  /** camelCase twin of `create_multipart_upload`: starts a multipart upload (`response.findtext('UploadId')`). */
  declare createMultipartUpload: Client['create_multipart_upload'];
  /** camelCase twin of `upload_part`: uploads one part → `{x_nos_request_id, etag}`. */
  declare uploadPart: Client['upload_part'];
  /** camelCase twin of `complete_multipart_upload`: assembles the parts `info: [{part_num, etag}]`. */
  declare completeMultipartUpload: Client['complete_multipart_upload'];
  /** camelCase twin of `abort_multipart_upload`: cancels a multipart upload. */
  declare abortMultipartUpload: Client['abort_multipart_upload'];
  /** camelCase twin of `list_parts`: the parts uploaded so far. */
  declare listParts: Client['list_parts'];
  /** camelCase twin of `list_multipart_uploads`: multipart uploads in progress. */
  declare listMultipartUploads: Client['list_multipart_uploads'];
  /** camelCase twin of `list_all_objects`: every object under a prefix, for `for await`. */
  declare listAllObjects: Client['list_all_objects'];
  /** camelCase twin of `upload_file`: uploads a local file, multipart and resumable when large. */
  declare uploadFile: Client['upload_file'];
  /** camelCase twin of `put_big_file` (nos-node-sdk's name for `upload_file`). */
  declare putBigFile: Client['put_big_file'];
  /** camelCase twin of `download_file`: downloads an object to a local file, resumable. */
  declare downloadFile: Client['download_file'];
  /** camelCase twin of `upload_stream`: uploads a readable stream in parts. */
  declare uploadStream: Client['upload_stream'];
  /** camelCase twin of `download_stream`: writes an object into a writable stream. */
  declare downloadStream: Client['download_stream'];
  /** camelCase twin of `upload_folder`: uploads every file under a local folder. */
  declare uploadFolder: Client['upload_folder'];
  /** camelCase twin of `download_folder`: downloads every object under a prefix into a folder. */
  declare downloadFolder: Client['download_folder'];
  /** camelCase twin of `delete_prefix`: deletes every object under a prefix. */
  declare deletePrefix: Client['delete_prefix'];
  /** camelCase twin of `generate_presigned_url`: a presigned URL, synchronous. */
  declare generatePresignedUrl: Client['generate_presigned_url'];
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
  listAllObjects: 'list_all_objects',
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

const ALIASES: Readonly<Record<string, string>> = { ...CAMEL_CASE_ALIASES, ...HIGH_LEVEL_ALIASES };
const METHOD_NAMES = Object.getOwnPropertyNames(Client.prototype).filter((name) => name !== 'constructor');

for (const [camel, snake] of Object.entries(ALIASES)) {
  Object.defineProperty(Client.prototype, camel, {
    value: Client.prototype[snake as keyof Client],
    writable: true,
    configurable: true,
  });
}

/**
 * Gives the instance its own bound copy of every method (the camelCase twin
 * is the same bound function), so `const f = client.head_object; await f(...)`
 * and `array.map(client.head_object)` work as in Python, where methods are bound.
 * Not enumerable, so logging a client shows only `transport`.
 */
function bindMethods(client: Client): void {
  const methods = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of METHOD_NAMES) {
    const method = methods[name];
    if (typeof method !== 'function') continue;
    Object.defineProperty(client, name, { value: method.bind(client), writable: true, configurable: true });
  }
  for (const [camel, snake] of Object.entries(ALIASES)) {
    Object.defineProperty(client, camel, { value: methods[snake], writable: true, configurable: true });
  }
}
