/**
 * Every code sample of the seed (BOS Python SDK document), translated line by
 * line and run against the emulator. Each `it()` is titled with the seed's
 * section heading (a suffix when a section holds several samples) and checks
 * the shape the seed documents for that call, not only that it ran.
 * This file: BOSClient, Bucket, Object and 异常处理; the multipart chapter is
 * in `seed-samples-multipart.integ.test.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  BackOffRetryPolicy,
  BceClientConfiguration,
  BceCredentials,
  BceHttpClientError,
  type BceServerError,
  BosClient,
  canned_acl,
  exception,
  NoRetryPolicy,
  ValueError,
} from '../src/index.ts';
import { SECOND_KEY } from './emulator.ts';
import { ISO_TIME, md5b64, md5hex, startProxy, useSeedHarness } from './seed-harness.ts';
import { request } from './undici.ts';

const h = useSeedHarness('seed-sample');

describe('BOSClient', () => {
  it('配置BOSClient', async () => {
    // PROXY_HOST = 'localhost:8080' → proxy_host (optional, "可缺省"); here a local proxy stands in for it.
    // The sample's `logging` set-up configures Python's logging module; nothing to translate.
    const proxy = await startProxy();
    try {
      const PROXY_HOST = `127.0.0.1:${proxy.port}`;
      const bos_host = h.emu.endpoint;
      const access_key_id = h.emu.accessKeyId;
      const secret_access_key = h.emu.secretAccessKey;
      const proxied = new BceClientConfiguration({
        credentials: new BceCredentials(access_key_id, secret_access_key),
        endpoint: bos_host,
        proxy_host: PROXY_HOST,
      });
      expect(proxied.credentials?.access_key_id).toBe(access_key_id);
      expect(proxied.endpoint).toBe(bos_host);
      // The defaults the seed's parameter table describes.
      expect(proxied.retry_policy).toBeInstanceOf(BackOffRetryPolicy);
      expect(typeof proxied.connection_timeout_in_mills).toBe('number');
      const client = new BosClient(proxied);
      expect(Array.isArray((await client.list_buckets()).buckets)).toBe(true);
      expect(proxy.used()).toBeGreaterThan(0);
      await client.close();
    } finally {
      proxy.server.closeAllConnections();
      proxy.server.close();
    }
  });

  it('新建BOSClient', async () => {
    const client = new BosClient(h.config);
    expect(client).toBeInstanceOf(BosClient);
    expect(client.config).toBe(h.config);
    expect((await client.list_buckets()).owner.id).toBeTruthy();
    await client.close();
  });

  it('设置网络参数', async () => {
    const conf = new BceClientConfiguration({ credentials: new BceCredentials(h.emu.accessKeyId, h.emu.secretAccessKey), endpoint: h.emu.endpoint });
    const client = new BosClient(conf);
    const TIMEOUT = 5000;
    const BUF_SIZE = 64 * 1024;
    conf.connection_timeout_in_mills = TIMEOUT;
    // The seed writes `config.recv_buf_size(BUF_SIZE)`, calling a number; Python has plain attributes, and so do we.
    conf.recv_buf_size = BUF_SIZE;
    conf.send_buf_size = BUF_SIZE;
    // 三次指数退避重试: one injected 500 is retried and the call succeeds.
    conf.retry_policy = new BackOffRetryPolicy();
    expect((conf.retry_policy as BackOffRetryPolicy).max_error_retry).toBe(3);
    h.emu.faults.set({ operations: ['list_buckets'], errorCount: 1, errorStatus: 500 });
    expect((await client.list_buckets()).buckets).toBeDefined();
    // 不重试: the same fault now surfaces after one attempt.
    conf.retry_policy = new NoRetryPolicy();
    h.emu.faults.set({ operations: ['list_buckets'], errorCount: 1, errorStatus: 500 });
    const err = (await client.list_buckets().catch((e: unknown) => e)) as BceHttpClientError;
    expect(err).toBeInstanceOf(BceHttpClientError);
    expect(err.message).toMatch(/^Unable to execute HTTP request\. Retried 0 times\./);
    expect(err.status_code).toBe(500);
    h.emu.faults.clear();
    await client.close();
  });
});

describe('Bucket', () => {
  it('新建Bucket', async () => {
    const bucket_name = 'seed-new-bucket';
    if (!(await h.bos_client.does_bucket_exist(bucket_name))) await h.bos_client.create_bucket(bucket_name);
    expect(await h.bos_client.does_bucket_exist(bucket_name)).toBe(true);
    // The same lines again: the bucket exists now, so nothing is created twice.
    if (!(await h.bos_client.does_bucket_exist(bucket_name))) await h.bos_client.create_bucket(bucket_name);
  });

  it('查看Bucket列表', async () => {
    const bucket_name = await h.freshBucket();
    const response = await h.bos_client.list_buckets();
    const names: string[] = [];
    for (const bucket of response.buckets) names.push(bucket.name);
    expect(names).toContain(bucket_name);
    expect(response.owner.id).toBeTruthy();
    expect(typeof response.owner.display_name).toBe('string');
    const mine = response.buckets.find((b) => b.name === bucket_name);
    expect(mine?.creation_date).toMatch(ISO_TIME);
    expect(mine?.location).toBe('bj');
  });

  it('删除Bucket', async () => {
    const bucket_name = await h.freshBucket();
    await h.bos_client.put_object_from_string(bucket_name, 'k', 'v');
    // 注意: a bucket with objects cannot be deleted.
    const refused = (await h.bos_client.delete_bucket(bucket_name).catch((e: unknown) => e)) as BceHttpClientError;
    expect((refused.last_error as BceServerError).code).toBe('BucketNotEmpty');
    await h.bos_client.delete_object(bucket_name, 'k');
    const response = await h.bos_client.delete_bucket(bucket_name);
    expect(response.metadata.bce_request_id).toBeTruthy();
    expect(await h.bos_client.does_bucket_exist(bucket_name)).toBe(false);
  });

  it('设置Bucket的访问权限', async () => {
    const bucket_name = await h.freshBucket();
    expect([canned_acl.PRIVATE, canned_acl.PUBLIC_READ, canned_acl.PUBLIC_READ_WRITE]).toEqual(['private', 'public-read', 'public-read-write']);
    await h.bos_client.set_bucket_canned_acl(bucket_name, canned_acl.PUBLIC_READ);
    await h.bos_client.set_bucket_canned_acl(bucket_name, canned_acl.PRIVATE);
    const acl = await h.bos_client.get_bucket_acl(bucket_name);
    // private: only the owner's FULL_CONTROL grant is left.
    expect(acl.access_control_list).toEqual([{ grantee: [{ id: acl.owner.id }], permission: ['FULL_CONTROL'] }]);
  });

  it('设置指定用户对Bucket的访问权限', async () => {
    const bucket_name = await h.freshBucket();
    await h.bos_client.set_bucket_acl(bucket_name, [
      { grantee: [{ id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }, { id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }], permission: ['FULL_CONTROL'] },
    ]);
    const response = await h.bos_client.get_bucket_acl(bucket_name);
    expect(response.access_control_list).toEqual([
      { grantee: [{ id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }, { id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }], permission: ['FULL_CONTROL'] },
    ]);
  });

  it('查看Bucket的权限', async () => {
    const bucket_name = await h.freshBucket();
    await h.bos_client.set_bucket_acl(bucket_name, [{ grantee: [{ id: SECOND_KEY.owner }], permission: ['READ'] }]);
    const response = await h.bos_client.get_bucket_acl(bucket_name);
    // The documented fields: owner.id, access_control_list[].grantee[].id, .permission.
    expect(response.owner.id).toBeTruthy();
    expect(response.access_control_list[0]?.grantee[0]?.id).toBe(SECOND_KEY.owner);
    expect(response.access_control_list[0]?.permission).toEqual(['READ']);
    await h.bos_client.set_bucket_acl(bucket_name, response.access_control_list);
    expect((await h.bos_client.get_bucket_acl(bucket_name)).access_control_list).toEqual(response.access_control_list);
  });

  it('检查Bucket是否存在', async () => {
    const bucket_name = await h.freshBucket();
    expect(await h.bos_client.does_bucket_exist(bucket_name)).toBe(true);
    expect(await h.bos_client.does_bucket_exist('seed-no-such-bucket')).toBe(false);
  });

  it('查看Bucket所属的区域', async () => {
    const bucket_name = await h.freshBucket();
    expect(await h.bos_client.get_bucket_location(bucket_name)).toBe('bj');
  });
});

describe('Object', () => {
  it('上传Object — put_object', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'put/object.txt';
    const data = Buffer.from('data from a stream');
    // The seed's short form names three arguments, but its own argument table (and Python's
    // signature) make content_length and content_md5 required: the short form is a ValueError.
    await expect(h.bos_client.put_object(bucket_name, object_key, data, undefined as unknown as number, undefined as unknown as string)).rejects.toThrow(
      ValueError,
    );
    // The full form, with data as a stream (Python: a file object or StringIO).
    const response = await h.bos_client.put_object(bucket_name, object_key, Readable.from([data]), data.length, md5b64(data));
    expect(response.metadata.e_tag).toBe(md5hex(data));
    expect(await h.bos_client.get_object_as_string(bucket_name, object_key)).toBe(data.toString());
  });

  it('上传Object — put_object_from_string', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'put/string.txt';
    const string = '从字符串中上传';
    const response = await h.bos_client.put_object_from_string(bucket_name, object_key, string);
    // "BOS会在Header中返回Object的ETag作为文件标识"
    expect(response.metadata.e_tag).toBe(md5hex(string));
    // The optional arguments: content_type, content_md5, user_metadata.
    await h.bos_client.put_object_from_string(bucket_name, 'put/opts.txt', string, {
      content_type: 'text/plain; charset=utf-8',
      content_md5: md5b64(string),
      user_metadata: { author: 'zs' },
    });
    const head = await h.bos_client.get_object_meta_data(bucket_name, 'put/opts.txt');
    expect(head.metadata.content_type).toBe('text/plain; charset=utf-8');
    expect(head.bce_meta).toEqual({ author: 'zs' });
    const wrongMd5 = (await h.bos_client
      .put_object_from_string(bucket_name, 'put/bad.txt', string, { content_md5: md5b64('other') })
      .catch((e: unknown) => e)) as BceHttpClientError;
    expect((wrongMd5.last_error as BceServerError).code).toBe('BadDigest');
  });

  it('上传Object — put_object_from_file', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'put/file.html';
    const file_name = join(h.dir, 'upload.html');
    await writeFile(file_name, '<p>file</p>');
    const response = await h.bos_client.put_object_from_file(bucket_name, object_key, file_name, { user_metadata: { from: 'file' } });
    expect(response.metadata.e_tag).toBe(md5hex('<p>file</p>'));
    const head = await h.bos_client.get_object_meta_data(bucket_name, object_key);
    expect(head.metadata.content_type).toBe('text/html');
    expect(head.bce_meta).toEqual({ from: 'file' });
  });

  it('查看Bucket中Object列表 — list_objects', async () => {
    const bucket_name = await h.freshBucket();
    for (const key of ['a/1', 'a/2', 'b/3', 'c']) await h.bos_client.put_object_from_string(bucket_name, key, key);
    const response = await h.bos_client.list_objects(bucket_name);
    const keys: string[] = [];
    for (const object of response.contents) keys.push(object.key);
    expect(keys).toEqual(['a/1', 'a/2', 'b/3', 'c']);
    // The documented fields of the response and of each entry.
    expect(response).toMatchObject({ name: bucket_name, prefix: '', marker: '', max_keys: 1000, is_truncated: false });
    const first = response.contents[0]!;
    expect(first).toMatchObject({ key: 'a/1', e_tag: md5hex('a/1'), size: 3 });
    expect(first.last_modified).toMatch(ISO_TIME);
    expect(first.owner.id).toBeTruthy();
    expect(typeof first.owner.display_name).toBe('string');
    // The optional arguments prefix, delimiter, max_keys, marker, by name.
    const page = await h.bos_client.list_objects(bucket_name, { prefix: 'a/', max_keys: 1 });
    expect(page.contents.map((o) => o.key)).toEqual(['a/1']);
    expect(page.is_truncated).toBe(true);
    expect(page.next_marker).toBe('a/1');
    const rest = await h.bos_client.list_objects(bucket_name, { prefix: 'a/', marker: page.next_marker! });
    expect(rest.contents.map((o) => o.key)).toEqual(['a/2']);
    const grouped = await h.bos_client.list_objects(bucket_name, { delimiter: '/' });
    expect(grouped.common_prefixes).toEqual([{ prefix: 'a/' }, { prefix: 'b/' }]);
    expect(grouped.contents.map((o) => o.key)).toEqual(['c']);
    expect(response.common_prefixes).toBeUndefined();
    await expect(h.bos_client.list_objects(bucket_name, { max_keys: 1001 })).rejects.toThrow(ValueError);
  });

  it('查看Bucket中Object列表 — list_all_objects', async () => {
    const bucket_name = await h.freshBucket();
    const keys = Array.from({ length: 1003 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    // 1003 objects: more than one 1000-entry page.
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((key) => h.emu.store.putObject(bucket_name, key, Buffer.from(key), { contentType: 'text/plain' })));
    }
    const seen: string[] = [];
    for await (const object of h.bos_client.list_all_objects(bucket_name)) seen.push(object.key);
    expect(seen).toEqual(keys);
  });

  it('简单的读取Object', async () => {
    const bucket_name = await h.freshBucket();
    await h.bos_client.put_object_from_string(bucket_name, 'read.txt', '读取Object');
    expect(await h.bos_client.get_object_as_string(bucket_name, 'read.txt')).toBe('读取Object');
  });

  it('直接下载Object到文件', async () => {
    const bucket_name = await h.freshBucket();
    await h.bos_client.put_object_from_string(bucket_name, 'download.txt', 'to a file');
    const file_name = join(h.dir, 'downloaded.txt');
    const response = await h.bos_client.get_object_to_file(bucket_name, 'download.txt', file_name);
    expect(await readFile(file_name, 'utf8')).toBe('to a file');
    expect(response.metadata.e_tag).toBe(md5hex('to a file'));
  });

  it('获取Object的Meta信息', async () => {
    const bucket_name = await h.freshBucket();
    await h.bos_client.put_object_from_string(bucket_name, 'meta.txt', 'meta data', { user_metadata: { author: 'zs' } });
    const response = await h.bos_client.get_object_meta_data(bucket_name, 'meta.txt');
    // The three documented fields, on the response (the seed's table) and in metadata (Python).
    expect(response.content_length).toBe('9');
    expect(response.e_tag).toBe(md5hex('meta data'));
    expect(response.bce_meta).toEqual({ author: 'zs' });
    expect(response.metadata).toMatchObject({ content_length: '9', e_tag: md5hex('meta data'), etag: md5hex('meta data'), bce_meta: { author: 'zs' } });
  });

  it('获取Object的URL', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'shared/链接.txt';
    await h.bos_client.put_object_from_string(bucket_name, object_key, 'presigned');
    const timestamp = Math.floor(Date.now() / 1000);
    const expiration_in_seconds = 600;
    const url = h.bos_client.generate_pre_signed_url(bucket_name, object_key, timestamp, expiration_in_seconds);
    expect(url).toContain(`/${bucket_name}/`);
    expect(decodeURIComponent(new URL(url).searchParams.get('authorization') ?? '')).toMatch(
      new RegExp(`^bce-auth-v1/${h.emu.accessKeyId}/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ/600/`),
    );
    const ok = await request(url);
    expect(ok.statusCode).toBe(200);
    expect(await ok.body.text()).toBe('presigned');
    // timestamp and expiration_in_seconds are optional: now and 1800 s.
    const byDefault = h.bos_client.generate_pre_signed_url(bucket_name, object_key);
    expect(decodeURIComponent(new URL(byDefault).searchParams.get('authorization') ?? '')).toMatch(/\/1800\//);
    const fresh = await request(byDefault);
    expect(fresh.statusCode).toBe(200);
    await fresh.body.text();
    // -1: never expires, even from a start long past.
    const forever = await request(h.bos_client.generate_pre_signed_url(bucket_name, object_key, timestamp - 7 * 86400, -1));
    expect(forever.statusCode).toBe(200);
    await forever.body.text();
    // "不可设置为其他负数"
    expect(() => h.bos_client.generate_pre_signed_url(bucket_name, object_key, timestamp, -2)).toThrow(ValueError);
  });

  it('拷贝Object', async () => {
    const source_bucket_name = await h.freshBucket();
    const target_bucket_name = await h.freshBucket();
    await h.bos_client.put_object_from_string(source_bucket_name, 'src.txt', 'copy me', { user_metadata: { kept: 'yes' } });
    const response = await h.bos_client.copy_object(source_bucket_name, 'src.txt', target_bucket_name, 'dst.txt');
    expect(response.e_tag).toBe(md5hex('copy me'));
    expect(response.last_modified).toMatch(ISO_TIME);
    expect(await h.bos_client.get_object_as_string(target_bucket_name, 'dst.txt')).toBe('copy me');
    expect((await h.bos_client.get_object_meta_data(target_bucket_name, 'dst.txt')).bce_meta).toEqual({ kept: 'yes' });
  });

  it('删除Object', async () => {
    const bucket_name = await h.freshBucket();
    await h.bos_client.put_object_from_string(bucket_name, 'gone.txt', 'x');
    await h.bos_client.delete_object(bucket_name, 'gone.txt');
    expect((await h.bos_client.list_objects(bucket_name)).contents).toEqual([]);
  });
});

describe('异常处理', () => {
  it('系统异常', async () => {
    const bucket_name = await h.freshBucket();
    const object_key = 'never-written.txt';
    let message: string | undefined;
    let caught: unknown;
    try {
      await h.bos_client.delete_object(bucket_name, object_key);
    } catch (e) {
      // except exception.BceHttpError as e: print e.message
      if (!(e instanceof exception.BceHttpError)) throw e;
      caught = e;
      message = e.message;
    }
    expect(message).toMatch(/^Unable to execute HTTP request\. Retried 0 times\. All trace backs:/);
    expect(message).toContain('BceServerError: The specified key does not exist.');
    const e = caught as BceHttpClientError;
    expect(e).toBeInstanceOf(BceHttpClientError);
    expect(e.last_error).toBeInstanceOf(exception.BceServerError);
    expect(e.last_error).toMatchObject({ status_code: 404, code: 'NoSuchKey' });
    expect((e.last_error as BceServerError).request_id).toBeTruthy();
  });

  it('参数异常', async () => {
    // Empty → ValueError, wrong type → TypeError, before any request (every row: validate.test.ts).
    await expect(h.bos_client.create_bucket(undefined as unknown as string)).rejects.toThrow(ValueError);
    await expect(h.bos_client.get_object('seed-sample-1', 42 as unknown as string)).rejects.toThrow(TypeError);
  });
});
