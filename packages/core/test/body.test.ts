import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { fileBody, requireLength, toBody } from '../src/body.ts';
import type { Body } from '../src/types.ts';

async function read(body: Body): Promise<string> {
  const opened = body.open();
  return Buffer.isBuffer(opened) ? opened.toString('utf8') : text(opened);
}

describe('toBody', () => {
  it('in-memory inputs are replayable with a known length', async () => {
    for (const input of ['héllo', Buffer.from('héllo'), new TextEncoder().encode('héllo'), new TextEncoder().encode('héllo').buffer, new Blob(['héllo'])]) {
      const body = await toBody(input);
      expect(body.length).toBe(6);
      expect(body.replayable).toBe(true);
      expect(await read(body)).toBe('héllo');
      expect(await read(body)).toBe('héllo');
    }
  });
  it('a Uint8Array view keeps only its window', async () => {
    const big = new Uint8Array([1, 2, 3, 4, 5]);
    const body = await toBody(big.subarray(1, 3));
    expect(body.length).toBe(2);
    expect([...(body.open() as Buffer)]).toEqual([2, 3]);
  });
  it('null and undefined are empty bodies', async () => {
    expect((await toBody(undefined)).length).toBe(0);
    expect((await toBody(null)).length).toBe(0);
  });
  it('streams are sent once, with the length when given', async () => {
    const body = await toBody(Readable.from([Buffer.from('ab'), Buffer.from('c')]), { length: 3 });
    expect(body.replayable).toBe(false);
    expect(body.length).toBe(3);
    expect(await read(body)).toBe('abc');
    expect(() => body.open()).toThrow(/cannot be replayed/);
  });
  it('web streams and async iterables are accepted', async () => {
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('web'));
        c.close();
      },
    });
    expect(await read(await toBody(web))).toBe('web');
    async function* gen() {
      yield new TextEncoder().encode('it');
      yield new TextEncoder().encode('er');
    }
    const body = await toBody(gen());
    expect(body.length).toBeUndefined();
    expect(await read(body)).toBe('iter');
  });
  it('an unread fs.ReadStream becomes a replayable file body', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'core-body-'));
    const path = join(dir, 'f.txt');
    await writeFile(path, '0123456789');
    const body = await toBody(createReadStream(path, { start: 2, end: 5 }));
    expect(body.replayable).toBe(true);
    expect(body.length).toBe(4);
    expect(await read(body)).toBe('2345');
    expect(await read(body)).toBe('2345');
  });
  it('rejects unsupported inputs with a TypeError', async () => {
    await expect(toBody(42 as never)).rejects.toThrow(TypeError);
  });
});

describe('fileBody', () => {
  it('reads ranges and empty files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'core-body-'));
    const path = join(dir, 'f.bin');
    await writeFile(path, 'abcdef');
    expect(await read(await fileBody(path))).toBe('abcdef');
    expect(await read(await fileBody(path, { start: 4 }))).toBe('ef');
    await writeFile(join(dir, 'empty'), '');
    expect((await fileBody(join(dir, 'empty'))).length).toBe(0);
    await expect(fileBody(path, { start: 3, end: 10 })).rejects.toThrow(/past the end/);
    await expect(fileBody(dir)).rejects.toThrow(/not a regular file/);
  });
});

describe('requireLength', () => {
  it('names the parameter for a stream of unknown length', async () => {
    const body = await toBody(Readable.from(['x']));
    expect(() => requireLength(body, 'Body')).toThrow(/Body is a stream of unknown length/);
    expect(requireLength(await toBody('xy'), 'Body')).toBe(2);
  });
});
