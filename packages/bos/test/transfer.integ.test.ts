/**
 * The high-level transfers against the emulator: parts are 64 KiB (the
 * emulator and the client's `transfer_limits` both accept 1 KiB parts), so
 * multipart paths run on files of a few MiB.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BceClientConfiguration,
  BceCredentials,
  BceHttpClientError,
  BceInvalidArgumentError,
  BOS_TRANSFER_LIMITS,
  BosClient,
  TRANSFER_METHOD_ALIASES,
  UnsafeKeyError,
  UploadTaskHandle,
  ValueError,
} from '../src/index.ts';
import { SECOND_KEY, startBosEmulator, type TestEmulator } from './emulator.ts';

const B = 'transfer-bucket';
const KiB = 1024;
const PART = 64 * KiB;

let emu: TestEmulator;
let client: BosClient;
let dir: string;
/** upload_part requests the emulator stored, counted at the store. */
let partsStored = 0;

function bytesOf(size: number): Buffer {
  return randomBytes(size);
}

async function localFile(name: string, data: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

/** A progress recorder that checks monotonicity as it goes. */
function recorder(): { calls: Array<[number, number]>; callback: (consumed: number, total: number) => void } {
  const calls: Array<[number, number]> = [];
  return {
    calls,
    callback: (consumed, total) => {
      const last = calls[calls.length - 1];
      if (last && consumed < last[0]) throw new Error(`progress went back from ${last[0]} to ${consumed}`);
      calls.push([consumed, total]);
    },
  };
}

/** A deterministic random source for fault rates. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

/** Counts the operations the emulator routes (every routed request asks the fault hook once) until `restore()`. */
function countOperations(): { count: (operation: string) => number; restore: () => void } {
  const faults = emu.faults as unknown as { decide: (dialect: string, operation: string) => unknown };
  const original = faults.decide;
  const seen: string[] = [];
  faults.decide = (dialect, operation) => {
    seen.push(operation);
    return original.call(faults, dialect, operation);
  };
  return { count: (operation) => seen.filter((o) => o === operation).length, restore: () => void (faults.decide = original) };
}

beforeAll(async () => {
  emu = await startBosEmulator({ minPartSize: KiB });
  client = new BosClient(new BceClientConfiguration({ credentials: new BceCredentials(emu.accessKeyId, emu.secretAccessKey), endpoint: emu.endpoint }));
  client.transfer_limits = { ...BOS_TRANSFER_LIMITS, minPartSize: KiB };
  dir = await mkdtemp(join(tmpdir(), 'yunstore-bos-transfer-'));
  await client.create_bucket(B);
  const store = emu.store as unknown as { putPart: (...args: unknown[]) => Promise<unknown> };
  const putPart = store.putPart.bind(store);
  store.putPart = async (...args: unknown[]) => {
    const part = await putPart(...args);
    partsStored++;
    return part;
  };
});
afterAll(async () => {
  await client.close();
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.faults.clear();
  partsStored = 0;
});

describe('upload_file / download_file', () => {
  it('uploads a small file in one PUT with content type and user metadata', async () => {
    const data = bytesOf(10 * KiB);
    const file = await localFile('small.bin', data);
    const res = await client.upload_file(B, 'small/one.bin', file, {
      part_size: PART,
      content_type: 'text/plain',
      user_metadata: { author: 'zs' },
      checkpoint: false,
    });
    expect(res.upload_id).toBeUndefined();
    expect(res.size).toBe(data.length);
    expect(res.e_tag).toBe(res.metadata.e_tag);
    expect(partsStored).toBe(0);
    const head = await client.get_object_meta_data(B, 'small/one.bin');
    expect(head.metadata.content_type).toBe('text/plain');
    expect(head.metadata.user_metadata).toEqual({ author: 'zs' });
    expect(head.metadata.e_tag).toBe(res.e_tag);
  });

  it('uploads a large file in concurrent parts and downloads it byte-identical, progress monotonic to the total', async () => {
    const data = bytesOf(1024 * KiB + 123);
    const file = await localFile('large.bin', data);
    const up = recorder();
    const res = await client.upload_file(B, 'large/big.bin', file, {
      part_size: PART,
      thread_num: 4,
      progress_callback: up.callback,
      user_metadata: { kind: 'big' },
      checkpoint: join(dir, 'ckpt'),
    });
    expect(res.upload_id).toEqual(expect.any(String));
    expect(res.parts_sent).toBe(17);
    expect(partsStored).toBe(17);
    expect(res.e_tag).not.toBe('');
    expect(up.calls.length).toBeGreaterThan(17);
    expect(up.calls[up.calls.length - 1]).toEqual([data.length, data.length]);
    expect((await client.get_object_meta_data(B, 'large/big.bin')).metadata.user_metadata).toEqual({ kind: 'big' });

    const down = recorder();
    const target = join(dir, 'out', 'big.bin');
    const got = await client.download_file(B, 'large/big.bin', target, { part_size: 100 * KiB, max_concurrency: 3, progress_callback: down.callback });
    expect(got.size).toBe(data.length);
    expect(got.parts_fetched).toBe(11);
    expect(got.metadata.user_metadata).toEqual({ kind: 'big' });
    expect((await readFile(target)).equals(data)).toBe(true);
    expect(down.calls[down.calls.length - 1]).toEqual([data.length, data.length]);
    // No temporary file is left beside the destination.
    expect(await readdir(join(dir, 'out'))).toEqual(['big.bin']);
  });

  it('resumes an aborted upload, sending only the parts BOS does not have', async () => {
    const data = bytesOf(2048 * KiB);
    const file = await localFile('resume.bin', data);
    const checkpoint = join(dir, 'ckpt-resume');
    const controller = new AbortController();
    const first = client.upload_file(B, 'resume/r.bin', file, {
      part_size: PART,
      thread_num: 2,
      checkpoint,
      signal: controller.signal,
      progress_callback: (consumed) => {
        if (consumed > data.length * 0.4) controller.abort();
      },
    });
    const error = await rejection(first);
    expect(error).toBeInstanceOf(BceHttpClientError);
    expect(((error as BceHttpClientError).last_error as Error & { code?: string }).code).toBe('ABORTED');
    await new Promise((r) => setTimeout(r, 100)); // parts whose bodies were complete finish on the server

    const uploads = await client.list_multipart_uploads(B, { prefix: 'resume/' });
    expect(uploads.uploads).toHaveLength(1);
    const uploadId = uploads.uploads[0]!.upload_id;
    const held = (await client.list_parts(B, 'resume/r.bin', uploadId)).parts.length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(32);

    partsStored = 0;
    const res = await client.upload_file(B, 'resume/r.bin', file, { part_size: PART, thread_num: 2, checkpoint });
    expect(res.upload_id).toBe(uploadId);
    expect(res.parts_reused).toBe(held);
    expect(res.parts_sent).toBe(32 - held);
    expect(partsStored).toBe(32 - held);
    const target = join(dir, 'resume-out.bin');
    await client.download_file(B, 'resume/r.bin', target, { part_size: PART });
    expect((await readFile(target)).equals(data)).toBe(true);
    expect(await readdir(checkpoint)).toEqual([]);
  });

  it('resumes an aborted download from its checkpoint', async () => {
    const data = bytesOf(1024 * KiB);
    await client.upload_file(B, 'resume/d.bin', await localFile('d.bin', data), { part_size: PART, checkpoint: false });
    const target = join(dir, 'dl', 'd.bin');
    const checkpoint = join(dir, 'ckpt-dl');
    const controller = new AbortController();
    const error = await rejection(
      client.download_file(B, 'resume/d.bin', target, {
        part_size: PART,
        thread_num: 2,
        checkpoint,
        signal: controller.signal,
        progress_callback: (consumed) => {
          if (consumed > data.length / 2) controller.abort();
        },
      }),
    );
    expect(((error as BceHttpClientError).last_error as Error & { code?: string }).code).toBe('ABORTED');
    await expect(stat(target)).rejects.toThrow();
    const res = await client.download_file(B, 'resume/d.bin', target, { part_size: PART, checkpoint });
    expect(res.parts_reused).toBeGreaterThan(0);
    expect(res.parts_reused + res.parts_fetched).toBe(16);
    expect((await readFile(target)).equals(data)).toBe(true);
  });

  it('fails a download whose object is replaced midway (If-Match) and leaves no temporary file', async () => {
    await client.upload_file(B, 'change/c.bin', await localFile('change.bin', bytesOf(1024 * KiB)), { part_size: PART, checkpoint: false });
    emu.faults.set({ dialects: ['bos'], operations: ['get_object'], latencyMs: 20 });
    let replaced: Promise<unknown> | undefined;
    const out = join(dir, 'change-out');
    const error = await rejection(
      client.download_file(B, 'change/c.bin', join(out, 'c.bin'), {
        part_size: PART,
        thread_num: 2,
        checkpoint: false,
        progress_callback: (consumed) => {
          if (consumed > 0) replaced ??= client.put_object_from_string(B, 'change/c.bin', 'replaced');
        },
      }),
    );
    await replaced;
    expect(error).toBeInstanceOf(BceHttpClientError);
    expect((error as BceHttpClientError).status_code).toBe(412);
    expect(await readdir(out)).toEqual([]);
  });

  it('completes while 5% of upload_part and get_object requests fail', async () => {
    emu.faults.setRandom(seeded(7));
    emu.faults.set({ dialects: ['bos'], operations: ['upload_part', 'get_object'], errorRate: 0.05, errorStatus: 503 });
    const data = bytesOf(4096 * KiB);
    const file = await localFile('faulty.bin', data);
    const res = await client.upload_file(B, 'faults/f.bin', file, { part_size: PART, thread_num: 8, checkpoint: false });
    expect(res.parts_sent).toBe(64);
    const target = join(dir, 'faulty-out.bin');
    await client.download_file(B, 'faults/f.bin', target, { part_size: PART, thread_num: 8, checkpoint: false });
    expect(emu.faults.stats().errors).toBeGreaterThan(0);
    emu.faults.clear();
    expect((await readFile(target)).equals(data)).toBe(true);
  });
});

describe('put_super_obejct_from_file', () => {
  it('uploads in chunk_size MB parts and resolves true; the alias and camelCase names are the same call', async () => {
    const data = bytesOf(2560 * KiB);
    const file = await localFile('super.bin', data);
    expect(await client.put_super_obejct_from_file(B, 'super/s.bin', file, 1, 3, { content_type: 'application/x-demo' })).toBe(true);
    expect(partsStored).toBe(3);
    const head = await client.get_object_meta_data(B, 'super/s.bin');
    expect(head.metadata.content_length).toBe(String(data.length));
    expect(head.metadata.content_type).toBe('application/x-demo');
    expect(await client.putSuperObjectFromFile(B, 'super/s2.bin', file, { chunk_size: 2 })).toBe(true);
    expect((await client.get_object_meta_data(B, 'super/s2.bin')).metadata.content_length).toBe(String(data.length));
  });

  it('resolves false when cancelled through its UploadTaskHandle, leaving no upload behind', async () => {
    const file = await localFile('cancel.bin', bytesOf(3072 * KiB));
    const handle = new UploadTaskHandle();
    const p = client.put_super_object_from_file(B, 'super/cancel.bin', file, {
      chunk_size: 1,
      thread_num: 1,
      uploadTaskHandle: handle,
      progress_callback: (consumed) => {
        if (consumed > 0) handle.cancel();
      },
    });
    expect(await p).toBe(false);
    expect(handle.is_cancel()).toBe(true);
    expect((await client.list_multipart_uploads(B, { prefix: 'super/cancel' })).uploads).toEqual([]);
  });
});

describe('copy', () => {
  it('copies an object server-side with new metadata and reports progress to the total', async () => {
    const data = bytesOf(300 * KiB);
    await client.upload_file(B, 'copy/src.bin', await localFile('c.bin', data), { part_size: PART, checkpoint: false });
    const progress = recorder();
    const res = await client.copy(B, 'copy/src.bin', B, 'copy/dst.bin', { user_metadata: { copied: 'yes' }, progress_callback: progress.callback });
    expect(res.size).toBe(data.length);
    expect(res.e_tag).toEqual(expect.any(String));
    expect(progress.calls[progress.calls.length - 1]).toEqual([data.length, data.length]);
    const head = await client.get_object_meta_data(B, 'copy/dst.bin');
    expect(head.metadata.user_metadata).toEqual({ copied: 'yes' });
    const target = join(dir, 'copied.bin');
    await client.download_file(B, 'copy/dst.bin', target, { checkpoint: false });
    expect((await readFile(target)).equals(data)).toBe(true);
  });

  it('copies above the single-copy limit in UploadPartCopy parts: byte-identical, source metadata kept, progress to the total', async () => {
    const data = bytesOf(300 * KiB + 123);
    await client.upload_file(B, 'copy/big.bin', await localFile('big.bin', data), {
      part_size: PART,
      checkpoint: false,
      content_type: 'video/mp4',
      user_metadata: { owner: 'zs' },
      user_headers: { 'Cache-Control': 'max-age=60' },
    });
    const limited = new BosClient(client.config);
    limited.transfer_limits = { ...client.transfer_limits, maxSingleCopy: 100 * KiB };
    const seen = countOperations();
    const progress = recorder();
    try {
      const res = await limited.copy(B, 'copy/big.bin', B, 'copy/big-copy.bin', { part_size: PART, thread_num: 3, progress_callback: progress.callback });
      expect(res.size).toBe(data.length);
      expect(res.e_tag).toMatch(/-5$/);
    } finally {
      seen.restore();
      await limited.close();
    }
    expect(seen.count('upload_part_copy')).toBe(5);
    expect(seen.count('copy_object')).toBe(0);
    expect(progress.calls[progress.calls.length - 1]).toEqual([data.length, data.length]);
    const head = await client.get_object_meta_data(B, 'copy/big-copy.bin');
    expect([head.metadata.content_type, head.metadata.user_metadata, head.metadata.cache_control]).toEqual(['video/mp4', { owner: 'zs' }, 'max-age=60']);
    const target = join(dir, 'big-copied.bin');
    await client.download_file(B, 'copy/big-copy.bin', target, { checkpoint: false });
    expect((await readFile(target)).equals(data)).toBe(true);
  });

  it('a multipart copy with new metadata, and one whose etag does not match fails and leaves no upload behind', async () => {
    await client.put_object_from_string(B, 'copy/mid.txt', 'y'.repeat(5000), { user_metadata: { old: '1' } });
    const limited = new BosClient(client.config);
    limited.transfer_limits = { ...client.transfer_limits, maxSingleCopy: 1024 };
    try {
      await limited.copy(B, 'copy/mid.txt', B, 'copy/mid-copy.txt', { part_size: 2 * KiB, user_metadata: { fresh: 'yes' } });
      expect((await client.get_object_meta_data(B, 'copy/mid-copy.txt')).metadata.user_metadata).toEqual({ fresh: 'yes' });
      expect(await client.get_object_as_string(B, 'copy/mid-copy.txt')).toBe('y'.repeat(5000));
      const error = await rejection(limited.copy(B, 'copy/mid.txt', B, 'copy/mid-stale.txt', { part_size: 2 * KiB, etag: '0'.repeat(32) }));
      expect(error).toBeInstanceOf(BceHttpClientError);
      expect((error as BceHttpClientError).last_error).toMatchObject({ status_code: 412, code: 'PreconditionFailed' });
    } finally {
      await limited.close();
    }
    expect(await rejection(client.get_object_meta_data(B, 'copy/mid-stale.txt'))).toBeInstanceOf(BceHttpClientError);
    expect((await client.list_multipart_uploads(B, { prefix: 'copy/mid-stale' })).uploads).toEqual([]);
  });
});

describe('folders', () => {
  it('round-trips a folder (nested, unicode, spaces, empty files) and deletes the prefix', async () => {
    const src = join(dir, 'tree');
    const files: Record<string, Buffer> = {
      'a.txt': Buffer.from('alpha'),
      'empty.bin': Buffer.alloc(0),
      'sub dir/中文 文件.txt': Buffer.from('你好'),
      'sub dir/deeper/big.bin': bytesOf(300 * KiB),
    };
    for (const [rel, data] of Object.entries(files)) {
      await mkdir(join(src, rel, '..'), { recursive: true });
      await writeFile(join(src, rel), data);
    }
    const up = recorder();
    const uploaded = await client.upload_folder(B, 'tree', src, { part_size: PART, progress_callback: up.callback });
    expect(uploaded.map((o) => o.key).sort()).toEqual(
      Object.keys(files)
        .map((rel) => `tree/${rel}`)
        .sort(),
    );
    const total = Object.values(files).reduce((n, b) => n + b.length, 0);
    expect(up.calls[up.calls.length - 1]).toEqual([total, total]);

    const out = join(dir, 'tree-out');
    const downloaded = await client.download_folder(B, 'tree/', out, { part_size: PART });
    expect(downloaded).toHaveLength(4);
    for (const [rel, data] of Object.entries(files)) expect((await readFile(join(out, rel))).equals(data)).toBe(true);

    const deleted = await client.delete_prefix(B, 'tree/');
    expect(deleted).toEqual({ deleted: 4, errors: [] });
    expect((await client.list_objects(B, { prefix: 'tree/' })).contents).toEqual([]);
  });

  it('refuses a prefix holding a key that would escape the destination folder', async () => {
    await client.put_object_from_string(B, 'trav/ok.txt', 'fine');
    const out = join(dir, 'trav-out');
    for (const bad of ['trav/a\\..\\..\\evil.txt', 'trav/../../evil.txt']) {
      await client.put_object_from_string(B, bad, 'evil');
      expect((await client.list_objects(B, { prefix: 'trav/' })).contents.map((o) => o.key)).toContain(bad);
      const error = await rejection(client.download_folder(B, 'trav/', out));
      expect(error).toBeInstanceOf(UnsafeKeyError);
      await client.delete_object(B, bad);
    }
    await expect(stat(join(out, 'ok.txt'))).rejects.toThrow();
    await expect(stat(join(dir, 'evil.txt'))).rejects.toThrow();
    await expect(stat(join(dir, '..', 'evil.txt'))).rejects.toThrow();
    expect(await client.delete_prefix(B, 'trav/')).toEqual({ deleted: 1, errors: [] });
  });
});

describe('delete_prefix', () => {
  it('deletes 2500 keys in ceil(2500 / 1000) = 3 DeleteMultipleObjects requests, progress to the total', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `many/${String(i).padStart(4, '0')}.txt`);
    // Seeded straight into the store: 2500 PUTs would only slow the test down.
    for (const key of keys) await emu.store.putObject(B, key, Buffer.from(key), {});
    const seen = countOperations();
    const progress = recorder();
    try {
      expect(await client.delete_prefix(B, 'many/', { progress_callback: progress.callback })).toEqual({ deleted: 2500, errors: [] });
    } finally {
      seen.restore();
    }
    expect(seen.count('delete_multiple_objects')).toBe(3);
    expect(seen.count('delete_object')).toBe(0);
    expect(progress.calls[progress.calls.length - 1]).toEqual([2500, 2500]);
    expect((await client.list_objects(B, { prefix: 'many/' })).contents).toEqual([]);
  });

  it('rejects with AccessDenied when the caller may list but not delete (a READ grant)', async () => {
    await client.put_object_from_string(B, 'guarded/a.txt', 'a');
    const reader = new BosClient(
      new BceClientConfiguration({ credentials: new BceCredentials(SECOND_KEY.accessKeyId, SECOND_KEY.secretAccessKey), endpoint: emu.endpoint }),
    );
    await client.set_bucket_acl(B, [
      { grantee: [{ id: (await client.list_buckets()).owner.id }], permission: ['FULL_CONTROL'] },
      { grantee: [{ id: SECOND_KEY.owner }], permission: ['READ'] },
    ]);
    try {
      const error = await rejection(reader.delete_prefix(B, 'guarded/'));
      expect((error as BceHttpClientError).last_error).toMatchObject({ status_code: 403, code: 'AccessDenied' });
    } finally {
      await client.set_bucket_canned_acl(B, 'private');
      await reader.close();
    }
    expect(await client.delete_prefix(B, 'guarded/')).toEqual({ deleted: 1, errors: [] });
  });
});

describe('arguments', () => {
  it('rejects bad arguments before any request, naming the parameter', async () => {
    const file = await localFile('args.bin', Buffer.from('x'));
    await expect(client.upload_file(B, 'k', file, { part_size: 0 })).rejects.toThrow(ValueError);
    await expect(client.upload_file(B, 'k', file, { part_size: 0 })).rejects.toThrow(/part_size/);
    await expect(client.upload_file(B, 'k', file, { thread_num: 1.5 })).rejects.toThrow(/thread_num/);
    await expect(client.upload_file(B, 'k', file, { progress_callback: 'no' as never })).rejects.toThrow(TypeError);
    await expect(client.upload_file(B, 'k', '')).rejects.toThrow(/file_name/);
    await expect(client.upload_file('Bad_Bucket', 'k', file)).rejects.toThrow(BceInvalidArgumentError);
    await expect(client.download_file(B, '/k', file)).rejects.toThrow(BceInvalidArgumentError);
    await expect(client.put_super_obejct_from_file(B, 'k', file, 6000)).rejects.toThrow(/chunk_size/);
    await expect(client.copy(B, 'k', B, '', {})).rejects.toThrow(/target_key/);
    await expect(client.delete_prefix(B, '')).rejects.toThrow(/prefix/);
    await expect(client.upload_folder(B, 'p', dir, { checkpoint: 3 as never })).rejects.toThrow(/checkpoint/);
    expect(partsStored).toBe(0);
  });

  it('every high-level call answers to its camelCase name', () => {
    for (const [snake, camel] of Object.entries(TRANSFER_METHOD_ALIASES)) {
      expect((client as unknown as Record<string, unknown>)[camel]).toBe((client as unknown as Record<string, unknown>)[snake]);
    }
    expect(typeof client.copy).toBe('function');
  });
});
