import type { ByteRange } from '../store/types.ts';

/**
 * Parses a `Range` header against an object of `size` bytes.
 *
 * - `undefined` when there is no header or it is not a single `bytes=` range
 *   (clouds then serve the whole object with 200, as RFC 9110 allows);
 * - `'unsatisfiable'` when the range starts at or past the end, asks for a
 *   zero-length suffix, or the object is empty (answer 416 / InvalidRange);
 * - otherwise an inclusive range, its end clamped to the last byte.
 *
 * Accepted forms: `bytes=a-b`, `bytes=a-`, `bytes=-n` (the last n bytes).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return undefined;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return undefined;

  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined; // syntactically invalid: ignored
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}

/** `bytes 0-99/1000`, the `Content-Range` of a 206 answer. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

/** `bytes *\/1000`, the `Content-Range` of a 416 answer. */
export function unsatisfiedContentRange(size: number): string {
  return `bytes */${size}`;
}
