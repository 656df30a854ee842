import { defineConfig } from 'tsup';
import { packageBuild } from '../../tooling/tsconfig/tsup.base.ts';

/**
 * The CLI imports the library through `./index.ts`; this keeps that import
 * pointing at the built `dist/index.{js,cjs}` instead of bundling the whole
 * emulator a second time into `dist/cli.{js,cjs}`.
 */
const cliUsesBuiltIndex = {
  name: 'cli-uses-built-index',
  setup(build: { initialOptions: { format?: string }; onResolve: (o: { filter: RegExp }, cb: () => { path: string; external: boolean }) => void }) {
    const target = build.initialOptions.format === 'cjs' ? './index.cjs' : './index.js';
    build.onResolve({ filter: /^\.\/index\.ts$/ }, () => ({ path: target, external: true }));
  },
};

export default defineConfig(
  packageBuild(
    {
      index: 'src/index.ts',
      cli: 'src/cli.ts',
    },
    { esbuildPlugins: [cliUsesBuiltIndex], dts: { entry: { index: 'src/index.ts' } } },
  ),
);
