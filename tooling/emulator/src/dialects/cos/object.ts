/** Single objects: put, get, head, delete. */
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { evaluateConditions } from '../../common/conditions.ts';
import { contentRange, parseRange, unsatisfiedContentRange } from '../../common/range.ts';
import { RESPONSE_OVERRIDE_PARAMS } from '../../common/response-overrides.ts';
import { rfc1123 } from '../../common/time.ts';
import type { BucketRecord, ByteRange, ObjectRecord } from '../../store/types.ts';
import { authorize } from './access.ts';
import { cosErrors } from './errors.ts';
import { header, param, sendEmpty, sendHeaders, type CosExchange } from './exchange.ts';
import { expectedLength, expectedMd5, isReadable, objectHeaders, putOptionsOf, quoteEtag } from './headers.ts';
import { bodyThrottle, trafficLimitBytesPerSecond } from './traffic.ts';

/** Largest single PUT COS accepts (5 GB). */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;

/**
 * The request body, throttled by faults and `x-cos-traffic-limit`. A
 * `resetAfterBytes` fault resets the upload's connection after that many
 * request-body bytes, as the README promises for every dialect.
 */
export function requestBody(ex: CosExchange): Readable {
  const limit = trafficLimitBytesPerSecond(ex);
  return ex.req.pipe(bodyThrottle(ex, ex.decision, limit, 'request'));
}

export function isVersioned(bucket: BucketRecord): boolean {
  return bucket.versioning === 'Enabled' || bucket.versioning === 'Suspended';
}

/** The id COS reports for a record; objects written before versioning was turned on are the 'null' version. */
export function versionIdOf(obj: ObjectRecord): string {
  return obj.versionId ?? 'null';
}

/** Headers every write answer carries: ETag, CRC-64, version id (versioned buckets; the store assigned it). */
export function writeHeaders(bucket: BucketRecord, obj: ObjectRecord): Record<string, string> {
  const h: Record<string, string> = { ETag: quoteEtag(obj.etag) };
  if (obj.crc64) h['x-cos-hash-crc64ecma'] = obj.crc64;
  if (isVersioned(bucket)) h['x-cos-version-id'] = versionIdOf(obj);
  return h;
}

export async function putObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const options = putOptionsOf(ex);
  const md5 = expectedMd5(ex);
  const length = expectedLength(ex);
  if (length !== undefined && length > MAX_PUT_SIZE) throw cosErrors.entityTooLarge();
  if (md5 !== undefined) options.expectedMd5 = md5;
  if (length !== undefined) options.expectedLength = length;
  // A BadDigest or IncompleteBody from the store reaches the pipeline, which answers it in COS's words.
  const obj = await ex.ctx.store.putObject(bucket.name, ex.target.key!, requestBody(ex), options);
  sendEmpty(ex, 200, writeHeaders(bucket, obj));
}

/** The `versionId` query parameter; absent and empty both mean "the current object". */
export function versionParam(ex: CosExchange): string | undefined {
  const v = param(ex, 'versionId');
  return v === undefined || v === '' ? undefined : v;
}

/**
 * The object a request names: the current one, or the `versionId` one.
 * Not there: NoSuchKey / NoSuchVersion; the latest version a delete marker:
 * 404 NoSuchKey; `versionId` naming a delete marker: 405 MethodNotAllowed.
 * Both delete-marker answers carry `x-cos-delete-marker: true` and the
 * marker's `x-cos-version-id`, as S3 does. `beforeMissing` runs before any
 * not-found answer (so a caller without access learns nothing).
 */
export async function resolveObject(ex: CosExchange, bucket: BucketRecord, beforeMissing: () => void = () => undefined): Promise<ObjectRecord> {
  const versionId = versionParam(ex);
  const found = await ex.ctx.store.getVersion(bucket.name, ex.target.key!, versionId);
  if (found && !found.deleteMarker) return found.object;
  beforeMissing();
  if (!found) throw versionId === undefined ? cosErrors.noSuchKey() : cosErrors.noSuchVersion();
  const headers = {
    'x-cos-delete-marker': 'true',
    'x-cos-version-id': found.marker.versionId,
    'Last-Modified': rfc1123(found.marker.lastModified),
  };
  if (versionId === undefined) throw cosErrors.noSuchKey(undefined, headers);
  throw cosErrors.methodNotAllowed('The specified version is a delete marker.', headers);
}

/** The object a GET/HEAD/select names, honouring `versionId`; throws NoSuchKey / NoSuchVersion / AccessDenied. */
export async function loadForRead(ex: CosExchange, bucket: BucketRecord): Promise<ObjectRecord> {
  const obj = await resolveObject(ex, bucket, () => authorize(ex.owner, bucket, ex.op));
  authorize(ex.owner, bucket, ex.op, obj);
  return obj;
}

/** The bytes of exactly the version `obj` describes (the current object in a never-versioned bucket). */
export function readBytes(ex: CosExchange, bucket: BucketRecord, obj: ObjectRecord, range?: ByteRange): Promise<Readable> {
  if (!isVersioned(bucket) && versionParam(ex) === undefined) return ex.ctx.store.readObject(bucket.name, obj.key, range);
  return ex.ctx.store.readVersion(bucket.name, obj.key, versionIdOf(obj), range);
}

/** Object headers with the `response-*` query overrides applied (names replaced case-insensitively). */
function headersWithOverrides(ex: CosExchange, base: Record<string, string>): Record<string, string> {
  const h = { ...base };
  for (const [q, name] of RESPONSE_OVERRIDE_PARAMS) {
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
  if (!isReadable(obj, now)) throw cosErrors.invalidObjectState("The operation is not valid for the object's storage class; restore it first.");
  const limit = trafficLimitBytesPerSecond(ex);
  const headers = objectHeaders(obj, now, isVersioned(bucket));
  if (answeredByConditions(ex, obj, headers)) return;

  const range = parseRange(header(ex, 'range'), obj.size);
  if (range === 'unsatisfiable') throw cosErrors.invalidRange(undefined, { 'Content-Range': unsatisfiedContentRange(obj.size) });
  const out = headersWithOverrides(ex, headers);
  const stream = await readBytes(ex, bucket, obj, range);
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

/**
 * DELETE Object. With `versionId`: that version (object or delete marker) is
 * gone for good. Without, in a versioned bucket: a delete marker goes on top
 * (its id in `x-cos-version-id`). 204 either way, also when nothing was there.
 */
export async function deleteObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const versionId = versionParam(ex);
  const result = await ex.ctx.store.removeObject(bucket.name, ex.target.key!, versionId);
  const headers: Record<string, string> = {};
  if (result.versionId !== undefined && (versionId !== undefined || isVersioned(bucket))) headers['x-cos-version-id'] = result.versionId;
  if (result.deleteMarker) headers['x-cos-delete-marker'] = 'true';
  sendEmpty(ex, 204, headers);
}
