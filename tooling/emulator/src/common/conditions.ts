import type { IncomingHttpHeaders } from 'node:http';
import type { ObjectRecord } from '../store/types.ts';
import { parseHttpDate } from './time.ts';

export interface ConditionOptions {
  /**
   * Header name prefix, for copy-source conditions: `'x-cos-copy-source-'`
   * reads `x-cos-copy-source-if-match` and so on. Default: plain `if-*`.
   */
  prefix?: string;
}

/**
 * Evaluates conditional request headers against an existing object with the
 * precedence of RFC 9110 §13.2.2, which is also what S3 documents:
 *
 * 1. `If-Match` fails → 412. Only when `If-Match` is absent does a failing
 *    `If-Unmodified-Since` give 412.
 * 2. `If-None-Match` matches → 304. Only when `If-None-Match` is absent does
 *    a satisfied `If-Modified-Since` (not modified since) give 304.
 * 3. Otherwise 200.
 *
 * ETags compare without quotes and without a weak `W/` prefix; `*` matches any
 * existing object. Dates compare at one-second precision (HTTP dates have no
 * fractions); unparseable dates are ignored. Callers answering a write (PUT,
 * copy) usually map 304 to 412 themselves.
 */
export function evaluateConditions(headers: IncomingHttpHeaders, obj: ObjectRecord, options: ConditionOptions = {}): 200 | 304 | 412 {
  const prefix = (options.prefix ?? '').toLowerCase();
  const read = (name: string): string | undefined => {
    const v = headers[prefix + name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const modifiedSeconds = Math.floor(obj.lastModified.getTime() / 1000);

  const ifMatch = read('if-match');
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, obj.etag)) return 412;
  } else {
    const since = parseHttpDate(read('if-unmodified-since'));
    if (since && modifiedSeconds > Math.floor(since.getTime() / 1000)) return 412;
  }

  const ifNoneMatch = read('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, obj.etag)) return 304;
  } else {
    const since = parseHttpDate(read('if-modified-since'));
    if (since && modifiedSeconds <= Math.floor(since.getTime() / 1000)) return 304;
  }
  return 200;
}

/** True when a comma-separated ETag list (or `*`) names `etag`. */
export function etagListMatches(list: string, etag: string): boolean {
  const target = normalizeEtag(etag);
  return list.split(',').some((item) => {
    const t = item.trim();
    return t === '*' || (t !== '' && normalizeEtag(t) === target);
  });
}

/** `W/"abc"` → `abc`. */
export function normalizeEtag(etag: string): string {
  let t = etag.trim();
  if (t.startsWith('W/') || t.startsWith('w/')) t = t.slice(2);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  return t;
}
