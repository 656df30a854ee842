/**
 * Local file checks that run before the first request of a managed
 * transfer, so a bad path fails at once instead of after a whole download
 * (or as a network error). Failures are Node's own file-system errors
 * (`code` `EISDIR`, `ENOTDIR`, `ENOENT`, `EACCES`), the counterpart of the
 * `OSError` family boto3 raises for the same mistakes.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findDestinationFault } from '@yunstore/transfer';

/** An error shaped like the ones `node:fs` throws. */
function fsError(code: string, description: string, syscall: string, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${description}, ${syscall} '${path}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = path;
  return error;
}

/**
 * download_file's destination: not an existing directory, and inside a folder
 * this process can write to. Missing folders are fine (the download creates
 * them), but the nearest existing one must be a writable directory.
 */
export async function checkDownloadDestination(filePath: string): Promise<void> {
  const fault = await findDestinationFault(filePath, 'file', { mode: constants.W_OK | constants.X_OK });
  if (!fault) return;
  switch (fault.reason) {
    case 'is-folder':
    case 'is-file':
      throw fsError('EISDIR', 'illegal operation on a directory', 'open', fault.path);
    case 'not-a-folder':
    case 'missing-folder':
      throw fsError('ENOTDIR', 'not a directory', 'mkdir', fault.at);
    case 'not-writable':
    case 'uninspectable':
      // Node's own error (EACCES, EPERM...), as boto3 surfaces the OSError.
      throw fault.cause;
  }
}

/** upload_file's source: an existing regular file this process can read. */
export async function checkUploadSource(filePath: string): Promise<void> {
  const source = resolve(filePath);
  const info = await stat(source);
  if (info.isDirectory()) throw fsError('EISDIR', 'illegal operation on a directory', 'read', source);
  await access(source, constants.R_OK);
}
