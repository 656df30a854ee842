import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../src/errors.ts';
import { checkStored, digestOf, withResend } from '../src/part-digest.ts';
import { uploadFile } from '../src/upload.ts';
import { uploadStream } from '../src/upload-stream.ts';
import { randomFile, tempDir } from './helpers.ts';
import { MemoryAdapter } from './memory-adapter.ts';

const KiB = 1024;
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

/** A memory server whose answers name the wrong MD5 for the first `bad` part (or put) attempts. */
function flakyEtags(bad: number): MemoryAdapter & { uploadMd5: boolean } {
  const adapter = Object.assign(new MemoryAdapter(), { uploadMd5: true });
  let left = bad;
  const uploadPart = adapter.uploadPart.bind(adapter);
  adapter.uploadPart = async (args) => {
    const answer = await uploadPart(args);
    return left-- > 0 ? { etag: '"00000000000000000000000000000000"' } : answer;
  };
  return adapter;
}

describe('part digests', () => {
  it('computes only what is asked, over the buffer', () => {
    const bytes = Buffer.from('hello');
    expect(digestOf(bytes, { crc64: false, md5: false })).toEqual({ crc64: undefined, md5: undefined });
    expect(digestOf(bytes, { crc64: false, md5: true }).md5).toBe(md5(bytes));
    expect(typeof digestOf(bytes, { crc64: true, md5: false }).crc64).toBe('bigint');
  });

  it('accepts a matching ETag (quoted or not, any case) and refuses another with a resendable MD5Mismatch', () => {
    const sent = { crc64: undefined, md5: md5(Buffer.from('x')) };
    expect(() => checkStored('part 1', sent, { etag: `"${sent.md5.toUpperCase()}"` })).not.toThrow();
    expect(() => checkStored('part 1', sent, { etag: sent.md5 })).not.toThrow();
    let error: unknown;
    try {
      checkStored('part 1', sent, { etag: '"abc"' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toMatchObject({ code: 'MD5Mismatch' });
    expect(String((error as Error).message)).toMatch(/part 1: the server answered ETag abc/);
    // The engine resends it whatever the vendor verdict says; other errors follow the verdict.
    const never = withResend(
      () => false,
      () => true,
    );
    expect(never(error)).toBe(true);
    expect(never(new Error('other'))).toBe(false);
    expect(Object.hasOwn(error as object, 'retryable')).toBe(false);
  });

  it('skips a CRC-64 check the server does not answer, and refuses a different one', () => {
    const sent = { crc64: 42n, md5: undefined };
    expect(() => checkStored('k', sent, {})).not.toThrow();
    expect(() => checkStored('k', sent, { crc64: '42' })).not.toThrow();
    expect(() => checkStored('k', sent, { crc64: '43' })).toThrow(/CRC-64 43/);
  });
});

describe('uploadMd5 (S3-style ETag check)', () => {
  it('sends a part again when the ETag is not the MD5 of its bytes, then completes', async () => {
    const dir = await tempDir();
    const { path, data } = await randomFile(dir, 'm.bin', 5 * 16 * KiB);
    const adapter = flakyEtags(2);
    await uploadFile(adapter, { bucket: 'b', key: 'k', filePath: path, partSize: 16 * KiB, concurrency: 1, retryDelayMs: 1 });
    expect(adapter.calls.uploadPart).toBe(5 + 2);
    expect(adapter.get('b', 'k')!.equals(data)).toBe(true);
  });

  it('fails with MD5Mismatch when every attempt disagrees (the upload aborted); without uploadMd5 only complete notices', async () => {
    const dir = await tempDir();
    const { path } = await randomFile(dir, 'n.bin', 3 * 16 * KiB);
    const adapter = flakyEtags(1000);
    const params = { bucket: 'b', key: 'k', filePath: path, partSize: 16 * KiB, concurrency: 1, retryDelayMs: 1, partRetries: 2 };
    await expect(uploadFile(adapter, params)).rejects.toMatchObject({ code: 'MD5Mismatch' });
    expect(adapter.calls.uploadPart).toBe(3);
    expect(adapter.uploads.size).toBe(0);
    // Without the check, the wrong ETags surface only at complete (InvalidPart), after every part was sent.
    const unchecked = Object.assign(flakyEtags(1000), { uploadMd5: false });
    await expect(uploadFile(unchecked, params)).rejects.toMatchObject({ code: 'InvalidPart' });
    expect(unchecked.calls.uploadPart).toBe(3);
  });

  it('checks a single put and a stream upload the same way', async () => {
    const adapter = Object.assign(new MemoryAdapter(), { uploadMd5: true });
    const bytes = Buffer.alloc(3000, 7);
    await expect(uploadStream(adapter, { bucket: 'b', key: 's', stream: Readable.from([bytes]), partSize: 16 * KiB })).resolves.toMatchObject({
      multipart: false,
    });
    const put = adapter.putObject.bind(adapter);
    adapter.putObject = async (args) => ({ ...(await put(args)), etag: '"ffffffffffffffffffffffffffffffff"' });
    await expect(
      uploadStream(adapter, { bucket: 'b', key: 's2', stream: Readable.from([bytes]), partSize: 16 * KiB, partRetries: 1, retryDelayMs: 1 }),
    ).rejects.toMatchObject({
      code: 'MD5Mismatch',
    });
  });
});
