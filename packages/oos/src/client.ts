/**
 * `oos.client('s3' | 'iam', {...})`: each client class is defined by one
 * operation table (seed name → what runs), installed on its prototype by
 * core's `defineMethods` under the seed name and its camelCase twin. The
 * methods' types and documentation live in methods.ts.
 */
import { bindMethods, type CamelCase, defineMethods, type FacadeDialect, type MethodTable, type MethodTableMismatch, withMethods } from '@yunstore/core';
import { type ClientOptions, contextFor } from './client-options.ts';
import type { Config } from './config.ts';
import { exceptions, ParamValidationError } from './errors.ts';
import { IAM_OPERATIONS } from './iam.ts';
import type { IamMethodsCamelCase } from './iam-methods-camel.ts';
import type { IamMethods, S3HelperMethods, S3Methods } from './methods.ts';
import type { S3MethodsCamelCase } from './methods-camel.ts';
import * as bucket from './operations/bucket.ts';
import * as config from './operations/config.ts';
import type { Abortable, Operation } from './operations/define.ts';
import * as multipart from './operations/multipart.ts';
import * as object from './operations/object.ts';
import { canPaginate, getPaginator } from './paginate.ts';
import { generate_presigned_url } from './presign.ts';
import type { ClientContext } from './request.ts';
import * as transfer from './transfer.ts';

export type { ClientOptions } from './client-options.ts';

/** The S3 operations by seed name (each validates its parameters, then sends): the operation part of the S3 client's table. */
export const S3_OPERATIONS = {
  list_buckets: bucket.list_buckets,
  create_bucket: bucket.create_bucket,
  get_bucket_acl: bucket.get_bucket_acl,
  put_bucket_acl: bucket.put_bucket_acl,
  list_objects: bucket.list_objects,
  delete_bucket: bucket.delete_bucket,
  head_bucket: bucket.head_bucket,
  put_bucket_policy: config.put_bucket_policy,
  get_bucket_policy: config.get_bucket_policy,
  delete_bucket_policy: config.delete_bucket_policy,
  put_bucket_website: config.put_bucket_website,
  get_bucket_website: config.get_bucket_website,
  delete_bucket_website: config.delete_bucket_website,
  put_bucket_logging: config.put_bucket_logging,
  get_bucket_logging: config.get_bucket_logging,
  put_bucket_trigger: config.put_bucket_trigger,
  get_bucket_trigger: config.get_bucket_trigger,
  delete_bucket_trigger: config.delete_bucket_trigger,
  put_bucket_lifecycle: config.put_bucket_lifecycle,
  get_bucket_lifecycle: config.get_bucket_lifecycle,
  delete_bucket_lifecycle: config.delete_bucket_lifecycle,
  list_multipart_uploads: multipart.list_multipart_uploads,
  put_object: object.put_object,
  get_object: object.get_object,
  head_object: object.head_object,
  delete_object: object.delete_object,
  copy_object: object.copy_object,
  delete_objects: object.delete_objects,
  get_object_acl: object.get_object_acl,
  put_object_acl: object.put_object_acl,
  create_multipart_upload: multipart.create_multipart_upload,
  upload_part: multipart.upload_part,
  upload_part_copy: multipart.upload_part_copy,
  complete_multipart_upload: multipart.complete_multipart_upload,
  abort_multipart_upload: multipart.abort_multipart_upload,
  list_parts: multipart.list_parts,
} as const;

/** A facade method: parameters optional only when the operation has no required ones. */
type Method<O> =
  O extends Operation<infer P, infer R>
    ? [P] extends [undefined | Record<string, never>]
      ? (params?: Abortable) => Promise<R>
      : (params: P & Abortable) => Promise<R>
    : never;

/** The facade methods of an operation table, snake_case and camelCase (the clients' documented interfaces are in methods.ts). */
export type Methods<T> = { [K in keyof T]: Method<T[K]> } & { [K in keyof T & string as CamelCase<K>]: Method<T[K]> };

/** Table entries for operations: each runs as it is, typed as the facade method it becomes (plus the context). */
type OperationEntries<T> = {
  readonly [K in keyof T]: { readonly run: (ctx: ClientContext, ...params: Parameters<Method<T[K]>>) => ReturnType<Method<T[K]>> };
};

/**
 * The entries of a list of operations. An operation already takes
 * `(ctx, params)` and checks `params` before sending, so it is the entry's
 * `run` unchanged (validation stays once, at the operation).
 */
function operationEntries<T extends Record<string, Operation<never, unknown>>>(operations: T): OperationEntries<T> {
  return Object.fromEntries(Object.entries(operations).map(([name, run]) => [name, { run }])) as unknown as OperationEntries<T>;
}

/**
 * boto3's helpers beside the operations. They take boto3's positional
 * arguments or one object (the helper sorts them out and checks them), so
 * the arguments pass through as they come. The URL, paginator and
 * `can_paginate` answers are synchronous, as in boto3.
 */
const S3_HELPER_ENTRIES = {
  can_paginate: { run: (_ctx: ClientContext, operation_name: string): boolean => canPaginate(operation_name), sync: true },
  get_paginator: { run: (ctx: ClientContext, operation_name: unknown) => getPaginator(ctx, operation_name), sync: true },
  generate_presigned_url: { run: (ctx: ClientContext, ...args: unknown[]) => generate_presigned_url(ctx, args), sync: true },
  upload_file: { run: (ctx: ClientContext, ...args: unknown[]) => transfer.upload_file(ctx, args) },
  download_file: { run: (ctx: ClientContext, ...args: unknown[]) => transfer.download_file(ctx, args) },
  upload_fileobj: { run: (ctx: ClientContext, ...args: unknown[]) => transfer.upload_fileobj(ctx, args) },
  download_fileobj: { run: (ctx: ClientContext, ...args: unknown[]) => transfer.download_fileobj(ctx, args) },
  copy: { run: (ctx: ClientContext, ...args: unknown[]) => transfer.copy(ctx, args) },
} as const satisfies MethodTable<ClientContext>;

/** The S3 client's operation table: every seed operation and boto3 helper by its Python name (the camelCase twin is derived). */
export const S3_METHODS = { ...operationEntries(S3_OPERATIONS), ...S3_HELPER_ENTRIES } as const satisfies MethodTable<ClientContext>;

/** The IAM client's operation table: the four access-key calls. */
export const IAM_METHODS = operationEntries(IAM_OPERATIONS) satisfies MethodTable<ClientContext>;

/** Compile-time checks: methods.ts documents exactly the tables' methods, each operation with exactly its signature. */
type Checked<Names extends never> = Names;
type S3HelperNames = keyof S3HelperMethods;
export type _S3MethodsMatch = Checked<MethodTableMismatch<S3Methods, Omit<typeof S3_METHODS, S3HelperNames>>>;
/** The helpers' documented types are boto3's overloads (positional or one object), which one `run` signature cannot spell: names only. */
export type _S3HelpersMatch = Checked<MethodTableMismatch<S3HelperMethods, Pick<typeof S3_METHODS, S3HelperNames>, false>>;
export type _IamMethodsMatch = Checked<MethodTableMismatch<IamMethods, typeof IAM_METHODS>>;

/**
 * What OOS does around every call: nothing but finding the client's
 * context. Arguments pass through (each operation or helper checks its
 * own), credentials are loaded (and refreshed) by the request layer before
 * every request, which a long transfer needs, and the operations already
 * raise botocore's exception classes. Set by `OosClientBase`'s static block,
 * the one place that can read its private context.
 */
let OOS_DIALECT: FacadeDialect<OosClientBase, ClientContext>;

/**
 * What both clients share: the endpoint, credentials and config resolved
 * once, botocore's `exceptions` and `meta`, and `close()`. The methods come
 * from each subclass's table, bound to the instance so they can be passed
 * around detached (`const put = client.put_object`).
 */
class OosClientBase {
  /** `client.exceptions.NoSuchKey` etc., as boto3. */
  readonly exceptions: typeof exceptions = exceptions;
  /** The resolved endpoint, region and config (botocore's `client.meta`). */
  readonly meta: { endpoint_url: string; region_name: string; config: Config };
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
    this.meta = { endpoint_url: ctx.endpoint.origin, region_name: ctx.region, config: ctx.config };
    bindMethods(this);
  }

  /** Closes the keep-alive connection pool. */
  close(): Promise<void> {
    return this.#ctx.close();
  }

  static {
    OOS_DIALECT = { context: (client) => client.#ctx };
  }
}

/** The S3 client: every seed method and boto3 helper under its name and camelCase twin (the same function). */
export class S3Client extends withMethods<S3Methods & S3HelperMethods & S3MethodsCamelCase, typeof OosClientBase>(OosClientBase) {
  /** `oos.client('s3', options)`; bad options throw ParamValidationError (an unknown option TypeError), before any request. */
  constructor(options: ClientOptions) {
    super(contextFor(options, 's3'));
  }

  static {
    defineMethods(S3Client, S3_METHODS, OOS_DIALECT);
  }
}

/** The IAM client: create/delete/update/list access keys, under their names and camelCase twins. */
export class IamClient extends withMethods<IamMethods & IamMethodsCamelCase, typeof OosClientBase>(OosClientBase) {
  /** `oos.client('iam', options)`; bad options throw ParamValidationError (an unknown option TypeError), before any request. */
  constructor(options: ClientOptions) {
    super(contextFor(options, 'iam'));
  }

  static {
    defineMethods(IamClient, IAM_METHODS, OOS_DIALECT);
  }
}

/** `oos.client('s3', {...})` or `oos.client('iam', {...})`. */
export function client(service: 's3', options: ClientOptions): S3Client;
export function client(service: 'iam', options: ClientOptions): IamClient;
export function client(service: 's3' | 'iam', options: ClientOptions): S3Client | IamClient {
  if (service === 's3') return new S3Client(options);
  if (service === 'iam') return new IamClient(options);
  throw new ParamValidationError(`Unknown service: '${String(service)}'. Valid service names are: s3, iam`);
}
