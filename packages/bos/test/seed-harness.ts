/**
 * Shared set-up of the seed-sample tests: one emulator and one `bos_client`
 * per file (the seed's `bos_sample_conf.config`), a fresh bucket per sample
 * so samples do not depend on each other, and small helpers.
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { BceClientConfiguration, BceCredentials, BosClient } from '../src/index.ts';
import { startBosEmulator, type TestEmulator } from './emulator.ts';

export const md5hex = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');
export const md5b64 = (data: string | Buffer): string => createHash('md5').update(data).digest('base64');
export const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

export interface SeedHarness {
  emu: TestEmulator;
  /** A scratch folder, removed afterwards. */
  dir: string;
  /** `bos_sample_conf.config`. */
  config: BceClientConfiguration;
  bos_client: BosClient;
  /** Creates and returns a bucket no other sample uses. */
  freshBucket(): Promise<string>;
}

/** Registers beforeAll/afterAll; the returned object is filled in before the first test runs. */
export function useSeedHarness(name: string): SeedHarness {
  const h = {} as SeedHarness;
  let count = 0;
  beforeAll(async () => {
    h.emu = await startBosEmulator({ minPartSize: 1024 });
    h.dir = await mkdtemp(join(tmpdir(), 'yunstore-bos-seed-'));
    h.config = new BceClientConfiguration({ credentials: new BceCredentials(h.emu.accessKeyId, h.emu.secretAccessKey), endpoint: h.emu.endpoint });
    h.bos_client = new BosClient(h.config);
    h.freshBucket = async () => {
      const bucket_name = `${name}-${++count}`;
      await h.bos_client.create_bucket(bucket_name);
      return bucket_name;
    };
  });
  afterAll(async () => {
    await h.bos_client.close();
    await h.emu.stop();
    await rm(h.dir, { recursive: true, force: true });
  });
  return h;
}

/** A forward proxy (CONNECT tunnels and absolute-URI requests) that counts what went through it. */
export async function startProxy(): Promise<{ server: Server; port: number; used: () => number }> {
  let used = 0;
  const server = createHttpServer((req, res) => {
    used++;
    const target = new URL(req.url ?? '/');
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    used++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, used: () => used };
}
