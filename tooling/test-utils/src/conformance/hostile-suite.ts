/**
 * The error contract, against a server that misbehaves: every failure is the
 * vendor's documented class, nothing is uncatchable, no body is buffered
 * without a bound, every attempt has a deadline, local faults never leave.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDroppingProxy } from '../dropping-proxy.ts';
import { startHostileServer, trickle, writeLarge, type HostileServer } from '../hostile-server.ts';
import { watchUncaught, type UncaughtWatch } from '../uncaught.ts';
import type { ConformanceClientOptions, ConformanceTarget } from './target.ts';
import { WIRE } from './wire.ts';

const ACCESS_KEY_ID = 'AKIDhostileTESTKEY';
const SECRET = 'hostile-secret-never-shown-0123456789';

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected the call to fail, it succeeded');
    },
    (error: unknown) => error,
  );
}

async function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://x').searchParams;
}

function send(res: ServerResponse, status: number, answer: { contentType: string; body: string }, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': answer.contentType, 'Content-Length': Buffer.byteLength(answer.body), ...extra });
  res.end(answer.body);
}

export function hostileSuite<C>(target: ConformanceTarget<C>): void {
  const wire = WIRE[target.dialect];

  describe(`${target.name} conformance: error contract against a hostile server`, () => {
    let server: HostileServer;
    let dir: string;
    let watch: UncaughtWatch;
    const clients: C[] = [];

    const client = (extra: Partial<ConformanceClientOptions> = {}): C => {
      const made = target.createClient({
        endpoint: server.endpoint,
        timeoutMs: 1000,
        retries: 0,
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET,
        ...extra,
      });
      clients.push(made);
      return made;
    };

    /** Answers the steps of a multipart upload normally, except `complete`. */
    const multipart = (complete: (res: ServerResponse) => void) => (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
      const q = query(req);
      const { bucket, key = '' } = wire.target(new URL(req.url ?? '/', 'http://x').pathname);
      if (req.method === 'POST' && q.has('uploads')) return send(res, 200, wire.initiate(bucket, key, 'upload-1'));
      if (req.method === 'PUT' && q.has('partNumber')) {
        // A part's ETag is the MD5 of its bytes on every dialect (clients may check it).
        res.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"`, 'Content-Length': '0' });
        return res.end();
      }
      if (req.method === 'POST' && q.has('uploadId')) return complete(res);
      if (req.method === 'DELETE') {
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'GET' && q.has('uploadId')) return send(res, 404, wire.error('NoSuchUpload', 'no such upload'));
      if (req.method === 'HEAD') {
        res.writeHead(404);
        return res.end();
      }
      if (req.method === 'PUT') return send(res, 400, wire.error('NotMultipart', 'the conformance case expects a multipart upload: lower the threshold'));
      send(res, 200, wire.listing(bucket, []));
    };

    beforeAll(async () => {
      server = await startHostileServer();
      dir = await mkdtemp(join(tmpdir(), `yunstore-hostile-${target.name}-`));
    });

    afterAll(async () => {
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    beforeEach(() => {
      watch = watchUncaught();
    });

    afterEach(async () => {
      for (const made of clients.splice(0)) await target.closeClient(made).catch(() => undefined);
      expect(await watch.stop(150)).toEqual([]);
    });

    it('a CompleteMultipartUpload answered 200 with an error body fails the upload', async () => {
      server.handle(multipart((res) => send(res, 200, wire.error('InvalidPart', 'one or more parts could not be found'))));
      const path = join(dir, 'parts.bin');
      await writeFile(path, randomBytes(3 * target.partSize));
      const error = await failure(target.uploadFile(client(), 'big.bin', path, target.partSize));
      expect(target.isServiceError(error), inspect(error)).toBe(true);
      expect(target.codeOf(error)).toBe('InvalidPart');
    });

    it('a copy answered 200 with an error body fails', async () => {
      server.handle((_req, res) => send(res, 200, wire.error('AccessDenied', 'copy refused after the status line')));
      const error = await failure(target.copy(client(), 'source', 'target'));
      expect(target.isServiceError(error), inspect(error)).toBe(true);
      expect(target.codeOf(error)).toBe('AccessDenied');
    });

    it('a copy answered 200 with a transient error code is retried, then fails', async () => {
      server.handle((_req, res) => send(res, 200, wire.error('InternalError', 'try again')));
      const error = await failure(target.copy(client({ retries: 2 }), 'source', 'target'));
      expect(target.isServiceError(error), inspect(error)).toBe(true);
      expect(server.requests.length).toBe(3);
    });

    it('a 500 is retried as configured and reported with its status', async () => {
      server.handle((_req, res) => send(res, 500, wire.error('InternalError', 'boom')));
      const error = await failure(target.getBytes(client({ retries: 2 }), 'k'));
      expect(target.isServiceError(error), inspect(error)).toBe(true);
      expect(target.statusOf(error)).toBe(500);
      expect(server.requests.length).toBe(3);
    });

    it('a huge error body is read only up to a bound and never lands whole in the error', async () => {
      let sent = 0;
      server.handle(async (_req, res) => {
        res.writeHead(403, { 'Content-Type': wire.error('x', 'y').contentType });
        sent = await writeLarge(res, 32 * 1024 * 1024, '<');
      });
      const error = await failure(target.getBytes(client(), 'k'));
      expect(target.isServiceError(error), inspect(error)).toBe(true);
      expect(target.statusOf(error)).toBe(403);
      expect(String((error as Error).message).length).toBeLessThan(16 * 1024);
      expect(inspect(error, { depth: 6 }).length).toBeLessThan(512 * 1024);
      expect(sent).toBeLessThan(32 * 1024 * 1024);
    });

    it('a listing whose body never ends fails clearly instead of growing without bound', async () => {
      let sent = 0;
      server.handle(async (_req, res) => {
        res.writeHead(200, { 'Content-Type': wire.listing('b', []).contentType });
        sent = await writeLarge(res, 256 * 1024 * 1024, ' ');
      });
      const error = await failure(target.list(client(), ''));
      expect(target.isClientError(error), inspect(error)).toBe(true);
      expect(sent).toBeLessThan(64 * 1024 * 1024);
    });

    it('an answer that is not XML or JSON fails with the client error class, not a SyntaxError', async () => {
      server.handle((_req, res) => send(res, 200, { contentType: 'text/html', body: '<html><body>captive portal' }));
      const error = await failure(target.list(client(), ''));
      expect(error).not.toBeInstanceOf(SyntaxError);
      expect(target.isClientError(error) || target.isServiceError(error), inspect(error)).toBe(true);
    });

    it('a body cut short fails with the client error class (stream and whole-body reads)', async () => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'Content-Length': '100000', 'Content-Type': 'application/octet-stream' });
        res.write(Buffer.alloc(1000, 1));
        setTimeout(() => res.destroy(), 50);
      });
      const streamed = await failure(drain(await target.getStream(client(), 'k')));
      expect(target.isClientError(streamed), inspect(streamed)).toBe(true);
      const whole = await failure(target.getBytes(client(), 'k'));
      expect(target.isClientError(whole), inspect(whole)).toBe(true);
    });

    it('a whole-body read reset midway is retried and returns every byte', async () => {
      const data = randomBytes(200_000);
      let calls = 0;
      server.handle((_req, res) => {
        calls++;
        res.writeHead(200, { 'Content-Length': String(data.length), 'Content-Type': 'application/octet-stream' });
        if (calls === 1) {
          res.write(data.subarray(0, 50_000));
          setTimeout(() => res.destroy(), 50);
        } else {
          res.end(data);
        }
      });
      const got = await target.getBytes(client({ retries: 2 }), 'k');
      expect(got.equals(data)).toBe(true);
      expect(calls).toBe(2);
    });

    it('a body trickling one byte at a time is bounded by the deadline (whole-body read)', async () => {
      server.handle(async (_req, res) => {
        res.writeHead(200, { 'Content-Length': '1000', 'Content-Type': 'application/octet-stream' });
        await trickle(res, Buffer.alloc(1000, 7), 200);
      });
      const started = Date.now();
      const error = await failure(target.getBytes(client(), 'k'));
      expect(target.isClientError(error), inspect(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(60_000);
    }, 90_000);

    it('a streamed body trickling one byte at a time fails instead of hanging', async () => {
      server.handle(async (_req, res) => {
        res.writeHead(200, { 'Content-Length': '1000', 'Content-Type': 'application/octet-stream' });
        await trickle(res, Buffer.alloc(1000, 7), 200);
      });
      const error = await failure(drain(await target.getStream(client(), 'k')));
      expect(target.isClientError(error), inspect(error)).toBe(true);
    }, 90_000);

    it('a proxy that drops CONNECT ends in a client error within the deadline, and the reconnect loop stops', async () => {
      const proxy = await startDroppingProxy();
      try {
        const error = await failure(target.head(client({ proxy: proxy.url }), 'k'));
        expect(target.isClientError(error), inspect(error)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const after = proxy.connections;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(proxy.connections - after).toBeLessThanOrEqual(2);
      } finally {
        await proxy.close();
      }
    }, 90_000);

    it('an abort mid-body fails the stream with ABORTED in the client error class', async () => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'Content-Length': '1000000', 'Content-Type': 'application/octet-stream' });
        res.write(Buffer.alloc(10_000, 1));
      });
      const controller = new AbortController();
      const body = await target.getStream(client(), 'k', controller.signal);
      const reading = failure(drain(body));
      setTimeout(() => controller.abort(new Error('user pressed cancel')), 50);
      const error = await reading;
      expect(target.isClientError(error), inspect(error)).toBe(true);
      expect(target.codeOf(error)).toBe('ABORTED');
    });

    it('an abort during a whole-body read rejects with ABORTED', async () => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'Content-Length': '1000000', 'Content-Type': 'application/octet-stream' });
        res.write(Buffer.alloc(10_000, 1));
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await failure(target.getBytes(client(), 'k', controller.signal));
      expect(target.isClientError(error), inspect(error)).toBe(true);
      expect(target.codeOf(error)).toBe('ABORTED');
    });

    it('closing an unread body is quiet', async () => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'Content-Length': '5', 'Content-Type': 'application/octet-stream' });
        res.end('hello');
      });
      const c = client();
      const small = await target.getStream(c, 'k');
      await target.closeBody(small);
      server.handle((_req, res) => {
        res.writeHead(200, { 'Content-Length': '1000000', 'Content-Type': 'application/octet-stream' });
        res.write(Buffer.alloc(10_000, 1));
      });
      const large = await target.getStream(c, 'k');
      await target.closeBody(large);
    });

    it('a CR/LF in a metadata value fails at once, before any request', async () => {
      server.handle((_req, res) => send(res, 200, { contentType: 'text/plain', body: '' }));
      const error = await failure(target.putWithMetadata(client({ retries: 2 }), 'k', Buffer.from('x'), { note: 'a\r\nInjected: yes' }));
      expect(error).toBeInstanceOf(Error);
      expect(target.codeOf(error)).not.toBe('ECONNRESET');
      expect(server.requests.length).toBe(0);
    });

    it('a key with a lone surrogate fails at once, before any request', async () => {
      server.handle((_req, res) => send(res, 200, { contentType: 'text/plain', body: '' }));
      const error = await failure(target.head(client({ retries: 2 }), 'bad\ud800key'));
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(URIError);
      expect(server.requests.length).toBe(0);
    });

    it('an object call with a key that is empty after normalisation never reaches the server', async () => {
      server.handle((_req, res) => {
        res.writeHead(204);
        res.end();
      });
      const c = client();
      for (const key of target.emptyKeys) {
        const error = await failure(target.deleteObject(c, key));
        expect(error).toBeInstanceOf(Error);
        await failure(target.head(c, key));
      }
      expect(server.requests.length).toBe(0);
    });

    it('the secret key never shows in inspect, %o, JSON.stringify or Object.entries', async () => {
      const c = client();
      const shown = [
        inspect(c, { depth: 8 }),
        inspect(c, { depth: 8, showHidden: true }),
        format('%o', c),
        format('%j', c),
        JSON.stringify(Object.entries(c as object)),
      ];
      for (const text of shown) expect(text).not.toContain(SECRET);
    });
  });
}
