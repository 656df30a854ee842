import { describe, expect, it } from 'vitest';
import { compareKeys } from '../src/common/keys.ts';
import { listPage, type ListPageOptions } from '../src/common/listing.ts';
import type { ListOptions, ObjectRecord, ObjectStore } from '../src/store/types.ts';

/** Only what listPage uses: listObjects over a sorted key list. */
function fakeStore(keys: string[]): ObjectStore {
  const sorted = [...keys].sort(compareKeys);
  const record = (key: string): ObjectRecord => ({
    bucket: 'b',
    key,
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
  });
  return {
    async *listObjects(_bucket: string, options: ListOptions = {}) {
      for (const key of sorted) {
        if (options.prefix !== undefined && !key.startsWith(options.prefix)) continue;
        if (options.after !== undefined && compareKeys(key, options.after) <= 0) continue;
        yield record(key);
      }
    },
  } as unknown as ObjectStore;
}

const keys = [
  'a.txt',
  'photos/2024/jan.jpg',
  'photos/2024/feb.jpg',
  'photos/2025/x.jpg',
  'photos/cover.jpg',
  'videos/a.mp4',
  'videos/b.mp4',
  'z',
  '中文/文件 1.txt',
  '中文/文件+2.txt',
  'dir//double',
  'trailing/',
  '100%.txt',
];
const store = fakeStore(keys);
const page = async (o: ListPageOptions) => {
  const p = await listPage(store, 'b', o);
  return { keys: p.contents.map((c) => c.key), prefixes: p.commonPrefixes, truncated: p.isTruncated, next: p.nextMarker };
};

/** Walks all pages, following nextMarker. */
async function walk(o: Omit<ListPageOptions, 'marker'>): Promise<string[]> {
  const out: string[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 100; i++) {
    const p = await listPage(store, 'b', marker === undefined ? o : { ...o, marker });
    out.push(...p.contents.map((c) => c.key), ...p.commonPrefixes.map((c) => `P:${c}`));
    if (!p.isTruncated) return out;
    marker = p.nextMarker;
  }
  throw new Error('listing did not end');
}

describe('listPage', () => {
  it('lists all keys in UTF-8 order without a delimiter', async () => {
    const p = await page({ maxKeys: 1000 });
    expect(p.keys).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(p.truncated).toBe(false);
    expect(p.next).toBeUndefined();
  });

  it('filters by prefix', async () => {
    expect((await page({ prefix: 'photos/2024/', maxKeys: 10 })).keys).toEqual(['photos/2024/feb.jpg', 'photos/2024/jan.jpg']);
    expect((await page({ prefix: '中文/', maxKeys: 10 })).keys).toEqual(['中文/文件 1.txt', '中文/文件+2.txt']);
    expect((await page({ prefix: 'nothing', maxKeys: 10 })).keys).toEqual([]);
  });

  it('rolls up common prefixes with a delimiter', async () => {
    const p = await page({ delimiter: '/', maxKeys: 1000 });
    expect(p.keys).toEqual(['100%.txt', 'a.txt', 'z']);
    expect(p.prefixes).toEqual(['dir/', 'photos/', 'trailing/', 'videos/', '中文/']);
    const q = await page({ prefix: 'photos/', delimiter: '/', maxKeys: 1000 });
    expect(q.keys).toEqual(['photos/cover.jpg']);
    expect(q.prefixes).toEqual(['photos/2024/', 'photos/2025/']);
    expect((await page({ prefix: 'dir/', delimiter: '/', maxKeys: 10 })).prefixes).toEqual(['dir//']);
    expect((await page({ prefix: 'trailing/', delimiter: '/', maxKeys: 10 })).keys).toEqual(['trailing/']);
  });

  it('counts common prefixes toward maxKeys and reports the last entry as nextMarker', async () => {
    const p = await page({ delimiter: '/', maxKeys: 3 });
    expect(p.keys).toEqual(['100%.txt', 'a.txt']);
    expect(p.prefixes).toEqual(['dir/']);
    expect(p.truncated).toBe(true);
    expect(p.next).toBe('dir/');
    const q = await page({ delimiter: '/', maxKeys: 1, marker: 'dir/' });
    expect(q.prefixes).toEqual(['photos/']);
    expect(q.next).toBe('photos/');
    // The marker being a prefix: its keys are not reported again.
    const r = await page({ delimiter: '/', maxKeys: 1, marker: 'photos/' });
    expect(r.prefixes).toEqual(['trailing/']);
  });

  it('is not truncated when the page ends exactly at the last entry', async () => {
    const p = await page({ prefix: 'videos/', maxKeys: 2 });
    expect(p.keys).toEqual(['videos/a.mp4', 'videos/b.mp4']);
    expect(p.truncated).toBe(false);
  });

  it('pages through everything exactly once', async () => {
    const all = await walk({ maxKeys: 1000 });
    for (const size of [1, 2, 3, 5]) expect(await walk({ maxKeys: size })).toEqual(all);
    const rolled = await walk({ delimiter: '/', maxKeys: 1000 });
    for (const size of [1, 2, 4]) expect((await walk({ delimiter: '/', maxKeys: size })).sort()).toEqual([...rolled].sort());
  });

  it('honours a marker that is not a key', async () => {
    expect((await page({ marker: 'videos/a', maxKeys: 10 })).keys).toEqual(['videos/a.mp4', 'videos/b.mp4', 'z', '中文/文件 1.txt', '中文/文件+2.txt']);
    expect(await page({ marker: 'photos/2024/jan.jpg', delimiter: '/', prefix: 'photos/', maxKeys: 10 })).toMatchObject({
      keys: ['photos/cover.jpg'],
      prefixes: ['photos/2025/'],
    });
  });

  it('returns an empty untruncated page for maxKeys 0', async () => {
    expect(await page({ maxKeys: 0 })).toEqual({ keys: [], prefixes: [], truncated: false, next: undefined });
  });
});
