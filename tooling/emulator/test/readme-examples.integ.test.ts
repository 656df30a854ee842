/**
 * The TypeScript examples of tooling/emulator/README.md (the root README has shell
 * blocks only; its commands are checked against package.json scripts here too).
 * Requests are signed with core's S3 V2 signer against the OOS port.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { signS3V2 } from '@yunstore/core/sign';
import { startEmulator, start_emulator, createCredentials, type Emulator } from '../src/index.ts';
import { parseCli } from '../src/cli-main.ts';

const KEY = { accessKeyId: 'AKIDyunstoreEMULATOR', secretAccessKey: 'yunstore-emulator-secret' };
let running: Emulator | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A signed GET of the OOS service (list buckets) or a bucket, with another key when given. */
async function oosGet(emu: Emulator, path = '/', key = KEY): Promise<{ status: number; body: string }> {
  const headers = signS3V2({ method: 'GET', path, query: [], headers: {} }, key, new Date());
  const res = await fetch(`${emu.endpoints.oos}${path}`, { headers });
  return { status: res.status, body: await res.text() };
}

describe('tooling/emulator/README.md', () => {
  it('Programmatic use: endpoints, ports, stop twice', async () => {
    expect(start_emulator).toBe(startEmulator);
    const emu = await startEmulator({ port: 0, minPartSize: 1024 });
    const port = /^http:\/\/127\.0\.0\.1:(\d+)$/;
    for (const d of ['cos', 'bos', 'oos', 'nos'] as const) {
      expect(emu.endpoints[d]).toMatch(port);
      expect(emu.endpoints[d]).toBe(`http://127.0.0.1:${emu.ports[d]}`);
    }
    expect((await oosGet(emu)).status).toBe(200);
    await emu.stop();
    await emu.stop(); // safe to call twice
  });

  it('What it returns: host, store, credentials, now, setClock', async () => {
    const emu = (running = await startEmulator({ port: 0 }));
    expect(emu.host).toBe('127.0.0.1');
    expect(typeof emu.store.listBuckets).toBe('function');
    expect(emu.now()).toBeInstanceOf(Date);
    const fixed = new Date('2030-01-01T00:00:00Z');
    emu.setClock(() => fixed);
    expect(emu.now().toISOString()).toBe(fixed.toISOString());
    emu.setClock(undefined);
    expect(Math.abs(emu.now().getTime() - Date.now())).toBeLessThan(5000);
  });

  it('Credentials: default key, create / update / remove', async () => {
    const emu = (running = await startEmulator({ port: 0 }));
    const key = emu.credentials.create('100000000002');
    const made = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    expect((await oosGet(emu, '/', made)).status).toBe(200);
    emu.credentials.update(key.accessKeyId, { status: 'Inactive' });
    const inactive = await oosGet(emu, '/', made);
    expect(inactive.status).toBe(403);
    expect(inactive.body).toContain('InvalidAccessKeyId');
    expect(emu.credentials.remove(key.accessKeyId)).toBe(true);
    expect(typeof createCredentials).toBe('function');
  });

  it('Faults: set / add / stats / clear / setRandom', async () => {
    const emu = (running = await startEmulator({ faults: { operations: ['upload_part'], errorRate: 0.2 } }));
    expect(emu.faults.rules()).toHaveLength(1);

    emu.faults.set({ errorCount: 3, errorStatus: 500 });
    for (let i = 0; i < 3; i++) {
      const r = await oosGet(emu);
      expect(r.status).toBe(500);
      expect(r.body).toContain('InternalError');
    }
    expect((await oosGet(emu)).status).toBe(200);
    emu.faults.set([
      { dialects: ['cos'], operations: ['get_object'], resetAfterBytes: 65536, resetCount: 1 },
      { latencyMs: 50, bytesPerSecond: 1024 * 1024 },
    ]);
    emu.faults.add({ operations: ['complete_multipart_upload'], errorCount: 1, errorCode: 'ServiceUnavailable' });
    expect(emu.faults.rules()).toHaveLength(3);
    const started = Date.now();
    expect((await oosGet(emu)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const stats = emu.faults.stats();
    expect(Object.keys(stats).sort()).toEqual(['delayed', 'errors', 'resets', 'throttled']);
    expect(stats.errors).toBe(3);
    expect(stats.delayed).toBeGreaterThanOrEqual(1);
    emu.faults.clear();
    expect(emu.faults.rules()).toHaveLength(0);
    emu.faults.setRandom(() => 0.1);
    emu.faults.set({ errorRate: 0.2 }); // 0.1 < 0.2: every request fails
    expect((await oosGet(emu)).status).toBe(503);
    emu.faults.set({ errorRate: 0.05 });
    expect((await oosGet(emu)).status).toBe(200);
  });

  it('root README and Command line: the named scripts and the bin exist', async () => {
    const root = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    for (const s of ['demo', 'test', 'build', 'lint', 'bench', 'changeset']) expect(root.scripts[s], s).toBeTypeOf('string');
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['yunstore-emulator']).toBeTypeOf('string');
    // Every flag of the README's table and examples parses (parseCli throws UsageError on an unknown one).
    expect(parseCli(['--port', '9000'])).toMatchObject({ port: 9000 });
    expect(parseCli(['--port', '9000', '--data', './emulator-data'])).toMatchObject({ store: { dir: expect.stringContaining('emulator-data') } });
    expect(parseCli(['--bucket', 'cos:examplebucket-1250000000', '--bucket', 'nos:my-bucket'])).toEqual({
      buckets: ['cos:examplebucket-1250000000', 'nos:my-bucket'],
    });
    expect(parseCli(['--version'])).toBe('version');
    expect(
      parseCli([
        '--host',
        '127.0.0.1',
        '--discard',
        '--access-key',
        'AK',
        '--secret-key',
        'SK',
        '--min-part-size',
        '100KiB',
        '--max-skew',
        '60',
        '--fault-rate',
        '0.1',
        '--fault-count',
        '2',
        '--fault-status',
        '500',
        '--fault-op',
        'upload_part',
        '--latency-ms',
        '5',
        '--bandwidth',
        '1MiB',
        '--reset-after',
        '1k',
        '--reset-rate',
        '0.5',
      ]),
    ).toMatchObject({
      host: '127.0.0.1',
      store: 'discard',
      minPartSize: 100 * 1024,
      maxSkewSeconds: 60,
    });
  });
});
