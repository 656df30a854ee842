import { registerChildTask, spawnTask } from '../child-main.ts';
import { makeClient } from '../clients/index.ts';
import { rawSmall } from '../clients/raw-sink.ts';
import type { Vendor } from '../clients/types.ts';
import { makeRow, rotate } from '../runner.ts';
import { startSink } from '../sink.ts';
import { median } from '../stats.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';
import { SMALL_ANCHOR, timePutGet, VENDORS } from './put-get.ts';

interface SmallSinkJob {
  side: string;
  origin: string;
  root: string;
  count: number;
  concurrency: number;
}

interface SmallSample {
  putRps: number;
  getRps: number;
}

registerChildTask('sink-small', async (args) => {
  const job = JSON.parse(args[0] ?? '{}') as SmallSinkJob;
  if (job.side === 'raw') return rawSmall(job.root, job.origin, job.count, job.concurrency);
  const [who, vendor] = job.side.split(':') as ['ours' | 'vendor', Vendor];
  const client = await makeClient(vendor, who, { endpoint: job.origin, accessKeyId: 'AKIDsink', secretAccessKey: 'sink-secret' }, job.root);
  const bucket = vendor === 'cos' ? 'sink-small-1250000000' : 'sink-small';
  const sample: SmallSample = await timePutGet(client, bucket, job.count, job.concurrency);
  return sample;
});

export const sinkSmallGroup: BenchGroup = {
  id: 'sink',
  title: 'Against the physical limit: bench sink, 1 KiB PUT/GET at concurrency 16',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const vendors = VENDORS.filter((v) => ctx.selected(`sink.${v}.put`) || ctx.selected(`sink.${v}.get`));
    if (vendors.length === 0) return { rows, skips };
    const count = ctx.quick ? 500 : 2000;
    const rounds = ctx.rounds ?? (ctx.quick ? 1 : 3);
    const concurrency = 16;
    const sink = await startSink({ defaultSize: 1024 });
    try {
      const sides = ['raw', ...vendors.flatMap((v) => [`ours:${v}`, `vendor:${v}`])];
      const samples = new Map<string, SmallSample[]>(sides.map((s) => [s, []]));
      const errors = new Map<string, string>();
      const measure = (side: string) => async (): Promise<number> => {
        if (errors.has(side)) return Number.NaN;
        ctx.log(`  sink small ${side} ...`);
        const dialect = side.includes(':') ? (side.split(':')[1] as Vendor) : 'oos';
        const job: SmallSinkJob = { side, origin: sink.endpoints[dialect], root: ctx.root, count, concurrency };
        try {
          const sample = (await spawnTask('sink-small', [JSON.stringify(job)])) as SmallSample;
          samples.get(side)!.push(sample);
          return sample.putRps;
        } catch (error) {
          errors.set(side, error instanceof Error ? error.message.split('\n')[0]! : String(error));
          return Number.NaN;
        }
      };
      await rotate(sides.map(measure), rounds);
      const med = (side: string, field: keyof SmallSample): number | undefined => {
        const xs = samples.get(side) ?? [];
        return xs.length === 0 ? undefined : median(xs.map((x) => x[field]));
      };
      for (const vendor of vendors) {
        for (const [op, field] of [
          ['put', 'putRps'],
          ['get', 'getRps'],
        ] as const) {
          const name = `sink.${vendor}.${op}`;
          if (!ctx.selected(name)) continue;
          const ours = med(`ours:${vendor}`, field);
          const raw = med('raw', field);
          if (ours === undefined || raw === undefined) {
            const reason = ours === undefined ? `ours: ${errors.get(`ours:${vendor}`) ?? 'no sample'}` : `raw: ${errors.get('raw') ?? 'no sample'}`;
            skips.push({ group: 'sink', name, reason, command: ctx.command(name) });
            continue;
          }
          const label = `${vendor.toUpperCase()} ${count} × 1 KiB ${op.toUpperCase()}, ours`;
          const base = { group: 'sink', label, ours, unit: 'req/s', higherIsBetter: true, command: ctx.command(name) } as const;
          const note = `concurrency ${concurrency}, median of ${rounds}`;
          rows.push(makeRow({ ...base, name, anchor: raw, anchorName: 'raw unsigned undici requests', note, target: { atLeast: 0.6 } }));
          const theirs = med(`vendor:${vendor}`, field);
          if (theirs !== undefined) rows.push(makeRow({ ...base, name: `${name}.vendor`, anchor: theirs, anchorName: SMALL_ANCHOR[vendor], note }));
          else skips.push({ group: 'sink', name: `${name}.vendor`, reason: errors.get(`vendor:${vendor}`) ?? 'no sample', command: ctx.command(name) });
        }
      }
    } finally {
      await sink.stop();
    }
    return { rows, skips };
  },
};
