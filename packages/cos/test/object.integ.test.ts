import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64, md5Hex } from '@yunstore/core';
import type { CosServiceError } from '../src/index.ts';
import { caught, startHarness, stopHarness, type Harness } from './helpers.ts';

let h: Harness;
let dir: string;
const B = 'objects-1250000000';

beforeAll(async () => {
  h = await startHarness();
  dir = await mkdtemp(join(tmpdir(), 'yunstore-cos-'));
  await h.client.create_bucket({ Bucket: B });
});
afterAll(async () => {
  await stopHarness(h);
  await rm(dir, { recursive: true, force: true });
});

describe('objects against the emulator', () => {
  it('put_object (string, metadata, headers, EnableMD5) → header dict; head_object and get_object give them back', async () => {
    const put = await h.client.put_object({
      Bucket: B,
      Key: 'docs/hello.txt',
      Body: 'hello world',
      EnableMD5: true,
      ContentType: 'text/plain; charset=utf-8',
      CacheControl: 'no-cache',
      ContentDisposition: 'attachment; filename="hello.txt"',
      Metadata: { 'x-cos-meta-author': 'zhangsan', 'x-cos-meta-project': 'Q4' },
    });
    expect(put['ETag']).toBe(`"${md5Hex('hello world')}"`);
    expect(put['x-cos-request-id']).toBeTruthy();
    expect(put['x-cos-hash-crc64ecma']).toBe('5981764153023615706');

    const head = await h.client.head_object({ Bucket: B, Key: 'docs/hello.txt' });
    expect(head['Content-Length']).toBe('11');
    expect(head['Content-Type']).toBe('text/plain; charset=utf-8');
    expect(head['Cache-Control']).toBe('no-cache');
    expect(head['x-cos-meta-author']).toBe('zhangsan');
    expect(head['ETag']).toBe(put['ETag']);
    expect(head['Last-Modified']).toMatch(/GMT$/);

    const got = await h.client.get_object({ Bucket: B, Key: 'docs/hello.txt' });
    expect(got['Content-Length']).toBe('11');
    expect(got['x-cos-meta-project']).toBe('Q4');
    expect(await got.Body.text()).toBe('hello world');
    await expect(got.Body.read()).rejects.toThrow(/already read/);
  });

  it('put_object from bytes, a Readable of unknown length, and a file stream; put_object_from_local_file', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    await h.client.putObject(B, bytes, 'bin/bytes');
    await h.client.put_object({ Bucket: B, Key: 'bin/stream', Body: Readable.from([Buffer.from('ab'), Buffer.from('cd')]) });
    const file = join(dir, 'local.txt');
    await writeFile(file, 'from a file');
    await h.client.put_object({ Bucket: B, Key: 'bin/fs-stream', Body: createReadStream(file), EnableMD5: true });
    const local = await h.client.put_object_from_local_file({ Bucket: B, LocalFilePath: file, Key: 'bin/local' });
    expect(local['ETag']).toBe(`"${md5Hex('from a file')}"`);
    expect(await (await h.client.get_object(B, 'bin/bytes')).Body.read()).toEqual(bytes);
    expect(await (await h.client.get_object(B, 'bin/stream')).Body.text()).toBe('abcd');
    expect(await (await h.client.get_object(B, 'bin/fs-stream')).Body.text()).toBe('from a file');
    expect(await (await h.client.getObject({ Bucket: B, Key: 'bin/local' })).Body.text()).toBe('from a file');
  });

  it('get_object: Range (both spellings), conditions, Response* overrides, get_stream_to_file, CRC checked', async () => {
    const body = Buffer.from('0123456789abcdefghij');
    const put = await h.client.put_object({ Bucket: B, Key: 'range.bin', Body: body });
    const part = await h.client.get_object({ Bucket: B, Key: 'range.bin', Range: 'bytes=2-5' });
    expect(part['Content-Range']).toBe('bytes 2-5/20');
    expect(await part.Body.text()).toBe('2345');
    const seed002 = await h.client.get_object({ Bucket: B, Key: 'range.bin', Range: 'bytes 0-3/20' });
    expect(await seed002.Body.text()).toBe('0123');

    const over = await h.client.get_object({
      Bucket: B,
      Key: 'range.bin',
      ResponseContentType: 'application/pdf',
      ResponseContentDisposition: 'attachment; filename="x.pdf"',
    });
    expect(over['Content-Type']).toBe('application/pdf');
    expect(over['Content-Disposition']).toBe('attachment; filename="x.pdf"');
    await over.Body.read();

    const failed = (await caught(() => h.client.get_object({ Bucket: B, Key: 'range.bin', IfMatch: '"0000"' }))) as CosServiceError;
    expect(failed.get_status_code()).toBe(412);
    const notModified = await h.client.get_object({ Bucket: B, Key: 'range.bin', IfNoneMatch: put['ETag'] as string });
    expect(await notModified.Body.read()).toHaveLength(0);

    const whole = await h.client.get_object({ Bucket: B, Key: 'range.bin' });
    expect(whole['x-cos-hash-crc64ecma']).toBe(crc64(body).toString());
    const target = join(dir, 'range.out');
    await whole.Body.get_stream_to_file(target);
    expect(await readFile(target)).toEqual(body);
    expect((await readdir(dir)).filter((f) => f.startsWith('range.out_'))).toEqual([]);
  });

  it('keys with spaces, unicode, +, %, ~ and * round-trip', async () => {
    const keys = ['a b/c d.txt', '图片/2024/报告.pdf', 'a+b%20c~d*e.txt', "q'(x)!.txt"];
    for (const Key of keys) await h.client.put_object({ Bucket: B, Key: `weird/${Key}`, Body: Key });
    for (const Key of keys) expect(await (await h.client.get_object({ Bucket: B, Key: `weird/${Key}` })).Body.text()).toBe(Key);
    const listed = await h.client.list_objects({ Bucket: B, Prefix: 'weird/' });
    expect(listed.Contents?.map((c) => c.Key).sort()).toEqual(keys.map((k) => `weird/${k}`).sort());
    // Asking for EncodingType='url' yourself returns the keys still encoded, as in Python.
    const encoded = await h.client.list_objects({ Bucket: B, Prefix: 'weird/a b/', EncodingType: 'url' });
    expect(encoded.EncodingType).toBe('url');
    expect(encoded.Contents?.map((c) => decodeURIComponent(c.Key))).toEqual(['weird/a b/c d.txt']);
    expect(encoded.Contents?.[0]?.Key).not.toBe('weird/a b/c d.txt');
  });

  it('object_exists, head_object 404 as NoSuchResource, get_object 404 as NoSuchKey', async () => {
    expect(await h.client.object_exists({ Bucket: B, Key: 'docs/hello.txt' })).toBe(true);
    expect(await h.client.objectExists(B, 'docs/nope')).toBe(false);
    const head = (await caught(() => h.client.head_object({ Bucket: B, Key: 'docs/nope' }))) as CosServiceError;
    expect(head.get_error_code()).toBe('NoSuchResource');
    expect(head.get_error_msg()).toBe('The Resource You Head Not Exist');
    const get = (await caught(() => h.client.get_object({ Bucket: B, Key: 'docs/nope' }))) as CosServiceError;
    expect(get.get_error_code()).toBe('NoSuchKey');
  });

  it('list_objects: keyword and positional forms, Delimiter, paging with NextMarker', async () => {
    for (let i = 0; i < 5; i++) await h.client.put_object({ Bucket: B, Key: `page/${i}.txt`, Body: String(i) });
    await h.client.put_object({ Bucket: B, Key: 'page/sub/x.txt', Body: 'x' });
    const tree = await h.client.list_objects(B, 'page/', '/');
    expect(tree.Contents?.map((c) => c.Key)).toEqual(['page/0.txt', 'page/1.txt', 'page/2.txt', 'page/3.txt', 'page/4.txt']);
    expect(tree.CommonPrefixes).toEqual([{ Prefix: 'page/sub/' }]);
    expect(tree.IsTruncated).toBe('false');
    expect(tree.Contents?.[0]?.Size).toBe('1');

    const seen: string[] = [];
    let marker = '';
    for (;;) {
      const page = await h.client.list_objects({ Bucket: B, Prefix: 'page/', Marker: marker, MaxKeys: 2 });
      seen.push(...(page.Contents ?? []).map((c) => c.Key));
      if (page.IsTruncated === 'false') break;
      expect(page.MaxKeys).toBe('2');
      marker = page.NextMarker as string;
    }
    expect(seen).toHaveLength(6);
    const one = await h.client.list_objects({ Bucket: B, Prefix: 'page/sub/' });
    expect(Array.isArray(one.Contents)).toBe(true);
    expect(one.Contents).toHaveLength(1);
  });

  it('delete_object → header dict; delete_objects → Deleted list', async () => {
    const del = await h.client.delete_object({ Bucket: B, Key: 'page/0.txt' });
    expect(del['x-cos-request-id']).toBeTruthy();
    const res = await h.client.delete_objects({ Bucket: B, Delete: { Object: [{ Key: 'page/1.txt' }, { Key: 'page/2.txt' }], Quiet: 'false' } });
    expect(res.Deleted?.map((d) => d['Key']).sort()).toEqual(['page/1.txt', 'page/2.txt']);
    const quiet = await h.client.delete_objects(B, { Object: [{ Key: 'page/3.txt' }], Quiet: 'true' });
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(await h.client.object_exists(B, 'page/3.txt')).toBe(false);
  });

  it('copy_object with CopyStatus Copy and Replaced (and seed 002 spelling REPLACE)', async () => {
    const src = { Bucket: B, Key: 'docs/hello.txt', Region: 'ap-guangzhou' };
    const copied = await h.client.copy_object({ Bucket: B, Key: 'copies/a.txt', CopySource: src });
    expect(copied.ETag).toBe(`"${md5Hex('hello world')}"`);
    expect(copied.LastModified).toBeTruthy();
    const kept = await h.client.head_object({ Bucket: B, Key: 'copies/a.txt' });
    expect(kept['x-cos-meta-author']).toBe('zhangsan');
    await h.client.copy_object({
      Bucket: B,
      Key: 'copies/b.txt',
      CopySource: src,
      CopyStatus: 'Replaced',
      ContentType: 'text/html',
      Metadata: { 'x-cos-meta-author': 'lisi' },
    });
    const replaced = await h.client.head_object({ Bucket: B, Key: 'copies/b.txt' });
    expect(replaced['x-cos-meta-author']).toBe('lisi');
    expect(replaced['x-cos-meta-project']).toBeUndefined();
    expect(replaced['Content-Type']).toBe('text/html');
    await h.client.copyObject(B, 'copies/b.txt', { Bucket: B, Key: 'copies/b.txt' }, 'REPLACE', { Metadata: { 'x-cos-meta-v': '2' } });
    expect((await h.client.head_object(B, 'copies/b.txt'))['x-cos-meta-v']).toBe('2');
    const missing = (await caught(() => h.client.copy_object({ Bucket: B, Key: 'c', CopySource: { Bucket: B, Key: 'none' } }))) as CosServiceError;
    expect(missing.get_status_code()).toBe(404);
  });

  it('put_object_acl / get_object_acl', async () => {
    await h.client.put_object_acl({ Bucket: B, Key: 'docs/hello.txt', ACL: 'public-read' });
    const acl = await h.client.get_object_acl({ Bucket: B, Key: 'docs/hello.txt' });
    expect(acl.CannedACL).toBe('public-read');
    expect(acl.Grant.length).toBeGreaterThan(0);
    await h.client.putObjectAcl(B, 'docs/hello.txt', {}, { ACL: 'private' });
    expect((await h.client.getObjectAcl(B, 'docs/hello.txt')).CannedACL).toBe('private');
  });

  it('append_object: position 0, then the next position; a wrong position is 409', async () => {
    const first = await h.client.append_object({ Bucket: B, Key: 'log.txt', Position: 0, Data: 'line1\n' });
    expect(first['x-cos-next-append-position']).toBe('6');
    const second = await h.client.appendObject(B, 'log.txt', 6, Buffer.from('line2\n'));
    expect(second['x-cos-next-append-position']).toBe('12');
    expect(await (await h.client.get_object(B, 'log.txt')).Body.text()).toBe('line1\nline2\n');
    const wrong = (await caught(() => h.client.append_object({ Bucket: B, Key: 'log.txt', Position: 3, Data: 'x' }))) as CosServiceError;
    expect(wrong.get_error_code()).toBe('PositionNotEqualToLength');
  });

  it('restore_object on an ARCHIVE object', async () => {
    await h.client.put_object({ Bucket: B, Key: 'cold.bin', Body: 'frozen', StorageClass: 'ARCHIVE' });
    expect(await h.client.restore_object({ Bucket: B, Key: 'cold.bin', RestoreRequest: { Days: 1, CASJobParameters: { Tier: 'Standard' } } })).toBeUndefined();
    const head = await h.client.head_object({ Bucket: B, Key: 'cold.bin' });
    expect(head['x-cos-storage-class']).toBe('ARCHIVE');
    expect(head['x-cos-restore']).toBeTruthy();
  });

  it('list_objects_versions', async () => {
    const versions = await h.client.list_objects_versions({ Bucket: B, Prefix: 'docs/' });
    expect(Array.isArray(versions.Version)).toBe(true);
    expect(versions.Version?.[0]).toMatchObject({ Key: 'docs/hello.txt', IsLatest: 'true' });
    const positional = await h.client.listObjectsVersions(B, 'docs/');
    expect(positional.Version).toHaveLength(versions.Version?.length ?? -1);
  });

  it('select_object_content: CSV in, records out, Stats and End events', async () => {
    await h.client.put_object({ Bucket: B, Key: 'people.csv', Body: 'name,age\nann,31\nbob,17\n' });
    const res = await h.client.select_object_content({
      Bucket: B,
      Key: 'people.csv',
      Expression: 'Select * from COSObject',
      ExpressionType: 'SQL',
      InputSerialization: { CompressionType: 'NONE', CSV: { FileHeaderInfo: 'USE', RecordDelimiter: '\n', FieldDelimiter: ',' } },
      OutputSerialization: { CSV: { RecordDelimiter: '\n', FieldDelimiter: ',' } },
      RequestProgress: { Enabled: 'FALSE' },
    });
    expect(res.Payload).toBe(res.Body);
    expect(res['x-cos-request-id']).toBeTruthy();
    const kinds: string[] = [];
    let records = '';
    for await (const event of res.Payload) {
      kinds.push(Object.keys(event)[0] as string);
      if ('Records' in event) records += event.Records.Payload.toString();
    }
    expect(records).toBe('ann,31\nbob,17\n');
    expect(kinds.at(-1)).toBe('End');
    expect(kinds).toContain('Stats');
  });

  it('presigned URLs work with a plain HTTP client; get_object_url is unsigned; get_auth signs a request we send', async () => {
    const url = await h.client.get_presigned_download_url({ Bucket: B, Key: 'docs/hello.txt', Expired: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello world');
    const put = await h.client.get_presigned_url({ Bucket: B, Key: 'presigned/up.txt', Method: 'PUT', Headers: { 'Content-Type': 'text/plain' } });
    expect((await fetch(put, { method: 'PUT', body: 'via url', headers: { 'Content-Type': 'text/plain' } })).status).toBe(200);
    expect(await (await h.client.get_object(B, 'presigned/up.txt')).Body.text()).toBe('via url');
    const plain = await h.client.get_object_url({ Bucket: B, Key: 'docs/hello.txt' });
    expect(plain).toBe(`http://127.0.0.1:${h.port}/${B}/docs/hello.txt`);
    expect((await fetch(plain)).status).toBe(403);
    const auth = await h.client.get_auth('GET', B, 'docs/hello.txt');
    const signed = await fetch(plain, { headers: { Authorization: auth } });
    expect(await signed.text()).toBe('hello world');
  });
});
