import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { toCosError } from '../http-hooks.ts';
import { listObjects, type ListObjectsParams, type ListObjectsResponse, type ObjectSummary } from './listing.ts';

/** list_objects_iter's parameters: list_objects' without `Marker` paging by hand (a start `Marker` is still accepted). */
export type ListObjectsIterParams = ListObjectsParams;

/** The positional order of list_objects_iter (list_objects' own). */
export const LIST_ITER_ORDER = ['Bucket', 'Prefix', 'Delimiter', 'Marker', 'MaxKeys', 'EncodingType'] as const;

/**
 * Every object under `Prefix`, page after page (`MaxKeys` a page, default
 * 1000), as `for await (const obj of client.list_objects_iter({Bucket, Prefix}))`;
 * `input` is the params object the facade made of the caller's arguments.
 * Each page is one list_objects call, so errors, `signal` and every option
 * behave as there. With a `Delimiter`, only the objects directly under
 * `Prefix` are yielded (the "subdirectories" are in list_objects'
 * `CommonPrefixes`).
 */
export async function* listObjectsIter(ctx: CosContext, input: Record<string, unknown>): AsyncGenerator<ObjectSummary, void, undefined> {
  const params = input as unknown as ListObjectsParams;
  let marker = params.Marker;
  for (;;) {
    const page = await listPage(ctx, { ...input, ...(marker !== undefined ? { Marker: marker } : {}) });
    const contents = page.Contents ?? [];
    for (const entry of contents) yield entry;
    if (page.IsTruncated !== 'true') return;
    const next = page.NextMarker ?? contents[contents.length - 1]?.Key ?? lastPrefix(page);
    if (next === undefined || next === marker) {
      throw new CosClientError('list_objects_iter: COS said the listing is truncated but gave no marker to continue from', {
        code: 'InvalidResponse',
      });
    }
    // With EncodingType 'url' the answer's keys stay encoded, but Marker is sent raw.
    marker = params.EncodingType === 'url' ? safeDecode(next) : next;
  }
}

/**
 * One page, exactly as `client.list_objects` sends it (the request layer
 * checks the client is open and refreshes credentials before it), and any
 * failure as the COS error class: the generator runs after the facade's call
 * has returned, so the facade cannot map it.
 */
async function listPage(ctx: CosContext, params: Record<string, unknown>): Promise<ListObjectsResponse> {
  try {
    return await listObjects(ctx, params);
  } catch (error) {
    throw toCosError(error, 'list_objects');
  }
}

function lastPrefix(page: ListObjectsResponse): string | undefined {
  const prefixes = page.CommonPrefixes ?? [];
  return prefixes[prefixes.length - 1]?.Prefix;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
