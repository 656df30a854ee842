/** GET bucket: the JSON object listing (prefix, delimiter, marker, maxKeys). */
import { listPage } from '../../common/listing.ts';
import { bosErrors } from './errors.ts';
import { bosTime, sendJson } from './respond.ts';
import { bucketFor, ownerOf, param, type BosCall } from './call.ts';

/** BOS lists at most 1000 entries per page; bigger `maxKeys` are clamped. */
export const MAX_LIST = 1000;

/** Parses a `maxKeys`-style parameter: default when absent, 1..1000 after clamping. */
export function pageSize(call: BosCall, name: string): number {
  const raw = param(call, name);
  if (raw === undefined || raw === '') return MAX_LIST;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw bosErrors.invalidArgument(`${name} must be a positive integer.`);
  return Math.min(n, MAX_LIST);
}

export async function listObjects(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'READ');
  const prefix = param(call, 'prefix') ?? '';
  const delimiter = param(call, 'delimiter') ?? '';
  const marker = param(call, 'marker') ?? '';
  const maxKeys = pageSize(call, 'maxKeys');
  const page = await listPage(call.ctx.store, bucket.name, { prefix, delimiter, marker, maxKeys });
  const body: Record<string, unknown> = {
    name: bucket.name,
    prefix,
    delimiter,
    marker,
    maxKeys,
    isTruncated: page.isTruncated,
    contents: page.contents.map((o) => ({
      key: o.key,
      lastModified: bosTime(o.lastModified),
      eTag: o.etag,
      size: o.size,
      storageClass: o.storageClass || 'STANDARD',
      owner: ownerOf(bucket.owner),
    })),
  };
  // nextMarker only when truncated; commonPrefixes only with a delimiter (protocol §9.1).
  if (page.isTruncated && page.nextMarker !== undefined) body['nextMarker'] = page.nextMarker;
  if (delimiter !== '') body['commonPrefixes'] = page.commonPrefixes.map((p) => ({ prefix: p }));
  sendJson(call.res, 200, body);
}
