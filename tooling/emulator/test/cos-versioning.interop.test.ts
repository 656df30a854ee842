/**
 * Versioning through cos-nodejs-sdk-v5 (the vendor's SDK): every version is
 * kept, delete markers hide and reveal, versions are read, copied and
 * removed by id, and `GET /?versions` pages with key and version markers.
 */
import COS from 'cos-nodejs-sdk-v5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, SK, cos as raw, startCosServer, xmlTexts, type CosServer } from './cos-harness.ts';

const Bucket = 'versions-1250000000';
const Region = 'ap-guangzhou';
let server: CosServer;
let sdk: COS;

/** The SDK's error for a failing call (its promises reject with `{ code, statusCode, headers, ... }`). */
async function failure(p: Promise<unknown>): Promise<{ code?: string; statusCode?: number; headers?: Record<string, string> }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; statusCode?: number };
  }
  throw new Error('expected the call to fail');
}

/** The SDK's listObjectVersions takes `KeyMarker` at run time although its typings only declare `Marker`. */
type VersionsParams = COS.ListObjectVersionsParams & { KeyMarker?: string };
const listVersions = (params: Omit<VersionsParams, 'Bucket' | 'Region'> = {}) => sdk.listObjectVersions({ Bucket, Region, ...params } as VersionsParams);

/** The SDK sends VersionId for headObject and deleteObject at run time (sdk/base.js) although its typings leave it out. */
type WithVersion<T> = T & { VersionId?: string };
const headVersion = (params: WithVersion<COS.HeadObjectParams>) => sdk.headObject(params);
const deleteVersion = (params: WithVersion<COS.DeleteObjectParams>) => sdk.deleteObject(params);

const put = async (Key: string, body: string): Promise<string> => {
  const r = await sdk.putObject({ Bucket, Region, Key, Body: Buffer.from(body) });
  expect(r.VersionId).toBeTruthy();
  return r.VersionId!;
};

beforeAll(async () => {
  server = await startCosServer();
  sdk = new COS({ SecretId: AK, SecretKey: SK, Protocol: 'http:', Ip: `127.0.0.1:${server.port}`, Timeout: 10_000 });
  await sdk.putBucket({ Bucket, Region });
  await sdk.putBucketVersioning({ Bucket, Region, VersioningConfiguration: { Status: 'Enabled' } });
});
afterAll(() => server.close());

describe('COS versioning with cos-nodejs-sdk-v5', () => {
  const ids: string[] = [];

  it('keeps three versions of a key and lists them newest first', async () => {
    expect((await sdk.getBucketVersioning({ Bucket, Region })).VersioningConfiguration?.Status).toBe('Enabled');
    ids.push(await put('doc.txt', 'version one'), await put('doc.txt', 'version two'), await put('doc.txt', 'version three'));
    expect(new Set(ids).size).toBe(3);
    const list = await listVersions({ Prefix: 'doc' });
    expect(list.Versions.map((v) => v.VersionId)).toEqual([...ids].reverse());
    expect(list.Versions.map((v) => v.IsLatest)).toEqual(['true', 'false', 'false']);
    expect(list.Versions[2]).toMatchObject({ Key: 'doc.txt', Size: String('version one'.length), StorageClass: 'STANDARD' });
    expect(list.Versions[2]?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(list.Versions[2]?.LastModified).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(list.Versions[2]?.Owner.ID).toBeTruthy();
    expect(list.DeleteMarkers).toEqual([]);
    expect(list.IsTruncated).toBe('false');
  });

  it('reads the oldest version by id, and the current one without', async () => {
    const oldest = await sdk.getObject({ Bucket, Region, Key: 'doc.txt', VersionId: ids[0]! });
    expect(oldest.Body.toString()).toBe('version one');
    expect(oldest.headers?.['x-cos-version-id']).toBe(ids[0]);
    const ranged = await sdk.getObject({ Bucket, Region, Key: 'doc.txt', VersionId: ids[1]!, Range: 'bytes=8-10' });
    expect(ranged.Body.toString()).toBe('two');
    const head = await headVersion({ Bucket, Region, Key: 'doc.txt', VersionId: ids[0]! });
    expect(head.headers?.['content-length']).toBe(String('version one'.length));
    expect((await sdk.getObject({ Bucket, Region, Key: 'doc.txt' })).Body.toString()).toBe('version three');
    const missing = await failure(sdk.getObject({ Bucket, Region, Key: 'doc.txt', VersionId: 'MTg0NDY3NDI1NjU0MDAwODY0NzI' }));
    expect(missing).toMatchObject({ statusCode: 404, code: 'NoSuchVersion' });
  });

  it('copies an old version back on top (restoring it) with the version headers', async () => {
    const copy = await sdk.putObjectCopy({
      Bucket,
      Region,
      Key: 'doc.txt',
      CopySource: `${Bucket}.cos.${Region}.myqcloud.com/doc.txt?versionId=${ids[0]}`,
    });
    expect(copy.headers?.['x-cos-copy-source-version-id']).toBe(ids[0]);
    const restoredId = copy.headers?.['x-cos-version-id'];
    expect(restoredId).toBeTruthy();
    expect((await sdk.getObject({ Bucket, Region, Key: 'doc.txt' })).Body.toString()).toBe('version one');
    // Remove the restored copy again: version three is current once more, and the copied bytes stay with version one.
    await deleteVersion({ Bucket, Region, Key: 'doc.txt', VersionId: restoredId! });
    expect((await sdk.getObject({ Bucket, Region, Key: 'doc.txt' })).Body.toString()).toBe('version three');
    expect((await sdk.getObject({ Bucket, Region, Key: 'doc.txt', VersionId: ids[0]! })).Body.toString()).toBe('version one');
  });

  it('a delete without version id stacks a delete marker that hides the key', async () => {
    const del = await deleteVersion({ Bucket, Region, Key: 'doc.txt' });
    expect(del.statusCode).toBe(204);
    expect(del.headers?.['x-cos-delete-marker']).toBe('true');
    const markerId = del.headers?.['x-cos-version-id'];
    expect(markerId).toBeTruthy();
    expect(ids).not.toContain(markerId);

    const get = await failure(sdk.getObject({ Bucket, Region, Key: 'doc.txt' }));
    expect(get).toMatchObject({ statusCode: 404, code: 'NoSuchKey' });
    expect(get.headers?.['x-cos-delete-marker']).toBe('true');
    expect(get.headers?.['x-cos-version-id']).toBe(markerId);
    const byMarker = await raw(server, { method: 'GET', bucket: Bucket, key: 'doc.txt', query: [['versionId', markerId!]] });
    expect(byMarker.status).toBe(405);
    expect(byMarker.headers['x-cos-delete-marker']).toBe('true');
    expect((await sdk.getBucket({ Bucket, Region, Prefix: 'doc' })).Contents).toEqual([]);
    // Older versions stay readable behind the marker.
    expect((await sdk.getObject({ Bucket, Region, Key: 'doc.txt', VersionId: ids[2]! })).Body.toString()).toBe('version three');

    const list = await listVersions({ Prefix: 'doc' });
    expect(list.DeleteMarkers).toHaveLength(1);
    expect(list.DeleteMarkers[0]).toMatchObject({ Key: 'doc.txt', VersionId: markerId, IsLatest: 'true' });
    expect(list.Versions.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      [ids[2], 'false'],
      [ids[1], 'false'],
      [ids[0], 'false'],
    ]);
    // COS interleaves markers and versions in one newest-first sequence.
    const xml = (
      await raw(server, {
        method: 'GET',
        bucket: Bucket,
        query: [
          ['versions', ''],
          ['prefix', 'doc'],
        ],
      })
    ).text;
    expect(xml.indexOf('<DeleteMarker>')).toBeLessThan(xml.indexOf('<Version>'));

    // Deleting the marker itself brings version three back.
    const undo = await deleteVersion({ Bucket, Region, Key: 'doc.txt', VersionId: markerId! });
    expect(undo.headers?.['x-cos-delete-marker']).toBe('true');
    expect(undo.headers?.['x-cos-version-id']).toBe(markerId);
    expect((await sdk.getObject({ Bucket, Region, Key: 'doc.txt' })).Body.toString()).toBe('version three');
  });

  it('a delete with a version id removes exactly that version for good', async () => {
    const del = await deleteVersion({ Bucket, Region, Key: 'doc.txt', VersionId: ids[1]! });
    expect(del.statusCode).toBe(204);
    expect(del.headers?.['x-cos-version-id']).toBe(ids[1]);
    expect(del.headers?.['x-cos-delete-marker']).toBeUndefined();
    expect(await failure(sdk.getObject({ Bucket, Region, Key: 'doc.txt', VersionId: ids[1]! }))).toMatchObject({ code: 'NoSuchVersion' });
    expect((await listVersions({ Prefix: 'doc' })).Versions.map((v) => v.VersionId)).toEqual([ids[2], ids[0]]);
    expect((await sdk.getObject({ Bucket, Region, Key: 'doc.txt' })).Body.toString()).toBe('version three');
  });

  it('multi-delete takes a VersionId per object and reports delete markers', async () => {
    const a1 = await put('multi/a', 'a1');
    await put('multi/a', 'a2');
    const b1 = await put('multi/b', 'b1');
    const res = await sdk.deleteMultipleObject({ Bucket, Region, Objects: [{ Key: 'multi/a', VersionId: a1 }, { Key: 'multi/b' }] });
    expect(res.Error).toEqual([]);
    const byKey = Object.fromEntries(res.Deleted.map((d) => [d.Key, d]));
    expect(byKey['multi/a']).toEqual({ Key: 'multi/a', VersionId: a1 });
    expect(byKey['multi/b']).toMatchObject({ Key: 'multi/b', DeleteMarker: 'true' });
    const markerId = byKey['multi/b']?.DeleteMarkerVersionId;
    expect(markerId).toBeTruthy();
    const list = await listVersions({ Prefix: 'multi/' });
    expect(list.Versions.map((v) => [v.Key, v.IsLatest])).toEqual([
      ['multi/a', 'true'],
      ['multi/b', 'false'],
    ]);
    expect(list.DeleteMarkers.map((m) => m.VersionId)).toEqual([markerId]);
    expect(list.Versions[1]?.VersionId).toBe(b1);
  });

  it('pages through versions with KeyMarker and VersionIdMarker', async () => {
    const seen: string[] = [];
    let KeyMarker = '';
    let VersionIdMarker = '';
    let pages = 0;
    for (;;) {
      const page = await listVersions({ MaxKeys: '2', ...(KeyMarker ? { KeyMarker, VersionIdMarker } : {}) });
      pages++;
      const entries = [...page.Versions, ...page.DeleteMarkers];
      expect(entries.length).toBeLessThanOrEqual(2);
      for (const v of entries) seen.push(`${v.Key}@${v.VersionId}`);
      if (page.IsTruncated !== 'true') break;
      // The SDK maps NextKeyMarker through untouched; the typings call it NextMarker.
      KeyMarker = (page as unknown as { NextKeyMarker: string }).NextKeyMarker;
      VersionIdMarker = page.NextVersionIdMarker ?? '';
      expect(KeyMarker).toBeTruthy();
    }
    const all = await listVersions();
    const everything = all.Versions.length + all.DeleteMarkers.length;
    expect(everything).toBe(5);
    expect(seen).toHaveLength(everything);
    expect(new Set(seen).size).toBe(everything);
    expect(pages).toBe(3);
    // The first page breaks inside doc.txt: its two versions, then the markers name where to go on.
    const first = await raw(server, {
      method: 'GET',
      bucket: Bucket,
      query: [
        ['versions', ''],
        ['max-keys', '1'],
      ],
    });
    expect(xmlTexts(first.text, 'NextKeyMarker')).toEqual(['doc.txt']);
    expect(xmlTexts(first.text, 'NextVersionIdMarker')).toEqual([ids[2]]);
  });

  it('a versioned bucket with versions left is not empty', async () => {
    const err = await failure(sdk.deleteBucket({ Bucket, Region }));
    expect(err).toMatchObject({ statusCode: 409, code: 'BucketNotEmpty' });
  });
});
