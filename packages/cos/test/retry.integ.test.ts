import { Readable } from 'node:stream';
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import { backoffRetryPolicy } from '@yunstore/core';
import { CosClientError, CosS3Client, CosServiceError } from '../src/index.ts';
import { caught, startHarness, stopHarness, type Harness } from './helpers.ts';

let h: Harness;
let retrying: CosS3Client;
const B = 'retries-1250000000';

beforeAll(async () => {
  h = await startHarness();
  retrying = new CosS3Client(h.options({ RetryPolicy: backoffRetryPolicy({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }) }));
  await h.client.create_bucket({ Bucket: B });
});
afterEach(() => h.emu.faults.clear());
afterAll(async () => {
  await retrying.close();
  await stopHarness(h);
});

describe('retries and faults', () => {
  it('a replayable body is re-signed and resent after a 503', async () => {
    h.emu.faults.set({ dialects: ['cos'], operations: ['put_object'], errorCount: 2, errorStatus: 503 });
    const put = await retrying.put_object({ Bucket: B, Key: 'r.txt', Body: 'survives' });
    expect(put['ETag']).toBeTruthy();
    expect(h.emu.faults.stats().errors).toBe(2);
    expect(await (await retrying.get_object({ Bucket: B, Key: 'r.txt' })).Body.text()).toBe('survives');
  });

  it('a one-shot stream is not replayed: the 503 surfaces as CosServiceError', async () => {
    h.emu.faults.set({ dialects: ['cos'], operations: ['put_object'], errorCount: 1, errorStatus: 503 });
    const err = (await caught(() => retrying.put_object({ Bucket: B, Key: 's.txt', Body: Readable.from([Buffer.from('once')]) }))) as CosServiceError;
    expect(err).toBeInstanceOf(CosServiceError);
    expect(err.get_status_code()).toBe(503);
    expect(err.get_error_code()).toBe('SlowDown');
  });

  it('Retry=0 gives up at once', async () => {
    h.emu.faults.set({ dialects: ['cos'], operations: ['head_object'], errorCount: 1, errorStatus: 500 });
    const err = (await caught(() => h.client.head_object({ Bucket: B, Key: 'r.txt' }))) as CosServiceError;
    expect(err.get_status_code()).toBe(500);
  });

  it('a connection reset mid-body fails a streamed download with CosClientError, never silently short', async () => {
    await h.client.put_object({ Bucket: B, Key: 'big.bin', Body: Buffer.alloc(256 * 1024, 9) });
    h.emu.faults.set({ dialects: ['cos'], operations: ['get_object'], resetAfterBytes: 1000, resetCount: 1 });
    const res = await h.client.get_object({ Bucket: B, Key: 'big.bin' });
    const chunks: Buffer[] = [];
    const err = await (async () => {
      for await (const chunk of res.Body.get_raw_stream()) chunks.push(chunk as Buffer);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CosClientError);
    expect(['ECONNRESET', 'IncompleteBody', 'CRC64Mismatch']).toContain((err as CosClientError).code);
    expect(Buffer.concat(chunks).length).toBeLessThan(256 * 1024);
  });

  it('Body.read() after a reset mid-body fetches the object again and returns every byte', async () => {
    h.emu.faults.set({ dialects: ['cos'], operations: ['get_object'], resetAfterBytes: 1000, resetCount: 1 });
    const res = await h.client.get_object({ Bucket: B, Key: 'big.bin' });
    const bytes = await res.Body.read();
    expect(bytes.equals(Buffer.alloc(256 * 1024, 9))).toBe(true);
  });
});
