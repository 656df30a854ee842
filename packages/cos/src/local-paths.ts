/**
 * Local destinations are checked before the first request, so a bad path
 * fails at once with CosClientError naming the parameter, instead of after
 * the whole download (EISDIR on the final rename) or as a network error.
 * The check itself is the transfer engine's; this file says it COS's way.
 */
import { findDestinationFault, type DestinationFault } from '@yunstore/transfer';
import { CosClientError } from './errors.ts';

function refuse(fault: DestinationFault, name: string, given: string): CosClientError {
  switch (fault.reason) {
    case 'is-folder':
      return new CosClientError(`${name} '${given}' is an existing folder; give the path of the file to write`, { code: 'EISDIR' });
    case 'is-file':
      return new CosClientError(`${name} '${given}' is a file, not a folder`, { code: 'ENOTDIR' });
    case 'not-a-folder':
    case 'missing-folder':
      return new CosClientError(`${name} '${given}': '${fault.at}' is a file, not a folder`, { code: 'ENOTDIR' });
    case 'not-writable':
      return new CosClientError(`${name} '${given}': the folder '${fault.at}' is not writable`, { code: 'EACCES', cause: fault.cause });
    case 'uninspectable': {
      const code = (fault.cause as NodeJS.ErrnoException).code;
      return new CosClientError(`cannot inspect '${fault.path}': ${(fault.cause as Error).message}`, { code: code ?? 'InvalidArgument', cause: fault.cause });
    }
  }
}

/** A file to be written (download_file's DestFilePath): not an existing folder, in a folder we can create and write. */
export async function checkDestinationFile(path: string, name: string): Promise<void> {
  const fault = await findDestinationFault(path, 'file');
  if (fault) throw refuse(fault, name, path);
}

/** A folder to be filled (download_folder's LocalFolder): not an existing file, creatable and writable. */
export async function checkDestinationFolder(path: string, name: string): Promise<void> {
  const fault = await findDestinationFault(path, 'folder');
  if (fault) throw refuse(fault, name, path);
}
