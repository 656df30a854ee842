/** One line of the summary: what was done, whether it verified, how fast. */
export interface StepRecord {
  vendor: string;
  operation: string;
  /** `ok`, `FAILED: <why>`, `skipped: <why>` or `not run`. */
  result: string;
  ms: number | undefined;
  /** Bytes moved by the step, for the MB/s column. */
  bytes: number | undefined;
}

/** Thrown by a walk when a call it needs does not exist yet: the step (and the walk) is skipped, and the demo fails. */
export class StepSkipped extends Error {
  override name = 'StepSkipped';
}

/** Thrown when a step ran but its result did not verify. */
export class VerifyError extends Error {
  override name = 'VerifyError';
}

export function isOk(record: StepRecord): boolean {
  return record.result === 'ok';
}

/**
 * Records timed steps for one vendor. After the first failed or skipped step
 * the rest of the walk is pointless, so later `run` calls are recorded as
 * "not run" (cleanup steps pass `always` and still run).
 */
export class StepRecorder {
  readonly records: StepRecord[] = [];
  #broken = false;

  constructor(
    readonly vendor: string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get broken(): boolean {
    return this.#broken;
  }

  async run<T>(operation: string, fn: () => Promise<T>, options: { bytes?: number; always?: boolean } = {}): Promise<T | undefined> {
    if (this.#broken && !options.always) {
      this.records.push({ vendor: this.vendor, operation, result: 'not run', ms: undefined, bytes: undefined });
      return undefined;
    }
    const started = performance.now();
    try {
      const value = await fn();
      const ms = performance.now() - started;
      this.records.push({ vendor: this.vendor, operation, result: 'ok', ms, bytes: options.bytes });
      this.log(`  ${this.vendor} ${operation}: ok (${(ms / 1000).toFixed(2)} s)`);
      return value;
    } catch (error) {
      const ms = performance.now() - started;
      const message = error instanceof Error ? error.message : String(error);
      const result = error instanceof StepSkipped ? `skipped: ${message}` : `FAILED: ${message}`;
      this.#broken = true;
      this.records.push({ vendor: this.vendor, operation, result, ms, bytes: undefined });
      this.log(`  ${this.vendor} ${operation}: ${result}`);
      return undefined;
    }
  }
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Pure: the summary table, one block per vendor. */
export function renderSummary(records: readonly StepRecord[]): string {
  const rows = records.map((r) => [
    r.vendor,
    r.operation,
    r.result.length > 70 ? `${r.result.slice(0, 69)}…` : r.result,
    r.ms === undefined ? '' : `${(r.ms / 1000).toFixed(2)} s`,
    r.bytes !== undefined && r.ms !== undefined && r.ms > 0 && isOk(r) ? (r.bytes / 1e6 / (r.ms / 1000)).toFixed(0) : '',
  ]);
  const header = ['vendor', 'operation', 'result', 'time', 'MB/s'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  let last = '';
  for (const row of rows) {
    if (last !== '' && row[0] !== last) out.push('');
    last = row[0]!;
    out.push(line(row));
  }
  return `${out.join('\n')}\n`;
}
