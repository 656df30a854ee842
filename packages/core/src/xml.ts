import type * as Fxp from 'fast-xml-parser';
import { loadFastXmlParser } from '../load-fast-xml-parser.cjs';
import { YunstoreError } from './errors.ts';

/**
 * One XML configuration for every vendor. Values stay strings (COS and the
 * seeds show `'IsTruncated': 'false'`; the vendor layer converts where its
 * SDK returns numbers or Dates). Entity expansion is off in the parser and
 * DOCTYPE is refused outright, so a hostile body cannot expand entities; the
 * five predefined XML entities and numeric references are decoded by hand,
 * because object keys legitimately contain `&`, `<` and friends.
 */

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? '';
  });
}

export interface ParseXmlOptions {
  /**
   * Dotted element paths that always parse to arrays, even with one element,
   * e.g. `'ListBucketResult.Contents'`.
   */
  arrays?: Iterable<string>;
}

export type XmlObject = { [name: string]: XmlValue };
export type XmlValue = string | XmlObject | XmlValue[];

/**
 * fast-xml-parser, loaded on first use: its CommonJS build is one file, its
 * ESM build dozens of modules (about 40 ms of import time), and most programs
 * that import an SDK parse XML only later, if at all. The loader is a plain
 * `require` in a CommonJS file, so bundlers see the dependency and bundle it.
 */
function fastXmlParser(): typeof Fxp {
  return loadFastXmlParser();
}

const parserCache = new Map<string, Fxp.XMLParser>();

function parserFor(arrays: Set<string>): Fxp.XMLParser {
  const cacheKey = [...arrays].sort().join('|');
  let parser = parserCache.get(cacheKey);
  if (!parser) {
    parser = new (fastXmlParser().XMLParser)({
      ignoreAttributes: true,
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      htmlEntities: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      removeNSPrefix: true,
      isArray: (_name, jpath) => arrays.has(String(jpath)),
      tagValueProcessor: (_name, value) => decodeEntities(value),
    });
    if (parserCache.size > 64) parserCache.clear();
    parserCache.set(cacheKey, parser);
  }
  return parser;
}

/** Parses a response body. Empty elements become `''`; repeated elements become arrays. */
export function parseXml(xml: string | Uint8Array, options: ParseXmlOptions = {}): XmlObject {
  const text = typeof xml === 'string' ? xml : Buffer.from(xml).toString('utf8');
  if (/<!DOCTYPE/i.test(text)) {
    throw new YunstoreError('XmlParseError', 'XML with a DOCTYPE is refused (entity expansion is disabled)');
  }
  const parser = parserFor(new Set(options.arrays ?? []));
  try {
    const parsed: unknown = parser.parse(text, true);
    return (parsed && typeof parsed === 'object' ? parsed : {}) as XmlObject;
  } catch (error) {
    throw new YunstoreError('XmlParseError', `malformed XML: ${(error as Error).message}`, { cause: error });
  }
}

export interface BuildXmlOptions {
  /** Prepend `<?xml version="1.0" encoding="UTF-8"?>`. Default false. */
  declaration?: boolean;
}

let builder: Fxp.XMLBuilder | undefined;

/**
 * Serialises `{ Child: 'v', List: [{...}, {...}] }` under `<root>`; arrays
 * become repeated elements, `undefined` members are skipped, and keys
 * starting with `@_` are attributes of their element (`'@_xmlns'`,
 * `'@_xsi:type'`), so no vendor writes XML by hand. Text and attribute
 * values are escaped.
 */
export function buildXml(root: string, body: Record<string, unknown>, options: BuildXmlOptions = {}): string {
  builder ??= new (fastXmlParser().XMLBuilder)({
    // Keys starting with `@_` are written as attributes: `{ Grantee: { '@_xsi:type': 'CanonicalUser', ID } }`.
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: false,
    suppressEmptyNode: false,
    processEntities: true,
  });
  const xml = builder.build({ [root]: dropUndefined(body) }) as string;
  return options.declaration ? `<?xml version="1.0" encoding="UTF-8"?>${xml}` : xml;
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}
