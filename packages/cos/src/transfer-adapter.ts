/**
 * The `TransferAdapter` that lets `@yunstore/transfer` drive COS: every
 * engine call is one of this package's operations (create_multipart_upload,
 * upload_part, list_parts, head_object, get_object with Range, copy_object,
 * upload_part_copy, list_objects, delete_objects...), with the engine's
 * AbortSignal passed through as `signal`.
 *
 * The per-call keyword arguments of the high-level call (ContentType,
 * Metadata, ACL, StorageClass, TrafficLimit, SSE headers, EnableMD5,
 * VersionId, Response*...) are captured here when the adapter is built; each
 * request takes only the ones that belong on it.
 */
import type { Readable } from 'node:stream';
import { ClientFailure, isTransientErrorCode, type Body } from '@yunstore/core';
import type {
  CompleteResult,
  CopySourceRef,
  DeleteFailure,
  FailureClass,
  ListPage,
  ObjectInfo,
  PartsPage,
  TransferAdapter,
  TransferLimits,
} from '@yunstore/transfer';
import type { CosContext } from './context.ts';
import { toCosError } from './http-hooks.ts';
import { CosClientError, CosServiceError } from './errors.ts';
import { OBJECT_WRITE_HEADERS, RESPONSE_QUERY_PARAMS } from './headers.ts';
import * as copy from './operations/copy.ts';
import * as listing from './operations/listing.ts';
import * as mp from './operations/multipart.ts';
import * as obj from './operations/object.ts';
import * as batch from './operations/object-batch.ts';
import type { CosXmlValue } from './xml-shape.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * COS limits: parts 1..10000, every part but the last at least 1 MiB, at
 * most 5 GiB a part, and one PUT Object - Copy up to 5 GiB.
 */
export const COS_LIMITS: TransferLimits = {
  maxParts: 10_000,
  minPartSize: 1 * MiB,
  maxPartSize: 5 * GiB,
  maxSingleCopy: 5 * GiB,
};

/** A response dict as the seed shows it (headers merged with XML fields). */
export type CosResultDict = { [field: string]: CosXmlValue | undefined };

/** What `complete`, `putObject` and `copyObject` give the engine: the COS dict is kept whole in `response`. */
export interface CosTransferResult extends CompleteResult {
  etag?: string;
  crc64?: string;
  /** The create/complete/put_object/copy_object answer, exactly as the low-level call returns it. */
  response: CosResultDict;
}

export interface CosAdapterOptions {
  /** The high-level call's keyword arguments (ContentType, Metadata, EnableMD5, TrafficLimit, VersionId...). */
  kwargs?: Record<string, unknown>;
  /**
   * Keyword arguments for create_multipart_upload instead of the write
   * headers in `kwargs` (copy passes the source's metadata here).
   */
  initiateKwargs?: Record<string, unknown>;
  /** Extra CopySource fields (`Endpoint`, `Appid`) added to every copy source. */
  copySourceExtra?: Record<string, unknown>;
  /** Overrides of `COS_LIMITS` (tests, or a COS-compatible server with other limits). */
  limits?: Partial<TransferLimits>;
  /** Have the engine check the CRC-64 COS reports for each part and the whole object (upload_file's `EnableCRC`). */
  uploadCrc64?: boolean;
}

const SSE_C = ['SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5'];
/** Object headers for create_multipart_upload / copy_object: no length or MD5 of a body they do not carry. */
export const WRITE_KWARGS = [...OBJECT_WRITE_HEADERS.filter((n) => n !== 'ContentLength' && n !== 'ContentMD5' && n !== 'TrafficLimit'), 'Metadata'];
/** What every uploaded part (and a single PUT) carries. */
export const PART_KWARGS = ['EnableMD5', 'TrafficLimit', ...SSE_C];
/** A single PUT: the object headers, the part options, and the caller's own Content-MD5. */
const PUT_KWARGS = [...WRITE_KWARGS, ...PART_KWARGS, 'ContentMD5'];
/** HEAD before a download: the caller's conditions apply to the object as a whole. */
export const HEAD_KWARGS = ['VersionId', 'IfMatch', 'IfNoneMatch', 'IfModifiedSince', 'IfUnmodifiedSince', ...SSE_C];
/** Each ranged GET: the same version, speed cap, SSE-C key and response overrides. */
export const GET_KWARGS = ['VersionId', 'TrafficLimit', 'KeySimplifyCheck', ...SSE_C, ...Object.keys(RESPONSE_QUERY_PARAMS)];
/** Conditions on the copy source, checked on every copy request. */
const COPY_CONDITION_KWARGS = ['CopySourceIfMatch', 'CopySourceIfNoneMatch', 'CopySourceIfModifiedSince', 'CopySourceIfUnmodifiedSince'];

/** The entries of `kwargs` named in `names` (undefined ones dropped). */
export function pick(kwargs: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (kwargs[name] !== undefined && kwargs[name] !== null) out[name] = kwargs[name];
  return out;
}

/**
 * The COS verdict for the engine (`classify` of the adapter). CosServiceError
 * has `status`, which the engine's default reads (404 gone, 5xx/429 retry),
 * except a 200 carrying `<Error>` (complete, copies): a transient code is
 * worth another try; NoSuchUpload is gone whatever its status. A
 * CosClientError says through core's failure whether it is transient
 * (network, timeout); one about our own arguments, an unreplayable body or a
 * malformed answer is final.
 */
export function cosClassify(error: unknown): FailureClass | undefined {
  if (error instanceof CosServiceError) {
    if (error.get_error_code() === 'NoSuchUpload') return 'gone';
    if (error.get_status_code() < 400) return isTransientErrorCode(error.get_error_code()) ? 'retry' : 'final';
    return undefined;
  }
  if (!(error instanceof CosClientError)) return undefined;
  if (error.cause instanceof ClientFailure) return error.cause.transient ? 'retry' : 'final';
  return /^(Invalid|Unreplayable|BodyConsumed|NotModified)/.test(error.code) ? 'final' : undefined;
}

/** An answer the engine cannot use, as COS's client error (`InvalidResponse`). */
export function cosMalformed(operation: string, message: string): CosClientError {
  return new CosClientError(`${operation}: ${message}`, { code: 'InvalidResponse' });
}

/** One list_parts answer as the engine's page (the engine follows `nextMarker`). */
export function partsPageOf(page: mp.ListPartsResponse): PartsPage {
  const parts = (page.Part ?? []).map((p) => ({ partNumber: Number(p.PartNumber), etag: p.ETag, size: Number(p.Size) }));
  return page.IsTruncated === 'true' ? { parts, nextMarker: Number(page.NextPartNumberMarker) } : { parts };
}

/** Every adapter call fails with COS's own classes (a core or engine error is mapped, as the facade maps it). */
async function guard<T>(op: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCosError(error, op);
  }
}

function text(value: CosXmlValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function result(response: CosResultDict, crcField?: string): CosTransferResult {
  const etag = text(response['ETag']);
  const crc64 = text(response['x-cos-hash-crc64ecma']) ?? (crcField ? text(response[crcField]) : undefined);
  return { response, ...(etag !== undefined ? { etag } : {}), ...(crc64 !== undefined ? { crc64 } : {}) };
}

/**
 * Builds the adapter for one high-level call over the client's context.
 * Errors keep their COS classes (CosServiceError with `status`,
 * CosClientError with `code`), so the caller sees what the low-level call
 * would have thrown.
 */
export function cosTransferAdapter(ctx: CosContext, options: CosAdapterOptions = {}): TransferAdapter<CosTransferResult> {
  const kwargs = options.kwargs ?? {};
  const initiateKwargs = options.initiateKwargs ?? pick(kwargs, WRITE_KWARGS);
  const partKwargs = pick(kwargs, PART_KWARGS);
  const getKwargs = pick(kwargs, GET_KWARGS);
  const copyConditions = pick(kwargs, COPY_CONDITION_KWARGS);
  const copySource = (ref: CopySourceRef): Record<string, unknown> => ({
    ...(options.copySourceExtra ?? {}),
    Bucket: ref.bucket,
    Key: ref.key,
    ...(ref.region !== undefined ? { Region: ref.region } : {}),
    ...(ref.versionId !== undefined ? { VersionId: ref.versionId } : {}),
  });

  return {
    limits: { ...COS_LIMITS, ...options.limits },
    uploadCrc64: options.uploadCrc64 === true,
    classify: cosClassify,
    malformed: cosMalformed,

    initiate: ({ bucket, key, signal }) =>
      guard('create_multipart_upload', async () => {
        const res = await mp.createMultipartUpload(ctx, { ...initiateKwargs, Bucket: bucket, Key: key, signal });
        return { uploadId: res.UploadId };
      }),

    uploadPart: ({ bucket, key, uploadId, partNumber, body, signal }) =>
      guard('upload_part', async () => {
        const res = await mp.uploadPart(ctx, {
          ...partKwargs,
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: body,
          signal,
        });
        const crc64 = res['x-cos-hash-crc64ecma'];
        return { etag: text(res['ETag']) ?? '', ...(typeof crc64 === 'string' && crc64 !== '' ? { crc64 } : {}) };
      }),

    complete: ({ bucket, key, uploadId, parts, signal }) =>
      guard('complete_multipart_upload', async () => {
        const res = await mp.completeMultipartUpload(ctx, {
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Part: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
          signal,
        });
        return result(res);
      }),

    abort: ({ bucket, key, uploadId, signal }) =>
      guard('abort_multipart_upload', async () => {
        await mp.abortMultipartUpload(ctx, { Bucket: bucket, Key: key, UploadId: uploadId, signal });
      }),

    listPartsPage: ({ bucket, key, uploadId, marker, signal }) =>
      guard('list_parts', async () =>
        partsPageOf(await mp.listParts(ctx, { Bucket: bucket, Key: key, UploadId: uploadId, MaxParts: 1000, PartNumberMarker: marker, signal })),
      ),

    head: ({ bucket, key, versionId, signal }) =>
      guard('head_object', async () => {
        const headKwargs = pick(kwargs, HEAD_KWARGS);
        const res = await obj.headObject(ctx, {
          ...headKwargs,
          Bucket: bucket,
          Key: key,
          ...(versionId !== undefined ? { VersionId: versionId } : {}),
          signal,
        });
        return objectInfo(res, key);
      }),

    getRange: ({ bucket, key, start, end, ifMatch, signal }) =>
      guard('get_object', async (): Promise<Readable> => {
        const res = await obj.getObject(ctx, {
          ...getKwargs,
          Bucket: bucket,
          Key: key,
          Range: `bytes=${start}-${end}`,
          ...(ifMatch !== undefined ? { IfMatch: ifMatch } : {}),
          // The engine checks size and combines per-part CRC-64s itself.
          EnableCRC: false,
          signal,
        });
        return res.Body.get_raw_stream();
      }),

    putObject: ({ bucket, key, body, signal }: { bucket: string; key: string; body: Body; signal: AbortSignal }) =>
      guard('put_object', async () => {
        const res = await obj.putObject(ctx, { ...pick(kwargs, PUT_KWARGS), Bucket: bucket, Key: key, Body: body, signal });
        return result(res);
      }),

    copyObject: ({ bucket, key, source, signal }) =>
      guard('copy_object', async () => {
        const res = await copy.copyObject(ctx, {
          ...pick(kwargs, [...WRITE_KWARGS, 'CopyStatus']),
          ...copyConditions,
          Bucket: bucket,
          Key: key,
          CopySource: copySource(source),
          signal,
        });
        return result(res, 'CRC64');
      }),

    uploadPartCopy: ({ bucket, key, uploadId, partNumber, source, start, end, signal }) =>
      guard('upload_part_copy', async () => {
        const res = await copy.uploadPartCopy(ctx, {
          ...copyConditions,
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          CopySource: copySource(source),
          CopySourceRange: `bytes=${start}-${end}`,
          signal,
        });
        return { etag: text(res['ETag']) ?? '' };
      }),

    list: ({ bucket, prefix, marker, signal }) =>
      guard('list_objects', async (): Promise<ListPage> => {
        const res = await listing.listObjects(ctx, {
          Bucket: bucket,
          Prefix: prefix,
          MaxKeys: 1000,
          ...(marker !== undefined ? { Marker: marker } : {}),
          signal,
        });
        const objects = (res.Contents ?? []).map((c) => ({ key: c.Key, size: Number(c.Size) }));
        if (res.IsTruncated !== 'true') return { objects };
        // COS sends NextMarker on truncated pages; the last key is the same marker when it does not.
        const next = text(res.NextMarker as CosXmlValue | undefined) ?? objects[objects.length - 1]?.key;
        return next === undefined ? { objects } : { objects, nextMarker: next };
      }),

    deleteMany: ({ bucket, keys, signal }) =>
      guard('delete_objects', async (): Promise<DeleteFailure[]> => {
        const res = await batch.deleteObjects(ctx, {
          Bucket: bucket,
          Delete: { Object: keys.map((Key) => ({ Key })), Quiet: 'true' },
          signal,
        });
        return (res.Error ?? []).map((e) => ({
          key: String(e['Key'] ?? ''),
          code: String(e['Code'] ?? ''),
          message: String(e['Message'] ?? ''),
        }));
      }),
  };
}

/** `head_object` headers as the engine's ObjectInfo (size, ETag, Last-Modified, CRC-64). */
export function objectInfo(headers: Record<string, string | undefined>, key: string): ObjectInfo {
  const length = headers['Content-Length'];
  const etag = headers['ETag'];
  if (length === undefined || !/^\d+$/.test(length) || etag === undefined) {
    // A 304 (IfNoneMatch / IfModifiedSince matched) carries neither: there is nothing to download.
    throw new CosClientError(`head_object of '${key}' returned no Content-Length or ETag (304 Not Modified?)`, {
      code: 'NotModified',
    });
  }
  const crc64 = headers['x-cos-hash-crc64ecma'];
  return {
    size: Number(length),
    etag,
    lastModified: headers['Last-Modified'] ?? '',
    ...(crc64 !== undefined && /^\d+$/.test(crc64) ? { crc64 } : {}),
  };
}
