import { advantage, formatNumber, formatRatio, targetVerdict } from './stats.ts';
import type { BenchRow, MachineInfo, Skip } from './model.ts';

export interface ReportInput {
  machine: MachineInfo;
  rows: readonly BenchRow[];
  skips: readonly Skip[];
  /** The command line of the whole run (`pnpm bench --quick`). */
  invocation: string;
}

/** Escapes a value for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function direction(row: BenchRow): string {
  return row.higherIsBetter ? 'higher is better' : 'lower is better';
}

/**
 * `bench/results.md`: machine facts, one table per group, the skipped rows
 * with their reasons. Pure: the same input always gives the same text.
 */
export function renderMarkdown(input: ReportInput): string {
  const { machine } = input;
  const lines: string[] = [
    '# yunstore benchmark results',
    '',
    `- date: ${machine.date}`,
    `- node: ${machine.node} (${machine.platform})`,
    `- cpu: ${machine.cpu} × ${machine.cores}, memory ${machine.memoryGiB} GiB`,
    `- command: \`${input.invocation}\``,
    '',
    '`ours/anchor` is the raw ratio of the medians; `ours better by` turns it into "how many times better",',
    'whatever the unit (above ×1.00 ours wins). Every row names the command that reproduces it.',
    '',
  ];
  const groups = [...new Set([...input.rows.map((r) => r.group), ...input.skips.map((s) => s.group)])];
  for (const group of groups) {
    const rows = input.rows.filter((r) => r.group === group);
    const skips = input.skips.filter((s) => s.group === group);
    lines.push(`## ${group}`, '');
    if (rows.length > 0) {
      lines.push('| row | ours | anchor | unit | ours/anchor | ours better by | reproduce |', '| --- | ---: | --- | --- | ---: | ---: | --- |');
      for (const row of rows) {
        const notes = [row.note, targetVerdict(row)].filter((n): n is string => n !== undefined);
        const label = notes.length > 0 ? `${row.label} (${notes.join('; ')})` : row.label;
        lines.push(
          `| ${cell(label)} | ${formatNumber(row.ours)} | ${cell(`${formatNumber(row.anchor)} — ${row.anchorName}`)} | ${row.unit}, ${direction(row)} | ${formatRatio(row.ratio)} | ${formatRatio(advantage(row))} | \`${cell(row.command)}\` |`,
        );
      }
      lines.push('');
    }
    if (skips.length > 0) {
      lines.push('Skipped:', '');
      for (const skip of skips) lines.push(`- \`${skip.name}\`: ${skip.reason} (\`${skip.command}\`)`);
      lines.push('');
    }
  }
  if (groups.length === 0) lines.push('No rows were selected.', '');
  return lines.join('\n');
}
