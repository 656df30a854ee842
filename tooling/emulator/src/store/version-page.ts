import { compareKeys } from '../common/keys.ts';
import type { VersionListOptions, VersionPage, VersionRecord } from './types.ts';

/** A key and all its versions, newest first. */
export interface KeyVersions {
  key: string;
  versions: VersionRecord[];
}

/** Where a versions listing starts reading keys: `after` excludes the key, `from` includes it. */
export function versionsStart(options: VersionListOptions): { prefix: string; after?: string; from?: string } {
  const prefix = options.prefix ?? '';
  const keyMarker = options.keyMarker ?? '';
  if (keyMarker === '') return { prefix };
  return (options.versionIdMarker ?? '') === '' ? { prefix, after: keyMarker } : { prefix, from: keyMarker };
}

export function versionIdOfRecord(v: VersionRecord): string {
  return v.deleteMarker ? v.marker.versionId : (v.object.versionId ?? 'null');
}

/**
 * One page of a versions listing (S3 / COS `GET /?versions`) over keys in
 * order, as `versionsStart` chose them. Versions, delete markers and common
 * prefixes all count toward `maxKeys`; a page may end in the middle of a key,
 * and the next one resumes after (`keyMarker`, `versionIdMarker`). A common
 * prefix is reported once, and never again on a page whose key marker is at
 * or past it. A `versionIdMarker` that the key does not have resumes at the
 * next key.
 */
export async function pageVersions(keys: AsyncIterable<KeyVersions> | Iterable<KeyVersions>, options: VersionListOptions): Promise<VersionPage> {
  const prefix = options.prefix ?? '';
  const delimiter = options.delimiter ?? '';
  const keyMarker = options.keyMarker ?? '';
  const versionIdMarker = options.versionIdMarker ?? '';
  const page: VersionPage = { entries: [], commonPrefixes: [], isTruncated: false };
  if (options.maxKeys <= 0) return page;
  let count = 0;
  let last: { key: string; versionId: string } | undefined;
  const full = (): boolean => {
    if (count < options.maxKeys) return false;
    page.isTruncated = true;
    page.nextKeyMarker = last?.key ?? keyMarker;
    page.nextVersionIdMarker = last?.versionId ?? versionIdMarker;
    return true;
  };

  for await (const { key, versions } of keys) {
    if (!key.startsWith(prefix)) break;
    const rolled = rollUp(key, prefix, delimiter);
    if (rolled !== undefined) {
      // Still inside the prefix just reported, or one the key marker has passed.
      if (rolled === last?.key || (keyMarker !== '' && compareKeys(rolled, keyMarker) <= 0)) continue;
      if (full()) return page;
      page.commonPrefixes.push(rolled);
      count++;
      last = { key: rolled, versionId: '' };
      continue;
    }
    let rest = versions;
    if (key === keyMarker && versionIdMarker !== '') {
      const at = versions.findIndex((v) => versionIdOfRecord(v) === versionIdMarker);
      rest = at < 0 ? [] : versions.slice(at + 1);
    }
    for (const v of rest) {
      if (full()) return page;
      page.entries.push(v);
      count++;
      last = { key, versionId: versionIdOfRecord(v) };
    }
  }
  return page;
}

/** The common prefix `key` rolls up into, or undefined when it is listed as itself. */
function rollUp(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === '') return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}
