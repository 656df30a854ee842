import type { ObjectRecord, ObjectStore } from '../store/types.ts';
import { compareKeys } from './keys.ts';

export interface ListPageOptions {
  /** Only keys starting with this. */
  prefix?: string;
  /** Roll keys up to the first occurrence of this after the prefix (usually `/`). Empty means none. */
  delimiter?: string;
  /** Start after this key (exclusive); also skips common prefixes at or before it. */
  marker?: string;
  /** Most entries (keys plus common prefixes) to return; 0 or less returns an empty, untruncated page (as S3 does). */
  maxKeys: number;
}

export interface ListPage {
  contents: ObjectRecord[];
  /** Distinct rolled-up prefixes, each including the delimiter, in key order. */
  commonPrefixes: string[];
  isTruncated: boolean;
  /** When truncated: the last key or common prefix returned (what to pass as the next `marker`). */
  nextMarker?: string;
}

/**
 * One page of a bucket listing with S3 semantics, shared by all dialects:
 * keys and common prefixes interleave in key order and both count toward
 * `maxKeys`; a common prefix is reported once, and never again on a later page
 * whose marker is that prefix (or a key under it).
 */
export async function listPage(store: ObjectStore, bucket: string, options: ListPageOptions): Promise<ListPage> {
  const prefix = options.prefix ?? '';
  const delimiter = options.delimiter ?? '';
  const marker = options.marker ?? '';
  const contents: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let count = 0;
  if (options.maxKeys <= 0) return { contents, commonPrefixes, isTruncated: false };

  for await (const obj of store.listObjects(bucket, listFrom(prefix, marker))) {
    const entry = rollUp(obj.key, prefix, delimiter);
    if (entry !== undefined) {
      // Still inside the prefix we just reported, or a prefix the marker already passed.
      if (entry === last || compareKeys(entry, marker) <= 0) continue;
    }
    if (count >= options.maxKeys) {
      return { contents, commonPrefixes, isTruncated: true, nextMarker: last ?? marker };
    }
    count++;
    if (entry === undefined) {
      contents.push(obj);
      last = obj.key;
    } else {
      commonPrefixes.push(entry);
      last = entry;
    }
  }
  return { contents, commonPrefixes, isTruncated: false };
}

function listFrom(prefix: string, marker: string): { prefix?: string; after?: string } {
  const from: { prefix?: string; after?: string } = {};
  if (prefix !== '') from.prefix = prefix;
  if (marker !== '') from.after = marker;
  return from;
}

/** The common prefix `key` rolls up into, or undefined when it is listed as itself. */
function rollUp(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === '') return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}
