/**
 * Response shaping shared by every operation: botocore's ResponseMetadata,
 * and typed readers for XML text (timestamps → Date, sizes → number,
 * booleans → boolean, repeated elements → arrays).
 */
import { parseXml, type WireResponse, type XmlObject, type XmlValue } from '@yunstore/core';

export interface ResponseMetadata {
  RequestId: string;
  HostId: string;
  HTTPStatusCode: number;
  /** Lower-cased header names. */
  HTTPHeaders: Record<string, string>;
  RetryAttempts: number;
}

/** Every response carries it. */
export interface OosResponse {
  ResponseMetadata: ResponseMetadata;
}

export function responseMetadata(res: Pick<WireResponse, 'status' | 'headers' | 'attempts'>): ResponseMetadata {
  return {
    RequestId: res.headers['x-amz-request-id'] ?? '',
    HostId: res.headers['x-amz-id-2'] ?? '',
    HTTPStatusCode: res.status,
    HTTPHeaders: { ...res.headers },
    RetryAttempts: Math.max(0, res.attempts - 1),
  };
}

/**
 * The result of a call whose answer has no body worth reading: only
 * ResponseMetadata, as boto3 returns (the layer drained the body).
 */
export function metadataOnly(res: Pick<WireResponse, 'status' | 'headers' | 'attempts'>): OosResponse {
  return { ResponseMetadata: responseMetadata(res) };
}

export function node(value: XmlValue | undefined): XmlObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

export function list(value: XmlValue | undefined): XmlObject[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(node);
}

export function str(value: XmlValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function int(value: XmlValue | string | undefined): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function bool(value: XmlValue | string | undefined): boolean | undefined {
  return typeof value === 'string' ? value.trim().toLowerCase() === 'true' : undefined;
}

export function date(value: XmlValue | string | undefined): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Copies defined values only, so absent fields stay absent (exactOptionalPropertyTypes-friendly). */
export function defined<T extends Record<string, unknown>>(obj: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

export interface Owner {
  DisplayName?: string;
  ID?: string;
}

export function owner(value: XmlValue | undefined): Owner {
  const n = node(value);
  return defined({ DisplayName: str(n['DisplayName']), ID: str(n['ID']) });
}

/** `x-amz-meta-*` response headers → `Metadata` (lower-case names, as botocore). */
export function metadataFromHeaders(headers: Record<string, string>): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-')) meta[name.slice('x-amz-meta-'.length)] = value;
  }
  return meta;
}

/** URL-decodes listing fields when the answer says `EncodingType: url`. */
export function urlDecoder(encodingType: string | undefined): (s: string | undefined) => string | undefined {
  if (encodingType !== 'url') return (s) => s;
  return (s) => (s === undefined ? s : decodeURIComponent(s.replace(/\+/g, ' ')));
}

/**
 * The parser of an XML result for `ctx.http.parse`: the element under `root`
 * (`{}` for an empty body), with `arrays` the paths under it that are always
 * lists. A document with another root throws, which core reports as a
 * protocol failure (never a bare SyntaxError).
 */
export function xmlResult(root: string, arrays: readonly string[] = []): (bytes: Buffer) => XmlObject {
  const paths = arrays.map((a) => `${root}.${a}`);
  return (bytes) => {
    if (bytes.length === 0) return {};
    const top = parseXml(bytes, { arrays: paths })[root];
    if (top === undefined) throw new Error(`expected a <${root}> document`);
    return top && typeof top === 'object' && !Array.isArray(top) ? top : {};
  };
}
