import type { Blobs } from './blobs.ts';
import { SortedKeys } from './sorted-keys.ts';
import type { BucketRecord, ObjectRecord, PartRecord, UploadRecord } from './types.ts';
import { StoreNotFoundError } from './types.ts';

export interface ObjectEntry<Ref> {
  record: ObjectRecord;
  ref: Ref;
}

export interface BucketState<Ref> {
  record: BucketRecord;
  objects: Map<string, ObjectEntry<Ref>>;
  keys: SortedKeys;
}

export interface PartEntry<Ref> {
  part: PartRecord;
  ref: Ref;
}

export interface UploadState<Ref> {
  record: UploadRecord;
  parts: Map<number, PartEntry<Ref>>;
}

/**
 * Durable copies of the metadata (the folder store writes JSON files; memory
 * and discard have none). Every call must be atomic on its own: a crash leaves
 * either the old or the new record.
 */
export interface Persistence<Ref> {
  saveBucket(bucket: BucketRecord): Promise<void>;
  removeBucket(name: string): Promise<void>;
  saveObject(entry: ObjectEntry<Ref>): Promise<void>;
  removeObject(bucket: string, key: string): Promise<void>;
  saveUpload(upload: UploadRecord): Promise<void>;
  savePart(uploadId: string, part: PartEntry<Ref>): Promise<void>;
  removeUpload(uploadId: string): Promise<void>;
}

/** Everything the engine knows, shared by its object and multipart halves. */
export interface StoreState<Ref> {
  blobs: Blobs<Ref>;
  persistence: Persistence<Ref> | undefined;
  now: () => Date;
  buckets: Map<string, BucketState<Ref>>;
  uploads: Map<string, UploadState<Ref>>;
  /** Serializes commits (and appends) per `bucket\0key` so the index and the files agree. */
  locks: KeyedLock;
}

export function newBucketState<Ref>(record: BucketRecord): BucketState<Ref> {
  return { record, objects: new Map(), keys: new SortedKeys() };
}

export function requireBucket<Ref>(state: StoreState<Ref>, name: string): BucketState<Ref> {
  const b = state.buckets.get(name);
  if (!b) throw new StoreNotFoundError('bucket', name);
  return b;
}

export function requireObject<Ref>(state: StoreState<Ref>, bucket: string, key: string): ObjectEntry<Ref> {
  const e = requireBucket(state, bucket).objects.get(key);
  if (!e) throw new StoreNotFoundError('object', `${bucket}/${key}`);
  return e;
}

export function requireUpload<Ref>(state: StoreState<Ref>, uploadId: string): UploadState<Ref> {
  const u = state.uploads.get(uploadId);
  if (!u) throw new StoreNotFoundError('upload', uploadId);
  return u;
}

/**
 * Makes an object visible: persists it, swaps it into the index, then frees
 * the blob it replaced. Runs under the key's lock.
 */
export async function commitObject<Ref>(state: StoreState<Ref>, entry: ObjectEntry<Ref>): Promise<ObjectRecord> {
  const { bucket, key } = entry.record;
  return state.locks.run(lockKey(bucket, key), () => commitLocked(state, entry));
}

/** `commitObject` for callers already holding the key's lock. */
export async function commitLocked<Ref>(state: StoreState<Ref>, entry: ObjectEntry<Ref>): Promise<ObjectRecord> {
  const b = requireBucket(state, entry.record.bucket);
  await state.persistence?.saveObject(entry);
  const old = b.objects.get(entry.record.key);
  b.objects.set(entry.record.key, entry);
  b.keys.add(entry.record.key);
  if (old && old.ref !== entry.ref) await state.blobs.remove(old.ref);
  return cloneRecord(entry.record);
}

export function lockKey(bucket: string, key: string): string {
  return `${bucket}\u0000${key}`;
}

/** Deep enough copy that callers cannot change what the store holds. */
export function cloneRecord(r: ObjectRecord): ObjectRecord {
  return { ...r, lastModified: new Date(r.lastModified), headers: { ...r.headers }, meta: { ...r.meta }, extra: structuredClone(r.extra) };
}

export function cloneBucket(b: BucketRecord): BucketRecord {
  return structuredClone(b);
}

/** A promise chain per key: `run` waits for earlier work on the same key. */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
