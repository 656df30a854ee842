import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRandomFile } from './hashing.ts';
import { createProgress } from './progress.ts';
import { StepRecorder, isOk, type StepRecord } from './steps.ts';
import { emulatorTarget, realTarget, type EmulatorEndpoints } from './targets.ts';
import { importFailure } from './walks/calls.ts';
import { WALKS } from './walks/index.ts';
import type { Walk } from './walks/types.ts';

type Vendor = Walk['vendor'];

export interface DemoOptions {
  /** Size of the generated file in bytes. */
  sizeBytes: number;
  /** Which vendors to walk (default all four). */
  vendors?: readonly Vendor[];
  /** Run against real accounts (credentials from `env`) instead of the emulator. */
  real?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
  /** Where progress bars draw; default stderr. */
  progressStream?: NodeJS.WritableStream;
}

export interface DemoResult {
  records: StepRecord[];
  /** Per vendor: every step of its walk verified. */
  verified: Record<string, boolean>;
  ok: boolean;
}

interface RunningEmulator extends EmulatorEndpoints {
  stop(): Promise<void>;
}

/** Starts the bundled emulator in this process, on a free port, keeping objects in memory. */
async function startEmulator(): Promise<RunningEmulator> {
  const specifier = '@yunstore/emulator';
  let mod: { startEmulator?: (o: object) => Promise<unknown> };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (error) {
    throw new Error(importFailure(specifier, error));
  }
  if (typeof mod.startEmulator !== 'function') throw new Error('@yunstore/emulator does not export startEmulator yet');
  const emu = (await mod.startEmulator({ port: 0, store: 'memory' })) as {
    endpoints: Record<Vendor, string>;
    credentials?: unknown;
    stop(): Promise<void>;
  };
  return {
    endpoints: emu.endpoints,
    accessKeyId: 'AKIDyunstoreEMULATOR',
    secretAccessKey: 'yunstore-emulator-secret',
    stop: () => emu.stop(),
  };
}

/**
 * The whole demo: generate a file, walk each vendor's quick start with our
 * package, verify every byte, clean up. Never throws for a failed step: the
 * result says what verified.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const vendors = options.vendors ?? WALKS.map((w) => w.vendor);
  const walks = WALKS.filter((w) => vendors.includes(w.vendor));
  const records: StepRecord[] = [];
  const suffix = randomBytes(3).toString('hex');
  const dir = await mkdtemp(join(tmpdir(), 'yunstore-demo-'));
  let emulator: RunningEmulator | undefined;
  try {
    const file = join(dir, 'source.bin');
    log(`generating ${(options.sizeBytes / 2 ** 20).toFixed(0)} MiB of random bytes in ${file}`);
    const source = await writeRandomFile(file, options.sizeBytes);
    if (!options.real) {
      try {
        emulator = await startEmulator();
        log(
          `emulator listening: ${Object.entries(emulator.endpoints)
            .map(([v, e]) => `${v} ${e}`)
            .join(', ')}`,
        );
      } catch (error) {
        const reason = `emulator unavailable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
        for (const walk of walks)
          records.push({ vendor: walk.vendor, operation: 'start emulator', result: `skipped: ${reason}`, ms: undefined, bytes: undefined });
        return summarize(records, walks);
      }
    }
    for (const walk of walks) {
      const target = emulator ? emulatorTarget(walk.vendor, emulator, suffix) : realTarget(walk.vendor, options.env ?? process.env, suffix);
      if (typeof target === 'string') {
        records.push({ vendor: walk.vendor, operation: 'configure', result: `skipped: ${target}`, ms: undefined, bytes: undefined });
        continue;
      }
      log(`\n== ${walk.vendor.toUpperCase()} (${walk.packageName}) bucket ${target.bucket}`);
      const steps = new StepRecorder(walk.vendor, log);
      const downloadPath = join(dir, `${walk.vendor}-download.bin`);
      try {
        await walk.run({
          target,
          steps,
          file,
          source,
          key: `demo/${walk.vendor} quick start/source.bin`,
          downloadPath,
          progress: (label, total) => createProgress(label, total, options.progressStream ? { stream: options.progressStream } : {}),
        });
      } catch (error) {
        // Walks record their own failures; this is a bug in the walk itself.
        steps.records.push({
          vendor: walk.vendor,
          operation: 'walk',
          result: `FAILED: ${error instanceof Error ? error.message : String(error)}`,
          ms: undefined,
          bytes: undefined,
        });
      }
      records.push(...steps.records);
      await rm(downloadPath, { force: true });
    }
    return summarize(records, walks);
  } finally {
    await emulator?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function summarize(records: StepRecord[], walks: readonly Walk[]): DemoResult {
  const verified: Record<string, boolean> = {};
  for (const walk of walks) {
    const mine = records.filter((r) => r.vendor === walk.vendor);
    verified[walk.vendor] = mine.length > 0 && mine.every(isOk);
  }
  return { records, verified, ok: walks.length > 0 && Object.values(verified).every(Boolean) };
}
