import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDestinationFault } from '../src/local-destination.ts';

describe('findDestinationFault', () => {
  it('accepts writable targets, missing folders included unless creation is off', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-dest-'));
    expect(await findDestinationFault(join(dir, 'f.bin'), 'file')).toBeUndefined();
    expect(await findDestinationFault(join(dir, 'new', 'deeper', 'f.bin'), 'file')).toBeUndefined();
    expect(await findDestinationFault(join(dir, 'new-folder'), 'folder')).toBeUndefined();
    expect(await findDestinationFault(join(dir, 'new', 'f.bin'), 'file', { createFolders: false })).toMatchObject({
      reason: 'missing-folder',
      at: join(dir, 'new'),
    });
  });

  it('names what is in the way: a folder for a file, a file for a folder, a file on the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-dest-'));
    await mkdir(join(dir, 'a-folder'));
    await writeFile(join(dir, 'a-file'), 'x');
    expect(await findDestinationFault(join(dir, 'a-folder'), 'file')).toMatchObject({ reason: 'is-folder' });
    expect(await findDestinationFault(join(dir, 'a-file'), 'folder')).toMatchObject({ reason: 'is-file' });
    expect(await findDestinationFault(join(dir, 'a-file', 'deeper', 'f.bin'), 'file')).toMatchObject({ reason: 'not-a-folder', at: join(dir, 'a-file') });
  });
});
