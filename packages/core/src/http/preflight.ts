/**
 * Checks made before a request leaves: faults in our own arguments must fail
 * at once with a message naming them, not travel to undici, fail there as a
 * "network" error and be retried three times.
 */

// Visible ASCII, space and tab: what every vendor's signer and server read the same way.
const SAFE_VALUE = /^[\t\x20-\x7e]*$/;
// With `rawBytes`: also 0x80-0xFF, each char one byte on the wire (undici writes headers as latin1).
const BYTE_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function describe(value: string): string {
  if (/[\r\n]/.test(value)) return 'a line break (CR or LF)';
  if (value.includes('\0')) return 'a NUL character';
  const bad = [...value].find((ch) => !SAFE_VALUE.test(ch));
  return bad === undefined
    ? 'an invalid character'
    : `the character ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Which of the headers the transport may add itself a request already has (any case). */
export interface PresentHeaders {
  userAgent: boolean;
  contentLength: boolean;
}

/**
 * Throws a `TypeError` naming the header when a name is not an HTTP token or a
 * value holds anything but printable ASCII. A vendor whose protocol carries
 * UTF-8 bytes in headers (BOS, as its Python SDK sends metadata) signs the
 * text, then hands the bytes as a latin1 string and sets `rawBytes`.
 *
 * Every request passes here, so the same walk over the names also reports
 * whether User-Agent and Content-Length are present (the transport would
 * otherwise walk them twice more to find out).
 */
export function checkHeaders(headers: Readonly<Record<string, string>>, options: { rawBytes?: boolean } = {}): PresentHeaders {
  const allowed = options.rawBytes ? BYTE_VALUE : SAFE_VALUE;
  const present: PresentHeaders = { userAgent: false, contentLength: false };
  for (const name in headers) {
    if (!TOKEN.test(name)) throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
    const value = headers[name]!;
    if (!allowed.test(value)) {
      throw new TypeError(`header ${name} has ${describe(value)} in its value; only printable ASCII can be sent in a header`);
    }
    // Only a name of the right length is lower-cased.
    if (name.length === 10) present.userAgent ||= name.toLowerCase() === 'user-agent';
    else if (name.length === 14) present.contentLength ||= name.toLowerCase() === 'content-length';
  }
  return present;
}

/** Throws a `TypeError` when a string holds a lone UTF-16 surrogate, which no URL or UTF-8 encoding can carry. */
export function checkWellFormed(value: string, what: string): void {
  // String.prototype.isWellFormed is Node 20+; the regex is the fallback's meaning.
  const wellFormed =
    typeof (value as { isWellFormed?: () => boolean }).isWellFormed === 'function'
      ? (value as unknown as { isWellFormed(): boolean }).isWellFormed()
      : !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
  if (!wellFormed) throw new TypeError(`${what} contains a lone UTF-16 surrogate and cannot be encoded: ${JSON.stringify(value)}`);
}
