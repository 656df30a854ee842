/**
 * The `TransferAdapter` of @yunstore/transfer over the BOS operations: the
 * engine plans, schedules, retries and resumes; this file only says how one
 * BOS request of each kind is made and what its answer means.
 *
 * An adapter is built per high-level call, so the options that belong to
 * that call (content type, user metadata, storage class, per-call config)
 * are captured here and the engine never sees them.
 *
 * Errors are the client's own `BceHttpClientError`s: they carry `status`
 * (the HTTP status of a BOS answer) and `code` (`'ABORTED'` for a cancelled
 * request), which is all the engine's default verdict needs (404 gone, 5xx,
 * 429 and no answer retried), so BOS has no `classify` of its own. Paging
 * part listings, idempotent aborts and refusing answers without an ETag are
 * the engine's; an unusable answer becomes a `BceClientError`.
 */
import type { Readable } from 'node:stream';
import { GiB, MiB, type DeleteFailure, type ListPage, type ObjectInfo, type PartsPage, type TransferAdapter, type TransferLimits } from '@yunstore/transfer';
import { BceClientError, BceHttpClientError, BceServerError } from './errors.ts';
import type { BosContext, CallOptions } from './http.ts';
import { listObjects } from './operations/bucket.ts';
import * as mpOps from './operations/multipart.ts';
import * as objectOps from './operations/object.ts';
import type { BosMetadata, BosResponse } from './response.ts';

/**
 * BOS's limits (protocol notes §7): parts 1..10000, every part but the last
 * at least 5 MiB (`EntityTooSmall` on complete otherwise), at most 5 GiB a
 * part, a single PUT or copy at most 5 GiB.
 */
export const BOS_TRANSFER_LIMITS: TransferLimits = Object.freeze({
  maxParts: 10_000,
  minPartSize: 5 * MiB,
  maxPartSize: 5 * GiB,
  maxSingleCopy: 5 * GiB,
});

/** What `complete`, `putObject` and `copyObject` resolve to: a BOS response with the new object's ETag. */
export interface BosTransferResult extends BosResponse {
  /** ETag without quotes (the seed's name). */
  e_tag?: string;
  /** Same value (the Python SDK's name; what the engine reads). */
  etag?: string;
  /** `complete_multipart_upload` only. */
  location?: string;
  bucket?: string;
  key?: string;
  /** `copy_object` only. */
  last_modified?: string;
}

/** Per-call options the adapter captures (Python keyword names). */
export interface BosAdapterOptions extends Pick<CallOptions, 'config'> {
  /** Content type of the new object; default `application/octet-stream`. */
  content_type?: string;
  /** `{author: 'zs'}` → `x-bce-meta-author` (sent with the single PUT, or on complete as Python does). */
  user_metadata?: Record<string, string>;
  /** `STANDARD`, `STANDARD_IA`, `COLD`, `ARCHIVE`. */
  storage_class?: string;
  /** `Cache-Control`, `Content-Encoding`, `Content-Disposition`, `Expires` of the new object. */
  user_headers?: Record<string, string>;
  /** Copies only if the source's ETag is this (`x-bce-copy-source-if-match`). */
  etag?: string;
  /** Overrides of `BOS_TRANSFER_LIMITS` (an emulator with a smaller minimum part size, a gateway with other rules). */
  limits?: Partial<TransferLimits>;
}

function call(options: BosAdapterOptions, signal: AbortSignal): CallOptions {
  return { signal, ...(options.config ? { config: options.config } : {}) };
}

/** True when `error` is BOS answering `status` (wrapped in `BceHttpClientError`, as every request failure is). */
export function isBosStatus(error: unknown, status: number): boolean {
  return error instanceof BceHttpClientError && error.last_error instanceof BceServerError && error.last_error.status_code === status;
}

/** Size, ETag and Last-Modified from a HEAD answer's metadata. */
export function objectInfoOf(metadata: BosMetadata): ObjectInfo {
  const size = Number(metadata.content_length);
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`BOS answered HEAD without a usable Content-Length (${String(metadata.content_length)})`);
  return { size, etag: metadata.etag ?? '', lastModified: metadata.last_modified ?? '' };
}

/** `{..., etag}` for the engine, from a response whose ETag is only in its headers (PUT). */
function withEtag(response: BosResponse): BosTransferResult {
  const etag = response.metadata.etag;
  return etag === undefined ? response : { ...response, e_tag: etag, etag };
}

/** The adapter for one high-level call of one client. */
export function bosTransferAdapter(ctx: BosContext, options: BosAdapterOptions = {}): TransferAdapter<BosTransferResult> {
  const limits: TransferLimits = { ...BOS_TRANSFER_LIMITS, ...options.limits };
  return {
    limits,
    malformed: (operation, message) => new BceClientError(`${operation}: ${message}`, { code: 'InvalidResponse' }),

    async initiate({ bucket, key, signal }) {
      const res = await mpOps.initiateMultipartUpload(ctx, bucket, key, {
        ...call(options, signal),
        ...(options.content_type !== undefined ? { content_type: options.content_type } : {}),
        ...(options.storage_class !== undefined ? { storage_class: options.storage_class } : {}),
        ...(options.user_headers !== undefined ? { user_headers: options.user_headers } : {}),
      });
      return { uploadId: res.upload_id };
    },

    async uploadPart({ bucket, key, uploadId, partNumber, body, signal }) {
      const res = await mpOps.uploadPart(ctx, { bucket, key, uploadId, partNumber }, body, call(options, signal));
      return { etag: res.metadata.etag ?? '' };
    },

    async complete({ bucket, key, uploadId, parts, signal }) {
      // Python's put_super_obejct_from_file and complete_multipart_upload carry user metadata on complete.
      return mpOps.completeMultipartUpload(
        ctx,
        { bucket, key, uploadId },
        parts.map((p) => ({ partNumber: p.partNumber, eTag: p.etag })),
        { ...call(options, signal), ...(options.user_metadata ? { user_metadata: options.user_metadata } : {}) },
      );
    },

    async abort({ bucket, key, uploadId, signal }) {
      await mpOps.abortMultipartUpload(ctx, { bucket, key, uploadId }, call(options, signal));
    },

    async listPartsPage({ bucket, key, uploadId, marker, signal }): Promise<PartsPage> {
      const page = await mpOps.listParts(ctx, { bucket, key, uploadId }, { max_parts: 1000, part_number_marker: marker }, call(options, signal));
      const parts = page.parts.map((p) => ({ partNumber: p.part_number, etag: p.etag, size: p.size }));
      return page.is_truncated ? { parts, nextMarker: page.next_part_number_marker ?? parts.at(-1)?.partNumber ?? marker } : { parts };
    },

    async head({ bucket, key, signal }) {
      return objectInfoOf((await objectOps.getObjectMetaData(ctx, bucket, key, call(options, signal))).metadata);
    },

    async getRange({ bucket, key, start, end, ifMatch, signal }): Promise<Readable> {
      const headers: Record<string, string> = { Range: `bytes=${start}-${end}` };
      // BOS GetObject honours If-Match (412 PreconditionFailed): a replaced object fails the part instead of mixing versions.
      if (ifMatch) headers['If-Match'] = `"${ifMatch.replace(/^"|"$/g, '')}"`;
      const res = await ctx.http.stream({ op: 'download_file', method: 'GET', bucket, key, headers, ...call(options, signal) });
      return res.body;
    },

    async putObject({ bucket, key, body, signal }) {
      // No Content-MD5: computing it would read the file twice; BOS does not require it.
      const res = await objectOps.putObject(ctx, bucket, key, body, undefined, {
        ...call(options, signal),
        ...(options.content_type !== undefined ? { content_type: options.content_type } : {}),
        ...(options.user_metadata ? { user_metadata: options.user_metadata } : {}),
        ...(options.storage_class !== undefined ? { storage_class: options.storage_class } : {}),
        ...(options.user_headers !== undefined ? { user_headers: options.user_headers } : {}),
      });
      return withEtag(res);
    },

    async copyObject({ bucket, key, source, signal }) {
      return objectOps.copyObject(
        ctx,
        { bucket: source.bucket, key: source.key },
        { bucket, key },
        {
          ...call(options, signal),
          ...(options.etag !== undefined ? { etag: options.etag } : {}),
          ...(options.content_type !== undefined ? { content_type: options.content_type } : {}),
          ...(options.user_metadata ? { user_metadata: options.user_metadata } : {}),
          ...(options.storage_class !== undefined ? { storage_class: options.storage_class } : {}),
        },
      );
    },

    // Parts of a multipart copy (objects above `maxSingleCopy`): BOS UploadPartCopy with
    // `x-bce-copy-source-range`. The etag condition guards every part, so a source replaced
    // midway fails the copy (412) instead of mixing two versions.
    async uploadPartCopy({ bucket, key, uploadId, partNumber, source, start, end, signal }) {
      const res = await mpOps.uploadPartCopy(
        ctx,
        { bucket: source.bucket, key: source.key, offset: start, partSize: end - start + 1 },
        { bucket, key, uploadId, partNumber },
        { ...call(options, signal), ...(options.etag !== undefined ? { etag: options.etag } : {}) },
      );
      return { etag: res.etag ?? '' };
    },

    async list({ bucket, prefix, marker, signal }): Promise<ListPage> {
      const page = await listObjects(ctx, bucket, { prefix, max_keys: 1000, ...(marker !== undefined ? { marker } : {}) }, call(options, signal));
      const objects = page.contents.map((o) => ({ key: o.key, size: o.size }));
      const next = page.is_truncated ? (page.next_marker ?? objects[objects.length - 1]?.key) : undefined;
      return { objects, ...(next !== undefined ? { nextMarker: next } : {}) };
    },

    // DeleteMultipleObjects: the engine hands at most 1000 keys, BOS's limit for one request.
    async deleteMany({ bucket, keys, signal }): Promise<DeleteFailure[]> {
      const res = await objectOps.deleteMultipleObjects(ctx, bucket, keys, call(options, signal));
      // A key deleted meanwhile (NoSuchKey) is not a failure: the prefix is gone, which is the goal.
      return res.errors.filter((e) => e.code !== 'NoSuchKey').map((e) => ({ key: e.key, code: e.code, message: e.message }));
    },
  };
}
