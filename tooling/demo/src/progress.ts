/**
 * A one-line progress bar on stderr, redrawn in place with `\r`. On a
 * terminal it redraws at most ~10 times a second; when stderr is not a
 * terminal (CI logs, tests) it stays silent until `done()` prints one line.
 */
export interface ProgressBar {
  /** The vendor-style callback: `(consumed_bytes, total_bytes)`. */
  update(consumed: number, total?: number): void;
  /** Finishes the line. */
  done(): void;
  /** The highest byte count seen, to check the callback reached the total. */
  readonly consumed: number;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Force redraws even when the stream is not a TTY. */
  live?: boolean;
  now?: () => number;
}

const MiB = 2 ** 20;

/** Pure: the text of one bar line. */
export function renderBar(label: string, consumed: number, total: number, elapsedMs: number, width = 24): string {
  const fraction = total > 0 ? Math.min(consumed / total, 1) : 1;
  const filled = Math.round(fraction * width);
  const rate = elapsedMs > 0 ? consumed / 1e6 / (elapsedMs / 1000) : 0;
  return `${label.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${(consumed / MiB).toFixed(1)}/${(total / MiB).toFixed(1)} MiB ${rate.toFixed(0).padStart(4)} MB/s`;
}

export function createProgress(label: string, total: number, options: ProgressOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const live = options.live ?? Boolean((stream as { isTTY?: boolean }).isTTY);
  const now = options.now ?? (() => performance.now());
  const started = now();
  let consumed = 0;
  let knownTotal = total;
  let lastDraw = 0;
  const draw = (): void => {
    stream.write(`\r${renderBar(label, consumed, knownTotal, now() - started)}`);
  };
  return {
    update(bytes: number, totalBytes?: number): void {
      if (typeof totalBytes === 'number' && totalBytes > 0) knownTotal = totalBytes;
      if (bytes > consumed) consumed = bytes;
      if (!live) return;
      const t = now();
      if (t - lastDraw >= 100 || consumed >= knownTotal) {
        lastDraw = t;
        draw();
      }
    },
    done(): void {
      draw();
      stream.write('\n');
    },
    get consumed(): number {
      return consumed;
    },
  };
}
