import { encodeRfc3986 } from './encode.ts';
import type { WireRequest } from './types.ts';

/** `a=1&uploads&b=x%20y` — RFC 3986 encoding; bare parameters have no `=`. */
export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .map(([name, value]) => (value === '' ? encodeRfc3986(name) : `${encodeRfc3986(name)}=${encodeRfc3986(value)}`))
    .join('&');
}

/** The path and query as they go on the request line. */
export function requestTarget(req: Pick<WireRequest, 'path' | 'query'>): string {
  const query = encodeQuery(req.query);
  return query ? `${req.path}?${query}` : req.path;
}

/** The full URL of a request: origin + path + query. */
export function buildUrl(req: Pick<WireRequest, 'origin' | 'path' | 'query'>): string {
  return req.origin + requestTarget(req);
}

/** `host[:port]` of an origin, the value of the Host header. */
export function hostOf(origin: string): string {
  return new URL(origin).host;
}
