import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, start_emulator, type Emulator, type EmulatorOptions } from '../src/index.ts';
import { fakeDialect } from './helpers/fake-dialect.ts';

const fakes = { cos: fakeDialect, bos: fakeDialect, oos: fakeDialect, nos: fakeDialect };
let running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((e) => e.stop()));
  running = [];
});
async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ dialects: fakes, ...options });
  running.push(emu);
  return emu;
}

/** A free block of four ports (best effort: probe, release, use). */
async function freeBase(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const ok = await Promise.all(
      [0, 1, 2, 3].map(
        (i) =>
          new Promise<boolean>((resolve) => {
            const s = createServer();
            s.once('error', () => resolve(false));
            s.listen(base + i, '127.0.0.1', () => s.close(() => resolve(true)));
          }),
      ),
    );
    if (ok.every(Boolean)) return base;
  }
  throw new Error('no free port block');
}

describe('startEmulator', () => {
  it('starts four servers on random ports with their own contexts', async () => {
    const emu = await start();
    const ports = Object.values(emu.ports);
    expect(new Set(ports).size).toBe(4);
    expect(emu.endpoints.cos).toBe(`http://127.0.0.1:${emu.ports.cos}`);
    for (const name of ['cos', 'bos', 'oos', 'nos'] as const) {
      const res = await fetch(`${emu.endpoints[name]}/?ctx`);
      const body = await res.json();
      expect(body).toMatchObject({ dialect: name, minPartSize: 1024 * 1024, minPartSizeOption: null, maxSkewSeconds: 900, keys: ['AKIDyunstoreEMULATOR'] });
    }
    expect((await fetch(`${emu.endpoints.bos}/?ctx`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(start_emulator).toBe(startEmulator);
  });

  it('shares one store between the dialects', async () => {
    const emu = await start();
    const put = await fetch(`${emu.endpoints.cos}/bkt/dir/%E4%B8%AD%20a+b.txt`, { method: 'PUT', body: 'shared bytes' });
    expect(put.status).toBe(200);
    const got = await fetch(`${emu.endpoints.nos}/bkt/dir/%E4%B8%AD%20a+b.txt`);
    expect(await got.text()).toBe('shared bytes');
    expect((await emu.store.headObject('bkt', 'dir/中 a+b.txt'))?.size).toBe(12);
  });

  it('passes options through: minPartSize, skew, credentials, clock', async () => {
    const emu = await start({
      minPartSize: 1024,
      maxSkewSeconds: 60,
      clock: () => new Date('2020-01-01T00:00:00Z'),
      credentials: [{ accessKeyId: 'k1', secretAccessKey: 's1' }],
    });
    expect(await (await fetch(`${emu.endpoints.oos}/?ctx`)).json()).toMatchObject({
      minPartSize: 1024,
      minPartSizeOption: 1024,
      maxSkewSeconds: 60,
      now: '2020-01-01T00:00:00.000Z',
      keys: ['k1'],
    });
    emu.setClock(() => new Date('2030-05-05T00:00:00Z'));
    expect(((await (await fetch(`${emu.endpoints.oos}/?ctx`)).json()) as { now: string }).now).toBe('2030-05-05T00:00:00.000Z');
    await fetch(`${emu.endpoints.oos}/b/k`, { method: 'PUT', body: 'x' });
    expect((await emu.store.headObject('b', 'k'))?.lastModified.toISOString()).toBe('2030-05-05T00:00:00.000Z');
    emu.setClock(undefined);
    expect(Math.abs(emu.now().getTime() - Date.now())).toBeLessThan(5000);
  });

  it('selects virtual-hosted style by Host', async () => {
    const emu = await start();
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: emu.ports.cos, path: '/a/b?ctx', headers: { host: `mybucket.cos.localhost:${emu.ports.cos}` } },
        (res) => {
          let s = '';
          res.on('data', (c: Buffer) => (s += c.toString()));
          res.on('end', () => resolve(s));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toMatchObject({ bucket: 'mybucket', key: 'a/b' });
  });

  it('listens on port, port+1, port+2, port+3 when given a port', async () => {
    const base = await freeBase();
    const emu = await start({ port: base });
    expect(emu.ports).toEqual({ cos: base, bos: base + 1, oos: base + 2, nos: base + 3 });
    expect((await fetch(`http://127.0.0.1:${base + 3}/?ctx`)).status).toBe(200);
  });

  it('fails clearly when a port is taken, leaving nothing open', async () => {
    const emu = await start();
    await expect(startEmulator({ dialects: fakes, port: emu.ports.cos })).rejects.toThrow(/cannot listen/);
  });

  it('answers 500 when a dialect throws', async () => {
    const emu = await start();
    const res = await fetch(`${emu.endpoints.bos}/?throw`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('fake dialect exploded');
  });

  it('stop() closes keep-alive connections promptly and is idempotent', async () => {
    const emu = await start();
    const res = await fetch(`${emu.endpoints.cos}/?ctx`, { keepalive: true });
    await res.text();
    const t = Date.now();
    await emu.stop();
    await emu.stop();
    expect(Date.now() - t).toBeLessThan(2000);
    await expect(fetch(`${emu.endpoints.cos}/?ctx`)).rejects.toThrow();
  });

  it('applies faults set at start and changed at run time', async () => {
    const emu = await start({ faults: { operations: ['get_object'], errorCount: 1, errorStatus: 500 } });
    await fetch(`${emu.endpoints.cos}/b/k`, { method: 'PUT', body: 'hello world' });
    expect((await fetch(`${emu.endpoints.cos}/b/k`)).status).toBe(500);
    expect((await fetch(`${emu.endpoints.cos}/b/k`)).status).toBe(200);
    emu.faults.set({ operations: ['get_object'], resetAfterBytes: 4 });
    await expect(fetch(`${emu.endpoints.cos}/b/k`).then((r) => r.text())).rejects.toThrow();
    emu.faults.clear();
    expect(await (await fetch(`${emu.endpoints.cos}/b/k`)).text()).toBe('hello world');
    expect(emu.faults.stats()).toMatchObject({ errors: 1, resets: 1 });
  });

  it('uses the folder or discard store when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-emu-'));
    try {
      const folder = await start({ store: { dir } });
      await fetch(`${folder.endpoints.cos}/b/k`, { method: 'PUT', body: 'on disk' });
      await folder.stop();
      const again = await start({ store: { dir } });
      expect(await (await fetch(`${again.endpoints.bos}/b/k`)).text()).toBe('on disk');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const discard = await start({ store: 'discard' });
    await fetch(`${discard.endpoints.cos}/b/k`, { method: 'PUT', body: 'gone' });
    expect(await (await fetch(`${discard.endpoints.cos}/b/k`)).text()).toBe('\0\0\0\0');
  });

  it('validates options before listening', async () => {
    await expect(startEmulator({ port: -1 })).rejects.toThrow(/port/);
    await expect(startEmulator({ minPartSize: 1.5 })).rejects.toThrow(/minPartSize/);
    await expect(startEmulator({ store: 'disk' as 'memory' })).rejects.toThrow(/store/);
  });

  it('starts with the built-in dialects and every endpoint answers HTTP', async () => {
    const emu = await startEmulator();
    running.push(emu);
    for (const url of Object.values(emu.endpoints)) expect((await fetch(`${url}/`)).status).toBeGreaterThanOrEqual(200);
  });
});
