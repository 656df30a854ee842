/**
 * Header values that carry UTF-8 bytes (BOS user metadata, as its Python SDK
 * sends `张三`). Node and undici move header values one char per byte
 * (latin1) both ways, so text travels as a string of its UTF-8 bytes.
 */

/** A received value as text: its bytes decoded as UTF-8, or unchanged when they are ASCII or not valid UTF-8. */
export function utf8HeaderValue(value: string): string {
  // Plain ASCII (nearly every value) is the same either way; chars above U+00FF are already text.
  let high = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) return value;
    if (c >= 0x80) high = true;
  }
  if (!high) return value;
  const bytes = Buffer.from(value, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : value;
}

/** Text to send in a header: its UTF-8 bytes, one char per byte (ASCII passes unchanged). */
export function headerBytes(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) return Buffer.from(text, 'utf8').toString('latin1');
  }
  return text;
}
