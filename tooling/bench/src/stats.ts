/** Pure statistics used by the runner and the reports. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: values must not be empty');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** ours / anchor; NaN when the anchor is zero or either side is not finite. */
export function ratio(ours: number, anchor: number): number {
  if (!Number.isFinite(ours) || !Number.isFinite(anchor) || anchor === 0) return Number.NaN;
  return ours / anchor;
}

/**
 * How many times better ours is, whatever the unit: above 1 means ours wins.
 * For throughput that is ours/anchor; for times and sizes anchor/ours.
 */
export function advantage(row: { ratio: number; higherIsBetter: boolean }): number {
  if (!Number.isFinite(row.ratio) || row.ratio === 0) return Number.NaN;
  return row.higherIsBetter ? row.ratio : 1 / row.ratio;
}

/** A number with about three significant digits, thousands grouped: `12 345`, `98.7`, `0.123`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const [int, frac] = value.toFixed(digits).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** `×1.84` style, for ratios. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `×${value >= 10 ? value.toFixed(1) : value.toFixed(2)}`;
}

/**
 * `target ≥ 0.90: met` / `target ≤ 1.30: missed by 12 %` for a row's raw
 * ratio; undefined without a target. The miss is relative to the target.
 */
export function targetVerdict(row: { ratio: number; target?: { atLeast?: number; atMost?: number } }): string | undefined {
  const t = row.target;
  if (!t) return undefined;
  if (!Number.isFinite(row.ratio)) return 'target: n/a';
  const percent = (fraction: number): string => (fraction * 100).toFixed(fraction < 0.1 ? 1 : 0);
  const parts: string[] = [];
  if (t.atLeast !== undefined) {
    parts.push(row.ratio >= t.atLeast ? `≥ ${t.atLeast.toFixed(2)}: met` : `≥ ${t.atLeast.toFixed(2)}: missed by ${percent(1 - row.ratio / t.atLeast)} %`);
  }
  if (t.atMost !== undefined) {
    parts.push(row.ratio <= t.atMost ? `≤ ${t.atMost.toFixed(2)}: met` : `≤ ${t.atMost.toFixed(2)}: missed by ${percent(row.ratio / t.atMost - 1)} %`);
  }
  return `target ours/anchor ${parts.join(', ')}`;
}
