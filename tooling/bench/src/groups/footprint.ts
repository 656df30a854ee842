import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, sep } from 'node:path';
import { promisify } from 'node:util';
import { resolveVendor } from '../load.ts';
import { makeRow } from '../runner.ts';
import { dependencyClosure, folderBytes, locateDependency } from './deps-walk.ts';
import { PAIRINGS } from './vendors.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';

const run = promisify(execFile);

interface PackInfo {
  size: number;
  unpackedSize: number;
}

/** `npm pack --dry-run --json` in a package folder: tarball and unpacked sizes, no file written. */
async function packInfo(dir: string): Promise<PackInfo> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, maxBuffer: 64 * 2 ** 20 });
  const parsed = JSON.parse(stdout) as Array<Partial<PackInfo>>;
  const first = parsed[0];
  if (!first || typeof first.size !== 'number' || typeof first.unpackedSize !== 'number') {
    throw new Error(`npm pack gave no sizes in ${dir}`);
  }
  return { size: first.size, unpackedSize: first.unpackedSize };
}

/** A package's folder from its resolved entry file: the nearest ancestor whose package.json names it. */
function vendorFolder(entry: string, name: string): string | undefined {
  let dir = dirname(entry);
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && dir.endsWith(join('node_modules', name))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

interface Footprint {
  packed: number;
  installed: number;
  deps: number;
  /** True when npm pack failed and the tarball size was estimated by gzipping the files. */
  estimated: boolean;
}

/** Gzip size of every file under `dir` (no node_modules): a close stand-in for the tarball when npm pack fails. */
function estimatePacked(dir: string): number {
  const files: Buffer[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(readFileSync(path));
    }
  };
  walk(dir);
  return gzipSync(Buffer.concat(files), { level: 9 }).length;
}

/**
 * Packed size of the package itself, and the unpacked size of it plus every
 * production dependency a user's install pulls in. Workspace packages (ours)
 * are measured with npm pack (what would be published: dist only);
 * third-party packages by their installed files.
 */
async function footprint(dir: string): Promise<Footprint> {
  let own: PackInfo;
  let estimated = false;
  try {
    own = await packInfo(dir);
  } catch {
    // npm pack crashes on some installed packages ("Exit handler never called"); measure the files instead.
    own = { size: estimatePacked(dir), unpackedSize: folderBytes(dir) };
    estimated = true;
  }
  const closure = dependencyClosure(dir);
  let installed = own.unpackedSize;
  for (const pkg of closure.packages) {
    installed += pkg.includes(`${sep}node_modules${sep}`) ? folderBytes(pkg) : (await packInfo(pkg)).unpackedSize;
  }
  return { packed: own.size, installed, deps: closure.packages.length, estimated };
}

/**
 * Install footprint, ours vs the vendor SDK: tarball size, installed size
 * with all production dependencies, and how many packages that is.
 */
export const footprintGroup: BenchGroup = {
  id: 'footprint',
  title: 'Install footprint',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const benchDir = join(ctx.root, 'tooling', 'bench');
    for (const pair of PAIRINGS) {
      const name = `footprint.${pair.vendor}`;
      if (!ctx.selected(name)) continue;
      const skip = (reason: string): void => {
        skips.push({ group: 'footprint', name, reason, command: ctx.command(name) });
        ctx.log(`  skip ${name}: ${reason}`);
      };
      const oursDir = locateDependency(benchDir, pair.ours);
      const vendorEntry = resolveVendor(pair.anchor, ctx.root);
      const vendorDir = vendorEntry ? vendorFolder(realpathSync(vendorEntry), pair.anchor) : undefined;
      if (!oursDir || !existsSync(join(oursDir, 'dist'))) {
        skip(`${pair.ours} has no dist yet (run pnpm build)`);
        continue;
      }
      if (!vendorDir) {
        skip(`${pair.anchor} is not installed`);
        continue;
      }
      ctx.log(`  ${name} ...`);
      let ours: Footprint;
      let vendor: Footprint;
      try {
        [ours, vendor] = [await footprint(oursDir), await footprint(vendorDir)];
      } catch (error) {
        skip(
          error instanceof Error
            ? (error.message.split('\n').find((l) => /error/i.test(l) && !/warn/.test(l)) ?? error.message.split('\n')[0]!)
            : String(error),
        );
        continue;
      }
      const base = { group: 'footprint', name, command: ctx.command(name), higherIsBetter: false };
      rows.push(
        makeRow({
          ...base,
          label: `${pair.ours} tarball`,
          ours: ours.packed / 1024,
          anchor: vendor.packed / 1024,
          anchorName: `${pair.anchor} tarball`,
          unit: 'KiB',
          ...(vendor.estimated || ours.estimated ? { note: 'npm pack failed on one side: gzip of its files' } : {}),
        }),
        makeRow({
          ...base,
          label: `${pair.ours} installed, with dependencies`,
          ours: ours.installed / 1024,
          anchor: vendor.installed / 1024,
          anchorName: pair.anchor,
          unit: 'KiB',
        }),
        makeRow({
          ...base,
          label: `${pair.ours} production dependencies`,
          ours: ours.deps,
          anchor: vendor.deps,
          anchorName: pair.anchor,
          unit: 'packages',
        }),
      );
    }
    return { rows, skips };
  },
};
