/**
 * Shaping BOS answers the way the Python SDK hands them back (protocol §9.2):
 * JSON keys camelCase → snake_case, recursively; headers into `metadata`.
 * `eTag` becomes `e_tag` (the seed's name) AND `etag` (what every shipped
 * Python version returns), both enumerable, same value.
 */
import { utf8HeaderValue } from '@yunstore/core';

/** `isTruncated` → `is_truncated`, `nextPartNumberMarker` → `next_part_number_marker`, `eTag` → `e_tag`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([^0-9_])([0-9]{2,})/g, '$1_$2')
    .toLowerCase();
}

/** Converts parsed JSON recursively; numbers and booleans keep their JSON types. */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const name = snakeCase(key);
    out[name] = snakeKeys(v);
    if (name === 'e_tag') out['etag'] = out[name];
  }
  return out;
}

/** The headers of an answer, as Python's `response.metadata` (values stay strings, as in Python). */
export interface BosMetadata {
  /** `x-bce-request-id`. */
  bce_request_id?: string;
  /** `Content-Length` as sent (a string, as in Python). */
  content_length?: string;
  content_type?: string;
  content_md5?: string;
  content_range?: string;
  last_modified?: string;
  date?: string;
  server?: string;
  /** ETag without quotes (the seed's name). */
  e_tag?: string;
  /** ETag without quotes (the Python SDK's name; same value as `e_tag`). */
  etag?: string;
  /** `x-bce-storage-class`. */
  bce_storage_class?: string;
  /** User metadata (`x-bce-meta-*`), prefix stripped: `{author: 'Zhang San'}`. The seed calls it `bce_meta`. */
  bce_meta: Record<string, string>;
  /** The same map under the Python SDK's `get_object` name. */
  user_metadata: Record<string, string>;
  /** One user metadata entry, Python-style: `x-bce-meta-author` → `bce_meta_author` (a plain string). */
  [meta: `bce_meta_${string}`]: string;
  /** Every other header, Python-style: `x-bce-debug-id` → `bce_debug_id`. */
  [header: string]: string | Record<string, string> | undefined;
}

/** Metadata of an answer that always carries an ETag (PUT object, upload part, GET and HEAD object). */
export type BosMetadataWithEtag = BosMetadata & {
  /** ETag without quotes (the seed's name). */
  e_tag: string;
  /** Same as `e_tag` (the Python SDK's name). */
  etag: string;
};

/** Attribute names already worked out (bounded: a server may send any header names). */
const ATTRIBUTES = new Map<string, string>();

/** `x-bce-meta-author` → `bce_meta_author`; `content-length` → `content_length`. */
export function headerAttribute(name: string): string {
  // Every answer names the same dozen headers: the regexes run once per name, not once per response.
  let attribute = ATTRIBUTES.get(name);
  if (attribute === undefined) {
    const lower = name.toLowerCase();
    const bce = lower.startsWith('x-bce-') ? `bce_${lower.slice('x-bce-'.length)}` : lower;
    attribute = snakeCase(bce.replace(/-/g, '_'));
    if (ATTRIBUTES.size >= 256) ATTRIBUTES.clear();
    ATTRIBUTES.set(name, attribute);
  }
  return attribute;
}

export function unquote(etag: string): string {
  return etag.length >= 2 && etag.startsWith('"') && etag.endsWith('"') ? etag.slice(1, -1) : etag;
}

/**
 * A header value as text: BOS sends UTF-8 there (user metadata `作者: 张三`),
 * and the Python SDK re-decodes every header value from latin-1 bytes as
 * UTF-8; so do we, keeping the value as received when it is not UTF-8.
 */
export const decodeHeaderValue = utf8HeaderValue;

export function toMetadata(headers: Readonly<Record<string, string>>): BosMetadata {
  const meta: BosMetadata = { bce_meta: {}, user_metadata: {} };
  for (const [name, raw] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const value = decodeHeaderValue(raw);
    if (lower === 'etag') {
      meta.e_tag = meta.etag = unquote(value);
      continue;
    }
    meta[headerAttribute(lower)] = value;
    if (lower.startsWith('x-bce-meta-')) {
      const key = lower.slice('x-bce-meta-'.length);
      meta.bce_meta[key] = value;
      meta.user_metadata[key] = value;
    }
  }
  return meta;
}

/** `metadata` of an answer that always has an ETag; `''` if a server left it out. */
export function withEtag(meta: BosMetadata): BosMetadataWithEtag {
  const etag = meta.e_tag ?? '';
  return Object.assign(meta, { e_tag: etag, etag });
}

/** Every response: Python's `BceResponse` always has `metadata`. */
export interface BosResponse {
  metadata: BosMetadata;
}

/** A BOS JSON result (`{}` for an empty body); anything else throws, and the request layer names the method. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SyntaxError('the answer is not a JSON object');
}
