import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { registerChildTask, spawnTask } from '../child-main.ts';
import { benchBucket, makeClient } from '../clients/index.ts';
import { presignedUrl, rawDownload, rawUpload } from '../clients/raw.ts';
import { startBenchEmulator } from '../emulator.ts';
import { makeRow } from '../runner.ts';
import type { Endpoint, Vendor } from '../clients/types.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';

type Side = 'raw' | 'ours' | 'vendor';
type Op = 'upload' | 'download';

interface LargeJob {
  vendor: Vendor;
  side: Side;
  op: Op;
  endpoint: Endpoint;
  root: string;
  bucket: string;
  key: string;
  file: string;
  size: number;
  partSize: number;
  concurrency: number;
  /** raw side: the presigned URL. */
  url?: string;
}

interface LargeResult {
  seconds: number;
  maxRssKiB: number;
}

/** In a fresh process (so peak RSS is this transfer's alone): one upload or download, timed. */
registerChildTask('large', async (args) => {
  const job = JSON.parse(args[0] ?? '{}') as LargeJob;
  let run: () => Promise<void>;
  if (job.side === 'raw') {
    const url = job.url ?? '';
    run = job.op === 'upload' ? () => rawUpload(job.root, url, job.file, job.size) : () => rawDownload(job.root, url, job.file);
  } else {
    const client = await makeClient(job.vendor, job.side, job.endpoint, job.root);
    const call = job.op === 'upload' ? client.uploadFile : client.downloadFile;
    if (!call) throw new Error(`${client.name} has no high-level ${job.op} yet`);
    run = () => call.call(client, job.bucket, job.key, job.file, job.partSize, job.concurrency);
  }
  const start = performance.now();
  await run();
  const result: LargeResult = { seconds: (performance.now() - start) / 1000, maxRssKiB: process.resourceUsage().maxRSS };
  return result;
});

const VENDORS: readonly Vendor[] = ['cos', 'bos', 'oos', 'nos'];
const ANCHOR: Record<Vendor, Record<Op, string>> = {
  cos: { upload: 'cos-nodejs-sdk-v5 uploadFile', download: 'cos-nodejs-sdk-v5 downloadFile' },
  bos: { upload: '@baiducloud/sdk putSuperObject', download: '@baiducloud/sdk getObjectToFile' },
  oos: { upload: '@aws-sdk/lib-storage Upload', download: '@aws-sdk/client-s3 GetObject → file' },
  nos: { upload: 'nos-node-sdk put_big_file', download: 'nos-node-sdk get_object_stream → file' },
};
const OUR_CALL: Record<Vendor, Record<Op, string>> = {
  cos: { upload: 'upload_file', download: 'download_file' },
  bos: { upload: 'high-level upload', download: 'high-level download' },
  oos: { upload: 'upload_file', download: 'download_file' },
  nos: { upload: 'high-level upload', download: 'high-level download' },
};

/** A file of zeros without writing them: a sparse file reads at memory speed, so disks do not decide the result. */
async function sparseFile(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(size);
  await handle.close();
}

/**
 * Large objects: 1 GiB (128 MiB with --quick) upload and download through
 * each vendor's high-level call, next to raw undici (one presigned request,
 * the physical limit) and the vendor SDK's own equivalent. Throughput and
 * peak RSS, each transfer in its own process, against the discard store.
 */
export const largeObjectsGroup: BenchGroup = {
  id: 'large',
  title: 'Large objects (high-level upload/download)',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const selected = VENDORS.filter((v) => ctx.selected(`large.${v}.upload`) || ctx.selected(`large.${v}.download`));
    if (selected.length === 0) return { rows, skips };
    const size = (ctx.quick ? 128 : 1024) * 2 ** 20;
    const partSize = 8 * 2 ** 20;
    const concurrency = 8;
    const skip = (name: string, reason: string): void => {
      skips.push({ group: 'large', name, reason, command: ctx.command(name) });
      ctx.log(`  skip ${name}: ${reason}`);
    };
    let emulator;
    try {
      emulator = await startBenchEmulator('discard');
    } catch (error) {
      for (const v of selected) skip(`large.${v}`, error instanceof Error ? error.message : String(error));
      return { rows, skips };
    }
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-bench-'));
    const source = join(dir, 'source.bin');
    const dest = join(dir, 'download.bin');
    await sparseFile(source, size);
    try {
      for (const vendor of selected) {
        const endpoint = emulator.endpoint(vendor);
        const bucket = benchBucket(vendor, 'bench-large');
        // Buckets come from our client when it can, else the vendor SDK's (either way the same server state).
        try {
          await (await makeClient(vendor, 'ours', endpoint, ctx.root).catch(() => makeClient(vendor, 'vendor', endpoint, ctx.root))).ensureBucket(bucket);
        } catch (error) {
          skip(`large.${vendor}`, `cannot create the bucket: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        // NOS refuses single PUTs over 100 MB (as the service does), so its raw limit is taken on the
        // OOS port of the same emulator process and store: same machine, same server code path.
        const rawVendor: Vendor = vendor === 'nos' ? 'oos' : vendor;
        const rawEndpoint = emulator.endpoint(rawVendor);
        const rawBucket = benchBucket(rawVendor, 'bench-large-raw');
        try {
          await (await makeClient(rawVendor, 'vendor', rawEndpoint, ctx.root)).ensureBucket(rawBucket);
        } catch (error) {
          ctx.log(`  raw bucket for ${vendor}: ${error instanceof Error ? error.message : String(error)}`);
        }
        const results: Partial<Record<Op, Partial<Record<Side, LargeResult>>>> = {};
        const errors: Partial<Record<string, string>> = {};
        let downloadKey: string | undefined;
        for (const op of ['upload', 'download'] as const) {
          if (!ctx.selected(`large.${vendor}.${op}`) && !(op === 'upload' && ctx.selected(`large.${vendor}.download`))) continue;
          results[op] = {};
          for (const side of ['raw', 'ours', 'vendor'] as const) {
            // Downloads read an object one of the SDK sides uploaded (the raw side reads its own).
            const key = op === 'upload' ? `large/${side}` : (downloadKey ?? 'large/ours');
            ctx.log(`  large.${vendor}.${op} ${side} ...`);
            try {
              const url =
                side === 'raw'
                  ? await presignedUrl(rawVendor, op === 'upload' ? 'PUT' : 'GET', rawEndpoint, rawBucket, op === 'upload' ? key : 'large/raw')
                  : undefined;
              const job: LargeJob = {
                vendor,
                side,
                op,
                endpoint,
                root: ctx.root,
                bucket,
                key,
                file: op === 'upload' ? source : dest,
                size,
                partSize,
                concurrency,
                ...(url ? { url } : {}),
              };
              results[op]![side] = (await spawnTask('large', [JSON.stringify(job)])) as LargeResult;
              if (op === 'upload' && side !== 'raw') downloadKey ??= key;
            } catch (error) {
              errors[`${op}.${side}`] = error instanceof Error ? error.message.split('\n')[0] : String(error);
            } finally {
              if (op === 'download') await rm(dest, { force: true });
            }
          }
        }
        for (const op of ['upload', 'download'] as const) {
          const name = `large.${vendor}.${op}`;
          const r = results[op];
          if (!r || !ctx.selected(name)) continue;
          const ours = r.ours;
          const mbps = (x: LargeResult): number => size / 1e6 / x.seconds;
          if (!ours) {
            // Still say what the anchors did, so the missing side is the only gap.
            const seen = [
              r.raw ? `raw ${mbps(r.raw).toFixed(0)} MB/s` : `raw: ${errors[`${op}.raw`] ?? 'not run'}`,
              r.vendor
                ? `${ANCHOR[vendor][op]} ${mbps(r.vendor).toFixed(0)} MB/s, peak RSS ${(r.vendor.maxRssKiB / 1024).toFixed(0)} MiB`
                : `vendor: ${errors[`${op}.vendor`] ?? 'not run'}`,
            ];
            skip(name, `ours: ${errors[`${op}.ours`] ?? 'not run'} (measured meanwhile: ${seen.join('; ')})`);
            continue;
          }
          const rssMiB = (x: LargeResult): number => x.maxRssKiB / 1024;
          const label = `${vendor.toUpperCase()} ${size / 2 ** 20} MiB ${op}, ours ${OUR_CALL[vendor][op]}`;
          const base = { group: 'large', name, label, ours: mbps(ours), unit: 'MB/s', higherIsBetter: true, command: ctx.command(name) };
          const settings = `part ${partSize / 2 ** 20} MiB × ${concurrency}`;
          const rawName =
            vendor === 'nos'
              ? 'raw undici, one presigned request on the OOS port (NOS caps PUT at 100 MB)'
              : 'raw undici, one presigned request (physical limit)';
          if (r.raw)
            rows.push(
              makeRow({
                ...base,
                anchor: mbps(r.raw),
                anchorName: rawName,
                note: `${settings}; peak RSS ${rssMiB(ours).toFixed(0)} vs ${rssMiB(r.raw).toFixed(0)} MiB`,
              }),
            );
          else skip(`${name}.raw`, errors[`${op}.raw`] ?? 'raw transfer did not run');
          if (r.vendor) {
            rows.push(makeRow({ ...base, anchor: mbps(r.vendor), anchorName: ANCHOR[vendor][op], note: settings }));
            rows.push(
              makeRow({
                group: 'large',
                name: `${name}.rss`,
                label: `${vendor.toUpperCase()} ${op} peak RSS, ours`,
                ours: rssMiB(ours),
                anchor: rssMiB(r.vendor),
                anchorName: ANCHOR[vendor][op],
                unit: 'MiB',
                higherIsBetter: false,
                command: ctx.command(name),
                note: `target: ≤ part × concurrency + 64 MiB = ${(partSize * concurrency) / 2 ** 20 + 64} MiB`,
              }),
            );
          } else skip(`${name}.vendor`, errors[`${op}.vendor`] ?? 'vendor transfer did not run');
        }
      }
    } finally {
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    }
    return { rows, skips };
  },
};
