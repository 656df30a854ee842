/**
 * `BosClient`: every method of the BOS Python SDK under its Python name and
 * its camelCase twin (`put_object` / `putObject`, the same function), defined
 * by one operation table. Each entry's `run` (in `src/methods/*.ts`) checks
 * the method's positional arguments and calls the operation with the
 * client's `BosContext`; the documented signatures are in `methods.ts`.
 */
import { bindMethods, defineMethods, type MethodTable, type MethodTableMismatch, withMethods } from '@yunstore/core';
import type { TransferLimits } from '@yunstore/transfer';
import type { BceClientConfiguration } from './config.ts';
import { BosContext } from './http.ts';
import type { BosMethods } from './methods.ts';
import * as bucket from './methods/bucket.ts';
import * as multipart from './methods/multipart.ts';
import * as object from './methods/object.ts';
import * as transfer from './methods/transfer.ts';
import type { BosMethodsCamelCase } from './methods-camel.ts';
import { BOS_TRANSFER_LIMITS } from './transfer-adapter.ts';

export { MAX_DELETE_KEYS } from './methods/object.ts';

/**
 * The operation table: every method of `BosClient` by its Python name (the
 * camelCase twin is derived; `aliases` are @baiducloud/sdk's other casings).
 * Arguments pass through as the caller gave them: BOS methods take Python's
 * positional arguments, different per method, so each `run` checks its own.
 * There is no closed state (a closed client reopens its pool) and every
 * failure is already a `baidubce` exception, so the dialect only supplies
 * the context.
 */
const BOS_METHODS = {
  list_buckets: { run: bucket.listBuckets },
  create_bucket: { run: bucket.createBucket },
  does_bucket_exist: { run: bucket.doesBucketExist },
  delete_bucket: { run: bucket.deleteBucket },
  set_bucket_canned_acl: { run: bucket.setBucketCannedAcl },
  set_bucket_acl: { run: bucket.setBucketAcl },
  get_bucket_acl: { run: bucket.getBucketAcl },
  get_bucket_location: { run: bucket.getBucketLocation },
  list_objects: { run: bucket.listObjects },
  list_all_objects: { run: bucket.listAllObjects, sync: true },
  put_object: { run: object.putObject },
  put_object_from_string: { run: object.putObjectFromString },
  put_object_from_file: { run: object.putObjectFromFile },
  get_object: { run: object.getObject },
  get_object_as_string: { run: object.getObjectAsString },
  get_object_to_file: { run: object.getObjectToFile },
  get_object_meta_data: { run: object.getObjectMetaData, aliases: ['getObjectMetadata'] },
  generate_pre_signed_url: { run: object.generatePreSignedUrl, sync: true, aliases: ['generatePresignedUrl'] },
  copy_object: { run: object.copyObject },
  delete_object: { run: object.deleteObject },
  delete_multiple_objects: { run: object.deleteMultipleObjects },
  initiate_multipart_upload: { run: multipart.initiateMultipartUpload },
  upload_part: { run: multipart.uploadPart },
  upload_part_from_file: { run: multipart.uploadPartFromFile },
  upload_part_copy: { run: multipart.uploadPartCopy },
  complete_multipart_upload: { run: multipart.completeMultipartUpload },
  abort_multipart_upload: { run: multipart.abortMultipartUpload },
  list_parts: { run: multipart.listParts },
  list_all_parts: { run: multipart.listAllParts, sync: true },
  list_multipart_uploads: { run: multipart.listMultipartUploads },
  list_all_multipart_uploads: { run: multipart.listAllMultipartUploads, sync: true },
  // High-level calls (@yunstore/transfer): concurrent, resumable, bounded memory.
  upload_file: { run: transfer.uploadFile },
  put_super_obejct_from_file: { run: transfer.putSuperObjectFromFile },
  put_super_object_from_file: { run: transfer.putSuperObjectFromFile },
  download_file: { run: transfer.downloadFile },
  copy: { run: transfer.copy },
  upload_folder: { run: transfer.uploadFolder },
  download_folder: { run: transfer.downloadFolder },
  delete_prefix: { run: transfer.deletePrefix },
} as const satisfies MethodTable<BosContext>;

/**
 * Compile-time checks: methods.ts documents exactly the table's methods, and
 * each documented signature is its entry's without the context. An
 * overloaded method is checked by name only (a conditional type sees one
 * overload); its `run` declares the same overloads.
 */
type Checked<Names extends never> = Names;
type Overloaded = 'get_object_as_string';
export type _BosMethodsMatch = Checked<MethodTableMismatch<BosMethods, typeof BOS_METHODS, false>>;
export type _BosSignaturesMatch = Checked<MethodTableMismatch<Omit<BosMethods, Overloaded>, Omit<typeof BOS_METHODS, Overloaded>>>;

/**
 * `BosClient(config)`: every method of the BOS Python SDK under its Python
 * name and a camelCase twin (`put_object` / `putObject`, the same function,
 * the same docs). Build it with `new BosClient(new BceClientConfiguration({credentials, endpoint}))`.
 */
export class BosClient extends withMethods<BosMethods & BosMethodsCamelCase>() {
  /** Shared per-client state; `src/transfer.ts` builds on the same context. */
  readonly context: BosContext;

  /** `BosClient(config)`, as in Python: `new BosClient(new BceClientConfiguration({credentials, endpoint}))`. */
  constructor(config: BceClientConfiguration) {
    super();
    if (typeof config !== 'object' || config === null) throw new TypeError('BosClient(config): config should be a BceClientConfiguration');
    this.context = new BosContext(config);
    this.context.transferLimits = { ...BOS_TRANSFER_LIMITS };
    // `const f = client.put_object_from_string; await f(...)` works, as a bound method does in Python.
    bindMethods(this);
  }

  /** The client's `BceClientConfiguration`; its fields may be changed between calls, as in Python. */
  get config(): BceClientConfiguration {
    return this.context.config;
  }

  /**
   * The limits the high-level calls plan parts with (BOS: 10000 parts, 5 MiB minimum part,
   * 5 GiB maximum part and single copy). Lower `minPartSize` only for a server that accepts
   * smaller parts, such as `@yunstore/emulator` started with `minPartSize`.
   */
  get transfer_limits(): TransferLimits {
    this.context.transferLimits ??= { ...BOS_TRANSFER_LIMITS };
    return this.context.transferLimits;
  }
  set transfer_limits(limits: TransferLimits) {
    this.context.transferLimits = limits;
  }

  /** Closes the pooled connections (later calls open new ones). */
  async close(): Promise<void> {
    await this.context.close();
  }

  static {
    defineMethods(BosClient, BOS_METHODS, { context: (client) => client.context });
  }
}

/** Python name → camelCase alias: the seed's 29 methods plus `upload_part_copy` and `delete_multiple_objects` (two follow @baiducloud/sdk's casing too). */
export const METHOD_ALIASES = {
  list_buckets: 'listBuckets',
  create_bucket: 'createBucket',
  does_bucket_exist: 'doesBucketExist',
  delete_bucket: 'deleteBucket',
  set_bucket_canned_acl: 'setBucketCannedAcl',
  set_bucket_acl: 'setBucketAcl',
  get_bucket_acl: 'getBucketAcl',
  get_bucket_location: 'getBucketLocation',
  put_object: 'putObject',
  put_object_from_string: 'putObjectFromString',
  put_object_from_file: 'putObjectFromFile',
  list_objects: 'listObjects',
  list_all_objects: 'listAllObjects',
  get_object: 'getObject',
  get_object_as_string: 'getObjectAsString',
  get_object_to_file: 'getObjectToFile',
  get_object_meta_data: 'getObjectMetaData',
  generate_pre_signed_url: 'generatePreSignedUrl',
  copy_object: 'copyObject',
  delete_object: 'deleteObject',
  initiate_multipart_upload: 'initiateMultipartUpload',
  upload_part: 'uploadPart',
  upload_part_from_file: 'uploadPartFromFile',
  complete_multipart_upload: 'completeMultipartUpload',
  abort_multipart_upload: 'abortMultipartUpload',
  list_multipart_uploads: 'listMultipartUploads',
  list_all_multipart_uploads: 'listAllMultipartUploads',
  list_parts: 'listParts',
  list_all_parts: 'listAllParts',
  // Later Python SDKs (not in the seed): multipart copy and multi-delete.
  upload_part_copy: 'uploadPartCopy',
  delete_multiple_objects: 'deleteMultipleObjects',
} as const satisfies Partial<Record<keyof typeof BOS_METHODS, string>>;

/** Python name → camelCase alias of the high-level calls (`copy` is its own camelCase name). */
export const TRANSFER_METHOD_ALIASES = {
  upload_file: 'uploadFile',
  download_file: 'downloadFile',
  put_super_obejct_from_file: 'putSuperObejctFromFile',
  put_super_object_from_file: 'putSuperObjectFromFile',
  upload_folder: 'uploadFolder',
  download_folder: 'downloadFolder',
  delete_prefix: 'deletePrefix',
} as const satisfies Partial<Record<keyof typeof BOS_METHODS, string>>;
