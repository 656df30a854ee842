import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsafeKeyError } from '../src/errors.ts';
import { deletePrefix, downloadFolder, listLocalFiles, uploadFolder } from '../src/folder.ts';
import { progressRecorder, tempDir } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

const KiB = 1024;

/** Relative path -> contents for every file under `dir`. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of await listLocalFiles(dir)) out.set(f.rel.split('\\').join('/'), await readFile(f.filePath));
  return out;
}

const TREE: Record<string, number> = {
  'readme.txt': 100,
  'with space/file name.txt': 2000,
  '照片/二〇二四/猫.jpg': 300 * KiB,
  'nested/a/b/c/deep.bin': 130 * KiB,
  'empty.txt': 0,
  'nested/empty-too': 0,
  'émoji 🎉.md': 10,
};

async function makeTree(dir: string): Promise<void> {
  for (const [rel, size] of Object.entries(TREE)) {
    await mkdir(join(dir, ...rel.split('/').slice(0, -1)), { recursive: true });
    await writeFile(join(dir, ...rel.split('/')), randomBytes(size));
  }
}

describe('folders', () => {
  it('round-trips a folder through a prefix: every key and byte, one progress total', async () => {
    const src = await tempDir();
    const dst = await tempDir();
    await makeTree(src);
    const adapter = new MemoryAdapter();
    adapter.pageSize = 3; // exercise list pagination
    const total = Object.values(TREE).reduce((a, b) => a + b, 0);

    const up = progressRecorder();
    const uploaded = await uploadFolder(adapter, {
      bucket: 'b',
      prefix: 'backup',
      folder: src,
      partSize: 64 * KiB,
      multipartThreshold: 64 * KiB,
      concurrency: 3,
      onProgress: up.onProgress,
    });
    expect(uploaded.map((e) => e.key).sort()).toEqual(
      Object.keys(TREE)
        .map((k) => `backup/${k}`)
        .sort(),
    );
    expect(adapter.calls.initiate).toBe(2); // the two files above the threshold
    up.assertValid(total);

    adapter.put('b', 'backup/zero-byte-object', Buffer.alloc(0));
    adapter.put('b', 'backup/made-in-console/', Buffer.alloc(0)); // a folder marker
    adapter.put('b', 'backup2/not-mine.txt', Buffer.from('other prefix'));

    const down = progressRecorder();
    await downloadFolder(adapter, { bucket: 'b', prefix: 'backup/', folder: dst, partSize: 64 * KiB, onProgress: down.onProgress });
    down.assertValid(total);
    const before = await snapshot(src);
    const after = await snapshot(dst);
    expect(after.get('zero-byte-object')!.length).toBe(0);
    after.delete('zero-byte-object');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [rel, bytes] of before) expect(after.get(rel)!.equals(bytes), rel).toBe(true);
    expect(await readdir(join(dst, 'made-in-console'))).toEqual([]);
    // No temporary files anywhere.
    expect([...after.keys()].some((k) => k.includes('yunstore-tmp'))).toBe(false);
  });

  it.each(['../escape.txt', 'a/../../escape.txt', '/etc/passwd-copy', 'a\\..\\..\\x', 'C:/x'])(
    'refuses the traversal key %j before writing anything',
    async (bad) => {
      const parent = await tempDir();
      const dst = join(parent, 'dest');
      const adapter = new MemoryAdapter();
      adapter.put('b', 'p/fine.txt', Buffer.from('ok'));
      adapter.put('b', `p/${bad}`, Buffer.from('evil'));
      await expect(downloadFolder(adapter, { bucket: 'b', prefix: 'p', folder: dst })).rejects.toThrow(UnsafeKeyError);
      expect(await readdir(parent)).toEqual([]);
      expect(adapter.calls.getRange).toBeUndefined();
    },
  );

  it('deletes everything under a prefix in batches of 1000', async () => {
    const adapter = new MemoryAdapter();
    for (let i = 0; i < 2500; i++) adapter.put('b', `logs/${String(i).padStart(5, '0')}`, Buffer.alloc(0));
    adapter.put('b', 'keep/me', Buffer.from('x'));
    const progress = progressRecorder();
    const out = await deletePrefix(adapter, { bucket: 'b', prefix: 'logs/', onProgress: progress.onProgress });
    expect(out).toEqual({ deleted: 2500, errors: [] });
    expect(adapter.deleteBatches.sort((a, b) => a - b)).toEqual([500, 1000, 1000]);
    expect([...adapter.objects.keys()]).toEqual(['b/keep/me']);
    progress.assertValid(2500);
  });

  it('refuses an empty prefix unless asked', async () => {
    const adapter = new MemoryAdapter();
    adapter.put('b', 'x', Buffer.from('x'));
    await expect(deletePrefix(adapter, { bucket: 'b', prefix: '' })).rejects.toThrow(/allowEmptyPrefix/);
    expect(adapter.objects.size).toBe(1);
    await deletePrefix(adapter, { bucket: 'b', prefix: '', allowEmptyPrefix: true });
    expect(adapter.objects.size).toBe(0);
  });
});
