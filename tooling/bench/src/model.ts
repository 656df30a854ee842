/**
 * The result model every benchmark group produces. One row compares our
 * package with ONE anchor (a vendor SDK, a bare-metal floor or a physical
 * limit); a measurement with two anchors is two rows.
 */
export interface BenchRow {
  /** Group id, e.g. `signing`. */
  group: string;
  /** Row id inside the run, e.g. `signing.cos`; `--only` matches against it. */
  name: string;
  /** What the row measures, in words: `COS header signature`. */
  label: string;
  /** Our median. */
  ours: number;
  /** The anchor's median. */
  anchor: number;
  /** What the anchor is: `cos-nodejs-sdk-v5 COS.getAuthorization`. */
  anchorName: string;
  unit: string;
  /** True for throughput-like units (ops/s, MB/s), false for times and sizes. */
  higherIsBetter: boolean;
  /** ours / anchor, raw (read together with `higherIsBetter`). */
  ratio: number;
  /** The exact command that reproduces this row. */
  command: string;
  /** Anything a reader needs to interpret the row (sizes, rounds, extra figures such as peak RSS). */
  note?: string;
  /** A target for the raw ratio ours/anchor (from an issue), reported as met or missed. */
  target?: RatioTarget;
}

/** `ours/anchor` must be at least / at most this value. */
export interface RatioTarget {
  atLeast?: number;
  atMost?: number;
}

/** A row (or a whole group) that could not run, with the reason printed. */
export interface Skip {
  group: string;
  name: string;
  reason: string;
  command: string;
}

export interface GroupOutcome {
  rows: BenchRow[];
  skips: Skip[];
}

export interface RunContext {
  quick: boolean;
  /** True when a row id passes the `--only` filter. */
  selected(name: string): boolean;
  /** Progress lines for the terminal (stderr). */
  log(line: string): void;
  /** Repository root (where `bench/` is written and packages live). */
  root: string;
  /** Builds the reproduce command for a row id. */
  command(name: string): string;
  /** `--size`: object size in MiB for the sink.* large rows, when given. */
  sizeMiB?: number | undefined;
  /** `--rounds`: alternating rounds for the sink.* rows, when given. */
  rounds?: number | undefined;
}

export interface BenchGroup {
  id: string;
  title: string;
  run(ctx: RunContext): Promise<GroupOutcome>;
}

/** Machine facts printed at the top of the report. */
export interface MachineInfo {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
}
