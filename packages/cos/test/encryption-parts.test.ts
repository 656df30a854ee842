/** Where encrypted parts go: the two placement modes and their rules, without a server. */
import { describe, expect, it } from 'vitest';
import { CosClientError } from '../src/index.ts';
import { newDataEnvelope } from '../src/encryption/envelope.ts';
import { EncryptedUpload } from '../src/encryption/multipart-state.ts';

const upload = (partSize?: number, dataSize?: number): EncryptedUpload =>
  new EncryptedUpload({ bucket: 'b', key: 'k', envelope: newDataEnvelope(), partSize, dataSize });

async function code(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(CosClientError);
    return (error as CosClientError).code;
  }
  throw new Error('expected a CosClientError');
}

describe('sequential parts (no PartSize)', () => {
  it('offsets are running sums in call order, even when a length is only known once its stream ends', async () => {
    const u = upload();
    const r1 = u.reserve(1);
    const r2 = u.reserve(2);
    const r3 = u.reserve(3);
    const p3 = r3.ready(5);
    const p2 = r2.ready(undefined);
    expect((await r1.ready(32)).offset).toBe(0);
    const placed2 = await p2;
    expect(placed2.offset).toBe(32);
    placed2.onEnd(48);
    expect((await p3).offset).toBe(80);
  });

  it('a re-sent part keeps its place; with parts after it, it must keep its length', async () => {
    const u = upload();
    await u.reserve(1).ready(16);
    await u.reserve(2).ready(32);
    expect((await u.reserve(2).ready(32)).offset).toBe(16);
    expect(await code(() => u.reserve(1).ready(32))).toBe('InvalidArgument');
    expect((await u.reserve(1).ready(16)).offset).toBe(0);
  });

  it('a failed predecessor of unknown length makes its successor fail clearly', async () => {
    const u = upload();
    const r1 = u.reserve(1);
    await r1.ready(undefined);
    const next = u.reserve(2).ready(16);
    r1.fail(new Error('network'));
    expect(await code(() => next)).toBe('OutOfOrderPart');
  });
});

describe('declared PartSize', () => {
  it('checks PartSize and DataSize before create_multipart_upload', () => {
    for (const [partSize, dataSize] of [
      [1000, undefined],
      [0, undefined],
      [undefined, 10],
      [16, 16 * 10_001],
    ] as const) {
      expect(() => EncryptedUpload.checkDeclared(partSize, dataSize)).toThrow(CosClientError);
    }
    expect(() => EncryptedUpload.checkDeclared(1024, 5000)).not.toThrow();
  });

  it('part N sits at (N − 1) × PartSize in any order; only the last part may be short', async () => {
    const u = upload(64);
    expect((await u.reserve(3).ready(64)).offset).toBe(128);
    expect((await u.reserve(1).ready(64)).offset).toBe(0);
    expect((await u.reserve(4).ready(10)).offset).toBe(192);
    expect(await code(() => u.reserve(5).ready(64))).toBe('InvalidArgument');
    expect(await code(() => u.reserve(2).ready(65))).toBe('InvalidArgument');
    const streamed = await u.reserve(2).ready(undefined);
    expect(streamed.maxLength).toBe(64);
    expect(() => streamed.onEnd(63)).toThrow(CosClientError);
  });
});
