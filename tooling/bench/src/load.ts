import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A module namespace or CommonJS export object, inspected at run time. */
export type ModuleShape = Record<string, unknown>;

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Imports one of our packages by name. The specifier is a variable on
 * purpose: the packages are being written while the benchmark grows, so a
 * missing build or export becomes a skipped row instead of a compile error.
 * At run time it resolves to the package's built `dist` (tests alias it to
 * source).
 */
export async function importOurs(specifier: string): Promise<Loaded<ModuleShape>> {
  try {
    const mod = (await import(specifier)) as ModuleShape;
    return { ok: true, value: mod };
  } catch (error) {
    return { ok: false, reason: `${specifier} cannot be imported (${firstLine(error)}); run \`pnpm build\`` };
  }
}

const requireHere = createRequire(import.meta.url);

/**
 * Requires a vendor SDK (CommonJS) from the bench package's devDependencies;
 * `fallbackFrom` lists other package folders (relative to the repo root) to
 * resolve from when the bench package itself does not list it.
 */
export function requireVendor(name: string, root: string, fallbackFrom: readonly string[] = []): Loaded<unknown> {
  const attempts = [requireHere, ...fallbackFrom.map((dir) => createRequire(join(root, dir, 'package.json')))];
  let lastError: unknown;
  for (const req of attempts) {
    try {
      return { ok: true, value: req(name) as unknown };
    } catch (error) {
      lastError = error;
    }
  }
  return { ok: false, reason: `${name} is not installed (${firstLine(lastError)})` };
}

/** Resolves a vendor SDK's entry file path (for the cold-start child), or undefined. */
export function resolveVendor(name: string, root: string, fallbackFrom: readonly string[] = []): string | undefined {
  for (const req of [requireHere, ...fallbackFrom.map((dir) => createRequire(join(root, dir, 'package.json')))]) {
    try {
      return req.resolve(name);
    } catch {
      // try the next location
    }
  }
  return undefined;
}

/** Picks an export that must be a function, or explains why it is not there. */
export function pickFunction<F extends (...args: never[]) => unknown>(mod: ModuleShape, names: readonly string[], what: string): Loaded<F> {
  for (const name of names) {
    const value = mod[name];
    if (typeof value === 'function') return { ok: true, value: value as F };
  }
  return { ok: false, reason: `${what}: none of ${names.join(', ')} is exported yet` };
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 160);
}
