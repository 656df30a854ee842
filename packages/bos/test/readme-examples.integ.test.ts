/**
 * Every TypeScript example of packages/bos/README.md, run against the emulator.
 * The only edits: the emulator's endpoint and key instead of real ones, small files
 * in a temp folder instead of /data and /restore.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@yunstore/emulator';
import { BceClientConfiguration, BceCredentials, BosClient, canned_acl } from '@yunstore/bos';

let emu: Emulator;
let dir: string;
let bos_client: BosClient;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, minPartSize: 1024 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'bos-readme-'));
  bos_client = new BosClient(
    new BceClientConfiguration({
      credentials: new BceCredentials('AKIDyunstoreEMULATOR', 'yunstore-emulator-secret'),
      endpoint: emu.endpoints.bos,
    }),
  );
});

afterAll(async () => {
  await emu?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('packages/bos/README.md', () => {
  it('intro: bucket, put/list/get, canned ACL, presigned URL', async () => {
    const config = new BceClientConfiguration({
      credentials: new BceCredentials('AKIDyunstoreEMULATOR', 'yunstore-emulator-secret'),
      endpoint: emu.endpoints.bos,
    });
    const bos_client = new BosClient(config);

    expect(await bos_client.does_bucket_exist('my-bucket')).toBe(false);
    if (!(await bos_client.does_bucket_exist('my-bucket'))) await bos_client.create_bucket('my-bucket');
    expect(await bos_client.does_bucket_exist('my-bucket')).toBe(true);
    await bos_client.put_object_from_string('my-bucket', 'docs/hello.txt', 'hello', { user_metadata: { author: 'zs' } });
    const response = await bos_client.list_objects('my-bucket', { prefix: 'docs/' });
    const listed: unknown[][] = [];
    for (const object of response.contents) listed.push([object.key, object.e_tag, object.size]);
    expect(listed).toEqual([['docs/hello.txt', '5d41402abc4b2a76b9719d911017c592', 5]]);
    const all: string[] = [];
    for await (const object of bos_client.list_all_objects('my-bucket')) all.push(object.key);
    expect(all).toEqual(['docs/hello.txt']);
    expect(await bos_client.get_object_as_string('my-bucket', 'docs/hello.txt')).toBe('hello');
    await bos_client.set_bucket_canned_acl('my-bucket', canned_acl.PRIVATE);
    const url = bos_client.generate_pre_signed_url('my-bucket', 'docs/hello.txt', 0, 1800);
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('hello');
  });

  it('High-level transfers: put_super_obejct_from_file, upload_file, download_file, copy, folders', async () => {
    await bos_client.create_bucket('other-bucket');
    const data = path.join(dir, 'data');
    const restore = path.join(dir, 'restore');
    await mkdir(path.join(data, 'photos'), { recursive: true });
    await mkdir(restore, { recursive: true });
    const tar = path.join(data, 'backup.tar');
    const bytes = Buffer.alloc(4096, 3);
    await writeFile(tar, bytes);

    expect(await bos_client.put_super_obejct_from_file('my-bucket', 'backup.tar', tar, 5, 4)).toBe(true);

    const controller = new AbortController();
    const progress: Array<[number, number | undefined]> = [];
    const up = await bos_client.upload_file('my-bucket', 'backup.tar', tar, {
      part_size: 16 * 1024 * 1024,
      thread_num: 8,
      progress_callback: (consumed_bytes, total_bytes) => progress.push([consumed_bytes, total_bytes]),
      content_type: 'application/x-tar',
      user_metadata: { source: 'nightly' },
      signal: controller.signal,
    });
    expect(typeof up.e_tag).toBe('string');
    expect(up.upload_id).toBeUndefined(); // one PUT below part_size: no multipart upload
    expect(up.parts_sent).toBeTypeOf('number');
    expect(up.parts_reused).toBe(0);
    expect(progress.at(-1)).toEqual([4096, 4096]);
    const out = path.join(restore, 'backup.tar');
    await bos_client.download_file('my-bucket', 'backup.tar', out, { thread_num: 8 });
    expect((await readFile(out)).equals(bytes)).toBe(true);

    await bos_client.copy('my-bucket', 'backup.tar', 'other-bucket', 'backup-copy.tar');
    expect(await bos_client.get_object_as_string('other-bucket', 'backup-copy.tar')).toBe(bytes.toString());

    await writeFile(path.join(data, 'photos', 'a.jpg'), 'a');
    await writeFile(path.join(data, 'photos', 'b.jpg'), 'bb');
    await bos_client.upload_folder('my-bucket', 'photos/2024', path.join(data, 'photos'));
    await bos_client.download_folder('my-bucket', 'photos/2024', path.join(restore, 'photos'));
    expect(await readFile(path.join(restore, 'photos', 'b.jpg'), 'utf8')).toBe('bb');
    await bos_client.delete_prefix('my-bucket', 'photos/2024/');
    const left = await bos_client.list_objects('my-bucket', { prefix: 'photos/' });
    expect(left.contents).toEqual([]);
  });

  it('Testing against the emulator: the client construction', async () => {
    const client = new BosClient(
      new BceClientConfiguration({
        credentials: new BceCredentials('AKIDyunstoreEMULATOR', 'yunstore-emulator-secret'),
        endpoint: emu.endpoints.bos,
      }),
    );
    expect(await client.does_bucket_exist('my-bucket')).toBe(true);
  });
});
