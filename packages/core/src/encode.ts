const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-._~/]*$/;

/**
 * Percent-encoding as every vendor's signer does it: UTF-8 bytes, keep
 * `A-Z a-z 0-9 - _ . ~`, everything else `%XX` with upper-case hex.
 * `encodeURIComponent` leaves `! ' ( ) *` alone, which breaks COS, BOS and
 * S3 signatures, so those five are escaped by hand.
 */
export function encodeRfc3986(value: string): string {
  // Most names and values need no escaping; testing is cheaper than encoding.
  if (UNRESERVED_ONLY.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Like `encodeRfc3986` but keeps `/`, for object keys in a path. */
export function encodeKeyPath(key: string): string {
  if (UNRESERVED_OR_SLASH.test(key)) return key;
  return key.split('/').map(encodeRfc3986).join('/');
}
