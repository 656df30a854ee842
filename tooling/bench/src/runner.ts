import { performance } from 'node:perf_hooks';
import { median, ratio } from './stats.ts';
import type { BenchRow } from './model.ts';

/** One operation to time; may return a promise (then it is awaited). */
export type Op = () => unknown;

export interface OpsOptions {
  /** Time spent running both sides before measuring (JIT warm-up). */
  warmupMs: number;
  /** Measured rounds; ours and anchor alternate inside each round. */
  rounds: number;
  /** Length of one side's sample inside a round. */
  roundMs: number;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Runs `op` in batches for about `ms` milliseconds and returns operations per
 * second. Synchronous ops are called in a tight loop (awaiting them would
 * measure the microtask queue, not the op); async ones are awaited one by one.
 */
export async function sampleOps(op: Op, ms: number): Promise<number> {
  const first = op();
  const async = isThenable(first);
  if (async) await first;
  let count = 0;
  let batch = 1;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    if (async) {
      for (let i = 0; i < batch; i++) await op();
    } else {
      for (let i = 0; i < batch; i++) op();
    }
    count += batch;
    elapsed = performance.now() - start;
    // Grow the batch so the clock is read rarely once the op is known to be fast.
    if (elapsed < ms / 8) batch *= 2;
  }
  return (count / elapsed) * 1000;
}

export interface Rotation {
  /** Median of each measurement, in the order given. */
  medians: number[];
  /** Every sample, per measurement. */
  samples: number[][];
}

/**
 * Runs several measurements `rounds` times each, rotating which one goes
 * first every round (ours, anchor, floor / anchor, floor, ours / ...), so no
 * side always inherits a warm cache or a pending GC. Each measurement returns
 * one number: a throughput, a time, a size. Returns the medians.
 */
export async function rotate(measures: ReadonlyArray<() => Promise<number>>, rounds: number): Promise<Rotation> {
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rotate: rounds must be a positive integer');
  if (measures.length === 0) throw new RangeError('rotate: at least one measurement is needed');
  const samples: number[][] = measures.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let step = 0; step < measures.length; step++) {
      const index = (round + step) % measures.length;
      samples[index]!.push(await measures[index]!());
    }
  }
  return { medians: samples.map((s) => median(s)), samples };
}

/**
 * Measures ops side by side (ours first, then the anchors): a warm-up of
 * each, then rotating rounds. Returns the median ops/s of each, in order.
 */
export async function compareOps(ops: readonly Op[], options: OpsOptions): Promise<number[]> {
  for (const op of ops) await sampleOps(op, options.warmupMs / ops.length);
  const rotation = await rotate(
    ops.map((op) => () => sampleOps(op, options.roundMs)),
    options.rounds,
  );
  return rotation.medians;
}

/** Builds a row from two medians; the ratio is always ours/anchor. */
export function makeRow(fields: Omit<BenchRow, 'ratio'>): BenchRow {
  return { ...fields, ratio: ratio(fields.ours, fields.anchor) };
}

/** Times one async call in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `total` tasks with at most `concurrency` in flight; resolves when all are done. */
export async function pool(total: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
