/** Object operations: put, get (ranges, conditions, response overrides), head, delete, copy. */
import { pipeline } from 'node:stream/promises';
import { evaluateConditions } from '../../common/conditions.ts';
import { contentRange, parseRange, unsatisfiedContentRange } from '../../common/range.ts';
import { percentDecode } from '../../common/http.ts';
import type { ObjectRecord, PutOptions } from '../../store/types.ts';
import { BosError, bosErrors } from './errors.ts';
import { bosTime, objectHeaders, sendEmpty, sendJson } from './respond.ts';
import { bucketFor, checkMetaSize, header, param, requestBody, userMeta, type BosCall } from './call.ts';

/** 5 GiB: the most one PUT (object or part) may carry. */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;
const MAX_KEY_BYTES = 1023;

/** `?responseContentType=...` → `Content-Type` on GET (BOS's camelCase names). */
const RESPONSE_OVERRIDES: Array<[string, string]> = [
  ['responseContentType', 'Content-Type'],
  ['responseContentDisposition', 'Content-Disposition'],
  ['responseContentLanguage', 'Content-Language'],
  ['responseContentEncoding', 'Content-Encoding'],
  ['responseCacheControl', 'Cache-Control'],
  ['responseExpires', 'Expires'],
];
/** System headers kept with the object and replayed on GET/HEAD. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];

export function requireKey(call: BosCall): string {
  const key = call.key;
  if (key === undefined || key === '') throw new BosError(400, 'InvalidObjectName');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new BosError(400, 'InvalidObjectName', 'Your object key is too long.');
  return key;
}

/** Base64 `Content-MD5` → hex, as the store compares; malformed digests are refused up front. */
export function expectedMd5(call: BosCall): string | undefined {
  const value = header(call, 'content-md5');
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16) throw new BosError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
  return bytes.toString('hex');
}

/** `Content-Length`, required on writes; 5 GiB at most. */
export function declaredLength(call: BosCall): number {
  const raw = header(call, 'content-length');
  if (raw === undefined) {
    if (header(call, 'transfer-encoding') !== undefined) throw new BosError(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
    return 0;
  }
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw bosErrors.invalidArgument('Invalid Content-Length.');
  if (n > MAX_PUT_BYTES) throw new BosError(400, 'EntityTooLarge');
  return n;
}

/** Content type, stored system headers, user metadata and storage class a write (or initiate) carries. */
export function writeOptions(call: BosCall): PutOptions {
  const meta = userMeta(call);
  checkMetaSize(meta);
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const v = header(call, name);
    if (v !== undefined) headers[name] = v;
  }
  return {
    contentType: header(call, 'content-type') ?? 'application/octet-stream',
    headers,
    meta,
    storageClass: header(call, 'x-bce-storage-class') ?? 'STANDARD',
  };
}

export async function putObject(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  const length = declaredLength(call);
  const md5 = expectedMd5(call);
  const options: PutOptions = { ...writeOptions(call), expectedLength: length };
  if (md5 !== undefined) options.expectedMd5 = md5;
  const record = await call.ctx.store.putObject(bucket.name, key, requestBody(call), options);
  call.res.setHeader('ETag', `"${record.etag}"`);
  sendEmpty(call.res);
}

export async function existing(call: BosCall, bucket: string, key: string): Promise<ObjectRecord> {
  const obj = await call.ctx.store.headObject(bucket, key);
  if (!obj) throw bosErrors.noSuchKey();
  return obj;
}

/** GET and HEAD object. */
export async function getObject(call: BosCall, withBody: boolean): Promise<void> {
  const bucket = await bucketFor(call, 'READ');
  const key = requireKey(call);
  const obj = await existing(call, bucket.name, key);
  const verdict = evaluateConditions(call.req.headers, obj);
  if (verdict === 412) throw new BosError(412, 'PreconditionFailed');
  objectHeaders(call.res, obj);
  if (verdict === 304) {
    call.res.statusCode = 304;
    call.res.end();
    return;
  }
  for (const [name, target] of RESPONSE_OVERRIDES) {
    const v = param(call, name);
    if (v !== undefined && withBody) call.res.setHeader(target, v);
  }
  const range = withBody ? parseRange(header(call, 'range'), obj.size) : undefined;
  if (range === 'unsatisfiable') {
    call.res.setHeader('Content-Range', unsatisfiedContentRange(obj.size));
    throw new BosError(416, 'InvalidRange');
  }
  if (!withBody) {
    call.res.statusCode = 200;
    call.res.setHeader('Content-Length', obj.size);
    call.res.end();
    return;
  }
  const stream = await call.ctx.store.readObject(bucket.name, key, range);
  call.res.statusCode = range ? 206 : 200;
  call.res.setHeader('Content-Length', range ? range.end - range.start + 1 : obj.size);
  if (range) call.res.setHeader('Content-Range', contentRange(range, obj.size));
  await pipeline(stream, call.ctx.faults.throttle(call.fault, call.res), call.res);
}

export async function deleteObject(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  if (!(await call.ctx.store.deleteObject(bucket.name, key))) throw bosErrors.noSuchKey();
  sendEmpty(call.res, 204);
}

/** `x-bce-copy-source: /bucket/key` (UriEncodeExceptSlash) → its parts. */
export function parseCopySource(value: string): { bucket: string; key: string } {
  const decoded = percentDecode(value);
  const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw bosErrors.invalidArgument('Invalid x-bce-copy-source.');
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

/** PUT with `x-bce-copy-source`: answered with JSON `{lastModified, eTag}`. */
export async function copyObject(call: BosCall, source: string): Promise<void> {
  const src = parseCopySource(source);
  const srcBucket = await bucketFor({ ...call, bucket: src.bucket }, 'READ');
  const target = await bucketFor(call, 'WRITE');
  const key = requireKey(call);
  const obj = await existing(call, srcBucket.name, src.key);
  const verdict = evaluateConditions(call.req.headers, obj, { prefix: 'x-bce-copy-source-' });
  if (verdict !== 200) throw new BosError(412, 'PreconditionFailed');
  const directive = (header(call, 'x-bce-metadata-directive') ?? 'copy').toLowerCase();
  if (directive !== 'copy' && directive !== 'replace') {
    throw bosErrors.invalidArgument('x-bce-metadata-directive must be copy or replace.');
  }
  const options = directive === 'replace' ? writeOptions(call) : undefined;
  if (obj.size > MAX_PUT_BYTES) throw new BosError(400, 'EntityTooLarge');
  const record = await call.ctx.store.copyObject({ bucket: srcBucket.name, key: src.key }, { bucket: target.name, key }, options);
  sendJson(call.res, 200, { lastModified: bosTime(record.lastModified), eTag: record.etag });
}
