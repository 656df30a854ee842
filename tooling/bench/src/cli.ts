import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { USAGE, groupSelected, matchesOnly, parseArgs, reproduceCommand } from './args.ts';
import { runChild } from './child-main.ts';
import { GROUPS } from './groups/index.ts';
import { machineInfo } from './machine.ts';
import { renderMarkdown } from './report-md.ts';
import { renderSvg } from './report-svg.ts';
import { formatNumber, formatRatio, advantage, targetVerdict } from './stats.ts';
import type { BenchRow, RunContext, Skip } from './model.ts';

/** The repository root: the nearest folder up from here holding pnpm-workspace.yaml. */
function findRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

function printRow(row: BenchRow): void {
  const verdict = targetVerdict(row);
  const extra = verdict ? `\n    ours/anchor ${formatRatio(row.ratio)}, ${verdict}${row.note ? ` (${row.note})` : ''}` : '';
  process.stdout.write(
    `${row.name.padEnd(28)} ours ${formatNumber(row.ours).padStart(12)} ${row.unit.padEnd(6)} vs ${formatNumber(row.anchor).padStart(12)} ${row.anchorName}  → ${formatRatio(advantage(row))} ${row.higherIsBetter ? '' : '(lower is better) '}${extra}\n    ${row.command}\n`,
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.child) return runChild(args.child);

  const root = findRoot(process.cwd());
  const outDir = resolve(args.out ?? join(root, 'bench'));
  const ctx: RunContext = {
    quick: args.quick,
    selected: (name) => matchesOnly(args.only, name),
    log: (line) => process.stderr.write(`${line}\n`),
    root,
    command: (name) => reproduceCommand(name, args.quick, name.startsWith('sink') ? { sizeMiB: args.sizeMiB, rounds: args.rounds } : {}),
    sizeMiB: args.sizeMiB,
    rounds: args.rounds,
  };
  const rows: BenchRow[] = [];
  const skips: Skip[] = [];
  const started = Date.now();
  for (const group of GROUPS) {
    if (!groupSelected(args.only, group.id)) continue;
    ctx.log(`# ${group.title}`);
    try {
      const outcome = await group.run(ctx);
      outcome.rows.forEach(printRow);
      rows.push(...outcome.rows);
      skips.push(...outcome.skips);
    } catch (error) {
      const reason = `failed: ${error instanceof Error ? error.message : String(error)}`;
      ctx.log(`  ${group.id} ${reason}`);
      skips.push({ group: group.id, name: group.id, reason, command: reproduceCommand(group.id, args.quick) });
    }
  }
  const machine = machineInfo();
  const invocation = ['pnpm bench', ...argv].join(' ');
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'results.md'), renderMarkdown({ machine, rows, skips, invocation }));
  await writeFile(join(outDir, 'results.svg'), renderSvg(rows, machine));
  ctx.log(`\n${rows.length} rows, ${skips.length} skipped, ${((Date.now() - started) / 1000).toFixed(1)} s → ${join(outDir, 'results.md')} and results.svg`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
