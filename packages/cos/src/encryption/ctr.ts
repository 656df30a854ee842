/**
 * AES-256-CTR positioned anywhere in an object. The format (seed 004,
 * 客户端加密) encrypts the whole object as one CTR stream whose first counter
 * block is the IV; byte `n` uses counter block `IV + floor(n / 16)` (128-bit
 * big-endian, wrapping at 2^128), byte `n mod 16` of it. So any slice of the
 * object — a part, a ranged read — can be encrypted or decrypted on its own
 * once its offset is known: that is what lets parts go up in parallel.
 */
import { createCipheriv, type Cipher } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Bytes per AES block, and so per counter step. */
export const BLOCK = 16;
/** The content cipher is always AES-256 (a 32-byte data key), whatever the master key. */
export const DATA_KEY_BYTES = 32;
export const IV_BYTES = 16;

const COUNTER_MOD = 1n << 128n;

/** The counter block for the block holding byte `offset`: `iv + floor(offset / 16)` mod 2^128. */
export function counterAt(iv: Buffer, offset: number): Buffer {
  if (iv.length !== IV_BYTES) throw new RangeError(`the IV must be ${IV_BYTES} bytes, got ${iv.length}`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${String(offset)}`);
  const value = (BigInt(`0x${iv.toString('hex')}`) + BigInt(Math.floor(offset / BLOCK))) % COUNTER_MOD;
  return Buffer.from(value.toString(16).padStart(IV_BYTES * 2, '0'), 'hex');
}

/**
 * A CTR cipher whose next output byte is the one for object byte `offset`.
 * CTR is its own inverse, so the same cipher encrypts and decrypts.
 */
export function ctrAt(dataKey: Buffer, iv: Buffer, offset: number): Cipher {
  const cipher = createCipheriv('aes-256-ctr', dataKey, counterAt(iv, offset));
  // Node starts at a block boundary: burn the keystream bytes before `offset`.
  const skip = offset % BLOCK;
  if (skip > 0) cipher.update(Buffer.alloc(skip));
  return cipher;
}

/** Encrypts (or decrypts) `bytes` that sit at `offset` in the object. */
export function xorAt(dataKey: Buffer, iv: Buffer, offset: number, bytes: Buffer): Buffer {
  if (bytes.length === 0) return Buffer.alloc(0);
  return ctrAt(dataKey, iv, offset).update(bytes);
}

/** A Transform that encrypts (or decrypts) a stream of the object's bytes from `offset` on, chunk by chunk. */
export function ctrTransform(dataKey: Buffer, iv: Buffer, offset: number): Transform {
  const cipher = ctrAt(dataKey, iv, offset);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        done(null, cipher.update(chunk));
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
