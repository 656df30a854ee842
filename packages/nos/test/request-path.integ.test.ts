/**
 * The path of a request: an operation hands its own `NosCall` to the default
 * transport's request layer (core `VendorHttp`) directly; a `transport_class`
 * that overrides `perform_request` gets every request through it, as the
 * Python request it always saw.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientException, type NosCall, nos, type NosRequest, type NosResponse, Transport } from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';

let server: NosTestServer;
const bucket = 'nos-request-path';

beforeAll(async () => {
  server = await startNosServer();
  await createBucket(server, bucket);
}, 60_000);
afterAll(async () => {
  await server.stop();
});

function options() {
  return { access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort };
}

describe('default transport: operations call the layer directly', () => {
  it('put_object hands its NosCall to transport.http.send; get_object to transport.http.stream', async () => {
    const client = new nos.Client(options());
    const http = (client.transport as Transport).http;
    const send = vi.spyOn(http, 'send');
    const stream = vi.spyOn(http, 'stream');
    const put = await client.put_object({ bucket, key: 'direct.txt', body: 'direct', meta_data: { 'x-nos-meta-who': 'me' } });
    expect(send).toHaveBeenCalledTimes(1);
    const sent = send.mock.calls[0]?.[0] as NosCall;
    expect(sent).toMatchObject({ op: 'put_object', method: 'PUT', bucket, key: 'direct.txt', params: [] });
    expect(sent.headers['x-nos-meta-who']).toBe('me');
    const got = await client.get_object({ bucket, key: 'direct.txt' });
    expect(await got.body.read()).toEqual(Buffer.from('direct'));
    expect(got.etag).toBe(put.etag);
    expect(stream.mock.calls[0]?.[0]).toMatchObject({ op: 'get_object', method: 'GET', bucket, key: 'direct.txt' });
    await client.close();
  });

  it('copy_object and complete_multipart_upload read their answer for an embedded error', async () => {
    const client = new nos.Client(options());
    const http = (client.transport as Transport).http;
    const read = vi.spyOn(http, 'read');
    const parse = vi.spyOn(http, 'parse');
    await client.put_object({ bucket, key: 'copy-src', body: 'c' });
    await client.copy_object({ src_bucket: bucket, src_key: 'copy-src', dest_bucket: bucket, dest_key: 'copy-dest' });
    expect(read.mock.calls[0]?.[0]).toMatchObject({ op: 'copy_object', method: 'PUT', key: 'copy-dest' });
    expect(read.mock.calls[0]?.[1]).toEqual({ embeddedError: true });
    const created = await client.create_multipart_upload({ bucket, key: 'mp' });
    const upload_id = created.response.findtext('UploadId', '') ?? '';
    const part = await client.upload_part({ bucket, key: 'mp', upload_id, part_num: 1, body: 'only part' });
    await client.complete_multipart_upload({ bucket, key: 'mp', upload_id, info: [{ part_num: 1, etag: part.etag }] });
    const complete = parse.mock.calls.find(([call]) => (call as NosCall).op === 'complete_multipart_upload');
    expect(complete?.[2]).toEqual({ embeddedError: true });
    await client.close();
  });

  it("Transport.perform_request asks the provider first (the layer's ready hook), and its failure reaches the caller unchanged", async () => {
    const failing = new Transport({
      ...options(),
      access_key_id: null,
      access_key_secret: null,
      num_pools: 1,
      timeout: null,
      max_retries: 0,
      retry_backoff_factor: 0,
      retry_on_timeout: false,
      enable_ssl: false,
      credentials_provider: () => {
        throw new Error('vault down');
      },
    });
    const request: NosRequest = { method: 'HEAD', bucket, key: 'direct.txt', params: [], headers: {} };
    const error = await failing.perform_request(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    // The provider's own failure, not the layer's mapping of a signer without keys.
    expect(error).toBeInstanceOf(ClientException);
    expect((error as Error).message).toContain('credentials_provider failed');
    expect(((error as Error).cause as Error).message).toBe('vault down');
    await failing.close();
  });
});

describe('transport_class overriding perform_request', () => {
  it('sees every request as the Python request, without the method name', async () => {
    const seen: NosRequest[] = [];
    class Watching extends Transport {
      override async perform_request(req: NosRequest): Promise<NosResponse> {
        seen.push(req);
        return super.perform_request(req);
      }
    }
    const client = new nos.Client({ ...options(), transport_class: Watching });
    await client.put_object({ bucket, key: 'watched.txt', body: 'w' });
    const head = await client.head_object({ bucket, key: 'watched.txt' });
    expect(head.content_length).toBe(1);
    expect(seen.map((r) => r.method)).toEqual(['PUT', 'HEAD']);
    for (const req of seen) expect('op' in req).toBe(false);
    await client.close();
  });

  it('a perform_request patched onto the default transport after the client was built still sees every request', async () => {
    const client = new nos.Client(options());
    const transport = client.transport as Transport;
    const seen: string[] = [];
    const original = transport.perform_request.bind(transport);
    Object.assign(transport, {
      perform_request: (req: NosRequest) => {
        seen.push(`${req.method} ${req.key ?? ''}`);
        return original(req);
      },
    });
    await client.put_object({ bucket, key: 'patched.txt', body: 'p' });
    expect(seen).toEqual(['PUT patched.txt']);
    await client.close();
  });
});
