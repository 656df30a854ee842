/**
 * Failures that are not a dialect's own but reach its error renderer anyway:
 * store races (the thing vanished between a dialect's check and the write,
 * two creates at once), body digests and lengths, configuration bodies over
 * their limit. The codes are the S3 family's, which COS, BOS, OOS and NOS
 * share; a dialect renames the few it spells differently.
 */
import { BadDigestError, IncompleteBodyError, StoreConflictError, StoreNotFoundError } from '../store/types.ts';
import { BodyTooLargeError } from './http.ts';

export interface CommonFailure {
  status: number;
  code: string;
}

const NOT_FOUND: Record<StoreNotFoundError['kind'], CommonFailure> = {
  bucket: { status: 404, code: 'NoSuchBucket' },
  object: { status: 404, code: 'NoSuchKey' },
  upload: { status: 404, code: 'NoSuchUpload' },
  part: { status: 400, code: 'InvalidPart' },
};

/** The status and code for a store or body failure; undefined for anything else (an emulator bug: InternalError). */
export function commonFailure(error: unknown): CommonFailure | undefined {
  if (error instanceof StoreNotFoundError) return NOT_FOUND[error.kind];
  if (error instanceof StoreConflictError) return { status: 409, code: 'BucketAlreadyExists' };
  if (error instanceof BodyTooLargeError) return { status: 400, code: 'EntityTooLarge' };
  if (error instanceof BadDigestError) return { status: 400, code: 'BadDigest' };
  if (error instanceof IncompleteBodyError) return { status: 400, code: 'IncompleteBody' };
  return undefined;
}
