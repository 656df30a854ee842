#!/usr/bin/env node
// The `yunstore-emulator` bin: run main(), stop cleanly on SIGINT/SIGTERM. Everything testable lives in cli-main.ts.
import { main, UsageError, USAGE } from './cli-main.ts';
import type { Emulator } from './server.ts';

function onStarted(emulator: Emulator | undefined): void {
  if (!emulator) return;
  console.log('Press Ctrl+C to stop.');
  const shutdown = (signal: string): void => {
    console.log(`\n${signal}: stopping`);
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

function onFailed(err: unknown): void {
  if (err instanceof UsageError) {
    console.error(`yunstore-emulator: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`yunstore-emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

// No top-level await: the build also emits a CommonJS twin of this file.
main(process.argv.slice(2)).then(onStarted, onFailed);
