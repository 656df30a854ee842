/**
 * A complete whose answer was lost (the connection dropped after the request
 * went out) may have succeeded: the object exists and the upload is gone, and
 * a blind retry would answer NoSuchUpload for an upload that worked. The
 * server is asked instead:
 * - the upload still exists → the complete never happened: complete again;
 * - the upload is gone and the object is there with the size sent (and the
 *   multipart ETag the parts imply, where the vendor uses S3's format) → it
 *   worked: the result is built from `head`, marked `settled`;
 * - otherwise → a clear failure naming what is known.
 */
import { createHash } from 'node:crypto';
import type { CompletedPart, CompleteResult, ObjectInfo, ObjectRef, UploadAdapter } from './adapter.ts';
import { IntegrityError } from './errors.ts';
import { isRetryableError } from './pool.ts';
import { listAllParts } from './upload-server.ts';

/** True when the failure means "no answer": a network fault or timeout, not an error the server sent. */
export function isLostAnswer(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { status?: unknown; statusCode?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return status === undefined && isRetryableError(error);
}

const HEX_MD5 = /^[0-9a-f]{32}$/;

function unquote(etag: string): string {
  return etag.replace(/^"+|"+$/g, '').toLowerCase();
}

/** S3's multipart ETag, `md5(md5(part1) ++ md5(part2) ...)-N`, when every part ETag is a plain MD5; else undefined. */
export function multipartEtag(parts: readonly CompletedPart[]): string | undefined {
  const hash = createHash('md5');
  for (const part of parts) {
    const md5 = unquote(part.etag);
    if (!HEX_MD5.test(md5)) return undefined;
    hash.update(Buffer.from(md5, 'hex'));
  }
  return `${hash.digest('hex')}-${parts.length}`;
}

export interface SettleArgs {
  target: ObjectRef;
  uploadId: string;
  /** The parts sent to complete, ascending. */
  parts: CompletedPart[];
  /** Bytes uploaded in all, when known. */
  size: number | undefined;
  signal: AbortSignal;
}

/** What a settled complete returns: the object's ETag from `head`, and `settled: true`. */
export interface SettledResult extends CompleteResult {
  etag: string;
  settled: true;
}

/**
 * Decides a complete whose answer was lost. Resolves with the result of a
 * new complete (the upload was still there) or a settled result; rejects with
 * `lost` itself or an `IntegrityError` when the object is not what was sent.
 */
export async function settleLostComplete<R extends CompleteResult>(adapter: UploadAdapter<R>, args: SettleArgs, lost: unknown): Promise<R | SettledResult> {
  const { target, uploadId, parts, size, signal } = args;
  const remaining = await listAllParts(adapter, { ...target, uploadId, signal });
  if (remaining !== null) return adapter.complete({ ...target, uploadId, parts, signal });
  let info: ObjectInfo;
  try {
    info = await adapter.head({ ...target, signal });
  } catch {
    throw lost;
  }
  const expected = multipartEtag(parts);
  const etag = unquote(info.etag);
  const sameEtag = expected === undefined || !/-\d+$/.test(etag) || etag === expected;
  if ((size === undefined || info.size === size) && sameEtag) return { etag: info.etag, settled: true };
  throw new IntegrityError(
    'CompleteAnswerLost',
    `the answer to complete was lost and ${target.key} is not what was uploaded (size ${info.size} vs ${size}${expected ? `, ETag ${etag} vs ${expected}` : ''})`,
  );
}
