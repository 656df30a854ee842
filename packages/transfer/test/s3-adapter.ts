/**
 * A minimal S3-dialect adapter over core's Transport and V4 signer, used to
 * run the engine against the emulator's OOS port over real HTTP (undici
 * bodies, ranges, aborts). Tests only: the real one lives in @yunstore/oos.
 */
import { buildXml, encodeKeyPath, md5Base64, parseXml, Transport, type Body, type WireRequest, type WireResponse } from '@yunstore/core';
import { signS3V4 } from '@yunstore/core/sign';
import type { CompleteResult, TransferAdapter } from '../src/adapter.ts';

interface Options {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function s3Adapter(options: Options): TransferAdapter & { transport: Transport; createBucket(name: string): Promise<void> } {
  const transport = new Transport({ connections: 16 });
  const credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };

  const send = async (
    method: WireRequest['method'],
    bucket: string,
    key: string | undefined,
    query: Array<[string, string]>,
    signal: AbortSignal,
    extra: { headers?: Record<string, string>; body?: Body } = {},
  ): Promise<WireResponse> => {
    const req: WireRequest = {
      method,
      origin: options.endpoint,
      path: `/${bucket}${key === undefined ? '' : `/${encodeKeyPath(key)}`}`,
      query,
      headers: extra.headers ?? {},
      ...(extra.body ? { body: extra.body } : {}),
    };
    const res = await transport.send(req, {
      signal,
      authorize: (r, now) => ({ ...r, headers: { ...r.headers, ...signS3V4(r, credentials, now, { region: 'cn' }) } }),
    });
    if (res.status >= 300) {
      const code = res.errorBody && res.errorBody.length > 0 ? String((parseXml(res.errorBody).Error as { Code?: string } | undefined)?.Code ?? '') : '';
      throw new S3Error(res.status, code || `HTTP${res.status}`);
    }
    return res;
  };
  const text = async (res: WireResponse): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const drain = async (res: WireResponse): Promise<void> => {
    for await (const _ of res.body) void _;
  };

  return {
    transport,
    limits: { maxParts: 10_000, minPartSize: 1, maxPartSize: 5 * 1024 ** 3, maxSingleCopy: 5 * 1024 ** 3 },
    async createBucket(name) {
      await drain(await send('PUT', name, undefined, [], AbortSignal.timeout(60_000)));
    },
    async initiate({ bucket, key, signal }) {
      const xml = parseXml(await text(await send('POST', bucket, key, [['uploads', '']], signal)));
      return { uploadId: String((xml.InitiateMultipartUploadResult as { UploadId: string }).UploadId) };
    },
    async uploadPart({ bucket, key, uploadId, partNumber, body, signal }) {
      const res = await send(
        'PUT',
        bucket,
        key,
        [
          ['partNumber', String(partNumber)],
          ['uploadId', uploadId],
        ],
        signal,
        { body },
      );
      await drain(res);
      return { etag: res.headers.etag ?? '' };
    },
    async complete({ bucket, key, uploadId, parts, signal }): Promise<CompleteResult> {
      const body = buildXml('CompleteMultipartUpload', { Part: parts.map((p) => ({ PartNumber: String(p.partNumber), ETag: p.etag })) });
      const bytes = Buffer.from(body);
      const res = await send('POST', bucket, key, [['uploadId', uploadId]], signal, {
        body: { length: bytes.length, replayable: true, open: () => bytes },
      });
      const xml = parseXml(await text(res));
      return { etag: String((xml.CompleteMultipartUploadResult as { ETag?: string } | undefined)?.ETag ?? '') };
    },
    async abort({ bucket, key, uploadId, signal }) {
      await drain(await send('DELETE', bucket, key, [['uploadId', uploadId]], signal));
    },
    async listPartsPage({ bucket, key, uploadId, marker, signal }) {
      const query: Array<[string, string]> = [
        ['part-number-marker', String(marker)],
        ['uploadId', uploadId],
      ];
      const res: WireResponse = await send('GET', bucket, key, query, signal);
      const result = parseXml(await text(res), { arrays: ['ListPartsResult.Part'] }).ListPartsResult as {
        Part?: Array<{ PartNumber: string; ETag: string; Size: string }>;
        IsTruncated?: string;
        NextPartNumberMarker?: string;
      };
      const parts = asArray(result.Part).map((p) => ({ partNumber: Number(p.PartNumber), etag: p.ETag, size: Number(p.Size) }));
      return result.IsTruncated === 'true' ? { parts, nextMarker: Number(result.NextPartNumberMarker) } : { parts };
    },
    async head({ bucket, key, signal }) {
      const res = await send('HEAD', bucket, key, [], signal);
      await drain(res);
      return { size: Number(res.headers['content-length']), etag: res.headers.etag ?? '', lastModified: res.headers['last-modified'] ?? '' };
    },
    async getRange({ bucket, key, start, end, ifMatch, signal }) {
      const res = await send('GET', bucket, key, [], signal, {
        headers: { Range: `bytes=${start}-${end}`, ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
      });
      return res.body;
    },
    async putObject({ bucket, key, body, signal }) {
      const res = await send('PUT', bucket, key, [], signal, { body });
      await drain(res);
      return { etag: res.headers.etag ?? '' };
    },
    async list({ bucket, prefix, marker, signal }) {
      const query: Array<[string, string]> = [['prefix', prefix]];
      if (marker !== undefined) query.push(['marker', marker]);
      const result = parseXml(await text(await send('GET', bucket, undefined, query, signal)), { arrays: ['ListBucketResult.Contents'] }).ListBucketResult as {
        Contents?: Array<{ Key: string; Size: string }>;
        IsTruncated?: string;
        NextMarker?: string;
      };
      const objects = asArray(result.Contents).map((c) => ({ key: String(c.Key), size: Number(c.Size) }));
      const last = objects[objects.length - 1];
      return result.IsTruncated === 'true' && last ? { objects, nextMarker: result.NextMarker ?? last.key } : { objects };
    },
    async deleteMany({ bucket, keys, signal }) {
      const bytes = Buffer.from(buildXml('Delete', { Quiet: 'true', Object: keys.map((k) => ({ Key: k })) }));
      const res = await send('POST', bucket, undefined, [['delete', '']], signal, {
        headers: { 'Content-MD5': md5Base64(bytes), 'Content-Type': 'application/xml' },
        body: { length: bytes.length, replayable: true, open: () => bytes },
      });
      const result = parseXml(await text(res), { arrays: ['DeleteResult.Error'] }).DeleteResult as
        | { Error?: Array<{ Key: string; Code: string; Message: string }> }
        | undefined;
      return asArray(result?.Error).map((e) => ({ key: String(e.Key), code: String(e.Code), message: String(e.Message) }));
    },
  };
}
