import type { IncomingMessage } from 'node:http';
import { percentDecode, splitTarget } from '../../common/http.ts';

/** Where a NOS request points, with the raw (still encoded) key as the client signed it. */
export interface NosTarget {
  bucket: string | undefined;
  key: string | undefined;
  /** The key segment exactly as it appeared on the wire (e.g. `a%2Fb`), '' for bucket requests. */
  rawKey: string;
  query: URLSearchParams;
  /** Query pairs in wire order, values decoded, bare flags as ''. */
  queryPairs: Array<[string, string]>;
  /** The bucket came from the Host (`bucket.<endpoint>`), not from the path. */
  virtualHosted: boolean;
}

/**
 * Host names that mean "bucket in the Host": the configured suffixes, plus
 * the loopback names the vendor SDKs end up with when pointed at the
 * emulator (`<bucket>.127.0.0.1`, `<bucket>.localhost`).
 */
export function hostSuffixes(configured: readonly string[]): string[] {
  return [...configured, 'nos-eastchina1.126.net', 'localhost', '127.0.0.1'];
}

function decodeQuery(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return raw
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      return [safeDecode(name), safeDecode(value.replace(/\+/g, '%20'))];
    });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Virtual-hosted (`Host: bucket.<endpoint>`, path `/<encodedKey>`) or path
 * style (`/<bucket>/<encodedKey>`). NOS encodes `/` inside keys as `%2F`, so
 * the key is everything after the first (virtual) or second (path) slash.
 */
export function parseNosTarget(req: IncomingMessage, suffixes: readonly string[]): NosTarget {
  const split = splitTarget(req, [...suffixes]);
  const virtual = split.style === 'virtual-hosted';
  let rawKey = '';
  if (split.bucket !== undefined) {
    const prefix = virtual ? '/' : `/${split.bucket}/`;
    rawKey = split.rawPath.startsWith(prefix) ? split.rawPath.slice(prefix.length) : '';
  }
  const key = rawKey === '' ? undefined : percentDecode(rawKey);
  return { bucket: split.bucket, key, rawKey, query: split.query, queryPairs: decodeQuery(split.rawQuery), virtualHosted: virtual };
}
