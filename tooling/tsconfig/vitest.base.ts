import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Tests import sibling packages from source, so a test run needs no build and
 * a stack trace points at the .ts line. Subpaths come before their package.
 */
export const sourceAliases = [
  { find: /^@yunstore\/core\/sign$/, replacement: `${root}packages/core/src/sign/index.ts` },
  { find: /^@yunstore\/core$/, replacement: `${root}packages/core/src/index.ts` },
  { find: /^@yunstore\/transfer$/, replacement: `${root}packages/transfer/src/index.ts` },
  { find: /^@yunstore\/cos$/, replacement: `${root}packages/cos/src/index.ts` },
  { find: /^@yunstore\/bos$/, replacement: `${root}packages/bos/src/index.ts` },
  { find: /^@yunstore\/oos$/, replacement: `${root}packages/oos/src/index.ts` },
  { find: /^@yunstore\/nos$/, replacement: `${root}packages/nos/src/index.ts` },
  { find: /^@yunstore\/emulator$/, replacement: `${root}tooling/emulator/src/index.ts` },
  { find: /^@yunstore\/test-utils$/, replacement: `${root}tooling/test-utils/src/index.ts` },
];

export function packageTests(): ReturnType<typeof defineConfig> {
  return defineConfig({
    resolve: { alias: sourceAliases },
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Two cores: keep files parallel but bounded.
      pool: 'forks',
      poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    },
  });
}
