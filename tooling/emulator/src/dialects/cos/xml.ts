/**
 * The COS answers' XML. A tiny serializer of our own because the versions
 * listing interleaves `<Version>` and `<DeleteMarker>` siblings in key order
 * (SEQUENCE below), which core's `buildXml` cannot express: it groups a
 * name's elements together. Answers with attributes (ACLs) use core's
 * builder; request bodies are read with core's `parseXml`.
 */

/** A node: text, a nested element map, a list (repeated element) or nothing (skipped). */
export type XmlNode = string | number | boolean | undefined | null | XmlElement | XmlNode[];
export interface XmlElement {
  [name: string]: XmlNode;
}

/**
 * Children whose names alternate, in order, under this key: a list of
 * elements whose entries are written where the key stands
 * (`{ [SEQUENCE]: [{ Version: ... }, { DeleteMarker: ... }, { Version: ... }] }`).
 */
export const SEQUENCE = '@sequence';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function element(name: string, value: XmlNode): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .filter(([k]) => !k.startsWith('#'))
      .map(([k, v]) => (k === SEQUENCE ? sequence(v) : element(k, v)))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function sequence(items: XmlNode): string {
  if (!Array.isArray(items)) return '';
  return items
    .map((item) =>
      item && typeof item === 'object' && !Array.isArray(item)
        ? Object.entries(item)
            .map(([k, v]) => element(k, v))
            .join('')
        : '',
    )
    .join('');
}

/** `<?xml ...?><root>...</root>` */
export function toXml(root: string, body: XmlElement | string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, body)}`;
}

/** A parsed XML value (core `parseXml`) read as a list: one element or many. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** A parsed XML child as text ('' when absent or not text). */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A parsed XML child as an element map ({} when absent). */
export function objOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
