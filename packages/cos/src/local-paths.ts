/**
 * Local destinations are checked before the first request, so a bad path
 * fails at once with CosClientError naming the parameter, instead of after
 * the whole download (EISDIR on the final rename) or as a network error.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CosClientError } from './errors.ts';

type Kind = 'file' | 'directory' | 'missing';

async function kindOf(path: string): Promise<Kind> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the ancestor walk reports which one.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new CosClientError(`cannot inspect '${path}': ${(error as Error).message}`, { code: code ?? 'InvalidArgument', cause: error });
  }
}

/** The nearest existing ancestor must be a writable folder (missing folders are created later). */
async function checkAncestor(start: string, name: string, given: string): Promise<void> {
  let dir = start;
  for (;;) {
    const kind = await kindOf(dir);
    if (kind === 'directory') break;
    if (kind === 'file') {
      throw new CosClientError(`${name} '${given}': '${dir}' is a file, not a folder`, { code: 'ENOTDIR' });
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
  try {
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new CosClientError(`${name} '${given}': the folder '${dir}' is not writable`, { code: 'EACCES', cause: error });
  }
}

/** A file to be written (download_file's DestFilePath): not an existing folder, in a folder we can create and write. */
export async function checkDestinationFile(path: string, name: string): Promise<void> {
  const full = resolve(path);
  if ((await kindOf(full)) === 'directory') {
    throw new CosClientError(`${name} '${path}' is an existing folder; give the path of the file to write`, { code: 'EISDIR' });
  }
  await checkAncestor(dirname(full), name, path);
}

/** A folder to be filled (download_folder's LocalFolder): not an existing file, creatable and writable. */
export async function checkDestinationFolder(path: string, name: string): Promise<void> {
  const full = resolve(path);
  if ((await kindOf(full)) === 'file') {
    throw new CosClientError(`${name} '${path}' is a file, not a folder`, { code: 'ENOTDIR' });
  }
  await checkAncestor(full, name, path);
}
