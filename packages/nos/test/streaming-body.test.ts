import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ClientException, ConnectionError, ConnectionTimeout, StreamingBody } from '../src/index.ts';

/** A body that arrives in many small chunks, like a network response. */
function chunked(data: Buffer, size = 1000): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

const DATA = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));

describe('StreamingBody: Python read() semantics', () => {
  it('read() resolves to the whole body, not one chunk', async () => {
    const body = new StreamingBody(chunked(DATA), { contentLength: DATA.length });
    const all = await body.read();
    expect(all.length).toBe(DATA.length);
    expect(all.equals(DATA)).toBe(true);
    expect((await body.read()).length).toBe(0);
  });

  it('read(n) resolves to the next n bytes, fewer only at the end, then empty', async () => {
    const body = new StreamingBody(chunked(DATA, 333));
    const first = await body.read(10);
    const second = await body.read(5000);
    expect(first.equals(DATA.subarray(0, 10))).toBe(true);
    expect(second.equals(DATA.subarray(10, 5010))).toBe(true);
    const rest = await body.read(1_000_000);
    expect(rest.equals(DATA.subarray(5010))).toBe(true);
    expect((await body.read(10)).length).toBe(0);
    expect((await body.read(0)).length).toBe(0);
  });

  it('read(null) and read(-1) read everything, as Python', async () => {
    expect((await new StreamingBody(chunked(DATA)).read(null)).equals(DATA)).toBe(true);
    expect((await new StreamingBody(chunked(DATA)).read(-1)).equals(DATA)).toBe(true);
    await expect(new StreamingBody(chunked(DATA)).read(1.5)).rejects.toBeInstanceOf(ClientException);
  });

  it('readline() gives one line at a time, with its newline', async () => {
    const body = new StreamingBody(Readable.from([Buffer.from('one\ntw'), Buffer.from('o\nthree')]));
    expect((await body.readline()).toString()).toBe('one\n');
    expect((await body.readline()).toString()).toBe('two\n');
    expect((await body.readline()).toString()).toBe('three');
    expect((await body.readline()).length).toBe(0);
  });

  it('a failure mid-body rejects with ConnectionError', async () => {
    const source = new PassThrough();
    const body = new StreamingBody(source);
    const reading = body.read();
    source.write(Buffer.from('partial'));
    source.destroy(new Error('socket reset'));
    await expect(reading).rejects.toBeInstanceOf(ConnectionError);
  });

  it('a whole read of a declared length larger than one Buffer is refused before reading', async () => {
    const source = chunked(DATA);
    await expect(new StreamingBody(source, { contentLength: Number.MAX_SAFE_INTEGER }).read()).rejects.toThrow(/pipe it or use download_file/);
    expect(source.readableLength).toBe(0);
  });
});

describe('StreamingBody: still a Node stream', () => {
  it('pipes', async () => {
    const received: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        received.push(chunk);
        done();
      },
    });
    const body = new StreamingBody(chunked(DATA));
    await new Promise<void>((resolve, reject) => body.pipe(sink).on('finish', resolve).on('error', reject));
    expect(Buffer.concat(received).equals(DATA)).toBe(true);
  });

  it('iterates with for await and works as a pipeline source; read(n) first, the rest streamed', async () => {
    const body = new StreamingBody(chunked(DATA));
    const head = await body.read(7);
    const rest: Buffer[] = [];
    for await (const chunk of body) rest.push(chunk);
    expect(Buffer.concat([head, ...rest]).equals(DATA)).toBe(true);

    const collected: Buffer[] = [];
    await pipeline(
      new StreamingBody(chunked(DATA)),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          collected.push(chunk);
          done();
        },
      }),
    );
    expect(Buffer.concat(collected).equals(DATA)).toBe(true);
  });

  it('close() releases the stream', async () => {
    const source = chunked(DATA);
    const body = new StreamingBody(source);
    await body.read(1);
    body.close();
    expect(source.destroyed).toBe(true);
    expect(body.stream).toBe(source);
  });
});

describe('StreamingBody: a whole read resumes after a lost connection', () => {
  /** A source that delivers `upTo` bytes of DATA, then fails as the request layer reports a reset. */
  function cutAt(upTo: number, error: Error = new ConnectionError('connection reset')): Readable {
    const source = new PassThrough();
    source.write(DATA.subarray(0, upTo));
    setTimeout(() => source.destroy(error), 10);
    return source;
  }

  it('asks again from the first byte not yet taken, and returns every byte', async () => {
    const offsets: number[] = [];
    const body = new StreamingBody(cutAt(30_000), {
      maxRefetches: 2,
      refetch: async (offset) => {
        offsets.push(offset);
        return { body: chunked(DATA.subarray(offset)), skip: 0 };
      },
    });
    const all = await body.read();
    expect(all.equals(DATA)).toBe(true);
    expect(offsets).toEqual([30_000]);
  });

  it('drops what it already has when the server answers the resume from the start (Range ignored)', async () => {
    const body = new StreamingBody(cutAt(12_345), { maxRefetches: 1, refetch: async (offset) => ({ body: chunked(DATA), skip: offset }) });
    expect((await body.read()).equals(DATA)).toBe(true);
  });

  it('gives up after maxRefetches, and never resumes a timeout or an abort', async () => {
    let calls = 0;
    const refetch = async () => {
      calls++;
      return { body: cutAt(0), skip: 0 };
    };
    await expect(new StreamingBody(cutAt(100), { maxRefetches: 0, refetch }).read()).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(0);
    await expect(new StreamingBody(cutAt(100, new ConnectionTimeout('stalled')), { maxRefetches: 3, refetch }).read()).rejects.toBeInstanceOf(
      ConnectionTimeout,
    );
    expect(calls).toBe(0);
  });
});
