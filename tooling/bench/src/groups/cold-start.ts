import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveVendor } from '../load.ts';
import { makeRow, rotate } from '../runner.ts';
import { PAIRINGS } from './vendors.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';

/**
 * The child program: a bare Node process that imports one module and reports
 * how long the import took and the peak RSS afterwards. Nothing else is loaded
 * first, so both sides pay for their whole dependency graph.
 */
const CHILD_SOURCE = `
const t0 = performance.now();
await import(process.argv[1]);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS }) + '\\n');
`;

interface ImportSample {
  ms: number;
  maxRssKiB: number;
}

/** Spawns one fresh process importing `url`; resolves with its timing. */
export function importInChild(url: string): Promise<ImportSample> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SOURCE, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        const lines = err.trim().split('\n');
        const why = lines.find((l) => /Error|Cannot find/.test(l)) ?? lines[0] ?? `exit ${code}`;
        return reject(new Error(`import of ${url} failed: ${why.trim()}`));
      }
      try {
        resolvePromise(JSON.parse(out.trim()) as ImportSample);
      } catch {
        reject(new Error(`import child printed no result: ${out.slice(0, 200)}`));
      }
    });
  });
}

/** Our package's entry as a file URL, or undefined when it is not built. */
function resolveOurs(specifier: string): string | undefined {
  try {
    const url = import.meta.resolve(specifier);
    return existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cold start: time to `import` each of our packages vs the vendor SDK, each
 * in a fresh process, alternating, median of N. Peak RSS after the import is
 * in the note.
 */
export const coldStartGroup: BenchGroup = {
  id: 'cold',
  title: 'Cold start (time to import, fresh process)',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const rounds = ctx.quick ? 3 : 15;
    for (const pair of PAIRINGS) {
      const name = `cold.${pair.vendor}`;
      if (!ctx.selected(name)) continue;
      const oursUrl = resolveOurs(pair.ours);
      const vendorPath = resolveVendor(pair.anchor, ctx.root);
      const reason = !oursUrl ? `${pair.ours} cannot be resolved (not built?)` : !vendorPath ? `${pair.anchor} is not installed` : undefined;
      if (reason || !oursUrl || !vendorPath) {
        skips.push({ group: 'cold', name, reason: reason ?? 'unresolvable', command: ctx.command(name) });
        ctx.log(`  skip ${name}: ${reason}`);
        continue;
      }
      const vendorUrl = pathToFileURL(vendorPath).href;
      ctx.log(`  ${name} ...`);
      // Verify both import at all before timing (a failing import is a skip, not a number).
      try {
        await importInChild(oursUrl);
        await importInChild(vendorUrl);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        skips.push({ group: 'cold', name, reason: why, command: ctx.command(name) });
        ctx.log(`  skip ${name}: ${why}`);
        continue;
      }
      const rss: number[][] = [[], []];
      const measure = (url: string, side: 0 | 1) => async (): Promise<number> => {
        const sample = await importInChild(url);
        rss[side]!.push(sample.maxRssKiB);
        return sample.ms;
      };
      const { medians } = await rotate([measure(oursUrl, 0), measure(vendorUrl, 1)], rounds);
      const mib = (kib: number[]): string => (kib.sort((a, b) => a - b)[kib.length >> 1]! / 1024).toFixed(0);
      rows.push(
        makeRow({
          group: 'cold',
          name,
          label: `import ${pair.ours}`,
          ours: medians[0]!,
          anchor: medians[1]!,
          anchorName: `import ${pair.anchor}`,
          unit: 'ms',
          higherIsBetter: false,
          command: ctx.command(name),
          note: `median of ${rounds}; peak RSS ${mib(rss[0]!)} vs ${mib(rss[1]!)} MiB`,
        }),
      );
    }
    return { rows, skips };
  },
};
