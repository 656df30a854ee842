/**
 * The timed part of the 1 KiB rows, shared by the emulator group (`small.*`)
 * and the bench-sink group (`sink.*.put/get`): a short warm-up (connections,
 * JIT), then N PUTs of 1 KiB at concurrency C, then N GETs of the same keys,
 * each phase timed.
 */
import { performance } from 'node:perf_hooks';
import type { BenchClient, Vendor } from '../clients/types.ts';
import { pool } from '../runner.ts';

export const VENDORS: readonly Vendor[] = ['cos', 'bos', 'oos', 'nos'];

/** The vendor SDK each small-object row compares with. */
export const SMALL_ANCHOR: Record<Vendor, string> = {
  cos: 'cos-nodejs-sdk-v5',
  bos: '@baiducloud/sdk',
  oos: '@aws-sdk/client-s3',
  nos: 'nos-node-sdk',
};

export interface PutGetRates {
  putRps: number;
  getRps: number;
}

/** Times `count` 1 KiB PUTs then GETs (checked for length) at `concurrency`, then closes the client. */
export async function timePutGet(client: BenchClient, bucket: string, count: number, concurrency: number): Promise<PutGetRates> {
  // Zeros: the discard store serves zeros back, so a client that checks CRC-64 (ours for COS) sees a match.
  const body = Buffer.alloc(1024);
  const key = (i: number): string => `small/${i}`;
  await pool(64, concurrency, async (i) => {
    await client.put(bucket, key(i), body);
    await client.get(bucket, key(i));
  });
  let start = performance.now();
  await pool(count, concurrency, (i) => client.put(bucket, key(i), body));
  const putRps = count / ((performance.now() - start) / 1000);
  start = performance.now();
  await pool(count, concurrency, async (i) => {
    const n = await client.get(bucket, key(i));
    if (n !== body.length) throw new Error(`GET ${key(i)} returned ${n} bytes`);
  });
  const getRps = count / ((performance.now() - start) / 1000);
  await client.close?.();
  return { putRps, getRps };
}
