import { compareFingerprints, fingerprintStream, type Fingerprint } from '../hashing.ts';
import { StepSkipped, VerifyError } from '../steps.ts';

export type AnyFn = (...args: unknown[]) => unknown;

/**
 * Imports a vendor package by name. The specifier is a variable so a package
 * that is not built yet makes the walk "skipped" instead of breaking the
 * whole demo (or its typecheck).
 */
export async function loadPackage(name: string): Promise<Record<string, unknown>> {
  try {
    return (await import(name)) as Record<string, unknown>;
  } catch (error) {
    throw new StepSkipped(importFailure(name, error));
  }
}

/** Why an import failed, in words a newcomer can act on. */
export function importFailure(name: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND') return `${name} is not built yet (run pnpm build)`;
  return `${name} cannot be imported (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
}

/** A constructor exported by a package, or a skip naming what is missing. */
export function needClass(mod: Record<string, unknown>, name: string, packageName: string): new (...args: unknown[]) => unknown {
  const value = mod[name];
  if (typeof value !== 'function') throw new StepSkipped(`${packageName} does not export ${name} yet`);
  return value as new (
    ...args: unknown[]
  ) => unknown;
}

/**
 * The first of `names` that `target` has as a method, bound to it (snake_case
 * vendor names first, camelCase aliases after); a skip when none exists.
 */
export function method(target: unknown, names: readonly string[], what: string): { name: string; call: AnyFn } {
  for (const name of names) {
    const fn = (target as Record<string, unknown>)[name];
    if (typeof fn === 'function') return { name, call: (fn as AnyFn).bind(target) };
  }
  throw new StepSkipped(`${what}: ${names.join(' / ')} not available yet`);
}

export function check(condition: boolean, message: string): void {
  if (!condition) throw new VerifyError(message);
}

/**
 * Fetches a presigned URL with plain HTTP (Node's built-in fetch, which is
 * undici; no SDK, no credentials)
 * and checks the bytes against the source file.
 */
export async function fetchAndVerify(url: string, source: Fingerprint, checkCrc: boolean): Promise<void> {
  const response = await fetch(url);
  if (response.status !== 200 || !response.body) {
    const text = await response.text().catch(() => '');
    throw new VerifyError(`GET presigned URL answered ${response.status}: ${text.slice(0, 200)}`);
  }
  const got = await fingerprintStream(response.body as AsyncIterable<Uint8Array>);
  compareFingerprints('presigned GET', source, got, checkCrc);
}

/** Reads a field from a loosely typed response. */
export function field(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
