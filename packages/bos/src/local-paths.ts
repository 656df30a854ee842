/**
 * Local destinations are checked before the first request: a download onto
 * a folder, into a folder that does not exist, or into one we cannot write
 * would otherwise fail only after every byte had been fetched. The failure
 * is the seed's argument error, `BceInvalidArgumentError` (code
 * `InvalidArgument`), naming the parameter and the OS reason.
 */
import { findDestinationFault, type DestinationFault } from '@yunstore/transfer';
import { BceInvalidArgumentError } from './errors.ts';

function reasonOf(fault: DestinationFault): string {
  switch (fault.reason) {
    case 'is-folder':
      return 'is a folder';
    case 'is-file':
      return 'is not a folder';
    case 'not-a-folder':
      return `is under ${fault.at}, which is not a folder`;
    case 'missing-folder':
      return `is in a folder that does not exist (${fault.at})`;
    case 'not-writable':
      return `is in a folder we may not write to (${fault.at})`;
    case 'uninspectable':
      return 'cannot be inspected';
  }
}

async function check(method: string, parameter: string, given: string, kind: 'file' | 'folder', createFolders: boolean): Promise<void> {
  const fault = await findDestinationFault(given, kind, { createFolders });
  if (!fault) return;
  const cause = 'cause' in fault ? fault.cause : undefined;
  throw new BceInvalidArgumentError(`${method}: arg "${parameter}" cannot be written: ${given} ${reasonOf(fault)}`, cause === undefined ? {} : { cause });
}

/**
 * A file to be written: not a folder, in a writable folder. `createFolders`
 * (download_file, which creates missing folders) accepts missing folders as
 * long as the nearest existing one is a writable folder.
 */
export async function checkDestinationFile(method: string, parameter: string, fileName: string, createFolders = false): Promise<void> {
  await check(method, parameter, fileName, 'file', createFolders);
}

/** A folder to be filled (download_folder): not a file; missing folders are created under a writable one. */
export async function checkDestinationFolder(method: string, parameter: string, folder: string): Promise<void> {
  await check(method, parameter, folder, 'folder', true);
}
