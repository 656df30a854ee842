import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, type Client, NotFoundError, nos } from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';

const MIN = 16 * 1024;
let server: NosTestServer;
let client: Client;
const bucket = 'nos-multipart';

beforeAll(async () => {
  server = await startNosServer({ minPartSize: MIN });
  await createBucket(server, bucket);
  client = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: `http://${server.hostPort}` });
});
afterAll(async () => {
  await client.close();
  await server.stop();
});

async function initiate(key: string, meta?: Record<string, string>): Promise<string> {
  const res = await client.create_multipart_upload({ bucket, key, ...(meta ? { meta_data: meta } : {}) });
  expect(res.response.tag).toBe('InitiateMultipartUploadResult');
  expect(res.response.findtext('Key')).toBe(key);
  return res.response.findtext('UploadId') ?? '';
}

describe('multipart upload', () => {
  it('initiate, upload parts, list parts with a marker, complete with object_md5', async () => {
    const key = 'big/视频 file+.bin';
    const uploadId = await initiate(key, { 'x-nos-meta-kind': 'video' });
    const parts = [Buffer.alloc(MIN, 1), Buffer.alloc(MIN, 2), Buffer.from('tail')];
    const info: Array<{ part_num: number; etag: string }> = [];
    for (const [i, body] of parts.entries()) {
      const up = await client.upload_part({ bucket, key, part_num: i + 1, upload_id: uploadId, body });
      expect(up.etag).toBe(createHash('md5').update(body).digest('hex'));
      info.push({ part_num: i + 1, etag: up.etag });
    }
    const listed = await client.list_parts({ bucket, key, upload_id: uploadId, limit: 2 });
    expect(listed.response.findall('Part/PartNumber').map((p) => p.text)).toEqual(['1', '2']);
    expect(listed.response.findtext('IsTruncated')).toBe('true');
    const rest = await client.listParts({ bucket, key, upload_id: uploadId, part_number_marker: 2 });
    expect(rest.response.findall('Part').map((p) => p.findtext('Size'))).toEqual(['4']);

    const whole = Buffer.concat(parts);
    const md5 = createHash('md5').update(whole).digest('hex');
    const done = await client.complete_multipart_upload({ bucket, key, upload_id: uploadId, info, object_md5: md5 });
    expect(done.response.tag).toBe('CompleteMultipartUploadResult');
    expect(done.response.findtext('ETag')).toMatch(/^"[0-9a-f]{32}-3"$/);
    const got = await client.get_object({ bucket, key });
    expect((await text(got.body)).length).toBe(whole.length);
    const record = await server.store.headObject(bucket, key);
    expect(record?.meta).toEqual({ kind: 'video' });
    expect(record?.extra['objectMd5']).toBe(md5);
  });

  it('accepts the nos-node-sdk {PartNumber, ETag} form in info', async () => {
    const key = 'node-form';
    const uploadId = await initiate(key);
    const up = await client.uploadPart({ bucket, key, part_num: 1, upload_id: uploadId, body: 'only part' });
    await client.completeMultipartUpload({ bucket, key, upload_id: uploadId, info: [{ PartNumber: 1, ETag: `"${up.etag}"` }] });
    expect(await text((await client.getObject({ bucket, key })).body)).toBe('only part');
  });

  it('refuses a small middle part (EntityTooSmall) and a wrong etag (InvalidPart)', async () => {
    const key = 'too-small';
    const uploadId = await initiate(key);
    const a = await client.upload_part({ bucket, key, part_num: 1, upload_id: uploadId, body: 'small' });
    const b = await client.upload_part({ bucket, key, part_num: 2, upload_id: uploadId, body: 'small too' });
    await expect(
      client.complete_multipart_upload({
        bucket,
        key,
        upload_id: uploadId,
        info: [
          { part_num: 1, etag: a.etag },
          { part_num: 2, etag: b.etag },
        ],
      }),
    ).rejects.toMatchObject({ status_code: 400, error_code: 'EntityTooSmall' });
    await expect(client.complete_multipart_upload({ bucket, key, upload_id: uploadId, info: [{ part_num: 2, etag: 'f'.repeat(32) }] })).rejects.toBeInstanceOf(
      BadRequestError,
    );
    await client.abort_multipart_upload({ bucket, key, upload_id: uploadId });
    await expect(client.list_parts({ bucket, key, upload_id: uploadId })).rejects.toMatchObject({ error_code: 'NoSuchUpload' });
  });

  it('lists uploads with limit and key_marker; abort removes one', async () => {
    const ids: Record<string, string> = {};
    for (const key of ['u/a', 'u/b', 'u/c']) ids[key] = await initiate(key);
    const first = await client.list_multipart_uploads({ bucket, limit: 2 });
    const keys = first.response.findall('Upload').map((u) => u.findtext('Key'));
    expect(first.response.findtext('IsTruncated')).toBe('true');
    expect(keys).toHaveLength(2);
    const after = await client.listMultipartUploads({ bucket, key_marker: 'u/a' });
    expect(after.response.findall('Upload/Key').map((k) => k.text)).toEqual(['u/b', 'u/c']);
    const aborted = await client.abortMultipartUpload({ bucket, key: 'u/b', upload_id: ids['u/b'] ?? '' });
    expect(Object.keys(aborted)).toEqual(['x_nos_request_id']);
    const left = await client.list_multipart_uploads({ bucket, key_marker: 'u/a' });
    expect(left.response.findall('Upload/Key').map((k) => k.text)).toEqual(['u/c']);
    await expect(client.abort_multipart_upload({ bucket, key: 'u/b', upload_id: ids['u/b'] ?? '' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
