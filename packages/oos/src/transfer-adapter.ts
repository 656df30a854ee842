/**
 * The `TransferAdapter` that lets `@yunstore/transfer` drive OOS: every
 * engine call is one of this package's operations (create_multipart_upload,
 * upload_part, list_parts, head_object, ranged get_object, copy_object,
 * upload_part_copy, list_objects, delete_objects...), with the engine's
 * AbortSignal passed through under the `AbortSignal` key.
 *
 * The high-level call's ExtraArgs (ContentType, Metadata, ACL, StorageClass,
 * CacheControl...) are captured when the adapter is built; each request
 * takes only the ones that belong on it.
 */
import type { Readable } from 'node:stream';
import { isTransientErrorCode, type Body } from '@yunstore/core';
import type { CopySourceRef, DeleteFailure, FailureClass, ListPage, ObjectInfo, PartsPage, TransferAdapter, TransferLimits } from '@yunstore/transfer';
import { ClientError, ParamValidationError } from './errors.ts';
import { malformedAnswer } from './http-hooks.ts';
import type { Abortable, Operation } from './operations/define.ts';
import type { ConditionParams, ObjectHeaderParams, ObjectHeadersOutput } from './operations/headers.ts';
import * as bucketOps from './operations/bucket.ts';
import * as mp from './operations/multipart.ts';
import * as obj from './operations/object.ts';
import type { OosResponse } from './operations/shape.ts';
import { unsignedPayload } from './address.ts';
import type { ClientContext } from './request.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * S3 limits, which OOS follows: parts 1..10000, every part but the last at
 * least 5 MiB (`EntityTooSmall` on complete otherwise), at most 5 GiB a
 * part, one PUT Object - Copy up to 5 GiB.
 */
export const OOS_TRANSFER_LIMITS: Readonly<TransferLimits> = Object.freeze({
  maxParts: 10_000,
  minPartSize: 5 * MiB,
  maxPartSize: 5 * GiB,
  maxSingleCopy: 5 * GiB,
});

/** What `complete`, `putObject` and `copyObject` give the engine: the boto3-shaped response, kept whole. */
export interface OosTransferResult {
  etag?: string;
  response: OosResponse & { ETag?: string };
}

/** Conditions on a copy source, checked by copy_object (and by the HEAD before a multipart copy). */
export interface CopySourceConditions {
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: Date | string;
  CopySourceIfUnmodifiedSince?: Date | string;
}

export interface OosAdapterOptions {
  /** Object headers for put_object (single upload) and create_multipart_upload. */
  objectArgs?: ObjectHeaderParams;
  /**
   * Headers for create_multipart_upload instead of `objectArgs` (a multipart
   * copy passes the source's metadata here, since part copies carry none).
   */
  initiateArgs?: ObjectHeaderParams;
  /** copy_object's own arguments: MetadataDirective and the source conditions. */
  copyArgs?: CopySourceConditions & { MetadataDirective?: 'COPY' | 'REPLACE' };
  /** Conditions for the HEAD before a download. */
  headArgs?: ConditionParams;
  /** Overrides of OOS_TRANSFER_LIMITS (an OOS-compatible server or emulator with a smaller minimum part). */
  limits?: Partial<TransferLimits>;
}

/**
 * The OOS verdict for the engine (`classify` of the adapter). ClientError has
 * `status` (from ResponseMetadata.HTTPStatusCode), which the engine's default
 * reads, except when S3 answered 200 and put an `<Error>` in the body
 * (complete, copies): then the code decides. NoSuchUpload is `'gone'` whatever
 * its status. A ParamValidationError has no status (the default would take it
 * for a network error) and is final.
 */
export function oosClassify(error: unknown): FailureClass | undefined {
  if (error instanceof ClientError) {
    if (error.response.Error.Code === 'NoSuchUpload') return 'gone';
    if (error.response.ResponseMetadata.HTTPStatusCode < 300) return isTransientErrorCode(error.response.Error.Code) ? 'retry' : 'final';
  }
  if (error instanceof ParamValidationError) return 'final';
  return undefined;
}

/** Runs an operation with the engine's signal (operations take `AbortSignal` beside their own parameters). */
function call<P, R>(op: Operation<P, R>, ctx: ClientContext, params: P & Abortable): Promise<R> {
  return op(ctx, params);
}

function result(response: OosResponse & { ETag?: string }, etag = response.ETag): OosTransferResult {
  return etag === undefined ? { response } : { response, etag };
}

/** head_object's answer as the engine's ObjectInfo; `lastModified` is the header as sent. */
export function objectInfoOf(head: OosResponse & ObjectHeadersOutput, key: string): ObjectInfo {
  if (head.ContentLength === undefined || head.ETag === undefined) {
    throw malformedAnswer(`head_object of '${key}' returned no Content-Length or ETag`);
  }
  return { size: head.ContentLength, etag: head.ETag, lastModified: head.ResponseMetadata.HTTPHeaders['last-modified'] ?? '' };
}

function copySource(ref: CopySourceRef): { Bucket: string; Key: string; VersionId?: string } {
  return ref.versionId === undefined ? { Bucket: ref.bucket, Key: ref.key } : { Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId };
}

/** The adapter for one high-level call over the client's context. Errors stay the client's own (ClientError, NetworkError). */
export function oosTransferAdapter(ctx: ClientContext, options: OosAdapterOptions = {}): TransferAdapter<OosTransferResult> {
  const objectArgs = options.objectArgs ?? {};
  const initiateArgs = options.initiateArgs ?? objectArgs;
  const copyArgs = options.copyArgs ?? {};
  const headArgs = options.headArgs ?? {};

  return {
    limits: { ...OOS_TRANSFER_LIMITS, ...options.limits },
    classify: oosClassify,
    malformed: (operation, message) => malformedAnswer(`${operation}: ${message}`),

    initiate: async ({ bucket, key, signal }) => {
      const res = await call(mp.create_multipart_upload, ctx, { ...initiateArgs, Bucket: bucket, Key: key, AbortSignal: signal });
      return { uploadId: res.UploadId ?? '' };
    },

    uploadPart: async ({ bucket, key, uploadId, partNumber, body, length, signal }) => {
      const res = await call(mp.upload_part, ctx, {
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: unsignedPayload(body),
        ContentLength: length,
        AbortSignal: signal,
      });
      return { etag: res.ETag ?? '' };
    },

    complete: async ({ bucket, key, uploadId, parts, signal }) => {
      // An empty list would make complete_multipart_upload list the parts itself; the engine always has at least one.
      const res = await call(mp.complete_multipart_upload, ctx, {
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        AbortSignal: signal,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      });
      return result(res);
    },

    abort: async ({ bucket, key, uploadId, signal }) => {
      await call(mp.abort_multipart_upload, ctx, { Bucket: bucket, Key: key, UploadId: uploadId, AbortSignal: signal });
    },

    listPartsPage: async ({ bucket, key, uploadId, marker, signal }): Promise<PartsPage> => {
      const page = await call(mp.list_parts, ctx, {
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        AbortSignal: signal,
        ...(marker > 0 ? { PartNumberMarker: marker } : {}),
      });
      const parts = (page.Parts ?? []).flatMap((p) =>
        p.PartNumber !== undefined && p.ETag !== undefined ? [{ partNumber: p.PartNumber, etag: p.ETag, size: p.Size ?? 0 }] : [],
      );
      return page.IsTruncated ? { parts, nextMarker: page.NextPartNumberMarker ?? Number.NaN } : { parts };
    },

    head: async ({ bucket, key, versionId, signal }) => {
      if (versionId !== undefined) throw new ParamValidationError('OOS head_object has no VersionId: a versioned copy source is not supported');
      const res = await call(obj.head_object, ctx, { ...headArgs, Bucket: bucket, Key: key, AbortSignal: signal });
      return objectInfoOf(res, key);
    },

    getRange: async ({ bucket, key, start, end, ifMatch, signal }): Promise<Readable> => {
      const res = await call(obj.get_object, ctx, {
        Bucket: bucket,
        Key: key,
        Range: `bytes=${start}-${end}`,
        AbortSignal: signal,
        // A replaced object fails with 412 instead of mixing two versions in one file.
        ...(ifMatch !== undefined ? { IfMatch: ifMatch } : {}),
      });
      return res.Body.stream;
    },

    putObject: async ({ bucket, key, body, length, signal }: { bucket: string; key: string; body: Body; length: number; signal: AbortSignal }) => {
      const res = await call(obj.put_object, ctx, {
        ...objectArgs,
        Bucket: bucket,
        Key: key,
        Body: unsignedPayload(body),
        ContentLength: length,
        AbortSignal: signal,
      });
      return result(res);
    },

    copyObject: async ({ bucket, key, source, signal }) => {
      const res = await call(obj.copy_object, ctx, {
        ...objectArgs,
        ...copyArgs,
        Bucket: bucket,
        Key: key,
        CopySource: copySource(source),
        AbortSignal: signal,
      });
      return result(res, res.CopyObjectResult.ETag);
    },

    uploadPartCopy: async ({ bucket, key, uploadId, partNumber, source, start, end, signal }) => {
      const res = await call(mp.upload_part_copy, ctx, {
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        CopySource: copySource(source),
        CopySourceRange: `bytes=${start}-${end}`,
        AbortSignal: signal,
      });
      return { etag: res.CopyPartResult.ETag ?? '' };
    },

    list: async ({ bucket, prefix, marker, signal }): Promise<ListPage> => {
      const res = await call(bucketOps.list_objects, ctx, {
        Bucket: bucket,
        Prefix: prefix,
        MaxKeys: 1000,
        AbortSignal: signal,
        ...(marker !== undefined ? { Marker: marker } : {}),
      });
      const objects = (res.Contents ?? []).map((c) => ({ key: c.Key ?? '', size: c.Size ?? 0 }));
      if (!res.IsTruncated) return { objects };
      // S3 sends NextMarker only with a delimiter; without one the last key is the marker.
      const next = res.NextMarker ?? objects[objects.length - 1]?.key;
      return next === undefined ? { objects } : { objects, nextMarker: next };
    },

    deleteMany: async ({ bucket, keys, signal }): Promise<DeleteFailure[]> => {
      const res = await call(obj.delete_objects, ctx, {
        Bucket: bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        AbortSignal: signal,
      });
      return (res.Errors ?? []).map((e) => ({ key: e.Key ?? '', code: e.Code ?? '', message: e.Message ?? '' }));
    },
  };
}
