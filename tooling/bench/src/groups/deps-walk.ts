import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * Finds the folder of dependency `name` as Node would from package folder
 * `from`: `<ancestor>/node_modules/<name>` for each ancestor, nearest first
 * (works for npm's flat layout and pnpm's symlinked one). Real paths, so a
 * package reached twice through symlinks counts once.
 */
export function locateDependency(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    if (basename(dir) !== 'node_modules') {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface DependencyClosure {
  /** Real paths of every production dependency reached, the root excluded. */
  packages: string[];
  /** Dependencies named in a package.json but not found installed (optional ones are expected). */
  missing: string[];
}

/** Walks `dependencies` (and installed optional ones) recursively from a package folder. */
export function dependencyClosure(rootDir: string): DependencyClosure {
  const root = realpathSync(rootDir);
  const seen = new Set<string>([root]);
  const missing: string[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const manifest = readManifest(dir);
    const names = [
      ...Object.keys(manifest.dependencies ?? {}).map((n) => ({ n, optional: false })),
      ...Object.keys(manifest.optionalDependencies ?? {}).map((n) => ({ n, optional: true })),
    ];
    for (const { n, optional } of names) {
      const found = locateDependency(dir, n);
      if (!found) {
        if (!optional) missing.push(`${n} (from ${manifest.name ?? dir})`);
        continue;
      }
      if (seen.has(found)) continue;
      seen.add(found);
      queue.push(found);
    }
  }
  seen.delete(root);
  return { packages: [...seen], missing };
}

/** Bytes of every file under `dir`, not descending into nested node_modules (those are counted as packages). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}
