/**
 * Ranged reads of encrypted objects. The request goes out with the caller's
 * Range unchanged; the object offset of the first byte that comes back is
 * read from `Content-Range`, and the keystream is positioned there (counter
 * `IV + floor(start / 16)`, `start mod 16` keystream bytes dropped). This is
 * the Python SDK's "round the start down to 16 and drop the prefix" without
 * fetching the prefix, and it also serves suffix ranges (`bytes=-500`),
 * which the Python SDK cannot.
 */
import { CosClientError } from '../errors.ts';

/** Multi-range answers are multipart/byteranges bodies: not one CTR slice. Refused before the request. */
export function refuseMultiRange(range: unknown): void {
  if (typeof range === 'string' && range.includes(',')) {
    throw new CosClientError(`Range '${range}': the encryption client reads one range at a time`, { code: 'InvalidArgument' });
  }
}

/** The object offset of the first body byte: the start of `Content-Range`, or 0 for a whole-object answer. */
export function bodyOffset(headers: Readonly<Record<string, unknown>>, op: string): number {
  let contentRange: unknown;
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === 'content-range') contentRange = value;
  if (contentRange === undefined) return 0;
  const match = typeof contentRange === 'string' ? /^bytes\s+(\d+)-\d+\/(?:\d+|\*)$/.exec(contentRange.trim()) : null;
  if (!match) throw new CosClientError(`${op}: unexpected Content-Range '${String(contentRange)}'`, { code: 'InvalidResponse' });
  return Number(match[1]);
}
