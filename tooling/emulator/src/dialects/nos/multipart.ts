import { md5Hex, parseXml } from '@yunstore/core';
import { readBody } from '../../common/http.ts';
import type { UploadRecord } from '../../store/types.ts';
import { intParam } from './bucket.ts';
import {
  expectedMd5,
  metaFromHeaders,
  ownerOf,
  requestStream,
  requireBucket,
  requireKey,
  requireLength,
  sendEmpty,
  sendXml,
  systemHeaders,
  type NosCall,
} from './call.ts';
import { NosError } from './errors.ts';
import { MAX_SINGLE_PUT, NOS_DEFAULT_CONTENT_TYPE } from './objects.ts';
import { completeResultXml, initiateResultXml, listPartsXml, listUploadsXml } from './xml.ts';

/** NOS parts are 16 KiB … 100 MiB, the last one may be smaller. */
export const NOS_MIN_PART_SIZE = 16 * 1024;

export async function initiateUpload(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const key = requireKey(call);
  const upload = await call.ctx.store.createUpload(bucket.name, key, ownerOf(call), {
    contentType: call.req.headers['content-type'] || NOS_DEFAULT_CONTENT_TYPE,
    headers: systemHeaders(call),
    meta: metaFromHeaders(call),
    storageClass: 'Standard',
  });
  sendXml(call, initiateResultXml(upload));
}

/** The upload named by `?uploadId=`, which must belong to this bucket and key. */
async function currentUpload(call: NosCall): Promise<UploadRecord> {
  const bucket = await requireBucket(call);
  const key = requireKey(call);
  const upload = await call.ctx.store.getUpload(call.target.query.get('uploadId') ?? '');
  if (!upload || upload.bucket !== bucket.name || upload.key !== key) throw new NosError(404, 'NoSuchUpload');
  return upload;
}

export async function uploadPart(call: NosCall): Promise<void> {
  const raw = call.target.query.get('partNumber') ?? '';
  const partNumber = Number(raw);
  if (!/^\d+$/.test(raw) || partNumber < 1 || partNumber > 10000) {
    throw new NosError(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000');
  }
  const upload = await currentUpload(call);
  const length = requireLength(call);
  if (length > MAX_SINGLE_PUT) throw new NosError(400, 'EntityTooLarge');
  const md5 = expectedMd5(call);
  const part = await call.ctx.store.putPart(upload.uploadId, partNumber, requestStream(call), md5, length);
  sendEmpty(call, { ETag: `"${part.etag}"` });
}

/** `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>…` → the listed parts in order. */
export function parseCompleteRequest(body: Buffer): Array<{ partNumber: number; etag: string }> {
  let doc: { CompleteMultipartUpload?: { Part?: unknown } };
  try {
    doc = parseXml(body, { arrays: ['CompleteMultipartUpload.Part'] }) as typeof doc;
  } catch {
    throw new NosError(400, 'MalformedXML');
  }
  const parts = doc.CompleteMultipartUpload?.Part;
  if (!Array.isArray(parts) || parts.length === 0) throw new NosError(400, 'MalformedXML');
  return parts.map((p: { PartNumber?: unknown; ETag?: unknown }) => {
    const n = Number(p?.PartNumber);
    if (!Number.isInteger(n)) throw new NosError(400, 'MalformedXML');
    return {
      partNumber: n,
      etag: String(p?.ETag ?? '')
        .trim()
        .replace(/^["']|["']$/g, '')
        .toLowerCase(),
    };
  });
}

export async function completeUpload(call: NosCall): Promise<void> {
  const upload = await currentUpload(call);
  const body = await readBody(call.req, 4 * 1024 * 1024);
  const md5 = expectedMd5(call);
  if (md5 !== undefined && md5 !== md5Hex(body)) throw new NosError(400, 'BadDigest');
  const listed = parseCompleteRequest(body);
  const stored = new Map((await call.ctx.store.listParts(upload.uploadId)).map((p) => [p.partNumber, p]));
  // NOS's own minimum is 16 KiB (protocol §7) unless the emulator was started with another.
  const minPartSize = call.ctx.minPartSizeOption ?? NOS_MIN_PART_SIZE;
  let previous = 0;
  listed.forEach(({ partNumber, etag }, index) => {
    if (partNumber <= previous) throw new NosError(400, 'InvalidPartOrder');
    previous = partNumber;
    const part = stored.get(partNumber);
    if (!part || part.etag.toLowerCase() !== etag) throw new NosError(400, 'InvalidPart');
    // Every part but the last must reach the minimum part size.
    if (index < listed.length - 1 && part.size < minPartSize) throw new NosError(400, 'EntityTooSmall');
  });
  let object = await call.ctx.store.completeUpload(
    upload.uploadId,
    listed.map((p) => p.partNumber),
  );
  // x-nos-Object-md5 feeds NOS's de-duplication; the emulator keeps it with the object.
  const objectMd5 = call.req.headers['x-nos-object-md5'];
  const meta = metaFromHeaders(call);
  if (objectMd5 !== undefined || Object.keys(meta).length > 0) {
    object = await call.ctx.store.updateObject(object.bucket, object.key, {
      meta: { ...object.meta, ...meta },
      extra: { ...object.extra, ...(objectMd5 !== undefined ? { objectMd5: String(objectMd5) } : {}) },
    });
  }
  sendXml(call, completeResultXml(locationOf(call, object.bucket), object));
}

/**
 * `<Location>` as the seed shows it: `<bucket>.<endpoint>/<key>`, i.e. the Host
 * of a virtual-hosted request plus the key; a path-style request (no bucket in
 * the Host) gets the bucket as the first path segment instead.
 */
export function locationOf(call: NosCall, bucket: string): string {
  const host = String(call.req.headers.host ?? '');
  return call.target.virtualHosted ? `${host}/${call.target.rawKey}` : `${host}/${bucket}/${call.target.rawKey}`;
}

export async function abortUpload(call: NosCall): Promise<void> {
  const upload = await currentUpload(call);
  await call.ctx.store.abortUpload(upload.uploadId);
  sendEmpty(call);
}

export async function listParts(call: NosCall): Promise<void> {
  const upload = await currentUpload(call);
  const q = call.target.query;
  const maxParts = intParam(q.get('max-parts'), 'max-parts', 1000);
  const marker = intParam(q.get('part-number-marker'), 'part-number-marker', 0, 10000);
  const all = (await call.ctx.store.listParts(upload.uploadId)).filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const parts = all.slice(0, maxParts);
  sendXml(
    call,
    listPartsXml({
      upload,
      parts,
      partNumberMarker: marker,
      maxParts,
      isTruncated: all.length > parts.length,
      storageClass: upload.options.storageClass ?? 'Standard',
    }),
  );
}

export async function listUploads(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const q = call.target.query;
  const maxUploads = intParam(q.get('max-uploads'), 'max-uploads', 1000);
  const keyMarker = q.get('key-marker') ?? '';
  const prefix = q.get('prefix') ?? undefined;
  const all = (await call.ctx.store.listUploads(bucket.name))
    .filter((u) => u.key > keyMarker && (prefix === undefined || u.key.startsWith(prefix)))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated.getTime() - b.initiated.getTime()));
  const uploads = all.slice(0, maxUploads);
  sendXml(call, listUploadsXml({ bucket: bucket.name, keyMarker, prefix, maxUploads, uploads, isTruncated: all.length > uploads.length }));
}
