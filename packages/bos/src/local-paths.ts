/**
 * Local destinations are checked before the first request: a download onto
 * a folder, into a folder that does not exist, or into one we cannot write
 * would otherwise fail only after every byte had been fetched. The failure
 * is the seed's argument error, `BceInvalidArgumentError` (code
 * `InvalidArgument`), naming the parameter and the OS reason.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BceInvalidArgumentError } from './errors.ts';

type Stats = Awaited<ReturnType<typeof stat>>;

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

function refuse(method: string, parameter: string, path: string, reason: string, cause?: unknown): BceInvalidArgumentError {
  return new BceInvalidArgumentError(`${method}: arg "${parameter}" cannot be written: ${path} ${reason}`, cause === undefined ? {} : { cause });
}

/** The folder exists, is a folder, and we may create files in it. */
async function checkWritableFolder(method: string, parameter: string, folder: string, shown: string): Promise<void> {
  const info = await statOrUndefined(folder);
  if (!info) throw refuse(method, parameter, shown, `is in a folder that does not exist (${folder})`);
  if (!info.isDirectory()) throw refuse(method, parameter, shown, `is under ${folder}, which is not a folder`);
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    throw refuse(method, parameter, shown, `is in a folder we may not write to (${folder})`, error);
  }
}

/**
 * A file a download will create or replace: not a folder, in a writable
 * folder. `createFolders` (the high-level `download_file`, which creates
 * missing folders) accepts a folder that does not exist yet but can be made.
 */
export async function checkDestinationFile(method: string, parameter: string, fileName: string, createFolders = false): Promise<void> {
  const path = resolve(fileName);
  const info = await statOrUndefined(path).catch((error: unknown) => {
    throw refuse(method, parameter, fileName, 'cannot be inspected', error);
  });
  if (info?.isDirectory()) throw refuse(method, parameter, fileName, 'is a folder');
  if (createFolders) await checkCreatableFolder(method, parameter, dirname(path), fileName);
  else await checkWritableFolder(method, parameter, dirname(path), fileName);
}

/** A folder that exists and is writable, or can be created under its nearest existing ancestor. */
async function checkCreatableFolder(method: string, parameter: string, folder: string, shown: string): Promise<void> {
  for (let path = folder; ; ) {
    const info = await statOrUndefined(path);
    if (info) {
      if (!info.isDirectory()) throw refuse(method, parameter, shown, path === folder ? 'is not a folder' : `is under ${path}, which is not a folder`);
      return checkWritableFolder(method, parameter, path, shown);
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

/** A folder a download fills: a writable folder, or one that can be created. */
export async function checkDestinationFolder(method: string, parameter: string, folder: string): Promise<void> {
  await checkCreatableFolder(method, parameter, resolve(folder), folder);
}
