import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toBody } from '../src/body.ts';
import { NetworkError } from '../src/errors.ts';
import { backoffRetryPolicy, noRetryPolicy } from '../src/retry.ts';
import { Transport } from '../src/transport.ts';
import type { WireRequest } from '../src/types.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
let server: Server;
let origin: string;
let handlers: Handler[] = [];
let seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // `/never` hangs without consuming a queued handler, so a late request of one test cannot steal another's.
      if (req.url?.startsWith('/never')) return;
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const handler = handlers.shift() ?? ((_q, r) => r.end('ok'));
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  handlers = [];
  seen = [];
});

const fast = backoffRetryPolicy({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 });
const request = (over: Partial<WireRequest> = {}): WireRequest => ({ method: 'GET', origin, path: '/b/k', query: [], headers: {}, ...over });

describe('Transport', () => {
  it('sends path, encoded query and headers; streams the response', async () => {
    const t = new Transport({ retry: noRetryPolicy, userAgent: 'yunstore-test' });
    handlers.push((_q, r) => r.end('hello'));
    const res = await t.send(
      request({
        query: [
          ['uploads', ''],
          ['prefix', 'a b+'],
        ],
        headers: { 'x-test': '1' },
      }),
    );
    expect(res.status).toBe(200);
    expect(await text(res.body)).toBe('hello');
    expect(seen[0]?.url).toBe('/b/k?uploads&prefix=a%20b%2B');
    expect(seen[0]?.headers['x-test']).toBe('1');
    expect(seen[0]?.headers['user-agent']).toBe('yunstore-test');
    expect(res.attempts).toBe(1);
    await t.close();
  });

  it('re-authorizes every attempt with a fresh clock and counts attempts', async () => {
    const t = new Transport({ retry: fast });
    handlers.push((_q, r) => {
      r.statusCode = 503;
      r.end('<Error><Code>SlowDown</Code></Error>');
    });
    handlers.push((_q, r) => {
      r.statusCode = 500;
      r.end();
    });
    handlers.push((_q, r) => r.end('done'));
    let tick = 0;
    const res = await t.send(request({ method: 'PUT', body: await toBody('payload') }), {
      now: () => new Date(1_700_000_000_000 + tick++ * 1000),
      authorize: (req, now) => ({ ...req, headers: { ...req.headers, Authorization: `sig-${now.getTime()}` } }),
    });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(3);
    expect(seen.map((s) => s.headers.authorization)).toEqual(['sig-1700000000000', 'sig-1700000001000', 'sig-1700000002000']);
    expect(seen.map((s) => s.body.toString())).toEqual(['payload', 'payload', 'payload']);
    expect(seen[0]?.headers['content-length']).toBe('7');
  });

  it('returns the last error answer with its body read', async () => {
    const t = new Transport({ retry: fast });
    for (let i = 0; i < 3; i++)
      handlers.push((_q, r) => {
        r.statusCode = 500;
        r.end(`<Error>${i}</Error>`);
      });
    const res = await t.send(request());
    expect(res.status).toBe(500);
    expect(res.attempts).toBe(3);
    expect(res.errorBody?.toString()).toBe('<Error>2</Error>');
  });

  it('does not retry a 404, retries a throttling code read by the vendor', async () => {
    const t = new Transport({ retry: fast });
    handlers.push((_q, r) => {
      r.statusCode = 404;
      r.end('<Error><Code>NoSuchKey</Code></Error>');
    });
    expect((await t.send(request())).attempts).toBe(1);
    handlers.push((_q, r) => {
      r.statusCode = 400;
      r.end('<Error><Code>RequestRateLimited</Code></Error>');
    });
    handlers.push((_q, r) => r.end('ok'));
    const res = await t.send(request(), { errorCode: (_s, body) => /<Code>(\w+)<\/Code>/.exec(body.toString())?.[1] });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
  });

  it('never replays a one-shot stream', async () => {
    const t = new Transport({ retry: fast });
    handlers.push((_q, r) => {
      r.statusCode = 500;
      r.end();
    });
    const body = await toBody(Readable.from([Buffer.from('once')]), { length: 4 });
    const res = await t.send(request({ method: 'PUT', body }));
    expect(res.status).toBe(500);
    expect(res.attempts).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('retries connection failures, then throws NetworkError with the attempts', async () => {
    const t = new Transport({ retry: fast, connectTimeout: 500 });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await t.send(request({ origin: `http://127.0.0.1:${port}` })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).attempts).toBe(3);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
  });

  it('aborts promptly with an AbortSignal', async () => {
    const t = new Transport({ retry: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user gave up')), 50);
    const started = Date.now();
    const error = await t.send(request({ path: '/never' }), { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(t.send(request(), { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('times out waiting for headers', async () => {
    const t = new Transport({ retry: noRetryPolicy, headersTimeout: 100 });
    await expect(t.send(request({ path: '/never' }))).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('accepts an injected dispatcher (MockAgent)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('http://mock.example')
      .intercept({ path: '/x?acl', method: 'GET' })
      .reply(200, 'mocked', { headers: { 'x-cos-request-id': 'r1' } });
    const t = new Transport({ dispatcher: agent });
    const res = await t.send({ method: 'GET', origin: 'http://mock.example', path: '/x', query: [['acl', '']], headers: {} });
    expect(res.headers['x-cos-request-id']).toBe('r1');
    expect(await text(res.body)).toBe('mocked');
    await t.close(); // does not close an injected dispatcher
    await agent.close();
  });

  it('streams a large request body without buffering it', async () => {
    const t = new Transport({ retry: noRetryPolicy });
    handlers.push((_q, r, body) => r.end(String(body.length)));
    const chunk = Buffer.alloc(64 * 1024, 1);
    async function* gen() {
      for (let i = 0; i < 160; i++) yield chunk;
    }
    const res = await t.send(request({ method: 'PUT', body: await toBody(gen(), { length: 160 * chunk.length }) }));
    expect(await text(res.body)).toBe(String(160 * chunk.length));
  });
});
