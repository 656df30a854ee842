import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createStoreEngine } from './engine.ts';
import { folderBlobs, type FolderRef } from './folder-blobs.ts';
import {
  isMarker,
  newBucketState,
  type BucketState,
  type ObjectEntry,
  type PartEntry,
  type Persistence,
  type UploadState,
  type VersionEntry,
} from './state.ts';
import type { BucketRecord, DeleteMarkerRecord, ObjectRecord, ObjectStore, PartRecord, UploadRecord } from './types.ts';

export interface FolderStoreOptions {
  /** The directory holding everything; created when missing. Reopening it restores buckets, objects and uploads. */
  dir: string;
  /** The clock for lastModified / initiated. Default: real time. */
  now?: () => Date;
}

/**
 * A store in a directory, streaming bodies to and from disk:
 *
 * ```
 * <dir>/buckets/<bucket>/bucket.json
 * <dir>/buckets/<bucket>/objects/<sha256 of key>.json   record + blob name, or
 *                                                      { key, versions: [...] } newest first
 *                                                      (versioned keys: objects and delete markers)
 * <dir>/uploads/<uploadId>/upload.json, part-<n>.json
 * <dir>/blobs/<xx>/<random>.bin                          bytes
 * <dir>/tmp/                                             bodies being written
 * ```
 *
 * File names come from hashes and random ids, never from keys, so no key
 * (`../x`, absolute paths, 1 KiB of UTF-8) can reach outside the folder or hit a
 * file name limit. Metadata files are replaced by rename, so each is either
 * old or new. On open, temp files and blobs no record refers to (left by a
 * crash) are removed.
 */
export async function createFolderStore(options: FolderStoreOptions): Promise<ObjectStore> {
  const dir = resolve(options.dir);
  for (const sub of ['buckets', 'uploads', 'blobs']) await mkdir(join(dir, sub), { recursive: true });
  await rm(join(dir, 'tmp'), { recursive: true, force: true });
  await mkdir(join(dir, 'tmp'));

  const blobs = folderBlobs(dir);
  const { buckets, uploads } = await load(dir);
  await collectGarbage(dir, buckets, uploads);
  return createStoreEngine(blobs, {
    persistence: folderPersistence(dir),
    buckets,
    uploads,
    ...(options.now ? { now: options.now } : {}),
  });
}

/** A bucket's directory name: the name itself when harmless, else `~` + hex (`~` never appears in a harmless name). */
export function bucketDirName(name: string): string {
  return /^[a-z0-9][a-z0-9._-]{0,199}$/i.test(name) && !name.includes('..') ? name : `~${Buffer.from(name).toString('hex')}`;
}

export function objectFileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}.json`;
}

function folderPersistence(dir: string): Persistence<FolderRef> {
  const bucketDir = (name: string) => join(dir, 'buckets', bucketDirName(name));
  const uploadDir = (id: string) => join(dir, 'uploads', safeId(id));
  return {
    async saveBucket(b) {
      await mkdir(join(bucketDir(b.name), 'objects'), { recursive: true });
      await writeJson(dir, join(bucketDir(b.name), 'bucket.json'), b);
    },
    async removeBucket(name) {
      await rm(bucketDir(name), { recursive: true, force: true });
    },
    async saveKey(bucket, key, versions) {
      const path = join(bucketDir(bucket), 'objects', objectFileName(key));
      const only = versions[0];
      if (!only) await rm(path, { force: true });
      // A key with just its current object keeps the plain one-record file (as before versioning existed).
      else if (versions.length === 1 && !isMarker(only)) await writeJson(dir, path, only);
      else await writeJson(dir, path, { key, versions } satisfies KeyFile);
    },
    async saveUpload(upload) {
      await mkdir(uploadDir(upload.uploadId), { recursive: true });
      await writeJson(dir, join(uploadDir(upload.uploadId), 'upload.json'), upload);
    },
    async savePart(uploadId, part) {
      await writeJson(dir, join(uploadDir(uploadId), `part-${part.part.partNumber}.json`), part);
    },
    async removeUpload(uploadId) {
      await rm(uploadDir(uploadId), { recursive: true, force: true });
    },
  };
}

/** Upload ids are ours (hex), but a directory name must never be trusted blindly. */
function safeId(id: string): string {
  if (!/^[0-9a-zA-Z_-]{1,128}$/.test(id)) throw new Error(`unsafe upload id: ${id}`);
  return id;
}

async function writeJson(dir: string, path: string, value: unknown): Promise<void> {
  const tmp = join(dir, 'tmp', `${randomBytes(12).toString('hex')}.json`);
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, path);
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function list(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

// JSON turns Dates into strings; these put them back.
const bucketFromJson = (b: BucketRecord): BucketRecord => ({ ...b, createdAt: new Date(b.createdAt) });
const objectFromJson = (r: ObjectRecord): ObjectRecord => ({ ...r, lastModified: new Date(r.lastModified) });
const markerFromJson = (m: DeleteMarkerRecord): DeleteMarkerRecord => ({ ...m, lastModified: new Date(m.lastModified) });
const versionFromJson = (v: VersionEntry<FolderRef>): VersionEntry<FolderRef> =>
  isMarker(v) ? { marker: markerFromJson(v.marker) } : { record: objectFromJson(v.record), ref: v.ref };

/** The file of a key with history. */
interface KeyFile {
  key: string;
  versions: ReadonlyArray<VersionEntry<FolderRef>>;
}
const uploadFromJson = (u: UploadRecord): UploadRecord => ({ ...u, initiated: new Date(u.initiated) });
const partFromJson = (p: PartRecord): PartRecord => ({ ...p, lastModified: new Date(p.lastModified) });

async function load(dir: string): Promise<{ buckets: Map<string, BucketState<FolderRef>>; uploads: Map<string, UploadState<FolderRef>> }> {
  const buckets = new Map<string, BucketState<FolderRef>>();
  for (const name of await list(join(dir, 'buckets'))) {
    const raw = await readJson<BucketRecord>(join(dir, 'buckets', name, 'bucket.json'));
    if (!raw) continue;
    const state = newBucketState<FolderRef>(bucketFromJson(raw));
    const objectsDir = join(dir, 'buckets', name, 'objects');
    for (const file of await list(objectsDir)) {
      const saved = await readJson<ObjectEntry<FolderRef> | KeyFile>(join(objectsDir, file));
      if (!saved) continue;
      if ('versions' in saved) {
        const versions = saved.versions.map(versionFromJson);
        const top = versions[0];
        if (!top) continue;
        if (!isMarker(top)) state.objects.set(saved.key, top);
        state.history.set(saved.key, versions);
        state.keys.add(saved.key);
      } else {
        state.objects.set(saved.record.key, { record: objectFromJson(saved.record), ref: saved.ref });
        state.keys.add(saved.record.key);
      }
    }
    buckets.set(state.record.name, state);
  }
  const uploads = new Map<string, UploadState<FolderRef>>();
  for (const id of await list(join(dir, 'uploads'))) {
    const raw = await readJson<UploadRecord>(join(dir, 'uploads', id, 'upload.json'));
    if (!raw || !buckets.has(raw.bucket)) continue;
    const upload: UploadState<FolderRef> = { record: uploadFromJson(raw), parts: new Map() };
    for (const file of await list(join(dir, 'uploads', id))) {
      if (!file.startsWith('part-')) continue;
      const part = await readJson<PartEntry<FolderRef>>(join(dir, 'uploads', id, file));
      if (part) upload.parts.set(part.part.partNumber, { part: partFromJson(part.part), ref: part.ref });
    }
    uploads.set(upload.record.uploadId, upload);
  }
  return { buckets, uploads };
}

/** Deletes blob files no object or part refers to (a crash between writing bytes and metadata). */
async function collectGarbage(dir: string, buckets: Map<string, BucketState<FolderRef>>, uploads: Map<string, UploadState<FolderRef>>): Promise<void> {
  const live = new Set<string>();
  for (const b of buckets.values()) {
    for (const e of b.objects.values()) live.add(e.ref);
    for (const stack of b.history.values()) for (const v of stack) if (!isMarker(v)) live.add(v.ref);
  }
  for (const u of uploads.values()) for (const p of u.parts.values()) live.add(p.ref);
  for (const shard of await list(join(dir, 'blobs'))) {
    for (const file of await list(join(dir, 'blobs', shard))) {
      if (!live.has(`${shard}/${file}`)) await rm(join(dir, 'blobs', shard, file), { force: true });
    }
  }
}
