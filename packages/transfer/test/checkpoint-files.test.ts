import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearCheckpoints, folderCheckpointStore, listCheckpoints } from '../src/checkpoint.ts';

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'yunstore-ckpt-'));
}

describe('checkpoint folders', () => {
  it('lists records and temporary files left by a save cut short, and remove() takes both', async () => {
    const dir = await folder();
    const store = folderCheckpointStore(dir);
    await store.save('upload-abc', { parts: [1] });
    await writeFile(join(dir, 'upload-abc.json.0badc0de.tmp'), '{"par');
    await writeFile(join(dir, 'unrelated.txt'), 'x');
    const listed = await listCheckpoints(dir);
    expect(listed.map((f) => [f.id, f.temporary]).sort()).toEqual([
      ['upload-abc', false],
      ['upload-abc', true],
    ]);
    await store.remove('upload-abc');
    expect((await readdir(dir)).sort()).toEqual(['unrelated.txt']);
  });

  it('clears by age, or temporary files only, and reports what it removed', async () => {
    const dir = await folder();
    const store = folderCheckpointStore(dir);
    await store.save('download-old', { a: 1 });
    await store.save('download-new', { a: 2 });
    await writeFile(join(dir, 'download-new.json.12345678.tmp'), '');
    const old = new Date(Date.now() - 3 * 3600_000);
    await utimes(join(dir, 'download-old.json'), old, old);
    expect((await clearCheckpoints(dir, { temporaryOnly: true })).map((f) => f.path)).toEqual([join(dir, 'download-new.json.12345678.tmp')]);
    expect((await clearCheckpoints(dir, { olderThanMs: 3600_000 })).map((f) => f.id)).toEqual(['download-old']);
    expect(await store.load('download-new')).toEqual({ a: 2 });
    expect((await clearCheckpoints(dir)).map((f) => f.id)).toEqual(['download-new']);
    expect(await listCheckpoints(join(dir, 'missing'))).toEqual([]);
    await expect(clearCheckpoints(dir, { olderThanMs: -1 })).rejects.toThrow(RangeError);
  });
});
