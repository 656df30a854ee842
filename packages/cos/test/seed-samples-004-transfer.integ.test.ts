/**
 * Seed 004, sections 高级接口 (upload_file, download_file, copy), the three
 * batch recipes (批量上传, 批量下载, 批量删除): one `it()` per
 * code sample, titled with the seed's headings, against the in-process
 * emulator. Python's SimpleThreadPool becomes Promise.all over the same calls.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64, md5Base64, md5Hex } from '@yunstore/core';
import { CosClientError, CosException, CosServiceError, type CosS3Client, type ListObjectsResponse } from '../src/index.ts';
import { caught } from './helpers.ts';
import { bucket, GRANT, source, startSeed004, type Seed004 } from './seed-helpers.ts';

let seed: Seed004;
let client: CosS3Client;
let local: (name: string) => string;

beforeAll(async () => {
  seed = await startSeed004();
  ({ client, local } = seed);
});
afterAll(async () => seed.stop());

describe('seed 004 高级接口 / 上传对象（断点续传）', () => {
  it('请求示例', async () => {
    const response = await client.upload_file({
      Bucket: bucket,
      Key: 'exampleobject',
      LocalFilePath: local('local.txt'),
      EnableMD5: false,
      progress_callback: null,
    });
    expect(response['ETag']).toBe(`"${md5Hex('local file')}"`);
  });

  it('全部参数请求示例', async () => {
    const bytes = await readFile(local('local.txt'));
    const seen: Array<[number, number]> = [];
    function upload_percentage(consumed_bytes: number, total_bytes?: number): void {
      if (total_bytes) seen.push([consumed_bytes, total_bytes]);
    }
    const response = await client.upload_file({
      Bucket: bucket,
      Key: 'exampleobject',
      LocalFilePath: local('local.txt'),
      PartSize: 1,
      MAXThread: 5,
      progress_callback: upload_percentage,
      EnableMD5: true,
      ACL: 'public-read',
      GrantFullControl: GRANT,
      GrantRead: GRANT,
      StorageClass: 'STANDARD_IA',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      CacheControl: 'no-cache',
      ContentType: 'text/plain',
      ContentDisposition: 'inline',
      ContentEncoding: 'identity',
      ContentLanguage: 'zh-cn',
      ContentLength: String(bytes.length),
      ContentMD5: md5Base64(bytes),
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
      TrafficLimit: '1048576',
    });
    expect(response['ETag']).toBe(`"${md5Hex(bytes)}"`);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(await client.head_object({ Bucket: bucket, Key: 'exampleobject' })).toMatchObject({
      'x-cos-storage-class': 'STANDARD_IA',
      'Content-Type': 'text/plain',
      'x-cos-meta-key2': 'value2',
    });
  });
});

describe('seed 004 高级接口 / 下载对象（断点续传）', () => {
  const content = Buffer.alloc(3 * 1024 * 1024 + 5, 'd');

  it('请求示例', async () => {
    await client.put_object({ Bucket: bucket, Key: 'exampleobject', Body: content });
    const response = await client.download_file({ Bucket: bucket, Key: 'exampleobject', DestFilePath: local('download.txt') });
    expect(response).toBeUndefined();
    expect((await readFile(local('download.txt'))).equals(content)).toBe(true);
  });

  it('全部参数请求示例', async () => {
    const V = 'versions-1250000000';
    await client.create_bucket({ Bucket: V });
    await client.put_bucket_versioning({ Bucket: V, Status: 'Enabled' });
    const put = await client.put_object({ Bucket: V, Key: 'exampleobject', Body: content });
    const response = await client.download_file({
      Bucket: V,
      Key: 'exampleobject',
      DestFilePath: local('download-all.txt'),
      PartSize: 1,
      MAXThread: 5,
      EnableCRC: true,
      TrafficLimit: '838860800',
      IfMatch: put['ETag'] as string,
      IfModifiedSince: 'Wed, 28 Oct 2014 20:30:00 GMT',
      IfNoneMatch: '"9a4802d5c99dafe1c04da0a8e7e166bf"', // the sample repeats IfMatch's value, which no object could pass
      IfUnmodifiedSince: 'Wed, 28 Oct 2099 20:30:00 GMT',
      ResponseCacheControl: 'no-cache',
      ResponseContentDisposition: 'attachment',
      ResponseContentEncoding: 'identity',
      ResponseContentLanguage: 'zh-cn',
      ResponseContentType: 'application/octet-stream',
      ResponseExpires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      VersionId: put['x-cos-version-id'] as string,
    });
    expect(response).toBeUndefined();
    const got = await readFile(local('download-all.txt'));
    expect(got.equals(content)).toBe(true);
    expect(crc64(got).toString()).toBe(put['x-cos-hash-crc64ecma']);
  });
});

describe('seed 004 高级接口 / 复制对象', () => {
  it('请求示例1：复制对象', async () => {
    // The sample's Bucket='test' lacks the APPID: refused before any request, naming the parameter.
    const bad = await caught(() =>
      client.copy({ Bucket: 'test', Key: 'copy_10G.txt', CopySource: { Bucket: source, Key: 'exampleobject', Region: 'ap-guangzhou' } }),
    );
    expect(bad).toBeInstanceOf(CosClientError);
    expect((bad as Error).message).toMatch(/Bucket 'test'/);
    const response = await client.copy({ Bucket: bucket, Key: 'copy_10G.txt', CopySource: { Bucket: source, Key: 'exampleobject', Region: 'ap-guangzhou' } });
    expect(response).toMatchObject({ ETag: `"${md5Hex('source bytes')}"`, LastModified: expect.any(String) });
  });

  it('请求示例2：移动对象', async () => {
    await client.put_object({ Bucket: bucket, Key: 'src_object_key', Body: 'moving' });
    const srcKey = 'src_object_key';
    const destKey = 'dest_object_key';
    try {
      await client.copy({ Bucket: bucket, Key: destKey, CopySource: { Bucket: bucket, Key: srcKey, Region: 'ap-guangzhou' } });
      await client.delete_object({ Bucket: bucket, Key: srcKey });
    } catch (e) {
      if (e instanceof CosException) expect.fail(e.get_error_msg());
      throw e;
    }
    expect(await client.object_exists({ Bucket: bucket, Key: srcKey })).toBe(false);
    expect(await (await client.get_object({ Bucket: bucket, Key: destKey })).Body.text()).toBe('moving');
    // CosException is what the sample catches: both error classes are one.
    const e = await caught(() => client.copy({ Bucket: bucket, Key: destKey, CopySource: { Bucket: bucket, Key: srcKey, Region: 'ap-guangzhou' } }));
    expect(e).toBeInstanceOf(CosException);
    expect(e).toBeInstanceOf(CosServiceError);
    expect((e as CosException).get_error_msg()).toEqual(expect.any(String));
    expect(await caught(() => client.copy({ Bucket: 'x', Key: 'k', CopySource: {} as never }))).toBeInstanceOf(CosException);
  });

  it('全部参数请求示例', async () => {
    const response = await client.copy({
      Bucket: bucket,
      Key: 'exampleobject',
      CopySource: { Bucket: source, Key: 'exampleobject', Region: 'ap-guangzhou' },
      CopyStatus: 'Replaced',
      PartSize: 20,
      MAXThread: 10,
      ContentType: 'application/json',
    });
    expect(response['ETag']).toBe(`"${md5Hex('source bytes')}"`);
    expect((await client.head_object({ Bucket: bucket, Key: 'exampleobject' }))['Content-Type']).toBe('application/json');
  });
});

describe('seed 004 批量操作', () => {
  it('批量上传（本地文件夹上传） / 请求示例', async () => {
    const uploadDir = local('logs');
    for (const [name, text] of [
      ['a.log', 'a'],
      ['b.log', 'bb'],
      ['nested/c.log', 'ccc'],
    ] as const) {
      await mkdir(dirname(join(uploadDir, name)), { recursive: true });
      await writeFile(join(uploadDir, name), text);
    }
    // One file is already there: the sample skips it after head_object finds it.
    const already = join(uploadDir, 'a.log').replace(/^\/+/, '');
    await client.put_object({ Bucket: bucket, Key: already, Body: 'old' });
    const tasks: Array<Promise<unknown>> = [];
    const walk = async (path: string): Promise<void> => {
      for (const entry of await readdir(path, { withFileTypes: true })) {
        const srcKey = join(path, entry.name);
        if (entry.isDirectory()) {
          await walk(srcKey);
          continue;
        }
        const cosObjectKey = srcKey.replace(/^\/+|\/+$/g, '');
        let exists = false;
        try {
          await client.head_object({ Bucket: bucket, Key: cosObjectKey });
          exists = true;
        } catch (e) {
          if (e instanceof CosServiceError && e.get_status_code() === 404) exists = false;
          else throw e;
        }
        if (!exists) tasks.push(client.upload_file(bucket, cosObjectKey, srcKey));
      }
    };
    await walk(uploadDir);
    const results = await Promise.allSettled(tasks);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(tasks).toHaveLength(2);
    const prefix = uploadDir.replace(/^\/+/, '');
    const listed = (await client.list_objects({ Bucket: bucket, Prefix: `${prefix}/` })).Contents!.map((c) => relative(prefix, c.Key));
    expect(listed.sort()).toEqual(['a.log', 'b.log', 'nested/c.log']);
    expect(await (await client.get_object({ Bucket: bucket, Key: already })).Body.text()).toBe('old');
  });

  it('批量下载（从 COS 下载目录） / 请求示例', async () => {
    const test_bucket = bucket;
    for (let i = 0; i < 3; i++) await client.put_object({ Bucket: test_bucket, Key: `data/file${i}.txt`, Body: `file ${i}` });
    await client.put_object({ Bucket: test_bucket, Key: 'data/sub/', Body: '' });
    await client.put_object({ Bucket: test_bucket, Key: 'data/sub/deep.txt', Body: 'deep' });
    const delimiter = '';

    async function listCurrentDir(prefix: string): Promise<Array<Record<string, unknown>>> {
      const file_infos: Array<Record<string, unknown>> = [];
      let marker = '';
      for (;;) {
        // Positional, in the real SDK's order (Bucket, Prefix, Delimiter, Marker), as the sample calls it.
        const response: ListObjectsResponse = await client.list_objects(test_bucket, prefix, delimiter, marker);
        if ('Contents' in response) file_infos.push(...response.Contents!);
        if ('NextMarker' in response) marker = response.NextMarker as string;
        else break;
      }
      return file_infos.sort((a, b) => String(a['Key']).localeCompare(String(b['Key'])));
    }

    const localDir = local('download');
    async function downLoadFiles(file_infos: Array<Record<string, unknown>>): Promise<void> {
      const pool: Array<Promise<void>> = [];
      for (const file of file_infos) {
        const file_cos_key = String(file['Key']);
        const localName = join(localDir, file_cos_key);
        await mkdir(dirname(localName), { recursive: true });
        if (file_cos_key.endsWith('/')) continue; // skip dir, no need to download it
        pool.push(client.download_file(test_bucket, file_cos_key, localName));
      }
      await Promise.all(pool);
    }

    await downLoadFiles(await listCurrentDir('data/'));
    for (let i = 0; i < 3; i++) expect(await readFile(join(localDir, `data/file${i}.txt`), 'utf8')).toBe(`file ${i}`);
    expect(await readFile(join(localDir, 'data/sub/deep.txt'), 'utf8')).toBe('deep');
  });

  it('批量删除对象（删除目录） / 请求示例', async () => {
    const folder = 'folder/';
    for (let i = 0; i < 250; i++) await client.put_object({ Bucket: bucket, Key: `${folder}${String(i).padStart(3, '0')}`, Body: '' });
    await client.put_object({ Bucket: bucket, Key: 'folder-keep', Body: 'keep' });
    const batches: Array<Promise<unknown>> = [];
    const delete_files = async (file_infos: Array<{ Key: string }>): Promise<void> => {
      const delete_list = file_infos.map((file) => ({ Key: file.Key }));
      const response = await client.delete_objects({ Bucket: bucket, Delete: { Object: delete_list } });
      expect(response.Deleted).toHaveLength(delete_list.length);
    };
    let marker = '';
    for (;;) {
      const response = await client.list_objects({ Bucket: bucket, Prefix: folder, Marker: marker, MaxKeys: 100 });
      if ('Contents' in response) batches.push(delete_files([...response.Contents!]));
      if (response.IsTruncated === 'false') break;
      marker = response.NextMarker as string;
    }
    await Promise.all(batches);
    expect(batches).toHaveLength(3);
    expect((await client.list_objects({ Bucket: bucket, Prefix: folder })).Contents).toBeUndefined();
    expect(await client.object_exists({ Bucket: bucket, Key: 'folder-keep' })).toBe(true);
  });
});

// Section 客户端加密 (示例1 AES, 示例2 RSA) runs in encryption-seed-samples.integ.test.ts.
