import { formatNosDate } from '@yunstore/core/sign';
import { evaluateConditions } from '../../common/conditions.ts';
import { parseRange } from '../../common/range.ts';
import type { ObjectRecord } from '../../store/types.ts';
import {
  expectedMd5,
  metaFromHeaders,
  requestStream,
  requireBucket,
  requireKey,
  requireLength,
  sendEmpty,
  sendStream,
  systemHeaders,
  type NosCall,
} from './call.ts';
import { NosError } from './errors.ts';

/**
 * What NOS answers as Content-Type for an object stored without one (the
 * seed's get_object and head_object samples show exactly this value).
 */
export const NOS_DEFAULT_CONTENT_TYPE = 'application/octet-stream;charset=UTF-8';

/** NOS refuses a single PUT over 100 MiB (protocol §7). */
export const MAX_SINGLE_PUT = 100 * 1024 * 1024;

/** The headers GET and HEAD describe an object with. */
export function objectHeaders(o: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': o.contentType || NOS_DEFAULT_CONTENT_TYPE,
    ETag: `"${o.etag}"`,
    // NOS writes Last-Modified in the same Asia/Shanghai spelling as its SDKs' Date (seed: head_object).
    'Last-Modified': formatNosDate(o.lastModified),
    'Accept-Ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(o.headers)) headers[name] = value;
  for (const [name, value] of Object.entries(o.meta)) headers[`x-nos-meta-${name}`] = value;
  return headers;
}

export async function putObject(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const key = requireKey(call);
  const length = requireLength(call);
  if (length > MAX_SINGLE_PUT) throw new NosError(400, 'EntityTooLarge');
  const md5 = expectedMd5(call);
  const record = await call.ctx.store.putObject(bucket.name, key, requestStream(call), {
    contentType: call.req.headers['content-type'] || NOS_DEFAULT_CONTENT_TYPE,
    headers: systemHeaders(call),
    meta: metaFromHeaders(call),
    storageClass: 'Standard',
    ...(md5 ? { expectedMd5: md5 } : {}),
    expectedLength: length,
  });
  sendEmpty(call, { ETag: `"${record.etag}"` });
}

async function existing(call: NosCall): Promise<ObjectRecord> {
  const bucket = await requireBucket(call);
  const record = await call.ctx.store.headObject(bucket.name, requireKey(call));
  if (!record) throw new NosError(404, 'NoSuchKey');
  return record;
}

export async function headObject(call: NosCall): Promise<void> {
  const record = await existing(call);
  const verdict = evaluateConditions(call.req.headers, record);
  if (verdict === 412) throw new NosError(412, 'PreconditionFailed');
  if (verdict === 304) return sendEmpty(call, objectHeaders(record), 304);
  call.res.statusCode = 200;
  call.res.setHeader('x-nos-request-id', call.requestId);
  call.res.setHeader('Server', 'NOS');
  for (const [name, value] of Object.entries(objectHeaders(record))) call.res.setHeader(name, value);
  call.res.setHeader('Content-Length', record.size);
  call.res.end();
}

export async function getObject(call: NosCall): Promise<void> {
  const record = await existing(call);
  const verdict = evaluateConditions(call.req.headers, record);
  if (verdict === 412) throw new NosError(412, 'PreconditionFailed');
  if (verdict === 304) return sendEmpty(call, objectHeaders(record), 304);
  const range = parseRange(call.req.headers.range, record.size);
  if (range === 'unsatisfiable') throw new NosError(416, 'InvalidRange');
  const headers = objectHeaders(record);
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${record.size}`;
    headers['Content-Length'] = String(range.end - range.start + 1);
  } else {
    headers['Content-Length'] = String(record.size);
  }
  const body = await call.ctx.store.readObject(record.bucket, record.key, range);
  await sendStream(call, headers, body, range ? 206 : 200);
}

export async function deleteObject(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const removed = await call.ctx.store.deleteObject(bucket.name, requireKey(call));
  // NOS reports a missing key (as its multi-delete does, seed example) rather than S3's silent 204.
  if (!removed) throw new NosError(404, 'NoSuchKey');
  sendEmpty(call);
}

/** `x-nos-copy-source` / `x-nos-move-source`: `/bucket/encodedKey`. */
export function parseSource(value: string): { bucket: string; key: string } {
  const text = value.startsWith('/') ? value.slice(1) : value;
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw new NosError(400, 'InvalidArgument', 'The source must look like /bucket/key');
  }
  let key: string;
  try {
    key = decodeURIComponent(text.slice(slash + 1));
  } catch {
    throw new NosError(400, 'InvalidArgument', 'The source key is not valid percent-encoding');
  }
  return { bucket: text.slice(0, slash), key };
}

async function sourceRecord(call: NosCall, header: string): Promise<ObjectRecord> {
  const source = parseSource(header);
  const srcBucket = await call.ctx.store.getBucket(source.bucket);
  if (!srcBucket) throw new NosError(404, 'NoSuchBucket', `The source bucket ${source.bucket} does not exist.`);
  if (!call.principal.anonymous && srcBucket.owner !== call.principal.key.owner) throw new NosError(403, 'AccessDenied');
  const record = await call.ctx.store.headObject(source.bucket, source.key);
  if (!record) throw new NosError(404, 'NoSuchKey', 'The source key does not exist.');
  return record;
}

export async function copyObject(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const key = requireKey(call);
  const src = await sourceRecord(call, String(call.req.headers['x-nos-copy-source']));
  const copied = await call.ctx.store.copyObject({ bucket: src.bucket, key: src.key }, { bucket: bucket.name, key });
  sendEmpty(call, { ETag: `"${copied.etag}"` });
}

export async function moveObject(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const key = requireKey(call);
  const src = await sourceRecord(call, String(call.req.headers['x-nos-move-source']));
  // NOS's move is a rename inside one bucket (seed: 桶内部move一个对象).
  if (src.bucket !== bucket.name) {
    throw new NosError(400, 'InvalidArgument', 'Move is only supported within one bucket');
  }
  if (src.key !== key) {
    await call.ctx.store.copyObject({ bucket: src.bucket, key: src.key }, { bucket: bucket.name, key });
    await call.ctx.store.deleteObject(src.bucket, src.key);
  }
  sendEmpty(call);
}
