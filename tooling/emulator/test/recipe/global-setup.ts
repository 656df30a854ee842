// test/global-setup.ts — one emulator for the whole test run
import type { TestProject } from 'vitest/node';
import { startEmulator } from '@yunstore/emulator';

export default async function setup(project: TestProject) {
  const emulator = await startEmulator({
    // The NOS SDK has no bucket calls: its bucket must exist from the start.
    buckets: ['cos:examplebucket-1250000000', 'nos:nos-test-bucket'],
  });
  project.provide('emulatorEndpoints', emulator.endpoints);
  return () => emulator.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorEndpoints: Record<'cos' | 'bos' | 'oos' | 'nos', string>;
  }
}
