import { compareKeys } from '../common/keys.ts';
import {
  cloneMarker,
  cloneRecord,
  freeDropped,
  isMarker,
  lockKey,
  newVersionId,
  requireBucket,
  setStack,
  stackOf,
  versionIdOf,
  type BucketState,
  type ObjectEntry,
  type StoreState,
  type VersionEntry,
} from './state.ts';
import type { DeleteMarkerRecord, ObjectRef, RemoveResult, VersionListOptions, VersionPage, VersionRecord } from './types.ts';
import { StoreNotFoundError } from './types.ts';
import { pageVersions, versionsStart, type KeyVersions } from './version-page.ts';

/** The public, copied form of a version entry. */
function toRecord<Ref>(v: VersionEntry<Ref>, isLatest: boolean): VersionRecord {
  return isMarker(v) ? { deleteMarker: true, marker: cloneMarker(v.marker), isLatest } : { deleteMarker: false, object: cloneRecord(v.record), isLatest };
}

export async function getVersion<Ref>(state: StoreState<Ref>, bucket: string, key: string, versionId?: string): Promise<VersionRecord | undefined> {
  const b = state.buckets.get(bucket);
  if (!b) return undefined;
  const stack = stackOf(b, key);
  const at = versionId === undefined ? 0 : stack.findIndex((v) => versionIdOf(v) === versionId);
  const v = stack[at];
  return v && toRecord(v, at === 0);
}

/** The object entry `src` names: the current object, or the version `src.versionId` (not a delete marker). */
export function requireSource<Ref>(state: StoreState<Ref>, src: ObjectRef): ObjectEntry<Ref> {
  const b = requireBucket(state, src.bucket);
  const v = src.versionId === undefined ? b.objects.get(src.key) : stackOf(b, src.key).find((e) => versionIdOf(e) === src.versionId);
  if (!v || isMarker(v)) throw new StoreNotFoundError('object', `${src.bucket}/${src.key}${src.versionId === undefined ? '' : `?versionId=${src.versionId}`}`);
  return v;
}

/**
 * `removeObject` under the key's lock (see the contract in types.ts).
 * `onCurrentGone` runs when the key's current object changed, so the engine
 * can forget its running append hash.
 */
export async function removeObject<Ref>(
  state: StoreState<Ref>,
  bucket: string,
  key: string,
  versionId: string | undefined,
  onCurrentGone: () => void,
): Promise<RemoveResult> {
  return state.locks.run(lockKey(bucket, key), async () => {
    const b = state.buckets.get(bucket);
    if (!b) return { removed: false, deleteMarker: false };
    const stack = stackOf(b, key);
    const hadCurrent = b.objects.has(key);
    if (versionId !== undefined) {
      const at = stack.findIndex((v) => versionIdOf(v) === versionId);
      const gone = stack[at];
      if (!gone) return { removed: false, deleteMarker: false };
      const kept = stack.filter((_, i) => i !== at);
      await setStack(state, b, key, kept);
      await freeDropped(state, [gone], kept);
      if (at === 0) onCurrentGone();
      return { removed: true, versionId, deleteMarker: isMarker(gone) };
    }
    const versioning = b.record.versioning;
    if (versioning === undefined) {
      const current = b.objects.get(key);
      if (!current) return { removed: false, deleteMarker: false };
      const kept = stack.slice(1);
      await setStack(state, b, key, kept);
      await freeDropped(state, [current], kept);
      onCurrentGone();
      return { removed: true, deleteMarker: false };
    }
    return addDeleteMarker(state, b, key, stack, hadCurrent, onCurrentGone);
  });
}

/** Versioned delete: a marker on top; while Suspended it takes the 'null' id and replaces the null version. */
async function addDeleteMarker<Ref>(
  state: StoreState<Ref>,
  b: BucketState<Ref>,
  key: string,
  stack: Array<VersionEntry<Ref>>,
  hadCurrent: boolean,
  onCurrentGone: () => void,
): Promise<RemoveResult> {
  const enabled = b.record.versioning === 'Enabled';
  const marker: DeleteMarkerRecord = { bucket: b.record.name, key, versionId: enabled ? newVersionId(state.now()) : 'null', lastModified: state.now() };
  const kept = enabled ? stack : stack.filter((v) => versionIdOf(v) !== 'null');
  const dropped = enabled ? [] : stack.filter((v) => versionIdOf(v) === 'null');
  const next: Array<VersionEntry<Ref>> = [{ marker }, ...kept];
  await setStack(state, b, key, next);
  await freeDropped(state, dropped, next);
  if (hadCurrent) onCurrentGone();
  return { removed: hadCurrent, versionId: marker.versionId, deleteMarker: true };
}

/** Keys (with every version, copied) from where the options say, in key order. */
async function* keyVersions<Ref>(b: BucketState<Ref>, options: VersionListOptions): AsyncGenerator<KeyVersions> {
  const { prefix, after, from } = versionsStart(options);
  // Resume by key, not by position, so writes during a listing cannot skip or repeat keys.
  let key: string | undefined;
  if (from !== undefined && compareKeys(from, prefix) >= 0) key = b.keys.atLeast(from);
  else if (after !== undefined && compareKeys(after, prefix) >= 0) key = b.keys.after(after);
  else key = b.keys.atLeast(prefix);
  while (key?.startsWith(prefix)) {
    const stack = stackOf(b, key);
    if (stack.length > 0) yield { key, versions: stack.map((v, i) => toRecord(v, i === 0)) };
    key = b.keys.after(key);
  }
}

export async function listVersions<Ref>(state: StoreState<Ref>, bucket: string, options: VersionListOptions): Promise<VersionPage> {
  return pageVersions(keyVersions(requireBucket(state, bucket), options), options);
}
