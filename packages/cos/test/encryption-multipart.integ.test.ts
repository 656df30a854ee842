/**
 * Encrypted multipart uploads against the emulator (its minimum part size
 * is 1 KiB here): the seed's in-order calls, declared PartSize with parts
 * sent in parallel and finished out of order, the 16-byte rule checked
 * before any request, and upload_file / download_file through the engine.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryCheckpointStore } from '@yunstore/transfer';
import { AESProvider, CosClientError, CosEncryptionClient, RSAProvider, type CosS3Client } from '../src/index.ts';
import { AES_KEY_FILE, RSA_PRIVATE_FILE, RSA_PUBLIC_FILE } from './encryption-helpers.ts';
import { caught, startHarness, stopHarness, type Harness } from './helpers.ts';

const Bucket = 'csemultipart-1250000000';
let h: Harness;
let plain: CosS3Client;
let aes: CosEncryptionClient;
let rsa: CosEncryptionClient;
let dir: string;

const pattern = (size: number, seed = 1): Buffer => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed * 17 + (i >> 8)) % 256));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function uploadsOf(Key: string): Promise<number> {
  const res = await plain.list_multipart_uploads({ Bucket, Prefix: Key });
  return (res.Upload ?? []).length;
}

beforeAll(async () => {
  h = await startHarness();
  plain = h.client;
  await plain.create_bucket({ Bucket });
  aes = new CosEncryptionClient(h.options(), new AESProvider({ aes_key_path: AES_KEY_FILE }));
  rsa = new CosEncryptionClient(h.options(), new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair_path(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE) }));
  dir = await mkdtemp(join(tmpdir(), 'yunstore-cse-mp-'));
}, 60_000);
afterAll(async () => {
  await aes?.close();
  await rsa?.close();
  await stopHarness(h);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('multipart, the seed way (parts in order, no PartSize)', () => {
  it('each part starts where the previous ended; streams of unknown length work too', async () => {
    const data = pattern(2048 + 4096 + 333);
    const Key = 'mp/sequential';
    const { UploadId } = await aes.create_multipart_upload({ Bucket, Key, Metadata: { 'x-cos-meta-kept': 'yes' } });
    const r1 = await aes.upload_part(Bucket, Key, data.subarray(0, 2048), 1, UploadId);
    // Part 2 is a stream whose length nobody knows up front; part 3 waits for it.
    const p2 = aes.upload_part({ Bucket, Key, UploadId, PartNumber: 2, Body: Readable.from([data.subarray(2048, 3000), data.subarray(3000, 6144)]) });
    const p3 = aes.upload_part({ Bucket, Key, UploadId, PartNumber: 3, Body: data.subarray(6144) });
    const [r2, r3] = await Promise.all([p2, p3]);
    const listed = await aes.list_parts({ Bucket, Key, UploadId });
    expect(listed.Part?.map((p) => p.Size)).toEqual(['2048', '4096', '333']);
    await aes.complete_multipart_upload({
      Bucket,
      Key,
      UploadId,
      MultipartUpload: { Part: [r1, r2, r3].map((r, i) => ({ PartNumber: i + 1, ETag: r['ETag'] as string })) },
    });
    const res = await aes.get_object({ Bucket, Key });
    expect(res['x-cos-meta-kept']).toBe('yes');
    expect((await res.Body.read()).equals(data)).toBe(true);
    expect((await (await aes.get_object({ Bucket, Key, Range: 'bytes=2040-6150' })).Body.read()).equals(data.subarray(2040, 6151))).toBe(true);
  });

  it('a part before its predecessor is refused before any request (OutOfOrderPart)', async () => {
    const Key = 'mp/out-of-order';
    const { UploadId } = await aes.create_multipart_upload({ Bucket, Key });
    const error = await caught(() => aes.upload_part({ Bucket, Key, UploadId, PartNumber: 2, Body: pattern(1024) }));
    expect((error as CosClientError).code).toBe('OutOfOrderPart');
    expect((await aes.list_parts({ Bucket, Key, UploadId })).Part ?? []).toHaveLength(0);
    await aes.abort_multipart_upload({ Bucket, Key, UploadId });
  });

  it('a part that is not a multiple of 16 bytes may only be the last one, checked before the next request', async () => {
    const Key = 'mp/sixteen';
    const { UploadId } = await aes.create_multipart_upload({ Bucket, Key });
    await aes.upload_part({ Bucket, Key, UploadId, PartNumber: 1, Body: pattern(1030) });
    const error = await caught(() => aes.upload_part({ Bucket, Key, UploadId, PartNumber: 2, Body: pattern(1024) }));
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).message).toContain('multiple of 16');
    expect((await aes.list_parts({ Bucket, Key, UploadId })).Part ?? []).toHaveLength(1);
    await aes.abort_multipart_upload({ Bucket, Key, UploadId });
  });

  it('an upload id this client did not create is refused (its data key is unknown)', async () => {
    const Key = 'mp/foreign';
    const { UploadId } = await plain.create_multipart_upload({ Bucket, Key });
    const error = await caught(() => aes.upload_part({ Bucket, Key, UploadId, PartNumber: 1, Body: 'x' }));
    expect((error as CosClientError).code).toBe('UnknownEncryptedUpload');
    await plain.abort_multipart_upload({ Bucket, Key, UploadId });
  });
});

describe('multipart with a declared PartSize: parallel, out of order', () => {
  it('parts sent at once and finished in reverse order decrypt correctly', async () => {
    const PartSize = 4096;
    const data = pattern(5 * PartSize + 777, 2);
    const Key = 'mp/parallel';
    for (const client of [aes, rsa]) {
      const { UploadId } = await client.create_multipart_upload({ Bucket, Key, PartSize, DataSize: data.length });
      const count = Math.ceil(data.length / PartSize);
      const finished: number[] = [];
      const parts = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const PartNumber = i + 1;
          // Later parts start first and finish first.
          await sleep((count - i) * 15);
          const res = await client.upload_part({ Bucket, Key, UploadId, PartNumber, Body: data.subarray(i * PartSize, (i + 1) * PartSize) });
          finished.push(PartNumber);
          return { PartNumber, ETag: res['ETag'] as string };
        }),
      );
      expect(finished[0]).toBe(count);
      await client.complete_multipart_upload({ Bucket, Key, UploadId, MultipartUpload: { Part: parts } });
      expect((await (await client.get_object({ Bucket, Key })).Body.read()).equals(data)).toBe(true);
      const across = await (await client.get_object({ Bucket, Key, Range: `bytes=${PartSize - 3}-${3 * PartSize + 5}` })).Body.read();
      expect(across.equals(data.subarray(PartSize - 3, 3 * PartSize + 6))).toBe(true);
    }
  });

  it('a resent part (after a failure) keeps its place', async () => {
    const PartSize = 1024;
    const data = pattern(2 * PartSize + 10, 3);
    const Key = 'mp/resend';
    const { UploadId } = await aes.create_multipart_upload({ Bucket, Key, PartSize: String(PartSize) });
    const r2 = await aes.upload_part({ Bucket, Key, UploadId, PartNumber: 2, Body: data.subarray(PartSize, 2 * PartSize) });
    await aes.upload_part({ Bucket, Key, UploadId, PartNumber: 3, Body: data.subarray(2 * PartSize) });
    const r3 = await aes.upload_part({ Bucket, Key, UploadId, PartNumber: 3, Body: data.subarray(2 * PartSize) });
    const r1 = await aes.upload_part({ Bucket, Key, UploadId, PartNumber: 1, Body: data.subarray(0, PartSize) });
    await aes.complete_multipart_upload({
      Bucket,
      Key,
      UploadId,
      MultipartUpload: { Part: [r1, r2, r3].map((r, i) => ({ PartNumber: i + 1, ETag: r['ETag'] as string })) },
    });
    expect((await (await aes.get_object({ Bucket, Key })).Body.read()).equals(data)).toBe(true);
  });

  it('PartSize not a multiple of 16, a part longer than PartSize, a wrong last part: refused before any request', async () => {
    const Key = 'mp/declared-rules';
    const before = await uploadsOf(Key);
    expect(((await caught(() => aes.create_multipart_upload({ Bucket, Key, PartSize: 1000 }))) as CosClientError).code).toBe('InvalidArgument');
    expect(await uploadsOf(Key)).toBe(before);
    const { UploadId } = await aes.create_multipart_upload({ Bucket, Key, PartSize: 1024, DataSize: 2100 });
    expect(((await caught(() => aes.upload_part({ Bucket, Key, UploadId, PartNumber: 1, Body: pattern(1040) }))) as CosClientError).code).toBe(
      'InvalidArgument',
    );
    expect(((await caught(() => aes.upload_part({ Bucket, Key, UploadId, PartNumber: 3, Body: pattern(50) }))) as CosClientError).code).toBe('InvalidArgument');
    expect(((await caught(() => aes.upload_part({ Bucket, Key, UploadId, PartNumber: 4, Body: pattern(1) }))) as CosClientError).code).toBe('InvalidArgument');
    expect((await aes.list_parts({ Bucket, Key, UploadId })).Part ?? []).toHaveLength(0);
    await aes.abort_multipart_upload({ Bucket, Key, UploadId });
  });
});

describe('upload_file / download_file', () => {
  it('a multipart upload_file (parallel parts) and a parallel download_file round-trip', async () => {
    const data = pattern(3 * 1024 * 1024 + 5, 4);
    const source = join(dir, 'big.bin');
    const target = join(dir, 'out', 'big.bin');
    await writeFile(source, data);
    for (const client of [aes, rsa]) {
      const Key = `uf/${client.provider.kind}/big.bin`;
      const res = await client.upload_file({
        Bucket,
        Key,
        LocalFilePath: source,
        PartSize: 1,
        MAXThread: 3,
        multipart_threshold: 0,
        checkpoint: false,
        Metadata: { 'x-cos-meta-a': 'b' },
      });
      expect(res['ETag']).toMatch(/-4"$/);
      const stored = await (await plain.get_object({ Bucket, Key })).Body.read();
      expect(stored.equals(data)).toBe(false);
      expect((await (await client.get_object({ Bucket, Key })).Body.read()).equals(data)).toBe(true);
      await client.download_file({ Bucket, Key, DestFilePath: target, PartSize: 1, MAXThread: 3, checkpoint: false });
      expect((await readFile(target)).equals(data)).toBe(true);
      expect((await client.head_object({ Bucket, Key }))['x-cos-meta-a']).toBe('b');
    }
  }, 60_000);

  it('a small file goes in one encrypted put_object; resume records carry the wrapped key', async () => {
    const data = pattern(5000, 5);
    const source = join(dir, 'small.bin');
    await writeFile(source, data);
    const store = memoryCheckpointStore();
    await aes.upload_file({ Bucket, Key: 'uf/small.bin', LocalFilePath: source, checkpoint: store });
    expect((await (await aes.get_object({ Bucket, Key: 'uf/small.bin' })).Body.read()).equals(data)).toBe(true);
    const target = join(dir, 'small.out');
    await aes.download_file({ Bucket, Key: 'uf/small.bin', DestFilePath: target, checkpoint: store });
    expect((await readFile(target)).equals(data)).toBe(true);
  });

  it('an interrupted upload_file resumes with the same data key', async () => {
    const data = pattern(4 * 1024 * 1024, 6);
    const source = join(dir, 'resume.bin');
    await writeFile(source, data);
    const store = memoryCheckpointStore();
    const Key = 'uf/resume.bin';
    const controller = new AbortController();
    let seen = 0;
    const first = await caught(() =>
      aes.upload_file({
        Bucket,
        Key,
        LocalFilePath: source,
        PartSize: 1,
        MAXThread: 1,
        multipart_threshold: 0,
        checkpoint: store,
        signal: controller.signal,
        progress_callback: (consumed) => {
          seen = consumed;
          if (consumed >= 2 * 1024 * 1024) controller.abort();
        },
      }),
    );
    expect((first as CosClientError).code).toBe('ABORTED');
    expect(seen).toBeGreaterThan(0);
    const records = [...store.records.entries()];
    expect(records).toHaveLength(1);
    expect(records[0]?.[0]).toMatch(/^cse-upload-/);
    expect((records[0]?.[1] as { cse?: { key?: string } }).cse?.key).toHaveLength(44);
    let resumedFrom: number | undefined;
    const res = await aes.upload_file({
      Bucket,
      Key,
      LocalFilePath: source,
      PartSize: 1,
      MAXThread: 2,
      multipart_threshold: 0,
      checkpoint: store,
      progress_callback: (consumed) => {
        resumedFrom ??= consumed;
      },
    });
    // Progress starts at the parts the first call sent: they were reused, under the same data key.
    expect(resumedFrom).toBeGreaterThanOrEqual(1024 * 1024);
    expect(res['ETag']).toMatch(/-4"$/);
    expect((await (await aes.get_object({ Bucket, Key })).Body.read()).equals(data)).toBe(true);
    expect(store.records.size).toBe(0);
  }, 60_000);

  it('a PartSize that is not a multiple of 16 bytes, and EnableCRC on download, are refused before any request', async () => {
    const source = join(dir, 'odd.bin');
    await writeFile(source, pattern(3 * 1024 * 1024));
    const error = await caught(() =>
      aes.upload_file({ Bucket, Key: 'uf/odd', LocalFilePath: source, PartSize: 1.3, multipart_threshold: 0, checkpoint: false }),
    );
    expect((error as CosClientError).code).toBe('InvalidArgument');
    expect(await uploadsOf('uf/odd')).toBe(0);
    const crc = await caught(() => aes.download_file({ Bucket, Key: 'uf/small.bin', DestFilePath: join(dir, 'x'), EnableCRC: true }));
    expect((crc as CosClientError).code).toBe('InvalidArgument');
  });
});
