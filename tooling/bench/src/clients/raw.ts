import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { importOurs, requireVendor } from '../load.ts';
import type { Endpoint, Vendor } from './types.ts';

/**
 * Presigned URLs for a plain HTTP client, made with core's pure presigners:
 * the raw row is undici moving the bytes in one request, with no SDK at all —
 * the physical limit of this machine and this server.
 */
export async function presignedUrl(vendor: Vendor, method: 'GET' | 'PUT', e: Endpoint, bucket: string, key: string): Promise<string> {
  const sign = await importOurs('@yunstore/core/sign');
  if (!sign.ok) throw new Error(sign.reason);
  const fn = (name: string): ((...a: unknown[]) => Record<string, unknown>) => {
    const f = sign.value[name];
    if (typeof f !== 'function') throw new Error(`@yunstore/core/sign has no ${name}`);
    return f as (...a: unknown[]) => Record<string, unknown>;
  };
  const creds = { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey };
  const path = `/${bucket}/${encodeURIComponent(key)}`;
  switch (vendor) {
    case 'cos':
      return fn('presignCos')({ method, origin: e.endpoint, path, query: [] }, creds, { now: new Date(), expiresSeconds: 3600 })['url'] as string;
    case 'bos':
      return fn('presignBos')({ method, origin: e.endpoint, path }, creds, new Date(), 3600)['url'] as string;
    case 'nos':
      return fn('presignNos')({ method, bucket, key, origin: `${e.endpoint}/${bucket}`, expires: Math.floor(Date.now() / 1000) + 3600 }, creds)[
        'url'
      ] as string;
    case 'oos': {
      const signed = fn('presignS3V2')({ method, path, query: [], headers: {} }, creds, Math.floor(Date.now() / 1000) + 3600);
      const query = (signed['query'] as Array<[string, string]>).map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&');
      return `${e.endpoint}${path}?${query}`;
    }
  }
}

interface UndiciLike {
  request(url: string, options: object): Promise<{ statusCode: number; body: AsyncIterable<Uint8Array> & { text(): Promise<string> } }>;
}

function undici(root: string): UndiciLike {
  const loaded = requireVendor('undici', root);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.value as UndiciLike;
}

/** One streaming PUT of a file to a presigned URL. */
export async function rawUpload(root: string, url: string, file: string, size: number): Promise<void> {
  const res = await undici(root).request(url, {
    method: 'PUT',
    body: createReadStream(file, { highWaterMark: 1024 * 1024 }),
    headers: { 'content-length': String(size) },
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`raw PUT answered ${res.statusCode}: ${text.slice(0, 200)}`);
}

/** One streaming GET of a presigned URL into a file. */
export async function rawDownload(root: string, url: string, file: string): Promise<void> {
  const res = await undici(root).request(url, { method: 'GET' });
  if (res.statusCode >= 300) throw new Error(`raw GET answered ${res.statusCode}: ${(await res.body.text()).slice(0, 200)}`);
  await pipeline(res.body, createWriteStream(file));
}
