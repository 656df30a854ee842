/** One line per attempt, for debugging. Never a header, a query, a signature or a token: only what is listed here. */
export interface RequestLogEntry {
  method: string;
  /** Origin and path, without the query (where presigned signatures and tokens live). */
  url: string;
  status: number | undefined;
  requestId: string | undefined;
  attempt: number;
  /** Milliseconds the attempt took. */
  ms: number;
  /** The failure's code (`ECONNRESET`, `TIMEOUT`, `NoSuchKey`...) when the attempt failed. */
  error?: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

function format(entry: RequestLogEntry): string {
  const outcome = entry.status === undefined ? (entry.error ?? '-') : `${entry.status}${entry.error ? ` ${entry.error}` : ''}`;
  return `[yunstore] ${entry.method} ${entry.url} -> ${outcome} attempt=${entry.attempt} ${entry.ms}ms request-id=${entry.requestId ?? '-'}`;
}

/** The logger in effect: the given one, or stderr when `YUNSTORE_DEBUG` is set (to anything but `0` or empty). */
export function requestLogger(given: RequestLogger | undefined): RequestLogger | undefined {
  if (given) return given;
  const flag = process.env['YUNSTORE_DEBUG'];
  if (flag && flag !== '0') return (entry) => process.stderr.write(`${format(entry)}\n`);
  return undefined;
}
