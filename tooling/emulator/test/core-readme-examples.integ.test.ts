/**
 * The TypeScript examples of packages/core/README.md. The transport example runs
 * against the emulator's OOS port, with core's S3 V2 signer as the README's `sign`.
 * It lives with the emulator because core cannot depend on the emulator (the emulator depends on core).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transport, toBody, backoffRetryPolicy, type WireRequest } from '@yunstore/core';
import { signCosVector, signS3V2 } from '@yunstore/core/sign';
import vectors from '../../../packages/core/test/fixtures/cos.json' with { type: 'json' };
import { startEmulator, type Emulator } from '../src/index.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.stop();
});

describe('packages/core/README.md', () => {
  it('Vector conformance functions: signCosVector over cos.json', () => {
    expect(vectors.vectors.length).toBeGreaterThan(0);
    for (const v of vectors.vectors) assert.deepEqual(signCosVector(v.input), v.expected);
  });

  it('Transport: send with authorize and signal', async () => {
    const credentials = { accessKeyId: 'AKIDyunstoreEMULATOR', secretAccessKey: 'yunstore-emulator-secret' };
    const sign = (req: WireRequest, now: Date): Record<string, string> => signS3V2(req, credentials, now);
    const signal = new AbortController().signal;
    const transport = new Transport({
      connections: 16,
      connectTimeout: 10_000,
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
      // proxy: 'http://proxy.example.com:8080' in the README; a real proxy is out of reach here
      retry: backoffRetryPolicy({ maxAttempts: 3 }),
    });
    const origin = emu.endpoints.oos; // 'http://127.0.0.1:9000' in the README
    // signS3V2 returns the headers to add (x-amz-date and Authorization), so they are merged.
    const authorize = (req: WireRequest, now: Date): WireRequest => ({ ...req, headers: { ...req.headers, ...sign(req, now) } });
    const bucket = await transport.send({ method: 'PUT', origin, path: '/bucket', query: [], headers: {}, body: await toBody('') }, { authorize, signal });
    expect(bucket.status).toBe(200);
    const res = await transport.send({ method: 'PUT', origin, path: '/bucket/key', query: [], headers: {}, body: await toBody('hi') }, { authorize, signal });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(1);
    expect(res.headers['etag']).toBe('"49f68a5c8493ec2c0bf489821c21fc3b"');
    // The README's proxy option: construction only (nothing listens there).
    const proxied = new Transport({ proxy: 'http://proxy.example.com:8080' });
    await proxied.close();
    await transport.close();
  });
});
