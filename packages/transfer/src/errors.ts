/**
 * The transfer engine's own errors. Both are `YunstoreError`s (one level
 * below core's base), so `YunstoreError.is(e)` and `e.code` work as for
 * every other yunstore error.
 */
import { YunstoreError } from '@yunstore/core';

/**
 * The bytes received do not match what the server says it holds: code
 * `CRC64Mismatch` (COS `x-cos-hash-crc64ecma` differs from the downloaded
 * bytes) or `SizeMismatch`. The partial file and checkpoint are deleted.
 */
export class IntegrityError extends YunstoreError {
  override name = 'IntegrityError';
}

/**
 * An object key that would write outside the destination folder (`..`
 * segments, an absolute path, a backslash, a drive letter, a NUL byte):
 * code `UnsafeKey`. Thrown before anything is written.
 */
export class UnsafeKeyError extends YunstoreError {
  override name = 'UnsafeKeyError';
}
