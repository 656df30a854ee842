/**
 * The TypeScript examples of packages/transfer/README.md. Both are sketches (an
 * interface listing, and a vendor wiring with `ops`/`ctx` placeholders), so this
 * checks what they claim: the README's adapter interface, copied verbatim, is
 * assignable to the real `TransferAdapter` (tsc checks that), and `uploadFile` takes the
 * options the wiring passes and returns the vendor's result as `out.result`. The adapter
 * keeps objects in memory: this package depends on no vendor client.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Body } from '@yunstore/core';
import { uploadFile, type TransferAdapter } from '@yunstore/transfer';

// --- The README's contract, as written ---
interface ObjectRef {
  bucket: string;
  key: string;
}
interface CopySourceRef extends ObjectRef {
  versionId?: string;
  region?: string;
}
interface WithSignal {
  signal: AbortSignal;
}
interface CompleteResult {
  etag?: string;
  crc64?: string;
}
interface ReadmeAdapter<R extends CompleteResult = CompleteResult> {
  readonly limits: { maxParts: number; minPartSize: number; maxPartSize: number; maxSingleCopy: number };
  initiate(a: ObjectRef & WithSignal): Promise<{ uploadId: string }>;
  uploadPart(a: ObjectRef & WithSignal & { uploadId: string; partNumber: number; body: Body; length: number }): Promise<{ etag: string }>;
  complete(a: ObjectRef & WithSignal & { uploadId: string; parts: { partNumber: number; etag: string }[] }): Promise<R>;
  abort(a: ObjectRef & WithSignal & { uploadId: string }): Promise<void>;
  listPartsPage(
    a: ObjectRef & WithSignal & { uploadId: string; marker: number },
  ): Promise<{ parts: { partNumber: number; etag: string; size: number }[]; nextMarker?: number }>;
  head(a: CopySourceRef & WithSignal): Promise<{ size: number; etag: string; lastModified: string; crc64?: string }>;
  getRange(a: ObjectRef & WithSignal & { start: number; end: number; ifMatch?: string }): Promise<Readable>;
  putObject?(a: ObjectRef & WithSignal & { body: Body; length: number }): Promise<R>;
}

interface VendorResult extends CompleteResult {
  ETag: string;
  how: 'put' | 'multipart';
}

async function bytesOf(body: Body): Promise<Buffer> {
  const opened = body.open();
  if (Buffer.isBuffer(opened)) return opened;
  const chunks: Buffer[] = [];
  for await (const c of opened) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

function memoryAdapter(objects: Map<string, Buffer>): ReadmeAdapter<VendorResult> {
  const uploads = new Map<string, Map<number, Buffer>>();
  return {
    limits: { maxParts: 10_000, minPartSize: 1024 * 1024, maxPartSize: 5 * 1024 ** 3, maxSingleCopy: 5 * 1024 ** 3 },
    initiate: async () => {
      const uploadId = `u${uploads.size + 1}`;
      uploads.set(uploadId, new Map());
      return { uploadId };
    },
    uploadPart: async ({ uploadId, partNumber, body }) => {
      uploads.get(uploadId)!.set(partNumber, await bytesOf(body));
      return { etag: `p${partNumber}` };
    },
    complete: async ({ key, uploadId, parts }) => {
      const all = uploads.get(uploadId)!;
      objects.set(key, Buffer.concat(parts.map((p) => all.get(p.partNumber)!)));
      return { ETag: `${uploadId}-${parts.length}`, etag: `${uploadId}-${parts.length}`, how: 'multipart' };
    },
    abort: async ({ uploadId }) => {
      uploads.delete(uploadId);
    },
    listPartsPage: async ({ uploadId, marker }) => ({
      parts: [...(uploads.get(uploadId) ?? new Map<number, Buffer>())]
        .filter(([partNumber]) => partNumber > marker)
        .map(([partNumber, b]) => ({ partNumber, etag: `p${partNumber}`, size: b.length })),
    }),
    head: async ({ key }) => ({ size: objects.get(key)?.length ?? 0, etag: 'e', lastModified: 'now' }),
    getRange: async ({ key, start, end }) => Readable.from([objects.get(key)!.subarray(start, end + 1)]),
    putObject: async ({ key, body }) => {
      objects.set(key, await bytesOf(body));
      return { ETag: 'single', etag: 'single', how: 'put' };
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'transfer-readme-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('packages/transfer/README.md', () => {
  it('The adapter contract: the README interface is a TransferAdapter', () => {
    const adapter: TransferAdapter<VendorResult> = memoryAdapter(new Map());
    expect(adapter.limits.maxParts).toBe(10_000);
  });

  it("Wiring a vendor's high-level call: uploadFile options and out.result", async () => {
    const objects = new Map<string, Buffer>();
    const file = path.join(dir, 'local.txt');
    const data = Buffer.alloc(2 * 1024 * 1024 + 10, 'x');
    await writeFile(file, data);
    const progress: number[] = [];
    const args = {
      Bucket: 'b',
      Key: 'k',
      LocalFilePath: file,
      PartSize: 1,
      MAXThread: 5,
      progress_callback: (consumed: number) => {
        progress.push(consumed);
      },
      signal: new AbortController().signal,
    };
    const out = await uploadFile(memoryAdapter(objects), {
      bucket: args.Bucket,
      key: args.Key,
      filePath: args.LocalFilePath,
      partSize: (args.PartSize ?? 1) * 1024 * 1024,
      concurrency: args.MAXThread ?? 5,
      multipartThreshold: 20 * 1024 * 1024,
      checkpoint: false,
      onProgress: args.progress_callback,
      signal: args.signal,
    });
    expect(out.result).toEqual({ ETag: 'single', etag: 'single', how: 'put' }); // below the 20 MiB threshold: one putObject
    expect(objects.get('k')?.equals(data)).toBe(true);
    expect(progress.at(-1)).toBe(data.length);
  });
});
