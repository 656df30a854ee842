/**
 * Issue 13 (OOS) against the emulator: object calls that stay object calls,
 * local paths checked before the first request, the CreateBucketConfiguration
 * dict on the wire, the V2 presigned `content-type` parameter, and upload
 * connections reset by `resetAfterBytes`.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '@yunstore/core';
import type { Emulator } from '@yunstore/emulator';
import { oos, ClientError, Config, type S3Client } from '../src/index.ts';
import { AK, bucketName, emulator, s3, SK } from './helpers.ts';
import { countingDispatcher, request } from './undici.ts';

let emu: Emulator;
let client: S3Client;
let bucket: string;
let dir: string;
beforeAll(async () => {
  emu = await emulator();
  client = s3(emu.endpoints.oos);
  bucket = bucketName('fid');
  await client.create_bucket({ Bucket: bucket });
  dir = await mkdtemp(join(tmpdir(), 'oos-fidelity-'));
});
afterAll(async () => {
  await client?.close();
  await emu?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function countedClient(): { client: S3Client; requests: () => number } {
  const counter = countingDispatcher(() => true);
  const counted = oos.client('s3', {
    endpoint_url: emu.endpoints.oos,
    access_key_id: AK,
    secret_access_key: SK,
    config: new Config({ dispatcher: counter.dispatcher, retries: { max_attempts: 0 } }),
  });
  return { client: counted, requests: counter.count };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('an object call never becomes a bucket call', () => {
  it("Key '/' addresses an object named '/', never the bucket (botocore sends it as is)", async () => {
    const head = await rejection(client.head_object({ Bucket: bucket, Key: '/' }));
    expect(head).toBeInstanceOf(ClientError);
    expect((head as ClientError).response.Error.Code).toBe('404');

    await client.put_object_acl({ Bucket: bucket, Key: '/', ACL: 'public-read' }).catch(() => undefined);
    const acl = await client.get_bucket_acl({ Bucket: bucket });
    expect(acl.Grants.map((g) => g.Permission)).toEqual(['FULL_CONTROL']);

    await client.delete_object({ Bucket: bucket, Key: '/' });
    expect((await client.head_bucket({ Bucket: bucket })).ResponseMetadata.HTTPStatusCode).toBe(200);

    // And it round-trips as an object of its own.
    await client.put_object({ Bucket: bucket, Key: '/', Body: 'slash' });
    expect(await (await client.get_object({ Bucket: bucket, Key: '/' })).Body.read()).toEqual(Buffer.from('slash'));
    expect((await client.list_objects({ Bucket: bucket })).Contents?.map((c) => c.Key)).toContain('/');
    await client.delete_object({ Bucket: bucket, Key: '/' });
  });
});

describe('local paths are checked before the first request', () => {
  it('download_file onto a directory fails with EISDIR and sends nothing', async () => {
    await client.put_object({ Bucket: bucket, Key: 'd.txt', Body: 'data' });
    const { client: counted, requests } = countedClient();
    const folder = join(dir, 'is-a-folder');
    await mkdir(folder);
    const error = await rejection(counted.download_file(bucket, 'd.txt', folder));
    expect((error as NodeJS.ErrnoException).code).toBe('EISDIR');
    expect(requests()).toBe(0);
    await counted.close();
  });

  it('download_file under a regular file fails with ENOTDIR and sends nothing', async () => {
    const { client: counted, requests } = countedClient();
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    const error = await rejection(counted.download_file(bucket, 'd.txt', join(file, 'sub', 'out.txt')));
    expect((error as NodeJS.ErrnoException).code).toBe('ENOTDIR');
    expect(requests()).toBe(0);
    await counted.close();
  });

  it('download_file into missing folders still works (they are created)', async () => {
    const target = join(dir, 'new', 'deeper', 'out.txt');
    await client.download_file(bucket, 'd.txt', target);
    expect(await readdir(join(dir, 'new', 'deeper'))).toEqual(['out.txt']);
  });

  it('upload_file of a missing file or a directory fails with the fs error and sends nothing', async () => {
    const { client: counted, requests } = countedClient();
    expect(((await rejection(counted.upload_file(join(dir, 'missing.bin'), bucket, 'k'))) as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(((await rejection(counted.upload_file(dir, bucket, 'k'))) as NodeJS.ErrnoException).code).toBe('EISDIR');
    expect(requests()).toBe(0);
    await counted.close();
  });
});

describe('CreateBucketConfiguration as a dict (boto3)', () => {
  it('is sent as <CreateBucketConfiguration> XML', async () => {
    const name = bucketName('cbc');
    await client.create_bucket({
      Bucket: name,
      CreateBucketConfiguration: {
        LocationConstraint: 'cn',
        MetadataLocationConstraint: { Location: 'ChengDu' },
        DataLocationConstraint: { Type: 'Specified', LocationList: ['ChengDu', 'ShenYang'], ScheduleStrategy: 'NotAllowed' },
      },
    });
    const stored = (await emu.store.getBucket(name))?.config['createBucketConfiguration'];
    expect(stored).toBe(
      '<CreateBucketConfiguration><LocationConstraint>cn</LocationConstraint>' +
        '<MetadataLocationConstraint><Location>ChengDu</Location></MetadataLocationConstraint>' +
        '<DataLocationConstraint><Type>Specified</Type><LocationList><Location>ChengDu</Location><Location>ShenYang</Location></LocationList>' +
        '<ScheduleStrategy>NotAllowed</ScheduleStrategy></DataLocationConstraint></CreateBucketConfiguration>',
    );
    await client.delete_bucket({ Bucket: name });
  });

  it('ready-made XML text is still sent as given', async () => {
    const name = bucketName('cbx');
    const xml = '<CreateBucketConfiguration><LocationConstraint>hz</LocationConstraint></CreateBucketConfiguration>';
    await client.create_bucket({ Bucket: name, CreateBucketConfiguration: xml });
    expect((await emu.store.getBucket(name))?.config['createBucketConfiguration']).toBe(xml);
    await client.delete_bucket({ Bucket: name });
  });
});

describe('V2 presigned URL with a signed Content-Type', () => {
  it('writes the query parameter as botocore does (content-type, lower case), and the upload works', async () => {
    const url = client.generate_presigned_url('put_object', { Bucket: bucket, Key: 'typed.png', ContentType: 'image/png' });
    const query = new URL(url).searchParams;
    expect(query.get('content-type')).toBe('image/png');
    expect(query.has('Content-Type')).toBe(false);
    const res = await request(url, { method: 'PUT', body: 'png bytes', headers: { 'content-type': 'image/png' } });
    await res.body.text();
    expect(res.statusCode).toBe(200);
    expect((await client.head_object({ Bucket: bucket, Key: 'typed.png' })).ContentType).toBe('image/png');
  });
});

describe('emulator resetAfterBytes on uploads', () => {
  it('resets the upload connection (a network failure), instead of answering 500', async () => {
    const before = emu.faults.stats().resets;
    emu.faults.set({ dialects: ['oos'], operations: ['put_object'], resetAfterBytes: 1024, resetCount: 1 });
    try {
      const error = await rejection(client.put_object({ Bucket: bucket, Key: 'reset.bin', Body: Buffer.alloc(64 * 1024, 7) }));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).not.toBeInstanceOf(ClientError);
      expect(emu.faults.stats().resets).toBe(before + 1);
    } finally {
      emu.faults.clear();
    }
    // The next upload goes through on a fresh connection.
    await client.put_object({ Bucket: bucket, Key: 'reset.bin', Body: Buffer.alloc(64 * 1024, 7) });
    expect((await client.head_object({ Bucket: bucket, Key: 'reset.bin' })).ContentLength).toBe(64 * 1024);
  });
});
