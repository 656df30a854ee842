import { defineConfig } from 'tsup';
import { packageBuild } from '../../tooling/tsconfig/tsup.base.ts';

export default defineConfig(
  packageBuild(
    {
      index: 'src/index.ts',
      sign: 'src/sign/index.ts',
    },
    // The fast-xml-parser loader stays a file of its own (see load-fast-xml-parser.cjs):
    // `../load-fast-xml-parser.cjs` resolves to the same file from src/ and from dist/.
    { shims: true, external: ['../load-fast-xml-parser.cjs'] },
  ),
);
