import { parseXml, type XmlValue } from '@yunstore/core';
import { CosClientError } from './errors.ts';

/** A value in a dict built from XML, as the Python SDK's `xml_to_dict` gives it. */
export type CosXmlValue = string | null | CosXmlDict | CosXmlValue[];
export interface CosXmlDict {
  [name: string]: CosXmlValue;
}

/**
 * Turns a parsed element into Python-SDK form: every value a string, an empty
 * element `null` (Python `None`), and the elements named in `lists` always
 * arrays, even when COS sent one (Python `format_dict`).
 */
export function shapeValue(value: XmlValue | undefined, lists: ReadonlySet<string>): CosXmlValue {
  if (value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (Array.isArray(value)) return value.map((v) => shapeValue(v, lists));
  const out: CosXmlDict = {};
  for (const [name, child] of Object.entries(value)) {
    if (name.startsWith('@_') || name === '#text') continue;
    const shaped = shapeValue(child, lists);
    out[name] = lists.has(name) && !Array.isArray(shaped) ? (shaped === null ? [] : [shaped]) : shaped;
  }
  return out;
}

/**
 * Parses a COS XML body into the dict under its root element. An empty body
 * or an empty root gives `{}`. Namespaces are ignored (COS sends several).
 */
export function parseCosXml(body: Buffer | string, lists: readonly string[] = []): CosXmlDict {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: Record<string, XmlValue>;
  try {
    parsed = parseXml(text);
  } catch (error) {
    throw new CosClientError(`COS answered with XML we cannot parse: ${(error as Error).message}`, {
      code: 'XmlParseError',
      cause: error,
    });
  }
  const rootName = Object.keys(parsed).find((k) => !k.startsWith('?'));
  if (rootName === undefined) return {};
  const root = shapeValue(parsed[rootName], new Set(lists));
  return root !== null && typeof root === 'object' && !Array.isArray(root) ? root : {};
}

/** The name of the root element, for checks such as "200 with `<Error>`". */
export function xmlRootName(body: Buffer | string): string | undefined {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const match = /<(?!\?|!)([A-Za-z_][\w.:-]*)/.exec(text);
  return match?.[1]?.replace(/^.*:/, '');
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Listing calls ask COS for `encoding-type=url` (keys with control characters
 * survive XML that way) and decode these fields for the caller, as the Python
 * SDK does, unless the caller asked for `EncodingType='url'` itself.
 */
export function decodeListing(dict: CosXmlDict, topFields: readonly string[], nested: ReadonlyArray<readonly [string, string]>): void {
  for (const field of topFields) {
    const v = dict[field];
    if (typeof v === 'string') dict[field] = decode(v);
  }
  for (const [list, field] of nested) {
    const items = dict[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const v = item[field];
        if (typeof v === 'string') item[field] = decode(v);
      }
    }
  }
}

/** Escapes text for an XML element body or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}
