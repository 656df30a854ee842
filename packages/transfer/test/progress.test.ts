import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { meteredBody, Progress } from '../src/progress.ts';

describe('Progress', () => {
  it('stays monotonic and exact when a part is retried after a partial send', () => {
    const calls: Array<[number, number | undefined]> = [];
    const progress = new Progress(
      300,
      (c, t) => calls.push([c, t]),
      () => undefined,
    );
    progress.start();
    const a = progress.part(200);
    a.advance(150); // first attempt dies after 150 bytes
    a.restart();
    a.advance(100); // the retry re-sends: nothing new yet
    a.advance(100); // past the old high-water mark: +50 (capped at 200)
    a.complete();
    const b = progress.part(100);
    b.advance(100);
    b.complete();
    progress.finish();
    const values = calls.map(([c]) => c);
    expect(values).toEqual([0, 150, 200, 300]);
    expect(calls.every(([, t]) => t === 300)).toBe(true);
  });

  it('reports an unknown total as undefined until the end', () => {
    const calls: Array<[number, number | undefined]> = [];
    const progress = new Progress(
      undefined,
      (c, t) => calls.push([c, t]),
      () => undefined,
    );
    progress.part(10).advance(10);
    progress.finish();
    expect(calls).toEqual([
      [10, undefined],
      [10, 10],
    ]);
  });

  it('hands an exception from the callback to onError instead of throwing', () => {
    const errors: unknown[] = [];
    const progress = new Progress(
      1,
      () => {
        throw new Error('callback bug');
      },
      (e) => errors.push(e),
    );
    progress.add(1);
    expect((errors[0] as Error).message).toBe('callback bug');
  });
});

describe('meteredBody', () => {
  it('streams a buffer in slices, counting as it is read, on every open', async () => {
    const calls: number[] = [];
    const progress = new Progress(
      200_000,
      (c) => calls.push(c),
      () => undefined,
    );
    const data = Buffer.alloc(200_000, 7);
    const body = meteredBody({ length: data.length, replayable: true, open: () => data }, progress.part(data.length));
    for (let attempt = 0; attempt < 2; attempt++) {
      const chunks: Buffer[] = [];
      for await (const chunk of body.open() as Readable) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
    }
    expect(calls.length).toBeGreaterThan(2);
    expect(calls[calls.length - 1]).toBe(200_000);
    expect(body.length).toBe(200_000);
  });
});
