import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createFaults, InjectedResetError } from '../src/faults.ts';

async function drain(source: Readable, through: NodeJS.ReadWriteStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await pipeline(source, through, sink);
  return Buffer.concat(chunks);
}

describe('createFaults', () => {
  it('serves normally without rules', () => {
    const f = createFaults();
    expect(f.decide('cos', 'put_object')).toEqual({ latencyMs: 0 });
    expect(f.stats()).toEqual({ errors: 0, resets: 0, delayed: 0, throttled: 0 });
  });

  it('fails the next N matching requests with 503 SlowDown by default', () => {
    const f = createFaults({ rules: [{ errorCount: 2 }] });
    expect(f.decide('bos', 'get_object').error).toMatchObject({ status: 503, code: 'SlowDown' });
    expect(f.decide('oos', 'put_object').error).toMatchObject({ status: 503, code: 'SlowDown' });
    expect(f.decide('oos', 'put_object').error).toBeUndefined();
    expect(f.stats().errors).toBe(2);
    expect(f.rules()[0]?.errorCount).toBe(0);
  });

  it('applies a rate with the injected random and a 500 InternalError', () => {
    const values = [0.05, 0.5, 0.09, 0.99];
    const f = createFaults({ rules: [{ errorRate: 0.1, errorStatus: 500 }], random: () => values.shift() ?? 1 });
    const got = [1, 2, 3, 4].map(() => f.decide('nos', 'head_object').error?.code);
    expect(got).toEqual(['InternalError', undefined, 'InternalError', undefined]);
  });

  it('targets operations and dialects, with custom codes', () => {
    const f = createFaults({ rules: [{ dialects: ['cos'], operations: ['upload_part'], errorCount: 5, errorCode: 'ServiceUnavailable' }] });
    expect(f.decide('bos', 'upload_part').error).toBeUndefined();
    expect(f.decide('cos', 'put_object').error).toBeUndefined();
    expect(f.decide('cos', 'upload_part').error).toMatchObject({ status: 503, code: 'ServiceUnavailable', message: expect.any(String) });
  });

  it('combines latency, bandwidth and reset from several rules', () => {
    const f = createFaults({
      rules: [
        { latencyMs: 10, bytesPerSecond: 1000 },
        { operations: ['get_object'], latencyMs: 5, bytesPerSecond: 500, resetAfterBytes: 100, resetCount: 1 },
      ],
    });
    expect(f.decide('cos', 'get_object')).toEqual({ latencyMs: 15, bytesPerSecond: 500, resetAfterBytes: 100 });
    expect(f.decide('cos', 'get_object')).toEqual({ latencyMs: 15, bytesPerSecond: 500 });
    expect(f.decide('cos', 'put_object')).toEqual({ latencyMs: 10, bytesPerSecond: 1000 });
    expect(f.stats().delayed).toBe(3);
  });

  it('changes at run time', () => {
    const f = createFaults();
    f.set({ errorCount: 1 });
    expect(f.decide('cos', 'x').error).toBeDefined();
    f.add({ errorRate: 1, errorStatus: 500 });
    expect(f.decide('cos', 'x').error?.status).toBe(500);
    f.clear();
    expect(f.decide('cos', 'x').error).toBeUndefined();
    f.set([{ errorRate: 0.5 }]);
    f.setRandom(() => 0.4);
    expect(f.decide('cos', 'x').error).toBeDefined();
  });

  it('rejects nonsense settings', () => {
    expect(() => createFaults({ rules: [{ errorRate: 2 }] })).toThrow(/errorRate/);
    expect(() => createFaults().set({ resetAfterBytes: -1 })).toThrow(/resetAfterBytes/);
    expect(() => createFaults().add({ bytesPerSecond: 0 })).toThrow(/bytesPerSecond/);
    expect(() => createFaults().add({ errorStatus: 404 as 500 })).toThrow(/errorStatus/);
  });

  it('throttle is an identity without caps', async () => {
    const f = createFaults();
    const out = await drain(Readable.from([Buffer.from('abc'), Buffer.from('def')]), f.throttle({ latencyMs: 0 }));
    expect(out.toString()).toBe('abcdef');
  });

  it('throttle caps bandwidth', async () => {
    const f = createFaults();
    const start = Date.now();
    const out = await drain(Readable.from([Buffer.alloc(3000)]), f.throttle({ latencyMs: 0, bytesPerSecond: 10_000 }));
    const elapsed = Date.now() - start;
    expect(out.length).toBe(3000);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
    expect(f.stats().throttled).toBe(1);
  });

  it('throttle resets after N bytes', async () => {
    const f = createFaults();
    const chunks: Buffer[] = [];
    const t = f.throttle({ latencyMs: 0, resetAfterBytes: 5 });
    t.on('data', (c: Buffer) => chunks.push(c));
    await expect(pipeline(Readable.from([Buffer.from('abc'), Buffer.from('defgh')]), t)).rejects.toBeInstanceOf(InjectedResetError);
    expect(Buffer.concat(chunks).toString()).toBe('abcde');
    expect(f.stats().resets).toBe(1);
  });
});
