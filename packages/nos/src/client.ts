import { bindMethods, defineMethods, type MethodTable, type MethodTableMismatch, withMethods } from '@yunstore/core';
import { transportOptionsOf, type ClientOptions } from './client-options.ts';
import { nosContext, type NosContext } from './context.ts';
import { signingOf } from './credentials.ts';
import { ClientException } from './errors.ts';
import { listAllObjects } from './list-all.ts';
import type { NosMethods } from './methods.ts';
import type { NosMethodsCamelCase } from './methods-camel.ts';
import * as multipart from './operations/multipart.ts';
import * as object from './operations/object.ts';
import { generatePresignedUrl } from './presign.ts';
import * as transfer from './transfer.ts';
import * as folder from './transfer-folder.ts';
import { Transport, type NosTransport } from './transport.ts';

export type { ClientOptions } from './client-options.ts';

/** An operation without its trailing internal options (those are for the transfer engine, not the caller). */
function callerOnly<P, R>(op: (ctx: NosContext, params: P, internal?: never) => R): (ctx: NosContext, params: P) => R {
  return (ctx, params) => op(ctx, params);
}

/**
 * The operation table: every method of the client by its Python name (the
 * camelCase twin is derived). NOS methods take one object of Python keyword
 * arguments, which the operations check, so the arguments pass through as
 * they come; the operations' errors are already the `nos.exceptions` classes.
 */
const NOS_METHODS = {
  delete_object: { run: object.deleteObject },
  delete_objects: { run: object.deleteObjects },
  get_object: { run: callerOnly(object.getObject) },
  head_object: { run: object.headObject },
  list_objects: { run: object.listObjects },
  put_object: { run: callerOnly(object.putObject) },
  copy_object: { run: object.copyObject },
  move_object: { run: object.moveObject },
  create_multipart_upload: { run: multipart.createMultipartUpload },
  upload_part: { run: callerOnly(multipart.uploadPart) },
  complete_multipart_upload: { run: multipart.completeMultipartUpload },
  abort_multipart_upload: { run: multipart.abortMultipartUpload },
  list_parts: { run: multipart.listParts },
  list_multipart_uploads: { run: multipart.listMultipartUploads },
  // High-level calls (@yunstore/transfer): concurrent, resumable, bounded memory.
  list_all_objects: { run: listAllObjects, sync: true },
  upload_file: { run: transfer.uploadFileOp },
  put_big_file: { run: transfer.uploadFileOp },
  download_file: { run: transfer.downloadFileOp },
  upload_stream: { run: transfer.uploadStreamOp },
  download_stream: { run: transfer.downloadStreamOp },
  copy: { run: transfer.copyOp },
  upload_folder: { run: folder.uploadFolderOp },
  download_folder: { run: folder.downloadFolderOp },
  delete_prefix: { run: folder.deletePrefixOp },
  generate_presigned_url: { run: generatePresignedUrl, sync: true },
} as const satisfies MethodTable<NosContext>;

/** Compile-time check: methods.ts documents exactly these methods, each with its operation's exact signature. */
type Checked<Names extends never> = Names;
export type _NosMethodsMatch = Checked<MethodTableMismatch<NosMethods, typeof NOS_METHODS>>;

/**
 * The NOS client of the Python SDK: `new nos.Client({...})`, then
 * `client.put_object({bucket, key, body})`. Every method takes one object of
 * the Python keyword arguments (plus an optional `signal`), returns a
 * Promise of the Python dict, and is also reachable in camelCase
 * (`client.putObject`). Methods are bound to their client, so
 * `const put = client.put_object` works. Keys lose their leading and
 * trailing `/` as in the Python SDK. Errors are the `nos.exceptions` classes.
 */
export class Client extends withMethods<NosMethods & NosMethodsCamelCase>() {
  /** The transport instance in use (built from `transport_class`). */
  readonly transport: NosTransport;
  readonly #ctx: NosContext;

  /**
   * `new nos.Client({access_key_id, access_key_secret, end_point, ...})`, the
   * Python keyword arguments. Bad options raise `ClientException`.
   */
  constructor(options: ClientOptions = {}) {
    super();
    const transportOptions = transportOptionsOf(options ?? {});
    const TransportClass = options?.transport_class ?? Transport;
    this.transport = new TransportClass(transportOptions);
    if (typeof this.transport?.perform_request !== 'function') {
      throw new ClientException('transport_class must build an object with a perform_request method');
    }
    const { access_key_id: ak, access_key_secret: sk, end_point: endPoint, enable_ssl: enableSsl } = transportOptions;
    this.#ctx = nosContext(this.transport, {
      signing: signingOf(this.transport, { accessKeyId: ak, accessKeySecret: sk, endPoint, enableSsl }),
      maxRetries: transportOptions.max_retries,
    });
    bindMethods(this);
  }

  /** Closes pooled connections (when the transport has a `close`). */
  async close(): Promise<void> {
    await this.transport.close?.();
  }

  static {
    defineMethods(Client, NOS_METHODS, { context: (client) => client.#ctx });
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
