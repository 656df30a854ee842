import { mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { request } from './undici.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BceClientConfiguration,
  BceCredentials,
  BceHttpClientError,
  BceServerError,
  BosClient,
  canned_acl,
  METHOD_ALIASES,
  NoRetryPolicy,
} from '../src/index.ts';
import { SECOND_KEY, startBosEmulator, type TestEmulator } from './emulator.ts';

let emu: TestEmulator;
let client: BosClient;
let other: BosClient;
let dir: string;
const B = 'integ-bucket';
const md5b64 = (s: string | Buffer): string => createHash('md5').update(s).digest('base64');
const md5hex = (s: string | Buffer): string => createHash('md5').update(s).digest('hex');

function makeClient(ak: string, sk: string, extra: Partial<ConstructorParameters<typeof BceClientConfiguration>[0]> = {}): BosClient {
  return new BosClient(new BceClientConfiguration({ credentials: new BceCredentials(ak, sk), endpoint: emu.endpoint, ...extra }));
}

async function serverError(p: Promise<unknown>): Promise<BceServerError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BceHttpClientError);
  const last = (err as BceHttpClientError).last_error;
  expect(last).toBeInstanceOf(BceServerError);
  return last as BceServerError;
}

beforeAll(async () => {
  emu = await startBosEmulator({ minPartSize: 1024 });
  client = makeClient(emu.accessKeyId, emu.secretAccessKey);
  other = makeClient(SECOND_KEY.accessKeyId, SECOND_KEY.secretAccessKey);
  dir = await mkdtemp(join(tmpdir(), 'yunstore-bos-'));
  await client.create_bucket(B);
});
afterAll(async () => {
  await client.close();
  await other.close();
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('buckets', () => {
  it('create_bucket, does_bucket_exist, list_buckets, get_bucket_location, delete_bucket', async () => {
    expect(await client.does_bucket_exist('tmp-bucket-1')).toBe(false);
    const created = await client.create_bucket('tmp-bucket-1');
    expect(created.metadata.bce_request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await client.does_bucket_exist('tmp-bucket-1')).toBe(true);
    // 403: exists but belongs to someone else
    expect(await other.does_bucket_exist('tmp-bucket-1')).toBe(true);
    const list = await client.list_buckets();
    expect(list.owner.id).toBeTruthy();
    const found = list.buckets.find((b) => b.name === 'tmp-bucket-1');
    expect(found?.location).toBe('bj');
    expect(found?.creation_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await client.get_bucket_location('tmp-bucket-1')).toBe('bj');
    const dup = await serverError(client.create_bucket('tmp-bucket-1'));
    expect([dup.status_code, dup.code]).toEqual([409, 'BucketAlreadyExists']);
    await client.delete_bucket('tmp-bucket-1');
    expect(await client.doesBucketExist('tmp-bucket-1')).toBe(false);
  });

  it('delete_bucket refuses a bucket that is not empty', async () => {
    await client.createBucket('tmp-bucket-2');
    await client.put_object_from_string('tmp-bucket-2', 'k', 'v');
    const err = await serverError(client.delete_bucket('tmp-bucket-2'));
    expect([err.status_code, err.code]).toEqual([409, 'BucketNotEmpty']);
    expect(err.request_id).toBeTruthy();
    await client.delete_object('tmp-bucket-2', 'k');
    await client.delete_bucket('tmp-bucket-2');
  });

  it('set_bucket_canned_acl, get_bucket_acl, set_bucket_acl (round trip of the response)', async () => {
    await client.create_bucket('acl-bucket');
    await client.put_object_from_string('acl-bucket', 'pub.txt', 'public');
    const anon = (): Promise<number> => request(`${emu.endpoint}/acl-bucket/pub.txt`).then((r) => (r.body.resume(), r.statusCode));
    expect(await anon()).toBe(403);
    await client.set_bucket_canned_acl('acl-bucket', canned_acl.PUBLIC_READ);
    expect(await anon()).toBe(200);
    const acl = await client.get_bucket_acl('acl-bucket');
    expect(acl.owner.id).toBeTruthy();
    expect(acl.access_control_list.some((g) => g.grantee.some((x) => x.id === '*') && g.permission.includes('READ'))).toBe(true);
    await client.set_bucket_canned_acl('acl-bucket', canned_acl.PRIVATE);
    expect(await anon()).toBe(403);

    await client.set_bucket_acl('acl-bucket', [{ grantee: [{ id: SECOND_KEY.owner }, { id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }], permission: ['READ'] }]);
    expect(await other.get_object_as_string('acl-bucket', 'pub.txt')).toBe('public');
    const after = await client.get_bucket_acl('acl-bucket');
    expect(after.access_control_list).toEqual([{ grantee: [{ id: SECOND_KEY.owner }, { id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }], permission: ['READ'] }]);
    // The response's list goes straight back in, as the seed shows.
    await client.set_bucket_acl('acl-bucket', after.access_control_list);
    const denied = await serverError(other.put_object_from_string('acl-bucket', 'x', 'y'));
    expect([denied.status_code, denied.code]).toEqual([403, 'AccessDenied']);
  });
});

describe('objects', () => {
  const keys = ['plain.txt', 'with space.txt', '中文/文件.txt', 'a+b%20c~d*e.txt', 'a//b///c', 'folder/', "q'(!)"];

  it.each(keys)('put/get/head/delete key %j', async (key) => {
    const put = await client.put_object_from_string(B, key, `body of ${key}`, { user_metadata: { author: 'Zhang San' } });
    expect(put.metadata.e_tag).toBe(md5hex(`body of ${key}`));
    expect(put.metadata.etag).toBe(put.metadata.e_tag);
    expect(await client.get_object_as_string(B, key)).toBe(`body of ${key}`);
    const head = await client.get_object_meta_data(B, key);
    expect(head.metadata.content_length).toBe(String(Buffer.byteLength(`body of ${key}`)));
    expect(head.metadata.bce_meta).toEqual({ author: 'Zhang San' });
    expect(head.metadata['bce_meta_author']).toBe('Zhang San');
    const listed = await client.list_objects(B, { prefix: key });
    expect(listed.contents.map((c) => c.key)).toContain(key);
    await client.delete_object(B, key);
    const gone = await serverError(client.get_object_meta_data(B, key));
    expect(gone.status_code).toBe(404);
  });

  it('put_object with a stream, length and MD5; Content-MD5 mismatch is BadDigest', async () => {
    const data = Buffer.from('streamed bytes');
    await client.put_object(B, 'stream.bin', Readable.from([data]), data.length, md5b64(data), { content_type: 'application/x-test' });
    const got = await client.get_object(B, 'stream.bin');
    expect(got.metadata.content_type).toBe('application/x-test');
    const chunks: Buffer[] = [];
    for await (const c of got.data) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    const bad = await serverError(client.put_object(B, 'bad.bin', data, data.length, md5b64('other')));
    expect([bad.status_code, bad.code]).toEqual([400, 'BadDigest']);
  });

  it('get_object with a range, get_object_to_file (atomic), put_object_from_file (type guessed)', async () => {
    const src = join(dir, 'upload.json');
    await writeFile(src, '{"hello":"world"}');
    await client.put_object_from_file(B, 'file.json', src);
    const head = await client.getObjectMetaData(B, 'file.json');
    expect(head.metadata.content_type).toBe('application/json');
    expect(await client.get_object_as_string(B, 'file.json', [1, 7])).toBe('"hello"');
    const ranged = await client.get_object(B, 'file.json', { range: [0, 0] });
    expect(ranged.metadata.content_range).toBe('bytes 0-0/17');
    ranged.data.resume();
    const dest = join(dir, 'download.json');
    const res = await client.get_object_to_file(B, 'file.json', dest);
    expect(res.metadata.e_tag).toBe(head.metadata.e_tag);
    expect(await readFile(dest, 'utf8')).toBe('{"hello":"world"}');
    await expect(client.get_object_to_file(B, 'missing', join(dir, 'missing.out'))).rejects.toBeInstanceOf(BceHttpClientError);
    await expect(stat(join(dir, 'missing.out'))).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('copy_object copies or replaces metadata, checks the etag condition', async () => {
    await client.put_object_from_string(B, 'src 源.txt', 'copy me', { user_metadata: { a: '1' } });
    const copied = await client.copy_object(B, 'src 源.txt', 'tmp-copy-target', 'x').catch((e: unknown) => e);
    expect(copied).toBeInstanceOf(BceHttpClientError);
    const res = await client.copy_object(B, 'src 源.txt', B, 'dst/副本.txt');
    expect(res.e_tag).toBe(md5hex('copy me'));
    expect(res.etag).toBe(res.e_tag);
    expect(res.last_modified).toBeTruthy();
    expect((await client.get_object_meta_data(B, 'dst/副本.txt')).metadata.bce_meta).toEqual({ a: '1' });
    await client.copy_object(B, 'src 源.txt', B, 'dst/replaced.txt', { user_metadata: { b: '2' }, content_type: 'text/plain' });
    const replaced = await client.get_object_meta_data(B, 'dst/replaced.txt');
    expect(replaced.metadata.bce_meta).toEqual({ b: '2' });
    expect(replaced.metadata.content_type).toBe('text/plain');
    const cond = await serverError(client.copy_object(B, 'src 源.txt', B, 'dst/cond.txt', { etag: 'ffffffffffffffffffffffffffffffff' }));
    expect(cond.status_code).toBe(412);
    await client.copy_object(B, 'src 源.txt', B, 'dst/cond.txt', { etag: md5hex('copy me') });
  });

  it('generate_pre_signed_url works with plain HTTP, expires, and -1 never expires', async () => {
    await client.put_object_from_string(B, 'shared file+1.txt', 'presigned');
    const url = client.generate_pre_signed_url(B, 'shared file+1.txt');
    const ok = await request(url);
    expect(ok.statusCode).toBe(200);
    expect(await ok.body.text()).toBe('presigned');
    const old = Math.floor(Date.now() / 1000) - 3600;
    const expired = await request(client.generate_pre_signed_url(B, 'shared file+1.txt', old, 60));
    expect(expired.statusCode).toBe(400);
    expect(((await expired.body.json()) as { code: string }).code).toBe('RequestExpired');
    const forever = await request(client.generatePresignedUrl(B, 'shared file+1.txt', old, -1));
    expect(forever.statusCode).toBe(200);
    await forever.body.text();
    const withParams = client.generate_pre_signed_url(B, 'shared file+1.txt', { params: { responseContentDisposition: 'attachment' } });
    const dl = await request(withParams);
    expect(dl.headers['content-disposition']).toBe('attachment');
    await dl.body.text();
  });
});

describe('listing', () => {
  it('list_objects pages with prefix/delimiter/marker/max_keys; list_all_objects walks every page', async () => {
    await client.create_bucket('list-bucket');
    const names = ['a/1', 'a/2', 'a/b/3', 'b/4', 'c', 'd', 'e'];
    for (const n of names) await client.put_object_from_string('list-bucket', n, n);
    const page = await client.list_objects('list-bucket', 2);
    expect(page.is_truncated).toBe(true);
    expect(page.max_keys).toBe(2);
    expect(page.contents.map((c) => c.key)).toEqual(['a/1', 'a/2']);
    expect(page.next_marker).toBe('a/2');
    expect(page.contents[0]).toMatchObject({ size: 3, e_tag: md5hex('a/1'), etag: md5hex('a/1') });
    expect(page.contents[0]?.owner.id).toBeTruthy();
    const next = await client.list_objects('list-bucket', 2, undefined, page.next_marker);
    expect(next.contents.map((c) => c.key)).toEqual(['a/b/3', 'b/4']);
    const grouped = await client.list_objects('list-bucket', { delimiter: '/' });
    expect(grouped.common_prefixes).toEqual([{ prefix: 'a/' }, { prefix: 'b/' }]);
    expect(grouped.contents.map((c) => c.key)).toEqual(['c', 'd', 'e']);
    const sub = await client.list_objects('list-bucket', { prefix: 'a/', delimiter: '/' });
    expect(sub.common_prefixes).toEqual([{ prefix: 'a/b/' }]);

    const all: string[] = [];
    for await (const o of client.list_all_objects('list-bucket')) all.push(o.key);
    expect(all).toEqual(names);
    const some: string[] = [];
    for await (const o of client.listAllObjects('list-bucket', 'a/')) some.push(o.key);
    expect(some).toEqual(['a/1', 'a/2', 'a/b/3']);
  });
});

describe('multipart', () => {
  it('initiate, upload_part(_from_file), list_parts, list_all_parts, complete', async () => {
    const part1 = Buffer.alloc(2048, 'a');
    const part2 = Buffer.alloc(2048, 'b');
    const file = join(dir, 'parts.bin');
    await writeFile(file, Buffer.concat([part1, part2, Buffer.from('tail')]));
    const key = 'big file/分块.bin';
    const upload_id = (await client.initiate_multipart_upload(B, key)).upload_id;
    expect(upload_id).toBeTruthy();
    const r1 = await client.upload_part(B, key, upload_id, 1, part1.length, part1, { part_md5: md5b64(part1) });
    expect(r1.metadata.e_tag).toBe(md5hex(part1));
    const r2 = await client.upload_part_from_file(B, key, upload_id, 2, 2048, file, 2048);
    const r3 = await client.uploadPartFromFile(B, key, upload_id, 3, 4, file, 4096);
    const parts = await client.list_parts(B, key, upload_id, 2);
    expect(parts.is_truncated).toBe(true);
    expect(parts.parts.map((p) => p.part_number)).toEqual([1, 2]);
    expect(parts.next_part_number_marker).toBe(2);
    expect(parts.upload_id).toBe(upload_id);
    expect(parts.parts[0]).toMatchObject({ size: 2048, e_tag: md5hex(part1), etag: md5hex(part1) });
    const rest = await client.list_parts(B, key, upload_id, { part_number_marker: 2 });
    expect(rest.parts.map((p) => p.part_number)).toEqual([3]);
    const all = [];
    for await (const p of client.list_all_parts(B, key, upload_id)) all.push(p.part_number);
    expect(all).toEqual([1, 2, 3]);
    const part_list = [r1, r2, r3].map((r, i) => ({ partNumber: i + 1, eTag: r.metadata.e_tag! }));
    const done = await client.complete_multipart_upload(B, key, upload_id, part_list, { user_metadata: { origin: 'parts' } });
    expect(done).toMatchObject({ bucket: B, key });
    expect(done.e_tag).toBe(done.etag);
    expect(done.location).toContain(B);
    const body = await client.get_object_as_string(B, key);
    expect(body.length).toBe(4100);
    expect((await client.get_object_meta_data(B, key)).metadata.bce_meta).toEqual({ origin: 'parts' });
  });

  it('complete validates parts: order, ETags, minimum size', async () => {
    const key = 'bad-complete';
    const { upload_id } = await client.initiate_multipart_upload(B, key);
    const small = Buffer.from('tiny');
    const e1 = (await client.upload_part(B, key, upload_id, 1, small.length, small)).metadata.e_tag!;
    const e2 = (await client.upload_part(B, key, upload_id, 2, small.length, small)).metadata.e_tag!;
    const order = await serverError(
      client.complete_multipart_upload(B, key, upload_id, [
        { partNumber: 2, eTag: e2 },
        { partNumber: 1, eTag: e1 },
      ]),
    );
    expect(order.code).toBe('InvalidPartOrder');
    const wrong = await serverError(client.complete_multipart_upload(B, key, upload_id, [{ partNumber: 1, eTag: 'ffff' }]));
    expect(wrong.code).toBe('InvalidPart');
    const tooSmall = await serverError(
      client.complete_multipart_upload(B, key, upload_id, [
        { partNumber: 1, eTag: e1 },
        { partNumber: 2, eTag: e2 },
      ]),
    );
    expect(tooSmall.code).toBe('EntityTooSmall');
    await client.abort_multipart_upload(B, key, upload_id);
    const gone = await serverError(client.list_parts(B, key, upload_id));
    expect(gone.code).toBe('NoSuchUpload');
  });

  it('list_multipart_uploads pages with key_marker; list_all_multipart_uploads walks them', async () => {
    await client.create_bucket('mpu-bucket');
    const ids: string[] = [];
    for (const k of ['u/1', 'u/2', 'u/3', 'v/1']) ids.push((await client.initiate_multipart_upload('mpu-bucket', k)).upload_id);
    const page = await client.list_multipart_uploads('mpu-bucket', 2);
    expect(page.is_truncated).toBe(true);
    expect(page.uploads.map((u) => u.key)).toEqual(['u/1', 'u/2']);
    expect(page.uploads[0]?.upload_id).toBe(ids[0]);
    expect(page.uploads[0]?.owner.id).toBeTruthy();
    expect(page.next_key_marker).toBe('u/2');
    const rest = await client.list_multipart_uploads('mpu-bucket', { key_marker: 'u/2' });
    expect(rest.uploads.map((u) => u.key)).toEqual(['u/3', 'v/1']);
    const grouped = await client.list_multipart_uploads('mpu-bucket', { delimiter: '/' });
    expect(grouped.common_prefixes).toEqual([{ prefix: 'u/' }, { prefix: 'v/' }]);
    const all: string[] = [];
    for await (const u of client.list_all_multipart_uploads('mpu-bucket', 'u/')) all.push(u.upload_id);
    expect(all).toEqual(ids.slice(0, 3));
  });
});

describe('auth, errors, retries and aborts', () => {
  it('every seed method exists under its camelCase name too', () => {
    for (const [snake, camel] of Object.entries(METHOD_ALIASES)) {
      const proto = BosClient.prototype as unknown as Record<string, unknown>;
      expect(typeof proto[snake], snake).toBe('function');
      expect(proto[camel], camel).toBe(proto[snake]);
    }
    // The seed's 29, plus upload_part_copy and delete_multiple_objects.
    expect(Object.keys(METHOD_ALIASES)).toHaveLength(31);
  });

  it('a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId', async () => {
    const bad = makeClient(emu.accessKeyId, 'wrong-secret');
    const err = await serverError(bad.list_objects(B));
    expect([err.status_code, err.code]).toEqual([403, 'SignatureDoesNotMatch']);
    const unknown = makeClient('AKIDunknown', 'x');
    expect((await serverError(unknown.list_buckets())).code).toBe('InvalidAccessKeyId');
    await bad.close();
    await unknown.close();
  });

  it('a skewed client clock is corrected once from the server Date', async () => {
    emu.shiftClock(-3600);
    try {
      const skewed = makeClient(emu.accessKeyId, emu.secretAccessKey);
      await expect(skewed.list_objects(B)).resolves.toBeTruthy();
      expect(skewed.context.clockOffsetMs).toBeLessThan(-3000 * 1000);
      await skewed.close();
    } finally {
      emu.shiftClock(3600);
    }
  });

  it('retries 500s with the back-off policy and wraps the last error after giving up', async () => {
    emu.faults.set({ operations: ['get_object_meta_data'], errorCount: 2, errorStatus: 500 });
    await client.put_object_from_string(B, 'retry.txt', 'r');
    const head = await client.get_object_meta_data(B, 'retry.txt');
    expect(head.metadata.content_length).toBe('1');
    emu.faults.set({ operations: ['get_object'], errorCount: 1, errorStatus: 503 });
    const noRetry = makeClient(emu.accessKeyId, emu.secretAccessKey, { retry_policy: new NoRetryPolicy() });
    const err = (await noRetry.get_object_as_string(B, 'retry.txt').catch((e: unknown) => e)) as BceHttpClientError;
    expect(err).toBeInstanceOf(BceHttpClientError);
    expect(err.message).toMatch(/^Unable to execute HTTP request\. Retried 0 times\./);
    expect(err.status_code).toBe(503);
    expect(err.code).toBe('ServiceUnavailable');
    emu.faults.clear();
    await noRetry.close();
  });

  it('an AbortSignal cancels the request', async () => {
    emu.faults.set({ operations: ['list_objects'], latencyMs: 2000 });
    const controller = new AbortController();
    const p = client.list_objects(B, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = (await p.catch((e: unknown) => e)) as BceHttpClientError;
    expect(err).toBeInstanceOf(BceHttpClientError);
    expect((err.last_error as { code?: string }).code).toBe('ABORTED');
    emu.faults.clear();
  });
});
