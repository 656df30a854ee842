/**
 * Local destinations are checked before the first request: a download that
 * cannot be written should fail at once, naming the path, not after every
 * byte has crossed the network (or as a network error).
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ClientException } from './errors.ts';

async function statOrNull(p: string) {
  try {
    return await stat(p);
  } catch (error) {
    // ENOTDIR: a file sits where a folder of the path should be; the walk up names it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new ClientException(`cannot inspect local path "${p}"`, error);
  }
}

/**
 * The nearest existing folder at or above `dir` must be a folder we may
 * write in (missing folders below it are created by the download).
 */
async function checkWritableAncestor(dir: string, name: string, given: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const info = await statOrNull(current);
    if (info) {
      if (!info.isDirectory()) throw new ClientException(`${name} "${given}" cannot be created: "${current}" is not a folder`);
      try {
        await access(current, constants.W_OK);
      } catch (error) {
        throw new ClientException(`${name} "${given}" cannot be written: no write permission in "${current}"`, error);
      }
      return;
    }
    const parent = path.dirname(current);
    if (parent === current) throw new ClientException(`${name} "${given}": no existing folder above it`);
    current = parent;
  }
}

/** download_file's `file_path`: not an existing folder, and its folder writable (or creatable). */
export async function checkDownloadFile(filePath: string, name = 'file_path'): Promise<void> {
  const info = await statOrNull(path.resolve(filePath));
  if (info?.isDirectory()) throw new ClientException(`${name} "${filePath}" is a folder; give the path of the file to write`);
  await checkWritableAncestor(path.dirname(path.resolve(filePath)), name, filePath);
}

/** download_folder's `folder`: a folder (or creatable as one) we may write in. */
export async function checkDownloadFolder(folder: string, name = 'folder'): Promise<void> {
  const info = await statOrNull(path.resolve(folder));
  if (info && !info.isDirectory()) throw new ClientException(`${name} "${folder}" is a file, not a folder`);
  await checkWritableAncestor(folder, name, folder);
}
