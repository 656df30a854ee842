import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientFailure,
  Transport,
  VendorHttp,
  noRetryPolicy,
  backoffRetryPolicy,
  type ClientFailureInfo,
  type ServiceFailureInfo,
  type WireRequest,
} from '../src/index.ts';

class VendorServiceError extends Error {
  constructor(readonly info: ServiceFailureInfo) {
    super(`${info.op}: ${info.status} ${info.code ?? ''}`);
  }
}
class VendorClientError extends Error {
  constructor(readonly info: ClientFailureInfo) {
    super(info.message);
  }
}

let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
let requests = 0;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => handler(req, res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function http(options: ConstructorParameters<typeof Transport>[0] = {}): VendorHttp {
  return new VendorHttp(new Transport({ retry: noRetryPolicy, headersTimeout: 2000, bodyTimeout: 2000, ...options }), {
    errorCode: (_status, body) => /<Code>([^<]+)<\/Code>/.exec(body.toString('utf8'))?.[1],
    serviceError: (info) => new VendorServiceError(info),
    clientError: (info) => new VendorClientError(info),
  });
}

const get = (path = '/b/k', headers: Record<string, string> = {}): WireRequest => ({ method: 'GET', origin, path, query: [], headers });

async function caught(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => error,
  );
}

describe('VendorHttp', () => {
  it('maps an error answer through the service hook with code, status and a bounded body', async () => {
    handler = (_req, res) => {
      res.writeHead(404, { 'x-cos-request-id': 'rid-1' });
      res.end(`<Error><Code>NoSuchKey</Code>${'x'.repeat(200_000)}</Error>`);
    };
    const error = (await caught(http().read({ op: 'get_object', request: get() }))) as VendorServiceError;
    expect(error).toBeInstanceOf(VendorServiceError);
    expect(error.info).toMatchObject({ status: 404, code: 'NoSuchKey', requestId: 'rid-1', truncated: true, embedded: false, op: 'get_object' });
    expect(error.info.body.length).toBe(64 * 1024);
  });

  it('treats a 200 whose body is <Error> as an error when the operation can have one', async () => {
    handler = (_req, res) => res.end('<?xml version="1.0"?>\n<Error><Code>InternalError</Code></Error>');
    const error = (await caught(http().read({ op: 'complete_multipart_upload', request: get() }, { embeddedError: true }))) as VendorServiceError;
    expect(error.info).toMatchObject({ status: 200, code: 'InternalError', embedded: true });
    // The same answer for a plain read is just bytes.
    expect((await http().read({ op: 'get_object', request: get() })).body.toString()).toContain('<Error>');
  });

  it('retries a 200-with-error whose code is transient, not one whose code is final', async () => {
    const retry = backoffRetryPolicy({ maxAttempts: 3, baseDelayMs: 1 });
    handler = (_req, res) => res.end('<Error><Code>InternalError</Code></Error>');
    requests = 0;
    await caught(http({ retry }).read({ op: 'copy_object', request: get() }, { embeddedError: true }));
    expect(requests).toBe(3);
    handler = (_req, res) => res.end('<Error><Code>AccessDenied</Code></Error>');
    requests = 0;
    await caught(http({ retry }).read({ op: 'copy_object', request: get() }, { embeddedError: true }));
    expect(requests).toBe(1);
  });

  it('fails a result body past its bound with a protocol client error', async () => {
    handler = (_req, res) => res.end(Buffer.alloc(5000, 'a'));
    const error = (await caught(http().read({ op: 'list_objects', request: get() }, { limit: 1000 }))) as VendorClientError;
    expect(error.info).toMatchObject({ kind: 'protocol', code: 'ResponseTooLarge' });
  });

  it('turns a parse failure into a protocol client error, never a SyntaxError', async () => {
    handler = (_req, res) => res.end('not json');
    const error = (await caught(http().parse({ op: 'list_objects', request: get() }, (body) => JSON.parse(body.toString()) as unknown))) as VendorClientError;
    expect(error).toBeInstanceOf(VendorClientError);
    expect(error.info).toMatchObject({ kind: 'protocol', code: 'MalformedResponse' });
  });

  it('refuses an empty object key and a lone surrogate before sending', async () => {
    requests = 0;
    const empty = (await caught(http().send({ op: 'delete_object', request: get('/b/'), key: '' }))) as VendorClientError;
    expect(empty.info.kind).toBe('argument');
    const surrogate = (await caught(http().send({ op: 'head_object', request: get(), key: 'a\ud800' }))) as VendorClientError;
    expect(surrogate.info.kind).toBe('argument');
    expect(requests).toBe(0);
  });

  it('refuses CR/LF and non-ASCII header values at once, without retrying', async () => {
    requests = 0;
    const retry = backoffRetryPolicy({ maxAttempts: 3, baseDelayMs: 1 });
    const crlf = (await caught(http({ retry }).send({ op: 'put_object', request: get('/b/k', { 'x-meta': 'a\r\nb: c' }) }))) as VendorClientError;
    expect(crlf.info).toMatchObject({ kind: 'argument', code: 'InvalidArgument', attempts: 1 });
    expect(crlf.message).toMatch(/line break/);
    const utf8 = (await caught(http({ retry }).send({ op: 'put_object', request: get('/b/k', { 'x-meta': '张三' }) }))) as VendorClientError;
    expect(utf8.info.kind).toBe('argument');
    expect(requests).toBe(0);
  });

  it('turns a throw while building the request into an argument error', async () => {
    const error = (await caught(
      http().send({
        op: 'head_object',
        request: () => {
          throw new URIError('URI malformed');
        },
      }),
    )) as VendorClientError;
    expect(error.info.kind).toBe('argument');
  });

  it('bounds a whole-body read by the deadline however the bytes trickle', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 50);
      res.on('close', () => clearInterval(timer));
    };
    const started = Date.now();
    const error = (await caught(http({ deadline: 400 }).read({ op: 'get_object', request: get() }))) as VendorClientError;
    expect(error.info).toMatchObject({ kind: 'timeout', code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('retries a whole-body read cut midway and returns every byte', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      res.writeHead(200, { 'Content-Length': '10000' });
      if (calls === 1) {
        res.write(Buffer.alloc(100));
        setTimeout(() => res.destroy(), 20);
      } else res.end(Buffer.alloc(10000, 1));
    };
    const answer = await http({ retry: backoffRetryPolicy({ maxAttempts: 2, baseDelayMs: 1 }) }).read({ op: 'get_object', request: get() });
    expect(answer.body.length).toBe(10000);
    expect(answer.attempts).toBe(2);
  });

  it('streams a body whose errors are vendor errors, and reports an abort as ABORTED with the reason', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '100000' });
      res.write(Buffer.alloc(1000));
    };
    const controller = new AbortController();
    const answer = await http().stream({ op: 'get_object', request: get(), signal: controller.signal });
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 30);
    const error = (await caught(
      (async () => {
        for await (const _ of answer.body) {
          // reading
        }
      })(),
    )) as VendorClientError;
    expect(error).toBeInstanceOf(VendorClientError);
    expect(error.info.code).toBe('ABORTED');
    expect(error.info.cause.cause).toBe(reason);
  });

  it('fails a streamed body that trickles below the minimum rate', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 40);
      res.on('close', () => clearInterval(timer));
    };
    const answer = await http({ bodyTimeout: 300, minBytesPerSecond: 1000 }).stream({ op: 'get_object', request: get() });
    const error = (await caught(
      (async () => {
        for await (const _ of answer.body) {
          // reading
        }
      })(),
    )) as VendorClientError;
    expect(error.info.kind).toBe('timeout');
  });

  it('lets a caller destroy an unread body quietly', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '5' });
      res.end('hello');
    };
    const answer = await http().stream({ op: 'get_object', request: get() });
    const errors: unknown[] = [];
    answer.body.on('error', (e) => errors.push(e));
    answer.body.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([]);
  });

  it('maps a refused connection to a retryable network failure', async () => {
    const closed = new VendorHttp(new Transport({ retry: noRetryPolicy }), {
      errorCode: () => undefined,
      serviceError: (info) => new VendorServiceError(info),
      clientError: (info) => new VendorClientError(info),
    });
    const error = (await caught(
      closed.send({ op: 'head_object', request: { method: 'HEAD', origin: 'http://127.0.0.1:1', path: '/', query: [], headers: {} } }),
    )) as VendorClientError;
    expect(error.info.kind).toBe('network');
    expect(error.info.cause).toBeInstanceOf(ClientFailure);
    expect(error.info.cause.transient).toBe(true);
  });
});

describe('VendorHttp with request hooks (operations pass their own request description)', () => {
  interface BucketRequest {
    op: string;
    bucket: string;
    key?: string;
    signal?: AbortSignal;
  }
  class ClosedError extends Error {}

  function vendorHttp(state: { closed: boolean; readies: string[] }): VendorHttp<BucketRequest> {
    return new VendorHttp<BucketRequest>(
      new Transport({ retry: noRetryPolicy, headersTimeout: 2000, bodyTimeout: 2000 }),
      {
        errorCode: (_status, body) => /<Code>([^<]+)<\/Code>/.exec(body.toString('utf8'))?.[1],
        serviceError: (info) => new VendorServiceError(info),
        clientError: (info) => new VendorClientError(info),
      },
      {
        ready(request) {
          if (state.closed) throw new ClosedError(`${request.op}: closed`);
          state.readies.push(request.op);
        },
        address: (request) => ({
          op: request.op,
          request: () => {
            if (request.bucket.includes('/')) throw new TypeError(`bad bucket ${request.bucket}`);
            return get(`/${request.bucket}/${request.key ?? ''}`, { 'x-signed': 'yes' });
          },
          key: request.key,
          signal: request.signal,
        }),
      },
    );
  }

  it('addresses the request through the hook, after ready, and sends it', async () => {
    const seen: Array<[string | undefined, string | undefined]> = [];
    handler = (req, res) => {
      seen.push([req.url, req.headers['x-signed'] as string | undefined]);
      res.end('<R/>');
    };
    const state = { closed: false, readies: [] as string[] };
    const http = vendorHttp(state);
    const answer = await http.parse({ op: 'get_thing', bucket: 'b', key: 'k' }, (body) => body.toString());
    expect(answer.result).toBe('<R/>');
    expect(seen).toEqual([['/b/k', 'yes']]);
    expect(state.readies).toEqual(['get_thing']);
    // An addressed HttpCall still works as before (no ready: the caller did its own preparation).
    await http.send({ op: 'raw', request: get('/b/raw') });
    expect(state.readies).toEqual(['get_thing']);
  });

  it("lets ready's own error through unchanged, and maps an address fault and an empty key as argument errors", async () => {
    const state = { closed: true, readies: [] as string[] };
    const before = requests;
    expect(await caught(vendorHttp(state).send({ op: 'put_thing', bucket: 'b', key: 'k' }))).toBeInstanceOf(ClosedError);
    state.closed = false;
    const bad = await caught(vendorHttp(state).send({ op: 'put_thing', bucket: 'a/b', key: 'k' }));
    expect(bad).toBeInstanceOf(VendorClientError);
    expect((bad as VendorClientError).info).toMatchObject({ op: 'put_thing', kind: 'argument' });
    const empty = await caught(vendorHttp(state).send({ op: 'delete_thing', bucket: 'b', key: '' }));
    expect((empty as VendorClientError).info).toMatchObject({ op: 'delete_thing', kind: 'argument' });
    expect(requests).toBe(before);
  });

  it('refuses a vendor request when no address hook was given', async () => {
    const plain = http() as unknown as VendorHttp<BucketRequest>;
    const error = await caught(plain.send({ op: 'orphan', bucket: 'b' }));
    expect(error).toBeInstanceOf(VendorClientError);
    expect(String((error as Error).message)).toMatch(/orphan: this VendorHttp has no address hook/);
  });
});
