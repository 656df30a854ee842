/**
 * How `get_object`'s body resumes a read whose connection was lost: a ranged
 * GET from the first byte not yet delivered, pinned to the same object by
 * `If-Match` on its ETag. A server that ignores the Range answers 200 with
 * the whole object: the bytes already delivered are then dropped.
 */
import type { Readable } from 'node:stream';
import { ConnectionError } from '../errors.ts';
import type { Refetch } from '../streaming-body.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

/**
 * The refetch for one get_object, or undefined when the request's own
 * `range` is not a single `bytes=start-[end]` range (a suffix or multi-range
 * read cannot be resumed exactly).
 */
export function resumeRange(range: string | undefined, etag: string, fetch: (headers: Record<string, string>) => Promise<Answer>): Refetch | undefined {
  const match = range === undefined ? ['', '0', ''] : /^bytes=(\d+)-(\d*)$/.exec(range.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] ?? '';
  return async (offset) => {
    const from = start + offset;
    const answer = await fetch({ Range: `bytes=${from}-${end}`, ...(etag ? { 'If-Match': `"${etag}"` } : {}) });
    if (answer.status === 206) {
      if (!(answer.headers['content-range'] ?? '').startsWith(`bytes ${from}-`)) {
        answer.body.destroy();
        throw new ConnectionError(`get_object: the resumed read answered ${answer.headers['content-range'] ?? 'no Content-Range'}, not bytes ${from}-`);
      }
      return { body: answer.body, skip: 0 };
    }
    return { body: answer.body, skip: from };
  };
}
