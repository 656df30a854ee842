/** `Tue, 02 Jan 2024 03:04:05 GMT` — the HTTP date of `Last-Modified`, `Date`, `Expires`. */
export function rfc1123(date: Date): string {
  return date.toUTCString();
}

/**
 * `2024-01-02T03:04:05.000Z` — the XML timestamp of listings. Pass
 * `{ millis: false }` for `2024-01-02T03:04:05Z` (some dialects omit them).
 */
export function iso8601(date: Date, options: { millis?: boolean } = {}): string {
  const s = date.toISOString();
  return options.millis === false ? `${s.slice(0, 19)}Z` : s;
}

/** Parses an HTTP date (RFC 1123, RFC 850 or asctime); undefined when it is not one. */
export function parseHttpDate(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
