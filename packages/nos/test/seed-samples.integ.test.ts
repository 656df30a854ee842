/**
 * Every code sample of the seed (shared/seeds/003_eab0baffb64be185.txt, the
 * NOS Python SDK README), translated one `it()` per sample and titled with
 * the seed's section heading, run against the in-process emulator. Each test
 * asserts the documented shape: the exact keys of the result dict, the types
 * the seed gives (`content_length` a number, everything else strings), and
 * the elements the seed's tables list for each `response` document.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nos, NosElement, type Client, type NosRequest, type TransportOptions } from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';

const MIN_PART = 16 * 1024;
const bucket = 'nos-seed-samples';
let server: NosTestServer;
let client: Client;

beforeAll(async () => {
  server = await startNosServer({ minPartSize: MIN_PART });
  await createBucket(server, bucket);
  client = new nos.Client({
    access_key_id: ACCESS_KEY_ID,
    access_key_secret: SECRET,
    transport_class: nos.transport.Transport,
    end_point: server.hostPort,
  });
});
afterAll(async () => {
  await client.close();
  await server.stop();
});

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');
/** The request ids the emulator writes (NOS's are 32 hex characters; any non-empty string will do). */
const REQUEST_ID = /^[0-9A-Fa-f]{16,32}$/;
/** `yyyy-MM-dd"T"HH:mm:ss.SSSZ`, the seed's LastModified format. */
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** `Mon, 23 May 2016 16:07:15 Asia/Shanghai`, the seed's last_modified sample. */
const NOS_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} Asia\/Shanghai$/;

/** The keys of a result dict, sorted, to compare with the seed's sample dict. */
const keysOf = (o: object) => Object.keys(o).sort();

/** Every listed child path exists under `el` (the seed's element tables). */
function expectElements(el: NosElement | null, paths: string[]): void {
  expect(el).not.toBeNull();
  for (const path of paths) expect(el?.find(path), `<${path}> in <${el?.tag}>`).not.toBeNull();
}

describe('seed 003: NOS Python SDK samples', () => {
  it('nos.Client对象实例化', async () => {
    // client = nos.Client(access_key_id="string", access_key_secret="string", transport_class=nos.transport.Transport, **kwargs)
    const made: TransportOptions[] = [];
    class Recording {
      constructor(options: TransportOptions) {
        made.push(options);
      }
      async perform_request(_req: NosRequest) {
        return { status: 200, headers: { 'x-nos-request-id': 'R' }, body: Readable.from([]) };
      }
    }
    new nos.Client({ access_key_id: 'string', access_key_secret: 'string', transport_class: Recording });
    // The kwargs defaults the seed documents.
    expect(made[0]).toMatchObject({
      access_key_id: 'string',
      access_key_secret: 'string',
      end_point: 'nos-eastchina1.126.net',
      num_pools: 16,
      timeout: null,
      max_retries: 2,
      enable_ssl: false,
    });
    // Every kwarg passes through.
    new nos.Client({ transport_class: Recording, end_point: 'nos.example.com', num_pools: 4, timeout: 30, max_retries: 5, enable_ssl: true });
    expect(made[1]).toMatchObject({
      access_key_id: null,
      access_key_secret: null,
      end_point: 'nos.example.com',
      num_pools: 4,
      timeout: 30,
      max_retries: 5,
      enable_ssl: true,
    });

    // The default transport_class really talks to NOS (here the emulator).
    expect(client.transport).toBeInstanceOf(nos.transport.Transport);
    expect(typeof client.transport.perform_request).toBe('function');
    await client.put_object({ bucket, key: 'client/hello.txt', body: 'hello' });

    // access_key_id / access_key_secret = None: anonymous reads of a public-read bucket.
    await createBucket(server, 'nos-seed-public', 'public-read');
    await client.put_object({ bucket: 'nos-seed-public', key: 'open.txt', body: 'public' });
    const anonymous = new nos.Client({ access_key_id: null, access_key_secret: null, end_point: server.hostPort });
    try {
      expect(await text((await anonymous.get_object({ bucket: 'nos-seed-public', key: 'open.txt' })).body)).toBe('public');
      await expect(anonymous.get_object({ bucket, key: 'client/hello.txt' })).rejects.toBeInstanceOf(nos.exceptions.ForbiddenError);
    } finally {
      await anonymous.close();
    }
  });

  it('nos.Client可能引发的所有异常类型', () => {
    const x = nos.exceptions;
    // NOSException → ClientException / ServiceException, and the subclasses of each table.
    expect(new x.ClientException('e')).toBeInstanceOf(x.NOSException);
    expect(new x.ServiceException(400, 'Bad Request', '', '', '')).toBeInstanceOf(x.NOSException);
    for (const Class of [
      x.InvalidBucketName,
      x.InvalidObjectName,
      x.FileOpenModeError,
      x.XmlParseError,
      x.SerializationError,
      x.ConnectionError,
      x.ConnectionTimeout,
    ]) {
      const e = new Class('e');
      expect(e, Class.name).toBeInstanceOf(x.ClientException);
      expect(e).not.toBeInstanceOf(x.ServiceException);
      expect(e.name).toBe(Class.name);
    }
    expect(new x.ConnectionTimeout('e')).toBeInstanceOf(x.ConnectionError);
    const byStatus: Array<[number, typeof x.ServiceException]> = [
      [400, x.BadRequestError],
      [403, x.ForbiddenError],
      [404, x.NotFoundError],
      [405, x.MethodNotAllowedError],
      [409, x.ConflictError],
      [411, x.LengthRequiredError],
      [416, x.RequestedRangeNotSatisfiableError],
      [500, x.InternalServerErrorError],
      [501, x.NotImplementedError],
      [503, x.ServiceUnavailableError],
    ];
    for (const [status, Class] of byStatus) {
      const e = x.serviceExceptionFor(status, {}, undefined);
      expect(e.constructor, `${status}`).toBe(Class);
      expect(e).toBeInstanceOf(x.ServiceException);
      expect(e).not.toBeInstanceOf(x.ClientException);
    }
    expect(new x.MultiObjectDeleteException([])).toBeInstanceOf(x.ServiceException);
  });

  it('nos.Client的使用和异常处理的示例代码', async () => {
    // try: resp = client.XXX(bucket=bucket, key=key)
    // except nos.exceptions.ServiceException as e: print(e, e.status_code, e.error_type, e.error_code, e.request_id, e.message)
    const caught = await client.get_object({ bucket, key: 'no/such/key' }).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(nos.exceptions.ServiceException);
    const e = caught as InstanceType<typeof nos.exceptions.ServiceException>;
    expect(e.status_code).toBe(404); // 错误http状态码
    expect(e.error_type).toBe('Not Found'); // NOS服务器定义错误类型
    expect(e.error_code).toBe('NoSuchKey'); // NOS服务器定义错误码
    expect(e.request_id).toMatch(REQUEST_ID); // 请求ID
    expect(e.message).toBe('The specified key does not exist.'); // 错误描述信息
    expect(`ServiceException: ${String(e)}`).toBe(`ServiceException: NotFoundError(404, Not Found, NoSuchKey, ${e.request_id}, ${e.message})`);

    // except nos.exceptions.ClientException as e: print(e, e.message)
    const local = await client.get_object({ bucket, key: '' }).catch((err: unknown) => err);
    expect(local).toBeInstanceOf(nos.exceptions.ClientException);
    const c = local as InstanceType<typeof nos.exceptions.ClientException>;
    expect(c.message).toBe('InvalidObjectName caused by: object name is empty.'); // 客户端错误信息
    expect(String(c)).toBe(c.message);
  });

  it('Delete Object', async () => {
    await client.put_object({ bucket, key: 'delete/one.txt', body: 'x' });
    const resp = await client.delete_object({ bucket, key: 'delete/one.txt' });
    expect(keysOf(resp)).toEqual(['x_nos_request_id']);
    expect(resp.x_nos_request_id).toMatch(REQUEST_ID);
    await expect(client.head_object({ bucket, key: 'delete/one.txt' })).rejects.toBeInstanceOf(nos.exceptions.NotFoundError);
  });

  it('Delete Multiple Objects', async () => {
    for (const key of ['1.jpg', '2.jpg', '3.jpg', '4 & <5>.jpg']) await client.put_object({ bucket, key: `multi/${key}`, body: key });
    // resp = client.delete_objects(bucket="string", keys=["string1", "string2", ...], quiet=True|False)
    const resp = await client.delete_objects({ bucket, keys: ['multi/1.jpg', 'multi/2.jpg'], quiet: false });
    expect(keysOf(resp)).toEqual(['response', 'x_nos_request_id']);
    expect(resp.response).toBeInstanceOf(NosElement);
    expect(resp.response.tag).toBe('DeleteResult');
    expect(resp.response.findall('Deleted/Key').map((k) => k.text)).toEqual(['multi/1.jpg', 'multi/2.jpg']);
    expect(resp.response.findall('Error')).toHaveLength(0);

    // quiet=True, and the list under the name the seed's prose uses (`objects`).
    const quiet = await client.delete_objects({ bucket, objects: ['multi/3.jpg', 'multi/4 & <5>.jpg'], quiet: true });
    expect(quiet.response.findall('Deleted')).toHaveLength(0);
    await expect(client.head_object({ bucket, key: 'multi/4 & <5>.jpg' })).rejects.toBeInstanceOf(nos.exceptions.NotFoundError);

    // The seed's sample answer has <Error><Key/><Code/><Message/></Error>: Python raises MultiObjectDeleteException with them.
    await client.put_object({ bucket, key: 'multi/1.jpg', body: 'again' });
    const err = await client.delete_objects({ bucket, keys: ['multi/1.jpg', 'multi/3.jpg'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(nos.exceptions.MultiObjectDeleteException);
    const m = err as InstanceType<typeof nos.exceptions.MultiObjectDeleteException>;
    expect(m.errors).toEqual([{ key: 'multi/3.jpg', code: 'NoSuchKey', message: 'The specified key does not exist.' }]);
    await expect(client.head_object({ bucket, key: 'multi/1.jpg' })).rejects.toBeInstanceOf(nos.exceptions.NotFoundError);
  });

  it('Get Object', async () => {
    const content = 'abcdefghijklmnopqrstuvwxyz';
    await client.put_object({ bucket, key: 'get/letters.txt', body: content });
    // resp = client.get_object(bucket="string", key="string", range="bytes=0-9")
    const resp = await client.get_object({ bucket, key: 'get/letters.txt', range: 'bytes=0-9' });
    expect(keysOf(resp)).toEqual(['body', 'content_length', 'content_range', 'content_type', 'etag', 'x_nos_request_id']);
    expect(resp.x_nos_request_id).toMatch(REQUEST_ID);
    expect(resp.content_length).toBe(10); // integer
    expect(resp.content_range).toBe('bytes 0-9/26');
    expect(resp.content_type).toBe('application/octet-stream;charset=UTF-8'); // the seed's sample value for an untyped object
    expect(resp.etag).toBe(md5(content)); // no quotes
    expect(await text(resp.body)).toBe('abcdefghij'); // StreamingBody → a Node stream

    const whole = await client.get_object({ bucket, key: 'get/letters.txt' });
    expect(whole.content_length).toBe(26);
    expect(whole.content_range).toBe('');
    expect(await text(whole.body)).toBe(content);
  });

  it('Head Object', async () => {
    await client.put_object({ bucket, key: 'head/a.bin', body: Buffer.alloc(1024, 1) });
    const resp = await client.head_object({ bucket, key: 'head/a.bin' });
    expect(keysOf(resp)).toEqual(['content_length', 'content_type', 'etag', 'last_modified', 'x_nos_request_id']);
    expect(resp).toMatchObject({
      content_length: 1024,
      content_type: 'application/octet-stream;charset=UTF-8',
      etag: md5(Buffer.alloc(1024, 1)),
    });
    expect(resp.last_modified).toMatch(NOS_DATE);
  });

  it('List Objects', async () => {
    for (const key of ['user/lin', 'user/yao', 'user/zhang', 'user/photos/1.jpg', 'other/x']) await client.put_object({ bucket, key, body: key });
    // resp = client.list_objects(bucket="string", delimiter=..., marker=..., limit=..., prefix=...)
    const resp = await client.list_objects({ bucket, delimiter: '/', marker: 'user/a', limit: 2, prefix: 'user/' });
    expect(keysOf(resp)).toEqual(['response', 'x_nos_request_id']);
    const r = resp.response;
    expect(r.tag).toBe('ListBucketResult');
    expect(r.findtext('Name')).toBe(bucket);
    expect(r.findtext('Prefix')).toBe('user/');
    expect(r.findtext('Marker')).toBe('user/a');
    expect(r.findtext('MaxKeys')).toBe('2'); // numbers are text, as ElementTree gives them
    expect(r.findtext('IsTruncated')).toBe('true');
    expect(r.findtext('NextMarker')).not.toBeNull();
    expect(r.findtext('NextMark')).toBe(r.findtext('NextMarker')); // the seed table's spelling
    expect(r.findtext('delimiter')).toBe('/');
    // 'user/lin' and the common prefix 'user/photos/' fill the page of 2.
    expect(r.findall('Contents/Key').map((k) => k.text)).toEqual(['user/lin']);
    expect(r.findall('CommonPrefixes/Prefix').map((p) => p.text)).toEqual(['user/photos/']);
    const contents = r.find('Contents');
    expectElements(contents, ['Key', 'LastModified', 'Etag', 'ETag', 'Size', 'StorageClass', 'Owner/ID', 'Owner/DisplayName']);
    expect(contents?.findtext('LastModified')).toMatch(ISO_MILLIS);
    expect(contents?.findtext('Etag')).toBe(md5('user/lin'));
    expect(contents?.findtext('Size')).toBe(String('user/lin'.length));

    // The next page from NextMarker; no limit given: the service default of 100.
    const next = await client.list_objects({ bucket, prefix: 'user/', delimiter: '/', marker: r.findtext('NextMarker') ?? '' });
    expect(next.response.findall('Contents/Key').map((k) => k.text)).toEqual(['user/yao', 'user/zhang']);
    expect(next.response.findtext('MaxKeys')).toBe('100');
    expect(next.response.findtext('IsTruncated')).toBe('false');
  });

  it('Put Object', async () => {
    // body: 文件句柄、字符串、字典等任何可序列化的对象; meta_data keys start with x-nos-meta-.
    const resp = await client.put_object({ bucket, key: 'put/string.txt', body: '字符串', meta_data: { 'x-nos-meta-owner': 'alice' } });
    expect(keysOf(resp)).toEqual(['etag', 'x_nos_request_id']);
    expect(resp.x_nos_request_id).toMatch(REQUEST_ID);
    expect(resp.etag).toBe(md5('字符串'));
    expect((await server.store.headObject(bucket, 'put/string.txt'))?.meta).toEqual({ owner: 'alice' });

    const file = join(mkdtempSync(join(tmpdir(), 'nos-seed-')), 'f.bin');
    writeFileSync(file, Buffer.from([0, 1, 2, 255]));
    const fromFile = await client.put_object({ bucket, key: 'put/file.bin', body: createReadStream(file) });
    expect(fromFile.etag).toBe(md5(Buffer.from([0, 1, 2, 255])));

    const dict = { name: '网易', n: 1 };
    const fromDict = await client.put_object({ bucket, key: 'put/dict.json', body: dict });
    expect(fromDict.etag).toBe(md5(JSON.stringify(dict)));
    expect(JSON.parse(await text((await client.get_object({ bucket, key: 'put/dict.json' })).body))).toEqual(dict);
  });

  it('Put Object - Copy', async () => {
    await client.put_object({ bucket, key: 'copy/src 源.txt', body: 'copied' });
    const resp = await client.copy_object({ src_bucket: bucket, src_key: 'copy/src 源.txt', dest_bucket: bucket, dest_key: 'copy/dest.txt' });
    expect(keysOf(resp)).toEqual(['x_nos_request_id']);
    expect(resp.x_nos_request_id).toMatch(REQUEST_ID);
    expect(await text((await client.get_object({ bucket, key: 'copy/dest.txt' })).body)).toBe('copied');
    expect((await client.head_object({ bucket, key: 'copy/src 源.txt' })).content_length).toBe(6);
  });

  it('Move Object', async () => {
    await client.put_object({ bucket, key: 'move/from.txt', body: 'moved' });
    const resp = await client.move_object({ src_bucket: bucket, src_key: 'move/from.txt', dest_bucket: bucket, dest_key: 'move/to.txt' });
    expect(keysOf(resp)).toEqual(['x_nos_request_id']);
    expect(await text((await client.get_object({ bucket, key: 'move/to.txt' })).body)).toBe('moved');
    await expect(client.head_object({ bucket, key: 'move/from.txt' })).rejects.toBeInstanceOf(nos.exceptions.NotFoundError);
  });

  it('Initiate Multipart Upload', async () => {
    const resp = await client.create_multipart_upload({ bucket, key: 'movie.avi', meta_data: { 'x-nos-meta-kind': 'movie' } });
    expect(keysOf(resp)).toEqual(['response', 'x_nos_request_id']);
    const r = resp.response;
    expect(r.tag).toBe('InitiateMultipartUploadResult');
    expect(r.findtext('Bucket')).toBe(bucket);
    expect(r.findtext('Key')).toBe('movie.avi');
    expect(r.findtext('UploadId')).toMatch(/^\S+$/);
    await client.abort_multipart_upload({ bucket, key: 'movie.avi', upload_id: r.findtext('UploadId') ?? '' });
  });

  it('Upload Part', async () => {
    const init = await client.create_multipart_upload({ bucket, key: 'upload-part.bin' });
    const uploadId = init.response.findtext('UploadId') ?? '';
    // resp = client.upload_part(bucket=..., key=..., part_num=2, upload_id=..., body=serializable_object)
    const resp = await client.upload_part({ bucket, key: 'upload-part.bin', part_num: 2, upload_id: uploadId, body: 'part two' });
    expect(keysOf(resp)).toEqual(['etag', 'x_nos_request_id']);
    expect(resp.etag).toBe(md5('part two'));
    const parts = await client.list_parts({ bucket, key: 'upload-part.bin', upload_id: uploadId });
    expect(parts.response.findall('Part/PartNumber').map((p) => p.text)).toEqual(['2']);
    await client.abort_multipart_upload({ bucket, key: 'upload-part.bin', upload_id: uploadId });
  });

  it('Complete Multipart Upload', async () => {
    const key = 'complete/movie.avi';
    const init = await client.create_multipart_upload({ bucket, key });
    const uploadId = init.response.findtext('UploadId') ?? '';
    const bodies = [Buffer.alloc(MIN_PART, 'a'), Buffer.from('the end')];
    const info: Array<{ part_num: number; etag: string }> = [];
    for (const [i, body] of bodies.entries()) {
      const up = await client.upload_part({ bucket, key, part_num: i + 1, upload_id: uploadId, body });
      info.push({ part_num: i + 1, etag: up.etag });
    }
    const whole = Buffer.concat(bodies);
    // resp = client.complete_multipart_upload(bucket=..., key=..., upload_id=..., info=[{part_num, etag}, ...], object_md5=...)
    const resp = await client.complete_multipart_upload({ bucket, key, upload_id: uploadId, info, object_md5: md5(whole) });
    expect(keysOf(resp)).toEqual(['response', 'x_nos_request_id']);
    const r = resp.response;
    expect(r.tag).toBe('CompleteMultipartUploadResult');
    expectElements(r, ['Location', 'Bucket', 'Key', 'ETag']);
    // <bucket>.<endpoint>/<key> on the service; path style names the bucket in the path.
    expect(r.findtext('Location')).toBe(`${server.hostPort}/${bucket}/complete%2Fmovie.avi`);
    expect(r.findtext('Bucket')).toBe(bucket);
    expect(r.findtext('Key')).toBe(key);
    expect(r.findtext('ETag')).toMatch(/^"[0-9a-f]{32}-2"$/);
    const got = await client.get_object({ bucket, key });
    expect((await buffer(got.body)).equals(whole)).toBe(true);
    expect((await server.store.headObject(bucket, key))?.extra['objectMd5']).toBe(md5(whole));
  });

  it('Abort Multipart Upload', async () => {
    const init = await client.create_multipart_upload({ bucket, key: 'abort.bin' });
    const uploadId = init.response.findtext('UploadId') ?? '';
    await client.upload_part({ bucket, key: 'abort.bin', part_num: 1, upload_id: uploadId, body: 'x' });
    const resp = await client.abort_multipart_upload({ bucket, key: 'abort.bin', upload_id: uploadId });
    expect(keysOf(resp)).toEqual(['x_nos_request_id']);
    expect(resp.x_nos_request_id).toMatch(REQUEST_ID);
    await expect(client.list_parts({ bucket, key: 'abort.bin', upload_id: uploadId })).rejects.toMatchObject({
      constructor: nos.exceptions.NotFoundError,
      error_code: 'NoSuchUpload',
    });
  });

  it('List Parts', async () => {
    const key = 'example-Object';
    const init = await client.create_multipart_upload({ bucket, key });
    const uploadId = init.response.findtext('UploadId') ?? '';
    for (let n = 1; n <= 4; n++) await client.upload_part({ bucket, key, part_num: n, upload_id: uploadId, body: `part ${n}` });
    // The seed's sample answer: PartNumberMarker 1, MaxParts 2, parts 2 and 3, NextPartNumberMarker 3, IsTruncated true.
    const resp = await client.list_parts({ bucket, key, upload_id: uploadId, limit: 2, part_number_marker: '1' });
    expect(keysOf(resp)).toEqual(['response', 'x_nos_request_id']);
    const r = resp.response;
    expect(r.tag).toBe('ListPartsResult');
    expectElements(r, [
      'Bucket',
      'Key',
      'UploadId',
      'Owner/ID',
      'Owner/DisplayName',
      'StorageClass',
      'PartNumberMarker',
      'NextPartNumberMarker',
      'MaxParts',
      'IsTruncated',
      'Part',
    ]);
    expect([r.findtext('Bucket'), r.findtext('Key'), r.findtext('UploadId')]).toEqual([bucket, key, uploadId]);
    expect(r.findtext('PartNumberMarker')).toBe('1');
    expect(r.findtext('NextPartNumberMarker')).toBe('3');
    expect(r.findtext('MaxParts')).toBe('2');
    expect(r.findtext('IsTruncated')).toBe('true');
    const parts = r.findall('Part');
    expect(parts.map((p) => p.findtext('PartNumber'))).toEqual(['2', '3']);
    expectElements(parts[0] ?? null, ['PartNumber', 'LastModified', 'ETag', 'Size']);
    expect(parts[0]?.findtext('ETag')).toBe(`"${md5('part 2')}"`);
    expect(parts[0]?.findtext('Size')).toBe('6');
    expect(parts[0]?.findtext('LastModified')).toMatch(ISO_MILLIS);
    // No limit: the service default of 1000.
    const all = await client.list_parts({ bucket, key, upload_id: uploadId });
    expect(all.response.findtext('MaxParts')).toBe('1000');
    expect(all.response.findall('Part')).toHaveLength(4);
    await client.abort_multipart_upload({ bucket, key, upload_id: uploadId });
  });

  it('List Multipart Uploads', async () => {
    const other = 'nos-seed-uploads';
    await createBucket(server, other);
    const ids: string[] = [];
    for (const key of ['my-divisor', 'my-movie.m2ts', 'z-last']) {
      const init = await client.create_multipart_upload({ bucket: other, key });
      ids.push(init.response.findtext('UploadId') ?? '');
    }
    // resp = client.list_multipart_uploads(bucket="string", limit=..., key_marker=...)
    const resp = await client.list_multipart_uploads({ bucket: other, limit: 2 });
    expect(keysOf(resp)).toEqual(['response', 'x_nos_request_id']);
    const r = resp.response;
    expect(r.tag).toBe('ListMultipartUploadsResult');
    expect(r.findtext('Bucket')).toBe(other);
    expect(r.findtext('NextKeyMarker')).toBe('my-movie.m2ts');
    expect(r.findtext('IsTruncated')).toBe('true');
    const uploads = r.findall('Upload');
    expect(uploads.map((u) => u.findtext('Key'))).toEqual(['my-divisor', 'my-movie.m2ts']);
    expect(uploads.map((u) => u.findtext('UploadId'))).toEqual(ids.slice(0, 2));
    expectElements(uploads[0] ?? null, ['Key', 'UploadId', 'Owner/ID', 'Owner/DisplayName', 'StorageClass', 'Initiated']);
    expect(uploads[0]?.findtext('Initiated')).toMatch(ISO_MILLIS);

    const rest = await client.list_multipart_uploads({ bucket: other, key_marker: r.findtext('NextKeyMarker') ?? '' });
    expect(rest.response.findall('Upload/Key').map((k) => k.text)).toEqual(['z-last']);
    expect(rest.response.findtext('IsTruncated')).toBe('false');
  });
});
