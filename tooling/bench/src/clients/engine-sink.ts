/**
 * The transfer engine alone: `@yunstore/transfer` driven through a bare,
 * unsigned undici adapter against the sink. Between the raw floor and a
 * vendor's high-level call it isolates what the engine itself costs (part
 * buffers, progress metering, retries) and, with `uploadCrc64`, what the
 * COS CRC-64 check costs (the sink sends no CRC, so this is the cost of
 * computing it over every byte sent, which is all the check costs).
 */
import type { Readable } from 'node:stream';
import { importOurs } from '../load.ts';
import { rawAgent } from './raw-sink.ts';

interface EngineBody {
  length: number | undefined;
  open(): Buffer | Readable;
}

type Transfer = (adapter: object, params: object) => Promise<unknown>;

async function engine(): Promise<{ uploadFile: Transfer; downloadFile: Transfer }> {
  const mod = await importOurs('@yunstore/transfer');
  if (!mod.ok) throw new Error(mod.reason);
  const { uploadFile, downloadFile } = mod.value as { uploadFile?: Transfer; downloadFile?: Transfer };
  if (typeof uploadFile !== 'function' || typeof downloadFile !== 'function') throw new Error('@yunstore/transfer has no uploadFile/downloadFile');
  return { uploadFile, downloadFile };
}

/** A minimal TransferAdapter over undici for the sink's S3 dialect (no signing). */
function sinkAdapter(root: string, origin: string, concurrency: number, crc64: boolean) {
  const agent = rawAgent(root, concurrency);
  const path = (bucket: string, key: string): string => `/${bucket}/${encodeURIComponent(key)}`;
  const text = async (res: { statusCode: number; body: { text(): Promise<string> } }, what: string): Promise<string> => {
    const body = await res.body.text();
    if (res.statusCode >= 300) throw Object.assign(new Error(`${what} answered ${res.statusCode}`), { status: res.statusCode });
    return body;
  };
  type Ref = { bucket: string; key: string; signal: AbortSignal };
  return {
    agent,
    adapter: {
      limits: { maxParts: 10_000, minPartSize: 5 * 2 ** 20, maxPartSize: 5 * 2 ** 30, maxSingleCopy: 5 * 2 ** 30 },
      uploadCrc64: crc64,
      async initiate({ bucket, key, signal }: Ref) {
        const body = await text(await agent.request({ origin, path: `${path(bucket, key)}?uploads`, method: 'POST', signal }), 'initiate');
        return { uploadId: /<UploadId>([^<]+)<\/UploadId>/.exec(body)?.[1] ?? '' };
      },
      async uploadPart({
        bucket,
        key,
        uploadId,
        partNumber,
        body,
        length,
        signal,
      }: Ref & { uploadId: string; partNumber: number; body: EngineBody; length: number }) {
        const res = await agent.request({
          origin,
          path: `${path(bucket, key)}?partNumber=${partNumber}&uploadId=${uploadId}`,
          method: 'PUT',
          headers: { 'content-length': String(length) },
          body: body.open(),
          signal,
        });
        await text(res, 'upload part');
        return { etag: '"sink"' };
      },
      async complete({ bucket, key, uploadId, parts, signal }: Ref & { uploadId: string; parts: Array<{ partNumber: number; etag: string }> }) {
        const xml = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${p.etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
        await text(await agent.request({ origin, path: `${path(bucket, key)}?uploadId=${uploadId}`, method: 'POST', body: xml, signal }), 'complete');
        return { etag: '"sink"' };
      },
      async abort({ bucket, key, uploadId, signal }: Ref & { uploadId: string }) {
        await text(await agent.request({ origin, path: `${path(bucket, key)}?uploadId=${uploadId}`, method: 'DELETE', signal }), 'abort');
      },
      // The sink keeps no parts: a resume finds none (the engine treats a 404 as gone).
      listPartsPage: async () => ({ parts: [] }),
      async head({ bucket, key, signal }: Ref) {
        const res = await agent.request({ origin, path: path(bucket, key), method: 'HEAD', signal });
        await res.body.text();
        const h = res.headers as Record<string, string>;
        return { size: Number(h['content-length']), etag: h['etag'] ?? '', lastModified: h['last-modified'] ?? '' };
      },
      async getRange({ bucket, key, start, end, signal }: Ref & { start: number; end: number }) {
        const res = await agent.request({ origin, path: path(bucket, key), method: 'GET', headers: { range: `bytes=${start}-${end}` }, signal });
        if (res.statusCode !== 206) throw Object.assign(new Error(`ranged GET answered ${res.statusCode}`), { status: res.statusCode });
        return res.body as unknown as Readable;
      },
    },
  };
}

/** Uploads `file` through the engine (optionally computing CRC-64s as COS does). */
export async function engineUpload(root: string, origin: string, file: string, partSize: number, concurrency: number, crc64: boolean): Promise<void> {
  const { uploadFile } = await engine();
  const { adapter, agent } = sinkAdapter(root, origin, concurrency, crc64);
  try {
    await uploadFile(adapter, { bucket: 'engine', key: 'large', filePath: file, partSize, concurrency });
  } finally {
    await agent.close();
  }
}

/** Downloads the sink's default object to `file` through the engine. */
export async function engineDownload(root: string, origin: string, file: string, partSize: number, concurrency: number): Promise<void> {
  const { downloadFile } = await engine();
  const { adapter, agent } = sinkAdapter(root, origin, concurrency, false);
  try {
    await downloadFile(adapter, { bucket: 'engine', key: 'unknown', filePath: file, partSize, concurrency });
  } finally {
    await agent.close();
  }
}
