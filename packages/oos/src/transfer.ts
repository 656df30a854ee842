/**
 * boto3's managed transfers on the s3 client — upload_file, download_file,
 * upload_fileobj, download_fileobj, copy — on top of `@yunstore/transfer`
 * through the OOS adapter. Each takes boto3's positional arguments or one
 * parameter object; each resolves to `undefined`, as boto3 returns None.
 */
import { Readable, type Writable } from 'node:stream';
import { copyObject, downloadFile, downloadStream, uploadFile, uploadStream, type StreamSource } from '@yunstore/transfer';
import { ParamValidationError } from './errors.ts';
import { checkDownloadDestination, checkUploadSource } from './local-path.ts';
import type { Abortable } from './operations/define.ts';
import type { ConditionParams, CopySource, ObjectHeaderParams, ObjectHeadersOutput } from './operations/headers.ts';
import * as obj from './operations/object.ts';
import type { OosResponse } from './operations/shape.ts';
import type { ClientContext } from './request.ts';
import {
  ALLOWED_COPY_ARGS,
  ALLOWED_DOWNLOAD_ARGS,
  ALLOWED_UPLOAD_ARGS,
  checkExtraArgs,
  collectArgs,
  isPlainObject,
  progressOf,
  runTransfer,
  signalOf,
  type TransferCallback,
  type TransferCallOptions,
} from './transfer-args.ts';
import { objectInfoOf, oosTransferAdapter, type CopySourceConditions } from './transfer-adapter.ts';
import { transferConfigOf, type TransferConfig, type TransferConfigOptions } from './transfer-config.ts';

/** ExtraArgs of upload_file / upload_fileobj: the object's headers. */
export type UploadExtraArgs = ObjectHeaderParams;
/** ExtraArgs of download_file / download_fileobj: conditions the object must meet (checked once, before any byte). */
export type DownloadExtraArgs = ConditionParams;
/** ExtraArgs of copy: the new object's headers, MetadataDirective and conditions on the source. */
export type CopyExtraArgs = ObjectHeaderParams & CopySourceConditions & { MetadataDirective?: 'COPY' | 'REPLACE' };
/** `Config`: a TransferConfig, or its options object. */
export type TransferConfigInput = TransferConfig | TransferConfigOptions;

/** The client the source of a copy is read with (boto3's `SourceClient`); only its head_object is used. */
export interface SourceClient {
  head_object(params: { Bucket: string; Key: string } & ConditionParams & Abortable): Promise<OosResponse & ObjectHeadersOutput>;
}

interface Common extends TransferCallOptions {
  Bucket: string;
  Key: string;
  Callback?: TransferCallback | null;
  Config?: TransferConfigInput | null;
}
export interface UploadFileRequest extends Common {
  Filename: string;
  ExtraArgs?: UploadExtraArgs | null;
}
export interface DownloadFileRequest extends Common {
  Filename: string;
  ExtraArgs?: DownloadExtraArgs | null;
}
export interface UploadFileobjRequest extends Common {
  /** A Node Readable, web ReadableStream, async iterable of bytes, or a Buffer / Uint8Array. Read once. */
  Fileobj: StreamSource | Uint8Array;
  ExtraArgs?: UploadExtraArgs | null;
}
export interface DownloadFileobjRequest extends Common {
  /** A Writable; it is not ended (the caller owns it, as boto3's file object). */
  Fileobj: Writable;
  ExtraArgs?: DownloadExtraArgs | null;
}
export interface CopyRequest extends Common {
  /** `{ Bucket, Key }` or `'bucket/key'`. */
  CopySource: CopySource;
  ExtraArgs?: CopyExtraArgs | null;
  SourceClient?: SourceClient | null;
}

type Opt<T> = T | null | undefined;
/** `upload_file(Filename, Bucket, Key, ExtraArgs?, Callback?, Config?, { AbortSignal }?)` or `upload_file({ Filename, Bucket, Key, ... })`. */
export interface UploadFileMethod {
  (params: UploadFileRequest): Promise<void>;
  (
    Filename: string,
    Bucket: string,
    Key: string,
    ExtraArgs?: Opt<UploadExtraArgs>,
    Callback?: Opt<TransferCallback>,
    Config?: Opt<TransferConfigInput>,
    options?: TransferCallOptions,
  ): Promise<void>;
}
/** `download_file(Bucket, Key, Filename, ExtraArgs?, Callback?, Config?, { AbortSignal }?)` or `download_file({ Bucket, Key, Filename, ... })`. */
export interface DownloadFileMethod {
  (params: DownloadFileRequest): Promise<void>;
  (
    Bucket: string,
    Key: string,
    Filename: string,
    ExtraArgs?: Opt<DownloadExtraArgs>,
    Callback?: Opt<TransferCallback>,
    Config?: Opt<TransferConfigInput>,
    options?: TransferCallOptions,
  ): Promise<void>;
}
/** `upload_fileobj(Fileobj, Bucket, Key, ExtraArgs?, Callback?, Config?, { AbortSignal }?)` or `upload_fileobj({ Fileobj, Bucket, Key, ... })`. */
export interface UploadFileobjMethod {
  (params: UploadFileobjRequest): Promise<void>;
  (
    Fileobj: StreamSource | Uint8Array,
    Bucket: string,
    Key: string,
    ExtraArgs?: Opt<UploadExtraArgs>,
    Callback?: Opt<TransferCallback>,
    Config?: Opt<TransferConfigInput>,
    options?: TransferCallOptions,
  ): Promise<void>;
}
/** `download_fileobj(Bucket, Key, Fileobj, ExtraArgs?, Callback?, Config?, { AbortSignal }?)` or `download_fileobj({ Bucket, Key, Fileobj, ... })`. */
export interface DownloadFileobjMethod {
  (params: DownloadFileobjRequest): Promise<void>;
  (
    Bucket: string,
    Key: string,
    Fileobj: Writable,
    ExtraArgs?: Opt<DownloadExtraArgs>,
    Callback?: Opt<TransferCallback>,
    Config?: Opt<TransferConfigInput>,
    options?: TransferCallOptions,
  ): Promise<void>;
}
/** `copy(CopySource, Bucket, Key, ExtraArgs?, Callback?, SourceClient?, Config?, { AbortSignal }?)` or `copy({ CopySource, Bucket, Key, ... })`. */
export interface CopyMethod {
  (params: CopyRequest): Promise<void>;
  (
    CopySource: CopySource,
    Bucket: string,
    Key: string,
    ExtraArgs?: Opt<CopyExtraArgs>,
    Callback?: Opt<TransferCallback>,
    SourceClient?: Opt<SourceClient>,
    Config?: Opt<TransferConfigInput>,
    options?: TransferCallOptions,
  ): Promise<void>;
}

/** boto3 goes multipart for objects of at least multipart_threshold bytes; the engine takes the largest single-request size. */
function singleLimit(config: TransferConfig): number {
  return config.multipart_threshold - 1;
}

function requirePath(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ParamValidationError(`Invalid type for parameter ${name}, value: ${String(value)}, valid types: a non-empty path string`);
  return value;
}

/** What every managed transfer reads from its arguments: boto3's `Config` and `Callback`, and the AbortSignal. */
interface CallSettings {
  config: TransferConfig;
  /** `Callback` as the engine's `onProgress` option. */
  progress: ReturnType<typeof progressOf>;
  signal: ReturnType<typeof signalOf>;
}

/** The settings plus the adapter an upload or a download runs through. */
interface TransferSetup extends CallSettings {
  adapter: ReturnType<typeof oosTransferAdapter>;
}

function callSettings(a: Record<string, unknown>): CallSettings {
  return { config: transferConfigOf(a['Config']), progress: progressOf(a['Callback']), signal: signalOf(a) };
}

/** upload_file and upload_fileobj: ExtraArgs are put_object's headers; parts are at least `Config.min_part_size`. */
function uploadSetup(ctx: ClientContext, a: Record<string, unknown>): TransferSetup {
  const extra = checkExtraArgs(a['ExtraArgs'], ALLOWED_UPLOAD_ARGS, { Bucket: a['Bucket'], Key: a['Key'] }, obj.put_object.spec);
  const settings = callSettings(a);
  return { ...settings, adapter: oosTransferAdapter(ctx, { objectArgs: extra, limits: { minPartSize: settings.config.min_part_size } }) };
}

/** download_file and download_fileobj: ExtraArgs are head_object's conditions, checked by the HEAD before any byte. */
function downloadSetup(ctx: ClientContext, a: Record<string, unknown>): TransferSetup {
  const extra = checkExtraArgs(a['ExtraArgs'], ALLOWED_DOWNLOAD_ARGS, { Bucket: a['Bucket'], Key: a['Key'] }, obj.head_object.spec);
  return { ...callSettings(a), adapter: oosTransferAdapter(ctx, { headArgs: extra }) };
}

const UPLOAD_NAMES = ['Filename', 'Bucket', 'Key', 'ExtraArgs', 'Callback', 'Config'] as const;

/**
 * boto3 upload_file: one put_object below multipart_threshold, concurrent
 * parts read from the file by range above it. A missing or unreadable file
 * fails with Node's fs error before any request.
 */
export async function upload_file(ctx: ClientContext, args: readonly unknown[]): Promise<void> {
  const a = collectArgs('upload_file', UPLOAD_NAMES, ['Filename', 'Bucket', 'Key'], args, args.length === 1 && isPlainObject(args[0]));
  const filePath = requirePath(a['Filename'], 'Filename');
  const { config, progress, signal, adapter } = uploadSetup(ctx, a);
  await checkUploadSource(filePath);
  await runTransfer('upload_file', signal.signal, () =>
    uploadFile(adapter, {
      bucket: a['Bucket'] as string,
      key: a['Key'] as string,
      filePath,
      partSize: config.multipart_chunksize,
      concurrency: config.concurrency,
      multipartThreshold: singleLimit(config),
      checkpoint: config.checkpoint,
      ...progress,
      ...signal,
    }),
  );
}

/**
 * boto3 download_file: HEAD, then concurrent ranged GETs (If-Match on the
 * ETag) into a temp file renamed on success. A destination that is a
 * directory, or lies under a file or an unwritable folder, fails with Node's
 * fs error (`EISDIR`, `ENOTDIR`, `EACCES`) before any request.
 */
export async function download_file(ctx: ClientContext, args: readonly unknown[]): Promise<void> {
  const a = collectArgs(
    'download_file',
    ['Bucket', 'Key', 'Filename', 'ExtraArgs', 'Callback', 'Config'],
    ['Bucket', 'Key', 'Filename'],
    args,
    args.length === 1 && isPlainObject(args[0]),
  );
  const filePath = requirePath(a['Filename'], 'Filename');
  const { config, progress, signal, adapter } = downloadSetup(ctx, a);
  await checkDownloadDestination(filePath);
  await runTransfer('download_file', signal.signal, () =>
    downloadFile(adapter, {
      bucket: a['Bucket'] as string,
      key: a['Key'] as string,
      filePath,
      partSize: config.multipart_chunksize,
      concurrency: config.concurrency,
      partRetries: config.num_download_attempts - 1,
      checkpoint: config.checkpoint,
      ...progress,
      ...signal,
    }),
  );
}

function isStreamSource(value: unknown): value is StreamSource {
  if (typeof value !== 'object' || value === null) return false;
  return (
    value instanceof Readable ||
    typeof (value as ReadableStream).getReader === 'function' ||
    typeof (value as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function'
  );
}

/** boto3 upload_fileobj: any stream, of unknown length, in buffered parts (memory: part size x concurrency). */
export async function upload_fileobj(ctx: ClientContext, args: readonly unknown[]): Promise<void> {
  const objectForm = args.length === 1 && isPlainObject(args[0]) && 'Fileobj' in args[0];
  const a = collectArgs('upload_fileobj', ['Fileobj', 'Bucket', 'Key', 'ExtraArgs', 'Callback', 'Config'], ['Fileobj', 'Bucket', 'Key'], args, objectForm);
  const fileobj = a['Fileobj'];
  let stream: StreamSource;
  let size: number | undefined;
  if (fileobj instanceof Uint8Array) {
    stream = Readable.from([fileobj]);
    size = fileobj.byteLength;
  } else if (isStreamSource(fileobj)) {
    stream = fileobj;
  } else {
    throw new ParamValidationError(
      'Invalid type for parameter Fileobj, valid types: a Readable, web ReadableStream, async iterable of bytes, Buffer or Uint8Array',
    );
  }
  const { config, progress, signal, adapter } = uploadSetup(ctx, a);
  await runTransfer('upload_fileobj', signal.signal, () =>
    uploadStream(adapter, {
      bucket: a['Bucket'] as string,
      key: a['Key'] as string,
      stream,
      ...(size === undefined ? {} : { size }),
      partSize: config.multipart_chunksize,
      concurrency: config.concurrency,
      multipartThreshold: singleLimit(config),
      ...progress,
      ...signal,
    }),
  );
}

/** boto3 download_fileobj: concurrent ranged GETs written in order into a Writable (left open). */
export async function download_fileobj(ctx: ClientContext, args: readonly unknown[]): Promise<void> {
  const a = collectArgs(
    'download_fileobj',
    ['Bucket', 'Key', 'Fileobj', 'ExtraArgs', 'Callback', 'Config'],
    ['Bucket', 'Key', 'Fileobj'],
    args,
    args.length === 1 && isPlainObject(args[0]),
  );
  const writable = a['Fileobj'] as Writable;
  if (typeof writable?.write !== 'function' || typeof writable.once !== 'function') {
    throw new ParamValidationError('Invalid type for parameter Fileobj, valid types: a Writable stream');
  }
  const { config, progress, signal, adapter } = downloadSetup(ctx, a);
  await runTransfer('download_fileobj', signal.signal, () =>
    downloadStream(adapter, {
      bucket: a['Bucket'] as string,
      key: a['Key'] as string,
      writable,
      partSize: config.multipart_chunksize,
      concurrency: config.concurrency,
      partRetries: config.num_download_attempts - 1,
      ...progress,
      ...signal,
    }),
  );
}

/** `'bucket/key'` or `{ Bucket, Key }` as `{ Bucket, Key }`. */
export function parseCopySource(value: unknown): { Bucket: string; Key: string } {
  let bucket: unknown;
  let key: unknown;
  if (typeof value === 'string') {
    const trimmed = value.replace(/^\//, '');
    const slash = trimmed.indexOf('/');
    if (slash > 0) [bucket, key] = [trimmed.slice(0, slash), trimmed.slice(slash + 1)];
  } else if (isPlainObject(value)) {
    if (value['VersionId'] !== undefined) {
      throw new ParamValidationError("CopySource['VersionId'] is not supported by copy(): OOS head_object cannot read an older version's size");
    }
    const extra = Object.keys(value).filter((k) => k !== 'Bucket' && k !== 'Key' && k !== 'VersionId');
    if (extra.length > 0) throw new ParamValidationError(`Unknown CopySource key(s): ${extra.join(', ')}; CopySource takes Bucket and Key`);
    [bucket, key] = [value['Bucket'], value['Key']];
  }
  if (typeof bucket !== 'string' || bucket === '' || typeof key !== 'string' || key === '') {
    throw new ParamValidationError("Invalid value for parameter CopySource, valid types: { Bucket, Key } or a 'bucket/key' string");
  }
  return { Bucket: bucket, Key: key };
}

const COPY_CONDITIONS: Array<[keyof CopySourceConditions, keyof ConditionParams]> = [
  ['CopySourceIfMatch', 'IfMatch'],
  ['CopySourceIfNoneMatch', 'IfNoneMatch'],
  ['CopySourceIfModifiedSince', 'IfModifiedSince'],
  ['CopySourceIfUnmodifiedSince', 'IfUnmodifiedSince'],
];

function pick<T extends object>(from: Record<string, unknown>, names: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const name of names) if (from[name] !== undefined) out[name] = from[name];
  return out as T;
}

/** The source's headers a part-by-part copy must set itself to match what copy_object (MetadataDirective COPY) keeps. */
function carriedHeaders(head: ObjectHeadersOutput): ObjectHeaderParams {
  const out: ObjectHeaderParams = {};
  if (head.ContentType !== undefined) out.ContentType = head.ContentType;
  if (head.CacheControl !== undefined) out.CacheControl = head.CacheControl;
  if (head.ContentDisposition !== undefined) out.ContentDisposition = head.ContentDisposition;
  if (head.ContentEncoding !== undefined) out.ContentEncoding = head.ContentEncoding;
  if (head.ContentLanguage !== undefined) out.ContentLanguage = head.ContentLanguage;
  if (head.Expires !== undefined) out.Expires = head.Expires;
  if (Object.keys(head.Metadata).length > 0) out.Metadata = head.Metadata;
  return out;
}

/**
 * boto3 copy: HEAD the source (with SourceClient when given), then one
 * copy_object below multipart_threshold (and 5 GiB), otherwise concurrent
 * upload_part_copy ranges. Without MetadataDirective REPLACE the multipart
 * path sets the source's Content-* and metadata, so both paths give the same object.
 */
export async function copy(ctx: ClientContext, args: readonly unknown[]): Promise<void> {
  const objectForm = args.length === 1 && isPlainObject(args[0]) && 'CopySource' in args[0];
  const a = collectArgs(
    'copy',
    ['CopySource', 'Bucket', 'Key', 'ExtraArgs', 'Callback', 'SourceClient', 'Config'],
    ['CopySource', 'Bucket', 'Key'],
    args,
    objectForm,
  );
  const source = parseCopySource(a['CopySource']);
  const extra = checkExtraArgs(a['ExtraArgs'], ALLOWED_COPY_ARGS, { Bucket: a['Bucket'], Key: a['Key'], CopySource: source }, obj.copy_object.spec);
  const sourceClient = a['SourceClient'] as SourceClient | undefined;
  if (sourceClient !== undefined && typeof sourceClient.head_object !== 'function') {
    throw new ParamValidationError('Invalid type for parameter SourceClient, valid types: an OOS s3 client');
  }
  const { config, progress, signal } = callSettings(a);

  await runTransfer('copy', signal.signal, async () => {
    const conditions: ConditionParams = {};
    for (const [from, to] of COPY_CONDITIONS) if (extra[from] !== undefined) conditions[to] = extra[from] as never;
    const headParams = { ...conditions, Bucket: source.Bucket, Key: source.Key, ...(signal.signal ? { AbortSignal: signal.signal } : {}) };
    const head = sourceClient ? await sourceClient.head_object(headParams) : await obj.head_object(ctx, headParams);
    const objectArgs = pick<ObjectHeaderParams>(extra, ALLOWED_UPLOAD_ARGS);
    const replace = extra['MetadataDirective'] === 'REPLACE';
    const adapter = oosTransferAdapter(ctx, {
      objectArgs,
      initiateArgs: replace ? objectArgs : { ...carriedHeaders(head), ...pick<ObjectHeaderParams>(extra, ['ACL', 'StorageClass']) },
      copyArgs: pick(extra, ['MetadataDirective', ...COPY_CONDITIONS.map(([name]) => name)]),
      limits: { minPartSize: config.min_part_size },
    });
    await copyObject(adapter, {
      bucket: a['Bucket'] as string,
      key: a['Key'] as string,
      source: { bucket: source.Bucket, key: source.Key },
      sourceInfo: objectInfoOf(head, source.Key),
      partSize: config.multipart_chunksize,
      concurrency: config.concurrency,
      multipartThreshold: singleLimit(config),
      ...progress,
      ...signal,
    });
  });
}
