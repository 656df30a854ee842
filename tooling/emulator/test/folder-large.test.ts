import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { crc64, crc64Combine } from '@yunstore/core';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.ts';
import { createFolderStore } from '../src/store/folder.ts';
import { fakeDialect } from './helpers/fake-dialect.ts';

const GiB = 1024 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const skip = process.env.YUNSTORE_SKIP_LARGE === '1';

/** 1 GiB generated on the fly: one random 1 MiB block, pushed 1024 times. */
function generated(total: number, block: Buffer): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      sent += block.length;
      this.push(block);
    },
  });
}

/** Samples RSS every few ms while `fn` runs; returns the peak growth over the starting RSS. */
async function peakRssGrowth(fn: () => Promise<void>): Promise<number> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - start;
}

describe.skipIf(skip)('folder store streams a 1 GiB object (set YUNSTORE_SKIP_LARGE=1 to skip; ~10-20 s)', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes and reads 1 GiB with RSS growth well under 100 MB', { timeout: 300_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunstore-large-'));
    const store = await createFolderStore({ dir });
    await store.createBucket({ name: 'big', createdAt: new Date(), location: '', owner: 'o', acl: 'private', grants: [], config: {} });
    const block = randomBytes(CHUNK);
    // The CRC of the block repeated 1024 times, by doubling: no need to hash 1 GiB here too.
    let crc = crc64(block);
    for (let len = CHUNK; len < GiB; len *= 2) crc = crc64Combine(crc, crc, len);

    let size = 0;
    let mismatches = 0;
    const growth = await peakRssGrowth(async () => {
      const rec = await store.putObject('big', 'one-gib', generated(GiB, block), { expectedLength: GiB });
      expect(rec.size).toBe(GiB);
      expect(rec.crc64).toBe(crc.toString());
      // Compare what comes back with the block at the same offset (memcmp, cheap).
      for await (const chunk of await store.readObject('big', 'one-gib')) {
        const c = chunk as Buffer;
        for (let at = 0; at < c.length; ) {
          const offset = (size + at) % CHUNK;
          const n = Math.min(c.length - at, CHUNK - offset);
          if (!c.subarray(at, at + n).equals(block.subarray(offset, offset + n))) mismatches++;
          at += n;
        }
        size += c.length;
      }
    });
    expect(size).toBe(GiB);
    expect(mismatches).toBe(0);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });
});

describe.skipIf(skip)('the emulator streams large bodies over HTTP into the folder store', () => {
  it('PUTs and GETs 256 MiB with RSS growth under 100 MB', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yunstore-large-http-'));
    const emu = await startEmulator({ store: { dir }, dialects: { cos: fakeDialect } });
    const total = 256 * CHUNK;
    const block = randomBytes(CHUNK);
    try {
      let received = 0;
      const growth = await peakRssGrowth(async () => {
        await new Promise<void>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: emu.ports.cos, method: 'PUT', path: '/big/obj', headers: { 'content-length': total } }, (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${res.statusCode}`))));
          });
          req.on('error', reject);
          void pipeline(generated(total, block), req).catch(reject);
        });
        const res = await fetch(`${emu.endpoints.cos}/big/obj`);
        for await (const chunk of res.body!) received += chunk.length;
      });
      expect(received).toBe(total);
      expect((await emu.store.headObject('big', 'obj'))?.size).toBe(total);
      expect(growth).toBeLessThan(100 * 1024 * 1024);
    } finally {
      await emu.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
