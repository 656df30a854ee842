/**
 * Seed 004 (COS Python SDK v5, object API), section 简单操作: every code
 * sample, one `it()` each, titled with the seed's section and sample heading,
 * run against the in-process emulator. Placeholder values (`'string'`) are
 * replaced by realistic values of the documented type.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Base64, md5Hex } from '@yunstore/core';
import type { CosS3Client } from '../src/index.ts';
import { bucket, GRANT, startSeed004, type Seed004 } from './seed-helpers.ts';

let seed: Seed004;
let client: CosS3Client;
let local: (name: string) => string;

beforeAll(async () => {
  seed = await startSeed004();
  ({ client, local } = seed);
});
afterAll(async () => seed.stop());

async function keysOf(prefix: string): Promise<string[]> {
  return ((await client.list_objects({ Bucket: bucket, Prefix: prefix })).Contents ?? []).map((c) => c.Key);
}

describe('seed 004 简单操作 / 查询对象列表', () => {
  beforeAll(async () => {
    for (const key of ['folder1/a.txt', 'folder1/b.txt', 'folder1/sub/c.txt', 'folder2/d.txt', 'top.txt']) {
      await client.put_object({ Bucket: bucket, Key: key, Body: key });
    }
    for (let i = 0; i < 12; i++) await client.put_object({ Bucket: bucket, Key: `folder1/page/${String(i).padStart(2, '0')}`, Body: 'p' });
  });

  it('请求示例1：列举指定存储桶中的所有对象', async () => {
    const response = await client.list_objects({ Bucket: bucket });
    expect('Contents' in response).toBe(true);
    const keys = response.Contents!.map((content) => content.Key);
    expect(keys).toContain('top.txt');
    expect(keys).toContain('folder1/sub/c.txt');
    expect(response.IsTruncated).toBe('false');
  });

  it('请求示例2：列举指定前缀的对象', async () => {
    const byPrefix = await client.list_objects({ Bucket: bucket, Prefix: 'folder' });
    expect(byPrefix.Contents!.every((c) => c.Key.startsWith('folder'))).toBe(true);
    expect(byPrefix.Contents!.some((c) => c.Key.startsWith('folder2/'))).toBe(true);
    const folder1 = await client.list_objects({ Bucket: bucket, Prefix: 'folder1/' });
    expect(folder1.Contents!.every((c) => c.Key.startsWith('folder1/'))).toBe(true);
    expect(folder1.Prefix).toBe('folder1/');
  });

  it('请求示例3：分页列举对象', async () => {
    const seen: string[] = [];
    let marker = '';
    let pages = 0;
    for (;;) {
      const response = await client.list_objects({ Bucket: bucket, Prefix: 'folder1/', Marker: marker, MaxKeys: 10 });
      pages++;
      if ('Contents' in response) for (const content of response.Contents!) seen.push(content.Key);
      if (response.IsTruncated === 'false') break;
      marker = response.NextMarker as string;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(await keysOf('folder1/'));
    expect(seen).toHaveLength(15);
  });

  it('请求示例4：列出指定目录下的对象和子目录', async () => {
    const response = await client.list_objects({ Bucket: bucket, Prefix: 'folder1/', Delimiter: '/' });
    expect(response.Contents!.map((c) => c.Key)).toEqual(['folder1/a.txt', 'folder1/b.txt']);
    expect(response.CommonPrefixes!.map((folder) => folder.Prefix)).toEqual(['folder1/page/', 'folder1/sub/']);
  });

  it('全部参数请求示例', async () => {
    await client.put_object({ Bucket: bucket, Key: 'string/with space', Body: 'x' });
    const response = await client.list_objects({ Bucket: bucket, Prefix: 'string', Delimiter: '/', Marker: 'string', MaxKeys: 100, EncodingType: 'url' });
    expect(response).toMatchObject({
      MaxKeys: '100',
      Prefix: 'string',
      Delimiter: '/',
      Marker: 'string',
      Name: bucket,
      IsTruncated: 'false',
      EncodingType: 'url',
    });
    // EncodingType='url': the prefix comes back still encoded, as COS sent it.
    expect(response.CommonPrefixes).toEqual([{ Prefix: 'string/' }]);
    const inside = await client.list_objects({ Bucket: bucket, Prefix: 'string/', EncodingType: 'url' });
    expect(inside.Contents).toEqual([
      {
        ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        StorageClass: 'STANDARD',
        Key: 'string/with%20space',
        Owner: { DisplayName: expect.any(String), ID: expect.any(String) },
        LastModified: expect.any(String),
        Size: '1',
      },
    ]);
  });
});

describe('seed 004 简单操作 / 查询对象及其历史版本列表', () => {
  const V = 'versions-1250000000';
  const written: string[] = [];
  beforeAll(async () => {
    await client.create_bucket({ Bucket: V });
    await client.put_bucket_versioning({ Bucket: V, Status: 'Enabled' });
    for (const body of ['one', 'two']) written.push((await client.put_object({ Bucket: V, Key: 'string/doc', Body: body }))['x-cos-version-id'] as string);
    await client.put_object({ Bucket: V, Key: 'string/other', Body: 'x' });
  });

  it('请求示例', async () => {
    const response = await client.list_objects_versions({ Bucket: V, Prefix: 'string' });
    expect(response).toMatchObject({ Name: V, Prefix: 'string', MaxKeys: '1000', IsTruncated: 'false' });
    // Whether the emulator keeps old versions or not, the current one is listed as latest.
    const latest = response.Version!.find((v) => v.Key === 'string/doc' && v.IsLatest === 'true');
    expect(latest).toMatchObject({
      VersionId: written[1],
      ETag: `"${md5Hex('two')}"`,
      Size: '3',
      StorageClass: 'STANDARD',
      Owner: { ID: expect.any(String), DisplayName: expect.any(String) },
      LastModified: expect.any(String),
    });
    for (const v of response.Version!) expect(['true', 'false']).toContain(v.IsLatest);
    expect(response.DeleteMarker ?? []).toEqual(expect.any(Array));
  });

  it('全部参数请求示例', async () => {
    const response = await client.list_objects_versions({
      Bucket: V,
      Prefix: 'string',
      Delimiter: '/',
      KeyMarker: 'string',
      VersionIdMarker: '',
      MaxKeys: 100,
      EncodingType: 'url',
    });
    expect(response).toMatchObject({ MaxKeys: '100', Prefix: 'string', Delimiter: '/', KeyMarker: 'string', IsTruncated: 'false', EncodingType: 'url' });
    expect(response.CommonPrefixes).toEqual([{ Prefix: 'string/' }]);
    // Paging: one entry a page, KeyMarker/VersionIdMarker from NextKeyMarker/NextVersionIdMarker.
    const first = await client.list_objects_versions({ Bucket: V, Prefix: 'string/', MaxKeys: 1 });
    expect(first.IsTruncated).toBe('true');
    expect(first.NextKeyMarker).toEqual(expect.any(String));
    const next = await client.list_objects_versions({
      Bucket: V,
      Prefix: 'string/',
      KeyMarker: first.NextKeyMarker as string,
      VersionIdMarker: (first.NextVersionIdMarker as string) || '',
      MaxKeys: 1000,
    });
    expect(next.Version!.length).toBeGreaterThan(0);
    expect(next.Version!.map((v) => `${v.Key}@${v.VersionId}`)).not.toContain(`${first.Version![0]!.Key}@${first.Version![0]!.VersionId}`);
  });
});

describe('seed 004 简单操作 / 简单上传对象', () => {
  it('请求示例1：简单文件上传', async () => {
    const file_name = 'test.txt';
    const fromStream = await client.put_object({
      Bucket: bucket,
      Body: createReadStream(local('test.txt')),
      Key: file_name,
      StorageClass: 'STANDARD',
      ContentType: 'text/html; charset=utf-8',
    });
    expect(fromStream['ETag']).toBe(`"${md5Hex('<p>hello</p>')}"`);
    const fromBytes = await client.put_object({ Bucket: bucket, Body: Buffer.from('abcdefg'), Key: file_name });
    expect(fromBytes['ETag']).toBe(`"${md5Hex('abcdefg')}"`);
    const fromPath = await client.put_object_from_local_file({ Bucket: bucket, LocalFilePath: local('local.txt'), Key: file_name });
    expect(fromPath['ETag']).toBe(`"${md5Hex('local file')}"`);
    const withHeader = await client.put_object({ Bucket: bucket, Body: Buffer.from('test'), Key: file_name, ContentType: 'text/html; charset=utf-8' });
    expect(withHeader['ETag']).toBe(`"${md5Hex('test')}"`);
    const withMeta = await client.put_object({
      Bucket: bucket,
      Body: Buffer.from('test'),
      Key: file_name,
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
    });
    expect(withMeta['ETag']).toBe(`"${md5Hex('test')}"`);
    expect(await client.head_object({ Bucket: bucket, Key: file_name })).toMatchObject({ 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' });
  });

  it('请求示例2：创建目录', async () => {
    const dir_to_create = 'path/to/create/dir/';
    const response = await client.put_object({ Bucket: bucket, Key: dir_to_create, Body: Buffer.from('') });
    expect(response['ETag']).toBe(`"${md5Hex('')}"`);
    expect((await client.head_object({ Bucket: bucket, Key: dir_to_create }))['Content-Length']).toBe('0');
  });

  it('请求示例3：上传对象到指定的目录', async () => {
    const object_key = 'path/to/dir/' + 'test.txt';
    const response = await client.put_object({
      Bucket: bucket,
      Body: createReadStream(local('test.txt')),
      Key: object_key,
      StorageClass: 'STANDARD',
      ContentType: 'text/html; charset=utf-8',
    });
    expect(response['ETag']).toBe(`"${md5Hex('<p>hello</p>')}"`);
    expect((await client.list_objects({ Bucket: bucket, Prefix: 'path/to/dir/', Delimiter: '/' })).Contents!.map((c) => c.Key)).toEqual([object_key]);
  });

  it('请求示例4：上传时限速', async () => {
    // 8 KB at the lowest limit (100 KB/s) takes a fraction of a second.
    const response = await client.put_object({ Bucket: bucket, Key: 'exampleobject', Body: createReadStream(local('test.bin')), TrafficLimit: '819200' });
    expect(response['ETag']).toBe(`"${md5Hex(await readFile(local('test.bin')))}"`);
    await expect(client.put_object({ Bucket: bucket, Key: 'x', Body: 'x', TrafficLimit: '100' })).rejects.toThrow(/TrafficLimit/);
  });

  it('全部参数请求示例', async () => {
    const body = Buffer.from('bytes');
    const response = await client.put_object({
      Bucket: bucket,
      Body: body,
      Key: 'exampleobject',
      EnableMD5: true,
      ACL: 'public-read',
      GrantFullControl: GRANT,
      GrantRead: GRANT,
      StorageClass: 'STANDARD_IA',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      CacheControl: 'max-age=1000000',
      ContentType: 'application/octet-stream',
      ContentDisposition: 'attachment; filename="filename.jpg"',
      ContentEncoding: 'identity',
      ContentLanguage: 'zh-cn',
      ContentLength: '5',
      ContentMD5: md5Base64(body),
      Metadata: { 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'value2' },
      TrafficLimit: '1048576',
    });
    expect(response['ETag']).toBe(`"${md5Hex(body)}"`);
    expect(response).not.toHaveProperty('x-cos-version-id'); // versioning is off in this bucket
    expect(await client.head_object({ Bucket: bucket, Key: 'exampleobject' })).toMatchObject({
      'x-cos-storage-class': 'STANDARD_IA',
      'Cache-Control': 'max-age=1000000',
      'Content-Language': 'zh-cn',
      'x-cos-meta-key2': 'value2',
    });
    expect((await client.get_object_acl({ Bucket: bucket, Key: 'exampleobject' })).CannedACL).toBe('public-read');
  });
});

describe('seed 004 简单操作 / 查询对象元数据', () => {
  it('请求示例', async () => {
    const response = await client.head_object({ Bucket: bucket, Key: 'exampleobject' });
    expect(response).toMatchObject({
      ETag: `"${md5Hex('bytes')}"`,
      'Last-Modified': expect.stringMatching(/GMT$/),
      'Cache-Control': 'max-age=1000000',
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': 'attachment; filename="filename.jpg"',
      'Content-Encoding': 'identity',
      'Content-Language': 'zh-cn',
      'Content-Length': '5',
      Expires: 'Wed, 28 Oct 2099 20:30:00 GMT',
      'x-cos-meta-key1': 'value1',
      'x-cos-request-id': expect.any(String),
    });
  });

  it('全部请求参数示例', async () => {
    const V = 'versions-1250000000';
    const put = await client.put_object({ Bucket: V, Key: 'exampleobject', Body: 'v' });
    const response = await client.head_object({
      Bucket: V,
      Key: 'exampleobject',
      VersionId: put['x-cos-version-id'] as string,
      IfModifiedSince: 'Wed, 28 Oct 2020 20:30:00 GMT',
    });
    expect(response).toMatchObject({ 'x-cos-version-id': put['x-cos-version-id'], 'Content-Length': '1', ETag: put['ETag'] });
  });
});
