/**
 * The high-level calls of seed 004 ("高级接口"): upload_file, download_file
 * and copy, on top of `@yunstore/transfer` through the COS adapter.
 * Each is `(ctx, params)` like every operation; the client binds them under
 * their Python and camelCase names.
 */
import { stat } from 'node:fs/promises';
import { copyObject, downloadFile, uploadFile } from '@yunstore/transfer';
import { CosContext } from './context.ts';
import { CosConfig, type CosConfigOptions } from './config.ts';
import { CosClientError } from './errors.ts';
import { checkDestinationFile } from './local-paths.ts';
import { objectWriteHeaders, headObject, type GetObjectParams, type ObjectWriteParams } from './operations/object.ts';
import { normalizeCopyStatus, type CopySource } from './operations/copy.ts';
import { bucketOf, keyOf, requireEtag, type HeaderDict, type ObjectParams } from './operations/params.ts';
import { cosTransferAdapter, objectInfo, pick, WRITE_KWARGS } from './transfer-adapter.ts';
import {
  booleanOf,
  bytesOf,
  checkpointOf,
  maxThreadOf,
  MiB,
  partSizeOf,
  pathOf,
  progressOf,
  runTransfer,
  signalOption,
  type ResumableCallOptions,
  type TransferCallOptions,
} from './transfer-options.ts';
import { normalizeKey, optionalString, requireDict, requireString, validateKey } from './validate.ts';

/** Seed 004: "对于小于等于20M的文件调用简单上传，对于大于20MB的文件调用分块上传". */
export const UPLOAD_SINGLE_PUT_LIMIT = 20 * MiB;
/** Seed 004: copy_object below 5 GB, upload_part_copy from 5 GB on. */
export const COPY_SINGLE_LIMIT = 5 * 1024 * MiB - 1;

export interface UploadFileParams extends ObjectParams, ObjectWriteParams, ResumableCallOptions {
  /** The local file, e.g. `'local.txt'`. */
  LocalFilePath: string;
  /** Part size in MB (default 1); raised automatically when the file would need more than 10000 parts. */
  PartSize?: number;
  /** Parts uploaded at once (default 5). */
  MAXThread?: number;
  /** Send Content-MD5 with the single PUT and with every part (default false). */
  EnableMD5?: boolean;
  /** Content-MD5 of the whole file, for the single-PUT case (ignored for multipart uploads). */
  ContentMD5?: string;
  /** Accepted for compatibility; the length is always the file's. */
  ContentLength?: number | string;
  /** Bits per second per connection, 819200..838860800 (each part's request is capped). */
  TrafficLimit?: number | string;
  /** Files up to this many bytes go in one put_object (yunstore extension; default 20 MB as seed 004 says). */
  multipart_threshold?: number;
  /**
   * Check the CRC-64 COS reports for every part and for the whole object
   * against the bytes sent (yunstore extension; a mismatched part is sent
   * again). Default false: it costs about 1.3 CPU s per GiB on one core.
   */
  EnableCRC?: boolean;
}

/**
 * What upload_file returns: seed 004 shows `{'ETag': ...}`; this is the whole
 * put_object (single PUT) or complete_multipart_upload (multipart) dict, a
 * superset (`ETag`, `x-cos-request-id`, `x-cos-hash-crc64ecma`, `Location`...).
 */
export type UploadFileResponse = HeaderDict & { ETag: string; Bucket?: string; Key?: string; Location?: string };

/** The get_object options download_file forwards to every ranged GET, with the same meaning. */
type ForwardedGetParams = Pick<
  GetObjectParams,
  | 'TrafficLimit'
  | 'ResponseCacheControl'
  | 'ResponseContentDisposition'
  | 'ResponseContentEncoding'
  | 'ResponseContentLanguage'
  | 'ResponseContentType'
  | 'ResponseExpires'
  | 'VersionId'
>;

export interface DownloadFileParams
  extends ObjectParams,
    ResumableCallOptions,
    ForwardedGetParams,
    Pick<ObjectWriteParams, 'SSECustomerAlgorithm' | 'SSECustomerKey' | 'SSECustomerKeyMD5'> {
  /** The local destination, e.g. `'local.txt'`; its folder is created when missing. */
  DestFilePath: string;
  /** Part size in MB (default 20): one ranged GET per part. */
  PartSize?: number;
  /** Ranged GETs at once (default 5). */
  MAXThread?: number;
  /**
   * Check the CRC-64 of the downloaded bytes against `x-cos-hash-crc64ecma`.
   * Default `false`, as the seed's signature (`EnableCRC=False`) and the Python
   * SDK. `true` combines the check from per-part CRCs as bytes arrive (no extra
   * read, but CRC-64 costs CPU: about 600 MB/s per core). Objects written before
   * COS had CRC-64 have none: only the size is checked. The size is always checked.
   */
  EnableCRC?: boolean;
  /** Checked by the HEAD before the download; a mismatch fails the call before any byte is written. */
  IfMatch?: string;
  IfModifiedSince?: string;
  IfNoneMatch?: string;
  IfUnmodifiedSince?: string;
}

export interface CopyParams extends ObjectParams, ObjectWriteParams, TransferCallOptions {
  /** `{'Bucket': 'sourcebucket-1250000000', 'Key': 'exampleobject', 'Region': 'ap-guangzhou', 'VersionId': ...}`. */
  CopySource: CopySource;
  /** `'Copy'` (default) keeps the source's metadata, `'Replaced'` uses the headers given here. */
  CopyStatus?: 'Copy' | 'Replaced' | string;
  /** Part size in MB for a multipart copy (default 10). */
  PartSize?: number;
  /** Part copies at once (default 5). */
  MAXThread?: number;
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: string;
  CopySourceIfUnmodifiedSince?: string;
  /** Sources up to this many bytes use one copy_object (yunstore extension; default just under 5 GB, as seed 004 says). */
  multipart_threshold?: number;
}

/** copy_object's answer (small sources: `ETag`, `LastModified`...) or complete_multipart_upload's (large ones: `ETag`, `Location`...). */
export type CopyTransferResponse = HeaderDict & { ETag: string; LastModified?: string; CRC64?: string; VersionId?: string; Location?: string };

/** Checks the arguments the whole call depends on, before any request. */
function checkWriteKwargs(params: Record<string, unknown>): void {
  // Throws CosClientError naming the bad Metadata / TrafficLimit / header value.
  objectWriteHeaders(params);
}

/**
 * upload_file(Bucket, Key, LocalFilePath, PartSize=1, MAXThread=5, EnableMD5=False, progress_callback=None, **kwargs).
 * Files up to 20 MB go in one put_object; larger ones in `PartSize`-MB parts,
 * `MAXThread` at a time, resumable (see `checkpoint`).
 */
export async function uploadFileOp(ctx: CosContext, params: Record<string, unknown>): Promise<UploadFileResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const filePath = pathOf(params, 'LocalFilePath');
  const partSize = partSizeOf(params, 1);
  const concurrency = maxThreadOf(params);
  booleanOf(params, 'EnableMD5');
  const uploadCrc64 = booleanOf(params, 'EnableCRC') ?? false;
  checkWriteKwargs(params);
  const threshold = bytesOf(params, 'multipart_threshold') ?? UPLOAD_SINGLE_PUT_LIMIT;
  const info = await stat(filePath).catch((error: NodeJS.ErrnoException) => {
    throw new CosClientError(`LocalFilePath '${filePath}' cannot be read: ${error.message}`, { code: error.code ?? 'InvalidArgument', cause: error });
  });
  if (!info.isFile()) throw new CosClientError(`LocalFilePath '${filePath}' is not a regular file`, { code: 'InvalidArgument' });

  const options = signalOption(params);
  const adapter = cosTransferAdapter(ctx, { kwargs: params, uploadCrc64 });
  const out = await runTransfer('upload_file', options.signal, () =>
    uploadFile(adapter, {
      bucket,
      key,
      filePath,
      partSize,
      concurrency,
      multipartThreshold: threshold,
      checkpoint: checkpointOf(params),
      ...progressOf(params),
      ...options,
    }),
  );
  return requireEtag(out.result.response, 'upload_file') as UploadFileResponse;
}

/**
 * download_file(Bucket, Key, DestFilePath, PartSize=20, MAXThread=5, EnableCRC=False, **kwargs) → None.
 * HEAD, then `PartSize`-MB ranged GETs (`MAXThread` at a time, each with
 * `If-Match` on the ETag) into `<DestFilePath>.<random>.yunstore-tmp`,
 * renamed onto `DestFilePath` once every byte is there and checked.
 */
export async function downloadFileOp(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const filePath = pathOf(params, 'DestFilePath');
  const partSize = partSizeOf(params, 20);
  const concurrency = maxThreadOf(params);
  const verifyCrc64 = booleanOf(params, 'EnableCRC') ?? false;
  const options = signalOption(params);
  await checkDestinationFile(filePath, 'DestFilePath');
  const adapter = cosTransferAdapter(ctx, { kwargs: params });
  await runTransfer('download_file', options.signal, () =>
    downloadFile(adapter, {
      bucket,
      key,
      filePath,
      partSize,
      concurrency,
      verifyCrc64,
      checkpoint: checkpointOf(params),
      ...progressOf(params),
      ...options,
    }),
  );
}

/** Source headers a multipart copy with CopyStatus='Copy' carries over (a part copy does not copy metadata). */
const CARRIED_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'ContentType',
  'Cache-Control': 'CacheControl',
  'Content-Disposition': 'ContentDisposition',
  'Content-Encoding': 'ContentEncoding',
  'Content-Language': 'ContentLanguage',
  Expires: 'Expires',
};

/** The create_multipart_upload kwargs that make a part-by-part copy keep the source's metadata. */
export function sourceMetadataKwargs(head: HeaderDict): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [header, param] of Object.entries(CARRIED_HEADERS)) {
    const value = head[header];
    if (value !== undefined && value !== '') out[param] = value;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(head)) {
    if (name.startsWith('x-cos-meta-') && value !== undefined) metadata[name] = value;
  }
  if (Object.keys(metadata).length > 0) out['Metadata'] = metadata;
  return out;
}

/**
 * The context that reaches the copy source: the client's own, unless the
 * source names another region (and the client uses the standard region
 * hosts) or its own `Endpoint`. The caller closes a context it did not get
 * from the client.
 */
function sourceContext(ctx: CosContext, source: Record<string, unknown>): CosContext {
  const config = ctx.config;
  const region = optionalString(source['Region'], "CopySource['Region']");
  const endpoint = optionalString(source['Endpoint'], "CopySource['Endpoint']");
  const custom = config.Endpoint !== undefined || config.IP !== undefined || config.Domain !== undefined;
  if (endpoint === undefined && (custom || region === undefined || region === config.Region)) return ctx;
  const options: CosConfigOptions = {
    SecretId: config.SecretId,
    SecretKey: config.SecretKey,
    Scheme: config.Scheme,
    EnableOldDomain: config.EnableOldDomain,
    EnableInternalDomain: config.EnableInternalDomain,
    Timeout: config.Timeout,
    Retry: config.Retry,
    PoolMaxSize: config.PoolMaxSize,
    UA: config.UA,
    SignExpires: config.SignExpires,
    ...(region !== undefined || config.Region !== undefined ? { Region: region ?? (config.Region as string) } : {}),
    ...(endpoint !== undefined ? { Endpoint: endpoint } : {}),
    ...(config.Token !== undefined ? { Token: config.Token } : {}),
    ...(config.CredentialInstance !== undefined ? { CredentialInstance: config.CredentialInstance } : {}),
    ...(config.Anonymous ? { Anonymous: true } : {}),
    ...(config.logger !== undefined ? { logger: config.logger } : {}),
    ...(config.RetryPolicy !== undefined ? { RetryPolicy: config.RetryPolicy } : {}),
    ...(config.Proxy !== undefined ? { Proxy: config.Proxy } : {}),
    ...(config.Dispatcher !== undefined ? { Dispatcher: config.Dispatcher } : {}),
  };
  return new CosContext(new CosConfig(options));
}

/**
 * copy(Bucket, Key, CopySource, CopyStatus='Copy', PartSize=10, MAXThread=5, **kwargs).
 * HEADs the source; below 5 GB one copy_object, otherwise a multipart upload
 * of `PartSize`-MB upload_part_copy ranges, `MAXThread` at a time (aborted if
 * anything fails). With CopyStatus 'Copy' the multipart path carries the
 * source's Content-Type, Cache-Control, Content-* and x-cos-meta-* over, so
 * both paths give the same object.
 */
export async function copyOp(ctx: CosContext, params: Record<string, unknown>): Promise<CopyTransferResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const source = requireDict(params['CopySource'], 'CopySource');
  const appid = source['Appid'] === undefined ? ctx.config.Appid : String(source['Appid']);
  let sourceBucket = requireString(source['Bucket'], "CopySource['Bucket']");
  if (appid && !sourceBucket.endsWith(`-${appid}`)) sourceBucket = `${sourceBucket}-${appid}`;
  const sourceKey = normalizeKey(validateKey(source['Key'], "CopySource['Key']"));
  const versionId = optionalString(source['VersionId'], "CopySource['VersionId']");
  const region = optionalString(source['Region'], "CopySource['Region']");
  const copyStatus = normalizeCopyStatus(params['CopyStatus']);
  const partSize = partSizeOf(params, 10);
  const concurrency = maxThreadOf(params);
  const threshold = bytesOf(params, 'multipart_threshold') ?? COPY_SINGLE_LIMIT;
  checkWriteKwargs(params);
  const options = signalOption(params);

  const headCtx = sourceContext(ctx, source);
  try {
    const head = await headObject(headCtx, {
      Bucket: sourceBucket,
      Key: sourceKey,
      ...(versionId !== undefined ? { VersionId: versionId } : {}),
      ...options,
    });
    const sourceInfo = objectInfo(head, sourceKey);
    const userWrite = pick(params, WRITE_KWARGS);
    const initiateKwargs = copyStatus === 'Copy' ? { ...sourceMetadataKwargs(head), ...userWrite } : userWrite;
    const adapter = cosTransferAdapter(ctx, {
      kwargs: { ...params, CopyStatus: copyStatus },
      initiateKwargs,
      copySourceExtra: pick(source, ['Endpoint']),
    });
    const out = await runTransfer('copy', options.signal, () =>
      copyObject(adapter, {
        bucket,
        key,
        source: {
          bucket: sourceBucket,
          key: sourceKey,
          ...(versionId !== undefined ? { versionId } : {}),
          ...(region !== undefined ? { region } : {}),
        },
        sourceInfo,
        partSize,
        concurrency,
        multipartThreshold: threshold,
        ...progressOf(params),
        ...options,
      }),
    );
    return requireEtag(out.result.response, 'copy') as CopyTransferResponse;
  } finally {
    if (headCtx !== ctx) await headCtx.close();
  }
}
