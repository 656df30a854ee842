import { registerChildTask, spawnTask } from '../child-main.ts';
import { benchBucket, makeClient } from '../clients/index.ts';
import { startBenchEmulator } from '../emulator.ts';
import { makeRow, rotate } from '../runner.ts';
import type { Endpoint, Vendor } from '../clients/types.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';
import { SMALL_ANCHOR, timePutGet, VENDORS } from './put-get.ts';

interface SmallJob {
  vendor: Vendor;
  side: 'ours' | 'vendor';
  endpoint: Endpoint;
  root: string;
  count: number;
  concurrency: number;
}

interface SmallResult {
  putRps: number;
  getRps: number;
}

/**
 * In a fresh process: N PUTs of 1 KiB at concurrency C, then N GETs of the
 * same keys, each phase timed; a short warm-up first (connections, JIT).
 */
registerChildTask('small', async (args) => {
  const job = JSON.parse(args[0] ?? '{}') as SmallJob;
  const client = await makeClient(job.vendor, job.side, job.endpoint, job.root);
  const bucket = benchBucket(job.vendor, `bench-small-${job.side}`);
  await client.ensureBucket(bucket);
  const result: SmallResult = await timePutGet(client, bucket, job.count, job.concurrency);
  return result;
});

/**
 * Small objects: 2000 PUTs and 2000 GETs of 1 KiB at concurrency 16 against
 * the emulator, ours vs the vendor SDK, each side in its own process
 * (alternating), the emulator in this one.
 */
export const smallObjectsGroup: BenchGroup = {
  id: 'small',
  title: 'Small objects (1 KiB PUT/GET, concurrency 16)',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const selected = VENDORS.filter((v) => ctx.selected(`small.${v}.put`) || ctx.selected(`small.${v}.get`));
    if (selected.length === 0) return { rows, skips };
    const count = ctx.quick ? 300 : 2000;
    const rounds = ctx.quick ? 1 : 3;
    let emulator;
    try {
      emulator = await startBenchEmulator('discard');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const v of selected) skips.push({ group: 'small', name: `small.${v}`, reason, command: ctx.command(`small.${v}`) });
      ctx.log(`  skip small: ${reason}`);
      return { rows, skips };
    }
    try {
      for (const vendor of selected) {
        const name = `small.${vendor}`;
        ctx.log(`  ${name} ...`);
        const job = (side: 'ours' | 'vendor'): SmallJob => ({ vendor, side, endpoint: emulator.endpoint(vendor), root: ctx.root, count, concurrency: 16 });
        const results: Record<'ours' | 'vendor', SmallResult[]> = { ours: [], vendor: [] };
        const measure = (side: 'ours' | 'vendor') => async (): Promise<number> => {
          const r = (await spawnTask('small', [JSON.stringify(job(side))])) as SmallResult;
          results[side].push(r);
          return r.putRps;
        };
        try {
          await rotate([measure('ours'), measure('vendor')], rounds);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          skips.push({ group: 'small', name, reason, command: ctx.command(name) });
          ctx.log(`  skip ${name}: ${reason}`);
          continue;
        }
        const med = (xs: SmallResult[], f: keyof SmallResult): number => xs.map((x) => x[f]).sort((a, b) => a - b)[xs.length >> 1]!;
        for (const [op, field] of [
          ['put', 'putRps'],
          ['get', 'getRps'],
        ] as const) {
          const rowName = `${name}.${op}`;
          if (!ctx.selected(rowName)) continue;
          rows.push(
            makeRow({
              group: 'small',
              name: rowName,
              label: `${vendor.toUpperCase()} ${count} × 1 KiB ${op.toUpperCase()}, ours`,
              ours: med(results.ours, field),
              anchor: med(results.vendor, field),
              anchorName: SMALL_ANCHOR[vendor],
              unit: 'req/s',
              higherIsBetter: true,
              command: ctx.command(rowName),
              note: `concurrency 16, median of ${rounds}`,
            }),
          );
        }
      }
    } finally {
      await emulator.stop();
    }
    return { rows, skips };
  },
};
