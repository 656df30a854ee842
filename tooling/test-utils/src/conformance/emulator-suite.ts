/** The happy paths every vendor must get right, against the emulator. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@yunstore/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCESS_KEY_ID, EMULATOR_SECRET_ACCESS_KEY, startTestEmulator } from '../emulator-harness.ts';
import type { ConformanceTarget } from './target.ts';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export function emulatorSuite<C>(target: ConformanceTarget<C>): void {
  describe(`${target.name} conformance: emulator round trips`, () => {
    let emu: Emulator;
    let client: C;
    let dir: string;

    beforeAll(async () => {
      emu = await startTestEmulator({ buckets: [`${target.dialect}:${target.bucket}`] });
      client = target.createClient({
        endpoint: emu.endpoints[target.dialect],
        timeoutMs: 30_000,
        retries: 2,
        accessKeyId: EMULATOR_ACCESS_KEY_ID,
        secretAccessKey: EMULATOR_SECRET_ACCESS_KEY,
      });
      dir = await mkdtemp(join(tmpdir(), `yunstore-conf-${target.name}-`));
    });

    afterAll(async () => {
      await target.closeClient(client);
      await emu?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const keys = ['plain.txt', 'dir/sub/file.bin', '中文 键/空格 +加号%百分号.txt', 'a+b=c&d.txt', 'zero-bytes'];
    it.each(keys)('put, head, get (stream and whole), list, delete: %s', async (key) => {
      const body = key === 'zero-bytes' ? Buffer.alloc(0) : randomBytes(3000);
      await target.put(client, key, body);
      expect(await target.head(client, key)).toBe(body.length);
      expect((await collect(await target.getStream(client, key))).equals(body)).toBe(true);
      expect((await target.getBytes(client, key)).equals(body)).toBe(true);
      expect(await target.list(client, key)).toContain(key);
      await target.deleteObject(client, key);
      const missing = await target.head(client, key).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(target.isServiceError(missing)).toBe(true);
      expect(target.statusOf(missing)).toBe(404);
    });

    it('a missing key fails with the service error class, status 404 and a code', async () => {
      const error = await target.getBytes(client, 'no/such/key').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(target.isServiceError(error)).toBe(true);
      expect(target.statusOf(error)).toBe(404);
      expect(target.codeOf(error)).toBeTruthy();
    });

    it('copies an object', async () => {
      const body = randomBytes(2048);
      await target.put(client, 'copy/source', body);
      await target.copy(client, 'copy/source', 'copy/target');
      expect((await target.getBytes(client, 'copy/target')).equals(body)).toBe(true);
    });

    it('uploads a file in parts and downloads it byte for byte', async () => {
      const data = randomBytes(3 * target.partSize + 17);
      const source = join(dir, 'upload.bin');
      const target_ = join(dir, 'download.bin');
      await writeFile(source, data);
      await target.uploadFile(client, 'multipart/file.bin', source, target.partSize);
      expect(await target.head(client, 'multipart/file.bin')).toBe(data.length);
      await target.downloadFile(client, 'multipart/file.bin', target_);
      expect((await readFile(target_)).equals(data)).toBe(true);
    });

    it('closing an unread body releases it quietly and the client keeps working', async () => {
      await target.put(client, 'unread', randomBytes(512 * 1024));
      for (let i = 0; i < 3; i++) {
        const body = await target.getStream(client, 'unread');
        await target.closeBody(body);
      }
      expect(await target.head(client, 'unread')).toBe(512 * 1024);
    });
  });
}
