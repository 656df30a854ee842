/**
 * HMAC (RFC 2104) over Node's one-shot `crypto.hash`. Every signed request
 * computes one or two HMACs of a few hundred bytes; `createHmac` allocates a
 * native Hmac object each time, which costs more than the hashing itself
 * and keeps the garbage collector busy on a client sending thousands of small
 * requests a second. Here the two hashes run one-shot over scratch buffers:
 *
 *   HMAC(K, m) = H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m)),  K' = K, or H(K) when longer than a block
 *
 * The padded keys of string keys (a secret, a per-second derived key) are
 * kept for the last 64 keys; byte keys are padded on every call (a caller
 * may reuse and change its buffer).
 */
import { createHmac, hash, type BinaryToTextEncoding } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256';

type Data = string | Uint8Array;

/** Both algorithms have 64-byte blocks. */
const BLOCK = 64;
const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32 };

/** Messages longer than this go through `createHmac` instead of the scratch buffer. */
const SCRATCH_LIMIT = 64 * 1024;

interface Pads {
  /** K' ⊕ ipad: the first block of the inner hash's input. */
  inner: Buffer;
  /** K' ⊕ opad, followed by room for the inner digest: the outer hash's whole input. */
  outer: Buffer;
}

// One map per algorithm, keyed by the key itself: a key string reused call after call keeps its hash, where a
// concatenated `algorithm + key` id would be built and hashed again on every lookup.
const caches: Record<HmacAlgorithm, Map<string, Pads>> = { sha1: new Map(), sha256: new Map() };
let scratch = Buffer.allocUnsafe(1024);

function padsOf(algorithm: HmacAlgorithm, key: Uint8Array): Pads {
  const block = key.length > BLOCK ? hash(algorithm, key, 'buffer') : key;
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK + DIGEST_BYTES[algorithm], 0x5c);
  for (let i = 0; i < block.length; i++) {
    inner[i]! ^= block[i]!;
    outer[i]! ^= block[i]!;
  }
  return { inner, outer };
}

function cachedPads(algorithm: HmacAlgorithm, key: string): Pads {
  const cache = caches[algorithm];
  let pads = cache.get(key);
  if (pads === undefined) {
    pads = padsOf(algorithm, Buffer.from(key, 'utf8'));
    if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
    cache.set(key, pads);
  }
  return pads;
}

/** HMAC of `data` under `key`: a Buffer, or text in `encoding`. Same result as `createHmac(algorithm, key).update(data).digest(encoding)`. */
export function hmac(algorithm: HmacAlgorithm, key: Data, data: Data): Buffer;
export function hmac(algorithm: HmacAlgorithm, key: Data, data: Data, encoding: BinaryToTextEncoding | undefined): Buffer | string;
export function hmac(algorithm: HmacAlgorithm, key: Data, data: Data, encoding?: BinaryToTextEncoding): Buffer | string {
  const length = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
  if (length > SCRATCH_LIMIT) {
    const mac = createHmac(algorithm, key).update(data);
    return encoding ? mac.digest(encoding) : mac.digest();
  }
  const pads = typeof key === 'string' ? cachedPads(algorithm, key) : padsOf(algorithm, key);
  if (scratch.length < BLOCK + length) scratch = Buffer.allocUnsafe(Math.max(BLOCK + length, scratch.length * 2));
  // The scratch and the pads are only touched inside this synchronous call, so sharing them is safe.
  pads.inner.copy(scratch, 0);
  if (typeof data === 'string') scratch.write(data, BLOCK, 'utf8');
  else scratch.set(data, BLOCK);
  const innerDigest = hash(algorithm, scratch.subarray(0, BLOCK + length), 'buffer');
  innerDigest.copy(pads.outer, BLOCK);
  return encoding ? hash(algorithm, pads.outer, encoding) : hash(algorithm, pads.outer, 'buffer');
}
