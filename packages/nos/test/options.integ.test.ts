/**
 * Client options that reach the shared request layer: `dispatcher`, `logger`,
 * the User-Agent, and the secret kept out of the options a transport sees.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nos, type NosRequest, type TransportOptions } from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';

// undici comes with core (this package has no undici dependency of its own).
const requireFromCore = createRequire(new URL('../../core/package.json', import.meta.url));
const { Agent } = requireFromCore('undici') as { Agent: typeof import('../../core/node_modules/undici/index.js').Agent };

let server: NosTestServer;
const bucket = 'nos-options';

beforeAll(async () => {
  server = await startNosServer();
  await createBucket(server, bucket);
}, 60_000);
afterAll(async () => {
  await server.stop();
});

describe('dispatcher and logger', () => {
  it('sends through the given dispatcher, and close() leaves it open', async () => {
    const agent = new Agent();
    let connections = 0;
    agent.on('connect', () => connections++);
    const client = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort, dispatcher: agent });
    await client.put_object({ bucket, key: 'via-agent', body: 'x' });
    expect(connections).toBeGreaterThan(0);
    await client.close();
    expect(agent.closed).toBe(false);
    await agent.close();
  });

  it('logs every attempt without query, signature or secret', async () => {
    const lines: Array<{ method: string; url: string; status?: number | undefined; requestId?: string | undefined; attempt: number }> = [];
    const client = new nos.Client({
      access_key_id: ACCESS_KEY_ID,
      access_key_secret: SECRET,
      end_point: server.hostPort,
      logger: (entry) => lines.push(entry),
    });
    await client.put_object({ bucket, key: 'logged.txt', body: 'x' });
    await client.list_objects({ bucket, prefix: 'logged' });
    await client.close();
    expect(lines.map((l) => [l.method, l.status, l.attempt])).toEqual([
      ['PUT', 200, 1],
      ['GET', 200, 1],
    ]);
    expect(lines[0]?.url).toBe(`${server.endpoint}/${bucket}/logged.txt`);
    expect(lines[0]?.requestId).toMatch(/^[0-9A-F]{16}$/);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('prefix=');
  });
});

describe('what goes on the wire and what a transport sees', () => {
  let seen: IncomingHttpHeaders | undefined;
  const http = createServer((req, res) => {
    seen = req.headers;
    res.writeHead(200, { 'x-nos-request-id': 'R', 'Content-Length': '0' });
    res.end();
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('sends User-Agent yunstore-nos/<version> node/<version> <platform>-<arch>', async () => {
    const { port } = http.address() as AddressInfo;
    const client = new nos.Client({ access_key_id: 'ak', access_key_secret: 'sk', end_point: `127.0.0.1:${port}` });
    await client.head_object({ bucket, key: 'k' });
    await client.close();
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(seen?.['user-agent']).toBe(`yunstore-nos/${version} node/${process.versions.node} ${process.platform}-${process.arch}`);
  });

  it('hands the secret to transport_class readable but hidden from inspect and JSON', () => {
    let options: TransportOptions | undefined;
    class Watching {
      constructor(o: TransportOptions) {
        options = o;
      }
      async perform_request(_req: NosRequest): Promise<never> {
        throw new Error('not used');
      }
    }
    new nos.Client({ access_key_id: 'ak', access_key_secret: 'the-secret-value', transport_class: Watching });
    expect(options?.access_key_secret).toBe('the-secret-value');
    expect(inspect(options, { showHidden: false })).not.toContain('the-secret-value');
    expect(JSON.stringify(options)).not.toContain('the-secret-value');
  });
});
