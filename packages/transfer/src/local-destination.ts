/**
 * Where a download will write, checked before the first request: a bad local
 * path should fail at once, naming the path, not after every byte has crossed
 * the network. Vendors turn a fault into their own exception and wording.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Why `target` cannot be written. `at` is the folder on the way that is at fault. */
export type DestinationFault =
  | { reason: 'is-folder'; path: string }
  | { reason: 'is-file'; path: string }
  | { reason: 'not-a-folder'; path: string; at: string }
  | { reason: 'missing-folder'; path: string; at: string }
  | { reason: 'not-writable'; path: string; at: string; cause: unknown }
  | { reason: 'uninspectable'; path: string; cause: unknown };

export interface DestinationOptions {
  /** Missing folders will be created (download_file): the nearest existing one must be writable. Default true. */
  createFolders?: boolean;
  /** The `fs.access` mode the folder must grant. Default `W_OK`. */
  mode?: number;
}

type Kind = 'file' | 'directory' | 'missing';

async function kindOf(path: string): Promise<Kind | { cause: unknown }> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a file sits where a folder of the path should be; the walk up names it.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : { cause: error };
  }
}

/**
 * The fault that would stop writing `target` — a file (`kind: 'file'`) or a
 * folder to fill (`kind: 'folder'`) — or undefined when it can be written.
 */
export async function findDestinationFault(target: string, kind: 'file' | 'folder', options: DestinationOptions = {}): Promise<DestinationFault | undefined> {
  const path = resolve(target);
  const own = await kindOf(path);
  if (typeof own === 'object') return { reason: 'uninspectable', path, cause: own.cause };
  if (kind === 'file' && own === 'directory') return { reason: 'is-folder', path };
  if (kind === 'folder' && own === 'file') return { reason: 'is-file', path };
  for (let at = kind === 'file' ? dirname(path) : path; ; ) {
    const found = await kindOf(at);
    if (typeof found === 'object') return { reason: 'uninspectable', path, cause: found.cause };
    if (found === 'file') return { reason: 'not-a-folder', path, at };
    if (found === 'directory') {
      try {
        await access(at, options.mode ?? constants.W_OK);
        return undefined;
      } catch (cause) {
        return { reason: 'not-writable', path, at, cause };
      }
    }
    if (options.createFolders === false) return { reason: 'missing-folder', path, at };
    const parent = dirname(at);
    if (parent === at) return undefined;
    at = parent;
  }
}
