/** POST /<key>?append&position=<n> (protocol §9.1). */
import type { BucketRecord } from '../../store/types.ts';
import { cosErrors } from './errors.ts';
import { param, sendEmpty, type CosExchange } from './exchange.ts';
import { expectedLength, expectedMd5, putOptionsOf, quoteEtag } from './headers.ts';
import { MAX_PUT_SIZE, requestBody } from './object.ts';

export async function appendObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const raw = param(ex, 'position') ?? '';
  if (!/^\d+$/.test(raw)) throw cosErrors.invalidArgument('position must be a non-negative integer');
  const position = Number(raw);
  const key = ex.target.key!;
  const existing = await ex.ctx.store.headObject(bucket.name, key);
  const size = existing?.size ?? 0;
  if (existing && existing.extra['objectType'] !== 'appendable') throw cosErrors.objectNotAppendable();
  if (position !== size) {
    throw cosErrors.positionNotEqualToLength(`position ${position} does not equal the object length ${size}.`, {
      'x-cos-next-append-position': String(size),
    });
  }
  const length = expectedLength(ex);
  if (length !== undefined && size + length > MAX_PUT_SIZE) throw cosErrors.entityTooLarge('An appendable object may hold at most 5 GB.');
  // The first append decides the object's headers and storage class; later ones keep them.
  const options = existing ? { extra: existing.extra } : putOptionsOf(ex);
  options.extra = { ...options.extra, objectType: 'appendable' };
  const md5 = expectedMd5(ex);
  const written = await ex.ctx.store.appendObject(bucket.name, key, requestBody(ex), {
    ...options,
    ...(md5 !== undefined ? { expectedMd5: md5 } : {}),
    ...(length !== undefined ? { expectedLength: length } : {}),
  });
  const obj = written.extra['objectType'] === 'appendable' ? written : await ex.ctx.store.updateObject(bucket.name, key, { extra: options.extra });
  const headers: Record<string, string> = { ETag: quoteEtag(obj.etag), 'x-cos-next-append-position': String(obj.size) };
  if (obj.crc64) headers['x-cos-hash-crc64ecma'] = obj.crc64;
  sendEmpty(ex, 200, headers);
}
