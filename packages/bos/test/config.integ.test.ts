/**
 * Python's configuration fields on the wire: `security_token` is sent (and
 * signed) as `x-bce-security-token`, `proxy_host` + `proxy_port` route through
 * that proxy, and every request carries the derived User-Agent and reaches
 * the `logger`. A recording server stands in for BOS.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { type HostileServer, startHostileServer } from '@yunstore/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { BceClientConfiguration, BceCredentials, BosClient, NoRetryPolicy } from '../src/index.ts';

let server: HostileServer;

beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => {
  await server.close();
});

function answerEmptyListing(): void {
  server.handle((_req, res) => {
    const body = JSON.stringify({ owner: { id: 'o' }, buckets: [] });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'x-bce-request-id': 'req-1' });
    res.end(body);
  });
}

/** A CONNECT proxy that tunnels to the target and counts the tunnels it opened. */
async function startTunnelProxy(): Promise<{ port: number; tunnels: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = { tunnels: 0 };
  const proxy: Server = createServer((req) => req.socket.destroy());
  proxy.on('connect', (req, client: Socket) => {
    state.tunnels++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    get tunnels() {
      return state.tunnels;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

describe('BceClientConfiguration on the wire', () => {
  it('security_token is sent and signed as x-bce-security-token, and wins over the credentials token', async () => {
    answerEmptyListing();
    const client = new BosClient(
      new BceClientConfiguration({
        credentials: new BceCredentials('ak', 'sk', 'token-from-credentials'),
        endpoint: server.endpoint,
        security_token: 'sts-token-1',
        retry_policy: new NoRetryPolicy(),
      }),
    );
    try {
      await client.list_buckets();
      const sent = server.requests[0]!.headers;
      expect(sent['x-bce-security-token']).toBe('sts-token-1');
      expect(String(sent.authorization).split('/')[4]!.split(';')).toContain('x-bce-security-token');
    } finally {
      await client.close();
    }
  });

  it('proxy_host with proxy_port sends every request through that proxy', async () => {
    answerEmptyListing();
    const proxy = await startTunnelProxy();
    const client = new BosClient(
      new BceClientConfiguration({
        credentials: new BceCredentials('ak', 'sk'),
        endpoint: server.endpoint,
        proxy_host: '127.0.0.1',
        proxy_port: proxy.port,
        retry_policy: new NoRetryPolicy(),
      }),
    );
    try {
      await client.list_buckets();
      expect(proxy.tunnels).toBeGreaterThan(0);
      expect(server.requests).toHaveLength(1);
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('the User-Agent names the package and its version, and the logger sees each attempt without secrets', async () => {
    answerEmptyListing();
    const lines: unknown[] = [];
    const client = new BosClient(
      new BceClientConfiguration({
        credentials: new BceCredentials('ak', 'very-secret-key'),
        endpoint: server.endpoint,
        retry_policy: new NoRetryPolicy(),
        logger: (entry) => void lines.push(entry),
      }),
    );
    try {
      await client.list_buckets();
      expect(server.requests[0]!.headers['user-agent']).toBe(`yunstore-bos/${pkg.version} node/${process.versions.node} ${process.platform}-${process.arch}`);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ method: 'GET', status: 200, requestId: 'req-1', attempt: 1 });
      expect(JSON.stringify(lines)).not.toContain('very-secret-key');
    } finally {
      await client.close();
    }
  });
});
