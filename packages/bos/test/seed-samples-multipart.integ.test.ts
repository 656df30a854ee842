/**
 * The seed's chapter "Object的分块上传": every code sample, translated line
 * by line and run against the emulator, one `it()` per sample titled with the
 * seed's section heading (see `seed-samples.integ.test.ts` for the rest).
 */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BceHttpClientError, BceServerError } from '../src/index.ts';
import { ISO_TIME, md5hex, useSeedHarness } from './seed-harness.ts';

const h = useSeedHarness('seed-multipart');

describe('Object的分块上传', () => {
  const FIVE_MB = 5 * 1024 * 1024;

  it('初始化Multipart Upload', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'mp/init.bin';
    const upload_id = (await h.bos_client.initiate_multipart_upload(bucket_name, object_key)).upload_id;
    expect(typeof upload_id).toBe('string');
    expect(upload_id).not.toBe('');
    const uploads = await h.bos_client.list_multipart_uploads(bucket_name);
    expect(uploads.uploads.map((u) => u.upload_id)).toEqual([upload_id]);
  });

  /** The seed's loop, line for line: 5 MB parts of `file_name`, the last one shorter. */
  async function uploadParts(
    bucket_name: string,
    object_key: string,
    upload_id: string,
    file_name: string,
  ): Promise<Array<{ partNumber: number; eTag: string }>> {
    let left_size = (await stat(file_name)).size;
    let offset = 0;
    let part_number = 1;
    const part_list: Array<{ partNumber: number; eTag: string }> = [];
    while (left_size > 0) {
      let part_size = 5 * 1024 * 1024;
      if (left_size < part_size) part_size = left_size;
      const response = await h.bos_client.upload_part_from_file(bucket_name, object_key, upload_id, part_number, part_size, file_name, offset);
      left_size -= part_size;
      offset += part_size;
      part_list.push({ partNumber: part_number, eTag: response.metadata.e_tag! });
      part_number += 1;
    }
    return part_list;
  }

  it('上传分块', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'mp/parts.bin';
    const file_name = join(h.dir, 'parts.bin');
    const content = Buffer.alloc(2 * FIVE_MB + 1234);
    for (let i = 0; i < content.length; i += 4096) content[i] = i % 251;
    await writeFile(file_name, content);
    const upload_id = (await h.bos_client.initiate_multipart_upload(bucket_name, object_key)).upload_id;
    const part_list = await uploadParts(bucket_name, object_key, upload_id, file_name);
    expect(part_list).toEqual([
      { partNumber: 1, eTag: md5hex(content.subarray(0, FIVE_MB)) },
      { partNumber: 2, eTag: md5hex(content.subarray(FIVE_MB, 2 * FIVE_MB)) },
      { partNumber: 3, eTag: md5hex(content.subarray(2 * FIVE_MB)) },
    ]);
    await h.bos_client.complete_multipart_upload(bucket_name, object_key, upload_id, part_list);
    const head = await h.bos_client.get_object_meta_data(bucket_name, object_key);
    expect(head.content_length).toBe(String(content.length));
  });

  it('完成分块上传', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'mp/complete.bin';
    const chunks = [Buffer.alloc(2048, 'a'), Buffer.alloc(2048, 'b'), Buffer.from('end')];
    const upload_id = (await h.bos_client.initiate_multipart_upload(bucket_name, object_key)).upload_id;
    const part_list: Array<{ partNumber: number; eTag: string }> = [];
    for (const [i, chunk] of chunks.entries()) {
      const response = await h.bos_client.upload_part(bucket_name, object_key, upload_id, i + 1, chunk.length, chunk);
      part_list.push({ partNumber: i + 1, eTag: response.metadata.e_tag! });
    }
    // The seed's example shape: [{'partNumber': 1, 'eTag': '...'}, ...]
    expect(part_list[0]).toEqual({ partNumber: 1, eTag: md5hex(chunks[0]!) });
    const response = await h.bos_client.complete_multipart_upload(bucket_name, object_key, upload_id, part_list);
    expect(response.bucket).toBe(bucket_name);
    expect(response.key).toBe(object_key);
    expect(typeof response.e_tag).toBe('string');
    expect(response.e_tag).toBe(response.etag);
    expect(response.location).toContain(`/${bucket_name}/`);
    expect(await h.bos_client.get_object_as_string(bucket_name, object_key)).toBe(Buffer.concat(chunks).toString());
  });

  it('取消分块上传事件', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'mp/abort.bin';
    const upload_id = (await h.bos_client.initiate_multipart_upload(bucket_name, object_key)).upload_id;
    await h.bos_client.upload_part(bucket_name, object_key, upload_id, 1, 3, Buffer.from('abc'));
    await h.bos_client.abort_multipart_upload(bucket_name, object_key, upload_id);
    expect((await h.bos_client.list_multipart_uploads(bucket_name)).uploads).toEqual([]);
    const gone = (await h.bos_client.list_parts(bucket_name, object_key, upload_id).catch((e: unknown) => e)) as BceHttpClientError;
    expect((gone.last_error as BceServerError).code).toBe('NoSuchUpload');
  });

  it('获取未完成的分块上传事件 — list_multipart_uploads', async () => {
    const bucket_name = await h.freshBucket();
    const first = (await h.bos_client.initiate_multipart_upload(bucket_name, 'u/one.bin')).upload_id;
    const second = (await h.bos_client.initiate_multipart_upload(bucket_name, 'u/two.bin')).upload_id;
    const response = await h.bos_client.list_multipart_uploads(bucket_name);
    // The documented fields.
    expect(response).toMatchObject({ bucket: bucket_name, key_marker: '', prefix: '', is_truncated: false, max_uploads: 1000 });
    expect(response.uploads.map((u) => [u.key, u.upload_id])).toEqual([
      ['u/one.bin', first],
      ['u/two.bin', second],
    ]);
    const upload = response.uploads[0]!;
    expect(upload.initiated).toMatch(ISO_TIME);
    expect(upload.owner.id).toBeTruthy();
    expect(typeof upload.owner.display_name).toBe('string');
    // common_prefixes only with a delimiter; next_key_marker only when truncated.
    expect(response.common_prefixes).toBeUndefined();
    expect(response.next_key_marker).toBeUndefined();
    const grouped = await h.bos_client.list_multipart_uploads(bucket_name, { delimiter: '/' });
    expect(grouped.delimiter).toBe('/');
    expect(grouped.common_prefixes).toEqual([{ prefix: 'u/' }]);
    const page = await h.bos_client.list_multipart_uploads(bucket_name, 1);
    expect(page.is_truncated).toBe(true);
    expect(page.next_key_marker).toBe('u/one.bin');
  });

  it('获取未完成的分块上传事件 — list_all_multipart_uploads', async () => {
    const bucket_name = await h.freshBucket();
    const ids: string[] = [];
    for (const key of ['x/1', 'x/2', 'x/3']) ids.push((await h.bos_client.initiate_multipart_upload(bucket_name, key)).upload_id);
    const seen: string[] = [];
    for await (const item of h.bos_client.list_all_multipart_uploads(bucket_name)) seen.push(item.upload_id);
    expect(seen).toEqual(ids);
  });

  it('获取所有已上传的块信息 — list_parts', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'parts/list.bin';
    const upload_id = (await h.bos_client.initiate_multipart_upload(bucket_name, object_key)).upload_id;
    for (const n of [1, 2, 3]) await h.bos_client.upload_part(bucket_name, object_key, upload_id, n, 4, Buffer.from(`p${n}..`));
    const response = await h.bos_client.list_parts(bucket_name, object_key, upload_id);
    expect(response).toMatchObject({
      bucket: bucket_name,
      key: object_key,
      upload_id,
      max_parts: 1000,
      is_truncated: false,
      part_number_marker: 0,
      next_part_number_marker: 3,
    });
    expect(response.initiated).toMatch(ISO_TIME);
    expect(response.owner.id).toBeTruthy();
    expect(typeof response.owner.display_name).toBe('string');
    expect(response.parts.map((p) => p.part_number)).toEqual([1, 2, 3]);
    const part = response.parts[0]!;
    expect(part).toMatchObject({ part_number: 1, e_tag: md5hex('p1..'), size: 4 });
    expect(part.last_modified).toMatch(ISO_TIME);
  });

  it('获取所有已上传的块信息 — list_all_parts', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'parts/all.bin';
    const upload_id = (await h.bos_client.initiate_multipart_upload(bucket_name, object_key)).upload_id;
    // 1002 parts, more than one 1000-entry page: two through the client, the rest written straight into the store.
    await h.bos_client.upload_part(bucket_name, object_key, upload_id, 1, 1, Buffer.from('x'));
    await h.bos_client.upload_part(bucket_name, object_key, upload_id, 1002, 1, Buffer.from('x'));
    for (let n = 2; n <= 1001; n++) await h.emu.store.putPart(upload_id, n, Buffer.from('x'));
    const numbers: number[] = [];
    for await (const item of h.bos_client.list_all_parts(bucket_name, object_key, upload_id)) numbers.push(item.part_number);
    expect(numbers).toEqual(Array.from({ length: 1002 }, (_, i) => i + 1));
  });
});
