import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc64Combine, createMd5 } from '@yunstore/core';
import { compareKeys } from '../common/keys.ts';
import type { Blobs } from './blobs.ts';
import type { Digest } from './digest.ts';
import { abortUpload, completeUpload, copyPart, createUpload, getUpload, listParts, listUploads, putPart } from './multipart.ts';
import {
  cloneBucket,
  cloneRecord,
  commitLocked,
  commitObject,
  isMarker,
  KeyedLock,
  lockKey,
  newBucketState,
  replaceLocked,
  requireBucket,
  requireObject,
  type BucketState,
  type ObjectEntry,
  type Persistence,
  type StoreState,
  type UploadState,
} from './state.ts';
import type { ByteRange, ListOptions, ObjectRecord, ObjectStore, PutOptions } from './types.ts';
import { StoreConflictError } from './types.ts';
import { getVersion, listVersions, removeObject, requireSource } from './versions.ts';

export interface EngineOptions<Ref> {
  /** The emulator's clock, for lastModified / initiated. Default: real time. */
  now?: () => Date;
  persistence?: Persistence<Ref>;
  /** State loaded from disk by the folder store. */
  buckets?: Map<string, BucketState<Ref>>;
  uploads?: Map<string, UploadState<Ref>>;
}

/**
 * The one ObjectStore implementation: metadata in memory (and, through
 * `persistence`, on disk), bytes in a `Blobs` backend. memory.ts, folder.ts
 * and discard.ts differ only in the backend and persistence they pass.
 */
export function createStoreEngine<Ref>(blobs: Blobs<Ref>, options: EngineOptions<Ref> = {}): ObjectStore {
  const state: StoreState<Ref> = {
    blobs,
    persistence: options.persistence,
    now: options.now ?? (() => new Date()),
    buckets: options.buckets ?? new Map(),
    uploads: options.uploads ?? new Map(),
    locks: new KeyedLock(),
  };
  // Running MD5 of appendable objects, so an append hashes only the new bytes.
  const appendHashes = new Map<string, { md5: string; size: number; hash: Hash }>();

  const store: ObjectStore = {
    async createBucket(bucket) {
      if (state.buckets.has(bucket.name)) throw new StoreConflictError(`bucket exists: ${bucket.name}`);
      const record = cloneBucket(bucket);
      await state.persistence?.saveBucket(record);
      state.buckets.set(record.name, newBucketState(record));
    },
    async getBucket(name) {
      const b = state.buckets.get(name);
      return b && cloneBucket(b.record);
    },
    async updateBucket(name, patch) {
      const b = requireBucket(state, name);
      const record = { ...b.record, ...cloneBucket({ ...b.record, ...patch }), name };
      await state.persistence?.saveBucket(record);
      b.record = record;
    },
    async listBuckets() {
      return [...state.buckets.values()].map((b) => cloneBucket(b.record)).sort((x, y) => compareKeys(x.name, y.name));
    },
    async deleteBucket(name) {
      const b = state.buckets.get(name);
      if (!b) return;
      await state.persistence?.removeBucket(name);
      state.buckets.delete(name);
      const refs = new Set<Ref>([...b.objects.values()].map((e) => e.ref));
      for (const stack of b.history.values()) for (const v of stack) if (!isMarker(v)) refs.add(v.ref);
      for (const ref of refs) await blobs.remove(ref);
      for (const [id, u] of state.uploads) if (u.record.bucket === name) await abortUpload(state, id);
    },
    async isBucketEmpty(name) {
      const b = requireBucket(state, name);
      if (b.objects.size > 0 || b.history.size > 0) return false;
      for (const u of state.uploads.values()) if (u.record.bucket === name) return false;
      return true;
    },

    async putObject(bucket, key, body, opts) {
      guard(body);
      requireBucket(state, bucket);
      const { ref, digest } = await blobs.write(body, { expectedMd5: opts.expectedMd5, expectedLength: opts.expectedLength });
      return commitOrFree(state, { record: newRecord(bucket, key, digest, opts, state.now()), ref });
    },

    async appendObject(bucket, key, body, opts) {
      guard(body);
      requireBucket(state, bucket);
      const id = lockKey(bucket, key);
      return state.locks.run(id, async () => {
        const existing = state.buckets.get(bucket)?.objects.get(key);
        const check = { expectedMd5: opts.expectedMd5, expectedLength: opts.expectedLength };
        if (!existing) {
          const running = createMd5();
          const { ref, digest } = await blobs.write(teeInto(body, running), check);
          const record = await commitLocked(state, { record: newRecord(bucket, key, digest, opts, state.now()), ref });
          appendHashes.set(id, { md5: digest.md5, size: digest.size, hash: running });
          return record;
        }
        const known = appendHashes.get(id);
        const running =
          known && known.md5 === existing.record.md5 && known.size === existing.record.size
            ? known.hash.copy()
            : await rehash(blobs, existing.ref, existing.record.size);
        const { ref, digest } = await blobs.append(existing.ref, existing.record.size, teeInto(body, running), check);
        const md5 = running.copy().digest('hex');
        const record: ObjectRecord = {
          ...existing.record,
          size: existing.record.size + digest.size,
          md5,
          etag: md5,
          crc64: crc64Combine(BigInt(existing.record.crc64), digest.crc64, digest.size).toString(),
          lastModified: state.now(),
        };
        // An append grows the current version in place; it never stacks a new one.
        const saved = await replaceLocked(state, { record, ref });
        appendHashes.set(id, { md5, size: record.size, hash: running });
        return saved;
      });
    },

    async headObject(bucket, key) {
      const e = state.buckets.get(bucket)?.objects.get(key);
      return e && cloneRecord(e.record);
    },

    async readObject(bucket, key, range) {
      return readAgainOnce(() => readEntry(blobs, requireObject(state, bucket, key), range));
    },

    async copyObject(src, dst, opts) {
      requireBucket(state, dst.bucket);
      if (src.bucket === dst.bucket && src.key === dst.key) {
        // The new version shares the source's blob; versions are freed only when no other one uses the blob.
        return state.locks.run(lockKey(src.bucket, src.key), async () => {
          const e = requireSource(state, src);
          return commitLocked(state, { record: copiedRecord(e.record, dst, opts, state.now()), ref: e.ref });
        });
      }
      // Hold the source's lock while cloning so its blob is not freed under us.
      const { record, ref } = await state.locks.run(lockKey(src.bucket, src.key), async () => {
        const e = requireSource(state, src);
        return { record: e.record, ref: await blobs.clone(e.ref, e.record.size) };
      });
      return commitOrFree(state, { record: copiedRecord(record, dst, opts, state.now()), ref });
    },

    async updateObject(bucket, key, patch, versionId) {
      return state.locks.run(lockKey(bucket, key), async () => {
        const e = requireSource(state, versionId === undefined ? { bucket, key } : { bucket, key, versionId });
        const record: ObjectRecord = { ...cloneRecord(e.record), ...patch, bucket, key };
        return replaceLocked(state, { record, ref: e.ref }, versionId);
      });
    },

    async deleteObject(bucket, key) {
      return (await store.removeObject(bucket, key)).removed;
    },

    removeObject: (bucket, key, versionId) => removeObject(state, bucket, key, versionId, () => appendHashes.delete(lockKey(bucket, key))),

    listObjects(bucket, opts) {
      return iterateObjects(state, bucket, opts ?? {});
    },

    getVersion: (bucket, key, versionId) => getVersion(state, bucket, key, versionId),

    async readVersion(bucket, key, versionId, range) {
      return readAgainOnce(() => readEntry(blobs, requireSource(state, { bucket, key, versionId }), range));
    },

    listVersions: (bucket, opts) => listVersions(state, bucket, opts),

    createUpload: (bucket, key, owner, opts) => createUpload(state, bucket, key, owner, opts),
    getUpload: (uploadId) => getUpload(state, uploadId),
    putPart: async (uploadId, n, body, md5, length) => {
      guard(body);
      return putPart(state, uploadId, n, body, md5, length);
    },
    copyPart: (uploadId, n, src, range) => copyPart(state, uploadId, n, src, range),
    listParts: (uploadId) => listParts(state, uploadId),
    listUploads: (bucket) => listUploads(state, bucket),
    completeUpload: async (uploadId, partNumbers) => {
      const { entry, partRefs } = await completeUpload(state, uploadId, partNumbers, newRecord);
      const record = await commitOrFree(state, entry);
      for (const ref of partRefs) await blobs.remove(ref);
      return record;
    },
    abortUpload: (uploadId) => abortUpload(state, uploadId),

    async close() {
      appendHashes.clear();
    },
  };
  return store;
}

/**
 * A body can fail (client gone) before the store starts reading it, e.g.
 * while a temp file opens; without a listener that 'error' would crash the
 * process. Reading it later still reports the error.
 */
function guard(body: Readable | Buffer): void {
  if (!Buffer.isBuffer(body)) body.on('error', () => undefined);
}

/** A concurrent overwrite or delete may free the blob between lookup and open; look again once. */
async function readAgainOnce(read: () => Promise<Readable>): Promise<Readable> {
  try {
    return await read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return read();
  }
}

/** Commits, or frees the new blob when the commit fails (bucket deleted meanwhile). */
async function commitOrFree<Ref>(state: StoreState<Ref>, entry: ObjectEntry<Ref>): Promise<ObjectRecord> {
  try {
    return await commitObject(state, entry);
  } catch (err) {
    await state.blobs.remove(entry.ref);
    throw err;
  }
}

/** A fresh record for bytes just written. */
export function newRecord(bucket: string, key: string, digest: Digest, opts: PutOptions, now: Date): ObjectRecord {
  return {
    bucket,
    key,
    size: digest.size,
    md5: digest.md5,
    etag: digest.md5,
    crc64: digest.crc64.toString(),
    lastModified: now,
    contentType: opts.contentType ?? 'application/octet-stream',
    headers: { ...opts.headers },
    meta: { ...opts.meta },
    storageClass: opts.storageClass ?? 'STANDARD',
    extra: structuredClone(opts.extra ?? {}),
  };
}

/**
 * The copy's record: bytes-derived fields (size, md5, etag, crc64) from the
 * source; metadata from `opts` when given (REPLACE), else the source's (COPY).
 */
function copiedRecord(src: ObjectRecord, dst: { bucket: string; key: string }, opts: PutOptions | undefined, now: Date): ObjectRecord {
  const base = opts ? newRecord(dst.bucket, dst.key, { size: 0, md5: '', crc64: 0n }, opts, now) : { ...cloneRecord(src), lastModified: now };
  return { ...base, bucket: dst.bucket, key: dst.key, size: src.size, md5: src.md5, etag: src.etag, crc64: src.crc64 };
}

async function readEntry<Ref>(blobs: Blobs<Ref>, e: ObjectEntry<Ref>, range: ByteRange | undefined): Promise<Readable> {
  return blobs.read(e.ref, e.record.size, range);
}

async function* iterateObjects<Ref>(state: StoreState<Ref>, bucket: string, opts: ListOptions): AsyncGenerator<ObjectRecord> {
  const b = requireBucket(state, bucket);
  const prefix = opts.prefix ?? '';
  // Resume by key, not by position, so writes during a listing cannot skip or repeat keys.
  let key = opts.after !== undefined && compareKeys(opts.after, prefix) >= 0 ? b.keys.after(opts.after) : b.keys.atLeast(prefix);
  while (key?.startsWith(prefix)) {
    const e = b.objects.get(key);
    if (e) yield cloneRecord(e.record);
    key = b.keys.after(key);
  }
}

/** The MD5 state after reading a whole blob (appends after a restart). */
async function rehash<Ref>(blobs: Blobs<Ref>, ref: Ref, size: number): Promise<Hash> {
  const hash = createMd5();
  if (size > 0) for await (const chunk of await blobs.read(ref, size)) hash.update(chunk as Buffer);
  return hash;
}

/** Feeds every chunk of `body` to `hash` on its way through. */
function teeInto(body: Readable | Buffer, hash: Hash): Readable | Buffer {
  if (Buffer.isBuffer(body)) {
    hash.update(body);
    return body;
  }
  return Readable.from(
    (async function* () {
      for await (const chunk of body) {
        hash.update(chunk as Buffer);
        yield chunk as Buffer;
      }
    })(),
    { objectMode: false },
  );
}
