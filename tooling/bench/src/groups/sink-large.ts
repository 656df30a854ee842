/**
 * Large objects against the physical limit: the bench sink (no hashing, no
 * storage) in this process, every client in its own child process, all
 * sides of one operation alternating round by round in one run. Each sample
 * gives wall time, the child's CPU time (user + sys) during the transfer and
 * its peak RSS. Sides: raw undici (the floor), the engine alone over a bare
 * adapter (with and without the COS CRC-64 work), ours and the vendor SDK
 * for every vendor.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { registerChildTask, spawnTask } from '../child-main.ts';
import { engineDownload, engineUpload } from '../clients/engine-sink.ts';
import { makeClient } from '../clients/index.ts';
import { rawPartsUpload, rawRangedDownload } from '../clients/raw-sink.ts';
import type { Vendor } from '../clients/types.ts';
import { makeRow, rotate } from '../runner.ts';
import { startSink } from '../sink.ts';
import { median } from '../stats.ts';
import type { BenchGroup, BenchRow, GroupOutcome, RatioTarget, Skip } from '../model.ts';

type Op = 'upload' | 'download';
/** `raw`, `engine`, `engine-crc`, or `<ours|vendor>:<vendor>`. */
type SideId = string;

interface SinkJob {
  side: SideId;
  op: Op;
  origin: string;
  root: string;
  file: string;
  size: number;
  partSize: number;
  concurrency: number;
}

export interface SinkSample {
  seconds: number;
  cpuSeconds: number;
  maxRssKiB: number;
  /** At the end of the transfer: V8 heap and ArrayBuffer memory, MiB (where the RSS went). */
  heapMiB: number;
  arrayBuffersMiB: number;
}

registerChildTask('sink-large', async (args) => {
  const job = JSON.parse(args[0] ?? '{}') as SinkJob;
  const { side, op, origin, root, file, size, partSize, concurrency } = job;
  let run: () => Promise<unknown>;
  if (side === 'raw') {
    run =
      op === 'upload'
        ? () => rawPartsUpload(root, origin, file, size, partSize, concurrency)
        : () => rawRangedDownload(root, origin, size, partSize, concurrency);
  } else if (side === 'engine' || side === 'engine-crc') {
    run =
      op === 'upload'
        ? () => engineUpload(root, origin, file, partSize, concurrency, side === 'engine-crc')
        : () => engineDownload(root, origin, file, partSize, concurrency);
  } else {
    const [who, vendor] = side.split(':') as ['ours' | 'vendor', Vendor];
    // The sink checks no signature: any key pair will do.
    const client = await makeClient(vendor, who, { endpoint: origin, accessKeyId: 'AKIDsink', secretAccessKey: 'sink-secret' }, root);
    const call = op === 'upload' ? client.uploadFile : client.downloadFile;
    if (!call) throw new Error(`${client.name} has no high-level ${op}`);
    const bucket = vendor === 'cos' ? 'sink-1250000000' : 'sink';
    run = () => call.call(client, bucket, 'large', file, partSize, concurrency);
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const memory = process.memoryUsage();
  const sample: SinkSample = {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    maxRssKiB: process.resourceUsage().maxRSS,
    heapMiB: memory.heapTotal / 2 ** 20,
    arrayBuffersMiB: memory.arrayBuffers / 2 ** 20,
  };
  return sample;
});

const VENDORS: readonly Vendor[] = ['cos', 'bos', 'oos', 'nos'];
const ANCHOR: Record<Vendor, Record<Op, string>> = {
  cos: { upload: 'cos-nodejs-sdk-v5 uploadFile', download: 'cos-nodejs-sdk-v5 downloadFile' },
  bos: { upload: '@baiducloud/sdk putSuperObject', download: '@baiducloud/sdk getObjectToFile' },
  oos: { upload: '@aws-sdk/lib-storage Upload', download: '@aws-sdk/client-s3 GetObject → file' },
  nos: { upload: 'nos-node-sdk put_big_file', download: 'nos-node-sdk get_object_stream → file' },
};
const RAW: Record<Op, string> = {
  upload: 'raw undici part PUTs (one positioned read per part, reused buffers)',
  download: 'raw undici ranged GETs (to memory)',
};
/** The issue's targets (ratios ours/anchor). */
const TARGET: Record<string, RatioTarget> = {
  'upload.throughput': { atLeast: 0.9 },
  'upload.cpu': { atMost: 1.3 },
  'download.throughput': { atLeast: 0.9 },
  rss: { atMost: 1 },
};

/** A file of zeros without writing them (reads at memory speed: the disk does not decide the result). */
async function sparseFile(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(size);
  await handle.close();
}

interface Summary {
  mbps: number;
  cpuPerGiB: number;
  rssMiB: number;
  samples: number;
}

function summarize(samples: readonly SinkSample[], size: number): Summary | undefined {
  if (samples.length === 0) return undefined;
  return {
    mbps: median(samples.map((s) => size / 1e6 / s.seconds)),
    cpuPerGiB: median(samples.map((s) => s.cpuSeconds / (size / 2 ** 30))),
    rssMiB: median(samples.map((s) => s.maxRssKiB / 1024)),
    samples: samples.length,
  };
}

export const sinkLargeGroup: BenchGroup = {
  id: 'sink',
  title: 'Against the physical limit: bench sink (no hashing, no storage), large objects',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const vendors = VENDORS.filter((v) => ctx.selected(`sink.${v}.upload`) || ctx.selected(`sink.${v}.download`));
    const engineRows = ctx.selected('sink.engine.upload') || ctx.selected('sink.engine.download');
    if (vendors.length === 0 && !engineRows) return { rows, skips };
    const size = (ctx.sizeMiB ?? (ctx.quick ? 256 : 1024)) * 2 ** 20;
    const partSize = 8 * 2 ** 20;
    const concurrency = 8;
    const rounds = ctx.rounds ?? (ctx.quick ? 1 : 3);
    const sink = await startSink({ defaultSize: size });
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-bench-sink-'));
    const source = join(dir, 'source.bin');
    await sparseFile(source, size);
    const settings = `${size / 2 ** 20} MiB, part ${partSize / 2 ** 20} MiB × ${concurrency}, median of ${rounds}`;
    try {
      for (const op of ['upload', 'download'] as const) {
        const wanted = vendors.filter((v) => ctx.selected(`sink.${v}.${op}`));
        const engineWanted = ctx.selected(`sink.engine.${op}`);
        if (wanted.length === 0 && !engineWanted) continue;
        const sides: SideId[] = ['raw', 'engine', ...(op === 'upload' ? ['engine-crc'] : []), ...wanted.flatMap((v) => [`ours:${v}`, `vendor:${v}`])];
        const samples = new Map<SideId, SinkSample[]>(sides.map((s) => [s, []]));
        const errors = new Map<SideId, string>();
        const measure = (side: SideId) => async (): Promise<number> => {
          if (errors.has(side)) return Number.NaN;
          ctx.log(`  sink ${op} ${side} ...`);
          const dialect = side.includes(':') ? (side.split(':')[1] as Vendor) : 'oos';
          const file = op === 'upload' ? source : join(dir, `download-${side.replace(':', '-')}.bin`);
          const job: SinkJob = { side, op, origin: sink.endpoints[dialect], root: ctx.root, file, size, partSize, concurrency };
          try {
            const sample = (await spawnTask('sink-large', [JSON.stringify(job)])) as SinkSample;
            samples.get(side)!.push(sample);
            return sample.seconds;
          } catch (error) {
            errors.set(side, error instanceof Error ? error.message.split('\n')[0]! : String(error));
            return Number.NaN;
          } finally {
            if (op === 'download') await rm(file, { force: true });
          }
        };
        await rotate(sides.map(measure), rounds);
        const of = (side: SideId): Summary | undefined => summarize(samples.get(side) ?? [], size);
        const raw = of('raw');
        if (!raw) {
          skips.push({ group: 'sink', name: `sink.${op}`, reason: `raw: ${errors.get('raw') ?? 'no sample'}`, command: ctx.command(`sink.${op}`) });
          continue;
        }
        const figures = (s: Summary): string => `${s.cpuPerGiB.toFixed(2)} CPU s/GiB, peak RSS ${s.rssMiB.toFixed(0)} MiB`;
        const pushPair = (name: string, label: string, ours: Summary, anchor: Summary, anchorName: string, withTargets: boolean): void => {
          const command = ctx.command(name);
          rows.push(
            makeRow({
              group: 'sink',
              name,
              label: `${label}, MB/s`,
              ours: ours.mbps,
              anchor: anchor.mbps,
              anchorName,
              unit: 'MB/s',
              higherIsBetter: true,
              command,
              note: `${settings}; ours ${figures(ours)}; anchor ${figures(anchor)}`,
              ...(withTargets ? { target: TARGET[`${op}.throughput`]! } : {}),
            }),
          );
          rows.push(
            makeRow({
              group: 'sink',
              name: `${name}.cpu`,
              label: `${label}, client CPU seconds per GiB`,
              ours: ours.cpuPerGiB,
              anchor: anchor.cpuPerGiB,
              anchorName,
              unit: 's/GiB',
              higherIsBetter: false,
              command,
              ...(withTargets && op === 'upload' ? { target: TARGET['upload.cpu']! } : {}),
            }),
          );
        };
        const engine = of('engine');
        if (engineWanted && engine) {
          pushPair(`sink.engine.${op}`, `engine alone (bare unsigned adapter) ${op}`, engine, raw, RAW[op], false);
          const withCrc = of('engine-crc');
          if (op === 'upload' && withCrc) {
            pushPair(
              'sink.engine.upload.crc64',
              'engine upload computing COS CRC-64 of every part',
              withCrc,
              engine,
              'the same engine upload without CRC-64',
              false,
            );
          }
        }
        for (const vendor of wanted) {
          const name = `sink.${vendor}.${op}`;
          const ours = of(`ours:${vendor}`);
          if (!ours) {
            skips.push({ group: 'sink', name, reason: `ours: ${errors.get(`ours:${vendor}`) ?? 'no sample'}`, command: ctx.command(name) });
            continue;
          }
          const label = `${vendor.toUpperCase()} ${op}, ours`;
          pushPair(name, label, ours, raw, RAW[op], true);
          const theirs = of(`vendor:${vendor}`);
          if (theirs) pushPair(`${name}.vendor`, label, ours, theirs, ANCHOR[vendor][op], false);
          else {
            const reason = `vendor SDK: ${errors.get(`vendor:${vendor}`) ?? 'no sample'}`;
            skips.push({ group: 'sink', name: `${name}.vendor`, reason, command: ctx.command(name) });
            ctx.log(`  skip ${name}.vendor: ${reason}`);
          }
          const budget = (partSize * concurrency) / 2 ** 20 + 64;
          rows.push(
            makeRow({
              group: 'sink',
              name: `${name}.rss`,
              label: `${vendor.toUpperCase()} ${op} peak RSS, ours`,
              ours: ours.rssMiB,
              anchor: budget,
              anchorName: 'budget: part size × concurrency + 64 MiB',
              unit: 'MiB',
              higherIsBetter: false,
              command: ctx.command(name),
              note: theirs ? `vendor SDK ${theirs.rssMiB.toFixed(0)} MiB` : settings,
              target: TARGET['rss']!,
            }),
          );
        }
      }
    } finally {
      await sink.stop();
      await rm(dir, { recursive: true, force: true });
    }
    return { rows, skips };
  },
};
