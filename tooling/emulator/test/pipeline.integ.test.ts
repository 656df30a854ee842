import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateDialect, DialectName } from '../src/dialects/types.ts';
import { type Emulator, startEmulator } from '../src/index.ts';
import { createPipeline, type WireError } from '../src/pipeline.ts';
import { StoreNotFoundError } from '../src/store/types.ts';

class FakeError extends Error implements WireError {
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

/**
 * A dialect made only of pipeline hooks, each recording that it ran. The
 * query steers it: `?deny` fails the signature check, `?race` throws a store
 * error, `?late` fails after the answer's headers left, `?dirty` sets a
 * success header before failing.
 */
function recordingDialect(steps: string[]): CreateDialect {
  return (ctx) =>
    createPipeline(ctx, {
      dialect: 'cos',
      answerHeaders: (ex) => ex.res.setHeader('x-fake-request-id', ex.requestId),
      address: (ex) => {
        steps.push('address');
        return new URL(ex.req.url ?? '/', 'http://x').searchParams;
      },
      route: (query, ex) => {
        steps.push('route');
        if (ex.method === 'PATCH') throw new FakeError(405, 'MethodNotAllowed');
        return { operation: query.has('race') ? 'race' : 'get_object' };
      },
      authenticate: (query) => {
        steps.push('authenticate');
        if (query.has('deny')) throw new FakeError(403, 'AccessDenied');
        return 'caller';
      },
      handle: async (query, _route, _caller, _decision, ex) => {
        steps.push('handle');
        if (query.has('race')) throw new StoreNotFoundError('object', 'k');
        if (query.has('dirty')) {
          ex.res.setHeader('ETag', '"stale"');
          throw new FakeError(412, 'PreconditionFailed');
        }
        if (query.has('late')) {
          ex.res.writeHead(200, { 'Content-Length': 10 });
          ex.res.write('12345');
          throw new FakeError(500, 'InternalError');
        }
        ex.res.end('served');
      },
      injected: (fault) => new FakeError(fault.status, `injected-${fault.code}`),
      toFailure: (error) => (error instanceof FakeError ? error : new FakeError(error instanceof StoreNotFoundError ? 404 : 500, 'Mapped')),
      renderError: (failure, ex) => ({ contentType: 'text/plain', body: `${failure.code} ${ex.requestId}`, headers: { 'x-fake-code': failure.code } }),
    });
}

describe('the request pipeline (fake dialect)', () => {
  const steps: string[] = [];
  let emu: Emulator;
  const url = (query: string): string => `${emu.endpoints.cos}/b/k${query}`;

  beforeAll(async () => {
    emu = await startEmulator({ dialects: { cos: recordingDialect(steps) } });
  });
  afterAll(() => emu.stop());

  it('runs address, route, authenticate, faults and handle in that order', async () => {
    steps.length = 0;
    const res = await fetch(url(''));
    expect(await res.text()).toBe('served');
    expect(steps).toEqual(['address', 'route', 'authenticate', 'handle']);
  });

  it('checks the signature before fault injection, so a refused request spends no counted fault', async () => {
    emu.faults.set({ operations: ['get_object'], errorCount: 1 });
    steps.length = 0;
    const denied = await fetch(url('?deny'));
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(/^AccessDenied /);
    expect(emu.faults.rules()[0]?.errorCount).toBe(1);
    expect(steps).toEqual(['address', 'route', 'authenticate']);

    steps.length = 0;
    const faulted = await fetch(url(''));
    expect(faulted.status).toBe(503);
    expect(await faulted.text()).toMatch(/^injected-SlowDown /);
    expect(steps).toEqual(['address', 'route', 'authenticate']);
    emu.faults.clear();
  });

  it('answers an unrouted request before the signature check', async () => {
    steps.length = 0;
    const res = await fetch(url(''), { method: 'PATCH' });
    expect(res.status).toBe(405);
    expect(steps).toEqual(['address', 'route']);
  });

  it('maps foreign errors through the dialect, with the request id in header and body', async () => {
    const res = await fetch(url('?race'));
    expect(res.status).toBe(404);
    const id = res.headers.get('x-fake-request-id');
    expect(id).toBeTruthy();
    expect(await res.text()).toBe(`Mapped ${id}`);
  });

  it('drops headers a handler set before failing, and sends HEAD errors without a body', async () => {
    const res = await fetch(url('?dirty'));
    expect(res.status).toBe(412);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('x-fake-code')).toBe('PreconditionFailed');

    const head = await fetch(url('?dirty'), { method: 'HEAD' });
    expect(head.status).toBe(412);
    expect(head.headers.get('content-length')).toBe('0');
    expect(head.headers.get('x-fake-code')).toBe('PreconditionFailed');
  });

  it('cuts the connection when a failure comes after the headers left', async () => {
    // Whether the status line got out before the cut or not, the client never reads a whole answer.
    await expect(fetch(url('?late')).then((res) => res.text())).rejects.toThrow();
  });
});

/** A signature no dialect can accept: an unknown key in each dialect's own Authorization form. */
const BOGUS_AUTHORIZATION: Record<DialectName, string> = {
  cos: 'q-sign-algorithm=sha1&q-ak=AKIDnobody&q-sign-time=1;4102444800&q-key-time=1;4102444800&q-header-list=&q-url-param-list=&q-signature=00',
  bos: 'bce-auth-v1/nobody/2030-01-01T00:00:00Z/1800//00',
  oos: 'AWS nobody:AAAA',
  nos: 'NOS nobody:AAAA',
};

describe('one order in every dialect', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.stop());

  it.each(['cos', 'bos', 'oos', 'nos'] as const)('%s: a refused signature spends no fault; an anonymous request then gets it', async (dialect) => {
    emu.faults.set({ dialects: [dialect], operations: ['get_object'], errorCount: 1 });
    const target = `${emu.endpoints[dialect]}/some-bucket/some-key`;
    const refused = await fetch(target, { headers: { authorization: BOGUS_AUTHORIZATION[dialect], date: new Date().toUTCString() } });
    await refused.arrayBuffer();
    expect([400, 403]).toContain(refused.status);
    expect(emu.faults.rules()[0]?.errorCount).toBe(1);

    const faulted = await fetch(target);
    await faulted.arrayBuffer();
    expect(faulted.status).toBe(503);
    expect(emu.faults.rules()[0]?.errorCount).toBe(0);
    emu.faults.clear();
  });
});
