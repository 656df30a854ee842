import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '@yunstore/core';
import { CosClientError, StreamBody } from '../src/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yunstore-cos-body-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const data = Buffer.from('The quick brown fox jumps over the lazy dog');
const good = crc64(data).toString();

function body(chunks: Buffer[], checks: { crc64?: string; contentLength?: number }): StreamBody {
  return new StreamBody(Readable.from(chunks), { op: 'get_object', ...checks });
}

describe('StreamBody', () => {
  it('passes bytes whose CRC-64 matches x-cos-hash-crc64ecma', async () => {
    expect(good).toBe('6583902852472283588');
    expect(await body([data.subarray(0, 10), data.subarray(10)], { crc64: good, contentLength: data.length }).read()).toEqual(data);
  });

  it('fails the stream on a CRC-64 mismatch', async () => {
    const corrupt = Buffer.from(data);
    corrupt[5] = 0x21;
    const error = await body([corrupt], { crc64: good })
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).code).toBe('CRC64Mismatch');
  });

  it('fails a body shorter than Content-Length', async () => {
    const error = await body([data.subarray(0, 5)], { contentLength: data.length })
      .read()
      .catch((e: unknown) => e);
    expect((error as CosClientError).code).toBe('IncompleteBody');
  });

  it('get_stream_to_file leaves no file behind when verification fails', async () => {
    const target = join(dir, 'bad.bin');
    await expect(body([Buffer.from('nope')], { crc64: good }).get_stream_to_file(target)).rejects.toBeInstanceOf(CosClientError);
    expect(await readdir(dir)).toEqual([]);
    await body([data], { crc64: good }).getStreamToFile(join(dir, 'ok.bin'));
    expect(await readFile(join(dir, 'ok.bin'))).toEqual(data);
  });

  it('get_stream yields chunks of at most chunk_size; a body is readable once', async () => {
    const b = body([data], {});
    const sizes: number[] = [];
    for await (const chunk of b.get_stream(16)) sizes.push(chunk.length);
    expect(sizes).toEqual([16, 16, 11]);
    expect(() => b.get_raw_stream()).toThrow(/already read/);
  });
});

describe('StreamBody raw stream', () => {
  it('counts string chunks as their bytes', async () => {
    const text = 'héllo';
    const b = new StreamBody(Readable.from([text]), { op: 'get_object', contentLength: Buffer.byteLength(text) });
    expect((await b.read()).toString('utf8')).toBe(text);
  });

  it('destroying the raw stream unread destroys the source', async () => {
    const source = new Readable({ read() {} });
    const raw = new StreamBody(source, { op: 'get_object', contentLength: 10 }).get_raw_stream();
    raw.destroy();
    await new Promise((resolve) => raw.once('close', resolve));
    expect(source.destroyed).toBe(true);
  });

  it('turns a source failure mid-body into CosClientError ECONNRESET', async () => {
    const source = new Readable({ read() {} });
    const raw = new StreamBody(source, { op: 'get_object' }).get_raw_stream();
    const failed = new Promise((resolve) => raw.once('error', resolve));
    raw.resume();
    source.destroy(new Error('socket hang up'));
    const error = await failed;
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).code).toBe('ECONNRESET');
  });
});
