import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, startEmulator, type Emulator, type ObjectStore } from '@yunstore/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CosClientError, CosS3Client } from '../src/index.ts';
import { caught, SECRET_ID, SECRET_KEY } from './helpers.ts';

const B = 'transfer-1250000000';
const MiB = 1024 * 1024;

/** Successful part writes the emulator stored (upload_part / upload_part_copy), and object reads started. */
const counts = { putPart: 0, copyPart: 0, readObject: 0 };
let emu: Emulator;
let client: CosS3Client;
let work: string;

/** The memory store, counting the parts it accepted. */
function countingStore(): ObjectStore {
  const base = createMemoryStore();
  return new Proxy(base, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === 'putPart' || prop === 'copyPart') {
        return async (...args: unknown[]) => {
          const out = await fn.apply(target, args);
          counts[prop]++;
          return out;
        };
      }
      if (prop === 'readObject') {
        return (...args: unknown[]) => {
          counts.readObject++;
          return fn.apply(target, args);
        };
      }
      return fn.bind(target);
    },
  });
}

/** mulberry32, so injected fault rates are the same every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function randomFile(name: string, size: number): Promise<{ path: string; data: Buffer }> {
  const data = randomBytes(size);
  const path = join(work, name);
  await writeFile(path, data);
  return { path, data };
}

/** Records progress calls and checks they are monotonic and end at the total. */
function progress(): { cb: (consumed: number, total: number | undefined) => void; calls: Array<[number, number | undefined]>; check(total: number): void } {
  const calls: Array<[number, number | undefined]> = [];
  return {
    calls,
    cb: (consumed, total) => {
      calls.push([consumed, total]);
    },
    check(total) {
      expect(calls.length).toBeGreaterThan(1);
      for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
      for (const [, t] of calls) expect(t).toBe(total);
      expect(calls[calls.length - 1]).toEqual([total, total]);
    },
  };
}

async function download(key: string): Promise<Buffer> {
  const res = await client.get_object({ Bucket: B, Key: key });
  return res.Body.read();
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, store: countingStore(), credentials: [{ accessKeyId: SECRET_ID, secretAccessKey: SECRET_KEY }] });
  // Retry 0: every recovery seen below is the transfer engine's own per-part retry.
  client = new CosS3Client({
    Region: 'ap-guangzhou',
    SecretId: SECRET_ID,
    SecretKey: SECRET_KEY,
    Scheme: 'http',
    Endpoint: `127.0.0.1:${emu.ports.cos}`,
    Retry: 0,
  });
  await client.create_bucket({ Bucket: B });
  work = await mkdtemp(join(tmpdir(), 'cos-transfer-'));
});

afterEach(() => emu.faults.clear());

afterAll(async () => {
  await client?.close();
  await emu?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('upload_file', () => {
  it('sends a small file in one put_object, with the kwargs as headers', async () => {
    const { path, data } = await randomFile('small.bin', 100 * 1024 + 3);
    const before = counts.putPart;
    const p = progress();
    const res = await client.upload_file({
      Bucket: B,
      Key: 'small.bin',
      LocalFilePath: path,
      EnableMD5: true,
      progress_callback: p.cb,
      ContentType: 'application/x-small',
      Metadata: { 'x-cos-meta-kind': 'small' },
      checkpoint: join(work, 'cp'),
    });
    expect(res['ETag']).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res['x-cos-request-id']).toBeTruthy();
    expect(counts.putPart).toBe(before);
    p.check(data.length);
    expect((await download('small.bin')).equals(data)).toBe(true);
    const head = await client.head_object({ Bucket: B, Key: 'small.bin' });
    expect(head['Content-Type']).toBe('application/x-small');
    expect(head['x-cos-meta-kind']).toBe('small');
  });

  it('uploads 25 MB in 1 MB parts (positional call), progress monotonic to the total', async () => {
    const size = 25 * MiB + 7;
    const { path, data } = await randomFile('big.bin', size);
    const before = counts.putPart;
    const p = progress();
    const res = await client.upload_file(B, 'dir/big.bin', path, 1, 5, false, p.cb, {
      ContentType: 'application/x-big',
      Metadata: { 'x-cos-meta-kind': 'big' },
      checkpoint: join(work, 'cp'),
    });
    expect(counts.putPart - before).toBe(26);
    expect(res['ETag']).toBeTruthy();
    expect(res['Key']).toBe('dir/big.bin');
    p.check(size);
    const head = await client.head_object({ Bucket: B, Key: 'dir/big.bin' });
    expect(head['Content-Length']).toBe(String(size));
    expect(head['Content-Type']).toBe('application/x-big');
    expect(head['x-cos-meta-kind']).toBe('big');
    expect((await download('dir/big.bin')).equals(data)).toBe(true);
    // Nothing left behind: the checkpoint is removed and no upload stays open.
    expect(await readdir(join(work, 'cp')).catch(() => [])).toEqual([]);
    const open = await client.list_multipart_uploads({ Bucket: B, Prefix: 'dir/big.bin' });
    expect(open.Upload ?? []).toEqual([]);
  });

  it('resumes after an abort mid-upload, sending only the missing parts', async () => {
    const { path, data } = await randomFile('resume.bin', 8 * MiB);
    const checkpoint = join(work, 'cp-resume');
    const params = {
      Bucket: B,
      Key: 'resume.bin',
      LocalFilePath: path,
      PartSize: 1,
      MAXThread: 2,
      multipart_threshold: 0,
      checkpoint,
    };
    const before = counts.putPart;
    const controller = new AbortController();
    const error = await caught(() =>
      client.upload_file({
        ...params,
        signal: controller.signal,
        progress_callback: (consumed) => {
          if (consumed >= 3 * MiB) controller.abort();
        },
      }),
    );
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).code).toBe('ABORTED');
    const firstRun = counts.putPart - before;
    // The multipart upload is kept for the next call, with the parts COS got.
    const uploads = await client.list_multipart_uploads({ Bucket: B, Prefix: 'resume.bin' });
    expect(uploads.Upload).toHaveLength(1);
    const held = await client.list_parts({ Bucket: B, Key: 'resume.bin', UploadId: uploads.Upload![0]!.UploadId });
    const heldCount = held.Part?.length ?? 0;
    expect(heldCount).toBeGreaterThanOrEqual(2);
    expect(heldCount).toBeLessThan(8);
    expect(heldCount).toBe(firstRun);

    const p = progress();
    await client.upload_file({ ...params, progress_callback: p.cb });
    expect(counts.putPart - before - firstRun).toBe(8 - heldCount);
    // Resumed progress starts at the bytes already held and still ends at the total.
    expect(p.calls[0]![0]).toBe(heldCount * MiB);
    p.check(data.length);
    expect((await download('resume.bin')).equals(data)).toBe(true);
  });

  it('restarts cleanly when the local file changed between attempts', async () => {
    const { path } = await randomFile('changing.bin', 4 * MiB);
    const checkpoint = join(work, 'cp-changing');
    const params = { Bucket: B, Key: 'changing.bin', LocalFilePath: path, PartSize: 1, MAXThread: 1, multipart_threshold: 0, checkpoint };
    const controller = new AbortController();
    await caught(() => client.upload_file({ ...params, signal: controller.signal, progress_callback: (c) => c >= 2 * MiB && controller.abort() }));
    expect((await client.list_multipart_uploads({ Bucket: B, Prefix: 'changing.bin' })).Upload).toHaveLength(1);
    const changed = randomBytes(4 * MiB);
    await writeFile(path, changed);
    const before = counts.putPart;
    await client.upload_file(params);
    expect(counts.putPart - before).toBe(4);
    expect((await download('changing.bin')).equals(changed)).toBe(true);
    // The stale upload was aborted, not left to be billed.
    expect((await client.list_multipart_uploads({ Bucket: B, Prefix: 'changing.bin' })).Upload ?? []).toEqual([]);
  });

  it('completes while COS fails 5% of part uploads (and two more for sure)', async () => {
    emu.faults.setRandom(seeded(7));
    emu.faults.set([
      { dialects: ['cos'], operations: ['upload_part'], errorRate: 0.05, errorStatus: 503 },
      { dialects: ['cos'], operations: ['upload_part'], errorCount: 2, errorStatus: 500 },
    ]);
    const { path, data } = await randomFile('faulty.bin', 25 * MiB);
    const p = progress();
    await client.upload_file({ Bucket: B, Key: 'faulty.bin', LocalFilePath: path, PartSize: 1, progress_callback: p.cb, checkpoint: false });
    expect(emu.faults.stats().errors).toBeGreaterThanOrEqual(2);
    p.check(data.length);
    expect((await download('faulty.bin')).equals(data)).toBe(true);
  });

  it('refuses bad arguments before any request, naming the parameter', async () => {
    const { path } = await randomFile('args.bin', 10);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ PartSize: 0 }, 'PartSize'],
      [{ MAXThread: 0 }, 'MAXThread'],
      [{ LocalFilePath: join(work, 'missing.bin') }, 'LocalFilePath'],
      [{ progress_callback: 'no' }, 'progress_callback'],
      [{ TrafficLimit: 5 }, 'TrafficLimit'],
      [{ checkpoint: 3 }, 'checkpoint'],
    ];
    for (const [extra, name] of cases) {
      const e = await caught(() => client.upload_file({ Bucket: B, Key: 'args.bin', LocalFilePath: path, ...extra } as never));
      expect(e).toBeInstanceOf(CosClientError);
      expect((e as Error).message).toContain(name);
    }
  });
});

describe('download_file', () => {
  it('downloads in concurrent ranges, byte-identical, CRC-64 checked, progress to the total', async () => {
    const size = 25 * MiB + 11;
    const { path, data } = await randomFile('down-src.bin', size);
    await client.upload_file({ Bucket: B, Key: 'down.bin', LocalFilePath: path, PartSize: 4, checkpoint: false });
    expect((await client.head_object({ Bucket: B, Key: 'down.bin' }))['x-cos-hash-crc64ecma']).toMatch(/^\d+$/);
    const dest = join(work, 'out', 'down.bin');
    const p = progress();
    const res = await client.downloadFile({
      Bucket: B,
      Key: 'down.bin',
      DestFilePath: dest,
      PartSize: 1,
      MAXThread: 5,
      EnableCRC: true,
      progress_callback: p.cb,
      checkpoint: join(work, 'cp'),
    });
    expect(res).toBeUndefined();
    expect((await readFile(dest)).equals(data)).toBe(true);
    p.check(size);
    expect((await readdir(join(work, 'out'))).sort()).toEqual(['down.bin']);
  });

  it('resumes an aborted download, fetching only the missing ranges', async () => {
    const { path, data } = await randomFile('dres-src.bin', 8 * MiB);
    await client.upload_file({ Bucket: B, Key: 'dres.bin', LocalFilePath: path, checkpoint: false });
    const dir = join(work, 'dres-out');
    const params = { Bucket: B, Key: 'dres.bin', DestFilePath: join(dir, 'dres.bin'), PartSize: 1, MAXThread: 2, checkpoint: join(work, 'cp-dres') };
    const controller = new AbortController();
    const e = await caught(() => client.download_file({ ...params, signal: controller.signal, progress_callback: (c) => c >= 3 * MiB && controller.abort() }));
    expect((e as CosClientError).code).toBe('ABORTED');
    // The partial temporary file is the resume state; the destination does not exist yet.
    const left = await readdir(dir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/yunstore-tmp$/);

    const reads = counts.readObject;
    const p = progress();
    await client.download_file({ ...params, progress_callback: p.cb });
    const fetched = counts.readObject - reads;
    expect(fetched).toBeLessThan(8);
    // Progress resumes at the bytes already on disk: exactly the parts not fetched again.
    expect(p.calls[0]![0]).toBe((8 - fetched) * MiB);
    p.check(data.length);
    expect((await readFile(join(dir, 'dres.bin'))).equals(data)).toBe(true);
    expect(await readdir(dir)).toEqual(['dres.bin']);
  });

  it('with EnableCRC=True fails with CRC64Mismatch when the bytes do not match x-cos-hash-crc64ecma, leaving no file', async () => {
    const { path, data } = await randomFile('crc-src.bin', 3 * MiB);
    await client.upload_file({ Bucket: B, Key: 'crc.bin', LocalFilePath: path });
    await emu.store.updateObject(B, 'crc.bin', { crc64: '12345' });
    const dir = join(work, 'crc-out');
    const e = await caught(() =>
      client.download_file({ Bucket: B, Key: 'crc.bin', DestFilePath: join(dir, 'crc.bin'), PartSize: 1, EnableCRC: true, checkpoint: false }),
    );
    expect(e).toBeInstanceOf(CosClientError);
    expect((e as CosClientError).code).toBe('CRC64Mismatch');
    expect(await readdir(dir)).toEqual([]);
    // The default, EnableCRC=False as in the seed, skips the check (the bytes themselves are fine).
    await client.download_file({ Bucket: B, Key: 'crc.bin', DestFilePath: join(dir, 'crc.bin'), PartSize: 1, checkpoint: false });
    expect((await readFile(join(dir, 'crc.bin'))).equals(data)).toBe(true);
  });

  it('a missing object rejects with CosServiceError 404 and writes nothing', async () => {
    const dir = join(work, 'missing-out');
    const e = await caught(() => client.download_file(B, 'no-such-key', join(dir, 'x')));
    expect((e as { get_status_code?: () => number }).get_status_code?.()).toBe(404);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });
});

describe('copy', () => {
  it('copies a small object with one copy_object', async () => {
    await client.put_object({ Bucket: B, Key: 'copy-src-small', Body: 'hello copy', ContentType: 'text/x-src', Metadata: { 'x-cos-meta-a': '1' } });
    const before = counts.copyPart;
    const res = await client.copy({ Bucket: B, Key: 'copy-dst-small', CopySource: { Bucket: B, Key: 'copy-src-small', Region: 'ap-guangzhou' } });
    expect(res['ETag']).toBeTruthy();
    expect(counts.copyPart).toBe(before);
    expect((await download('copy-dst-small')).toString()).toBe('hello copy');
    expect((await client.head_object({ Bucket: B, Key: 'copy-dst-small' }))['x-cos-meta-a']).toBe('1');
  });

  it('copies part by part above the threshold, keeping the source metadata (CopyStatus Copy)', async () => {
    const data = randomBytes(3 * MiB + 5);
    await client.put_object({ Bucket: B, Key: 'copy-src-big', Body: data, ContentType: 'application/x-src', Metadata: { 'x-cos-meta-origin': 'src' } });
    const before = counts.copyPart;
    const p = progress();
    const res = await client.copy(B, 'copy-dst-big', { Bucket: B, Key: 'copy-src-big', Region: 'ap-guangzhou' }, 'Copy', 1, 3, {
      multipart_threshold: 0,
      progress_callback: p.cb,
    });
    expect(counts.copyPart - before).toBe(4);
    expect(res['Key']).toBe('copy-dst-big');
    p.check(data.length);
    expect((await download('copy-dst-big')).equals(data)).toBe(true);
    const head = await client.head_object({ Bucket: B, Key: 'copy-dst-big' });
    expect(head['Content-Type']).toBe('application/x-src');
    expect(head['x-cos-meta-origin']).toBe('src');
  });

  it('CopyStatus Replaced uses the given headers instead', async () => {
    await client.copy({
      Bucket: B,
      Key: 'copy-dst-replaced',
      CopySource: { Bucket: B, Key: 'copy-src-big' },
      CopyStatus: 'Replaced',
      ContentType: 'text/x-new',
      PartSize: 1,
      multipart_threshold: 0,
    });
    const head = await client.head_object({ Bucket: B, Key: 'copy-dst-replaced' });
    expect(head['Content-Type']).toBe('text/x-new');
    expect(head['x-cos-meta-origin']).toBeUndefined();
  });
});

describe('folders', () => {
  it('upload_folder / download_folder round trip every byte and key; delete_folder empties the prefix', async () => {
    const src = join(work, 'tree');
    const files: Record<string, Buffer> = {
      'a.txt': Buffer.from('alpha'),
      'empty.txt': Buffer.alloc(0),
      'with space/文件 一.bin': randomBytes(2048),
      'nested/deeper/x.bin': randomBytes(1.5 * MiB),
    };
    for (const [rel, bytes] of Object.entries(files)) {
      await mkdir(join(src, rel, '..'), { recursive: true });
      await writeFile(join(src, rel), bytes);
    }
    const up = progress();
    const uploaded = await client.upload_folder({ Bucket: B, Prefix: 'tree', LocalFolder: src, progress_callback: up.cb, checkpoint: false });
    expect(uploaded.map((f) => f.Key).sort()).toEqual(
      Object.keys(files)
        .map((k) => `tree/${k}`)
        .sort(),
    );
    const total = Object.values(files).reduce((n, b) => n + b.length, 0);
    up.check(total);

    const dest = join(work, 'tree-back');
    const downloaded = await client.download_folder(B, 'tree/', dest, { PartSize: 1, checkpoint: false });
    expect(downloaded).toHaveLength(4);
    for (const [rel, bytes] of Object.entries(files)) {
      expect((await readFile(join(dest, rel))).equals(bytes)).toBe(true);
    }

    const deleted = await client.delete_folder({ Bucket: B, Prefix: 'tree' });
    expect(deleted).toEqual({ Deleted: 4, Error: [] });
    expect((await client.list_objects({ Bucket: B, Prefix: 'tree/' })).Contents ?? []).toEqual([]);
  });

  it('download_folder refuses a key that would escape the folder, before writing anything', async () => {
    await emu.store.putObject(B, 'evil/ok.txt', Buffer.from('fine'), {});
    await emu.store.putObject(B, 'evil/../../escaped.txt', Buffer.from('gotcha'), {});
    const dest = join(work, 'evil-out');
    const e = await caught(() => client.download_folder({ Bucket: B, Prefix: 'evil/', LocalFolder: dest }));
    expect(e).toBeInstanceOf(CosClientError);
    expect((e as CosClientError).code).toBe('UnsafeKey');
    expect(await readdir(dest).catch(() => [])).toEqual([]);
    expect(await readdir(work)).not.toContain('escaped.txt');
  });

  it('delete_folder refuses an empty Prefix', async () => {
    const e = await caught(() => client.delete_folder({ Bucket: B, Prefix: '' }));
    expect((e as CosClientError).code).toBe('InvalidArgument');
    expect((e as Error).message).toContain('Prefix');
  });
});

describe('upload_file EnableCRC', () => {
  it('checks the CRC-64 COS reports for every part and the whole object, and the object is intact', async () => {
    const { path, data } = await randomFile('crc.bin', 3 * MiB + 5);
    const out = await client.upload_file({
      Bucket: B,
      Key: 'crc/checked.bin',
      LocalFilePath: path,
      PartSize: 1,
      MAXThread: 2,
      EnableCRC: true,
      multipart_threshold: MiB,
    });
    expect(typeof out['ETag']).toBe('string');
    const got = await (await client.get_object({ Bucket: B, Key: 'crc/checked.bin' }))['Body'].read();
    expect(got.equals(data)).toBe(true);
    await expect(client.upload_file({ Bucket: B, Key: 'crc/bad.bin', LocalFilePath: path, EnableCRC: 'yes' as never })).rejects.toBeInstanceOf(CosClientError);
  });
});
