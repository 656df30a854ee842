/**
 * Every TypeScript example of packages/nos/README.md, run against the emulator.
 * The only edits: the emulator's end point and key instead of real ones, and a
 * temp folder for local paths.
 */
import fs from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nos, type NosRequest, type NosResponse, type TransportOptions } from '@yunstore/nos';
import { ACCESS_KEY_ID, SECRET, createBucket, startNosServer, type NosTestServer } from './support/emulator.ts';

let server: NosTestServer;
let dir: string;
let client: InstanceType<typeof nos.Client>;

beforeAll(async () => {
  server = await startNosServer({ minPartSize: 16 * 1024 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'nos-readme-'));
  await createBucket(server, 'demo-bucket');
  client = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort });
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('packages/nos/README.md', () => {
  it('intro: put_object from a file stream, ranged get_object, list_objects', async () => {
    const catPath = path.join(dir, 'cat.jpg');
    const cat = Buffer.alloc(1000, 9);
    await writeFile(catPath, cat);
    const client = new nos.Client({
      access_key_id: ACCESS_KEY_ID,
      access_key_secret: SECRET,
      end_point: server.hostPort,
    });

    const { etag } = await client.put_object({
      bucket: 'demo-bucket',
      key: 'photos/cat.jpg',
      body: fs.createReadStream(catPath),
      meta_data: { 'x-nos-meta-owner': 'alice' },
    });
    expect(etag).toMatch(/^[0-9a-f]{32}$/);

    const obj = await client.get_object({ bucket: 'demo-bucket', key: 'photos/cat.jpg', range: 'bytes=0-99' });
    const headPath = path.join(dir, 'head.bin');
    const out = obj.body.pipe(fs.createWriteStream(headPath));
    await finished(out);
    expect(obj.content_length).toBe(100);
    expect((await readFile(headPath)).equals(cat.subarray(0, 100))).toBe(true);

    const { response } = await client.list_objects({ bucket: 'demo-bucket', prefix: 'photos/', limit: 100 });
    const rows: Array<[string | null, string | null]> = [];
    for (const c of response.findall('Contents')) rows.push([c.findtext('Key'), c.findtext('Size')]);
    expect(rows).toEqual([['photos/cat.jpg', '1000']]);
    await client.close();
  });

  it('`response`: the ElementTree-like reader', async () => {
    await client.put_object({ bucket: 'demo-bucket', key: 'photos/dog.jpg', body: 'dog' });
    const { response } = await client.list_objects({ bucket: 'demo-bucket', prefix: 'photos/' });
    expect(response.tag).toBe('ListBucketResult');
    expect(response.find('Contents')?.text).toBeNull();
    expect(response.findtext('IsTruncated')).toBe('false');
    expect(response.findtext('NextMarker', '')).toBe('');
    expect(response.findall('Contents/Key').map((k) => k.text)).toEqual(['photos/cat.jpg', 'photos/dog.jpg']);
    expect([...response.iter('Key')].map((k) => k.text)).toEqual(['photos/cat.jpg', 'photos/dog.jpg']);
    expect([...response.iterfind('Contents')]).toHaveLength(2);
    expect([...response.itertext()]).toContain('photos/dog.jpg');
    expect(response.getroot() === response).toBe(true);
    const obj = response.toObject() as { Name: string; Contents: Array<{ Key: string }> };
    expect(obj.Name).toBe('demo-bucket');
    expect(obj.Contents.map((c) => c.Key)).toEqual(['photos/cat.jpg', 'photos/dog.jpg']);
    expect(Object.keys(JSON.parse(JSON.stringify(response)) as object)).toEqual(['ListBucketResult']);
  });

  it('High-level transfers: upload_file and download_file', async () => {
    const src = path.join(dir, '2024.tar');
    const bytes = Buffer.alloc(16 * 1024 * 1024 + 100, 5);
    await writeFile(src, bytes);
    const progress: number[] = [];
    const out = await client.upload_file({
      bucket: 'demo-bucket',
      key: 'backups/2024.tar',
      file_path: src,
      part_size: 16 * 1024 * 1024,
      max_concurrency: 8,
      progress_callback: (consumed_bytes, total_bytes) => {
        progress.push(consumed_bytes);
        expect(total_bytes).toBe(bytes.length);
      },
      meta_data: { 'x-nos-meta-owner': 'alice' },
      content_type: 'application/x-tar',
      signal: AbortSignal.timeout(3_600_000),
    });
    expect(out.x_nos_request_id).toMatch(/^[0-9A-F]{16}$/);
    expect(out.etag).toMatch(/^[0-9a-f]{32}-2$/);
    expect(out.response?.tag).toBe('CompleteMultipartUploadResult');
    expect(progress.at(-1)).toBe(bytes.length);

    const restored = path.join(dir, 'restore-2024.tar');
    await client.download_file({ bucket: 'demo-bucket', key: 'backups/2024.tar', file_path: restored });
    expect((await readFile(restored)).equals(bytes)).toBe(true);
  });

  it('Presigned URLs: GET and PUT URLs', async () => {
    const url = client.generate_presigned_url({ bucket: 'demo-bucket', key: 'photos/cat.jpg', expires: 600 });
    expect(url).toContain('photos%2Fcat.jpg?NOSAccessKeyId=');
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect((await got.arrayBuffer()).byteLength).toBe(1000);
    const put = client.generatePresignedUrl({ bucket: 'demo-bucket', key: 'in.txt', method: 'PUT', content_type: 'text/plain' });
    const sent = await fetch(put, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'uploaded' });
    expect(sent.status).toBe(200);
    const back = await client.get_object({ bucket: 'demo-bucket', key: 'in.txt' });
    expect(back.content_length).toBe(8);
  });

  it('Transport: a custom transport_class', async () => {
    const seen: NosRequest[] = [];
    class MyTransport {
      constructor(options: TransportOptions) {
        void options;
      }
      async perform_request(req: NosRequest): Promise<NosResponse> {
        seen.push(req);
        return { status: 200, headers: { 'x-nos-request-id': 'ABCDEF0123456789' }, body: Readable.from([]) };
      }
    }
    const custom = new nos.Client({ access_key_id: 'ak', access_key_secret: 'sk', transport_class: MyTransport });
    const res = await custom.delete_object({ bucket: 'my-bucket', key: 'k' });
    expect(res.x_nos_request_id).toBe('ABCDEF0123456789');
    expect(seen[0]).toMatchObject({ method: 'DELETE', bucket: 'my-bucket', key: 'k' });
    expect(Array.isArray(seen[0]?.params)).toBe(true);
  });

  it('Migrating: list_objects keys', async () => {
    await createBucket(server, 'my-bucket');
    await client.put_object({ bucket: 'my-bucket', key: 'a/1.txt', body: '1' });
    const client2 = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort });
    const resp = await client2.list_objects({ bucket: 'my-bucket', prefix: 'a/', limit: 10 });
    const keys = resp.response.findall('Contents').map((c) => c.findtext('Key'));
    expect(keys).toEqual(['a/1.txt']);
    await client2.close();
  });
});
