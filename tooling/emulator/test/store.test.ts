import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { crc64, md5Base64, md5Hex } from '@yunstore/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listPage } from '../src/common/listing.ts';
import { createDiscardStore } from '../src/store/discard.ts';
import { createFolderStore } from '../src/store/folder.ts';
import { createMemoryStore } from '../src/store/memory.ts';
import { BadDigestError, IncompleteBodyError, StoreConflictError, StoreNotFoundError, type BucketRecord, type ObjectStore } from '../src/store/types.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'yunstore-store-'));
  dirs.push(d);
  return d;
}

const bucket = (name: string): BucketRecord => ({
  name,
  createdAt: new Date('2024-01-01T00:00:00Z'),
  location: 'ap-test',
  owner: 'owner-1',
  acl: 'private',
  grants: [],
  config: {},
});
const chunked = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));
async function text(s: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}
async function bytes(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const crcOf = (s: string) => crc64(Buffer.from(s)).toString();

interface Target {
  name: string;
  open(): Promise<ObjectStore>;
  /** Whether bytes come back (discard returns zeros). */
  keepsBytes: boolean;
}
const targets: Target[] = [
  { name: 'memory', open: async () => createMemoryStore(), keepsBytes: true },
  { name: 'folder', open: async () => createFolderStore({ dir: await tempDir() }), keepsBytes: true },
  { name: 'discard', open: async () => createDiscardStore(), keepsBytes: false },
];

describe.each(targets)('ObjectStore contract: $name', ({ open, keepsBytes }) => {
  let store: ObjectStore;
  /** What a read returns for `s` in this store. */
  const readable = (s: string) => (keepsBytes ? s : '\0'.repeat(Buffer.byteLength(s)));

  beforeEach(async () => {
    store = await open();
    await store.createBucket(bucket('b1'));
  });

  it('creates, reads, updates, lists and deletes buckets', async () => {
    await expect(store.createBucket(bucket('b1'))).rejects.toBeInstanceOf(StoreConflictError);
    await store.createBucket(bucket('a0'));
    expect((await store.listBuckets()).map((b) => b.name)).toEqual(['a0', 'b1']);
    await store.updateBucket('a0', { acl: 'public-read', config: { cors: '<x/>' } });
    const a0 = await store.getBucket('a0');
    expect(a0).toMatchObject({ name: 'a0', acl: 'public-read', config: { cors: '<x/>' }, location: 'ap-test' });
    expect(a0?.createdAt).toBeInstanceOf(Date);
    a0!.acl = 'changed-by-caller';
    expect((await store.getBucket('a0'))?.acl).toBe('public-read');
    expect(await store.isBucketEmpty('a0')).toBe(true);
    await store.deleteBucket('a0');
    expect(await store.getBucket('a0')).toBeUndefined();
    await expect(store.putObject('nope', 'k', Buffer.from('x'), {})).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('puts from a Buffer and a stream, with md5, ETag and CRC-64', async () => {
    const rec = await store.putObject('b1', 'k1', Buffer.from('hello world'), {
      contentType: 'text/plain',
      meta: { a: '1' },
      headers: { 'cache-control': 'no-cache' },
    });
    expect(rec).toMatchObject({
      bucket: 'b1',
      key: 'k1',
      size: 11,
      md5: md5Hex('hello world'),
      etag: md5Hex('hello world'),
      crc64: crcOf('hello world'),
      contentType: 'text/plain',
      meta: { a: '1' },
      storageClass: 'STANDARD',
    });
    const rec2 = await store.putObject('b1', 'k2', chunked('hello', ' ', 'world'), {});
    expect(rec2).toMatchObject({ size: 11, md5: md5Hex('hello world'), crc64: crcOf('hello world'), contentType: 'application/octet-stream' });
    expect(await text(await store.readObject('b1', 'k2'))).toBe(readable('hello world'));
    expect(await store.headObject('b1', 'k1')).toMatchObject({ size: 11, headers: { 'cache-control': 'no-cache' } });
    expect(await store.headObject('b1', 'missing')).toBeUndefined();
    expect(await store.isBucketEmpty('b1')).toBe(false);
  });

  it('reads inclusive ranges and empty objects', async () => {
    await store.putObject('b1', 'r', chunked('0123', '4567', '89'), {});
    expect(await text(await store.readObject('b1', 'r', { start: 0, end: 0 }))).toBe(readable('0'));
    expect(await text(await store.readObject('b1', 'r', { start: 3, end: 8 }))).toBe(readable('345678'));
    expect(await text(await store.readObject('b1', 'r', { start: 9, end: 9 }))).toBe(readable('9'));
    const empty = await store.putObject('b1', 'empty', Buffer.alloc(0), {});
    expect(empty).toMatchObject({ size: 0, md5: md5Hex(''), crc64: '0' });
    expect((await bytes(await store.readObject('b1', 'empty'))).length).toBe(0);
    await expect(store.readObject('b1', 'missing')).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('refuses a wrong MD5 or length and keeps the previous object', async () => {
    await store.putObject('b1', 'k', Buffer.from('old'), {});
    await expect(store.putObject('b1', 'k', Buffer.from('new'), { expectedMd5: md5Hex('other') })).rejects.toBeInstanceOf(BadDigestError);
    await expect(store.putObject('b1', 'k', chunked('ne', 'w'), { expectedMd5: md5Base64('other') })).rejects.toBeInstanceOf(BadDigestError);
    await expect(store.putObject('b1', 'k', Buffer.from('new'), { expectedLength: 4 })).rejects.toBeInstanceOf(IncompleteBodyError);
    await expect(store.putObject('b1', 'k', chunked('ne', 'w!'), { expectedLength: 3 })).rejects.toBeInstanceOf(IncompleteBodyError);
    expect(await text(await store.readObject('b1', 'k'))).toBe(readable('old'));
    await expect(store.putObject('b1', 'fresh', Buffer.from('x'), { expectedMd5: md5Hex('y') })).rejects.toBeInstanceOf(BadDigestError);
    expect(await store.headObject('b1', 'fresh')).toBeUndefined();
    const ok = await store.putObject('b1', 'k', Buffer.from('new'), { expectedMd5: md5Base64('new'), expectedLength: 3 });
    expect(ok.md5).toBe(md5Hex('new'));
  });

  it('does not show an object before its body has fully arrived', async () => {
    await store.putObject('b1', 'slow', Buffer.from('v1'), {});
    const body = new PassThrough();
    const pending = store.putObject('b1', 'slow', body, {});
    body.write('v2-part-');
    await new Promise((r) => setTimeout(r, 20));
    expect((await store.headObject('b1', 'slow'))?.size).toBe(2);
    expect(await text(await store.readObject('b1', 'slow'))).toBe(readable('v1'));
    body.end('done');
    expect((await pending).size).toBe(12);
    expect(await text(await store.readObject('b1', 'slow'))).toBe(readable('v2-part-done'));
  });

  it('fails the write when the body stream errors, leaving nothing', async () => {
    const body = new PassThrough();
    const pending = store.putObject('b1', 'broken', body, {});
    body.write('abc');
    body.destroy(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(await store.headObject('b1', 'broken')).toBeUndefined();
  });

  it('leaves one consistent object after concurrent writes, appends and reads of one key', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => `version-${i}-${'x'.repeat(i * 100)}`);
    const reads: Promise<string>[] = [];
    await Promise.all(
      bodies.map(async (b, i) => {
        await store.putObject('b1', 'hot', i % 2 ? chunked(b.slice(0, 5), b.slice(5)) : Buffer.from(b), {});
        reads.push(store.readObject('b1', 'hot').then(text));
      }),
    );
    const head = await store.headObject('b1', 'hot');
    const body = await text(await store.readObject('b1', 'hot'));
    expect(body).toBe(readable(bodies.find((b) => md5Hex(b) === head?.md5) ?? 'no match'));
    for (const r of await Promise.all(reads)) expect(bodies.map(readable)).toContain(r);
    await Promise.all(['a', 'b', 'c', 'd'].map((s) => store.appendObject('b1', 'log', Buffer.from(s), {})));
    const log = await store.headObject('b1', 'log');
    expect(log?.size).toBe(4);
    if (keepsBytes) expect(md5Hex(await text(await store.readObject('b1', 'log')))).toBe(log?.md5);
  });

  it('lists keys in UTF-8 order with prefix and after, including awkward keys', async () => {
    const keys = ['a b', 'a+b', 'a%b', '中文/名字.txt', 'dir//x', 'dir/', 'z~*', '\uff01', '😀', 'A'];
    for (const k of keys) await store.putObject('b1', k, Buffer.from(k), {});
    const listed: string[] = [];
    for await (const r of store.listObjects('b1')) listed.push(r.key);
    expect(listed).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    const under: string[] = [];
    for await (const r of store.listObjects('b1', { prefix: 'dir/' })) under.push(r.key);
    expect(under).toEqual(['dir/', 'dir//x']);
    const after: string[] = [];
    for await (const r of store.listObjects('b1', { prefix: 'a', after: 'a b' })) after.push(r.key);
    expect(after).toEqual(['a%b', 'a+b']);
    const page = await listPage(store, 'b1', { delimiter: '/', maxKeys: 2 });
    expect(page).toMatchObject({ commonPrefixes: [], isTruncated: true, nextMarker: 'a b' });
    for (const k of keys) expect(await text(await store.readObject('b1', k))).toBe(readable(k));
  });

  it('copies with the source metadata (COPY) or new metadata (REPLACE)', async () => {
    await store.putObject('b1', 'src', Buffer.from('payload'), { contentType: 'text/a', meta: { m: '1' }, storageClass: 'STANDARD_IA', extra: { acl: 'x' } });
    await store.createBucket(bucket('b2'));
    const copy = await store.copyObject({ bucket: 'b1', key: 'src' }, { bucket: 'b2', key: 'dst' });
    expect(copy).toMatchObject({
      bucket: 'b2',
      key: 'dst',
      size: 7,
      md5: md5Hex('payload'),
      contentType: 'text/a',
      meta: { m: '1' },
      storageClass: 'STANDARD_IA',
      extra: { acl: 'x' },
    });
    const replaced = await store.copyObject({ bucket: 'b1', key: 'src' }, { bucket: 'b1', key: 'dst2' }, { contentType: 'text/b', meta: { n: '2' } });
    expect(replaced).toMatchObject({ contentType: 'text/b', meta: { n: '2' }, storageClass: 'STANDARD', crc64: crcOf('payload') });
    expect(await text(await store.readObject('b2', 'dst'))).toBe(readable('payload'));
    // Overwriting the source leaves the copy alone.
    await store.putObject('b1', 'src', Buffer.from('changed'), {});
    expect(await text(await store.readObject('b2', 'dst'))).toBe(readable('payload'));
    const self = await store.copyObject({ bucket: 'b1', key: 'src' }, { bucket: 'b1', key: 'src' }, { contentType: 'text/c', meta: {} });
    expect(self).toMatchObject({ contentType: 'text/c', size: 7, md5: md5Hex('changed') });
    expect(await text(await store.readObject('b1', 'src'))).toBe(readable('changed'));
    await expect(store.copyObject({ bucket: 'b1', key: 'nope' }, { bucket: 'b1', key: 'x' })).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('updates metadata without touching bytes, and deletes', async () => {
    await store.putObject('b1', 'k', Buffer.from('abc'), {});
    const up = await store.updateObject('b1', 'k', { storageClass: 'ARCHIVE', extra: { restore: 'ongoing' }, etag: 'custom' });
    expect(up).toMatchObject({ key: 'k', size: 3, storageClass: 'ARCHIVE', extra: { restore: 'ongoing' }, etag: 'custom', md5: md5Hex('abc') });
    expect(await text(await store.readObject('b1', 'k'))).toBe(readable('abc'));
    expect(await store.deleteObject('b1', 'k')).toBe(true);
    expect(await store.deleteObject('b1', 'k')).toBe(false);
    expect(await store.headObject('b1', 'k')).toBeUndefined();
    expect(await store.isBucketEmpty('b1')).toBe(true);
  });

  it('appends, keeping MD5 and CRC-64 of the whole object', async () => {
    const first = await store.appendObject('b1', 'log', Buffer.from('one,'), { contentType: 'text/plain', extra: { objectType: 'appendable' } });
    expect(first).toMatchObject({ size: 4, md5: md5Hex('one,'), crc64: crcOf('one,') });
    await store.appendObject('b1', 'log', chunked('tw', 'o,'), {});
    const third = await store.appendObject('b1', 'log', Buffer.from('three'), {});
    expect(third).toMatchObject({
      size: 13,
      md5: md5Hex('one,two,three'),
      etag: md5Hex('one,two,three'),
      crc64: crcOf('one,two,three'),
      contentType: 'text/plain',
      extra: { objectType: 'appendable' },
    });
    await expect(store.appendObject('b1', 'log', Buffer.from('bad'), { expectedMd5: md5Hex('x') })).rejects.toBeInstanceOf(BadDigestError);
    expect(await text(await store.readObject('b1', 'log'))).toBe(readable('one,two,three'));
    const fourth = await store.appendObject('b1', 'log', Buffer.from('!'), {});
    expect(fourth).toMatchObject({ size: 14, md5: md5Hex('one,two,three!'), crc64: crcOf('one,two,three!') });
  });

  it('runs a multipart upload with S3 ETags, combined CRC-64 and part replacement', async () => {
    const up = await store.createUpload('b1', 'big', 'owner-1', { contentType: 'video/mp4', meta: { x: 'y' } });
    expect(up.uploadId).toMatch(/^[0-9a-f]+$/);
    expect(await store.getUpload(up.uploadId)).toMatchObject({ bucket: 'b1', key: 'big', owner: 'owner-1' });
    expect(await store.isBucketEmpty('b1')).toBe(false);
    await store.putPart(up.uploadId, 2, Buffer.from('BBBB'));
    await store.putPart(up.uploadId, 1, Buffer.from('xxxx'));
    await store.putPart(up.uploadId, 1, chunked('AA', 'AA'), md5Base64('AAAA'), 4); // replaces part 1
    await store.putPart(up.uploadId, 3, Buffer.from('CC'));
    await store.putPart(up.uploadId, 4, Buffer.from('unused'));
    await expect(store.putPart(up.uploadId, 5, Buffer.from('z'), md5Hex('q'))).rejects.toBeInstanceOf(BadDigestError);
    const parts = await store.listParts(up.uploadId);
    expect(parts.map((p) => [p.partNumber, p.size, p.etag])).toEqual([
      [1, 4, md5Hex('AAAA')],
      [2, 4, md5Hex('BBBB')],
      [3, 2, md5Hex('CC')],
      [4, 6, md5Hex('unused')],
    ]);
    const done = await store.completeUpload(up.uploadId, [1, 2, 3]);
    const expectedMd5 = md5Hex(Buffer.concat(['AAAA', 'BBBB', 'CC'].map((s) => Buffer.from(md5Hex(s), 'hex'))));
    expect(done).toMatchObject({
      size: 10,
      md5: expectedMd5,
      etag: `${expectedMd5}-3`,
      crc64: crcOf('AAAABBBBCC'),
      contentType: 'video/mp4',
      meta: { x: 'y' },
      extra: { partCount: 3 },
    });
    expect(await text(await store.readObject('b1', 'big'))).toBe(readable('AAAABBBBCC'));
    expect(await store.getUpload(up.uploadId)).toBeUndefined();
    await expect(store.listParts(up.uploadId)).rejects.toBeInstanceOf(StoreNotFoundError);
    await expect(store.putPart(up.uploadId, 1, Buffer.from('late'))).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('copies ranges into parts, refuses unknown parts and aborts', async () => {
    await store.putObject('b1', 'src', Buffer.from('0123456789'), {});
    const up = await store.createUpload('b1', 'dst', 'o', {});
    const p1 = await store.copyPart(up.uploadId, 1, { bucket: 'b1', key: 'src' }, { start: 2, end: 5 });
    expect(p1).toMatchObject({ partNumber: 1, size: 4, etag: md5Hex(keepsBytes ? '2345' : '\0\0\0\0') });
    const p2 = await store.copyPart(up.uploadId, 2, { bucket: 'b1', key: 'src' });
    expect(p2.size).toBe(10);
    await expect(store.completeUpload(up.uploadId, [1, 3])).rejects.toBeInstanceOf(StoreNotFoundError);
    const done = await store.completeUpload(up.uploadId, [1, 2]);
    expect(done.size).toBe(14);
    if (keepsBytes) expect(await text(await store.readObject('b1', 'dst'))).toBe('23450123456789');

    const up2 = await store.createUpload('b1', 'gone', 'o', {});
    await store.putPart(up2.uploadId, 1, Buffer.from('data'));
    await store.abortUpload(up2.uploadId);
    expect(await store.getUpload(up2.uploadId)).toBeUndefined();
    expect(await store.headObject('b1', 'gone')).toBeUndefined();
    await expect(store.abortUpload(up2.uploadId)).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('lists uploads by key then initiation', async () => {
    const b = await store.createUpload('b1', 'b', 'o', {});
    const a1 = await store.createUpload('b1', 'a', 'o', {});
    const a2 = await store.createUpload('b1', 'a', 'o', {});
    await store.createBucket(bucket('other'));
    await store.createUpload('other', 'a', 'o', {});
    const ids = (await store.listUploads('b1')).map((u) => u.uploadId);
    expect(ids[2]).toBe(b.uploadId);
    expect(new Set(ids.slice(0, 2))).toEqual(new Set([a1.uploadId, a2.uploadId]));
  });
});

describe('folder store on disk', () => {
  it('survives a reopen with objects, appends and uploads', async () => {
    const dir = await tempDir();
    const s1 = await createFolderStore({ dir });
    await s1.createBucket(bucket('b1'));
    await s1.putObject('b1', '中文 key+%', Buffer.from('persisted'), { meta: { a: 'b' } });
    await s1.appendObject('b1', 'log', Buffer.from('ab'), {});
    const up = await s1.createUpload('b1', 'mp', 'o', {});
    await s1.putPart(up.uploadId, 1, Buffer.from('part1'));
    await s1.close();

    const s2 = await createFolderStore({ dir });
    expect((await s2.listBuckets()).map((b) => b.name)).toEqual(['b1']);
    expect((await s2.getBucket('b1'))?.createdAt).toBeInstanceOf(Date);
    const head = await s2.headObject('b1', '中文 key+%');
    expect(head).toMatchObject({ size: 9, meta: { a: 'b' } });
    expect(head?.lastModified).toBeInstanceOf(Date);
    expect(await text(await s2.readObject('b1', '中文 key+%'))).toBe('persisted');
    const log = await s2.appendObject('b1', 'log', Buffer.from('cd'), {});
    expect(log).toMatchObject({ size: 4, md5: md5Hex('abcd'), crc64: crcOf('abcd') });
    expect((await s2.listParts(up.uploadId)).map((p) => p.partNumber)).toEqual([1]);
    const done = await s2.completeUpload(up.uploadId, [1]);
    expect(await text(await s2.readObject('b1', 'mp'))).toBe('part1');
    expect(done.etag).toMatch(/-1$/);
  });

  it('keeps every file inside the folder whatever the key or bucket name', async () => {
    const dir = await tempDir();
    const store = await createFolderStore({ dir: join(dir, 'data') });
    await store.createBucket(bucket('../../escape'));
    const evil = ['../../../outside', '/etc/passwd', '..', 'a/../../b', '\\..\\win', 'x'.repeat(1024), 'nul\u0000byte'];
    for (const k of evil) await store.putObject('../../escape', k, Buffer.from(k), {});
    for (const k of evil) expect(await text(await store.readObject('../../escape', k))).toBe(k);
    expect(await readdir(dir)).toEqual(['data']);
    const files = await readdir(join(dir, 'data'), { recursive: true });
    for (const f of files) expect(relative(join(dir, 'data'), join(dir, 'data', f)).startsWith('..')).toBe(false);
    const reopened = await createFolderStore({ dir: join(dir, 'data') });
    expect((await reopened.headObject('../../escape', '/etc/passwd'))?.size).toBe(11);
  });

  it('removes temp files and unreferenced blobs on open', async () => {
    const dir = await tempDir();
    const s1 = await createFolderStore({ dir });
    await s1.createBucket(bucket('b1'));
    await s1.putObject('b1', 'k', Buffer.from('v1'), {});
    await s1.putObject('b1', 'k', Buffer.from('v2'), {});
    await s1.deleteObject('b1', 'k');
    await s1.putObject('b1', 'kept', Buffer.from('v3'), {});
    await createFolderStore({ dir });
    const blobs = (await readdir(join(dir, 'blobs'), { recursive: true })).filter((f) => f.endsWith('.bin'));
    expect(blobs).toHaveLength(1);
  });
});

describe('memory store footprint', () => {
  it('holds a multipart object once: completing shares the parts', async () => {
    const store = createMemoryStore();
    await store.createBucket(bucket('b1'));
    const up = await store.createUpload('b1', 'k', 'o', {});
    const part = 8 * 1024 * 1024;
    for (let n = 1; n <= 4; n++)
      await store.putPart(
        up.uploadId,
        n,
        Readable.from(
          (function* () {
            for (let i = 0; i < part / 65536; i++) yield Buffer.alloc(65536, n);
          })(),
        ),
      );
    const before = process.memoryUsage().arrayBuffers;
    const done = await store.completeUpload(up.uploadId, [1, 2, 3, 4]);
    const copy = await store.copyObject({ bucket: 'b1', key: 'k' }, { bucket: 'b1', key: 'copy' });
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(done.size).toBe(4 * part);
    expect(copy.size).toBe(4 * part);
    expect(grown).toBeLessThan(2 * 1024 * 1024);
    const back = await bytes(await store.readObject('b1', 'copy', { start: part - 1, end: part }));
    expect([...back]).toEqual([1, 2]);
  });
});
