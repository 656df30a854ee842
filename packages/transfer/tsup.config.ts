import { defineConfig } from 'tsup';
import { packageBuild } from '../../tooling/tsconfig/tsup.base.ts';

export default defineConfig(
  packageBuild({
    index: 'src/index.ts',
  }),
);
