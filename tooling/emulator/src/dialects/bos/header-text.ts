/**
 * Header values as BOS treats them: UTF-8 bytes. Node hands request header
 * values over one char per byte (latin-1) and writes response header strings
 * the same way when the body is bytes, so text travels as its UTF-8 bytes in
 * both directions, as the BOS Python SDK sends user metadata (`张三`).
 */

/** A received value as text: its bytes decoded as UTF-8, or unchanged when they are ASCII or not UTF-8. */
export function utf8HeaderValue(value: string): string {
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
