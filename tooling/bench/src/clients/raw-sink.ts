/**
 * The floor against the sink: plain undici, no SDK, no signing, doing the
 * least work a multipart transfer can — each 8 MiB part read with one
 * positioned read into one of `concurrency` reused buffers and PUT as one
 * Buffer; ranged GETs drained as they arrive (to memory, nothing kept).
 * Whatever ours costs on top of this is the price of the SDK.
 */
import { open } from 'node:fs/promises';
import { requireVendor } from '../load.ts';

interface UndiciBody {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  once(event: 'end' | 'error', listener: (value?: unknown) => void): unknown;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  dump(): Promise<void>;
}
interface UndiciAgent {
  request(options: object): Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: UndiciBody }>;
  close(): Promise<void>;
}
interface UndiciModule {
  Agent: new (options: object) => UndiciAgent;
}

/** An undici Agent (keep-alive pool) for one raw run. */
export function rawAgent(root: string, connections: number): UndiciAgent {
  const loaded = requireVendor('undici', root);
  if (!loaded.ok) throw new Error(loaded.reason);
  return new (loaded.value as UndiciModule).Agent({ connections, keepAliveTimeout: 30_000 });
}

async function ok(res: { statusCode: number; body: UndiciBody }, what: string): Promise<void> {
  if (res.statusCode >= 300) throw new Error(`${what} answered ${res.statusCode}: ${(await res.body.text()).slice(0, 200)}`);
  await res.body.dump();
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight, each worker owning slot `w`. */
async function workers(count: number, concurrency: number, task: (index: number, slot: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, Math.max(count, 1)) }, async (_, slot) => {
      while (next < count) await task(next++, slot);
    }),
  );
}

/** Uploads `file` to the sink as `size / partSize` raw part PUTs, `concurrency` at a time. */
export async function rawPartsUpload(root: string, origin: string, file: string, size: number, partSize: number, concurrency: number): Promise<void> {
  const agent = rawAgent(root, concurrency);
  const handle = await open(file, 'r');
  const buffers = Array.from({ length: concurrency }, () => Buffer.allocUnsafeSlow(partSize));
  try {
    const parts = Math.ceil(size / partSize);
    await workers(parts, concurrency, async (index, slot) => {
      const start = index * partSize;
      const length = Math.min(partSize, size - start);
      const body = buffers[slot]!.subarray(0, length);
      for (let got = 0; got < length; ) {
        const { bytesRead } = await handle.read(body, got, length - got, start + got);
        if (bytesRead === 0) throw new Error('source file ended early');
        got += bytesRead;
      }
      const res = await agent.request({
        origin,
        path: `/raw/large?partNumber=${index + 1}&uploadId=raw`,
        method: 'PUT',
        headers: { 'content-length': String(length) },
        body,
      });
      await ok(res, 'raw part PUT');
    });
  } finally {
    await handle.close();
    await agent.close();
  }
}

/** Downloads `size` bytes from the sink as ranged GETs of `partSize`, `concurrency` at a time, counting bytes. */
export async function rawRangedDownload(root: string, origin: string, size: number, partSize: number, concurrency: number): Promise<void> {
  const agent = rawAgent(root, concurrency);
  let total = 0;
  try {
    await workers(Math.ceil(size / partSize), concurrency, async (index) => {
      const start = index * partSize;
      const end = Math.min(size, start + partSize) - 1;
      const res = await agent.request({ origin, path: '/raw/large', method: 'GET', headers: { range: `bytes=${start}-${end}` } });
      if (res.statusCode !== 206) throw new Error(`raw ranged GET answered ${res.statusCode}`);
      await new Promise<void>((resolve, reject) => {
        res.body.on('data', (chunk) => {
          total += chunk.length;
        });
        res.body.once('end', () => resolve());
        res.body.once('error', reject);
      });
    });
  } finally {
    await agent.close();
  }
  if (total !== size) throw new Error(`raw ranged GETs got ${total} of ${size} bytes`);
}

/** Unsigned 1 KiB PUTs then GETs at `concurrency`: requests per second of each phase. */
export async function rawSmall(root: string, origin: string, count: number, concurrency: number): Promise<{ putRps: number; getRps: number }> {
  const agent = rawAgent(root, concurrency);
  const body = Buffer.alloc(1024);
  const put = async (i: number): Promise<void> =>
    ok(await agent.request({ origin, path: `/bench-small-raw/small/${i}`, method: 'PUT', headers: { 'content-length': '1024' }, body }), 'raw PUT');
  const get = async (i: number): Promise<void> => {
    const res = await agent.request({ origin, path: `/bench-small-raw/small/${i}`, method: 'GET' });
    const bytes = await res.body.arrayBuffer();
    if (res.statusCode !== 200 || bytes.byteLength !== 1024) throw new Error(`raw GET answered ${res.statusCode} with ${bytes.byteLength} bytes`);
  };
  try {
    await workers(64, concurrency, async (i) => {
      await put(i);
      await get(i);
    });
    let start = performance.now();
    await workers(count, concurrency, (i) => put(i));
    const putRps = count / ((performance.now() - start) / 1000);
    start = performance.now();
    await workers(count, concurrency, (i) => get(i));
    const getRps = count / ((performance.now() - start) / 1000);
    return { putRps, getRps };
  } finally {
    await agent.close();
  }
}
