import { describe, expect, it } from 'vitest';
import { makeRow, pool, rotate, sampleOps } from '../src/runner.ts';
import { advantage, formatNumber, formatRatio, median, ratio } from '../src/stats.ts';

describe('stats', () => {
  it('median of odd and even counts, unsorted input untouched', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
  it('ratio is ours/anchor; advantage flips for lower-is-better units', () => {
    expect(ratio(200, 100)).toBe(2);
    expect(Number.isNaN(ratio(1, 0))).toBe(true);
    expect(advantage({ ratio: 2, higherIsBetter: true })).toBe(2);
    expect(advantage({ ratio: 0.5, higherIsBetter: false })).toBe(2);
    expect(advantage({ ratio: 4, higherIsBetter: false })).toBe(0.25);
  });
  it('formats numbers and ratios', () => {
    expect(formatNumber(1234567)).toBe('1\u202f234\u202f567');
    expect(formatNumber(98.76)).toBe('98.8');
    expect(formatNumber(0.1234)).toBe('0.123');
    expect(formatRatio(1.844)).toBe('×1.84');
    expect(formatRatio(12.34)).toBe('×12.3');
    expect(formatRatio(Number.NaN)).toBe('n/a');
  });
});

describe('runner', () => {
  it('rotate alternates which measurement goes first and returns medians', async () => {
    const order: string[] = [];
    let a = 0;
    let b = 100;
    const result = await rotate(
      [
        async () => {
          order.push('ours');
          return ++a;
        },
        async () => {
          order.push('anchor');
          return ++b;
        },
      ],
      3,
    );
    expect(order).toEqual(['ours', 'anchor', 'anchor', 'ours', 'ours', 'anchor']);
    expect(result.samples).toEqual([
      [1, 2, 3],
      [101, 102, 103],
    ]);
    expect(result.medians).toEqual([2, 102]);
    await expect(rotate([], 1)).rejects.toThrow(RangeError);
    await expect(rotate([async () => 1], 0)).rejects.toThrow(RangeError);
  });
  it('sampleOps counts sync and async ops', async () => {
    let calls = 0;
    const syncRate = await sampleOps(() => calls++, 20);
    expect(syncRate).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(1);
    const asyncRate = await sampleOps(() => new Promise((r) => setTimeout(r, 2)), 30);
    // At most ~500 ops/s when each op waits 2 ms; any positive rate below that (a loaded machine is slow).
    expect(asyncRate).toBeLessThan(1000);
    expect(asyncRate).toBeGreaterThan(0);
  });
  it('pool never exceeds its concurrency and runs every task once', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    await pool(20, 4, async (i) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      active--;
    });
    expect(peak).toBe(4);
    expect(seen.sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
  });
  it('makeRow computes the raw ratio', () => {
    const row = makeRow({ group: 'g', name: 'g.x', label: 'x', ours: 3, anchor: 6, anchorName: 'a', unit: 'ms', higherIsBetter: false, command: 'c' });
    expect(row.ratio).toBe(0.5);
    expect(advantage(row)).toBe(2);
  });
});
