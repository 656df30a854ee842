/**
 * The `TransferAdapter` that lets `@yunstore/transfer` drive NOS: every
 * engine call is one of this package's operations (create_multipart_upload,
 * upload_part, complete_multipart_upload, list_parts, head_object, get_object
 * with a Range, put_object, copy_object, list_objects, delete_objects), with
 * the engine's AbortSignal passed through as `signal`.
 *
 * The options of one high-level call (meta_data, Content-Type, object_md5)
 * are captured when the adapter is built; each request takes the ones that
 * belong on it.
 *
 * NOS has no Upload Part - Copy, so `uploadPartCopy` is absent: every copy is
 * one copy_object (see `NOS_LIMITS.maxSingleCopy`).
 */
import type { Readable } from 'node:stream';
import { ClientFailure } from '@yunstore/core';
import type { CompleteResult, DeleteFailure, FailureClass, ListPage, ObjectInfo, PartsPage, TransferAdapter, TransferLimits } from '@yunstore/transfer';
import { nosContext, type NosContext } from './context.ts';
import type { NosElement } from './element.ts';
import { ClientException, ConnectionError, MultiObjectDeleteException, ServiceException } from './errors.ts';
import * as mp from './operations/multipart.ts';
import * as obj from './operations/object.ts';
import { MAX_BODY } from './validate.ts';

const KiB = 1024;

/**
 * NOS limits (protocol notes §7): parts 1..10000 of 16 KiB … 100 MiB (the
 * last may be smaller), so objects up to 10000 × 100 MiB (about 1 TiB).
 * NOS documents no size limit for Put Object - Copy, and it is the only copy
 * NOS has, so the single-copy limit is the largest object NOS can hold: every
 * copy is one request and the service decides.
 */
export const NOS_LIMITS: TransferLimits = Object.freeze({
  maxParts: 10_000,
  minPartSize: 16 * KiB,
  maxPartSize: MAX_BODY,
  maxSingleCopy: 10_000 * MAX_BODY,
});

/** What `complete`, `putObject` and `copyObject` give back: the NOS dict, plus the ETag. */
export interface NosTransferResult extends CompleteResult {
  x_nos_request_id: string;
  /** The new object's ETag without quotes (`<md5>-<parts>` after a multipart upload); absent after a copy. */
  etag?: string;
  /** `CompleteMultipartUploadResult` (Location, Bucket, Key, ETag) after a multipart upload. */
  response?: NosElement;
}

/** Per-call options the adapter captures (Python keyword names). */
export interface NosAdapterOptions {
  /** Headers of the new object: `x-nos-meta-*` and the standard ones (Content-Type...). Already checked. */
  meta_data?: Record<string, string>;
  /** MD5 (hex) of the whole object, sent on complete as `x-nos-Object-md5` (NOS de-duplication). */
  object_md5?: string;
  /** Overrides of `NOS_LIMITS` (an emulator or gateway with other rules). */
  limits?: Partial<TransferLimits>;
  /** Have the engine check every part's ETag (and a single put's) against the MD5 of the bytes sent (see `NewObjectOptions.verify_md5`). */
  verify_md5?: boolean;
}

/**
 * The NOS verdict for the engine (`classify` of the adapter).
 * ServiceException carries the status as `status_code` (not `status`, which
 * the engine's default reads): 404 (NoSuchUpload, NoSuchKey) is `'gone'`,
 * 5xx, 408 and 429 are worth another attempt, other answers are final.
 * ConnectionError / ConnectionTimeout (no answer) are retried unless core
 * says the failure was an abort or a TLS verification failure; any other
 * ClientException is about our own arguments or an unreadable answer: final.
 * (A part whose ETag is not the MD5 sent, with `verify_md5`, is the engine's
 * to resend.)
 */
export function nosClassify(error: unknown): FailureClass | undefined {
  if (error instanceof ServiceException) {
    const status = error.status_code;
    if (status === 404) return 'gone';
    return status !== null && (status >= 500 || status === 408 || status === 429) ? 'retry' : 'final';
  }
  if (error instanceof ConnectionError) {
    const kind = error.info instanceof ClientFailure ? error.info.kind : undefined;
    return kind === undefined || kind === 'network' || kind === 'timeout' ? 'retry' : 'final';
  }
  if (error instanceof ClientException) return 'final';
  return undefined;
}

function unquote(value: string): string {
  return value.replace(/^["']+|["']+$/g, '');
}

/**
 * The adapter for one high-level call over the client's context, or over
 * just a transport (`{transport}`: its request layer is picked as a
 * client's would be).
 */
export function nosTransferAdapter(context: NosContext | Pick<NosContext, 'transport'>, options: NosAdapterOptions = {}): TransferAdapter<NosTransferResult> {
  const ctx = 'http' in context ? context : nosContext(context.transport);
  const meta = options.meta_data ?? {};
  const hasMeta = Object.keys(meta).length > 0;
  return {
    limits: { ...NOS_LIMITS, ...options.limits },
    classify: nosClassify,
    // NOS's part ETag is the part's MD5: the engine checks it over the buffer it sends, when asked.
    uploadMd5: options.verify_md5 === true,
    malformed: (operation, message) => new ClientException(`${operation}: ${message}`),

    initiate: async ({ bucket, key, signal }) => {
      const res = await mp.createMultipartUpload(ctx, { bucket, key, ...(hasMeta ? { meta_data: meta } : {}), signal });
      return { uploadId: res.response.findtext('UploadId', '') ?? '' };
    },

    uploadPart: async ({ bucket, key, uploadId, partNumber, body, signal }) => {
      // No Content-MD5: it would hash every part on the hot path; `verify_md5` checks the ETag instead.
      const res = await mp.uploadPart(ctx, { bucket, key, upload_id: uploadId, part_num: partNumber, body, signal }, { skipContentMd5: true });
      return { etag: res.etag };
    },

    complete: async ({ bucket, key, uploadId, parts, signal }) => {
      const res = await mp.completeMultipartUpload(ctx, {
        bucket,
        key,
        upload_id: uploadId,
        info: parts.map((p) => ({ part_num: p.partNumber, etag: p.etag })),
        ...(options.object_md5 !== undefined ? { object_md5: options.object_md5 } : {}),
        signal,
      });
      const etag = unquote(res.response.findtext('ETag', '') ?? '');
      return { x_nos_request_id: res.x_nos_request_id, response: res.response, ...(etag !== '' ? { etag } : {}) };
    },

    abort: async ({ bucket, key, uploadId, signal }) => {
      await mp.abortMultipartUpload(ctx, { bucket, key, upload_id: uploadId, signal });
    },

    listPartsPage: async ({ bucket, key, uploadId, marker, signal }): Promise<PartsPage> => {
      const page = (await mp.listParts(ctx, { bucket, key, upload_id: uploadId, limit: 1000, part_number_marker: marker, signal })).response;
      const parts = page.findall('Part').map((p) => ({
        partNumber: Number(p.findtext('PartNumber')),
        etag: unquote(p.findtext('ETag', '') ?? ''),
        size: Number(p.findtext('Size')),
      }));
      if (page.findtext('IsTruncated') !== 'true') return { parts };
      return { parts, nextMarker: Number(page.findtext('NextPartNumberMarker') ?? parts.at(-1)?.partNumber) };
    },

    head: async ({ bucket, key, signal }): Promise<ObjectInfo> => {
      const res = await obj.headObject(ctx, { bucket, key, signal });
      return { size: res.content_length, etag: res.etag, lastModified: res.last_modified };
    },

    getRange: async ({ bucket, key, start, end, ifMatch, signal }): Promise<Readable> => {
      // If-Match is plain HTTP; the emulator honours it, and a NOS that ignores it loses nothing:
      // the engine also checks ETag, size and Last-Modified before resuming.
      const headers: Record<string, string> = ifMatch ? { 'If-Match': `"${unquote(ifMatch)}"` } : {};
      const res = await obj.getObject(ctx, { bucket, key, range: `bytes=${start}-${end}`, signal }, { headers });
      return res.body.stream;
    },

    putObject: async ({ bucket, key, body, signal }) => {
      const res = await obj.putObject(ctx, { bucket, key, body, ...(hasMeta ? { meta_data: meta } : {}), signal }, { skipContentMd5: true });
      return { x_nos_request_id: res.x_nos_request_id, ...(res.etag !== '' ? { etag: res.etag } : {}) };
    },

    copyObject: ({ bucket, key, source, signal }) =>
      obj.copyObject(ctx, { src_bucket: source.bucket, src_key: source.key, dest_bucket: bucket, dest_key: key, signal }),

    list: async ({ bucket, prefix, marker, signal }): Promise<ListPage> => {
      const res = await obj.listObjects(ctx, { bucket, prefix, limit: 1000, ...(marker !== undefined ? { marker } : {}), signal });
      const objects = res.response.findall('Contents').map((c) => ({
        key: c.findtext('Key', '') ?? '',
        size: Number(c.findtext('Size', '0')),
      }));
      if (res.response.findtext('IsTruncated') !== 'true') return { objects };
      // NOS sends NextMarker on truncated pages (the seed spells it NextMark); the last key works as well.
      const next = res.response.findtext('NextMarker') || res.response.findtext('NextMark') || objects[objects.length - 1]?.key;
      return next ? { objects, nextMarker: next } : { objects };
    },

    deleteMany: async ({ bucket, keys, signal }): Promise<DeleteFailure[]> => {
      if (keys.length === 0) return [];
      try {
        await obj.deleteObjects(ctx, { bucket, keys, quiet: true, signal });
        return [];
      } catch (error) {
        // A 200 answer listing the keys NOS could not delete: report them, the call goes on.
        if (error instanceof MultiObjectDeleteException) return error.errors.map((e) => ({ ...e }));
        throw error;
      }
    },
  };
}
