/**
 * `oos.client('s3' | 'iam', {...})`: thin facades that forward each seed
 * method (and its camelCase alias) to `operations/<group>.ts`. The methods'
 * types and documentation live in methods.ts.
 */
import { Config } from './config.ts';
import type { CredentialsProvider } from './credentials.ts';
import { exceptions, ParamValidationError } from './errors.ts';
import { IAM_OPERATIONS } from './iam.ts';
import type { CamelCaseMethods, IamMethods, S3Methods } from './methods.ts';
import type { IamMethodsCamelCase, S3MethodsCamelCase } from './methods-camel.ts';
import * as bucket from './operations/bucket.ts';
import * as config from './operations/config.ts';
import type { Abortable, Operation } from './operations/define.ts';
import * as multipart from './operations/multipart.ts';
import * as object from './operations/object.ts';
import { canPaginate, getPaginator, type GetPaginatorMethod } from './paginate.ts';
import { generate_presigned_url, type GeneratePresignedUrlMethod } from './presign.ts';
import { ClientContext } from './request.ts';
import * as transfer from './transfer.ts';

/** The S3 operations by seed name, as the client attaches them. */
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

type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** A facade method: parameters optional only when the operation has no required ones. */
type Method<O> =
  O extends Operation<infer P, infer R>
    ? [P] extends [undefined | Record<string, never>]
      ? (params?: Abortable) => Promise<R>
      : (params: P & Abortable) => Promise<R>
    : never;

/** The facade methods of an operation table, snake_case and camelCase (the clients' documented interfaces are in methods.ts). */
export type Methods<T> = { [K in keyof T]: Method<T[K]> } & { [K in keyof T & string as CamelCase<K>]: Method<T[K]> };

/** True when A and B are identical types (not merely assignable both ways, which optional fields would allow). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The names whose documented signature (methods.ts) differs from what the operation really takes and gives. */
type Mismatched<Documented, Ops> = {
  [K in keyof Ops]: K extends keyof Documented ? (Same<Documented[K], Method<Ops[K]>> extends true ? never : K) : K;
}[keyof Ops];
/** Compile-time check: every operation has a documented method of exactly its type (a name here is a bug). */
type Checked<Names extends never> = Names;
export type _S3MethodsMatch = Checked<Mismatched<S3Methods, typeof S3_OPERATIONS> | Exclude<keyof S3Methods, keyof typeof S3_OPERATIONS>>;
export type _IamMethodsMatch = Checked<Mismatched<IamMethods, typeof IAM_OPERATIONS> | Exclude<keyof IamMethods, keyof typeof IAM_OPERATIONS>>;
/** The declared camelCase twins are exactly the snake_case methods renamed. */
export type _S3TwinsMatch = Checked<Same<S3MethodsCamelCase, CamelCaseMethods<S3Methods>> extends true ? never : 'S3MethodsCamelCase'>;
export type _IamTwinsMatch = Checked<Same<IamMethodsCamelCase, CamelCaseMethods<IamMethods>> extends true ? never : 'IamMethodsCamelCase'>;

export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function attach(target: object, ctx: ClientContext, operations: Record<string, Operation<never, unknown>>): void {
  for (const [name, op] of Object.entries(operations)) {
    const method = (params?: unknown): Promise<unknown> => op(ctx, params as never);
    Object.defineProperty(target, name, { value: method, enumerable: true });
    Object.defineProperty(target, camelCase(name), { value: method, enumerable: false });
  }
}

/** Options of `oos.client(...)`, snake_case as the seed and boto3 spell them. */
export interface ClientOptions {
  /** `http://oos-hz.ctyunapi.cn`. Without a scheme, `use_ssl` picks it. Default: from `region_name` (`oos-cn.ctyunapi.cn`; IAM `oos-cn-iam.ctyunapi.cn`). */
  endpoint_url?: string;
  /** The seed's name for the access key id. */
  access_key_id?: string;
  /** The seed's name for the secret key. Never shown in errors, logs or `inspect` output. */
  secret_access_key?: string;
  /** boto3's name for `access_key_id`, accepted too. */
  aws_access_key_id?: string;
  /** boto3's name for `secret_access_key`, accepted too. */
  aws_secret_access_key?: string;
  /** Temporary credentials: sent as `x-amz-security-token`. */
  aws_session_token?: string;
  /**
   * Temporary keys from a function, refreshed before they expire (botocore's
   * `RefreshableCredentials`): `async () => sts.assume_role(...).Credentials`,
   * i.e. `{ AccessKeyId, SecretAccessKey, SessionToken, Expiration }` (or
   * botocore's `{ access_key, secret_key, token, expiry_time }`). Asked before
   * the first request and again 5 minutes before `Expiration`; used when no
   * fixed keys are given. A failing provider raises `CredentialRetrievalError`.
   */
  credentials_provider?: CredentialsProvider;
  /** Scheme when `endpoint_url` has none, or for the default endpoint. The seed says OOS takes only `false`. Default false. */
  use_ssl?: boolean;
  /** Endpoint pool (`cn`, `hz`, `js`...) and V4 scope region. */
  region_name?: string;
  /** `new Config({ signature_version: 's3' })`: signature version, timeouts, retries, proxies, addressing style. */
  config?: Config;
}

function resolveEndpoint(options: ClientOptions, service: 's3' | 'iam'): URL {
  const scheme = options.use_ssl === true ? 'https' : 'http';
  const region = options.region_name ?? options.config?.region_name ?? 'cn';
  const raw = options.endpoint_url ?? `oos-${region}${service === 'iam' ? '-iam' : ''}.ctyunapi.cn`;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${scheme}://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ParamValidationError(`Invalid endpoint_url: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ParamValidationError(`endpoint_url must be http or https: ${raw}`);
  return url;
}

const CLIENT_OPTIONS: ReadonlySet<string> = new Set([
  'endpoint_url',
  'access_key_id',
  'secret_access_key',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'credentials_provider',
  'use_ssl',
  'region_name',
  'config',
]);

function contextFor(options: ClientOptions, service: 's3' | 'iam'): ClientContext {
  if (typeof options !== 'object' || options === null) throw new ParamValidationError('client options must be an object');
  // boto3.client() raises TypeError for an unexpected keyword; a misspelled endpoint_url must not fall back to the default endpoint.
  for (const name of Object.keys(options)) {
    if (!CLIENT_OPTIONS.has(name)) throw new TypeError(`client() got an unexpected keyword argument '${name}'; valid names: ${[...CLIENT_OPTIONS].join(', ')}`);
  }
  const accessKeyId = options.access_key_id ?? options.aws_access_key_id;
  const secretAccessKey = options.secret_access_key ?? options.aws_secret_access_key;
  const provider = options.credentials_provider;
  if (provider !== undefined && typeof provider !== 'function')
    throw new ParamValidationError('credentials_provider must be a function returning {AccessKeyId, SecretAccessKey, SessionToken, Expiration}');
  const fixed = accessKeyId !== undefined || secretAccessKey !== undefined || provider === undefined;
  if (fixed && (typeof accessKeyId !== 'string' || accessKeyId === '')) throw new ParamValidationError('Missing required parameter: "access_key_id"');
  if (fixed && (typeof secretAccessKey !== 'string' || secretAccessKey === ''))
    throw new ParamValidationError('Missing required parameter: "secret_access_key"');
  if (options.config !== undefined && !(options.config instanceof Config))
    throw new ParamValidationError('config must be a Config instance: new Config({ signature_version: "s3" })');
  let cfg = options.config ?? new Config();
  if (options.region_name !== undefined && cfg.region_name === undefined) cfg = cfg.merge(new Config({ region_name: options.region_name }));
  return new ClientContext({
    endpoint: resolveEndpoint(options, service),
    credentials: fixed
      ? {
          accessKeyId: accessKeyId as string,
          secretAccessKey: secretAccessKey as string,
          ...(options.aws_session_token ? { sessionToken: options.aws_session_token } : {}),
        }
      : undefined,
    credentials_provider: provider,
    config: cfg,
    service: service === 'iam' ? 'sts' : 's3',
  });
}

/**
 * What both clients share: the endpoint, credentials and config resolved
 * once, every operation attached under its seed name and camelCase alias,
 * botocore's `exceptions` and `meta`, and `close()`.
 */
class OosClientBase {
  /** `client.exceptions.NoSuchKey` etc., as boto3. */
  readonly exceptions: typeof exceptions = exceptions;
  /** The resolved endpoint, region and config (botocore's `client.meta`). */
  readonly meta: { endpoint_url: string; region_name: string; config: Config };
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext, operations: Record<string, Operation<never, unknown>>) {
    this.#ctx = ctx;
    this.meta = { endpoint_url: ctx.endpoint.origin, region_name: ctx.region, config: ctx.config };
    attach(this, ctx, operations);
  }

  /** Closes the keep-alive connection pool. */
  close(): Promise<void> {
    return this.#ctx.close();
  }
}

/** The S3 client: every seed method under its name and camelCase alias. */
export interface S3Client extends S3Methods, S3MethodsCamelCase {}
export class S3Client extends OosClientBase {
  constructor(options: ClientOptions) {
    const ctx = contextFor(options, 's3');
    super(ctx, S3_OPERATIONS);
    this.upload_file = this.uploadFile = ((...args: unknown[]) => transfer.upload_file(ctx, args)) as transfer.UploadFileMethod;
    this.download_file = this.downloadFile = ((...args: unknown[]) => transfer.download_file(ctx, args)) as transfer.DownloadFileMethod;
    this.upload_fileobj = this.uploadFileobj = ((...args: unknown[]) => transfer.upload_fileobj(ctx, args)) as transfer.UploadFileobjMethod;
    this.download_fileobj = this.downloadFileobj = ((...args: unknown[]) => transfer.download_fileobj(ctx, args)) as transfer.DownloadFileobjMethod;
    this.copy = ((...args: unknown[]) => transfer.copy(ctx, args)) as transfer.CopyMethod;
    this.generate_presigned_url = this.generatePresignedUrl = ((...args: unknown[]) => generate_presigned_url(ctx, args)) as GeneratePresignedUrlMethod;
    this.get_paginator = this.getPaginator = ((name: unknown) => getPaginator(ctx, name)) as unknown as GetPaginatorMethod;
  }

  /**
   * boto3's `get_paginator(operation_name)`: every page of `list_objects`, `list_multipart_uploads`,
   * `list_parts` or `list_buckets`, as an async iterable.
   *
   * ```ts
   * for await (const page of client.get_paginator('list_objects').paginate({ Bucket, Prefix: 'logs/', PaginationConfig: { PageSize: 500 } })) {
   *   for (const obj of page.Contents ?? []) console.log(obj.Key);
   * }
   * ```
   * Another name throws OperationNotPageableError, as botocore.
   */
  readonly get_paginator: GetPaginatorMethod;
  /** camelCase alias of `get_paginator`: `getPaginator('listObjects')` (either spelling of the name works). */
  readonly getPaginator: GetPaginatorMethod;

  /** boto3's `can_paginate(operation_name)`: whether `get_paginator(operation_name)` exists. */
  can_paginate(operation_name: string): boolean {
    return canPaginate(operation_name);
  }

  /** camelCase alias of `can_paginate`. */
  canPaginate(operation_name: string): boolean {
    return canPaginate(operation_name);
  }

  // --- boto3's managed transfers (src/transfer.ts, over @yunstore/transfer) ---
  /** `upload_file(Filename, Bucket, Key, ExtraArgs?, Callback?, Config?)` or `upload_file({ Filename, Bucket, Key, ... })`. Multipart from `Config.multipart_threshold` (8 MiB). */
  readonly upload_file: transfer.UploadFileMethod;
  /** camelCase alias of `upload_file`: `uploadFile(Filename, Bucket, Key, ExtraArgs?, Callback?, Config?)` or `uploadFile({ Filename, Bucket, Key, ... })`. */
  readonly uploadFile: transfer.UploadFileMethod;
  /** `download_file(Bucket, Key, Filename, ExtraArgs?, Callback?, Config?)`: concurrent ranged GETs into a temp file renamed on success. */
  readonly download_file: transfer.DownloadFileMethod;
  /** camelCase alias of `download_file`: `downloadFile(Bucket, Key, Filename, ExtraArgs?, Callback?, Config?)` or the object form. */
  readonly downloadFile: transfer.DownloadFileMethod;
  /** `upload_fileobj(Fileobj, Bucket, Key, ExtraArgs?, Callback?, Config?)`: any stream, length unknown is fine. */
  readonly upload_fileobj: transfer.UploadFileobjMethod;
  /** camelCase alias of `upload_fileobj`: any stream, length unknown is fine. */
  readonly uploadFileobj: transfer.UploadFileobjMethod;
  /** `download_fileobj(Bucket, Key, Fileobj, ExtraArgs?, Callback?, Config?)`: bytes written in order into a Writable. */
  readonly download_fileobj: transfer.DownloadFileobjMethod;
  /** camelCase alias of `download_fileobj`: bytes written in order into a Writable. */
  readonly downloadFileobj: transfer.DownloadFileobjMethod;
  /** `copy(CopySource, Bucket, Key, ExtraArgs?, Callback?, SourceClient?, Config?)`: server-side, multipart from `multipart_threshold`. */
  readonly copy: transfer.CopyMethod;
  /** `generate_presigned_url(ClientMethod, Params?, ExpiresIn = 3600, HttpMethod?)` → the URL (synchronous, as boto3). */
  readonly generate_presigned_url: GeneratePresignedUrlMethod;
  /** camelCase alias of `generate_presigned_url` → the URL (synchronous). */
  readonly generatePresignedUrl: GeneratePresignedUrlMethod;
}

/** The IAM client: create/delete/update/list access keys. */
export interface IamClient extends IamMethods, IamMethodsCamelCase {}
export class IamClient extends OosClientBase {
  constructor(options: ClientOptions) {
    super(contextFor(options, 'iam'), IAM_OPERATIONS);
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
