import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { md5Hex } from '@yunstore/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscardStore } from '../src/store/discard.ts';
import { createFolderStore } from '../src/store/folder.ts';
import { createMemoryStore } from '../src/store/memory.ts';
import { pageVersions } from '../src/store/version-page.ts';
import { StoreNotFoundError, type BucketRecord, type ObjectStore, type VersionPage, type VersionRecord } from '../src/store/types.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'yunstore-versions-'));
  dirs.push(d);
  return d;
}

const bucket = (name: string, versioning?: 'Enabled' | 'Suspended'): BucketRecord => ({
  name,
  createdAt: new Date('2024-01-01T00:00:00Z'),
  location: 'ap-test',
  owner: 'owner-1',
  acl: 'private',
  grants: [],
  config: {},
  ...(versioning ? { versioning } : {}),
});
async function text(s: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}
const put = (store: ObjectStore, b: string, key: string, body: string) => store.putObject(b, key, Buffer.from(body), {});
/** `key@id` (or `key@id!` for a delete marker), latest marked with `*`. */
const shape = (v: VersionRecord): string =>
  v.deleteMarker ? `${v.marker.key}@${v.marker.versionId}!${v.isLatest ? '*' : ''}` : `${v.object.key}@${v.object.versionId ?? 'null'}${v.isLatest ? '*' : ''}`;
const shapes = (page: VersionPage) => page.entries.map(shape);
const idOf = (v: VersionRecord | undefined) => (v === undefined ? undefined : v.deleteMarker ? v.marker.versionId : v.object.versionId);

interface Target {
  name: string;
  dir?: string;
  open(dir?: string): Promise<ObjectStore>;
  keepsBytes: boolean;
}
const targets: Target[] = [
  { name: 'memory', open: async () => createMemoryStore(), keepsBytes: true },
  { name: 'folder', open: async (dir) => createFolderStore({ dir: dir ?? (await tempDir()) }), keepsBytes: true },
  { name: 'discard', open: async () => createDiscardStore(), keepsBytes: false },
];

describe.each(targets)('ObjectStore versions: $name', ({ name, open, keepsBytes }) => {
  let store: ObjectStore;
  let dir: string | undefined;
  const readable = (s: string) => (keepsBytes ? s : '\0'.repeat(Buffer.byteLength(s)));

  beforeEach(async () => {
    dir = name === 'folder' ? await tempDir() : undefined;
    store = await open(dir);
    await store.createBucket(bucket('plain'));
    await store.createBucket(bucket('ver', 'Enabled'));
  });

  it('a never-versioned bucket keeps one id-less version per key, as before', async () => {
    await put(store, 'plain', 'k', 'one');
    const two = await put(store, 'plain', 'k', 'two');
    expect(two.versionId).toBeUndefined();
    const latest = await store.getVersion('plain', 'k');
    expect(latest).toMatchObject({ deleteMarker: false, isLatest: true, object: { key: 'k', size: 3 } });
    expect(await store.getVersion('plain', 'k', 'null')).toMatchObject({ deleteMarker: false, isLatest: true });
    expect(shapes(await store.listVersions('plain', { maxKeys: 10 }))).toEqual(['k@null*']);
    expect(await text(await store.readVersion('plain', 'k', 'null'))).toBe(readable('two'));
    expect(await store.removeObject('plain', 'k')).toEqual({ removed: true, deleteMarker: false });
    expect(await store.getVersion('plain', 'k')).toBeUndefined();
    expect(await store.isBucketEmpty('plain')).toBe(true);
    expect(await store.removeObject('plain', 'k')).toEqual({ removed: false, deleteMarker: false });
  });

  it('keeps every version while Enabled: newest first, each readable, the latest current', async () => {
    const v1 = await put(store, 'ver', 'k', 'one');
    const v2 = await put(store, 'ver', 'k', 'two!');
    const v3 = await put(store, 'ver', 'k', 'three');
    const ids = [v3.versionId, v2.versionId, v1.versionId];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{27}$/);
    expect(shapes(await store.listVersions('ver', { maxKeys: 10 }))).toEqual([`k@${ids[0]}*`, `k@${ids[1]}`, `k@${ids[2]}`]);
    expect((await store.headObject('ver', 'k'))?.versionId).toBe(v3.versionId);
    expect(await text(await store.readObject('ver', 'k'))).toBe(readable('three'));
    expect(await text(await store.readVersion('ver', 'k', v1.versionId!))).toBe(readable('one'));
    expect(await text(await store.readVersion('ver', 'k', v2.versionId!, { start: 1, end: 2 }))).toBe(readable('wo'));
    const old = await store.getVersion('ver', 'k', v1.versionId);
    expect(old).toMatchObject({ deleteMarker: false, isLatest: false, object: { size: 3, md5: md5Hex('one') } });
    await expect(store.readVersion('ver', 'k', 'nope')).rejects.toBeInstanceOf(StoreNotFoundError);
    expect([...(await collect(store.listObjects('ver')))].map((o) => o.versionId)).toEqual([v3.versionId]);
  });

  it('a delete stacks a marker; removing the marker brings the object back', async () => {
    const v1 = await put(store, 'ver', 'k', 'one');
    const del = await store.removeObject('ver', 'k');
    expect(del).toMatchObject({ removed: true, deleteMarker: true });
    expect(del.versionId).not.toBe(v1.versionId);
    expect(await store.headObject('ver', 'k')).toBeUndefined();
    await expect(store.readObject('ver', 'k')).rejects.toBeInstanceOf(StoreNotFoundError);
    expect(await collect(store.listObjects('ver'))).toEqual([]);
    const latest = await store.getVersion('ver', 'k');
    expect(latest).toMatchObject({ deleteMarker: true, isLatest: true, marker: { key: 'k', versionId: del.versionId } });
    await expect(store.readVersion('ver', 'k', del.versionId!)).rejects.toBeInstanceOf(StoreNotFoundError);
    expect(await text(await store.readVersion('ver', 'k', v1.versionId!))).toBe(readable('one'));
    expect(await store.isBucketEmpty('ver')).toBe(false);
    expect(await store.deleteObject('ver', 'k')).toBe(false); // a second marker; nothing current was there
    expect(shapes(await store.listVersions('ver', { maxKeys: 10 }))).toHaveLength(3);

    const markers = (await store.listVersions('ver', { maxKeys: 10 })).entries.filter((v) => v.deleteMarker).map(idOf);
    for (const id of markers) expect(await store.removeObject('ver', 'k', id)).toEqual({ removed: true, versionId: id, deleteMarker: true });
    expect((await store.headObject('ver', 'k'))?.versionId).toBe(v1.versionId);
    expect(await text(await store.readObject('ver', 'k'))).toBe(readable('one'));
  });

  it('removing a version by id is permanent and frees only its bytes', async () => {
    const v1 = await put(store, 'ver', 'k', 'one');
    const v2 = await put(store, 'ver', 'k', 'two');
    expect(await store.removeObject('ver', 'k', v1.versionId)).toEqual({ removed: true, versionId: v1.versionId, deleteMarker: false });
    expect(await store.getVersion('ver', 'k', v1.versionId)).toBeUndefined();
    expect(await store.removeObject('ver', 'k', v1.versionId)).toEqual({ removed: false, deleteMarker: false });
    if (dir) expect(await blobCount(dir)).toBe(1);
    // Removing the current version makes the next one current.
    const v3 = await put(store, 'ver', 'k', 'three');
    await store.removeObject('ver', 'k', v3.versionId);
    expect((await store.headObject('ver', 'k'))?.versionId).toBe(v2.versionId);
    await store.removeObject('ver', 'k', v2.versionId);
    expect(await store.getVersion('ver', 'k')).toBeUndefined();
    expect(await store.isBucketEmpty('ver')).toBe(true);
    if (dir) expect(await blobCount(dir)).toBe(0);
  });

  it('Suspended writes and deletes replace the single null version and keep the others', async () => {
    const v1 = await put(store, 'ver', 'k', 'one');
    await store.updateBucket('ver', { versioning: 'Suspended' });
    const n1 = await put(store, 'ver', 'k', 'null-1');
    expect(n1.versionId).toBe('null');
    await put(store, 'ver', 'k', 'null-2');
    expect(shapes(await store.listVersions('ver', { maxKeys: 10 }))).toEqual(['k@null*', `k@${v1.versionId}`]);
    expect(await text(await store.readVersion('ver', 'k', 'null'))).toBe(readable('null-2'));
    expect(await store.removeObject('ver', 'k')).toEqual({ removed: true, versionId: 'null', deleteMarker: true });
    expect(shapes(await store.listVersions('ver', { maxKeys: 10 }))).toEqual(['k@null!*', `k@${v1.versionId}`]);
    if (dir) expect(await blobCount(dir)).toBe(1);
    // Objects from before versioning are the null version too, and a later Enabled write keeps them.
    await put(store, 'plain', 'p', 'before');
    await store.updateBucket('plain', { versioning: 'Enabled' });
    const after = await put(store, 'plain', 'p', 'after');
    expect(shapes(await store.listVersions('plain', { maxKeys: 10 }))).toEqual([`p@${after.versionId}*`, 'p@null']);
    expect(await text(await store.readVersion('plain', 'p', 'null'))).toBe(readable('before'));
  });

  it('copies and part-copies a chosen version; a copy onto its own key survives removing the source', async () => {
    const v1 = await put(store, 'ver', 'k', 'one');
    await put(store, 'ver', 'k', 'two');
    const restored = await store.copyObject({ bucket: 'ver', key: 'k', versionId: v1.versionId! }, { bucket: 'ver', key: 'k' });
    expect(restored.versionId).not.toBe(v1.versionId);
    expect(restored.md5).toBe(md5Hex('one'));
    await store.removeObject('ver', 'k', v1.versionId);
    expect(await text(await store.readObject('ver', 'k'))).toBe(readable('one'));
    const elsewhere = await store.copyObject({ bucket: 'ver', key: 'k', versionId: restored.versionId! }, { bucket: 'plain', key: 'c' });
    expect(elsewhere.versionId).toBeUndefined();
    const upload = await store.createUpload('plain', 'mp', 'owner-1', {});
    const part = await store.copyPart(upload.uploadId, 1, { bucket: 'ver', key: 'k', versionId: restored.versionId! }, { start: 0, end: 1 });
    expect(part.md5).toBe(md5Hex(keepsBytes ? 'on' : '\0\0'));
    await expect(store.copyObject({ bucket: 'ver', key: 'k', versionId: 'gone' }, { bucket: 'plain', key: 'x' })).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('updates one version in place; multipart and appends follow the versioning rules', async () => {
    const v1 = await put(store, 'ver', 'k', 'one');
    const v2 = await put(store, 'ver', 'k', 'two');
    const updated = await store.updateObject('ver', 'k', { meta: { tag: 'old' } }, v1.versionId);
    expect(updated).toMatchObject({ versionId: v1.versionId, meta: { tag: 'old' } });
    expect((await store.headObject('ver', 'k'))?.meta).toEqual({});
    expect((await store.updateObject('ver', 'k', { meta: { tag: 'new' } })).versionId).toBe(v2.versionId);
    expect(shapes(await store.listVersions('ver', { maxKeys: 10 }))).toHaveLength(2);

    const upload = await store.createUpload('ver', 'k', 'owner-1', {});
    await store.putPart(upload.uploadId, 1, Buffer.from('mp'));
    const mp = await store.completeUpload(upload.uploadId, [1]);
    expect(shapes(await store.listVersions('ver', { maxKeys: 10 }))[0]).toBe(`k@${mp.versionId}*`);

    const a1 = await store.appendObject('ver', 'log', Buffer.from('ab'), {});
    const a2 = await store.appendObject('ver', 'log', Buffer.from('cd'), {});
    expect(a2.versionId).toBe(a1.versionId);
    expect(shapes(await store.listVersions('ver', { prefix: 'log', maxKeys: 10 }))).toEqual([`log@${a1.versionId}*`]);
  });

  it('pages by key then version, with prefix, delimiter and both markers', async () => {
    const a = [await put(store, 'ver', 'a', '1'), await put(store, 'ver', 'a', '2'), await put(store, 'ver', 'a', '3')].reverse();
    const b = await put(store, 'ver', 'b', 'x');
    await put(store, 'ver', 'd/1', 'x');
    await put(store, 'ver', 'd/2', 'x');
    const e = await store.removeObject('ver', 'e');

    const p1 = await store.listVersions('ver', { maxKeys: 2 });
    expect(shapes(p1)).toEqual([`a@${a[0]!.versionId}*`, `a@${a[1]!.versionId}`]);
    expect(p1).toMatchObject({ isTruncated: true, nextKeyMarker: 'a', nextVersionIdMarker: a[1]!.versionId });
    const p2 = await store.listVersions('ver', { maxKeys: 2, keyMarker: p1.nextKeyMarker!, versionIdMarker: p1.nextVersionIdMarker! });
    expect(shapes(p2)).toEqual([`a@${a[2]!.versionId}`, `b@${b.versionId}*`]);
    const p3 = await store.listVersions('ver', { maxKeys: 2, delimiter: '/', keyMarker: p2.nextKeyMarker!, versionIdMarker: p2.nextVersionIdMarker! });
    expect(p3.commonPrefixes).toEqual(['d/']);
    expect(shapes(p3)).toEqual([`e@${e.versionId}!*`]);
    expect(p3.isTruncated).toBe(false);

    // A key marker alone skips every version of that key.
    expect(shapes(await store.listVersions('ver', { maxKeys: 10, keyMarker: 'a', prefix: 'b' }))).toEqual([`b@${b.versionId}*`]);
    expect(shapes(await store.listVersions('ver', { maxKeys: 10, keyMarker: 'a' }))[0]).toBe(`b@${b.versionId}*`);
    // A page that ends on a common prefix resumes after it.
    const cp = await store.listVersions('ver', { maxKeys: 1, delimiter: '/', prefix: 'd' });
    expect(cp).toMatchObject({ commonPrefixes: ['d/'], isTruncated: false });
    const cp2 = await store.listVersions('ver', { maxKeys: 4, delimiter: '/', keyMarker: 'b' });
    expect(cp2).toMatchObject({ commonPrefixes: ['d/'], isTruncated: false });
    expect(await store.listVersions('ver', { maxKeys: 0 })).toEqual({ entries: [], commonPrefixes: [], isTruncated: false });
    await expect(store.listVersions('none', { maxKeys: 1 })).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('deleting the bucket frees every version', async () => {
    await put(store, 'ver', 'k', 'one');
    await put(store, 'ver', 'k', 'two');
    await store.removeObject('ver', 'k');
    await store.deleteBucket('ver');
    expect(await store.getBucket('ver')).toBeUndefined();
    if (dir) expect(await blobCount(dir)).toBe(0);
  });
});

describe('folder store versions', () => {
  it('survive a reopen: versions, delete markers and their bytes', async () => {
    const dir = await tempDir();
    const first = await createFolderStore({ dir });
    await first.createBucket(bucket('ver', 'Enabled'));
    const v1 = await put(first, 'ver', 'k', 'one');
    await put(first, 'ver', 'k', 'two');
    const marker = await first.removeObject('ver', 'k');
    await put(first, 'ver', 'solo', 'alone');
    await first.close();

    const again = await createFolderStore({ dir });
    expect(await blobCount(dir)).toBe(3);
    const page = await again.listVersions('ver', { maxKeys: 10 });
    expect(page.entries.map((v) => [v.deleteMarker, v.isLatest])).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [false, true],
    ]);
    expect(page.entries[0]?.deleteMarker && page.entries[0].marker.lastModified).toBeInstanceOf(Date);
    expect(idOf(page.entries[0])).toBe(marker.versionId);
    expect(await again.headObject('ver', 'k')).toBeUndefined();
    expect(await text(await again.readVersion('ver', 'k', v1.versionId!))).toBe('one');
    await again.removeObject('ver', 'k', marker.versionId);
    expect(await text(await again.readObject('ver', 'k'))).toBe('two');
  });
});

describe('pageVersions', () => {
  const obj = (key: string, versionId: string, isLatest: boolean): VersionRecord => ({
    deleteMarker: false,
    isLatest,
    object: {
      bucket: 'b',
      key,
      versionId,
      size: 0,
      md5: '',
      etag: '',
      crc64: '0',
      lastModified: new Date(0),
      contentType: '',
      headers: {},
      meta: {},
      storageClass: 'STANDARD',
      extra: {},
    },
  });
  const keys = [
    { key: 'a', versions: [obj('a', 'v2', true), obj('a', 'v1', false)] },
    { key: 'b', versions: [obj('b', 'v9', true)] },
  ];

  it('resumes at the next key when the version id marker is unknown', async () => {
    const page = await pageVersions(keys, { keyMarker: 'a', versionIdMarker: 'zz', maxKeys: 5 });
    expect(shapes(page)).toEqual(['b@v9*']);
  });

  it('is not truncated when the page is exactly full', async () => {
    const page = await pageVersions(keys, { maxKeys: 3 });
    expect(page.isTruncated).toBe(false);
    expect(shapes(page)).toEqual(['a@v2*', 'a@v1', 'b@v9*']);
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function blobCount(dir: string): Promise<number> {
  return (await readdir(join(dir, 'blobs'), { recursive: true })).filter((f) => String(f).endsWith('.bin')).length;
}
