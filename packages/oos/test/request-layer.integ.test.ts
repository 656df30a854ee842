/**
 * Issue 12 (port onto core's VendorHttp): what the OOS client adds to the
 * shared request layer — the User-Agent from the package's real name and
 * version, the `logger` option, botocore's exception classes for local
 * faults, and secrets hidden on the client.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, type RequestLogEntry } from '@yunstore/core';
import { oos, ClientError, Config, ParamValidationError } from '../src/index.ts';
import pkg from '../package.json' with { type: 'json' };

let server: Server;
let endpoint: string;
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    if (req.url?.includes('missing')) {
      res.writeHead(404, { 'Content-Type': 'application/xml', 'x-amz-request-id': 'REQ404' });
      res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>');
      return;
    }
    res.writeHead(200, { 'Content-Length': '0', 'x-amz-request-id': 'REQ200' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const SECRET = 'oos-secret-never-shown-0123456789';

describe('the OOS client on core VendorHttp', () => {
  it('sends a User-Agent built from the package name and version (and user_agent_extra)', async () => {
    const client = oos.client('s3', {
      endpoint_url: endpoint,
      access_key_id: 'ak',
      secret_access_key: SECRET,
      config: new Config({ user_agent_extra: 'app/1.2' }),
    });
    await client.head_bucket({ Bucket: 'ua-bucket' });
    const ua = String(seen.at(-1)?.headers['user-agent']);
    expect(ua).toBe(`yunstore-oos/${pkg.version} node/${process.versions.node} ${process.platform}-${process.arch} app/1.2`);
    await client.close();
  });

  it('calls the logger once per attempt, without query, signature or secret', async () => {
    const entries: RequestLogEntry[] = [];
    const client = oos.client('s3', {
      endpoint_url: endpoint,
      access_key_id: 'ak',
      secret_access_key: SECRET,
      config: new Config({ logger: (entry) => entries.push(entry), retries: { max_attempts: 0 } }),
    });
    await client.head_object({ Bucket: 'log-bucket', Key: 'k.txt' });
    await client.get_object({ Bucket: 'log-bucket', Key: 'missing.txt' }).catch((e: unknown) => e);
    expect(entries.map((e) => [e.method, e.status])).toEqual([
      ['HEAD', 200],
      ['GET', 404],
    ]);
    expect(entries[0]?.url).toBe(`${endpoint}/log-bucket/k.txt`);
    expect(entries[0]?.requestId).toBe('REQ200');
    expect(JSON.stringify(entries)).not.toContain(SECRET);
    expect(JSON.stringify(entries)).not.toContain('Signature');
    await client.close();
  });

  it('an error answer is ClientError with botocore fields, a local header fault ParamValidationError before sending', async () => {
    const client = oos.client('s3', {
      endpoint_url: endpoint,
      access_key_id: 'ak',
      secret_access_key: SECRET,
      config: new Config({ retries: { max_attempts: 2 } }),
    });
    const missing = await client.get_object({ Bucket: 'b', Key: 'missing.txt' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ClientError);
    expect((missing as ClientError).response.Error).toMatchObject({ Code: 'NoSuchKey', Message: 'gone' });
    expect((missing as ClientError).response.ResponseMetadata.RequestId).toBe('REQ404');
    expect((missing as ClientError).operation_name).toBe('GetObject');

    const before = seen.length;
    const bad = await client.put_object({ Bucket: 'b', Key: 'k', Body: 'x', ContentType: 'text/plain\r\nX-Injected: 1' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ParamValidationError);
    expect(bad).not.toBeInstanceOf(NetworkError);
    expect(seen.length).toBe(before);
    await client.close();
  });

  it("an operation's own request is addressed by the layer's hook: a key it cannot encode or an empty key is ParamValidationError, unsent", async () => {
    const client = oos.client('s3', {
      endpoint_url: endpoint,
      access_key_id: 'ak',
      secret_access_key: SECRET,
      config: new Config({ signature_version: 's3v4' }),
    });
    const before = seen.length;
    const lone = await client.put_object({ Bucket: 'b', Key: 'half \ud800 pair', Body: 'x' }).catch((e: unknown) => e);
    expect(lone).toBeInstanceOf(ParamValidationError);
    expect((lone as Error).message).toMatch(/PutObject/);
    const empty = await client.delete_object({ Bucket: 'b', Key: '' }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ParamValidationError);
    expect(seen.length).toBe(before);
    // The same client still addresses a good key: path style on an IP endpoint, the key encoded once.
    await client.head_object({ Bucket: 'b', Key: 'a b+c.txt' });
    expect(seen.at(-1)?.url).toBe('/b/a%20b%2Bc.txt');
    await client.close();
  });

  it('an abort is NetworkError ABORTED whose cause chain ends at signal.reason', async () => {
    const client = oos.client('s3', { endpoint_url: endpoint, access_key_id: 'ak', secret_access_key: SECRET });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    controller.abort(reason);
    const error = await client.head_bucket({ Bucket: 'b', AbortSignal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ABORTED');
    expect(((error as Error).cause as Error).cause).toBe(reason);
    await client.close();
  });

  it('the secret key and session token never show in inspect or JSON of the client', async () => {
    const client = oos.client('s3', { endpoint_url: endpoint, access_key_id: 'ak', secret_access_key: SECRET, aws_session_token: `${SECRET}-token` });
    for (const text of [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client), JSON.stringify(Object.entries(client))]) {
      expect(text).not.toContain(SECRET);
    }
    await client.close();
  });
});
