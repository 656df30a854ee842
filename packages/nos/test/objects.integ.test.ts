import { createReadStream, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nos, type Client, MultiObjectDeleteException, NotFoundError } from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';

let server: NosTestServer;
let client: Client;
const bucket = 'nos-objects';

beforeAll(async () => {
  server = await startNosServer();
  await createBucket(server, bucket);
  client = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort });
});
afterAll(async () => {
  await client.close();
  await server.stop();
});

const KEYS = ['plain.txt', 'dir/sub/file.txt', 'with space.txt', '中文/文件 名.txt', 'a+b.txt', '100%.txt', 'tilde~star*.txt', 'double//slash', 'trailing/'];

describe('put_object / get_object / head_object / delete_object', () => {
  for (const key of KEYS) {
    it(`round-trips ${JSON.stringify(key)}`, async () => {
      const put = await client.put_object({ bucket, key, body: `content of ${key}`, meta_data: { 'x-nos-meta-owner': 'alice' } });
      expect(put.x_nos_request_id).toMatch(/^[0-9A-F]{16}$/);
      expect(put.etag).toMatch(/^[0-9a-f]{32}$/);
      const got = await client.get_object({ bucket, key });
      expect(await text(got.body)).toBe(`content of ${key}`);
      expect(got.etag).toBe(put.etag);
      expect(got.content_length).toBe(Buffer.byteLength(`content of ${key}`));
      expect(got.content_range).toBe('');
      const head = await client.headObject({ bucket, key });
      expect(head).toMatchObject({ etag: put.etag, content_length: got.content_length });
      expect(head.last_modified).toMatch(/Asia\/Shanghai$/);
      expect(Object.keys(head).sort()).toEqual(['content_length', 'content_type', 'etag', 'last_modified', 'x_nos_request_id']);
      const del = await client.delete_object({ bucket, key });
      expect(Object.keys(del)).toEqual(['x_nos_request_id']);
      await expect(client.headObject({ bucket, key })).rejects.toBeInstanceOf(NotFoundError);
    });
  }

  it('accepts bytes, Uint8Array, a stream with a length, a file stream and a JSON value', async () => {
    await client.putObject({ bucket, key: 'b1', body: Buffer.from('bytes') });
    await client.putObject({ bucket, key: 'b2', body: new Uint8Array([104, 105]) });
    const dir = mkdtempSync(join(tmpdir(), 'nos-'));
    const file = join(dir, 'f.bin');
    writeFileSync(file, 'from a file');
    await client.putObject({ bucket, key: 'b3', body: createReadStream(file) });
    await client.putObject({ bucket, key: 'b4', body: { a: 1, 中: '文' } });
    expect(await text((await client.getObject({ bucket, key: 'b1' })).body)).toBe('bytes');
    expect(await text((await client.getObject({ bucket, key: 'b2' })).body)).toBe('hi');
    expect(await text((await client.getObject({ bucket, key: 'b3' })).body)).toBe('from a file');
    expect(JSON.parse(await text((await client.getObject({ bucket, key: 'b4' })).body))).toEqual({ a: 1, 中: '文' });
  });

  it('get_object with range answers content_range and the slice', async () => {
    await client.put_object({ bucket, key: 'range.txt', body: '0123456789' });
    const got = await client.get_object({ bucket, key: 'range.txt', range: 'bytes=2-5' });
    expect(await text(got.body)).toBe('2345');
    expect(got.content_length).toBe(4);
    expect(got.content_range).toBe('bytes 2-5/10');
  });

  it('stores meta_data and Content-Type', async () => {
    await client.put_object({ bucket, key: 'meta.txt', body: 'x', meta_data: { 'x-nos-meta-Author': 'Zhang San', 'Content-Type': 'text/plain' } });
    const head = await client.head_object({ bucket, key: 'meta.txt' });
    expect(head.content_type).toBe('text/plain');
    const record = await server.store.headObject(bucket, 'meta.txt');
    expect(record?.meta).toEqual({ author: 'Zhang San' });
  });
});

describe('copy_object / move_object', () => {
  it('copies and moves keys with special characters', async () => {
    await client.put_object({ bucket, key: 'src 源+%.txt', body: 'copy me' });
    await client.copy_object({ src_bucket: bucket, src_key: 'src 源+%.txt', dest_bucket: bucket, dest_key: 'copied/副本.txt' });
    expect(await text((await client.get_object({ bucket, key: 'copied/副本.txt' })).body)).toBe('copy me');
    const moved = await client.moveObject({ src_bucket: bucket, src_key: 'copied/副本.txt', dest_bucket: bucket, dest_key: 'moved~.txt' });
    expect(Object.keys(moved)).toEqual(['x_nos_request_id']);
    expect(await text((await client.get_object({ bucket, key: 'moved~.txt' })).body)).toBe('copy me');
    await expect(client.head_object({ bucket, key: 'copied/副本.txt' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('list_objects', () => {
  beforeAll(async () => {
    for (const key of ['list/a.txt', 'list/b b.txt', 'list/sub/c.txt', 'list/sub/d.txt', 'list/z+.txt']) {
      await client.put_object({ bucket, key, body: key });
    }
  });

  it('lists with prefix and delimiter into Contents and CommonPrefixes', async () => {
    const { response, x_nos_request_id } = await client.list_objects({ bucket, prefix: 'list/', delimiter: '/' });
    expect(x_nos_request_id).not.toBe('');
    expect(response.tag).toBe('ListBucketResult');
    expect(response.findall('Contents').map((c) => c.findtext('Key'))).toEqual(['list/a.txt', 'list/b b.txt', 'list/z+.txt']);
    expect(response.findall('CommonPrefixes/Prefix').map((p) => p.text)).toEqual(['list/sub/']);
    expect(response.findtext('IsTruncated')).toBe('false');
    expect(response.find('Contents')?.findtext('Size')).toBe('10');
  });

  it('pages with limit and marker', async () => {
    const first = await client.listObjects({ bucket, prefix: 'list/', limit: 2 });
    expect(first.response.findtext('MaxKeys')).toBe('2');
    expect(first.response.findtext('IsTruncated')).toBe('true');
    const keys = first.response.findall('Contents').map((c) => c.findtext('Key') ?? '');
    expect(keys).toEqual(['list/a.txt', 'list/b b.txt']);
    const next = first.response.findtext('NextMarker') ?? '';
    const second = await client.listObjects({ bucket, prefix: 'list/', limit: 2, marker: next });
    expect(second.response.findall('Contents').map((c) => c.findtext('Key'))).toEqual(['list/sub/c.txt', 'list/sub/d.txt']);
    const obj = second.response.toObject();
    expect(Array.isArray(obj['Contents'])).toBe(true);
  });
});

describe('delete_objects', () => {
  it('deletes a list given as keys (verbose) or objects (quiet)', async () => {
    for (const key of ['d/1', 'd/2 二', 'd/3&<x>']) await client.put_object({ bucket, key, body: 'x' });
    const res = await client.delete_objects({ bucket, keys: ['d/1', 'd/2 二'] });
    expect(res.response.findall('Deleted/Key').map((k) => k.text)).toEqual(['d/1', 'd/2 二']);
    const quiet = await client.deleteObjects({ bucket, objects: [{ Key: 'd/3&<x>' }], quiet: true });
    expect(quiet.response.findall('Deleted')).toHaveLength(0);
    await expect(client.head_object({ bucket, key: 'd/3&<x>' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('raises MultiObjectDeleteException listing keys that failed', async () => {
    await client.put_object({ bucket, key: 'd/present', body: 'x' });
    const err = await client.delete_objects({ bucket, keys: ['d/present', 'd/absent'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MultiObjectDeleteException);
    const e = err as MultiObjectDeleteException;
    expect(e.errors).toEqual([{ key: 'd/absent', code: 'NoSuchKey', message: expect.any(String) }]);
    expect([e.status_code, e.error_type, e.error_code, e.request_id]).toEqual([null, null, null, null]);
    await expect(client.head_object({ bucket, key: 'd/present' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('anonymous access', () => {
  it('reads a public-read bucket without keys, is refused on a private one', async () => {
    await createBucket(server, 'nos-public', 'public-read');
    await client.put_object({ bucket: 'nos-public', key: 'open.txt', body: 'public' });
    const anonymous = new nos.Client({ end_point: server.hostPort });
    expect(await text((await anonymous.get_object({ bucket: 'nos-public', key: 'open.txt' })).body)).toBe('public');
    const listed = await anonymous.list_objects({ bucket: 'nos-public' });
    expect(listed.response.findtext('Contents/Key')).toBe('open.txt');
    await expect(anonymous.get_object({ bucket, key: 'b1' })).rejects.toMatchObject({ status_code: 403, error_code: 'AccessDenied' });
    await expect(anonymous.put_object({ bucket: 'nos-public', key: 'x', body: 'x' })).rejects.toMatchObject({ status_code: 403 });
    await anonymous.close();
  });
});

describe('streams', () => {
  it('get_object body is a Node stream that can be piped', async () => {
    const big = Buffer.alloc(300_000, 7);
    await client.put_object({ bucket, key: 'big.bin', body: big });
    const got = await client.get_object({ bucket, key: 'big.bin' });
    const chunks: Buffer[] = [];
    for await (const c of got.body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
  });
});
