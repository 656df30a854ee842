import { encodeRfc3986 } from './encode.ts';
import type { WireRequest } from './types.ts';

/** `a=1&uploads&b=x%20y` — RFC 3986 encoding; bare parameters have no `=`. */
export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => (value === '' ? encodeRfc3986(name) : `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)).join('&');
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

const hosts = new Map<string, string>();

/**
 * `host[:port]` of an origin, the value of the Host header (a scheme's
 * default port is dropped, as on the wire). Signers call it per request, and
 * URL parsing costs more than a signature's string work, so it is cached.
 */
export function hostOf(origin: string): string {
  let host = hosts.get(origin);
  if (host === undefined) {
    host = new URL(origin).host;
    if (hosts.size >= 256) hosts.clear();
    hosts.set(origin, host);
  }
  return host;
}
