/**
 * Part planning: pure arithmetic, no I/O. Every multipart transfer (upload,
 * download, copy) splits `size` bytes into numbered parts 1..maxParts of one
 * size (the last one shorter).
 */
import type { TransferLimits } from './adapter.ts';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** The limits shared by BOS, OOS, COS and NOS unless an adapter says otherwise. */
export const DEFAULT_LIMITS: TransferLimits = {
  maxParts: 10_000,
  minPartSize: 5 * MiB,
  maxPartSize: 5 * GiB,
  maxSingleCopy: 5 * GiB,
};

export interface PartPlan {
  /** Total bytes. */
  size: number;
  /** Bytes per part; the last part holds the rest. */
  partSize: number;
  /** Number of parts (0 for an empty object). */
  count: number;
}

/** One planned part: bytes `start..end` inclusive. */
export interface PlannedPart {
  partNumber: number;
  start: number;
  end: number;
  length: number;
}

function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/**
 * The part size actually used for `size` bytes when the caller asked for
 * `requested`: at least `minPartSize`, and raised (to a whole MiB) when
 * `requested` would need more than `maxParts` parts. Throws when even
 * `maxPartSize` parts cannot hold the object.
 */
export function choosePartSize(size: number, requested: number, limits: TransferLimits): number {
  checkSize('size', size);
  if (!Number.isSafeInteger(requested) || requested <= 0) {
    throw new RangeError(`partSize must be a positive integer number of bytes, got ${String(requested)}`);
  }
  if (requested > limits.maxPartSize) {
    throw new RangeError(`partSize ${requested} is above the vendor maximum of ${limits.maxPartSize} bytes per part`);
  }
  const needed = Math.ceil(size / limits.maxParts);
  if (needed > limits.maxPartSize) {
    throw new RangeError(`an object of ${size} bytes needs more than ${limits.maxParts} parts of at most ${limits.maxPartSize} bytes`);
  }
  const partSize = Math.max(requested, limits.minPartSize);
  if (partSize >= needed) return partSize;
  // Raise to a whole MiB so part boundaries stay readable, but never past the vendor maximum.
  return Math.max(needed, Math.min(Math.ceil(needed / MiB) * MiB, limits.maxPartSize));
}

/** Plans `size` bytes into parts, raising the part size as `choosePartSize` does. */
export function planParts(size: number, requestedPartSize: number, limits: TransferLimits): PartPlan {
  const partSize = choosePartSize(size, requestedPartSize, limits);
  return { size, partSize, count: Math.ceil(size / partSize) };
}

/** The byte range of part `partNumber` (1-based) of `plan`. */
export function partAt(plan: PartPlan, partNumber: number): PlannedPart {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > plan.count) {
    throw new RangeError(`partNumber must be 1..${plan.count}, got ${String(partNumber)}`);
  }
  const start = (partNumber - 1) * plan.partSize;
  const end = Math.min(start + plan.partSize, plan.size) - 1;
  return { partNumber, start, end, length: end - start + 1 };
}

/** Every part of `plan`, in order, skipping the part numbers in `skip`. */
export function* partsOf(plan: PartPlan, skip: ReadonlySet<number> = new Set()): Generator<PlannedPart> {
  for (let n = 1; n <= plan.count; n++) {
    if (!skip.has(n)) yield partAt(plan, n);
  }
}

/** Validates a part count/size option named `name`: a positive safe integer. */
export function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
