import { mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineDownload, engineUpload } from '../src/clients/engine-sink.ts';
import { rawPartsUpload, rawRangedDownload, rawSmall } from '../src/clients/raw-sink.ts';
import { startSink, type Sink } from '../src/sink.ts';
import { targetVerdict } from '../src/stats.ts';

const MiB = 2 ** 20;
const root = join(import.meta.dirname, '..', '..', '..');

describe('targetVerdict', () => {
  it('says met or by how much a ratio misses its target', () => {
    expect(targetVerdict({ ratio: 0.95, target: { atLeast: 0.9 } })).toBe('target ours/anchor ≥ 0.90: met');
    expect(targetVerdict({ ratio: 0.72, target: { atLeast: 0.9 } })).toBe('target ours/anchor ≥ 0.90: missed by 20 %');
    expect(targetVerdict({ ratio: 1.56, target: { atMost: 1.3 } })).toBe('target ours/anchor ≤ 1.30: missed by 20 %');
    expect(targetVerdict({ ratio: 1.004, target: { atMost: 1 } })).toBe('target ours/anchor ≤ 1.00: missed by 0.4 %');
    expect(targetVerdict({ ratio: 2 })).toBeUndefined();
  });
});

describe('bench sink', () => {
  let sink: Sink;
  let dir: string;
  beforeAll(async () => {
    sink = await startSink({ defaultSize: 12 * MiB });
    dir = await mkdtemp(join(tmpdir(), 'yunstore-sink-test-'));
  });
  afterAll(async () => {
    await sink.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes raw and engine uploads (every byte counted) and serves ranged downloads of the default size', async () => {
    const source = join(dir, 'source.bin');
    await writeFile(source, '');
    await truncate(source, 12 * MiB);
    await rawPartsUpload(root, sink.endpoints.oos, source, 12 * MiB, 5 * MiB, 2);
    expect(sink.bytesIn()).toBe(12 * MiB);
    await engineUpload(root, sink.endpoints.oos, source, 5 * MiB, 2, true);
    expect(sink.bytesIn()).toBe(24 * MiB);
    await rawRangedDownload(root, sink.endpoints.oos, 12 * MiB, 5 * MiB, 2);
    const dest = join(dir, 'dest.bin');
    await engineDownload(root, sink.endpoints.oos, dest, 5 * MiB, 2);
    expect((await stat(dest)).size).toBe(12 * MiB);
  });

  it('answers 1 KiB PUTs and GETs', async () => {
    const rates = await rawSmall(root, sink.endpoints.cos, 50, 4);
    expect(rates.putRps).toBeGreaterThan(0);
    expect(rates.getRps).toBeGreaterThan(0);
  });
});
