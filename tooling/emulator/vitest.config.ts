import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { packageTests } from '../../tooling/tsconfig/vitest.base.ts';

/**
 * Two projects: the emulator's own tests, and the README's globalSetup recipe
 * (test/recipe), run as a user's project runs it: one emulator started by
 * `globalSetup`, its endpoints handed to the test files by `provide`/`inject`.
 * The shared settings' `include` is left out at the top: projects that extend
 * the top level would add it to their own.
 */
const shared = packageTests() as ViteUserConfig;
const { include: _everyTest, ...sharedTest } = shared.test ?? {};

export default defineConfig({
  ...shared,
  test: {
    ...sharedTest,
    projects: [
      { extends: true, test: { name: 'emulator', include: ['test/**/*.test.ts'], exclude: ['test/recipe/**'] } },
      { extends: true, test: { name: 'globalSetup recipe', include: ['test/recipe/*.test.ts'], globalSetup: ['test/recipe/global-setup.ts'] } },
    ],
  },
});
