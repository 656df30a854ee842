import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** Thrown by `readBody` when the body is longer than the limit (dialects answer 400 / EntityTooLarge). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

/**
 * Reads a small request body (XML/JSON configuration, multi-delete lists)
 * into memory. Rejects with `BodyTooLargeError` as soon as more than
 * `limitBytes` arrive, and with the stream's error when the client goes away.
 * Object bodies must not come through here: stream them into the store.
 */
export async function readBody(req: IncomingMessage | Readable, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > limitBytes) {
      // Stop reading; the caller answers and the connection is closed with it.
      req.destroy();
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

export interface Target {
  /** Bucket from the Host (virtual-hosted style) or the first path segment (path style). */
  bucket?: string;
  /** Percent-decoded object key; absent for service and bucket requests. May start with or contain `/`. */
  key?: string;
  /** Decoded query parameters (`+` reads as a space, as the clouds read it). */
  query: URLSearchParams;
  /** The path exactly as sent, before `?` (what signers canonicalize). */
  rawPath: string;
  /** The query exactly as sent, without `?` ('' when none). */
  rawQuery: string;
  /** How the bucket was addressed. */
  style: 'virtual-hosted' | 'path';
}

/**
 * Splits a request target into bucket, key and query.
 *
 * Virtual-hosted style: when the Host (port removed) is `<bucket>.<suffix>` for
 * one of `virtualHostSuffixes` (the longest suffix wins, so `a.b.cos.localhost`
 * with suffixes `localhost` and `cos.localhost` is bucket `a.b`), the whole
 * path after the first `/` is the key. A Host equal to a suffix, an IP address
 * or any other name means path style: `/bucket/key`.
 *
 * Keys are percent-decoded as UTF-8 but never `+`-decoded (a `+` in a path is
 * a plus). `/bucket/` and `/bucket` are bucket requests; `/bucket//a` is key
 * `/a`; `/bucket/a/` is key `a/`.
 */
export function splitTarget(req: Pick<IncomingMessage, 'url' | 'headers'>, virtualHostSuffixes: readonly string[]): Target {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const query = new URLSearchParams(rawQuery);
  const host = hostName(req.headers.host);
  const bucketInHost = host === undefined ? undefined : bucketFromHost(host, virtualHostSuffixes);

  // Strip the single leading slash of origin-form; anything else belongs to the key.
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;

  if (bucketInHost !== undefined) {
    return withKey({ bucket: bucketInHost, query, rawPath, rawQuery, style: 'virtual-hosted' }, path);
  }
  if (path === '') return { query, rawPath, rawQuery, style: 'path' };
  const slash = path.indexOf('/');
  const bucket = percentDecode(slash < 0 ? path : path.slice(0, slash));
  const rest = slash < 0 ? '' : path.slice(slash + 1);
  return withKey({ bucket, query, rawPath, rawQuery, style: 'path' }, rest);
}

function withKey(target: Target, encodedKey: string): Target {
  if (encodedKey === '') return target;
  return { ...target, key: percentDecode(encodedKey) };
}

/** Lower-case host name without the port (IPv6 brackets kept out). */
function hostName(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

function bucketFromHost(host: string, suffixes: readonly string[]): string | undefined {
  const sorted = suffixes.map((s) => s.toLowerCase().replace(/^\.+/, '')).sort((a, b) => b.length - a.length);
  if (sorted.includes(host)) return undefined;
  for (const suffix of sorted) {
    if (suffix !== '' && host.endsWith(`.${suffix}`)) {
      const bucket = host.slice(0, host.length - suffix.length - 1);
      if (bucket !== '') return bucket;
    }
  }
  return undefined;
}

/**
 * Decodes `%XX` sequences as UTF-8 bytes. Malformed escapes (`%zz`, a lone
 * `%`) stay literal instead of throwing, because a key is whatever the client
 * sent and the signature check will catch a client that meant otherwise.
 */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}
