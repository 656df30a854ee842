/**
 * Every TypeScript example of packages/cos/README.md, run against the emulator.
 * The only edits: the emulator's endpoint (`Scheme: 'http'`, `Endpoint: '127.0.0.1:<port>'`)
 * and key instead of real ones, and a temp folder for local paths.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@yunstore/emulator';
import { CosConfig, CosS3Client, CosServiceError } from '@yunstore/cos';

let emu: Emulator;
let dir: string;
let client: CosS3Client;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, minPartSize: 1024 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'cos-readme-'));
  client = new CosS3Client(
    new CosConfig({
      Region: 'ap-guangzhou',
      SecretId: 'AKIDyunstoreEMULATOR',
      SecretKey: 'yunstore-emulator-secret',
      Scheme: 'http',
      Endpoint: `127.0.0.1:${emu.ports.cos}`,
    }),
  );
  await client.create_bucket({ Bucket: 'examplebucket-1250000000' });
  await client.create_bucket({ Bucket: 'sourcebucket-1250000000' });
});

afterAll(async () => {
  await client?.close();
  await emu?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('packages/cos/README.md', () => {
  it('intro: put_object, get_object + get_stream_to_file, CosServiceError on head_object', async () => {
    const config = new CosConfig({
      Region: 'ap-guangzhou',
      SecretId: 'AKIDyunstoreEMULATOR',
      SecretKey: 'yunstore-emulator-secret',
      Scheme: 'http',
      Endpoint: `127.0.0.1:${emu.ports.cos}`,
    });
    const client = new CosS3Client(config);

    const res = await client.put_object({
      Bucket: 'examplebucket-1250000000',
      Key: 'doc/hello.txt',
      Body: 'hello',
      Metadata: { 'x-cos-meta-author': 'zhangsan' },
    });
    expect(res['ETag']).toBe('"5d41402abc4b2a76b9719d911017c592"');

    const obj = await client.get_object({ Bucket: 'examplebucket-1250000000', Key: 'doc/hello.txt' });
    const local = path.join(dir, 'hello.txt');
    await obj.Body.get_stream_to_file(local);
    expect(await readFile(local, 'utf8')).toBe('hello');
    const head = await client.head_object({ Bucket: 'examplebucket-1250000000', Key: 'doc/hello.txt' });
    expect(head['x-cos-meta-author']).toBe('zhangsan');

    let seen: unknown[] = [];
    try {
      await client.head_object({ Bucket: 'examplebucket-1250000000', Key: 'missing' });
    } catch (e) {
      if (e instanceof CosServiceError) seen = [e.get_status_code(), e.get_error_code()];
    }
    expect(seen[0]).toBe(404);
    expect(typeof seen[1]).toBe('string');
    await client.close();
  });

  it('High-level transfers: upload_file, download_file, copy', async () => {
    const localTxt = path.join(dir, 'local.txt');
    const data = Buffer.alloc(2 * 1024 * 1024 + 5, 'a');
    await writeFile(localTxt, data);
    const printed: string[] = [];
    const res = await client.upload_file({
      Bucket: 'examplebucket-1250000000',
      Key: 'exampleobject',
      LocalFilePath: localTxt,
      PartSize: 1,
      MAXThread: 5,
      EnableMD5: false,
      progress_callback: (consumed_bytes, total_bytes) => {
        if (total_bytes) printed.push(`${Math.floor((100 * consumed_bytes) / total_bytes)}%`);
      },
      ContentType: 'text/plain',
    });
    expect(typeof res['ETag']).toBe('string');
    expect(printed.at(-1)).toBe('100%');

    const dest = path.join(dir, 'downloaded.txt');
    await client.download_file({ Bucket: 'examplebucket-1250000000', Key: 'exampleobject', DestFilePath: dest });
    expect((await readFile(dest)).equals(data)).toBe(true);

    await client.put_object({ Bucket: 'sourcebucket-1250000000', Key: 'exampleobject', Body: 'source bytes' });
    await client.copy({
      Bucket: 'examplebucket-1250000000',
      Key: 'copy_10G.txt',
      CopySource: { Bucket: 'sourcebucket-1250000000', Key: 'exampleobject', Region: 'ap-guangzhou' },
    });
    const copied = await client.get_object({ Bucket: 'examplebucket-1250000000', Key: 'copy_10G.txt' });
    expect(await copied.Body.text()).toBe('source bytes');
  });

  it('Methods: list_objects_iter pages with for await', async () => {
    await client.put_object({ Bucket: 'examplebucket-1250000000', Key: 'logs/a.log', Body: 'a' });
    await client.put_object({ Bucket: 'examplebucket-1250000000', Key: 'logs/b.log', Body: 'bb' });
    const printed: string[] = [];
    const console = { log: (...args: unknown[]) => printed.push(args.join(' ')) };
    for await (const obj of client.list_objects_iter({ Bucket: 'examplebucket-1250000000', Prefix: 'logs/' })) {
      console.log(obj.Key, obj.Size);
    }
    expect(printed).toEqual(['logs/a.log 1', 'logs/b.log 2']);
  });
});
