/**
 * Issue 13 / 15 items against the emulator: the whole body from read(),
 * keys stored as the Python SDK stores them, x-nos-* headers accepted and
 * signed, the for-await listing, local destinations checked first.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientException, nos, NotFoundError } from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';

let server: NosTestServer;
let client: nos.Client;
const bucket = 'nos-fidelity';

beforeAll(async () => {
  server = await startNosServer();
  await createBucket(server, bucket);
  client = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort });
}, 60_000);
afterAll(async () => {
  await client.close();
  await server.stop();
});

describe('get_object body: Python read() semantics over the network', () => {
  it('resp.body.read() resolves to all 1,000,000 bytes; read(n) to n bytes', async () => {
    const data = Buffer.from(Array.from({ length: 1_000_000 }, (_, i) => (i * 7) % 256));
    await client.put_object({ bucket, key: 'million.bin', body: data });
    const resp = await client.get_object({ bucket, key: 'million.bin' });
    const all = await resp.body.read();
    expect(all.length).toBe(1_000_000);
    expect(all.equals(data)).toBe(true);

    const again = await client.get_object({ bucket, key: 'million.bin' });
    const head = await again.body.read(100_000);
    expect(head.equals(data.subarray(0, 100_000))).toBe(true);
    const rest = await again.body.read();
    expect(rest.equals(data.subarray(100_000))).toBe(true);
  }, 60_000);
});

describe("keys as the Python SDK stores them (key.strip('/'))", () => {
  it("an object put as '/dir/file' is stored as 'dir/file', and read back under either spelling", async () => {
    await client.put_object({ bucket, key: '/dir/file/', body: 'stripped' });
    expect(await server.store.headObject(bucket, 'dir/file')).toBeDefined();
    expect(await server.store.headObject(bucket, '/dir/file/')).toBeUndefined();
    expect((await (await client.get_object({ bucket, key: 'dir/file' })).body.read()).toString()).toBe('stripped');
    expect((await (await client.get_object({ bucket, key: '/dir/file' })).body.read()).toString()).toBe('stripped');
  });

  it("delete_object('/') is refused and the bucket survives", async () => {
    await expect(client.delete_object({ bucket, key: '/' })).rejects.toBeInstanceOf(nos.exceptions.InvalidObjectName);
    expect(await server.store.getBucket(bucket)).toBeDefined();
  });
});

describe('x-nos-* headers through meta_data', () => {
  it('x-nos-storage-class is sent and signed (the emulator verifies the signature)', async () => {
    const put = await client.put_object({
      bucket,
      key: 'classed.txt',
      body: 'x',
      meta_data: { 'x-nos-storage-class': 'standard', 'x-nos-meta-owner': 'alice' },
    });
    expect(put.etag).toMatch(/^[0-9a-f]{32}$/);
    expect((await server.store.headObject(bucket, 'classed.txt'))?.meta).toEqual({ owner: 'alice' });
  });
});

describe('list_all_objects: every object, for await', () => {
  it('walks all pages in key order and stops requesting when the loop ends', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `paged/${String(i).padStart(2, '0')}.txt`);
    for (const key of keys) await client.put_object({ bucket, key, body: key });
    const seen: string[] = [];
    for await (const c of client.list_all_objects({ bucket, prefix: 'paged/', page_size: 5 })) seen.push(c.findtext('Key') ?? '');
    expect(seen).toEqual(keys);
    const sizes: number[] = [];
    for await (const c of client.listAllObjects({ bucket, prefix: 'paged/', page_size: 10 })) {
      sizes.push(Number(c.findtext('Size')));
      if (sizes.length === 3) break;
    }
    expect(sizes).toEqual([12, 12, 12]);
    const afterMarker: string[] = [];
    for await (const c of client.list_all_objects({ bucket, prefix: 'paged/', marker: 'paged/20.txt' })) afterMarker.push(c.findtext('Key') ?? '');
    expect(afterMarker).toEqual(['paged/21.txt', 'paged/22.txt']);
  }, 60_000);
});

describe('local destinations are checked before the first request', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nos-dest-'));
  const aFile = join(dir, 'a-file');
  writeFileSync(aFile, 'x');
  mkdirSync(join(dir, 'a-folder'));

  it('download_file onto a folder, or under a file, fails at once (before head_object: no NotFoundError)', async () => {
    const missing = { bucket, key: 'does-not-exist' };
    await expect(client.download_file({ ...missing, file_path: join(dir, 'a-folder') })).rejects.toThrow(/is a folder/);
    await expect(client.download_file({ ...missing, file_path: join(aFile, 'x.bin') })).rejects.toThrow(/is not a folder/);
    await expect(client.download_file({ ...missing, file_path: join(aFile, 'x.bin') })).rejects.toBeInstanceOf(ClientException);
    // A good destination reaches the service, which answers NotFound for the missing key.
    await expect(client.download_file({ ...missing, file_path: join(dir, 'new', 'x.bin') })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('download_folder onto a file fails at once', async () => {
    await expect(client.download_folder({ bucket, prefix: 'paged/', folder: aFile })).rejects.toThrow(/is a file, not a folder/);
  });
});
