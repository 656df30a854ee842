/**
 * Issue 13 (NOS) and 15 items that need no server: key normalisation, the
 * refusals made before any request, metadata headers, detached methods and
 * the `nos` namespace used as types. A recording transport shows exactly
 * what would have been sent (nothing, for a refusal).
 */
import { Readable } from 'node:stream';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ClientException, InvalidObjectName, nos, type NosRequest } from '../src/index.ts';

function recordingClient() {
  const requests: NosRequest[] = [];
  class Recording {
    async perform_request(req: NosRequest) {
      requests.push(req);
      const xml = '<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>';
      return { status: 200, headers: { 'x-nos-request-id': 'R', etag: '"abc"' }, body: Readable.from([Buffer.from(xml)]) };
    }
  }
  return { client: new nos.Client({ transport_class: Recording, access_key_id: 'ak', access_key_secret: 'sk' }), requests };
}

describe("keys follow the Python SDK's key.strip('/')", () => {
  it('sends /a/b as a/b on every object call, and strips the copy source too', async () => {
    const { client, requests } = recordingClient();
    await client.put_object({ bucket: 'bkt', key: '/a/b', body: 'x' });
    await client.get_object({ bucket: 'bkt', key: 'a/b/' });
    await client.head_object({ bucket: 'bkt', key: '//a/b//' });
    await client.delete_object({ bucket: 'bkt', key: '/a/b' });
    await client.copy_object({ src_bucket: 'bkt', src_key: '/a/b/', dest_bucket: 'bkt', dest_key: '/c' });
    expect(requests.map((r) => r.key)).toEqual(['a/b', 'a/b', 'a/b', 'a/b', 'c']);
    expect(requests[4]?.headers['x-nos-copy-source']).toBe('/bkt/a%2Fb');
    expect(client.generate_presigned_url({ bucket: 'bkt', key: '/a/b/' })).toMatch(/^http:\/\/bkt\.nos-eastchina1\.126\.net\/a%2Fb\?/);
  });

  it('refuses, before any request, every object call whose key is empty once normalised', async () => {
    const { client, requests } = recordingClient();
    const calls: Array<() => Promise<unknown>> = [
      () => client.delete_object({ bucket: 'bkt', key: '/' }),
      () => client.head_object({ bucket: 'bkt', key: '//' }),
      () => client.get_object({ bucket: 'bkt', key: '/' }),
      () => client.put_object({ bucket: 'bkt', key: '/', body: 'x' }),
      () => client.copy_object({ src_bucket: 'bkt', src_key: 'a', dest_bucket: 'bkt', dest_key: '/' }),
      () => client.move_object({ src_bucket: 'bkt', src_key: '/', dest_bucket: 'bkt', dest_key: 'b' }),
      () => client.create_multipart_upload({ bucket: 'bkt', key: '/' }),
      () => client.upload_part({ bucket: 'bkt', key: '/', part_num: 1, upload_id: 'u', body: 'x' }),
      () => client.complete_multipart_upload({ bucket: 'bkt', key: '/', upload_id: 'u', info: [{ part_num: 1, etag: 'e' }] }),
      () => client.abort_multipart_upload({ bucket: 'bkt', key: '/', upload_id: 'u' }),
      () => client.list_parts({ bucket: 'bkt', key: '/', upload_id: 'u' }),
      () => client.delete_objects({ bucket: 'bkt', keys: ['a', '/'] }),
      () => client.download_file({ bucket: 'bkt', key: '/', file_path: 'x' }),
      () => client.upload_file({ bucket: 'bkt', key: '/', file_path: 'x' }),
    ];
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(InvalidObjectName);
    expect(() => client.generate_presigned_url({ bucket: 'bkt', key: '/' })).toThrow(InvalidObjectName);
    expect(requests).toEqual([]);
  });
});

describe('refusals the Python SDK makes (or NOS would), before any request', () => {
  it('put_object and upload_part need a body; an empty object is body: ""', async () => {
    const { client, requests } = recordingClient();
    const noBody = { bucket: 'bkt', key: 'k' } as unknown as Parameters<typeof client.put_object>[0];
    await expect(client.put_object(noBody)).rejects.toThrow(/body is required/);
    await expect(client.put_object({ bucket: 'bkt', key: 'k', body: null as unknown as string })).rejects.toBeInstanceOf(ClientException);
    const noPartBody = { bucket: 'bkt', key: 'k', part_num: 1, upload_id: 'u' } as unknown as Parameters<typeof client.upload_part>[0];
    await expect(client.upload_part(noPartBody)).rejects.toThrow(/body is required/);
    expect(requests).toEqual([]);
    await client.put_object({ bucket: 'bkt', key: 'k', body: '' });
    expect(requests[0]?.headers['Content-MD5']).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('delete_objects takes 1 to 1000 keys', async () => {
    const { client, requests } = recordingClient();
    await expect(client.delete_objects({ bucket: 'bkt', keys: [] })).rejects.toThrow(/1 to 1000 keys.*got 0/);
    const many = Array.from({ length: 1001 }, (_, i) => `k${i}`);
    await expect(client.delete_objects({ bucket: 'bkt', keys: many })).rejects.toThrow(/got 1001/);
    expect(requests).toEqual([]);
  });

  it('non-ASCII metadata raises ClientException at once instead of a retried ConnectionError', async () => {
    const { client, requests } = recordingClient();
    const call = client.put_object({ bucket: 'bkt', key: 'k', body: 'x', meta_data: { 'x-nos-meta-author': '张三' } });
    await expect(call).rejects.toBeInstanceOf(ClientException);
    await expect(call).rejects.not.toBeInstanceOf(nos.exceptions.ConnectionError);
    expect(requests).toEqual([]);
  });

  it('passes x-nos-* headers other than metadata, as Python merges meta_data into the headers', async () => {
    const { client, requests } = recordingClient();
    await client.put_object({ bucket: 'bkt', key: 'k', body: 'x', meta_data: { 'x-nos-storage-class': 'standard', 'x-nos-meta-a': '1' } });
    expect(requests[0]?.headers).toMatchObject({ 'x-nos-storage-class': 'standard', 'x-nos-meta-a': '1' });
  });
});

describe('methods survive being detached', () => {
  it('const f = client.head_object; await f(...) works, for snake_case and camelCase', async () => {
    const { client, requests } = recordingClient();
    const head = client.head_object;
    const headCamel = client.headObject;
    await head({ bucket: 'bkt', key: 'a' });
    await headCamel({ bucket: 'bkt', key: 'b' });
    const presign = client.generate_presigned_url;
    expect(presign({ bucket: 'bkt', key: 'c' })).toContain('/c?');
    await Promise.all(['d', 'e'].map((key) => ({ bucket: 'bkt', key })).map(client.delete_object));
    expect(requests.map((r) => r.key)).toEqual(['a', 'b', 'd', 'e']);
    expect(client.headObject).toBe(client.head_object);
    expect(Object.keys(client)).toEqual(['transport']);
  });
});

describe('the nos namespace carries types as well as values', () => {
  it('nos.Client and nos.exceptions.X work as types (TS2503 before)', () => {
    const { client } = recordingClient();
    const typed: nos.Client = client;
    const error: nos.exceptions.NOSException = new nos.exceptions.NotFoundError(404, 'Not Found', 'NoSuchKey', '', '');
    const options: nos.ClientOptions = { end_point: '127.0.0.1:1' };
    expectTypeOf(typed).toEqualTypeOf<nos.Client>();
    expectTypeOf<nos.exceptions.NotFoundError>().toHaveProperty('status_code');
    expect(error).toBeInstanceOf(nos.exceptions.ServiceException);
    expect(typeof nos.transport.Transport).toBe('function');
    expect(options.end_point).toBe('127.0.0.1:1');
  });
});
