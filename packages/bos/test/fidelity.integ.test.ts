/**
 * Issue 13 (BOS) against the emulator: progress callbacks on the simple
 * calls, bytes for put_object_from_string, HEAD failures that name their
 * code, local paths checked before the first request, argument errors for a
 * part past the end of its file, UTF-8 user metadata written the way the
 * Python SDK writes it, and upload resets injected by `resetAfterBytes`.
 */
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBos } from '@yunstore/core/sign';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BceClientConfiguration, BceCredentials, BceHttpClientError, BceInvalidArgumentError, BceServerError, BosClient, NoRetryPolicy } from '../src/index.ts';
import { startBosEmulator, type TestEmulator } from './emulator.ts';

let emu: TestEmulator;
let client: BosClient;
let dir: string;
const B = 'fidelity-bucket';
const md5b64 = (data: string | Buffer): string => createHash('md5').update(data).digest('base64');
const bytesOf = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) % 251));

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** A recorder for `(consumed_bytes, total_bytes)` calls. */
function progressLog(): { calls: Array<[number, number]>; callback: (consumed: number, total: number) => void } {
  const calls: Array<[number, number]> = [];
  return { calls, callback: (consumed, total) => void calls.push([consumed, total]) };
}

/** Monotonic, never above the total, and ending at exactly `size` of `size`. */
function expectCompleteProgress(calls: Array<[number, number]>, size: number): void {
  expect(calls.length).toBeGreaterThan(0);
  for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  for (const [consumed, total] of calls) expect(consumed).toBeLessThanOrEqual(total);
  expect(calls.at(-1)).toEqual([size, size]);
}

beforeAll(async () => {
  emu = await startBosEmulator({ minPartSize: 1024 });
  client = new BosClient(new BceClientConfiguration({ credentials: new BceCredentials(emu.accessKeyId, emu.secretAccessKey), endpoint: emu.endpoint }));
  dir = await mkdtemp(join(tmpdir(), 'yunstore-bos-fidelity-'));
  await client.create_bucket(B);
});
afterAll(async () => {
  await client.close();
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('progress_callback on the simple calls', () => {
  const data = bytesOf(300 * 1024);

  it('put_object, put_object_from_string and put_object_from_file report every byte sent', async () => {
    const stream = progressLog();
    await client.put_object(B, 'progress/a.bin', data, data.length, md5b64(data), { progress_callback: stream.callback });
    expectCompleteProgress(stream.calls, data.length);

    const text = progressLog();
    await client.put_object_from_string(B, 'progress/b.txt', 'x'.repeat(200_000), { progress_callback: text.callback });
    expectCompleteProgress(text.calls, 200_000);

    const file = join(dir, 'upload.bin');
    await writeFile(file, data);
    const fromFile = progressLog();
    await client.put_object_from_file(B, 'progress/c.bin', file, { progress_callback: fromFile.callback });
    expectCompleteProgress(fromFile.calls, data.length);
  });

  it('upload_part and upload_part_from_file report the part, and the seed loop completes', async () => {
    const file = join(dir, 'parts.bin');
    await writeFile(file, data);
    const { upload_id } = await client.initiate_multipart_upload(B, 'progress/multi.bin');
    const first = progressLog();
    const one = await client.upload_part(B, 'progress/multi.bin', upload_id, 1, 200 * 1024, data.subarray(0, 200 * 1024), {
      progress_callback: first.callback,
    });
    expectCompleteProgress(first.calls, 200 * 1024);
    const second = progressLog();
    const two = await client.upload_part_from_file(B, 'progress/multi.bin', upload_id, 2, 100 * 1024, file, 200 * 1024, {
      progress_callback: second.callback,
    });
    expectCompleteProgress(second.calls, 100 * 1024);
    const done = await client.complete_multipart_upload(B, 'progress/multi.bin', upload_id, [
      { partNumber: 1, eTag: one.metadata.e_tag },
      { partNumber: 2, eTag: two.metadata.e_tag },
    ]);
    expect(done.e_tag).not.toBe('');
  });

  it('get_object_to_file reports every byte written, for the whole object and for a range', async () => {
    await client.put_object(B, 'progress/d.bin', data, data.length, md5b64(data));
    const whole = progressLog();
    const target = join(dir, 'download.bin');
    await client.get_object_to_file(B, 'progress/d.bin', target, { progress_callback: whole.callback });
    expectCompleteProgress(whole.calls, data.length);
    expect((await readFile(target)).equals(data)).toBe(true);
    const part = progressLog();
    await client.get_object_to_file(B, 'progress/d.bin', target, [100, 1099], { progress_callback: part.callback });
    expectCompleteProgress(part.calls, 1000);
  });

  it('a retried upload does not report going backwards', async () => {
    emu.faults.set({ dialects: ['bos'], operations: ['put_object'], errorCount: 1, errorStatus: 500 });
    const log = progressLog();
    try {
      await client.put_object(B, 'progress/retried.bin', data, data.length, md5b64(data), { progress_callback: log.callback });
    } finally {
      emu.faults.clear();
    }
    expectCompleteProgress(log.calls, data.length);
  });
});

describe('put_object_from_string takes bytes, as Python takes bytes', () => {
  it('sends a Buffer and a Uint8Array exactly, bytes that are not UTF-8 included', async () => {
    const raw = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41]);
    const res = await client.put_object_from_string(B, 'bytes/buffer.bin', raw);
    expect(res.metadata.e_tag).toBe(createHash('md5').update(raw).digest('hex'));
    const got = await client.get_object(B, 'bytes/buffer.bin');
    const chunks: Buffer[] = [];
    for await (const chunk of got.data) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(raw)).toBe(true);
    await client.put_object_from_string(B, 'bytes/view.bin', new Uint8Array(raw.buffer, raw.byteOffset + 1, 3));
    expect((await client.get_object_meta_data(B, 'bytes/view.bin')).content_length).toBe('3');
  });
});

describe('a HEAD failure names its code', () => {
  it('get_object_meta_data of a missing key fails with NoSuchKey and names bucket and key', async () => {
    const error = await rejection(client.get_object_meta_data(B, 'missing/key.txt'));
    expect(error).toBeInstanceOf(BceHttpClientError);
    const e = error as BceHttpClientError;
    expect(e.code).toBe('NoSuchKey');
    expect(e.status_code).toBe(404);
    expect(e.last_error).toBeInstanceOf(BceServerError);
    expect(e.last_error.code).toBe('NoSuchKey');
    expect(e.last_error.request_id).toBeTruthy();
    expect(e.message).toContain('missing/key.txt');
  });

  it('download_file of a missing key says NoSuchKey and which key', async () => {
    const error = (await rejection(client.download_file(B, 'missing/big.bin', join(dir, 'never.bin')))) as BceHttpClientError;
    expect(error.code).toBe('NoSuchKey');
    expect(error.message).toContain('missing/big.bin');
  });
});

describe('local destinations are checked before the first request', () => {
  // The object is missing: a request made before the check would fail with NoSuchKey instead.
  it('get_object_to_file onto a folder, or into a folder that does not exist', async () => {
    for (const target of [dir, join(dir, 'no-such-folder', 'f.bin'), join(dir, 'upload-file-as-folder', 'f.bin')]) {
      if (target.includes('upload-file-as-folder')) await writeFile(join(dir, 'upload-file-as-folder'), 'a file');
      const error = await rejection(client.get_object_to_file(B, 'missing/key.txt', target));
      expect(error).toBeInstanceOf(BceInvalidArgumentError);
      expect((error as BceInvalidArgumentError).message).toContain('file_name');
    }
  });

  it('download_file onto a folder, or under a file', async () => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder, { recursive: true });
    for (const target of [folder, join(dir, 'upload-file-as-folder', 'deeper', 'f.bin')]) {
      const error = await rejection(client.download_file(B, 'missing/key.txt', target));
      expect(error).toBeInstanceOf(BceInvalidArgumentError);
    }
  });

  it.skipIf(process.getuid?.() === 0)('get_object_to_file into a read-only folder', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { recursive: true });
    await chmod(locked, 0o500);
    try {
      expect(await rejection(client.get_object_to_file(B, 'missing/key.txt', join(locked, 'f.bin')))).toBeInstanceOf(BceInvalidArgumentError);
    } finally {
      await chmod(locked, 0o700);
    }
  });

  it('download_folder into a path that is a file', async () => {
    const error = await rejection(client.download_folder(B, 'progress/', join(dir, 'upload-file-as-folder')));
    expect(error).toBeInstanceOf(BceInvalidArgumentError);
  });
});

describe('upload_part_from_file beyond the end of the file', () => {
  it('an offset past the end, or a part running past it, is BceInvalidArgumentError before any request', async () => {
    const file = join(dir, 'short.bin');
    await writeFile(file, bytesOf(1000));
    // The upload id does not exist: a request would fail with NoSuchUpload instead.
    for (const [size, offset, named] of [
      [10, 5000, 'offset'],
      [500, 800, 'part_size'],
    ] as const) {
      const error = await rejection(client.upload_part_from_file(B, 'k', 'no-such-upload', 1, size, file, offset));
      expect(error).toBeInstanceOf(BceInvalidArgumentError);
      expect((error as BceInvalidArgumentError).code).toBe('InvalidArgument');
      expect((error as Error).message).toContain(`arg "${named}"`);
    }
  });
});

describe('non-ASCII user metadata, as the Python SDK writes it', () => {
  /**
   * A PUT exactly as bce-sdk-python sends it: the metadata value on the wire
   * is its raw UTF-8 bytes, and the signature covers UriEncode of those bytes
   * (what `signBos` computes from the text).
   */
  async function pythonStylePut(key: string, body: Buffer, meta: Record<string, string>): Promise<number> {
    const url = new URL(emu.endpoint);
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(body.length),
      'Content-MD5': md5b64(body),
    };
    for (const [name, value] of Object.entries(meta)) headers[`x-bce-meta-${name}`] = value;
    const signed = signBos(
      { method: 'PUT', origin: url.origin, path: `/${B}/${key}`, query: [], headers },
      { accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey },
      new Date(),
    );
    const wire: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers)) wire[name] = Buffer.from(value, 'utf8').toString('latin1');
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, method: 'PUT', path: `/${B}/${key}`, headers: wire }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('the emulator accepts the UTF-8 bytes and their signature, and our client reads the text back', async () => {
    const status = await pythonStylePut('meta/zh.txt', Buffer.from('hello'), { author: '张三', city: 'Zürich' });
    expect(status).toBe(200);
    const head = await client.get_object_meta_data(B, 'meta/zh.txt');
    expect(head.bce_meta).toEqual({ author: '张三', city: 'Zürich' });
    const author: string | undefined = head.metadata.bce_meta_author;
    expect(author).toBe('张三');
    const got = await client.get_object(B, 'meta/zh.txt');
    got.data.resume();
    expect(got.metadata.user_metadata['city']).toBe('Zürich');
  });
});

describe('non-ASCII user metadata, as we write it', () => {
  it('goes as UTF-8 bytes the emulator verifies, and reads back as the same text', async () => {
    await client.put_object_from_string(B, 'meta/ours.txt', 'hello', { user_metadata: { author: '张三', city: 'Zürich', emoji: '😀' } });
    const head = await client.get_object_meta_data(B, 'meta/ours.txt');
    expect(head.bce_meta).toEqual({ author: '张三', city: 'Zürich', emoji: '😀' });
  });
});

describe('emulator: resetAfterBytes resets upload connections', () => {
  it('a reset upload is a network failure (no answer), and a retry completes it', async () => {
    const data = bytesOf(256 * 1024);
    const once = new BosClient(
      new BceClientConfiguration({
        credentials: new BceCredentials(emu.accessKeyId, emu.secretAccessKey),
        endpoint: emu.endpoint,
        retry_policy: new NoRetryPolicy(),
      }),
    );
    emu.faults.set({ dialects: ['bos'], operations: ['put_object'], resetAfterBytes: 64 * 1024, resetCount: 1 });
    try {
      const error = (await rejection(once.put_object(B, 'reset/a.bin', data, data.length, md5b64(data)))) as BceHttpClientError;
      expect(error).toBeInstanceOf(BceHttpClientError);
      expect(error.last_error).not.toBeInstanceOf(BceServerError);
      expect(error.status_code).toBeUndefined();
      expect(emu.faults.stats().resets).toBe(1);
      emu.faults.set({ dialects: ['bos'], operations: ['upload_part'], resetAfterBytes: 64 * 1024, resetCount: 1 });
      const { upload_id } = await client.initiate_multipart_upload(B, 'reset/b.bin');
      const part = await client.upload_part(B, 'reset/b.bin', upload_id, 1, data.length, data);
      expect(emu.faults.stats().resets).toBe(2);
      await client.complete_multipart_upload(B, 'reset/b.bin', upload_id, [{ partNumber: 1, eTag: part.metadata.e_tag }]);
      expect((await client.get_object_meta_data(B, 'reset/b.bin')).content_length).toBe(String(data.length));
    } finally {
      emu.faults.clear();
      await once.close();
    }
  });
});

describe('detached methods', () => {
  it('work like Python bound methods, camelCase twins too', async () => {
    const { put_object_from_string, getObjectAsString, get_object_meta_data } = client;
    await put_object_from_string(B, 'detached/k', 'hello');
    expect(await getObjectAsString(B, 'detached/k')).toBe('hello');
    expect((await get_object_meta_data(B, 'detached/k')).metadata.content_length).toBe('5');
  });
});
