/** Multipart uploads with BOS's JSON bodies: initiate, part, complete, abort, list parts/uploads. */
import { readBody } from '../../common/http.ts';
import { compareKeys } from '../../common/keys.ts';
import { normalizeEtag } from '../../common/conditions.ts';
import type { UploadRecord } from '../../store/types.ts';
import { BosError, bosErrors } from './errors.ts';
import { bosTime, sendEmpty, sendJson } from './respond.ts';
import { bucketFor, checkMetaSize, ownerOf, param, requestBody, userMeta, type BosCall } from './call.ts';
import { declaredLength, expectedMd5, requireKey, writeOptions } from './object.ts';
import { pageSize } from './list-objects.ts';

const MAX_PART_NUMBER = 10000;
/** BOS: every part but the last must be at least 5 MiB unless the emulator was told otherwise. */
const BOS_MIN_PART_SIZE = 5 * 1024 * 1024;

export async function uploadFor(call: BosCall, bucket: string, key: string): Promise<UploadRecord> {
  const uploadId = param(call, 'uploadId') ?? '';
  const upload = await call.ctx.store.getUpload(uploadId);
  if (!upload || upload.bucket !== bucket || upload.key !== key) throw bosErrors.noSuchUpload();
  return upload;
}

export async function initiateUpload(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  // Cache-Control, Content-Disposition... sent on initiate belong to the completed object, as on a PUT.
  const upload = await call.ctx.store.createUpload(bucket.name, key, call.caller?.owner ?? bucket.owner, writeOptions(call));
  sendJson(call.res, 200, { bucket: bucket.name, key, uploadId: upload.uploadId });
}

/** `?partNumber=`: an integer 1..10000. */
export function partNumberOf(call: BosCall): number {
  const partNumber = Number(param(call, 'partNumber'));
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw bosErrors.invalidArgument(`partNumber must be an integer between 1 and ${MAX_PART_NUMBER}.`);
  }
  return partNumber;
}

export async function uploadPart(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  const partNumber = partNumberOf(call);
  const upload = await uploadFor(call, bucket.name, key);
  const length = declaredLength(call);
  const part = await call.ctx.store.putPart(upload.uploadId, partNumber, requestBody(call), expectedMd5(call), length);
  call.res.setHeader('ETag', `"${part.etag}"`);
  sendEmpty(call.res);
}

interface CompletePart {
  partNumber: number;
  eTag: string;
}

function parseCompleteBody(body: Buffer): CompletePart[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw bosErrors.malformedJson();
  }
  const parts = (parsed as { parts?: unknown } | null)?.parts;
  if (!Array.isArray(parts) || parts.length === 0) throw bosErrors.malformedJson('parts must be a non-empty list.');
  return parts.map((p: unknown) => {
    const part = p as { partNumber?: unknown; eTag?: unknown } | null;
    if (!Number.isInteger(part?.partNumber) || typeof part?.eTag !== 'string') {
      throw bosErrors.malformedJson('Each part needs an integer partNumber and a string eTag.');
    }
    return { partNumber: part.partNumber as number, eTag: part.eTag };
  });
}

/**
 * Complete: parts strictly ascending (InvalidPartOrder), each uploaded with
 * that ETag (InvalidPart), all but the last at least the minimum part size
 * (EntityTooSmall). `x-bce-meta-*` on this request replace the initiate's.
 */
export async function completeUpload(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  const upload = await uploadFor(call, bucket.name, key);
  const wanted = parseCompleteBody(await readBody(call.req, 4 * 1024 * 1024));
  const stored = new Map((await call.ctx.store.listParts(upload.uploadId)).map((p) => [p.partNumber, p]));
  // Three passes so the answer does not depend on where in the list the first problem sits.
  if (wanted.some((part, i) => i > 0 && part.partNumber <= wanted[i - 1]!.partNumber)) throw new BosError(400, 'InvalidPartOrder');
  const found = wanted.map((part) => {
    const have = stored.get(part.partNumber);
    if (!have || normalizeEtag(have.etag) !== normalizeEtag(part.eTag)) throw new BosError(400, 'InvalidPart');
    return have;
  });
  if (found.some((have, i) => i < found.length - 1 && have.size < (call.ctx.minPartSizeOption ?? BOS_MIN_PART_SIZE))) throw new BosError(400, 'EntityTooSmall');
  const meta = userMeta(call);
  checkMetaSize(meta);
  let record = await call.ctx.store.completeUpload(
    upload.uploadId,
    wanted.map((p) => p.partNumber),
  );
  if (Object.keys(meta).length > 0) record = await call.ctx.store.updateObject(bucket.name, key, { meta });
  sendJson(call.res, 200, {
    location: `http://${call.host}/${bucket.name}/${encodeURI(key)}`,
    bucket: bucket.name,
    key,
    eTag: record.etag,
  });
}

export async function abortUpload(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  const upload = await uploadFor(call, bucket.name, key);
  await call.ctx.store.abortUpload(upload.uploadId);
  sendEmpty(call.res);
}

export async function listParts(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'READ');
  const key = requireKey(call);
  const upload = await uploadFor(call, bucket.name, key);
  const maxParts = pageSize(call, 'maxParts');
  const markerRaw = param(call, 'partNumberMarker') ?? '0';
  const marker = Number(markerRaw === '' ? '0' : markerRaw);
  if (!Number.isInteger(marker) || marker < 0) throw bosErrors.invalidArgument('partNumberMarker must be a non-negative integer.');
  const after = (await call.ctx.store.listParts(upload.uploadId)).filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const page = after.slice(0, maxParts);
  const isTruncated = after.length > maxParts;
  sendJson(call.res, 200, {
    bucket: bucket.name,
    key,
    uploadId: upload.uploadId,
    initiated: bosTime(upload.initiated),
    owner: ownerOf(upload.owner),
    storageClass: upload.options.storageClass ?? 'STANDARD',
    partNumberMarker: marker,
    nextPartNumberMarker: page.length > 0 ? page[page.length - 1]!.partNumber : marker,
    maxParts,
    isTruncated,
    parts: page.map((p) => ({ partNumber: p.partNumber, lastModified: bosTime(p.lastModified), eTag: p.etag, size: p.size })),
  });
}

/** GET ?uploads: keyMarker is exclusive, delimiter rolls keys up like object listings. */
export async function listUploads(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'READ');
  const prefix = param(call, 'prefix') ?? '';
  const delimiter = param(call, 'delimiter') ?? '';
  const keyMarker = param(call, 'keyMarker') ?? '';
  const maxUploads = pageSize(call, 'maxUploads');
  const all = (await call.ctx.store.listUploads(bucket.name))
    .filter((u) => u.key.startsWith(prefix) && (keyMarker === '' || compareKeys(u.key, keyMarker) > 0))
    .sort((a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime());
  const uploads: UploadRecord[] = [];
  const commonPrefixes: string[] = [];
  let count = 0;
  let last: string | undefined;
  let isTruncated = false;
  for (const u of all) {
    const at = delimiter === '' ? -1 : u.key.indexOf(delimiter, prefix.length);
    const rolled = at < 0 ? undefined : u.key.slice(0, at + delimiter.length);
    if (rolled !== undefined && rolled === last) continue;
    if (count >= maxUploads) {
      isTruncated = true;
      break;
    }
    count++;
    if (rolled === undefined) uploads.push(u);
    else commonPrefixes.push(rolled);
    last = rolled ?? u.key;
  }
  const body: Record<string, unknown> = {
    bucket: bucket.name,
    prefix,
    delimiter,
    keyMarker,
    maxUploads,
    isTruncated,
    uploads: uploads.map((u) => ({
      key: u.key,
      uploadId: u.uploadId,
      owner: ownerOf(u.owner),
      initiated: bosTime(u.initiated),
      storageClass: u.options.storageClass ?? 'STANDARD',
    })),
  };
  // As in object listings and the seed ("仅当指定delimiter，才会返回此项"): commonPrefixes only with a delimiter.
  if (delimiter !== '') body['commonPrefixes'] = commonPrefixes.map((p) => ({ prefix: p }));
  if (isTruncated && last !== undefined) body['nextKeyMarker'] = last;
  sendJson(call.res, 200, body);
}
