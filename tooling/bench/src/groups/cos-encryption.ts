import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { registerChildTask, spawnTask } from '../child-main.ts';
import { benchBucket } from '../clients/index.ts';
import { startBenchEmulator } from '../emulator.ts';
import { importOurs, type ModuleShape } from '../load.ts';
import { makeRow } from '../runner.ts';
import type { Endpoint } from '../clients/types.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';

type Side = 'plain' | 'encrypted';
type Op = 'upload' | 'download';

interface CseJob {
  side: Side;
  op: Op;
  endpoint: Endpoint;
  bucket: string;
  key: string;
  file: string;
  partSize: number;
  concurrency: number;
}

interface CseResult {
  seconds: number;
  /** User + system CPU of the whole child process during the transfer. */
  cpuSeconds: number;
  maxRssKiB: number;
}

/** A test key for the bench only: 32 bytes as base64 (AESProvider takes base64 text). */
const BENCH_AES_KEY = Buffer.alloc(32, 0x42).toString('base64');

type Call = (params: Record<string, unknown>) => Promise<unknown>;

function classOf(mod: ModuleShape, name: string): new (...args: unknown[]) => Record<string, unknown> {
  const value = mod[name];
  if (typeof value !== 'function') throw new Error(`@yunstore/cos has no ${name} yet`);
  return value as new (
    ...args: unknown[]
  ) => Record<string, unknown>;
}

/** In a fresh process: one upload_file or download_file through the plain or the encryption client, timed, with its CPU. */
registerChildTask('cos-encryption', async (args) => {
  const job = JSON.parse(args[0] ?? '{}') as CseJob;
  const loaded = await importOurs('@yunstore/cos');
  if (!loaded.ok) throw new Error(loaded.reason);
  const conf = {
    Region: 'ap-guangzhou',
    SecretId: job.endpoint.accessKeyId,
    SecretKey: job.endpoint.secretAccessKey,
    Scheme: 'http',
    Endpoint: job.endpoint.endpoint.replace(/^https?:\/\//, ''),
  };
  const client =
    job.side === 'plain'
      ? new (classOf(loaded.value, 'CosS3Client'))(conf)
      : new (classOf(loaded.value, 'CosEncryptionClient'))(conf, new (classOf(loaded.value, 'AESProvider'))({ aes_key: BENCH_AES_KEY }));
  const common = { Bucket: job.bucket, Key: job.key, PartSize: job.partSize / 2 ** 20, MAXThread: job.concurrency, checkpoint: false };
  const run =
    job.op === 'upload'
      ? () => (client['upload_file'] as Call)({ ...common, LocalFilePath: job.file })
      : () => (client['download_file'] as Call)({ ...common, DestFilePath: job.file });
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await (client['close'] as () => Promise<void>)();
  const result: CseResult = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS };
  return result;
});

async function sparseFile(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(size);
  await handle.close();
}

/**
 * COS client-side encryption: 1 GiB (128 MiB with --quick) upload_file and
 * download_file through CosEncryptionClient (AES provider) next to the plain
 * CosS3Client, same part size and threads, each transfer in its own process
 * against the emulator's discard store (reads return zeros, so the encrypted
 * download decrypts zeros: the same work, meaningless bytes). Rows: MB/s
 * (encrypted vs plain) and CPU seconds per GiB of the whole client process.
 */
export const cosEncryptionGroup: BenchGroup = {
  id: 'cse',
  title: 'COS client-side encryption (encrypted vs plain upload_file / download_file)',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const ops = (['upload', 'download'] as const).filter((op) => ctx.selected(`cse.cos.${op}`) || ctx.selected(`cse.cos.${op}.cpu`));
    if (ops.length === 0) return { rows, skips };
    const size = (ctx.quick ? 128 : 1024) * 2 ** 20;
    const gib = size / 2 ** 30;
    const partSize = 8 * 2 ** 20;
    const concurrency = 8;
    const skip = (name: string, reason: string): void => {
      skips.push({ group: 'cse', name, reason, command: ctx.command(name) });
      ctx.log(`  skip ${name}: ${reason}`);
    };
    let emulator;
    try {
      emulator = await startBenchEmulator('discard');
    } catch (error) {
      skip('cse.cos', error instanceof Error ? error.message : String(error));
      return { rows, skips };
    }
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-bench-cse-'));
    const source = join(dir, 'source.bin');
    const dest = join(dir, 'download.bin');
    await sparseFile(source, size);
    try {
      const endpoint = emulator.endpoint('cos');
      const bucket = benchBucket('cos', 'bench-cse');
      const cos = await importOurs('@yunstore/cos');
      if (!cos.ok) {
        skip('cse.cos', cos.reason);
        return { rows, skips };
      }
      const admin = new (classOf(cos.value, 'CosS3Client'))({
        Region: 'ap-guangzhou',
        SecretId: endpoint.accessKeyId,
        SecretKey: endpoint.secretAccessKey,
        Scheme: 'http',
        Endpoint: endpoint.endpoint.replace(/^https?:\/\//, ''),
      });
      await (admin['create_bucket'] as Call)({ Bucket: bucket }).catch(() => undefined);
      await (admin['close'] as () => Promise<void>)();
      const results: Partial<Record<`${Op}.${Side}`, CseResult>> = {};
      const errors: Partial<Record<string, string>> = {};
      // Downloads need the objects: uploads always run first.
      for (const op of ['upload', 'download'] as const) {
        for (const side of ['plain', 'encrypted'] as const) {
          ctx.log(`  cse.cos.${op} ${side} ...`);
          const job: CseJob = { side, op, endpoint, bucket, key: `cse/${side}`, file: op === 'upload' ? source : dest, partSize, concurrency };
          try {
            results[`${op}.${side}`] = (await spawnTask('cos-encryption', [JSON.stringify(job)])) as CseResult;
          } catch (error) {
            errors[`${op}.${side}`] = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
          } finally {
            if (op === 'download') await rm(dest, { force: true });
          }
        }
      }
      for (const op of ops) {
        const plain = results[`${op}.plain`];
        const enc = results[`${op}.encrypted`];
        const name = `cse.cos.${op}`;
        if (!plain || !enc) {
          skip(name, `plain: ${plain ? 'ok' : (errors[`${op}.plain`] ?? 'not run')}; encrypted: ${enc ? 'ok' : (errors[`${op}.encrypted`] ?? 'not run')}`);
          continue;
        }
        const mbps = (r: CseResult): number => size / 1e6 / r.seconds;
        const settings = `${size / 2 ** 20} MiB, part ${partSize / 2 ** 20} MiB × ${concurrency}, AES provider`;
        const call = op === 'upload' ? 'upload_file' : 'download_file';
        if (ctx.selected(name)) {
          rows.push(
            makeRow({
              group: 'cse',
              name,
              label: `COS ${op}, CosEncryptionClient.${call}`,
              ours: mbps(enc),
              anchor: mbps(plain),
              anchorName: `CosS3Client.${call} (plain)`,
              unit: 'MB/s',
              higherIsBetter: true,
              command: ctx.command(name),
              note: `${settings}; peak RSS ${(enc.maxRssKiB / 1024).toFixed(0)} vs ${(plain.maxRssKiB / 1024).toFixed(0)} MiB`,
            }),
          );
        }
        if (ctx.selected(`${name}.cpu`)) {
          rows.push(
            makeRow({
              group: 'cse',
              name: `${name}.cpu`,
              label: `COS ${op} CPU per GiB, CosEncryptionClient.${call}`,
              ours: enc.cpuSeconds / gib,
              anchor: plain.cpuSeconds / gib,
              anchorName: `CosS3Client.${call} (plain)`,
              unit: 's CPU/GiB',
              higherIsBetter: false,
              command: ctx.command(`${name}.cpu`),
              note: `${settings}; whole client process (user + system); the difference is the AES-256-CTR cost`,
            }),
          );
        }
      }
    } finally {
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    }
    return { rows, skips };
  },
};
