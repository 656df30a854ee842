/**
 * Percent-encoding as every vendor's signer does it: UTF-8 bytes, keep
 * `A-Z a-z 0-9 - _ . ~`, everything else `%XX` with upper-case hex.
 * `encodeURIComponent` leaves `! ' ( ) *` alone, which breaks COS, BOS and
 * S3 signatures, so those five are escaped by hand.
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Like `encodeRfc3986` but keeps `/`, for object keys in a path. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}
