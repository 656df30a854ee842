import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, parseCli, UsageError } from '../src/cli-main.ts';
import type { Emulator } from '../src/server.ts';

let running: Emulator | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function run(argv: string[]): Promise<{ emulator: Emulator | undefined; lines: string[] }> {
  const lines: string[] = [];
  const emulator = await main(argv, { log: (l) => lines.push(l) });
  running = emulator;
  return { emulator, lines };
}

describe('yunstore-emulator main()', () => {
  it('prints four endpoints that answer HTTP, and the credentials', async () => {
    const { emulator, lines } = await run(['--port', '0', '--access-key', 'AK', '--secret-key', 'SK']);
    const text = lines.join('\n');
    const urls = [...text.matchAll(/^ {2}(cos|bos|oos|nos) {2}(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => m[2]!);
    expect(urls).toHaveLength(4);
    for (const url of urls) {
      const res = await fetch(`${url}/`);
      expect(res.status).toBeGreaterThanOrEqual(200);
      await res.arrayBuffer();
    }
    expect(text).toContain('access key  AK');
    expect(text).toContain('secret key  SK');
    expect(text).toContain('store       memory');
    expect(emulator?.credentials.lookup('AK')?.secretAccessKey).toBe('SK');
  });

  it('prints the default credentials and the folder store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-cli-'));
    try {
      const { lines } = await run(['--data', dir]);
      expect(lines.join('\n')).toMatch(/access key {2}AKIDyunstoreEMULATOR[\s\S]*secret key {2}yunstore-emulator-secret[\s\S]*store {7}folder /);
    } finally {
      await running?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('turns fault flags into one rule', async () => {
    const { emulator, lines } = await run([
      '--fault-rate',
      '0.25',
      '--fault-status',
      '500',
      '--fault-op',
      'upload_part,put_object',
      '--fault-op',
      'get_object',
      '--latency-ms',
      '5',
      '--bandwidth',
      '1MiB',
      '--reset-after',
      '64KiB',
      '--min-part-size',
      '100KiB',
      '--discard',
    ]);
    expect(emulator?.faults.rules()).toEqual([
      {
        errorRate: 0.25,
        errorStatus: 500,
        latencyMs: 5,
        bytesPerSecond: 1048576,
        resetAfterBytes: 65536,
        operations: ['upload_part', 'put_object', 'get_object'],
      },
    ]);
    expect(lines.join('\n')).toContain('faults');
    expect(lines.join('\n')).toContain('discard');
  });

  it('prints usage for --help without starting', async () => {
    const { emulator, lines } = await run(['--help']);
    expect(emulator).toBeUndefined();
    expect(lines[0]).toContain('Usage: yunstore-emulator');
  });

  it('rejects bad flags with a message naming the flag', () => {
    expect(() => parseCli(['--nope'])).toThrow(UsageError);
    expect(() => parseCli(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCli(['--data', 'x', '--discard'])).toThrow(/--discard/);
    expect(() => parseCli(['--access-key', 'a'])).toThrow(/--secret-key/);
    expect(() => parseCli(['--fault-rate', '2'])).toThrow(/--fault-rate/);
    expect(() => parseCli(['--fault-status', '502'])).toThrow(/--fault-status/);
    expect(() => parseCli(['--bandwidth', 'fast'])).toThrow(/--bandwidth/);
    expect(() => parseCli(['--fault-op', 'get_object'])).toThrow(/--fault-op/);
    expect(parseCli(['--min-part-size', '1.5m', '--max-skew', '60', '--fault-count', '3'])).toEqual({
      minPartSize: 1572864,
      maxSkewSeconds: 60,
      faults: { errorCount: 3 },
    });
  });
});
