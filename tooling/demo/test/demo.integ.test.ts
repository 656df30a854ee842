import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.ts';
import { renderSummary } from '../src/steps.ts';

/** Progress bars go nowhere during tests. */
const sink = new Writable({ write: (_chunk, _enc, done) => done() });

describe('pnpm demo, every vendor walk against the in-process emulator (4 MiB)', () => {
  for (const vendor of ['cos', 'bos', 'oos', 'nos'] as const) {
    it(`${vendor}: every step verifies`, async (ctx) => {
      const lines: string[] = [];
      const result = await runDemo({ sizeBytes: 4 * 2 ** 20, vendors: [vendor], log: (l) => lines.push(l), progressStream: sink });
      const failed = result.records.filter((r) => r.result.startsWith('FAILED'));
      const skipped = result.records.filter((r) => r.result.startsWith('skipped'));
      if (failed.length === 0 && skipped.length > 0) {
        // A call the walk needs is not there yet: say which, do not pass silently.
        ctx.skip(`${vendor}: ${skipped.map((r) => `${r.operation} ${r.result}`).join('; ')}`);
        return;
      }
      expect(failed, renderSummary(result.records)).toEqual([]);
      expect(result.verified[vendor]).toBe(true);
      // A real walk has the transfer steps; a walk that silently did nothing must not pass.
      expect(result.records.length).toBeGreaterThanOrEqual(8);
    }, 120_000);
  }
});
