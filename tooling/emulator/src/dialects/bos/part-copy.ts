/**
 * UploadPartCopy: `PUT /<bucket>/<key>?partNumber=N&uploadId=U` with
 * `x-bce-copy-source` — one part of a multipart upload copied on the
 * server from (a byte range of) an existing object.
 *
 * Facts from Baidu's public UploadPartCopy reference and the vendor SDKs
 * (Go `UploadPartCopy`, Python/Ruby `upload_part_copy`, JS `uploadPartCopy`):
 * - `x-bce-copy-source: /<srcBucket>/<srcKey>`, the path URI-encoded except `/`;
 * - `x-bce-copy-source-range: bytes=<first>-<last>` (inclusive); absent means the
 *   whole source. The JS SDK sends the header EMPTY when no range is given, so an
 *   empty value also means the whole source;
 * - `x-bce-copy-source-if-match`, `-if-none-match`, `-if-modified-since`,
 *   `-if-unmodified-since` guard the source (412 PreconditionFailed);
 * - partNumber 1..10000; one part copies at most 5 GB;
 * - the answer is 200 with JSON `{"lastModified": "...", "eTag": "..."}` (the Go
 *   SDK parses it as its CopyObjectResult);
 * - parts may come from different source objects; the final object does not
 *   inherit the sources' metadata (it takes what complete sends).
 * The docs name no error code for a bad range: a malformed one is answered
 * 400 InvalidArgument and one outside the source 416 InvalidRange, as this
 * dialect answers GetObject.
 */
import { evaluateConditions } from '../../common/conditions.ts';
import type { ByteRange } from '../../store/types.ts';
import { bucketFor, header, type BosCall } from './call.ts';
import { BosError, bosErrors } from './errors.ts';
import { partNumberOf, uploadFor } from './multipart.ts';
import { existing, MAX_PUT_BYTES, parseCopySource, requireKey } from './object.ts';
import { bosTime, sendJson } from './respond.ts';

/** The inclusive range a `x-bce-copy-source-range` value names within a `size`-byte source; undefined = all of it. */
export function copySourceRange(value: string | undefined, size: number): ByteRange | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(value.trim());
  if (!m) throw bosErrors.invalidArgument('x-bce-copy-source-range must be bytes=<first>-<last>.');
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) {
    throw bosErrors.invalidArgument('x-bce-copy-source-range must be bytes=<first>-<last> with first <= last.');
  }
  if (end >= size) throw new BosError(416, 'InvalidRange', `x-bce-copy-source-range ${value} is outside the source object of ${size} bytes.`);
  return { start, end };
}

export async function uploadPartCopy(call: BosCall, source: string): Promise<void> {
  const target = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  const partNumber = partNumberOf(call);
  const upload = await uploadFor(call, target.name, key);
  const src = parseCopySource(source);
  const srcBucket = await bucketFor({ ...call, bucket: src.bucket }, 'READ');
  const obj = await existing(call, srcBucket.name, src.key);
  // A write answers a failed condition with 412 whichever header failed, as copy_object does.
  if (evaluateConditions(call.req.headers, obj, { prefix: 'x-bce-copy-source-' }) !== 200) throw new BosError(412, 'PreconditionFailed');
  const range = copySourceRange(header(call, 'x-bce-copy-source-range'), obj.size);
  const length = range ? range.end - range.start + 1 : obj.size;
  if (length > MAX_PUT_BYTES) throw new BosError(400, 'EntityTooLarge', 'One part copies at most 5 GB: give x-bce-copy-source-range.');
  const part = await call.ctx.store.copyPart(upload.uploadId, partNumber, { bucket: srcBucket.name, key: src.key }, range);
  sendJson(call.res, 200, { lastModified: bosTime(part.lastModified), eTag: part.etag });
}
