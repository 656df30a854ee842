import type { Blobs } from './blobs.ts';
import { SortedKeys } from './sorted-keys.ts';
import type { BucketRecord, DeleteMarkerRecord, ObjectRecord, PartRecord, UploadRecord } from './types.ts';
import { StoreNotFoundError } from './types.ts';

export interface ObjectEntry<Ref> {
  record: ObjectRecord;
  ref: Ref;
}

export interface MarkerEntry {
  marker: DeleteMarkerRecord;
}

/** One version of a key: an object with bytes, or a delete marker. */
export type VersionEntry<Ref> = ObjectEntry<Ref> | MarkerEntry;

export function isMarker<Ref>(v: VersionEntry<Ref>): v is MarkerEntry {
  return 'marker' in v;
}

/** A version's id; a record without one is the 'null' version. */
export function versionIdOf<Ref>(v: VersionEntry<Ref>): string {
  return isMarker(v) ? v.marker.versionId : (v.record.versionId ?? 'null');
}

export interface BucketState<Ref> {
  record: BucketRecord;
  /** The current object of each key (absent when the latest version is a delete marker). */
  objects: Map<string, ObjectEntry<Ref>>;
  /** Every key with at least one version (current object, older version or delete marker). */
  keys: SortedKeys;
  /**
   * Keys holding more than one current object: every version, newest first
   * (the current object, when there is one, is the first and the same entry
   * as in `objects`). A key with just its current object is not here, so a
   * never-versioned bucket has an empty map.
   */
  history: Map<string, Array<VersionEntry<Ref>>>;
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
  /** Every version of a key, newest first; an empty list removes the key. */
  saveKey(bucket: string, key: string, versions: ReadonlyArray<VersionEntry<Ref>>): Promise<void>;
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
  return { record, objects: new Map(), keys: new SortedKeys(), history: new Map() };
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

/** Every version of a key, newest first (a copy of the list; entries are shared). */
export function stackOf<Ref>(b: BucketState<Ref>, key: string): Array<VersionEntry<Ref>> {
  const h = b.history.get(key);
  if (h) return [...h];
  const e = b.objects.get(key);
  return e ? [e] : [];
}

/** Persists a key's new version list, then swaps it into the index. */
export async function setStack<Ref>(state: StoreState<Ref>, b: BucketState<Ref>, key: string, stack: Array<VersionEntry<Ref>>): Promise<void> {
  await state.persistence?.saveKey(b.record.name, key, stack);
  const top = stack[0];
  if (!top) {
    b.objects.delete(key);
    b.history.delete(key);
    b.keys.delete(key);
    return;
  }
  if (isMarker(top)) b.objects.delete(key);
  else b.objects.set(key, top);
  if (stack.length === 1 && !isMarker(top)) b.history.delete(key);
  else b.history.set(key, stack);
  b.keys.add(key);
}

/** Frees the blobs of dropped versions, except those a remaining version shares (a copy onto the same key). */
export async function freeDropped<Ref>(state: StoreState<Ref>, dropped: Array<VersionEntry<Ref>>, kept: Array<VersionEntry<Ref>>): Promise<void> {
  const live = new Set(kept.filter((v) => !isMarker(v)).map((v) => (v as ObjectEntry<Ref>).ref));
  for (const v of dropped) if (!isMarker(v) && !live.has(v.ref)) await state.blobs.remove(v.ref);
}

/**
 * Makes a newly written object visible: persists it, puts it on top of its
 * key, then frees what it replaced. Runs under the key's lock.
 */
export async function commitObject<Ref>(state: StoreState<Ref>, entry: ObjectEntry<Ref>): Promise<ObjectRecord> {
  const { bucket, key } = entry.record;
  return state.locks.run(lockKey(bucket, key), () => commitLocked(state, entry));
}

/**
 * `commitObject` for callers already holding the key's lock. The bucket's
 * versioning decides what the write replaces: Enabled keeps every older
 * version under a fresh id; Suspended and never-versioned replace the key's
 * 'null' version (never-versioned records carry no id at all).
 */
export async function commitLocked<Ref>(state: StoreState<Ref>, entry: ObjectEntry<Ref>): Promise<ObjectRecord> {
  const b = requireBucket(state, entry.record.bucket);
  const key = entry.record.key;
  const old = stackOf(b, key);
  const versioning = b.record.versioning;
  if (versioning === 'Enabled') entry.record.versionId = newVersionId(state.now());
  else if (versioning === 'Suspended') entry.record.versionId = 'null';
  else delete entry.record.versionId;
  const kept = versioning === 'Enabled' ? old : old.filter((v) => versionIdOf(v) !== 'null');
  const dropped = versioning === 'Enabled' ? [] : old.filter((v) => versionIdOf(v) === 'null');
  const stack = [entry, ...kept];
  await setStack(state, b, key, stack);
  await freeDropped(state, dropped, stack);
  return cloneRecord(entry.record);
}

/**
 * Replaces one object version in place (metadata updates, appends), keeping
 * its version id and its place in the history. Under the key's lock.
 */
export async function replaceLocked<Ref>(state: StoreState<Ref>, entry: ObjectEntry<Ref>, versionId?: string): Promise<ObjectRecord> {
  const b = requireBucket(state, entry.record.bucket);
  const key = entry.record.key;
  const stack = stackOf(b, key);
  const at = versionId === undefined ? (b.objects.has(key) ? 0 : -1) : stack.findIndex((v) => !isMarker(v) && versionIdOf(v) === versionId);
  const old = stack[at];
  if (!old || isMarker(old)) throw new StoreNotFoundError('object', `${b.record.name}/${key}${versionId === undefined ? '' : `?versionId=${versionId}`}`);
  if (old.record.versionId === undefined) delete entry.record.versionId;
  else entry.record.versionId = old.record.versionId;
  stack[at] = entry;
  await setStack(state, b, key, stack);
  await freeDropped(state, [old], stack);
  return cloneRecord(entry.record);
}

let lastVersionSeed = 0n;
const MAX_U64 = 2n ** 64n - 1n;

/**
 * A COS-shaped version id: base64 of a 20-digit decimal that shrinks as time
 * goes on (as COS's do, e.g. `MTg0NDUxODMzMTMwMDM2Njc1ODA`). Unique within
 * the process even when the emulator clock stands still or moves back.
 */
export function newVersionId(now: Date): string {
  let seed = BigInt(now.getTime()) * 1000n;
  if (seed <= lastVersionSeed) seed = lastVersionSeed + 1n;
  lastVersionSeed = seed;
  return Buffer.from((MAX_U64 - seed).toString().padStart(20, '0'))
    .toString('base64')
    .replace(/=+$/, '');
}

export function lockKey(bucket: string, key: string): string {
  return `${bucket}\u0000${key}`;
}

/** Deep enough copy that callers cannot change what the store holds. */
export function cloneRecord(r: ObjectRecord): ObjectRecord {
  return { ...r, lastModified: new Date(r.lastModified), headers: { ...r.headers }, meta: { ...r.meta }, extra: structuredClone(r.extra) };
}

export function cloneMarker(m: DeleteMarkerRecord): DeleteMarkerRecord {
  return { ...m, lastModified: new Date(m.lastModified) };
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
