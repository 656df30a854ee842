/**
 * "Use it in your tests" of tooling/emulator/README.md. The vitest globalSetup recipe runs
 * as written in the `globalSetup recipe` project (vitest.config.ts, test/recipe/); here:
 * the README shows exactly those files, the reset() pattern works, and the jest setup and
 * teardown blocks, taken from the README, start and stop an emulator as jest would call them.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { signS3V2 } from '@yunstore/core/sign';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.ts';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const KEY = { accessKeyId: 'AKIDyunstoreEMULATOR', secretAccessKey: 'yunstore-emulator-secret' };

/** The README code block whose first line starts `// <title>`. */
function block(title: string): string {
  const found = [...readme.matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.startsWith(`// ${title}`));
  if (!found) throw new Error(`README has no code block titled ${title}`);
  return found;
}

async function listBuckets(endpoint: string): Promise<string[]> {
  const res = await fetch(`${endpoint}/`, { headers: signS3V2({ method: 'GET', path: '/', query: [], headers: {} }, KEY, new Date()) });
  return [...(await res.text()).matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1]!);
}

describe('README: Use it in your tests', () => {
  it('vitest globalSetup: the README shows the files the recipe project runs', async () => {
    expect(block('test/global-setup.ts')).toBe(await readFile(new URL('./recipe/global-setup.ts', import.meta.url), 'utf8'));
    expect(block('test/nos.test.ts')).toBe(await readFile(new URL('./recipe/nos.test.ts', import.meta.url), 'utf8'));
    expect(block('vitest.config.ts')).toContain("globalSetup: ['./test/global-setup.ts']");
    const config = await readFile(new URL('../vitest.config.ts', import.meta.url), 'utf8');
    expect(config).toContain("globalSetup: ['test/recipe/global-setup.ts']");
  });

  describe('reset() between tests', () => {
    // The README's pattern, as written.
    let emu: Emulator;
    beforeAll(async () => {
      emu = await startEmulator({ buckets: ['oos:test-bucket'] });
    });
    afterEach(() => emu.reset());
    afterAll(() => emu.stop());

    it('a test leaves an object and a bucket behind', async () => {
      await emu.store.putObject('test-bucket', 'left-over', Buffer.from('x'), {});
      await emu.store.createBucket({ name: 'extra', createdAt: new Date(), location: 'cn', owner: '100000000001', acl: 'private', grants: [], config: {} });
      expect((await listBuckets(emu.endpoints.oos)).sort()).toEqual(['extra', 'test-bucket']);
    });

    it('the next test starts with only the empty start bucket', async () => {
      expect(await listBuckets(emu.endpoints.oos)).toEqual(['test-bucket']);
      expect(await emu.store.headObject('test-bucket', 'left-over')).toBeUndefined();
    });
  });

  it('jest: globalSetup starts an emulator the workers reach through the environment, globalTeardown stops it', async () => {
    // The blocks as jest would load them (vitest resolves '@yunstore/emulator' to the source).
    const dir = new URL('./.readme-jest-tmp/', import.meta.url);
    await mkdir(dir, { recursive: true });
    try {
      await writeFile(new URL('global-setup.mjs', dir), block('jest.global-setup.mjs'));
      await writeFile(new URL('global-teardown.mjs', dir), block('jest.global-teardown.mjs'));
      expect(block('jest.config.mjs')).toContain("globalSetup: './jest.global-setup.mjs', globalTeardown: './jest.global-teardown.mjs'");
      const { default: globalSetup } = (await import(new URL('global-setup.mjs', dir).href)) as { default: () => Promise<void> };
      const { default: globalTeardown } = (await import(new URL('global-teardown.mjs', dir).href)) as { default: () => Promise<void> };
      await globalSetup();
      const endpoint = process.env['EMULATOR_NOS_ENDPOINT'];
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const emulator = (globalThis as { __YUNSTORE_EMULATOR__?: Emulator }).__YUNSTORE_EMULATOR__!;
      expect(emulator.endpoints.nos).toBe(endpoint);
      expect(await listBuckets(emulator.endpoints.oos)).toEqual(['nos-test-bucket']);
      await globalTeardown();
      await expect(fetch(`${endpoint}/`)).rejects.toThrow();
    } finally {
      delete process.env['EMULATOR_NOS_ENDPOINT'];
      delete (globalThis as { __YUNSTORE_EMULATOR__?: Emulator }).__YUNSTORE_EMULATOR__;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
