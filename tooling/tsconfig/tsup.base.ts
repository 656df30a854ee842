import type { Options } from 'tsup';

/** The one build every package shares: ESM + CJS + .d.ts, Node 20, no bundled deps. */
export function packageBuild(entry: Record<string, string>, extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    // No source maps in the tarball: the output is not minified, so stack traces read as is, and maps would double the package.
    sourcemap: false,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    ...extra,
  };
}
