/**
 * The structural surface a vendor package hands to the transfer engine.
 *
 * The engine never imports a vendor: it calls these methods and nothing
 * else, so any object with this shape works (a vendor client, a test double,
 * an S3 bridge). Every method receives an `AbortSignal` that must be passed
 * to the request (the engine aborts in-flight requests through it), and
 * every method throws on failure: a vendor error with `status` (the HTTP
 * status) lets the engine tell a retryable failure (5xx, 429, network) from
 * a final one (403, 404...).
 *
 * One adapter serves one client (all buckets and keys): the engine passes
 * `bucket` and `key` on every call. Options that belong to a single call of
 * the vendor's high-level API (content type, metadata, ACL, storage class,
 * SSE headers, traffic limit...) are captured by the vendor when it builds
 * the adapter for that call; the engine never sees them.
 */
import type { Readable } from 'node:stream';
import type { Body } from '@yunstore/core';

/** One object of one bucket. */
export interface ObjectRef {
  bucket: string;
  key: string;
}

/**
 * The source of a server-side copy. `versionId` and `region` are passed
 * through untouched to `head`, `copyObject` and `uploadPartCopy`.
 */
export interface CopySourceRef extends ObjectRef {
  versionId?: string;
  /** COS and other vendors allow a copy source in another region. */
  region?: string;
}

/** Present on every adapter call. */
export interface WithSignal {
  /** Aborts the request; the engine uses it to stop everything promptly. */
  signal: AbortSignal;
}

/** A part the server holds for an unfinished multipart upload. */
export interface ServerPart {
  partNumber: number;
  etag: string;
  size: number;
}

/** A part for `complete`: what `uploadPart` / `uploadPartCopy` returned. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** What `head` reports about an object. */
export interface ObjectInfo {
  size: number;
  /** As the server sends it; quotes are ignored when comparing. */
  etag: string;
  /** Any stable string form (the `Last-Modified` header is fine). */
  lastModified: string;
  /**
   * COS `x-cos-hash-crc64ecma`: the object's CRC-64/XZ as an unsigned
   * decimal string. When present, downloads verify it end to end.
   */
  crc64?: string;
}

/**
 * The minimum every `complete` / `putObject` / `copyObject` result carries.
 * Vendors return their own response shape (extra fields are kept and given
 * back to the caller untouched).
 */
export interface CompleteResult {
  etag?: string;
  /**
   * COS returns the CRC-64 of the new object (unsigned decimal); with
   * `uploadCrc64` the engine checks it against the bytes it sent.
   */
  crc64?: string;
}

/** Vendor limits that drive part planning. */
export interface TransferLimits {
  /** Highest part number: 10000 for all four vendors. */
  maxParts: number;
  /** Smallest size of every part but the last (COS 1 MiB, S3-like 5 MiB...). */
  minPartSize: number;
  /** Largest part (5 GiB everywhere). */
  maxPartSize: number;
  /** Largest object `copyObject` copies in one request (5 GiB); bigger ones use `uploadPartCopy`. */
  maxSingleCopy: number;
}

/** One listed object for folder download and prefix delete. */
export interface ListedObject {
  key: string;
  size: number;
}

/** One page of `list`. */
export interface ListPage {
  objects: ListedObject[];
  /** Pass back as `marker` for the next page; absent on the last page. */
  nextMarker?: string;
}

/** A key `deleteMany` could not delete. */
export interface DeleteFailure {
  key: string;
  code: string;
  message: string;
}

/** One page of `listPartsPage`. */
export interface PartsPage {
  parts: ServerPart[];
  /** Present when the listing is truncated: the `PartNumberMarker` of the next page (greater than this page's marker). */
  nextMarker?: number;
}

/**
 * The vendor's verdict on a failure (`classify`): `'retry'` worth another
 * attempt, `'final'` not, `'gone'` the upload or object addressed no longer
 * exists (NoSuchUpload, 404). The engine reads `'gone'` where it means
 * something — an abort of an upload already gone succeeded, a resume whose
 * upload is gone starts over — and as `'final'` everywhere else.
 */
export type FailureClass = 'retry' | 'final' | 'gone';

/** What every adapter has, whatever it can do. */
export interface AdapterBase {
  readonly limits: TransferLimits;

  /**
   * The vendor's verdict on a failure of any adapter call, or `undefined` for
   * the engine's default (`classifyFailure`: 404 gone; no answer, 5xx, 408 and
   * 429 retry; the rest final). One place per vendor decides — never a flag
   * stamped on error objects. A 200 carrying a transient error code
   * (complete, copy) is the case vendors answer `'retry'` for.
   */
  classify?(error: unknown): FailureClass | undefined;

  /**
   * The error to throw when an answer is unusable (a part without an ETag, an
   * initiate without an upload id, a truncated part listing without a marker):
   * the vendor's client error class. Default: the engine's `MalformedAnswerError`.
   */
  malformed?(operation: string, message: string): Error;
}

/** Upload: multipart (initiate, parts, complete, abort, resume) and, optionally, one-request puts. */
export interface UploadCapability<R extends CompleteResult = CompleteResult> {
  /** Starts a multipart upload (`InitiateMultipartUpload`). */
  initiate(args: ObjectRef & WithSignal): Promise<{ uploadId: string }>;

  /**
   * Sends one part. `body` is replayable (a buffered part: its `open()`
   * yields the same bytes every time), so the transport may retry it;
   * `length` is its exact byte length. `crc64` is the server's CRC-64 of the
   * stored part (COS `x-cos-hash-crc64ecma`), when it reports one. The engine
   * refuses an answer without an ETag.
   */
  uploadPart(args: ObjectRef & WithSignal & { uploadId: string; partNumber: number; body: Body; length: number }): Promise<{ etag: string; crc64?: string }>;

  /**
   * True when the server reports CRC-64s on upload (COS): the engine then
   * computes the CRC-64 of every part it sends, checks it against
   * `uploadPart`'s `crc64`, and checks the combined CRC-64 against
   * `complete`'s (and `putObject`'s) `crc64`. Absent or false: no CRC work.
   */
  readonly uploadCrc64?: boolean;

  /**
   * True to have the engine check that the server's ETag of every part (and
   * of a single-request `putObject`) is the hex MD5 of the bytes sent, as on
   * S3-style servers (NOS, OOS, BOS, COS without SSE): the engine hashes each
   * buffer once before sending it and sends a part again on a mismatch. One
   * MD5 pass costs about as much CPU as sending the bytes, so vendors offer it
   * as an option rather than by default.
   */
  readonly uploadMd5?: boolean;

  /** Completes the upload with `parts` in ascending part-number order. */
  complete(args: ObjectRef & WithSignal & { uploadId: string; parts: CompletedPart[] }): Promise<R>;

  /** Aborts the upload and frees its parts. An upload already gone is fine: the engine reads `classify`'s `'gone'` as done. */
  abort(args: ObjectRef & WithSignal & { uploadId: string }): Promise<void>;

  /**
   * One page of the parts the server holds for `uploadId`, from
   * `PartNumberMarker` `marker` (0: the first page). The engine follows the
   * pages, checks that the marker advances, and reads a `'gone'` failure as
   * "the upload no longer exists" (resume then starts over).
   */
  listPartsPage(args: ObjectRef & WithSignal & { uploadId: string; marker: number }): Promise<PartsPage>;

  /** One-request upload used below the multipart threshold. Without it, small uploads use one part. */
  putObject?(args: ObjectRef & WithSignal & { body: Body; length: number }): Promise<R>;
}

/** Download: size and version first, then ranged reads. */
export interface DownloadCapability {
  /** Size, ETag, Last-Modified (and CRC-64 on COS) of an object. */
  head(args: CopySourceRef & WithSignal): Promise<ObjectInfo>;

  /**
   * The bytes `start..end` (inclusive) of an object as a stream. `ifMatch`
   * is the ETag seen by `head`: send it as `If-Match` where the vendor
   * supports it, so a changed object fails instead of mixing versions.
   */
  getRange(args: ObjectRef & WithSignal & { start: number; end: number; ifMatch?: string }): Promise<Readable>;
}

/** Server-side copy (with the upload capability for multipart copies and `head` for the source's size). */
export interface CopyCapability<R extends CompleteResult = CompleteResult> {
  /** Server-side copy of a whole object up to `limits.maxSingleCopy`. */
  copyObject(args: ObjectRef & WithSignal & { source: CopySourceRef }): Promise<R>;

  /** Copies the bytes `start..end` (inclusive) of `source` into one part. The engine refuses an answer without an ETag. */
  uploadPartCopy(
    args: ObjectRef & WithSignal & { uploadId: string; partNumber: number; source: CopySourceRef; start: number; end: number },
  ): Promise<{ etag: string }>;
}

/** Prefix operations: folder download and prefix delete. */
export interface PrefixCapability {
  /** One page of the objects under `prefix` (no delimiter), in key order. */
  list(args: WithSignal & { bucket: string; prefix: string; marker?: string }): Promise<ListPage>;

  /** Deletes up to 1000 keys in one request; returns the keys that failed. */
  deleteMany(args: WithSignal & { bucket: string; keys: string[] }): Promise<DeleteFailure[]>;
}

/**
 * The whole adapter, capability by capability: upload and download are
 * required, copy and prefix operations optional (a call that needs a missing
 * method fails with a clear error before any request). Engine functions ask
 * only for the capabilities they use, so a download-only adapter works for
 * downloads. `R` is the vendor's result type for `complete`, `putObject` and
 * `copyObject`.
 */
export type TransferAdapter<R extends CompleteResult = CompleteResult> = AdapterBase &
  UploadCapability<R> &
  DownloadCapability &
  Partial<CopyCapability<R>> &
  Partial<PrefixCapability>;

/** What an upload needs: the upload capability, and `head` to settle a complete whose answer was lost. */
export type UploadAdapter<R extends CompleteResult = CompleteResult> = AdapterBase & UploadCapability<R> & Pick<DownloadCapability, 'head'>;

/** What a download needs. */
export type DownloadAdapter = AdapterBase & DownloadCapability;

/** What a server-side copy needs: `copyObject` for small objects, `uploadPartCopy` (with the upload capability) for large ones. */
export type CopyAdapter<R extends CompleteResult = CompleteResult> = UploadAdapter<R> & Partial<CopyCapability<R>>;

/** What folder downloads and prefix deletes need (`list`, `deleteMany`; checked when called). */
export type PrefixAdapter = AdapterBase & Partial<PrefixCapability>;

/** Throws a clear error when an optional adapter method a call needs is missing. */
export function requireMethod<A extends object, K extends keyof A>(adapter: A, name: K, operation: string): NonNullable<A[K]> {
  const fn = adapter[name];
  if (typeof fn !== 'function') {
    throw new TypeError(`${operation} needs adapter.${String(name)}(), which this adapter does not provide`);
  }
  return (fn as (...args: never[]) => unknown).bind(adapter) as NonNullable<A[K]>;
}
