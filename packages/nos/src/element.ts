import { parseXml, type XmlObject, type XmlValue } from '@yunstore/core';
import { XmlParseError } from './errors.ts';

/**
 * What Python's `xml.etree.ElementTree` gives NOS users, for the `response`
 * of list_objects, delete_objects and the multipart calls:
 *
 *   resp.response.find('UploadId').text
 *   resp.response.findtext('IsTruncated')            // 'true'
 *   for (const c of resp.response.findall('Contents')) c.findtext('Key')
 *   for (const k of resp.response.iter('Key')) k.text
 *   resp.response.findtext('Contents/Etag')          // the seed's spelling of ETag works too
 *
 * The object is the tree and its root element at once (`tag` is the root's
 * tag; `getroot()` returns itself). Values are strings, as in Python.
 * Namespaces are dropped: tags are local names (`Contents`, never
 * `{http://doc.nos.netease.com/2012-03-01}Contents`), and `{ns}Tag` in a path
 * matches `Tag`. `attrib` / `get(name)` are ElementTree's attribute access;
 * namespace declarations (`xmlns`) are not attributes there and not here, so
 * on NOS's documents (which carry no other attributes) `attrib` is `{}` and
 * `get` gives its default. `toObject()` / `toJSON()` give a plain object.
 */
export class NosElement {
  readonly tag: string;
  /** The text of a leaf element ('' when empty); null for an element with children, as Python gives whitespace or None. */
  readonly text: string | null;
  readonly children: readonly NosElement[];
  /** ElementTree's `attrib`: the element's attributes, name to value (`{}` when it has none). */
  readonly attrib: Readonly<Record<string, string>>;

  constructor(tag: string, text: string | null, children: readonly NosElement[] = [], attrib: Readonly<Record<string, string>> = {}) {
    this.tag = tag;
    this.text = text;
    this.children = children;
    this.attrib = attrib;
  }

  /** ElementTree's `get(key, default=None)`: the attribute `key`, or `fallback` (default null) when absent. */
  get(key: string, fallback: string | null = null): string | null {
    return Object.hasOwn(this.attrib, key) ? (this.attrib[key] ?? fallback) : fallback;
  }

  /** ElementTree's `keys()`: the attribute names. */
  keys(): string[] {
    return Object.keys(this.attrib);
  }

  /** ElementTree's `items()`: the attributes as `[name, value]` pairs. */
  items(): Array<[string, string]> {
    return Object.entries(this.attrib);
  }

  /** Python's ElementTree.getroot(): this object is already the root. */
  getroot(): NosElement {
    return this;
  }

  /** The first element matching `path` (ElementPath subset: `a/b`, `.`, `*`, `.//a`), or null. */
  find(path: string): NosElement | null {
    return this.findall(path)[0] ?? null;
  }

  /** Every element matching `path`, in document order. */
  findall(path: string): NosElement[] {
    let current: NosElement[] = [this];
    const steps = normalisePath(path);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as string;
      if (step === '.') continue;
      if (step === '') {
        // `//`: the next step matches at any depth below the current elements.
        const next = steps[++i] ?? '*';
        current = current.flatMap((el) => el.descendants().filter((d) => matches(d, next)));
        continue;
      }
      current = current.flatMap((el) => el.children.filter((c) => matches(c, step)));
    }
    return current;
  }

  /** The text of the first match; `fallback` (default null) when nothing matches, '' for an element without text. */
  findtext(path: string, fallback: string | null = null): string | null {
    const found = this.find(path);
    if (!found) return fallback;
    return found.text ?? '';
  }

  /** Python's `iterfind(path)`: the matches of `findall`, one at a time. */
  *iterfind(path: string): Generator<NosElement> {
    yield* this.findall(path);
  }

  /** Python's `itertext()`: the text of this element and its descendants, in document order. */
  *itertext(): Generator<string> {
    for (const el of this.iter()) if (el.text) yield el.text;
  }

  /** This element and all its descendants (only those with `tag` when given), depth first. */
  *iter(tag?: string): Generator<NosElement> {
    if (tag === undefined || tag === '*' || matches(this, tag)) yield this;
    for (const child of this.children) yield* child.iter(tag);
  }

  /** Direct children, like iterating a Python Element. */
  [Symbol.iterator](): Iterator<NosElement> {
    return this.children[Symbol.iterator]();
  }

  get length(): number {
    return this.children.length;
  }

  private descendants(): NosElement[] {
    return this.children.flatMap((c) => [c, ...c.descendants()]);
  }

  /**
   * A plain object of the children: leaves become strings, repeated tags and
   * tags in `arrays` (the list elements of NOS documents) become arrays.
   */
  toObject(arrays: ReadonlySet<string> = LIST_TAGS): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const child of this.children) {
      const value = child.children.length > 0 ? child.toObject(arrays) : (child.text ?? '');
      const existing = out[child.tag];
      if (existing === undefined) out[child.tag] = arrays.has(child.tag) ? [value] : value;
      else if (Array.isArray(existing) && (arrays.has(child.tag) || Array.isArray(existing))) existing.push(value);
      else out[child.tag] = [existing, value];
    }
    return out;
  }

  toJSON(): Record<string, unknown> {
    return { [this.tag]: this.toObject() };
  }
}

/**
 * Tags that repeat in NOS documents; `toObject` always makes them arrays.
 * (`Bucket` is not one: in every NOS answer it is the single bucket name.)
 */
export const LIST_TAGS: ReadonlySet<string> = new Set(['Contents', 'CommonPrefixes', 'Deleted', 'Error', 'Part', 'Upload']);

/**
 * The seed's tables spell some elements differently from the service (and
 * from the seed's own XML samples): `Etag` for `ETag`, `NextMark` for
 * `NextMarker`, `delimiter` for `Delimiter`, `StorageClasss` for
 * `StorageClass`. A path step in either spelling matches an element in
 * either spelling, so code written from the tables works on the service's
 * documents and the other way round.
 */
export const SEED_SPELLINGS: Readonly<Record<string, string>> = {
  Etag: 'ETag',
  NextMark: 'NextMarker',
  delimiter: 'Delimiter',
  StorageClasss: 'StorageClass',
};

function canonical(tag: string): string {
  return SEED_SPELLINGS[tag] ?? tag;
}

function localName(tag: string): string {
  return tag.replace(/^\{[^}]*\}/, '');
}

function matches(el: NosElement, step: string): boolean {
  if (step === '*') return true;
  const wanted = localName(step);
  return el.tag === wanted || canonical(el.tag) === canonical(wanted);
}

/** `./a/b` → ['.', 'a', 'b']; `.//a` → ['.', '', 'a']; `{ns}a` kept whole. */
function normalisePath(path: string): string[] {
  if (path.startsWith('/')) throw new SyntaxError(`cannot use absolute path on element: ${path}`);
  const steps: string[] = [];
  let buf = '';
  let inNs = false;
  for (const ch of path) {
    if (ch === '{') inNs = true;
    if (ch === '}') inNs = false;
    if (ch === '/' && !inNs) {
      steps.push(buf);
      buf = '';
    } else buf += ch;
  }
  steps.push(buf);
  return steps.filter((s, i) => !(s === '' && i === steps.length - 1));
}

function build(tag: string, value: XmlValue): NosElement[] {
  if (Array.isArray(value)) return value.flatMap((v) => build(tag, v));
  if (typeof value === 'string') return [new NosElement(tag, value)];
  const children: NosElement[] = [];
  for (const [name, child] of Object.entries(value)) {
    if (name === '#text') continue; // whitespace between child elements
    children.push(...build(name, child));
  }
  const text = children.length === 0 ? (typeof value['#text'] === 'string' ? value['#text'] : '') : null;
  return [new NosElement(tag, text, children)];
}

/**
 * Parses a NOS XML answer into a `NosElement`. A body that is not XML, or
 * has no root element, raises `XmlParseError` as the Python SDK does.
 */
export function parseElement(xml: string | Uint8Array): NosElement {
  let doc: XmlObject;
  try {
    doc = parseXml(xml);
  } catch (error) {
    throw new XmlParseError('the response body is not valid XML', error);
  }
  const roots = Object.entries(doc).filter(([name]) => name !== '#text');
  const first = roots[0];
  if (roots.length !== 1 || !first) throw new XmlParseError('the response body has no single root element');
  const [tag, value] = first;
  const built = build(tag, value)[0];
  if (!built) throw new XmlParseError('the response body has no root element');
  return built;
}
