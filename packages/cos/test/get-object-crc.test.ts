import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '@yunstore/core';
import { CosClientError, CosS3Client } from '../src/index.ts';

/**
 * get_object's CRC-64 check end to end, against a tiny local server that can
 * lie about `x-cos-hash-crc64ecma` (the emulator never does).
 */
const body = Buffer.from('object bytes for the crc check');
let server: Server;
let client: CosS3Client;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const lie = req.url?.includes('lie') ?? false;
    const crc = lie ? '12345' : crc64(body).toString();
    if (req.headers.range) {
      res.writeHead(206, { 'content-range': `bytes 0-3/${body.length}`, 'content-length': '4', 'x-cos-hash-crc64ecma': crc });
      res.end(body.subarray(0, 4));
      return;
    }
    res.writeHead(200, { 'content-length': String(body.length), 'x-cos-hash-crc64ecma': crc, 'x-cos-request-id': 'r' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  client = new CosS3Client({ Region: 'ap-guangzhou', SecretId: 'a', SecretKey: 'b', Scheme: 'http', Endpoint: `127.0.0.1:${port}`, Retry: 0 });
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

const B = 'crc-1250000000';

describe('get_object CRC-64 verification', () => {
  it('a matching CRC passes', async () => {
    expect(await (await client.get_object({ Bucket: B, Key: 'ok' })).Body.read()).toEqual(body);
  });
  it('a mismatching CRC fails the read', async () => {
    const res = await client.get_object({ Bucket: B, Key: 'lie' });
    const err = await res.Body.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CosClientError);
    expect((err as CosClientError).code).toBe('CRC64Mismatch');
  });
  it('EnableCRC: false opts out (per call and in CosConfig)', async () => {
    expect(await (await client.get_object({ Bucket: B, Key: 'lie', EnableCRC: false })).Body.read()).toEqual(body);
    const lax = new CosS3Client({ Region: 'ap-guangzhou', SecretId: 'a', SecretKey: 'b', Scheme: 'http', Endpoint: `127.0.0.1:${port}`, EnableCRC: false });
    expect(await (await lax.get_object({ Bucket: B, Key: 'lie' })).Body.read()).toEqual(body);
    await lax.close();
  });
  it('a ranged answer is not checked against the whole-object CRC', async () => {
    expect((await (await client.get_object({ Bucket: B, Key: 'lie', Range: 'bytes=0-3' })).Body.read()).toString()).toBe('obje');
  });
});
