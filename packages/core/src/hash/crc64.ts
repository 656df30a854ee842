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

function buildTables(): { hi: Int32Array; lo: Int32Array } {
  const hi = new Int32Array(8 * 256);
  const lo = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let bit = 0; bit < 8; bit++) {
      const carry = l & 1;
      l = (l >>> 1) | ((h & 1) << 31);
      h = h >>> 1;
      if (carry) {
        h ^= POLY_HI;
        l ^= POLY_LO;
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
      hi[k * 256 + n] = hi[idx]! ^ (ph >>> 8);
      lo[k * 256 + n] = lo[idx]! ^ ((pl >>> 8) | (ph << 24));
    }
  }
  return { hi, lo };
}

const TABLES = buildTables();
const MASK64 = (1n << 64n) - 1n;
// Reading 32-bit words straight from the buffer needs the machine's byte order to match the CRC's (little-endian).
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Advances the raw (un-inverted) state over `data`; returns [hi, lo] as int32. */
function advance(stateHi: number, stateLo: number, data: Uint8Array): [number, number] {
  const TH = TABLES.hi;
  const TL = TABLES.lo;
  let h = stateHi | 0;
  let l = stateLo | 0;
  let i = 0;
  const len = data.length;
  // Byte at a time until the position is 4-byte aligned, so a word view can be taken.
  while (i < len && ((data.byteOffset + i) & 3) !== 0) {
    const idx = (l ^ data[i]!) & 0xff;
    l = TL[idx]! ^ ((l >>> 8) | (h << 24));
    h = TH[idx]! ^ (h >>> 8);
    i++;
  }
  // Only when whole 8-byte words remain: a short tail may have stopped the loop above before alignment,
  // and a typed-array view at an unaligned offset throws even when empty.
  if (LITTLE_ENDIAN && len - i >= 8) {
    const words = new Int32Array(data.buffer, data.byteOffset + i, ((len - i) >>> 3) << 1);
    const count = words.length;
    for (let w = 0; w < count; w += 2) {
      const a = l ^ words[w]!;
      const b = h ^ words[w + 1]!;
      const i7 = 1792 + (a & 0xff);
      const i6 = 1536 + ((a >>> 8) & 0xff);
      const i5 = 1280 + ((a >>> 16) & 0xff);
      const i4 = 1024 + (a >>> 24);
      const i3 = 768 + (b & 0xff);
      const i2 = 512 + ((b >>> 8) & 0xff);
      const i1 = 256 + ((b >>> 16) & 0xff);
      const i0 = b >>> 24;
      h = TH[i7]! ^ TH[i6]! ^ TH[i5]! ^ TH[i4]! ^ TH[i3]! ^ TH[i2]! ^ TH[i1]! ^ TH[i0]!;
      l = TL[i7]! ^ TL[i6]! ^ TL[i5]! ^ TL[i4]! ^ TL[i3]! ^ TL[i2]! ^ TL[i1]! ^ TL[i0]!;
    }
    i += count * 4;
  }
  while (i < len) {
    const idx = (l ^ data[i]!) & 0xff;
    l = TL[idx]! ^ ((l >>> 8) | (h << 24));
    h = TH[idx]! ^ (h >>> 8);
    i++;
  }
  return [h, l];
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
  #hi = -1;
  #lo = -1;

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
// Appending one zero bit to the CRC register is a linear map over GF(2); the
// map for n zero bytes is built by squaring and composing (the zlib method).
// All parts of a transfer but the last share one length, so the map for a
// length is cached: a 10 000-part download pays for it once, not per part.

const POLY = join(POLY_HI, POLY_LO);

/** A 64x64 bit matrix: entry i is the image of bit i. */
type Operator = bigint[];

function apply(op: Operator, vector: bigint): bigint {
  let sum = 0n;
  for (let i = 0, v = vector; v !== 0n; i++, v >>= 1n) {
    if (v & 1n) sum ^= op[i]!;
  }
  return sum;
}

/** `a` after `b`. */
function compose(a: Operator, b: Operator): Operator {
  return b.map((column) => apply(a, column));
}

let oneZeroByte: Operator | undefined;

function zeroByteOperator(): Operator {
  if (!oneZeroByte) {
    let op: Operator = [POLY];
    for (let n = 1, row = 1n; n < 64; n++, row <<= 1n) op.push(row);
    for (let i = 0; i < 3; i++) op = compose(op, op); // 1 -> 2 -> 4 -> 8 zero bits
    oneZeroByte = op;
  }
  return oneZeroByte;
}

const operatorCache = new Map<number, Operator>();

/** The map "append `length` zero bytes", by binary exponentiation, cached per length. */
function zerosOperator(length: number): Operator {
  const cached = operatorCache.get(length);
  if (cached) return cached;
  let result: Operator | undefined;
  let power = zeroByteOperator();
  for (let n = length; ; ) {
    if (n % 2 === 1) result = result ? compose(power, result) : power;
    n = Math.floor(n / 2);
    if (n === 0) break;
    power = compose(power, power);
  }
  if (operatorCache.size >= 32) operatorCache.clear();
  operatorCache.set(length, result!);
  return result!;
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
  return (apply(zerosOperator(lengthB), crcA) ^ crcB) & MASK64;
}
