import { text } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nos, type Client } from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';
import { call, nodeSdkClient, type NodeSdkClient } from './support/node-sdk.ts';

/** What @yunstore/nos writes, nos-node-sdk reads, and the other way round. */
let server: NosTestServer;
let ours: Client;
let theirs: NodeSdkClient;
const bucket = 'nos-interop';

beforeAll(async () => {
  server = await startNosServer({ minPartSize: 5 });
  await createBucket(server, bucket);
  ours = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort });
  theirs = nodeSdkClient(Number(server.hostPort.split(':')[1]), ACCESS_KEY_ID, SECRET);
});
afterAll(async () => {
  await ours.close();
  await server.stop();
});

// 'x//y' keeps its inner slashes everywhere; leading and trailing ones are covered apart (below).
const KEYS = ['plain.txt', 'with space.txt', '中文 目录/文件.txt', 'a+b%c~d*e.txt', 'x//y'];

async function readStream(stream: unknown): Promise<string> {
  return text(stream as Readable);
}

describe('our writes, their reads', () => {
  for (const key of KEYS) {
    it(`put_object → get_object_stream / head_object for ${JSON.stringify(key)}`, async () => {
      const put = await ours.put_object({ bucket, key, body: `ours:${key}`, meta_data: { 'x-nos-meta-from': 'yunstore' } });
      const got = await call<{ statusCode: number; headers: Record<string, string>; stream: Readable }>(theirs, 'get_object_stream', { bucket, key });
      expect(got.statusCode).toBe(200);
      expect(await readStream(got.stream)).toBe(`ours:${key}`);
      expect(got.headers['etag']).toBe(put.etag);
      expect(got.headers['x-nos-meta-from']).toBe('yunstore');
      const head = await call<{ statusCode: number; headers: Record<string, string> }>(theirs, 'head_object', { bucket, key });
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(`ours:${key}`)));
    });
  }

  it('list_objects (theirs cannot send its query parameters, a known SDK bug, so it lists the bucket)', async () => {
    const listed = await call<{ bucketInfo: { name: string; objectlist: Array<{ key: string; etag: string }> } }>(theirs, 'list_objects', { bucket });
    expect(listed.bucketInfo.name).toBe(bucket);
    expect(listed.bucketInfo.objectlist.map((o) => o.key)).toEqual(expect.arrayContaining(KEYS));
    expect(listed.bucketInfo.objectlist.every((o) => /^[0-9a-f]{32}$/.test(o.etag))).toBe(true);
  });

  it('our multipart upload parts listed by theirs', async () => {
    const key = 'mp/ours 大.bin';
    const init = await ours.create_multipart_upload({ bucket, key });
    const uploadId = init.response.findtext('UploadId') ?? '';
    const p1 = await ours.upload_part({ bucket, key, part_num: 1, upload_id: uploadId, body: 'first part' });
    const listed = await call<{ list_parts_info: { part_list: Array<{ etag: string; part_number: string }> } }>(theirs, 'list_parts', {
      bucket,
      key,
      upload_id: uploadId,
    });
    expect(listed.list_parts_info.part_list).toEqual([expect.objectContaining({ etag: p1.etag, part_number: '1' })]);
    await call(theirs, 'abort_multipart_upload', { bucket, key, upload_id: uploadId });
    await expect(ours.list_parts({ bucket, key, upload_id: uploadId })).rejects.toMatchObject({ error_code: 'NoSuchUpload' });
  });
});

describe("leading and trailing '/': the Python SDK strips them, nos-node-sdk keeps them", () => {
  it("ours (like Python) writes 'folder/' as 'folder', which theirs reads under that name", async () => {
    await ours.put_object({ bucket, key: 'folder/', body: 'ours:folder' });
    const got = await call<{ statusCode: number; stream: Readable }>(theirs, 'get_object_stream', { bucket, key: 'folder' });
    expect(await readStream(got.stream)).toBe('ours:folder');
  });

  it("an object theirs wrote as 'kept/' is out of reach of ours, as it is of the Python SDK (both ask for 'kept')", async () => {
    const body = Buffer.from('theirs:kept/');
    await call(theirs, 'put_object_stream', { bucket, key: 'kept/', body: Readable.from([body]), length: body.length });
    expect(await server.store.headObject(bucket, 'kept/')).toBeDefined();
    await expect(ours.head_object({ bucket, key: 'kept/' })).rejects.toMatchObject({ status_code: 404 });
  });
});

describe('their writes, our reads', () => {
  for (const key of KEYS) {
    it(`put_object_stream → get_object / head_object for ${JSON.stringify(key)}`, async () => {
      const body = Buffer.from(`theirs:${key}`);
      const put = await call<{ statusCode: number; headers: Record<string, string> }>(theirs, 'put_object_stream', {
        bucket,
        key,
        body: Readable.from([body]),
        length: body.length,
        meta_data: { 'x-nos-meta-from': 'node-sdk' },
      });
      expect(put.statusCode).toBe(200);
      const got = await ours.get_object({ bucket, key });
      expect(await text(got.body)).toBe(body.toString());
      expect(got.etag).toBe(put.headers['etag']);
      const record = await server.store.headObject(bucket, key);
      expect(record?.meta).toEqual({ from: 'node-sdk' });
    });
  }

  it('copy_object and move_object by theirs, read by ours', async () => {
    await ours.put_object({ bucket, key: 'src 源.txt', body: 'to copy' });
    await call(theirs, 'copy_object', { src_bucket: bucket, src_key: 'src 源.txt', dest_bucket: bucket, dest_key: 'copy 副本.txt' });
    expect(await text((await ours.get_object({ bucket, key: 'copy 副本.txt' })).body)).toBe('to copy');
    await call(theirs, 'move_object', { src_bucket: bucket, src_key: 'copy 副本.txt', dest_bucket: bucket, dest_key: 'moved+.txt' });
    expect(await text((await ours.get_object({ bucket, key: 'moved+.txt' })).body)).toBe('to copy');
    await expect(ours.head_object({ bucket, key: 'copy 副本.txt' })).rejects.toMatchObject({ status_code: 404 });
  });

  it('their multipart parts (upload_part) completed by ours', async () => {
    // nos-node-sdk's own complete_multipart_upload cannot build its XML with the xml2js it pins
    // ("Invalid character in name"), so the upload is completed with our client.
    const key = 'mp/theirs.bin';
    const init = await call<{ multipart_upload_info: { upload_id: string } }>(theirs, 'create_multipart_upload', {
      bucket,
      key,
      meta_data: { 'x-nos-meta-via': 'node' },
    });
    const uploadId = init.multipart_upload_info.upload_id;
    const parts = [Buffer.from('part-one-'), Buffer.from('part-two')];
    const info = [];
    for (const [i, part] of parts.entries()) {
      const up = await call<{ headers: Record<string, string> }>(theirs, 'upload_part', {
        bucket,
        key,
        part_num: i + 1,
        upload_id: uploadId,
        body: Readable.from([part]),
        length: part.length,
      });
      info.push({ part_num: i + 1, etag: up.headers['etag'] ?? '' });
    }
    const uploads = await ours.list_multipart_uploads({ bucket });
    expect(uploads.response.findall('Upload/UploadId').map((u) => u.text)).toContain(uploadId);
    await ours.complete_multipart_upload({ bucket, key, upload_id: uploadId, info });
    expect(await text((await ours.get_object({ bucket, key })).body)).toBe('part-one-part-two');
  });

  it('delete_objects by theirs (Quiet "False", pretty-printed XML), checked by ours', async () => {
    await ours.put_object({ bucket, key: 'del/1', body: 'x' });
    await ours.put_object({ bucket, key: 'del/2 &', body: 'x' });
    const res = await call<{ deleteSuccess: string[] }>(theirs, 'delete_objects', { bucket, keys: [{ Key: 'del/1' }, { Key: 'del/2 &' }] });
    expect(res.deleteSuccess).toEqual(['del/1', 'del/2 &']);
    const listed = await ours.list_objects({ bucket, prefix: 'del/' });
    expect(listed.response.findall('Contents')).toHaveLength(0);
  });
});
