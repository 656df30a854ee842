import { signCos } from '@yunstore/core/sign';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, SK, send, OTHER_AK, OTHER_SK, TMP_AK, TMP_SK, TMP_TOKEN, cos, presign, startCosServer, xmlText, type CosServer } from './cos-harness.ts';

const BUCKET = 'auth-1250000000';
let server: CosServer;

beforeAll(async () => {
  server = await startCosServer();
  expect((await cos(server, { method: 'PUT', bucket: BUCKET })).status).toBe(200);
  expect((await cos(server, { method: 'PUT', bucket: BUCKET, key: 'secret.txt', body: 'top secret' })).status).toBe(200);
});
afterAll(() => server.close());

function expectCosError(reply: { status: number; headers: Record<string, string>; text: string }, status: number, code: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers['x-cos-request-id']).toBeTruthy();
  expect(reply.headers['content-type']).toBe('application/xml');
  expect(xmlText(reply.text, 'Code')).toBe(code);
  expect(xmlText(reply.text, 'RequestId')).toBe(reply.headers['x-cos-request-id']);
}

describe('COS q-sign verification', () => {
  it('accepts a header signature and answers with COS headers', async () => {
    const r = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('top secret');
    expect(r.headers['server']).toBe('tencent-cos');
    expect(r.headers['x-cos-request-id']).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const r = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', creds: { accessKeyId: AK, secretAccessKey: 'wrong' } });
    expectCosError(r, 403, 'SignatureDoesNotMatch');
  });

  it('refuses an unknown key with InvalidAccessKeyId', async () => {
    const r = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', creds: { accessKeyId: 'AKIDnobody', secretAccessKey: 'x' } });
    expectCosError(r, 403, 'InvalidAccessKeyId');
  });

  it('refuses an expired window with AccessDenied "Request has expired"', async () => {
    const r = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', signAt: new Date(Date.now() - 3600_000) });
    expectCosError(r, 403, 'AccessDenied');
    expect(xmlText(r.text, 'Message')).toBe('Request has expired');
  });

  it('refuses a window that starts too far in the future with RequestTimeTooSkewed', async () => {
    const r = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', signAt: new Date(Date.now() + 3600_000) });
    expectCosError(r, 403, 'RequestTimeTooSkewed');
  });

  it('signs query parameters: a tampered value no longer matches', async () => {
    const ok = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', query: [['response-content-type', 'text/plain']] });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('text/plain');
    const host = `${BUCKET}.cos.localhost:${server.port}`;
    const signed = signCos(
      { method: 'GET', origin: server.endpoint, path: '/secret.txt', query: [['response-content-type', 'text/plain']], headers: { host } },
      { accessKeyId: AK, secretAccessKey: SK },
      { now: server.now() },
    );
    const r = await send(`${server.endpoint}/secret.txt?response-content-type=text%2Fhtml`, { headers: { host, ...signed.headers } });
    expect(r.status).toBe(403);
    expect(xmlText(r.text, 'Code')).toBe('SignatureDoesNotMatch');
    // The Host is signed too: the same signature sent to another bucket fails.
    const moved = await send(`${server.endpoint}/secret.txt?response-content-type=text%2Fplain`, {
      headers: { host: `other-1250000000.cos.localhost:${server.port}`, ...signed.headers },
    });
    expect(moved.status).toBe(403);
    expect(xmlText(moved.text, 'Code')).toBe('SignatureDoesNotMatch');
  });

  it('accepts presigned URLs until they expire', async () => {
    const { url, host } = presign(server, {
      method: 'GET',
      bucket: BUCKET,
      key: 'secret.txt',
      expires: 60,
      query: [['response-content-disposition', 'attachment; filename="a b.txt"']],
    });
    const ok = await send(url, { headers: { host } });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toBe('attachment; filename="a b.txt"');
    expect(ok.text).toBe('top secret');
    server.advance(120_000);
    try {
      const late = await send(url, { headers: { host } });
      expect(late.status).toBe(403);
      expect(late.text).toContain('Request has expired');
    } finally {
      server.advance(-120_000);
    }
  });

  it('temporary keys need their security token', async () => {
    const withToken = await cos(server, {
      method: 'HEAD',
      bucket: BUCKET,
      key: 'secret.txt',
      creds: { accessKeyId: TMP_AK, secretAccessKey: TMP_SK, sessionToken: TMP_TOKEN },
    });
    expect(withToken.status).toBe(200);
    const without = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', creds: { accessKeyId: TMP_AK, secretAccessKey: TMP_SK } });
    expectCosError(without, 403, 'InvalidAccessKeyId');
    const presigned = presign(server, {
      method: 'GET',
      bucket: BUCKET,
      key: 'secret.txt',
      expires: 60,
      creds: { accessKeyId: TMP_AK, secretAccessKey: TMP_SK, sessionToken: TMP_TOKEN },
    });
    expect(presigned.url).toContain('x-cos-security-token=sts-token%2Fwith%2Bodd%3Dchars');
    const r = await send(presigned.url, { headers: { host: presigned.host } });
    expect(r.status).toBe(200);
  });

  it('anonymous requests: denied on private buckets, allowed to read public-read ones', async () => {
    const denied = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', creds: null });
    expectCosError(denied, 403, 'AccessDenied');
    const pub = 'public-1250000000';
    expect((await cos(server, { method: 'PUT', bucket: pub, headers: { 'x-cos-acl': 'public-read' } })).status).toBe(200);
    expect((await cos(server, { method: 'PUT', bucket: pub, key: 'hello.txt', body: 'hi' })).status).toBe(200);
    const read = await cos(server, { method: 'GET', bucket: pub, key: 'hello.txt', creds: null });
    expect(read.status).toBe(200);
    expect(read.text).toBe('hi');
    expect((await cos(server, { method: 'GET', bucket: pub, creds: null })).status).toBe(200);
    expectCosError(await cos(server, { method: 'PUT', bucket: pub, key: 'x', body: 'no', creds: null }), 403, 'AccessDenied');
    // An object made public-read in a private bucket is readable too.
    expect((await cos(server, { method: 'PUT', bucket: BUCKET, key: 'open.txt', body: 'open', headers: { 'x-cos-acl': 'public-read' } })).status).toBe(200);
    expect((await cos(server, { method: 'GET', bucket: BUCKET, key: 'open.txt', creds: null })).text).toBe('open');
  });

  it('another account cannot touch a private bucket', async () => {
    const r = await cos(server, { method: 'GET', bucket: BUCKET, creds: { accessKeyId: OTHER_AK, secretAccessKey: OTHER_SK } });
    expectCosError(r, 403, 'AccessDenied');
  });

  it('path-style requests sign /<bucket>/<key>', async () => {
    const r = await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt', pathStyle: true });
    expect(r.status).toBe(200);
    expect(r.text).toBe('top secret');
  });

  it('HEAD errors have no body but keep the request id', async () => {
    const r = await cos(server, { method: 'HEAD', bucket: BUCKET, key: 'missing' });
    expect(r.status).toBe(404);
    expect(r.body.length).toBe(0);
    expect(r.headers['x-cos-request-id']).toBeTruthy();
  });

  it('injected faults answer with COS error bodies', async () => {
    server.failNext('get_object', { status: 503, code: 'SlowDown' });
    expectCosError(await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt' }), 503, 'SlowDown');
    expect((await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt' })).status).toBe(200);
  });

  it('an injected mid-body reset cuts the download, and the next one is whole', async () => {
    server.emulator.faults.add({ dialects: ['cos'], operations: ['get_object'], resetAfterBytes: 4, resetCount: 1 });
    await expect(cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt' })).rejects.toThrow();
    expect((await cos(server, { method: 'GET', bucket: BUCKET, key: 'secret.txt' })).text).toBe('top secret');
    server.emulator.faults.clear();
  });
});
