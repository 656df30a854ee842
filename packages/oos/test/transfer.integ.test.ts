import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '@yunstore/core';
import type { Emulator } from '@yunstore/emulator';
import { deletePrefix } from '@yunstore/transfer';
import { Config, oos, ParamValidationError, TransferConfig, type S3Client } from '../src/index.ts';
import { ClientContext } from '../src/request.ts';
import { oosTransferAdapter } from '../src/transfer-adapter.ts';
import { AK, bucketName, emulator, s3, SK } from './helpers.ts';
import { countingDispatcher } from './undici.ts';

const KiB = 1024;
/** Small parts against the emulator's lowered minimum part size (1 KiB). */
const small = (extra: ConstructorParameters<typeof TransferConfig>[0] = {}): TransferConfig =>
  new TransferConfig({ multipart_threshold: 256 * KiB, multipart_chunksize: 64 * KiB, min_part_size: KiB, max_concurrency: 4, ...extra });

/** Deterministic randomness for fault rates. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Collects boto3-style Callback increments. */
function recorder(): { cb: (n: number) => void; calls: number[]; sum: () => number } {
  const calls: number[] = [];
  return { cb: (n) => calls.push(n), calls, sum: () => calls.reduce((a, b) => a + b, 0) };
}

class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

let emu: Emulator;
let client: S3Client;
let bucket: string;
let dir: string;

beforeAll(async () => {
  emu = await emulator();
  client = s3(emu.endpoints.oos);
  bucket = bucketName('xfer');
  await client.create_bucket({ Bucket: bucket });
  dir = await mkdtemp(join(tmpdir(), 'oos-transfer-'));
});
afterAll(async () => {
  await client?.close();
  await emu?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function getBytes(key: string): Promise<Buffer> {
  return (await client.get_object({ Bucket: bucket, Key: key })).Body.read();
}

async function localFile(name: string, size: number): Promise<{ path: string; data: Buffer }> {
  const data = randomBytes(size);
  const path = join(dir, name);
  await writeFile(path, data);
  return { path, data };
}

describe('upload_file / download_file', () => {
  it('uploads below multipart_threshold in one put_object, with ExtraArgs (positional form)', async () => {
    const { path, data } = await localFile('small.bin', 100 * KiB);
    const rec = recorder();
    const out = await client.upload_file(path, bucket, 'small.bin', { ContentType: 'text/plain', Metadata: { tag: 'one' } }, rec.cb, small());
    expect(out).toBeUndefined(); // boto3 returns None
    const head = await client.head_object({ Bucket: bucket, Key: 'small.bin' });
    expect(head.ETag).not.toContain('-');
    expect(head.ContentType).toBe('text/plain');
    expect(head.Metadata).toEqual({ tag: 'one' });
    expect((await getBytes('small.bin')).equals(data)).toBe(true);
    expect(rec.sum()).toBe(data.length);
  });

  it('uploads above the threshold in parts and downloads byte-identical, Callback increments summing to the size', async () => {
    const { path, data } = await localFile('big.bin', 2048 * KiB + 123);
    const up = recorder();
    const config = small({ multipart_chunksize: 512 * KiB });
    await client.uploadFile({
      Filename: path,
      Bucket: bucket,
      Key: 'dir/big.bin',
      ExtraArgs: { ContentType: 'application/x-big', Metadata: { a: 'b' } },
      Callback: up.cb,
      Config: config,
    });
    const head = await client.head_object({ Bucket: bucket, Key: 'dir/big.bin' });
    expect(head.ETag).toMatch(/-5"?$/); // 4 parts of 512 KiB and one of 123 bytes
    expect(head.ContentType).toBe('application/x-big');
    expect(head.Metadata).toEqual({ a: 'b' });
    expect(up.calls.length).toBeGreaterThan(5); // bytes as they move (file reads are 256 KiB), not once per part
    expect(up.calls.every((n) => n > 0)).toBe(true);
    expect(up.sum()).toBe(data.length);

    const down = recorder();
    const target = join(dir, 'out', 'big.copy');
    await client.download_file(bucket, 'dir/big.bin', target, null, down.cb, config);
    expect(down.calls.length).toBeGreaterThanOrEqual(5); // the engine credits downloads per 1 MiB written, so at least once per part
    expect((await readFile(target)).equals(data)).toBe(true);
    expect(down.sum()).toBe(data.length);
    expect((await readdir(join(dir, 'out'))).filter((f) => f.includes('yunstore-tmp'))).toEqual([]);
  });

  it('uses boto3 defaults without a Config (8 MiB threshold: one request)', async () => {
    const { path, data } = await localFile('default.bin', 300 * KiB);
    await client.upload_file(path, bucket, 'default.bin');
    expect((await client.head_object({ Bucket: bucket, Key: 'default.bin' })).ETag).not.toContain('-');
    const target = join(dir, 'default.out');
    await client.downloadFile({ Bucket: bucket, Key: 'default.bin', Filename: target });
    expect((await readFile(target)).equals(data)).toBe(true);
  });
});

describe('empty objects', () => {
  it('round-trips a 0-byte file and stream', async () => {
    const { path } = await localFile('empty.bin', 0);
    const rec = recorder();
    await client.upload_file(path, bucket, 'empty.bin', null, rec.cb, small({ multipart_threshold: 1 }));
    expect((await client.head_object({ Bucket: bucket, Key: 'empty.bin' })).ContentLength).toBe(0);
    expect(rec.calls).toEqual([]);
    const target = join(dir, 'empty.out');
    await client.download_file(bucket, 'empty.bin', target, null, null, small());
    expect((await readFile(target)).length).toBe(0);
    await client.upload_fileobj(Readable.from([]), bucket, 'empty2.bin');
    const sink = new Sink();
    await client.download_fileobj(bucket, 'empty2.bin', sink);
    expect(sink.bytes().length).toBe(0);
  });
});

describe('upload_fileobj / download_fileobj', () => {
  it('uploads a stream of unknown length in parts and downloads into a Writable', async () => {
    const data = randomBytes(700 * KiB + 5);
    // Odd chunk sizes, so parts never line up with chunks.
    const chunks = function* (): Generator<Buffer> {
      for (let at = 0; at < data.length; at += 10_007) yield data.subarray(at, Math.min(at + 10_007, data.length));
    };
    const up = recorder();
    await client.upload_fileobj(Readable.from(chunks()), bucket, 'stream.bin', { ContentType: 'video/mp4' }, up.cb, small());
    const head = await client.head_object({ Bucket: bucket, Key: 'stream.bin' });
    expect(head.ETag).toMatch(/-11"?$/);
    expect(head.ContentType).toBe('video/mp4');
    expect(up.sum()).toBe(data.length);

    const sink = new Sink();
    const down = recorder();
    await client.downloadFileobj({ Bucket: bucket, Key: 'stream.bin', Fileobj: sink, Callback: down.cb, Config: small() });
    expect(sink.bytes().equals(data)).toBe(true);
    expect(sink.writableEnded).toBe(false); // the caller owns the file object, as in boto3
    expect(down.sum()).toBe(data.length);
  });

  it('uploads a short web stream or a Buffer in one request', async () => {
    const text = Buffer.from('hello from a web stream');
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(text);
        controller.close();
      },
    });
    await client.uploadFileobj({ Fileobj: web, Bucket: bucket, Key: 'web.txt', Config: small() });
    expect((await getBytes('web.txt')).equals(text)).toBe(true);
    await client.upload_fileobj(Buffer.from('buffer body'), bucket, 'buf.txt');
    expect((await getBytes('buf.txt')).toString()).toBe('buffer body');
  });
});

describe('resume (TransferConfig checkpoint)', () => {
  it('after an abort mid-upload, the next call sends only the missing parts', async () => {
    const parts = countingDispatcher((method, path) => method === 'PUT' && /[?&]partNumber=/.test(path));
    const counted = oos.client('s3', {
      endpoint_url: emu.endpoints.oos,
      access_key_id: AK,
      secret_access_key: SK,
      config: new Config({ retries: { max_attempts: 0 }, dispatcher: parts.dispatcher }),
    });
    try {
      const { path, data } = await localFile('resume.bin', 40 * 64 * KiB);
      const config = small({ checkpoint: join(dir, 'checkpoints'), max_concurrency: 2 });
      const controller = new AbortController();
      let seen = 0;
      const first = counted.upload_file(
        path,
        bucket,
        'resume.bin',
        null,
        (n) => {
          seen += n;
          if (seen >= data.length * 0.4) controller.abort();
        },
        config,
        { AbortSignal: controller.signal },
      );
      const error = await first.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).code).toBe('ABORTED');

      // The multipart upload was kept for the next call.
      const uploads = await client.list_multipart_uploads({ Bucket: bucket, Prefix: 'resume.bin' });
      expect(uploads.Uploads?.length).toBe(1);
      const uploadId = uploads.Uploads?.[0]?.UploadId ?? '';
      // A part whose body was fully sent when the abort came may still be landing: wait until the count settles.
      let held = -1;
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = (await client.list_parts({ Bucket: bucket, Key: 'resume.bin', UploadId: uploadId })).Parts?.length ?? 0;
        if (now === held) break;
        held = now;
      }
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(40);

      parts.reset();
      const rec = recorder();
      await counted.upload_file(path, bucket, 'resume.bin', null, rec.cb, config);
      expect(parts.count()).toBe(40 - held);
      expect(rec.sum()).toBe(data.length); // reused parts are reported first, so a progress bar still reaches 100%
      expect((await getBytes('resume.bin')).equals(data)).toBe(true);
      expect((await client.list_multipart_uploads({ Bucket: bucket, Prefix: 'resume.bin' })).Uploads).toBeUndefined();
      expect(await readdir(join(dir, 'checkpoints'))).toEqual([]);
    } finally {
      await counted.close();
      await parts.dispatcher.close();
    }
  });

  it('without a checkpoint an aborted upload is aborted on the server too', async () => {
    const { path } = await localFile('noresume.bin', 20 * 64 * KiB);
    const controller = new AbortController();
    const error = await client
      .upload_file({ Filename: path, Bucket: bucket, Key: 'noresume.bin', Config: small(), AbortSignal: controller.signal, Callback: () => controller.abort() })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as NetworkError).code).toBe('ABORTED');
    expect((await client.list_multipart_uploads({ Bucket: bucket, Prefix: 'noresume.bin' })).Uploads).toBeUndefined();
  });
});

describe('injected faults', () => {
  it('completes upload and download with 5% of part requests failing', async () => {
    // One transport retry, so a part that fails twice in a row reaches the engine, which retries that part alone.
    const retrying = oos.client('s3', {
      endpoint_url: emu.endpoints.oos,
      access_key_id: AK,
      secret_access_key: SK,
      config: new Config({ retries: { max_attempts: 1 } }),
    });
    emu.faults.setRandom(seeded(7));
    emu.faults.set({ dialects: ['oos'], operations: ['upload_part', 'get_object'], errorRate: 0.05, errorStatus: 503 });
    try {
      const { path, data } = await localFile('faulty.bin', 60 * 64 * KiB);
      await retrying.upload_file(path, bucket, 'faulty.bin', null, null, small());
      const target = join(dir, 'faulty.out');
      await retrying.download_file(bucket, 'faulty.bin', target, null, null, small());
      expect(emu.faults.stats().errors).toBeGreaterThan(0);
      emu.faults.clear();
      expect((await getBytes('faulty.bin')).equals(data)).toBe(true);
      expect((await readFile(target)).equals(data)).toBe(true);
    } finally {
      emu.faults.clear();
      emu.faults.setRandom(Math.random);
      await retrying.close();
    }
  });
});

describe('copy', () => {
  let data: Buffer;
  beforeAll(async () => {
    const file = await localFile('source.bin', 300 * KiB + 7);
    data = file.data;
    await client.upload_file(
      file.path,
      bucket,
      'src/source.bin',
      { ContentType: 'image/png', Metadata: { origin: 'camera' }, CacheControl: 'no-cache' },
      null,
      small(),
    );
  });

  it('copies a small object with one copy_object (dict CopySource, boto3 defaults)', async () => {
    const rec = recorder();
    await client.copy({ Bucket: bucket, Key: 'src/source.bin' }, bucket, 'copies/small.bin', null, rec.cb);
    const head = await client.head_object({ Bucket: bucket, Key: 'copies/small.bin' });
    expect(head.ContentType).toBe('image/png');
    expect(head.Metadata).toEqual({ origin: 'camera' });
    expect((await getBytes('copies/small.bin')).equals(data)).toBe(true);
    expect(rec.sum()).toBe(data.length);
  });

  it('copies in upload_part_copy ranges above multipart_threshold, keeping the source metadata', async () => {
    const rec = recorder();
    await client.copy({
      CopySource: `${bucket}/src/source.bin`,
      Bucket: bucket,
      Key: 'copies/multi.bin',
      Callback: rec.cb,
      SourceClient: client,
      Config: small(),
    });
    const head = await client.head_object({ Bucket: bucket, Key: 'copies/multi.bin' });
    expect(head.ETag).toMatch(/-5"?$/); // 4 x 64 KiB + 44 KiB + 7 bytes
    expect(head.ContentType).toBe('image/png');
    expect(head.CacheControl).toBe('no-cache');
    expect(head.Metadata).toEqual({ origin: 'camera' });
    expect((await getBytes('copies/multi.bin')).equals(data)).toBe(true);
    expect(rec.sum()).toBe(data.length);
  });

  it('MetadataDirective REPLACE takes the ExtraArgs headers on both paths', async () => {
    const extra = { MetadataDirective: 'REPLACE' as const, ContentType: 'text/csv', Metadata: { fresh: 'yes' } };
    await client.copy({ Bucket: bucket, Key: 'src/source.bin' }, bucket, 'copies/r1.bin', extra);
    await client.copy({ Bucket: bucket, Key: 'src/source.bin' }, bucket, 'copies/r2.bin', extra, null, null, small());
    for (const key of ['copies/r1.bin', 'copies/r2.bin']) {
      const head = await client.head_object({ Bucket: bucket, Key: key });
      expect(head.ContentType).toBe('text/csv');
      expect(head.Metadata).toEqual({ fresh: 'yes' });
    }
  });

  it('a failed source condition fails before anything is copied', async () => {
    const error = await client
      .copy({ Bucket: bucket, Key: 'src/source.bin' }, bucket, 'copies/never.bin', { CopySourceIfMatch: '"nope"' }, null, null, small())
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(oos.exceptions.ClientError);
    expect((error as InstanceType<typeof oos.exceptions.ClientError>).response.ResponseMetadata.HTTPStatusCode).toBe(412);
    await expect(client.head_object({ Bucket: bucket, Key: 'copies/never.bin' })).rejects.toThrow(/404/);
  });
});

describe('arguments', () => {
  it('refuses bad ExtraArgs, Config and arguments before any request', async () => {
    const { path } = await localFile('args.bin', 10);
    await expect(client.upload_file(path, bucket, 'k', { ContentTyp: 'x' } as never)).rejects.toThrow(
      /Invalid extra_args key 'ContentTyp', must be one of: ACL, CacheControl/,
    );
    await expect(client.upload_file(path, bucket, 'k', { AbortSignal: new AbortController().signal } as never)).rejects.toThrow(
      /AbortSignal is not an ExtraArgs key/,
    );
    await expect(client.upload_file(path, bucket, 'k', { Metadata: { a: 1 } } as never)).rejects.toThrow(/Invalid type for parameter Metadata/);
    await expect(client.upload_file({ Filename: path, Bucket: 'bad/bucket', Key: 'k' })).rejects.toThrow(ParamValidationError);
    await expect(client.upload_file({ Bucket: bucket, Key: 'k' } as never)).rejects.toThrow(/Missing required parameter in input: "Filename"/);
    await expect(client.upload_file({ Filename: path, Bucket: bucket, Key: 'k', Extra: 1 } as never)).rejects.toThrow(/Unknown parameter in input: "Extra"/);
    await expect(client.upload_file(path, bucket, 'k', null, 'nope' as never)).rejects.toThrow(/Callback/);
    await expect(client.download_file(bucket, 'k', join(dir, 'x'), { VersionId: '1' } as never)).rejects.toThrow(/Invalid extra_args key 'VersionId'/);
    await expect(client.upload_fileobj({ Fileobj: 42, Bucket: bucket, Key: 'k' } as never)).rejects.toThrow(/Fileobj/);
    await expect(client.download_fileobj(bucket, 'k', {} as never)).rejects.toThrow(/Writable/);
    await expect(client.copy({ Bucket: bucket, Key: 'k', VersionId: 'v' }, bucket, 'k2')).rejects.toThrow(/VersionId/);
    await expect(client.upload_file(path, bucket, 'k', null, null, { multipart_thresold: 1 } as never)).rejects.toThrow(
      /Unknown TransferConfig option "multipart_thresold"/,
    );
    expect(() => new TransferConfig({ max_concurrency: 0 })).toThrow(/max_concurrency must be a positive integer/);
    expect(() => new TransferConfig({ max_bandwidth: 1000 } as never)).toThrow(/max_bandwidth is not supported/);
    const cfg = new TransferConfig();
    expect([cfg.multipart_threshold, cfg.multipart_chunksize, cfg.max_concurrency, cfg.num_download_attempts, cfg.use_threads, cfg.checkpoint]).toEqual([
      8 * 1024 * KiB,
      8 * 1024 * KiB,
      10,
      5,
      true,
      false,
    ]);
    expect(new TransferConfig({ use_threads: false, max_concurrency: 8 }).concurrency).toBe(1);
  });

  it('a missing object fails download_file with ClientError 404 and leaves no file', async () => {
    const target = join(dir, 'missing', 'nothing.bin');
    const error = await client.download_file(bucket, 'no/such/key', target).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(oos.exceptions.ClientError);
    expect((error as InstanceType<typeof oos.exceptions.ClientError>).response.Error.Code).toBe('404');
    await expect(readdir(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});

describe('the adapter for folder operations', () => {
  it('lists and batch-deletes a prefix', async () => {
    const ctx = new ClientContext({
      endpoint: new URL(emu.endpoints.oos),
      credentials: { accessKeyId: AK, secretAccessKey: SK },
      config: new Config(),
      service: 's3',
    });
    try {
      for (let i = 0; i < 5; i++) await client.put_object({ Bucket: bucket, Key: `trash/f ${i}.txt`, Body: `x${i}` });
      await client.put_object({ Bucket: bucket, Key: 'trashy.txt', Body: 'keep' });
      const adapter = oosTransferAdapter(ctx);
      const page = await adapter.list?.({ bucket, prefix: 'trash/', signal: new AbortController().signal });
      expect(page?.objects.map((o) => o.key)).toEqual([0, 1, 2, 3, 4].map((i) => `trash/f ${i}.txt`));
      const out = await deletePrefix(adapter, { bucket, prefix: 'trash/' });
      expect(out).toMatchObject({ deleted: 5 });
      expect((await client.list_objects({ Bucket: bucket, Prefix: 'trash' })).Contents?.map((c) => c.Key)).toEqual(['trashy.txt']);
    } finally {
      await ctx.close();
    }
  });
});
