/**
 * CRC-64/XZ — the reflected ECMA-182 CRC that COS reports as
 * `x-cos-hash-crc64ecma` (poly 0xC96C5795D7870F42 reflected, init and xorout
 * all ones), as an unsigned 64-bit value.
 *
 * BigInt arithmetic per byte would run at a few MB/s, so the hot loop keeps
 * the 64-bit state as two 32-bit halves and uses slicing-by-8 tables: eight
 * bytes per step, eight table lookups per half.
 */

const POLY_HI = 0xc96c5795;
const POLY_LO = 0xd7870f42;

function buildTables(): { hi: Uint32Array; lo: Uint32Array } {
  const hi = new Uint32Array(8 * 256);
  const lo = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let bit = 0; bit < 8; bit++) {
      const carry = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (carry) {
        h = (h ^ POLY_HI) >>> 0;
        l = (l ^ POLY_LO) >>> 0;
      }
    }
    hi[n] = h;
    lo[n] = l;
  }
  // Table k holds the CRC of byte n followed by k zero bytes.
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const ph = hi[(k - 1) * 256 + n]!;
      const pl = lo[(k - 1) * 256 + n]!;
      const idx = pl & 0xff;
      hi[k * 256 + n] = (hi[idx]! ^ (ph >>> 8)) >>> 0;
      lo[k * 256 + n] = (lo[idx]! ^ ((pl >>> 8) | (ph << 24))) >>> 0;
    }
  }
  return { hi, lo };
}

const TABLES = buildTables();
const MASK64 = (1n << 64n) - 1n;

/** Advances the raw (un-inverted) state over `data`; returns [hi, lo]. */
function advance(stateHi: number, stateLo: number, data: Uint8Array): [number, number] {
  const TH = TABLES.hi;
  const TL = TABLES.lo;
  let h = stateHi;
  let l = stateLo;
  let i = 0;
  const len = data.length;
  const fast = len - (len % 8);
  while (i < fast) {
    const a = (l ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    const b = (h ^ (data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24))) >>> 0;
    const i7 = 7 * 256 + (a & 0xff);
    const i6 = 6 * 256 + ((a >>> 8) & 0xff);
    const i5 = 5 * 256 + ((a >>> 16) & 0xff);
    const i4 = 4 * 256 + (a >>> 24);
    const i3 = 3 * 256 + (b & 0xff);
    const i2 = 2 * 256 + ((b >>> 8) & 0xff);
    const i1 = 256 + ((b >>> 16) & 0xff);
    const i0 = b >>> 24;
    h = TH[i7]! ^ TH[i6]! ^ TH[i5]! ^ TH[i4]! ^ TH[i3]! ^ TH[i2]! ^ TH[i1]! ^ TH[i0]!;
    l = TL[i7]! ^ TL[i6]! ^ TL[i5]! ^ TL[i4]! ^ TL[i3]! ^ TL[i2]! ^ TL[i1]! ^ TL[i0]!;
    i += 8;
  }
  while (i < len) {
    const idx = (l ^ data[i]!) & 0xff;
    l = (TL[idx]! ^ ((l >>> 8) | (h << 24))) >>> 0;
    h = (TH[idx]! ^ (h >>> 8)) >>> 0;
    i++;
  }
  return [h >>> 0, l >>> 0];
}

function split(value: bigint): [number, number] {
  return [Number((value >> 32n) & 0xffffffffn), Number(value & 0xffffffffn)];
}

function join(h: number, l: number): bigint {
  return (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
}

/**
 * CRC-64/XZ of `data`. Pass the CRC of the bytes before `data` as `previous`
 * to continue a running checksum: `crc64(b, crc64(a)) === crc64(a ++ b)`.
 */
export function crc64(data: Uint8Array, previous = 0n): bigint {
  const [h, l] = split(~previous & MASK64);
  const [nh, nl] = advance(h, l, data);
  return ~join(nh, nl) & MASK64;
}

/** A running CRC-64 for streams: `update()` each chunk, then `digest()` or `toString()`. */
export class Crc64 {
  #hi = 0xffffffff;
  #lo = 0xffffffff;

  update(data: Uint8Array): this {
    [this.#hi, this.#lo] = advance(this.#hi, this.#lo, data);
    return this;
  }

  digest(): bigint {
    return ~join(this.#hi, this.#lo) & MASK64;
  }

  /** Unsigned decimal, the form of the `x-cos-hash-crc64ecma` header. */
  toString(): string {
    return this.digest().toString(10);
  }
}

// --- combining: crc(A ++ B) from crc(A), crc(B) and len(B), without the bytes.
// The classic zlib construction: the effect of appending n zero bits is a
// linear map over GF(2), built by repeated squaring of the one-zero-bit map.

const POLY = join(POLY_HI, POLY_LO);

function matrixTimes(matrix: bigint[], vector: bigint): bigint {
  let sum = 0n;
  let v = vector;
  let i = 0;
  while (v !== 0n) {
    if (v & 1n) sum ^= matrix[i]!;
    v >>= 1n;
    i++;
  }
  return sum;
}

function matrixSquare(matrix: bigint[]): bigint[] {
  return matrix.map((row) => matrixTimes(matrix, row));
}

/**
 * The CRC-64 of A followed by B, from `crcA`, `crcB` and B's length in bytes.
 * Lets a concurrent download check the whole object from per-part CRCs.
 */
export function crc64Combine(crcA: bigint, crcB: bigint, lengthB: number): bigint {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) {
    throw new RangeError(`crc64Combine: lengthB must be a non-negative integer, got ${lengthB}`);
  }
  if (lengthB === 0) return crcA;
  let odd: bigint[] = [POLY];
  for (let n = 1, row = 1n; n < 64; n++, row <<= 1n) odd.push(row);
  let even = matrixSquare(odd); // two zero bits
  odd = matrixSquare(even); // four zero bits
  let crc = crcA;
  let len = lengthB;
  for (;;) {
    even = matrixSquare(odd); // first pass: one zero byte
    if (len % 2 === 1) crc = matrixTimes(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    odd = matrixSquare(even);
    if (len % 2 === 1) crc = matrixTimes(odd, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
  }
  return (crc ^ crcB) & MASK64;
}
