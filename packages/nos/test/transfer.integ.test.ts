/**
 * The high-level calls against the emulator's NOS dialect: uploads (single
 * PUT and multipart), downloads, resume of both, injected part failures,
 * copy, streams, folders, and presigned URLs fetched with plain undici.
 * Requests are counted by a transport subclass, so "only the missing parts
 * are sent" is measured on the wire.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ClientException,
  ConnectionError,
  NotFoundError,
  nos,
  Transport,
  UnsafeKeyError,
  type Client,
  type NosRequest,
  type NosResponse,
} from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';
import { request } from './support/undici.ts';

const KiB = 1024;
const PART = 64 * KiB;
const bucket = 'nos-transfer';

/** Every request the clients send, named by operation. */
const wire: string[] = [];
function operationOf(req: NosRequest): string {
  const has = (name: string) => req.params.some(([n]) => n === name);
  if (req.method === 'PUT') return has('partNumber') ? 'upload_part' : req.headers['x-nos-copy-source'] ? 'copy_object' : 'put_object';
  if (req.method === 'POST') return has('uploads') ? 'create_multipart_upload' : has('delete') ? 'delete_objects' : 'complete_multipart_upload';
  if (req.method === 'GET') return has('uploadId') ? 'list_parts' : req.headers['Range'] ? 'get_range' : req.key ? 'get_object' : 'list_objects';
  if (req.method === 'DELETE') return has('uploadId') ? 'abort_multipart_upload' : 'delete_object';
  return 'head_object';
}
class CountingTransport extends Transport {
  override async perform_request(req: NosRequest): Promise<NosResponse> {
    wire.push(operationOf(req));
    return super.perform_request(req);
  }
}
const sent = (op: string) => wire.filter((o) => o === op).length;

let server: NosTestServer;
let client: Client;
/** No transport retries: the engine's per-part retry has to do the work. */
let fragile: Client;
let dir: string;

beforeAll(async () => {
  server = await startNosServer({ minPartSize: 16 * KiB });
  await createBucket(server, bucket);
  const options = { access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: `http://${server.hostPort}`, transport_class: CountingTransport };
  client = new nos.Client(options);
  fragile = new nos.Client({ ...options, max_retries: 0 });
  dir = await mkdtemp(join(tmpdir(), 'nos-transfer-'));
});
afterAll(async () => {
  await client.close();
  await fragile.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  wire.length = 0;
  server.emulator.faults.clear();
});

async function localFile(name: string, size: number): Promise<{ path: string; data: Buffer }> {
  const data = randomBytes(size);
  const path = join(dir, name);
  await writeFile(path, data);
  return { path, data };
}

async function stored(key: string): Promise<Buffer> {
  const got = await client.get_object({ bucket, key });
  const chunks: Buffer[] = [];
  for await (const c of got.body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A progress recorder that checks monotonicity as it goes. */
function progress(onCall?: (consumed: number, total: number | undefined) => void) {
  const calls: Array<[number, number | undefined]> = [];
  return {
    calls,
    callback: (consumed: number, total: number | undefined) => {
      const last = calls[calls.length - 1];
      if (last) expect(consumed).toBeGreaterThanOrEqual(last[0]);
      calls.push([consumed, total]);
      onCall?.(consumed, total);
    },
  };
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

describe('upload_file / download_file', () => {
  it('sends a small file in one put_object with its meta_data and content_type', async () => {
    const { path, data } = await localFile('small.txt', 5000);
    const out = await client.upload_file({
      bucket,
      key: 'small.txt',
      file_path: path,
      meta_data: { 'x-nos-meta-owner': 'alice' },
      content_type: 'text/plain',
      checkpoint: dir,
    });
    expect(out.etag).toBe(md5(data));
    expect(sent('put_object')).toBe(1);
    expect(sent('upload_part')).toBe(0);
    const record = await server.store.headObject(bucket, 'small.txt');
    expect(record?.meta).toEqual({ owner: 'alice' });
    expect(record?.contentType).toBe('text/plain');
    expect(md5(await stored('small.txt'))).toBe(md5(data));
  });

  it('uploads a large file in concurrent parts with monotonic progress, and downloads it byte-identical', async () => {
    const { path, data } = await localFile('large.bin', 20 * PART + 123);
    const up = progress();
    const out = await client.uploadFile({
      bucket,
      key: 'dir/large 文件.bin',
      filename: path,
      part_size: PART,
      max_concurrency: 4,
      progress_callback: up.callback,
      checkpoint: dir,
    });
    expect(out.etag).toMatch(/^[0-9a-f]{32}-21$/);
    expect(out.response?.tag).toBe('CompleteMultipartUploadResult');
    expect(sent('upload_part')).toBe(21);
    expect(up.calls.length).toBeGreaterThan(21); // as bytes move, not once per part
    expect(up.calls[up.calls.length - 1]).toEqual([data.length, data.length]);

    const down = progress();
    const dest = join(dir, 'out', 'large.bin');
    const got = await client.download_file({
      bucket,
      key: 'dir/large 文件.bin',
      file_path: dest,
      part_size: 3 * PART,
      max_concurrency: 3,
      progress_callback: down.callback,
    });
    expect(got).toMatchObject({ content_length: data.length, etag: out.etag });
    expect(sent('get_range')).toBe(7);
    expect(md5(await readFile(dest))).toBe(md5(data));
    expect(down.calls[down.calls.length - 1]).toEqual([data.length, data.length]);
    expect(await readdir(join(dir, 'out'))).toEqual(['large.bin']); // no temporary file left
  });

  it('with verify_md5, sends again a part whose ETag is not the MD5 sent, and fails with MD5Mismatch when it never is', async () => {
    const { path, data } = await localFile('verify.bin', 4 * PART + 7);
    // A transport that reports a wrong ETag for the first answer of part 2 (a part stored damaged).
    let damaged = 1;
    class DamagingTransport extends Transport {
      override async perform_request(req: NosRequest): Promise<NosResponse> {
        const res = await super.perform_request(req);
        const part = req.params.find(([n]) => n === 'partNumber')?.[1];
        if (part === '2' && (damaged-- > 0 || req.key === 'always-damaged'))
          return { ...res, headers: { ...res.headers, etag: '"0123456789abcdef0123456789abcdef"' } };
        return res;
      }
    }
    const options = { access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: `http://${server.hostPort}`, transport_class: DamagingTransport };
    const checking = new nos.Client(options);
    try {
      const out = await checking.upload_file({ bucket, key: 'verified', file_path: path, part_size: PART, max_concurrency: 1, verify_md5: true });
      expect(out.etag).toMatch(/-5$/);
      const back = await checking.get_object({ bucket, key: 'verified' });
      expect(md5(await back.body.read())).toBe(md5(data));
      const failed = await checking
        .upload_file({ bucket, key: 'always-damaged', file_path: path, part_size: PART, max_concurrency: 1, verify_md5: true, checkpoint: false })
        .catch((e: unknown) => e);
      expect(failed).toMatchObject({ name: 'IntegrityError', code: 'MD5Mismatch' });
      await expect(checking.upload_file({ bucket, key: 'k', file_path: path, verify_md5: 'yes' as unknown as boolean })).rejects.toThrow(ClientException);
    } finally {
      await checking.close();
    }
  });

  it('resumes an aborted upload sending only the parts NOS does not have', async () => {
    const checkpoint = join(dir, 'ckpt-resume');
    const { path, data } = await localFile('resume.bin', 24 * 16 * KiB + 7);
    const key = 'resume.bin';
    const controller = new AbortController();
    const first = progress((consumed) => {
      if (consumed >= data.length / 3) controller.abort();
    });
    const params = { bucket, key, file_path: path, part_size: 16 * KiB, max_concurrency: 2, checkpoint };
    await expect(client.upload_file({ ...params, progress_callback: first.callback, signal: controller.signal })).rejects.toBeInstanceOf(ConnectionError);
    await new Promise((r) => setTimeout(r, 100)); // let the server finish any part it was storing
    const uploads = await client.list_multipart_uploads({ bucket });
    const upload = uploads.response.findall('Upload').find((u) => u.findtext('Key') === key);
    const uploadId = upload?.findtext('UploadId') ?? '';
    const held = (await client.list_parts({ bucket, key, upload_id: uploadId })).response.findall('Part').length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(25);

    wire.length = 0;
    const second = progress();
    const out = await client.upload_file({ ...params, progress_callback: second.callback });
    expect(sent('create_multipart_upload')).toBe(0);
    expect(sent('upload_part')).toBe(25 - held);
    expect(out.etag).toMatch(/-25$/);
    expect(second.calls[0]?.[0]).toBe(held * 16 * KiB); // starts from what NOS already holds
    expect(second.calls[second.calls.length - 1]).toEqual([data.length, data.length]);
    expect(md5(await stored(key))).toBe(md5(data));
    expect(await readdir(checkpoint)).toEqual([]); // the checkpoint is gone once done
  });

  it('starts over cleanly when the file changed between attempts', async () => {
    const checkpoint = join(dir, 'ckpt-changed');
    const { path, data } = await localFile('changed.bin', 10 * 16 * KiB);
    const controller = new AbortController();
    const params = { bucket, key: 'changed.bin', file_path: path, part_size: 16 * KiB, max_concurrency: 1, checkpoint };
    await expect(
      client.upload_file({ ...params, signal: controller.signal, progress_callback: (c) => c >= data.length / 2 && controller.abort() }),
    ).rejects.toBeInstanceOf(ConnectionError);
    const changed = Buffer.from(data).reverse();
    await writeFile(path, changed);
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    wire.length = 0;
    await client.upload_file(params);
    expect(sent('upload_part')).toBe(10);
    expect(sent('abort_multipart_upload')).toBe(1); // the stale upload is freed
    expect(md5(await stored('changed.bin'))).toBe(md5(changed));
  });

  it('resumes an aborted download fetching only the missing ranges', async () => {
    const data = randomBytes(16 * PART);
    await client.put_object({ bucket, key: 'dl-resume.bin', body: data });
    const checkpoint = join(dir, 'ckpt-dl');
    const dest = join(dir, 'dl', 'resumed.bin');
    const controller = new AbortController();
    const params = { bucket, key: 'dl-resume.bin', file_path: dest, part_size: PART, max_concurrency: 2, checkpoint };
    await expect(
      client.download_file({ ...params, signal: controller.signal, progress_callback: (c) => c >= data.length / 2 && controller.abort() }),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect((await readdir(join(dir, 'dl'))).some((f) => f.endsWith('.yunstore-tmp'))).toBe(true); // the resume state
    wire.length = 0;
    await client.download_file(params);
    expect(sent('get_range')).toBeGreaterThan(0);
    expect(sent('get_range')).toBeLessThanOrEqual(10);
    expect(md5(await readFile(dest))).toBe(md5(data));
    expect(await readdir(join(dir, 'dl'))).toEqual(['resumed.bin']);
  });

  it('completes despite 5% injected part failures (503), retrying only the failed parts', async () => {
    let seed = 42;
    server.emulator.faults.setRandom(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    server.emulator.faults.add({ dialects: ['nos'], operations: ['upload_part', 'get_object'], errorRate: 0.05, errorStatus: 503 });
    try {
      const { path, data } = await localFile('faulty.bin', 80 * 16 * KiB);
      await fragile.upload_file({ bucket, key: 'faulty.bin', file_path: path, part_size: 16 * KiB, max_concurrency: 4, checkpoint: false });
      const injected = server.emulator.faults.stats().errors;
      expect(injected).toBeGreaterThan(0);
      expect(sent('upload_part')).toBe(80 + injected);
      const dest = join(dir, 'faulty-copy.bin');
      await fragile.download_file({ bucket, key: 'faulty.bin', file_path: dest, part_size: 16 * KiB, checkpoint: false });
      expect(md5(await readFile(dest))).toBe(md5(data));
    } finally {
      server.emulator.faults.setRandom(Math.random);
    }
  });

  it('treats a 4xx answer as final: no retry, the NOS exception as is', async () => {
    const { path } = await localFile('nobucket.bin', 100);
    await expect(client.upload_file({ bucket: 'no-such-bucket', key: 'x', file_path: path })).rejects.toBeInstanceOf(NotFoundError);
    expect(sent('put_object')).toBe(1);
  });

  it('refuses bad arguments before any request, naming the parameter', async () => {
    const { path } = await localFile('args.bin', 10);
    await expect(client.upload_file({ bucket, key: 'k', file_path: path, part_size: 1000 })).rejects.toThrow(/part_size/);
    await expect(client.upload_file({ bucket, key: 'k', file_path: path, max_concurrency: 0 })).rejects.toThrow(/max_concurrency/);
    await expect(client.upload_file({ bucket, key: 'k', file_path: path, checkpoint: 3 as never })).rejects.toThrow(/checkpoint/);
    await expect(client.upload_file({ bucket, key: 'k' })).rejects.toThrow(/file_path/);
    await expect(client.upload_file({ bucket, key: 'k', file_path: path, content_type: 'a', meta_data: { 'Content-Type': 'b' } })).rejects.toThrow(
      /content_type/,
    );
    await expect(client.upload_file({ bucket, key: 'k', file_path: join(dir, 'missing.bin') })).rejects.toBeInstanceOf(ClientException);
    expect(wire).toEqual([]);
  });
});

describe('streams and copy', () => {
  it('uploads a stream of unknown length and downloads into a writable', async () => {
    const data = randomBytes(5 * PART + 11);
    const chunks = Array.from({ length: 40 }, (_, i) => data.subarray((i * data.length) / 40, ((i + 1) * data.length) / 40));
    const out = await client.upload_stream({ bucket, key: 'stream.bin', body: Readable.from(chunks), part_size: PART });
    expect(out.etag).toMatch(/-6$/);
    const sink = new PassThrough();
    const received: Buffer[] = [];
    sink.on('data', (c: Buffer) => received.push(c));
    const got = await client.downloadStream({ bucket, key: 'stream.bin', writable: sink, part_size: PART, max_concurrency: 3 });
    expect(got.content_length).toBe(data.length);
    expect(md5(Buffer.concat(received))).toBe(md5(data));
  });

  it('copies an object server-side with progress ending at its size', async () => {
    const data = randomBytes(3 * PART);
    await client.put_object({ bucket, key: 'copy-src', body: data });
    const p = progress();
    await client.copy({ src_bucket: bucket, src_key: 'copy-src', dest_bucket: bucket, dest_key: 'copy/dest', progress_callback: p.callback });
    expect(sent('copy_object')).toBe(1);
    expect(p.calls[p.calls.length - 1]).toEqual([data.length, data.length]);
    expect(md5(await stored('copy/dest'))).toBe(md5(data));
  });
});

describe('folders', () => {
  it('round-trips a folder (nested, unicode, spaces, empty files) and deletes the prefix', async () => {
    const src = join(dir, 'tree');
    const files: Record<string, Buffer> = {
      'a.txt': Buffer.from('alpha'),
      'empty.bin': Buffer.alloc(0),
      'nested/deep/big.bin': randomBytes(3 * PART + 5),
      'with space/文件 名.txt': Buffer.from('unicode'),
    };
    for (const [rel, data] of Object.entries(files)) {
      await mkdir(join(src, rel, '..'), { recursive: true });
      await writeFile(join(src, rel), data);
    }
    const up = progress();
    const uploaded = await client.upload_folder({ bucket, prefix: 'tree', folder: src, part_size: PART, progress_callback: up.callback, checkpoint: false });
    expect(uploaded.map((e) => e.key).sort()).toEqual(
      Object.keys(files)
        .map((k) => `tree/${k}`)
        .sort(),
    );
    const total = Object.values(files).reduce((n, b) => n + b.length, 0);
    expect(up.calls[up.calls.length - 1]).toEqual([total, total]);

    const dest = join(dir, 'tree-copy');
    await client.download_folder({ bucket, prefix: 'tree/', folder: dest, part_size: PART, checkpoint: false });
    for (const [rel, data] of Object.entries(files)) expect(md5(await readFile(join(dest, rel)))).toBe(md5(data));

    wire.length = 0;
    const deleted = await client.delete_prefix({ bucket, prefix: 'tree/' });
    expect(deleted).toEqual({ deleted: 4, errors: [] });
    expect(sent('delete_objects')).toBe(1);
    const left = await client.list_objects({ bucket, prefix: 'tree/' });
    expect(left.response.findall('Contents')).toEqual([]);
    await expect(client.delete_prefix({ bucket, prefix: '' })).rejects.toThrow(/allow_empty_prefix/);
  });

  it('refuses a prefix holding a traversal key before writing anything', async () => {
    await client.put_object({ bucket, key: 'trav/ok.txt', body: 'fine' });
    await client.put_object({ bucket, key: 'trav/../escape.txt', body: 'evil' });
    const dest = join(dir, 'trav-dest');
    await expect(client.download_folder({ bucket, prefix: 'trav', folder: dest })).rejects.toBeInstanceOf(UnsafeKeyError);
    await expect(readdir(dest)).rejects.toThrow(); // nothing was created
    await expect(readFile(join(dir, 'escape.txt'))).rejects.toThrow();
  });
});

describe('generate_presigned_url', () => {
  it('gives a GET URL plain HTTP can use, refused once expired or altered', async () => {
    await client.put_object({ bucket, key: 'shared/報告 1.txt', body: 'presigned body' });
    const url = client.generate_presigned_url({ bucket, key: 'shared/報告 1.txt', expires: 600 });
    expect(url).toContain('NOSAccessKeyId=');
    const res = await request(url);
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('presigned body');

    const expired = client.generatePresignedUrl({ bucket, key: 'shared/報告 1.txt', expires: 60, now: new Date(Date.now() - 3600_000) });
    const late = await request(expired);
    await late.body.dump();
    expect(late.statusCode).toBe(403);

    const tampered = await request(url.replace('shared', 'other'));
    await tampered.body.dump();
    expect(tampered.statusCode).toBe(403);
  });

  it('gives a PUT URL that uploads with the signed Content-Type', async () => {
    const url = client.generate_presigned_url({ bucket, key: 'put-by-url.txt', method: 'PUT', content_type: 'text/plain' });
    const res = await request(url, { method: 'PUT', body: 'uploaded by url', headers: { 'content-type': 'text/plain' } });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    expect((await stored('put-by-url.txt')).toString()).toBe('uploaded by url');
  });

  it('needs keys, a valid method and expires', () => {
    const anonymous = new nos.Client({ end_point: `http://${server.hostPort}` });
    expect(() => anonymous.generate_presigned_url({ bucket, key: 'k' })).toThrow(/access_key_id/);
    expect(() => client.generate_presigned_url({ bucket, key: 'k', method: 'POST' })).toThrow(/method/);
    expect(() => client.generate_presigned_url({ bucket, key: 'k', expires: 0 })).toThrow(/expires/);
  });
});
