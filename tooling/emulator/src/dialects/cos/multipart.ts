/** Multipart upload: initiate, upload part, upload part - copy, complete, abort. */
import { parseXml } from '@yunstore/core';
import { normalizeEtag } from '../../common/conditions.ts';
import { readBody } from '../../common/http.ts';
import { iso8601 } from '../../common/time.ts';
import type { BucketRecord, ByteRange, UploadRecord } from '../../store/types.ts';
import { cosErrors } from './errors.ts';
import { header, param, sendEmpty, sendXml, type CosExchange } from './exchange.ts';
import { expectedLength, expectedMd5, putOptionsOf, quoteEtag } from './headers.ts';
import { loadCopySource, sourceRef } from './copy.ts';
import { requestBody, versionIdOf, writeHeaders } from './object.ts';
import { asList, objOf, textOf } from './xml.ts';

export const MAX_PART_NUMBER = 10_000;
/** Parts and single PUTs are at most 5 GB. */
const MAX_PART_SIZE = 5 * 1024 ** 3;

export async function createMultipartUpload(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const options = putOptionsOf(ex);
  const upload = await ex.ctx.store.createUpload(bucket.name, ex.target.key!, ex.owner ?? bucket.owner, options);
  sendXml(ex, 'InitiateMultipartUploadResult', { Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId });
}

/** The upload named by `uploadId`, checked against the bucket and key of the request. */
export async function loadUpload(ex: CosExchange, bucket: BucketRecord): Promise<UploadRecord> {
  const uploadId = param(ex, 'uploadId') ?? '';
  const upload = uploadId ? await ex.ctx.store.getUpload(uploadId) : undefined;
  if (!upload || upload.bucket !== bucket.name || upload.key !== ex.target.key) throw cosErrors.noSuchUpload();
  return upload;
}

function partNumberOf(ex: CosExchange): number {
  const raw = param(ex, 'partNumber') ?? '';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_PART_NUMBER) {
    throw cosErrors.invalidArgument(`partNumber must be an integer between 1 and ${MAX_PART_NUMBER}`);
  }
  return n;
}

export async function uploadPart(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const partNumber = partNumberOf(ex);
  const upload = await loadUpload(ex, bucket);
  const md5 = expectedMd5(ex);
  const length = expectedLength(ex);
  if (length !== undefined && length > MAX_PART_SIZE) throw cosErrors.entityTooLarge();
  const part = await ex.ctx.store.putPart(upload.uploadId, partNumber, requestBody(ex), md5, length);
  const headers: Record<string, string> = { ETag: quoteEtag(part.etag) };
  if (part.crc64) headers['x-cos-hash-crc64ecma'] = part.crc64;
  sendEmpty(ex, 200, headers);
}

/** `x-cos-copy-source-range: bytes=first-last` (inclusive, both required). Empty means the whole object. */
function copyRange(value: string | undefined, size: number): ByteRange | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(value.trim());
  if (!m) throw cosErrors.invalidArgument('x-cos-copy-source-range must be bytes=first-last');
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start || end >= size) throw cosErrors.invalidRange(`x-cos-copy-source-range ${value} is outside the source object (size ${size})`);
  return { start, end };
}

export async function uploadPartCopy(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const partNumber = partNumberOf(ex);
  const upload = await loadUpload(ex, bucket);
  const loaded = await loadCopySource(ex);
  const { obj } = loaded;
  const range = copyRange(header(ex, 'x-cos-copy-source-range'), obj.size);
  const part = await ex.ctx.store.copyPart(upload.uploadId, partNumber, sourceRef(loaded), range);
  const headers: Record<string, string> = {};
  if (part.crc64) headers['x-cos-hash-crc64ecma'] = part.crc64;
  if (obj.versionId !== undefined || loaded.source.versionId) headers['x-cos-copy-source-version-id'] = versionIdOf(obj);
  sendXml(ex, 'CopyPartResult', { ETag: quoteEtag(part.etag), LastModified: iso8601(part.lastModified) }, headers);
}

interface RequestedPart {
  partNumber: number;
  etag: string;
}

function requestedParts(body: Buffer): RequestedPart[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(body);
  } catch {
    throw cosErrors.malformedXml();
  }
  const parts = asList(objOf(doc['CompleteMultipartUpload'])['Part']).map((p) => {
    const part = objOf(p);
    const n = Number(textOf(part['PartNumber']));
    if (!Number.isInteger(n) || n < 1 || n > MAX_PART_NUMBER) throw cosErrors.malformedXml('PartNumber must be 1..10000');
    return { partNumber: n, etag: normalizeEtag(textOf(part['ETag'])) };
  });
  if (parts.length === 0) throw cosErrors.malformedXml('CompleteMultipartUpload needs at least one Part');
  return parts;
}

export async function completeMultipartUpload(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const upload = await loadUpload(ex, bucket);
  const wanted = requestedParts(await readBody(ex.req, 4 * 1024 * 1024));
  for (let i = 1; i < wanted.length; i++) {
    if (wanted[i]!.partNumber <= wanted[i - 1]!.partNumber) throw cosErrors.invalidPartOrder();
  }
  const stored = new Map((await ex.ctx.store.listParts(upload.uploadId)).map((p) => [p.partNumber, p]));
  wanted.forEach((w, i) => {
    const part = stored.get(w.partNumber);
    if (!part || normalizeEtag(part.etag) !== w.etag) {
      throw cosErrors.invalidPart(`Part ${w.partNumber} could not be found or its ETag did not match.`);
    }
    // Every part but the last must reach the minimum part size.
    if (i < wanted.length - 1 && part.size < ex.ctx.minPartSize) {
      throw cosErrors.entityTooSmall(`Part ${w.partNumber} is ${part.size} bytes; every part but the last must be at least ${ex.ctx.minPartSize} bytes.`);
    }
  });
  const obj = await ex.ctx.store.completeUpload(
    upload.uploadId,
    wanted.map((w) => w.partNumber),
  );
  const { ETag: _etag, ...headers } = writeHeaders(bucket, obj);
  sendXml(
    ex,
    'CompleteMultipartUploadResult',
    { Location: `${bucket.name}.cos.${bucket.location}.myqcloud.com/${obj.key}`, Bucket: bucket.name, Key: obj.key, ETag: quoteEtag(obj.etag) },
    headers,
  );
}

export async function abortMultipartUpload(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const upload = await loadUpload(ex, bucket);
  await ex.ctx.store.abortUpload(upload.uploadId);
  sendEmpty(ex, 204);
}
