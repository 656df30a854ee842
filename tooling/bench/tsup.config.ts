import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The vendor SDKs and undici are devDependencies, which tsup would otherwise
// bundle into dist/cli.js: keep them as real imports so the benchmark (and the
// cold-start rows) load them exactly as their users do.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  devDependencies?: Record<string, string>;
};

export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  external: Object.keys(pkg.devDependencies ?? {}),
});
