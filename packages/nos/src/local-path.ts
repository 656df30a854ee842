/**
 * Local destinations are checked before the first request: a download that
 * cannot be written should fail at once, naming the path, not after every
 * byte has crossed the network (or as a network error). The check itself is
 * the transfer engine's; this file says it NOS's way.
 */
import { findDestinationFault, type DestinationFault } from '@yunstore/transfer';
import { ClientException } from './errors.ts';

function refuse(fault: DestinationFault, name: string, given: string): ClientException {
  switch (fault.reason) {
    case 'is-folder':
      return new ClientException(`${name} "${given}" is a folder; give the path of the file to write`);
    case 'is-file':
      return new ClientException(`${name} "${given}" is a file, not a folder`);
    case 'not-a-folder':
    case 'missing-folder':
      return new ClientException(`${name} "${given}" cannot be created: "${fault.at}" is not a folder`);
    case 'not-writable':
      return new ClientException(`${name} "${given}" cannot be written: no write permission in "${fault.at}"`, fault.cause);
    case 'uninspectable':
      return new ClientException(`cannot inspect local path "${fault.path}"`, fault.cause);
  }
}

/** download_file's `file_path`: not an existing folder, and its folder writable (or creatable). */
export async function checkDownloadFile(filePath: string, name = 'file_path'): Promise<void> {
  const fault = await findDestinationFault(filePath, 'file');
  if (fault) throw refuse(fault, name, filePath);
}

/** download_folder's `folder`: a folder (or creatable as one) we may write in. */
export async function checkDownloadFolder(folder: string, name = 'folder'): Promise<void> {
  const fault = await findDestinationFault(folder, 'folder');
  if (fault) throw refuse(fault, name, folder);
}
