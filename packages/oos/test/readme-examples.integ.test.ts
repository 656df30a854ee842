/**
 * Every TypeScript example of packages/oos/README.md, run against the emulator.
 * The only edits to the examples: the emulator's endpoint and key instead of real ones,
 * small files instead of backups, and a temp folder for paths.
 */
import fs from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@yunstore/emulator';
import { oos, Config, exceptions, TransferConfig, type S3Client } from '@yunstore/oos';

const ACCESS_KEY = 'AKIDyunstoreEMULATOR';
const SECRET_KEY = 'yunstore-emulator-secret';

let emu: Emulator;
let dir: string;
let s3: S3Client;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, minPartSize: 1024 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'oos-readme-'));
  s3 = oos.client('s3', { endpoint_url: emu.endpoints.oos, access_key_id: ACCESS_KEY, secret_access_key: SECRET_KEY });
  await s3.create_bucket({ Bucket: 'examplebucket' });
  await s3.create_bucket({ Bucket: 'otherbucket' });
});

afterAll(async () => {
  s3?.close();
  await emu?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('packages/oos/README.md', () => {
  it('intro: delete_bucket of a missing bucket is a ClientError with code and request id', async () => {
    const client = oos.client('s3', {
      use_ssl: false,
      endpoint_url: emu.endpoints.oos,
      access_key_id: ACCESS_KEY,
      secret_access_key: SECRET_KEY,
      config: new Config({ signature_version: 's3' }),
    });
    const logged: string[] = [];
    try {
      await client.delete_bucket({ Bucket: 'NoSuchBucket' });
      expect.unreachable('delete_bucket should fail');
    } catch (e) {
      expect(e).toBeInstanceOf(exceptions.ClientError);
      if (e instanceof exceptions.ClientError) {
        logged.push(`Response code: ${e.response.Error.Code}, request id ${e.response.ResponseMetadata.RequestId}`);
        expect(e.response.Error.Code).toBe('NoSuchBucket');
        expect(e.response.ResponseMetadata.RequestId).toMatch(/^[0-9A-F]{16}$/);
      }
    }
    expect(logged[0]).toMatch(/^Response code: NoSuchBucket, request id [0-9A-F]{16}$/);
    expect(client.putObject).toBe(client.put_object);
    client.close();
  });

  it('Bodies: the download loop with Body.read(4096), and pipeline(Body.stream)', async () => {
    const Bucket = 'examplebucket';
    const Key = 'bodies.bin';
    const data = Buffer.alloc(10_000, 7);
    await s3.put_object({ Bucket, Key, Body: data });
    const DOWNLOAD_FILE_PATH = path.join(dir, 'bodies.bin');

    const { Body } = await s3.get_object({ Bucket, Key });
    const fd = fs.createWriteStream(DOWNLOAD_FILE_PATH);
    for (let chunk = await Body.read(4096); chunk.length > 0; chunk = await Body.read(4096)) fd.write(chunk);
    fd.end();
    await new Promise<void>((resolve) => fd.on('finish', () => resolve()));
    expect((await readFile(DOWNLOAD_FILE_PATH)).equals(data)).toBe(true);

    const second = await s3.get_object({ Bucket, Key });
    const other = path.join(dir, 'bodies2.bin');
    await pipeline(second.Body.stream, fs.createWriteStream(other));
    expect((await readFile(other)).equals(data)).toBe(true);
  });

  it('High-level transfers: upload_file, download_file, upload_fileobj, download_fileobj, copy', async () => {
    const src = path.join(dir, 'backup.tar');
    const data = Buffer.alloc(3000, 1);
    await writeFile(src, data);
    let ticked = 0;
    const bar = {
      tick: (n: number) => {
        ticked += n;
      },
    };

    const config = new TransferConfig({ multipart_threshold: 8 * 1024 * 1024, max_concurrency: 10 });
    await s3.upload_file(src, 'examplebucket', 'backup.tar', { ContentType: 'application/x-tar' }, (n) => bar.tick(n), config);
    expect(ticked).toBe(data.length);
    expect((await s3.head_object({ Bucket: 'examplebucket', Key: 'backup.tar' })).ContentType).toBe('application/x-tar');

    const restored = path.join(dir, 'restore-backup.tar');
    await s3.download_file('examplebucket', 'backup.tar', restored);
    expect((await readFile(restored)).equals(data)).toBe(true);

    const log = path.join(dir, 'log');
    await writeFile(log, 'line one\nline two\n');
    await s3.upload_fileobj(fs.createReadStream(log), 'examplebucket', 'log');
    // process.stdout in the README; any Writable works, and it is not ended.
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    await s3.download_fileobj('examplebucket', 'log', sink);
    expect(Buffer.concat(chunks).toString()).toBe('line one\nline two\n');
    expect(sink.writableEnded).toBe(false);

    await s3.copy({ Bucket: 'examplebucket', Key: 'backup.tar' }, 'otherbucket', 'backup.tar');
    expect((await s3.head_object({ Bucket: 'otherbucket', Key: 'backup.tar' })).ContentLength).toBe(data.length);

    const signal = new AbortController().signal;
    const result = await s3.upload_file({ Filename: src, Bucket: 'examplebucket', Key: 'backup.tar', Config: config, AbortSignal: signal });
    expect(result).toBeUndefined();
    expect(oos.TransferConfig).toBe(TransferConfig);
  });

  it('Presigned URLs: get_object and put_object URLs work with fetch', async () => {
    await s3.put_object({ Bucket: 'examplebucket', Key: 'photo.jpg', Body: 'jpeg bytes' });
    const url = s3.generate_presigned_url('get_object', { Bucket: 'examplebucket', Key: 'photo.jpg' }, 600);
    const upload = s3.generate_presigned_url('put_object', { Bucket: 'examplebucket', Key: 'photo.jpg', ContentType: 'image/jpeg' });
    expect(typeof url).toBe('string');
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('jpeg bytes');
    const put = await fetch(upload, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: 'new jpeg' });
    expect(put.status).toBe(200);
    const head = await s3.head_object({ Bucket: 'examplebucket', Key: 'photo.jpg' });
    expect(head.ContentType).toBe('image/jpeg');
    expect(head.ContentLength).toBe(8);
  });

  it('Testing against the emulator: s3 and iam clients', async () => {
    const client = oos.client('s3', { endpoint_url: emu.endpoints.oos, access_key_id: 'AKIDyunstoreEMULATOR', secret_access_key: 'yunstore-emulator-secret' });
    const iam = oos.client('iam', { endpoint_url: emu.endpoints.oos, access_key_id: 'AKIDyunstoreEMULATOR', secret_access_key: 'yunstore-emulator-secret' });
    const buckets = await client.list_buckets();
    expect(buckets.Buckets?.map((b) => b.Name)).toContain('examplebucket');
    const keys = await iam.list_access_key({ Body: oos.encode_params({ Action: 'ListAccessKey' }) });
    expect(Array.isArray(keys.AccessKeyMetadata)).toBe(true);
    client.close();
    iam.close();
  });
});
