/** Single objects: put, get, head, delete. */
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { evaluateConditions } from '../../common/conditions.ts';
import { contentRange, parseRange, unsatisfiedContentRange } from '../../common/range.ts';
import { BadDigestError, IncompleteBodyError, type BucketRecord, type ObjectRecord } from '../../store/types.ts';
import { authorize } from './access.ts';
import { cosErrors } from './errors.ts';
import { header, param, sendEmpty, sendHeaders, type CosExchange } from './exchange.ts';
import { expectedLength, expectedMd5, isReadable, objectHeaders, putOptionsOf, quoteEtag } from './headers.ts';
import { bodyThrottle, trafficLimitBytesPerSecond } from './traffic.ts';

/** Largest single PUT COS accepts (5 GB). */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;

/** The request body, throttled by faults and `x-cos-traffic-limit`. */
export function requestBody(ex: CosExchange): Readable {
  const limit = trafficLimitBytesPerSecond(ex);
  // A reset fault is about response bytes; uploads only take the bandwidth part.
  const { resetAfterBytes: _ignored, ...decision } = ex.decision;
  return ex.req.pipe(bodyThrottle(ex, decision, limit, 'request'));
}

/** Maps the store's write failures to COS errors. */
export async function storeWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof BadDigestError) throw cosErrors.badDigest();
    if (err instanceof IncompleteBodyError) throw cosErrors.incompleteBody();
    throw err;
  }
}

export function isVersioned(bucket: BucketRecord): boolean {
  return bucket.versioning === 'Enabled' || bucket.versioning === 'Suspended';
}

/** Gives a freshly written object its version id when the bucket keeps versions. */
export async function stampVersion(ex: CosExchange, bucket: BucketRecord, obj: ObjectRecord): Promise<ObjectRecord> {
  if (bucket.versioning === 'Enabled' && (!obj.versionId || obj.versionId === 'null')) {
    const versionId = Buffer.from(`${Date.now()}${Math.random()}`).toString('base64url').slice(0, 27);
    return ex.ctx.store.updateObject(bucket.name, obj.key, { versionId });
  }
  return obj;
}

/** Headers every write answer carries: ETag, CRC-64, version id. */
export function writeHeaders(bucket: BucketRecord, obj: ObjectRecord): Record<string, string> {
  const h: Record<string, string> = { ETag: quoteEtag(obj.etag) };
  if (obj.crc64) h['x-cos-hash-crc64ecma'] = obj.crc64;
  if (isVersioned(bucket) && obj.versionId) h['x-cos-version-id'] = obj.versionId;
  return h;
}

export async function putObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const options = putOptionsOf(ex);
  const md5 = expectedMd5(ex);
  const length = expectedLength(ex);
  if (length !== undefined && length > MAX_PUT_SIZE) throw cosErrors.entityTooLarge();
  if (md5 !== undefined) options.expectedMd5 = md5;
  if (length !== undefined) options.expectedLength = length;
  const written = await storeWrite(() => ex.ctx.store.putObject(bucket.name, ex.target.key!, requestBody(ex), options));
  const obj = await stampVersion(ex, bucket, written);
  sendEmpty(ex, 200, writeHeaders(bucket, obj));
}

/** The object a GET/HEAD/select names, honouring `versionId`; throws NoSuchKey / NoSuchVersion / AccessDenied. */
export async function loadForRead(ex: CosExchange, bucket: BucketRecord): Promise<ObjectRecord> {
  const obj = await ex.ctx.store.headObject(bucket.name, ex.target.key!);
  if (!obj) {
    authorize(ex.owner, bucket, ex.op);
    throw cosErrors.noSuchKey();
  }
  authorize(ex.owner, bucket, ex.op, obj);
  const versionId = param(ex, 'versionId');
  if (versionId !== undefined && versionId !== '' && versionId !== (obj.versionId ?? 'null')) {
    throw cosErrors.noSuchVersion();
  }
  return obj;
}

const OVERRIDES: Array<[string, string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
];

/** Object headers with the `response-*` query overrides applied (names replaced case-insensitively). */
function headersWithOverrides(ex: CosExchange, base: Record<string, string>): Record<string, string> {
  const h = { ...base };
  for (const [q, name] of OVERRIDES) {
    const v = param(ex, q);
    if (v === undefined) continue;
    for (const existing of Object.keys(h)) if (existing.toLowerCase() === name.toLowerCase()) delete h[existing];
    h[name] = v;
  }
  return h;
}

/** Answers 304/412 for failed conditions; returns true when it did. */
function answeredByConditions(ex: CosExchange, obj: ObjectRecord, headers: Record<string, string>): boolean {
  const verdict = evaluateConditions(ex.req.headers, obj);
  if (verdict === 412) throw cosErrors.preconditionFailed();
  if (verdict === 304) {
    sendEmpty(ex, 304, { ETag: headers['ETag']!, 'Last-Modified': headers['Last-Modified']! });
    return true;
  }
  return false;
}

export async function headObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const obj = await loadForRead(ex, bucket);
  const headers = objectHeaders(obj, ex.ctx.now(), isVersioned(bucket));
  if (answeredByConditions(ex, obj, headers)) return;
  sendHeaders(ex, 200, { ...headersWithOverrides(ex, headers), 'Content-Length': obj.size });
  ex.res.end();
}

export async function getObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const obj = await loadForRead(ex, bucket);
  const now = ex.ctx.now();
  // Archived bytes are offline until restore_object has produced a readable copy.
  if (!isReadable(obj, now)) throw cosErrors.invalidObjectState('The operation is not valid for the object\'s storage class; restore it first.');
  const limit = trafficLimitBytesPerSecond(ex);
  const headers = objectHeaders(obj, now, isVersioned(bucket));
  if (answeredByConditions(ex, obj, headers)) return;

  const range = parseRange(header(ex, 'range'), obj.size);
  if (range === 'unsatisfiable') throw cosErrors.invalidRange(undefined, { 'Content-Range': unsatisfiedContentRange(obj.size) });
  const out = headersWithOverrides(ex, headers);
  const stream = await ex.ctx.store.readObject(bucket.name, obj.key, range);
  if (range) {
    sendHeaders(ex, 206, { ...out, 'Content-Length': range.end - range.start + 1, 'Content-Range': contentRange(range, obj.size) });
  } else {
    sendHeaders(ex, 200, { ...out, 'Content-Length': obj.size });
  }
  await pipeline(stream, bodyThrottle(ex, ex.decision, limit, 'response'), ex.res).catch((err: unknown) => {
    // The client went away or a reset fault fired: nothing more to say on this socket.
    ex.res.destroy(err instanceof Error ? err : undefined);
  });
}

export async function deleteObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const key = ex.target.key!;
  const obj = await ex.ctx.store.headObject(bucket.name, key);
  const versionId = param(ex, 'versionId');
  const headers: Record<string, string> = {};
  // Deleting a version that is not the current one is a no-op here (only current versions are kept).
  if (obj && (versionId === undefined || versionId === '' || versionId === (obj.versionId ?? 'null'))) {
    await ex.ctx.store.deleteObject(bucket.name, key);
    if (versionId) headers['x-cos-version-id'] = versionId;
  }
  sendEmpty(ex, 204, headers);
}
