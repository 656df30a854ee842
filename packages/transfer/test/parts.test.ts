import { describe, expect, it } from 'vitest';
import { choosePartSize, DEFAULT_LIMITS, GiB, MiB, partAt, partsOf, planParts, TiB } from '../src/parts.ts';

const COS_LIKE = { ...DEFAULT_LIMITS, minPartSize: 1 * MiB };

describe('choosePartSize', () => {
  it('keeps the requested size when 10000 parts are enough', () => {
    expect(choosePartSize(5 * GiB, 1 * MiB, COS_LIKE)).toBe(1 * MiB); // 5120 parts
    expect(choosePartSize(10_000 * 8 * MiB, 8 * MiB, COS_LIKE)).toBe(8 * MiB); // exactly 10000 parts
  });

  it('raises the part size to a whole MiB when more than 10000 parts would be needed', () => {
    expect(choosePartSize(10_000 * 8 * MiB + 1, 8 * MiB, COS_LIKE)).toBe(9 * MiB);
    // 100 GiB at 1 MiB would be 102400 parts: ceil(100 GiB / 10000) = 10.24 MiB -> 11 MiB.
    const raised = choosePartSize(100 * GiB, 1 * MiB, COS_LIKE);
    expect(raised).toBe(11 * MiB);
    expect(Math.ceil((100 * GiB) / raised)).toBeLessThanOrEqual(10_000);
  });

  it('raises to the vendor minimum', () => {
    expect(choosePartSize(100, 1, DEFAULT_LIMITS)).toBe(5 * MiB);
  });

  it('reaches exactly 5 GiB parts at the 48.8 TiB maximum and refuses one byte more', () => {
    const max = 10_000 * 5 * GiB; // 48.83 TiB
    expect(max / TiB).toBeCloseTo(48.83, 2);
    expect(choosePartSize(max, 8 * MiB, DEFAULT_LIMITS)).toBe(5 * GiB);
    expect(planParts(max, 8 * MiB, DEFAULT_LIMITS).count).toBe(10_000);
    expect(() => choosePartSize(max + 1, 8 * MiB, DEFAULT_LIMITS)).toThrow(/more than 10000 parts/);
  });

  it('never returns a part size that needs more than 10000 parts, nor above 5 GiB', () => {
    for (const size of [5 * GiB - 1, 5 * GiB, 5 * GiB + 1, 48 * TiB, 10_000 * 5 * GiB - 1, 123_456_789_012]) {
      for (const requested of [1, 1 * MiB, 5 * MiB, 64 * MiB]) {
        const partSize = choosePartSize(size, requested, DEFAULT_LIMITS);
        expect(Math.ceil(size / partSize)).toBeLessThanOrEqual(10_000);
        expect(partSize).toBeLessThanOrEqual(5 * GiB);
        expect(partSize).toBeGreaterThanOrEqual(5 * MiB);
      }
    }
  });

  it('names the parameter on bad input', () => {
    expect(() => choosePartSize(-1, MiB, DEFAULT_LIMITS)).toThrow(/size/);
    expect(() => choosePartSize(1.5, MiB, DEFAULT_LIMITS)).toThrow(/size/);
    expect(() => choosePartSize(10, 0, DEFAULT_LIMITS)).toThrow(/partSize/);
    expect(() => choosePartSize(10, 6 * GiB, DEFAULT_LIMITS)).toThrow(/partSize .* above/);
  });
});

describe('planParts / partAt / partsOf', () => {
  it('covers every byte exactly once, the last part shorter', () => {
    const plan = planParts(10 * MiB + 5, 3 * MiB, COS_LIKE);
    expect(plan).toEqual({ size: 10 * MiB + 5, partSize: 3 * MiB, count: 4 });
    const parts = [...partsOf(plan)];
    expect(parts.map((p) => p.partNumber)).toEqual([1, 2, 3, 4]);
    expect(parts[0]).toEqual({ partNumber: 1, start: 0, end: 3 * MiB - 1, length: 3 * MiB });
    expect(parts[3]).toEqual({ partNumber: 4, start: 9 * MiB, end: 10 * MiB + 4, length: MiB + 5 });
    let next = 0;
    for (const part of parts) {
      expect(part.start).toBe(next);
      next = part.end + 1;
    }
    expect(next).toBe(plan.size);
  });

  it('plans nothing for an empty object and skips done parts', () => {
    expect(planParts(0, MiB, COS_LIKE).count).toBe(0);
    const plan = planParts(5 * MiB, MiB, COS_LIKE);
    expect([...partsOf(plan, new Set([1, 3, 5]))].map((p) => p.partNumber)).toEqual([2, 4]);
  });

  it('computes the last part of a 48.8 TiB plan without data', () => {
    const plan = planParts(10_000 * 5 * GiB - 7, 8 * MiB, DEFAULT_LIMITS);
    const last = partAt(plan, 10_000);
    expect(last.length).toBe(5 * GiB - 7);
    expect(last.end).toBe(plan.size - 1);
    expect(() => partAt(plan, 10_001)).toThrow(/partNumber/);
    expect(() => partAt(plan, 0)).toThrow(/partNumber/);
  });
});
