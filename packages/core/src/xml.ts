import { createRequire } from 'node:module';
import type * as Fxp from 'fast-xml-parser';
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

let fxp: typeof Fxp | undefined;

/**
 * fast-xml-parser, loaded on first use and through `require`: its CommonJS
 * build is one file, its ESM build dozens of modules (about 40 ms of import
 * time), and most programs that import an SDK parse XML only later, if at all.
 */
function fastXmlParser(): typeof Fxp {
  // The CommonJS build gets `import.meta.url` from tsup's shim (see tsup.config.ts).
  fxp ??= createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp;
  return fxp;
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
 * become repeated elements, `undefined` members are skipped.
 */
export function buildXml(root: string, body: Record<string, unknown>, options: BuildXmlOptions = {}): string {
  builder ??= new (fastXmlParser().XMLBuilder)({
    ignoreAttributes: true,
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
