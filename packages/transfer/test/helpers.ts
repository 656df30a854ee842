import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];

/** A fresh temporary folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'yunstore-transfer-test-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes `size` random bytes to `dir/name` and returns the path and bytes. */
export async function randomFile(dir: string, name: string, size: number): Promise<{ path: string; data: Buffer }> {
  const data = randomBytes(size);
  const path = join(dir, name);
  await writeFile(path, data);
  return { path, data };
}

/** Records progress calls and checks the invariants every transfer must keep. */
export function progressRecorder(): {
  onProgress: (consumed: number, total: number | undefined) => void;
  calls: Array<[number, number | undefined]>;
  assertValid: (expectedTotal: number) => void;
} {
  const calls: Array<[number, number | undefined]> = [];
  return {
    calls,
    onProgress: (consumed, total) => {
      calls.push([consumed, total]);
    },
    assertValid(expectedTotal) {
      if (calls.length === 0) throw new Error('no progress reported');
      for (let i = 1; i < calls.length; i++) {
        if (calls[i]![0] < calls[i - 1]![0]) throw new Error(`progress went backwards at call ${i}: ${calls[i - 1]![0]} -> ${calls[i]![0]}`);
      }
      for (const [consumed, total] of calls) {
        if (total !== undefined && consumed > total) throw new Error(`progress overshot: ${consumed} > ${total}`);
      }
      const last = calls[calls.length - 1]!;
      if (last[0] !== expectedTotal || last[1] !== expectedTotal) {
        throw new Error(`progress ended at ${String(last)} instead of ${expectedTotal}`);
      }
    },
  };
}
