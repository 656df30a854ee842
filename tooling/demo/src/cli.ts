import { parseArgs, USAGE } from './args.ts';
import { runDemo } from './demo.ts';
import { renderSummary } from './steps.ts';

/**
 * `pnpm demo`: each vendor's quick start with our package against the bundled
 * emulator (or, with --real, your accounts), then a summary table. Exit code
 * 0 only if every step of every walk verified.
 */
async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = performance.now();
  const result = await runDemo({ sizeBytes: Math.round(args.sizeMiB * 2 ** 20), vendors: args.vendors, real: args.real });
  process.stdout.write(`\n${renderSummary(result.records)}\n`);
  for (const [vendor, ok] of Object.entries(result.verified)) {
    process.stdout.write(`${vendor.toUpperCase()}: ${ok ? 'every step verified' : 'NOT verified (see above)'}\n`);
  }
  process.stdout.write(`\n${result.ok ? 'demo passed' : 'demo FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
