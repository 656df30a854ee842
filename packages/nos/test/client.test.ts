import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CAMEL_CASE_ALIASES, Client, nos, Transport, type NosRequest, type TransportOptions } from '../src/index.ts';

const SEED_METHODS = [
  'delete_object',
  'delete_objects',
  'get_object',
  'head_object',
  'list_objects',
  'put_object',
  'copy_object',
  'move_object',
  'create_multipart_upload',
  'upload_part',
  'complete_multipart_upload',
  'abort_multipart_upload',
  'list_parts',
  'list_multipart_uploads',
] as const;

function recorder() {
  const made: TransportOptions[] = [];
  const requests: NosRequest[] = [];
  class Recording {
    constructor(options: TransportOptions) {
      made.push(options);
    }
    async perform_request(req: NosRequest) {
      requests.push(req);
      // An XML document for the calls that parse one; the others drain it.
      return { status: 200, headers: { 'x-nos-request-id': 'R', etag: '"abc"' }, body: Readable.from([Buffer.from('<R/>')]) };
    }
  }
  return { Recording, made, requests };
}

describe('nos.Client', () => {
  it('has every seed method under its name and its camelCase alias (the same function)', () => {
    const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    for (const name of SEED_METHODS) {
      expect(typeof Client.prototype[name]).toBe('function');
      expect((Client.prototype as unknown as Record<string, unknown>)[camel(name)]).toBe(Client.prototype[name]);
    }
    expect(Object.values(CAMEL_CASE_ALIASES).sort()).toEqual([...SEED_METHODS].sort());
  });

  it('exposes the Python module layout', () => {
    expect(nos.Client).toBe(Client);
    expect(nos.transport.Transport).toBe(Transport);
    expect(new nos.exceptions.NotFoundError(404, 'Not Found', 'NoSuchKey', '', '')).toBeInstanceOf(nos.exceptions.ServiceException);
  });

  it('passes the seed defaults to transport_class', () => {
    const { Recording, made } = recorder();
    new nos.Client({ transport_class: Recording });
    expect(made[0]?.access_key_secret).toBeNull();
    expect(made[0]).toEqual({
      access_key_id: null,
      end_point: 'nos-eastchina1.126.net',
      num_pools: 16,
      timeout: null,
      max_retries: 2,
      retry_backoff_factor: 0,
      retry_on_timeout: false,
      enable_ssl: false,
    });
    new nos.Client({ transport_class: Recording, access_key_id: 'a', access_key_secret: 'b', num_pools: 4, timeout: 5, max_retries: 0, enable_ssl: true });
    expect(made[1]).toMatchObject({ access_key_id: 'a', num_pools: 4, timeout: 5, max_retries: 0, enable_ssl: true });
  });

  it('refuses bad options', () => {
    expect(() => new nos.Client({ access_key_secret: 'b' })).toThrow(/both/);
    expect(() => new nos.Client({ max_retries: -1 })).toThrow(/max_retries/);
    expect(() => new nos.Client({ end_point: '' })).toThrow(/end_point/);
  });

  it('builds the requests of the protocol table', async () => {
    const { Recording, requests } = recorder();
    const c = new nos.Client({ transport_class: Recording });
    await c.list_objects({ bucket: 'bkt', limit: 5, prefix: 'p/', delimiter: '/', marker: 'm' });
    await c.list_parts({ bucket: 'bkt', key: 'k', upload_id: 'u', limit: 2, part_number_marker: '3' });
    await c.list_multipart_uploads({ bucket: 'bkt', limit: 7, key_marker: 'km' });
    await c.copy_object({ src_bucket: 'src', src_key: 'a b/c', dest_bucket: 'bkt', dest_key: 'd' });
    const put = await c.put_object({ bucket: 'bkt', key: 'k', body: 'hello nos', meta_data: { 'x-nos-meta-a': '1' } });
    expect(put).toEqual({ x_nos_request_id: 'R', etag: 'abc' });
    expect(requests.map((r) => [r.method, r.key, r.params])).toEqual([
      [
        'GET',
        undefined,
        [
          ['delimiter', '/'],
          ['marker', 'm'],
          ['max-keys', '5'],
          ['prefix', 'p/'],
        ],
      ],
      [
        'GET',
        'k',
        [
          ['uploadId', 'u'],
          ['max-parts', '2'],
          ['part-number-marker', '3'],
        ],
      ],
      [
        'GET',
        undefined,
        [
          ['uploads', ''],
          ['max-uploads', '7'],
          ['key-marker', 'km'],
        ],
      ],
      ['PUT', 'd', []],
      ['PUT', 'k', []],
    ]);
    expect(requests[3]?.headers).toEqual({ 'x-nos-copy-source': '/src/a%20b%2Fc' });
    expect(requests[4]?.headers).toEqual({ 'x-nos-meta-a': '1', 'Content-MD5': '55df9ce43374d395c2750459222e6420' });
  });
});
