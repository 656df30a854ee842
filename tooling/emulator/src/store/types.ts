import type { Readable } from 'node:stream';

/**
 * The storage contract every dialect uses. Implementations: memory (default),
 * folder (a directory on disk), discard (keeps sizes and ETags, not bytes).
 * Bodies stream in and out; a reader never sees a half-written object because
 * an object becomes visible only when `putObject`/`completeUpload` resolves.
 */

export interface BucketRecord {
  name: string;
  createdAt: Date;
  /** Region / location constraint as the dialect reports it. */
  location: string;
  /** Owner id (the access key's owner as the dialect names it). */
  owner: string;
  /** Canned ACL: 'private' | 'public-read' | 'public-read-write' (dialects map their own names). */
  acl: string;
  /** Explicit grants, dialect-shaped (kept opaque by the store). */
  grants: unknown[];
  /** Bucket sub-resources stored verbatim by the dialect: cors, lifecycle, policy, website, logging, trigger... */
  config: Record<string, unknown>;
  /** COS versioning state; absent means never enabled. */
  versioning?: 'Enabled' | 'Suspended';
}

/** What is known about an object; bytes live in the store. */
export interface ObjectRecord {
  bucket: string;
  key: string;
  size: number;
  /** Hex MD5 of the bytes (multipart objects: of the parts' MD5s, as S3 does), without quotes. */
  md5: string;
  /** The ETag the dialect reports, without quotes (vendor-exact; dialects may override on write). */
  etag: string;
  /** CRC-64/XZ (COS crc64ecma) of the whole object as an unsigned decimal string. */
  crc64: string;
  lastModified: Date;
  contentType: string;
  /** Other stored system headers, lower-case names: cache-control, content-disposition, content-encoding, content-language, expires. */
  headers: Record<string, string>;
  /** User metadata, lower-case names WITHOUT the vendor prefix (`x-cos-meta-`, `x-bce-meta-`, ...). */
  meta: Record<string, string>;
  storageClass: string;
  /**
   * Version id, set by the store on every new write: a fresh id while the
   * bucket's versioning is Enabled, `'null'` while Suspended, absent in a
   * bucket that was never versioned (absent reads as the `'null'` version).
   */
  versionId?: string;
  /** Dialect-specific state kept with the object: acl, append type, restore status, multipart part count... */
  extra: Record<string, unknown>;
}

export interface PutOptions {
  contentType?: string;
  headers?: Record<string, string>;
  meta?: Record<string, string>;
  storageClass?: string;
  extra?: Record<string, unknown>;
  /** If given, the write fails with BadDigestError (and stores nothing) when the body's MD5 differs. */
  expectedMd5?: string;
  /** If given, the write fails with IncompleteBodyError when fewer/more bytes arrive. */
  expectedLength?: number;
}

export interface ByteRange {
  /** inclusive */
  start: number;
  /** inclusive */
  end: number;
}

export interface PartRecord {
  partNumber: number;
  size: number;
  md5: string;
  etag: string;
  crc64: string;
  lastModified: Date;
}

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: Date;
  owner: string;
  options: PutOptions;
}

/**
 * A delete marker (versioned buckets): the newest entry of a key after a
 * delete without a version id. It has no bytes; while it is the latest
 * version, the key reads as absent.
 */
export interface DeleteMarkerRecord {
  bucket: string;
  key: string;
  /** A fresh id while versioning is Enabled, `'null'` while Suspended. */
  versionId: string;
  lastModified: Date;
}

/** One entry of a key's version history. */
export type VersionRecord =
  | { deleteMarker: false; object: ObjectRecord; isLatest: boolean }
  | { deleteMarker: true; marker: DeleteMarkerRecord; isLatest: boolean };

/** What `removeObject` did. */
export interface RemoveResult {
  /** True when a current object was removed or hidden (no version id), or the named version existed and is gone. */
  removed: boolean;
  /** The removed version's id, or the id of the delete marker just created. */
  versionId?: string;
  /** True when a delete marker was created, or the removed version was one. */
  deleteMarker: boolean;
}

/** One page of `listVersions`, with S3/COS `?versions` semantics. */
export interface VersionListOptions {
  /** Only keys starting with this. */
  prefix?: string;
  /** Roll keys up to the first occurrence of this after the prefix. Empty means none. */
  delimiter?: string;
  /** Without `versionIdMarker`: start after every version of this key. */
  keyMarker?: string;
  /** With `keyMarker`: start after this version of that key (then the keys after it). */
  versionIdMarker?: string;
  /** Most entries (versions, delete markers and common prefixes); 0 or less returns an empty, untruncated page. */
  maxKeys: number;
}

export interface VersionPage {
  /** Key order (UTF-8 bytes), then newest first within a key. */
  entries: VersionRecord[];
  /** Rolled-up prefixes (each counted once), in key order. */
  commonPrefixes: string[];
  isTruncated: boolean;
  /** When truncated: the last key or common prefix returned. */
  nextKeyMarker?: string;
  /** When truncated: the last version id returned ('' when the page ended on a common prefix). */
  nextVersionIdMarker?: string;
}

/** The source of a copy: the current object, or one version of it. */
export interface ObjectRef {
  bucket: string;
  key: string;
  /** A specific version (`'null'` for the null version); absent means the current object. */
  versionId?: string;
}

export interface ListOptions {
  prefix?: string;
  /** Keys strictly greater than this. */
  after?: string;
}

export interface ObjectStore {
  createBucket(bucket: BucketRecord): Promise<void>;
  getBucket(name: string): Promise<BucketRecord | undefined>;
  updateBucket(name: string, patch: Partial<BucketRecord>): Promise<void>;
  listBuckets(): Promise<BucketRecord[]>;
  /** Removes the bucket; the caller has checked it is empty. */
  deleteBucket(name: string): Promise<void>;
  /** True when the bucket holds no objects, no versions or delete markers, and no in-progress uploads. */
  isBucketEmpty(name: string): Promise<boolean>;

  /** Streams the body into the store; the object appears atomically when this resolves. */
  putObject(bucket: string, key: string, body: Readable | Buffer, options: PutOptions): Promise<ObjectRecord>;
  /** Appends to an object (COS append); creates it when absent. */
  appendObject(bucket: string, key: string, body: Readable | Buffer, options: PutOptions): Promise<ObjectRecord>;
  headObject(bucket: string, key: string): Promise<ObjectRecord | undefined>;
  /** A stream of the whole object or an inclusive byte range of it. */
  readObject(bucket: string, key: string, range?: ByteRange): Promise<Readable>;
  /**
   * Server-side copy (of `src.versionId` when given); the new record takes
   * `options` when given (REPLACE), else the source's. The copy is a new write
   * of `dst` (a new version in a versioned bucket).
   */
  copyObject(src: ObjectRef, dst: { bucket: string; key: string }, options?: PutOptions): Promise<ObjectRecord>;
  /**
   * Updates metadata/extra without touching bytes (ACL, restore status,
   * storage class), in place: of the current object, or of `versionId`.
   */
  updateObject(bucket: string, key: string, patch: Partial<Omit<ObjectRecord, 'bucket' | 'key' | 'versionId'>>, versionId?: string): Promise<ObjectRecord>;
  /** `removeObject(bucket, key)`, answering only whether a current object was removed (or hidden by a delete marker). */
  deleteObject(bucket: string, key: string): Promise<boolean>;
  /** Current objects in key order (UTF-8 byte order, as the clouds sort); keys whose latest version is a delete marker are left out. */
  listObjects(bucket: string, options?: ListOptions): AsyncIterable<ObjectRecord>;

  /*
   * Versions. Every write (put, append creating an object, copy, complete)
   * stacks a version on its key when the bucket's versioning is Enabled, and
   * replaces the key's 'null' version while it is Suspended; in a bucket that
   * was never versioned a key holds one version, as it always did. A version's
   * bytes stay until that version is removed.
   */
  /** The latest version of a key (object or delete marker), or the one named `versionId`. */
  getVersion(bucket: string, key: string, versionId?: string): Promise<VersionRecord | undefined>;
  /** The bytes of one version; StoreNotFoundError when it is absent or a delete marker. */
  readVersion(bucket: string, key: string, versionId: string, range?: ByteRange): Promise<Readable>;
  /**
   * Without `versionId`: removes the current object (never versioned), or
   * stacks a delete marker (Enabled: a new id; Suspended: `'null'`, replacing
   * the null version). With it: removes exactly that version (object or delete
   * marker) for good; `removed` is false when there is no such version.
   */
  removeObject(bucket: string, key: string, versionId?: string): Promise<RemoveResult>;
  /** One page of every version and delete marker, key order then newest first. */
  listVersions(bucket: string, options: VersionListOptions): Promise<VersionPage>;

  createUpload(bucket: string, key: string, owner: string, options: PutOptions): Promise<UploadRecord>;
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;
  putPart(uploadId: string, partNumber: number, body: Readable | Buffer, expectedMd5?: string, expectedLength?: number): Promise<PartRecord>;
  /** Copies a byte range of an existing object (or of `src.versionId`) into a part. */
  copyPart(uploadId: string, partNumber: number, src: ObjectRef, range?: ByteRange): Promise<PartRecord>;
  listParts(uploadId: string): Promise<PartRecord[]>;
  listUploads(bucket: string): Promise<UploadRecord[]>;
  /**
   * Concatenates the chosen parts (already validated by the dialect) into the
   * object, computes md5-of-md5s ETag `<hex>-<n>` and the whole-object CRC-64,
   * and removes the upload.
   */
  completeUpload(uploadId: string, partNumbers: number[]): Promise<ObjectRecord>;
  abortUpload(uploadId: string): Promise<void>;

  close(): Promise<void>;
}

/** Thrown by putObject/putPart when Content-MD5 does not match; nothing is stored. */
export class BadDigestError extends Error {
  override name = 'BadDigestError';
}
/** Thrown when the body length differs from Content-Length; nothing is stored. */
export class IncompleteBodyError extends Error {
  override name = 'IncompleteBodyError';
}

/**
 * Thrown when the bucket, object, upload or part an operation names does not
 * exist (dialects usually check first and answer NoSuchBucket / NoSuchKey /
 * NoSuchUpload / InvalidPart themselves).
 */
export class StoreNotFoundError extends Error {
  override name = 'StoreNotFoundError';
  constructor(
    readonly kind: 'bucket' | 'object' | 'upload' | 'part',
    what: string,
  ) {
    super(`no such ${kind}: ${what}`);
  }
}
/** Thrown by createBucket when the bucket already exists. */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}
