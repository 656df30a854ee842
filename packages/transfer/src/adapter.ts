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

/**
 * The adapter. Required methods cover upload, resume and download; the
 * optional ones unlock single-request upload, copy, and folder operations.
 * `R` is the vendor's result type for `complete`, `putObject` and `copyObject`.
 */
export interface TransferAdapter<R extends CompleteResult = CompleteResult> {
  readonly limits: TransferLimits;

  /** Starts a multipart upload (`InitiateMultipartUpload`). */
  initiate(args: ObjectRef & WithSignal): Promise<{ uploadId: string }>;

  /**
   * Sends one part. `body` is replayable (a buffered part: its `open()`
   * yields the same bytes every time), so the transport may retry it;
   * `length` is its exact byte length. `crc64` is the server's CRC-64 of the
   * stored part (COS `x-cos-hash-crc64ecma`), when it reports one.
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
   * The vendor's verdict on a failure of any adapter call: `true` worth
   * another attempt, `false` final, `undefined` for the engine's default
   * (`isRetryableError`: no answer, 5xx, 408, 429). One place per vendor
   * decides — never a flag stamped on error objects. A 200 carrying a
   * transient error code (complete, copy) is the case vendors answer `true` for.
   */
  isRetryable?(error: unknown): boolean | undefined;

  /** Completes the upload with `parts` in ascending part-number order. */
  complete(args: ObjectRef & WithSignal & { uploadId: string; parts: CompletedPart[] }): Promise<R>;

  /** Aborts the upload and frees its parts. Should not throw when it is already gone. */
  abort(args: ObjectRef & WithSignal & { uploadId: string }): Promise<void>;

  /**
   * Every part the server holds for `uploadId` (all pages), or `null` when
   * the upload no longer exists (`NoSuchUpload`): resume then starts over.
   */
  listParts(args: ObjectRef & WithSignal & { uploadId: string }): Promise<ServerPart[] | null>;

  /** Size, ETag, Last-Modified (and CRC-64 on COS) of an object. */
  head(args: CopySourceRef & WithSignal): Promise<ObjectInfo>;

  /**
   * The bytes `start..end` (inclusive) of an object as a stream. `ifMatch`
   * is the ETag seen by `head`: send it as `If-Match` where the vendor
   * supports it, so a changed object fails instead of mixing versions.
   */
  getRange(args: ObjectRef & WithSignal & { start: number; end: number; ifMatch?: string }): Promise<Readable>;

  /** One-request upload used below the multipart threshold. Without it, small uploads use one part. */
  putObject?(args: ObjectRef & WithSignal & { body: Body; length: number }): Promise<R>;

  /** Server-side copy of a whole object up to `limits.maxSingleCopy`. */
  copyObject?(args: ObjectRef & WithSignal & { source: CopySourceRef }): Promise<R>;

  /** Copies the bytes `start..end` (inclusive) of `source` into one part. */
  uploadPartCopy?(
    args: ObjectRef & WithSignal & { uploadId: string; partNumber: number; source: CopySourceRef; start: number; end: number },
  ): Promise<{ etag: string }>;

  /** One page of the objects under `prefix` (no delimiter), in key order. */
  list?(args: WithSignal & { bucket: string; prefix: string; marker?: string }): Promise<ListPage>;

  /** Deletes up to 1000 keys in one request; returns the keys that failed. */
  deleteMany?(args: WithSignal & { bucket: string; keys: string[] }): Promise<DeleteFailure[]>;
}

/** Throws a clear error when an optional adapter method a call needs is missing. */
export function requireMethod<A extends TransferAdapter, K extends keyof A>(adapter: A, name: K, operation: string): NonNullable<A[K]> {
  const fn = adapter[name];
  if (typeof fn !== 'function') {
    throw new TypeError(`${operation} needs adapter.${String(name)}(), which this adapter does not provide`);
  }
  return (fn as (...args: never[]) => unknown).bind(adapter) as NonNullable<A[K]>;
}
