/** Object operations: put, get, head, delete, copy, object ACL. */
import { pipeline } from 'node:stream';
import { evaluateConditions } from '../../common/conditions.ts';
import { percentDecode } from '../../common/http.ts';
import { contentRange, parseRange, unsatisfiedContentRange } from '../../common/range.ts';
import { RESPONSE_OVERRIDE_PARAMS } from '../../common/response-overrides.ts';
import type { BucketRecord, ObjectRecord, PutOptions } from '../../store/types.ts';
import { incomingBody, storedContentEncoding } from './body.ts';
import { requestedAcl, sendAcl } from './bucket.ts';
import { bucketName, cannedAcl, objectKey, requireBucket, storageClass, systemHeaders, userMeta, type Op } from './context.ts';
import { errors, OosError } from './errors.ts';
import { expirationHeader } from './expiration.ts';
import { objectHeaders, quoteEtag, sendEmpty, sendXml, xmlTime } from './respond.ts';

/** OOS: at most 2 KB of user metadata per object (seed 2.3.1). */
const MAX_META_BYTES = 2048;

/** Put options from the request headers (put, copy REPLACE, initiate multipart). */
export function putOptions(op: Op): PutOptions {
  const meta = userMeta(op.headers);
  const metaBytes = Object.entries(meta).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (metaBytes > MAX_META_BYTES) throw new OosError(400, 'MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.');
  const headers = systemHeaders(op.headers);
  const encoding = storedContentEncoding(op.headers);
  if (encoding === undefined) delete headers['content-encoding'];
  else headers['content-encoding'] = encoding;
  const options: PutOptions = {
    contentType: op.headers['content-type'] ?? 'binary/octet-stream',
    headers,
    meta,
    storageClass: storageClass(op.headers),
  };
  const acl = cannedAcl(op.headers);
  if (acl !== undefined) options.extra = { acl };
  return options;
}

export async function putObject(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'write');
  const options = putOptions(op);
  const { body, ...checks } = incomingBody(op);
  const record = await op.ctx.store.putObject(bucketName(op), objectKey(op), body, { ...options, ...checks });
  op.reply.res.setHeader('ETag', quoteEtag(record.etag));
  setExpiration(op, bucket, record);
  sendEmpty(op.reply);
}

/** `x-amz-expiration` when a lifecycle rule of the bucket applies to the object. */
function setExpiration(op: Op, bucket: BucketRecord, obj: ObjectRecord): void {
  const expiration = expirationHeader(bucket, obj);
  if (expiration !== undefined) op.reply.res.setHeader('x-amz-expiration', expiration);
}

async function existing(op: Op): Promise<ObjectRecord> {
  return (await existingWithBucket(op)).obj;
}

async function existingWithBucket(op: Op): Promise<{ bucket: BucketRecord; obj: ObjectRecord }> {
  const bucket = await requireBucket(op, 'read');
  const obj = await op.ctx.store.headObject(bucketName(op), objectKey(op));
  if (!obj) throw errors.noSuchKey();
  return { bucket, obj };
}

/** GET and HEAD object: conditions, a single Range, `response-*` overrides. */
export async function getObject(op: Op): Promise<void> {
  const { bucket, obj } = await existingWithBucket(op);
  const { res } = op.reply;
  const verdict = evaluateConditions(op.req.headers, obj);
  if (verdict === 412) throw errors.preconditionFailed();
  objectHeaders(res, obj);
  setExpiration(op, bucket, obj);
  if (verdict === 304) {
    res.removeHeader('Content-Type');
    res.statusCode = 304;
    res.end();
    return;
  }
  for (const [param, header] of RESPONSE_OVERRIDE_PARAMS) {
    const value = op.target.query.get(param);
    if (value !== null) res.setHeader(header, value);
  }
  const range = parseRange(op.headers['range'], obj.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', unsatisfiedContentRange(obj.size));
    throw errors.invalidRange();
  }
  if (range) {
    res.statusCode = 206;
    res.setHeader('Content-Range', contentRange(range, obj.size));
    res.setHeader('Content-Length', range.end - range.start + 1);
  } else {
    res.statusCode = 200;
    res.setHeader('Content-Length', obj.size);
  }
  if (op.reply.isHead) {
    res.end();
    return;
  }
  const stream = await op.ctx.store.readObject(obj.bucket, obj.key, range ?? undefined);
  await new Promise<void>((resolve) => {
    pipeline(stream, op.ctx.faults.throttle(op.fault, res), res, () => resolve());
  });
}

export async function deleteObject(op: Op): Promise<void> {
  await requireBucket(op, 'write');
  await op.ctx.store.deleteObject(bucketName(op), objectKey(op));
  sendEmpty(op.reply, 204);
}

/** `x-amz-copy-source`: `[/]bucket/url-encoded-key[?versionId=...]`. */
export function parseCopySource(value: string | undefined): { bucket: string; key: string } {
  if (value === undefined) throw errors.invalidArgument('x-amz-copy-source is required');
  const raw = value.trim().replace(/^\//, '').split('?')[0]!;
  const slash = raw.indexOf('/');
  if (slash <= 0 || slash === raw.length - 1)
    throw new OosError(400, 'InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey');
  return { bucket: percentDecode(raw.slice(0, slash)), key: percentDecode(raw.slice(slash + 1)) };
}

/** Loads the copy source, checking read access to its bucket and the copy-source conditions. */
export async function copySource(op: Op): Promise<ObjectRecord> {
  const src = parseCopySource(op.headers['x-amz-copy-source']);
  const bucket = await op.ctx.store.getBucket(src.bucket);
  if (!bucket) throw errors.noSuchBucket();
  const owner = op.caller?.key.owner;
  if (owner !== bucket.owner && bucket.acl === 'private') throw errors.accessDenied();
  const obj = await op.ctx.store.headObject(src.bucket, src.key);
  if (!obj) throw errors.noSuchKey();
  if (evaluateConditions(op.req.headers, obj, { prefix: 'x-amz-copy-source-' }) !== 200) throw errors.preconditionFailed();
  return obj;
}

export async function copyObject(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'write');
  const src = await copySource(op);
  const directive = (op.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') throw errors.invalidArgument(`Unknown metadata directive: ${directive}`);
  const dst = { bucket: bucketName(op), key: objectKey(op) };
  let options: PutOptions | undefined;
  if (directive === 'REPLACE') {
    options = putOptions(op);
  } else if (op.headers['x-amz-storage-class'] !== undefined) {
    options = { contentType: src.contentType, headers: src.headers, meta: src.meta, storageClass: storageClass(op.headers) };
  }
  const sameObject = src.bucket === dst.bucket && src.key === dst.key;
  if (sameObject && directive === 'COPY' && (options === undefined || options.storageClass === src.storageClass)) {
    throw new OosError(
      400,
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const record = await op.ctx.store.copyObject({ bucket: src.bucket, key: src.key }, dst, options);
  setExpiration(op, bucket, record);
  sendXml(op.reply, 'CopyObjectResult', { LastModified: xmlTime(record.lastModified), ETag: quoteEtag(record.etag) });
}

export async function getObjectAcl(op: Op): Promise<void> {
  const obj = await existing(op);
  const bucket = await op.ctx.store.getBucket(obj.bucket);
  const acl = typeof obj.extra['acl'] === 'string' ? obj.extra['acl'] : 'private';
  sendAcl(op, bucket?.owner ?? '', acl);
}

export async function putObjectAcl(op: Op): Promise<void> {
  const obj = await existing(op);
  const acl = await requestedAcl(op);
  await op.ctx.store.updateObject(obj.bucket, obj.key, { extra: { ...obj.extra, acl } });
  sendEmpty(op.reply);
}
