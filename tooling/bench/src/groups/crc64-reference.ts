/**
 * A plain byte-at-a-time, single-table CRC-64/XZ (the reflected ECMA-182
 * polynomial COS uses), keeping the 64-bit state in two 32-bit halves: the
 * straightforward JavaScript port most SDK code uses. It is the anchor of the
 * CRC-64 row because no vendor Node SDK ships a CRC-64 of its own
 * (cos-nodejs-sdk-v5 only compares the server's header values).
 */
const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);

for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi >>>= 1;
    if (carry) {
      hi = (hi ^ 0xc96c5795) >>> 0;
      lo = (lo ^ 0xd7870f42) >>> 0;
    }
  }
  TABLE_HI[n] = hi;
  TABLE_LO[n] = lo;
}

export function referenceCrc64(data: Uint8Array): bigint {
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const index = (lo ^ data[i]!) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ TABLE_LO[index]!;
    hi = (hi >>> 8) ^ TABLE_HI[index]!;
  }
  return ((BigInt(~hi >>> 0) << 32n) | BigInt(~lo >>> 0)) & 0xffffffffffffffffn;
}
