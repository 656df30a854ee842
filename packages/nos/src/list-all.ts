/**
 * `list_all_objects`: every object under a prefix, page after page, as an
 * async generator (the `for await` twin of list_objects, like BOS's
 * `list_all_objects`). Not in the NOS Python SDK, whose users loop on
 * `marker` by hand.
 */
import type { NosContext } from './context.ts';
import type { NosElement } from './element.ts';
import { ClientException } from './errors.ts';
import { listObjects } from './operations/object.ts';
import type { CallOptions } from './operations/types.ts';
import { checkBucket, optionalInt, optionalString } from './validate.ts';

export interface ListAllObjectsParams extends CallOptions {
  bucket: string;
  /** Only keys that start with this. */
  prefix?: string | undefined;
  /** Start after this key. */
  marker?: string | undefined;
  /** Keys per list_objects request, 1..1000. Default 1000. */
  page_size?: number | undefined;
}

/**
 * Yields the `Contents` element of every object, in key order, fetching the
 * next page (`marker` = the page's NextMarker, or its last key) only when
 * the loop asks for it; leaving the loop early sends no further request.
 */
export async function* listAllObjects(ctx: NosContext, p: ListAllObjectsParams): AsyncGenerator<NosElement, void, undefined> {
  const bucket = checkBucket(p?.bucket);
  const prefix = optionalString(p.prefix, 'prefix');
  let marker = optionalString(p.marker, 'marker');
  const pageSize = optionalInt(p.page_size, 'page_size', 1, 1000) ?? 1000;
  for (;;) {
    const { response } = await listObjects(ctx, {
      bucket,
      limit: pageSize,
      ...(prefix !== undefined ? { prefix } : {}),
      ...(marker !== undefined ? { marker } : {}),
      ...(p.signal ? { signal: p.signal } : {}),
    });
    const contents = response.findall('Contents');
    yield* contents;
    if (response.findtext('IsTruncated') !== 'true') return;
    const next = response.findtext('NextMarker') || contents[contents.length - 1]?.findtext('Key') || '';
    // A truncated page that does not move forward would loop for ever.
    if (next === '' || next === marker) {
      throw new ClientException(`list_all_objects of bucket "${bucket}": a truncated page without a usable NextMarker`);
    }
    marker = next;
  }
}
