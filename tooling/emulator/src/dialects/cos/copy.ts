/** PUT Object - Copy and the copy-source header shared with Upload Part - Copy. */
import { evaluateConditions } from '../../common/conditions.ts';
import { percentDecode } from '../../common/http.ts';
import { iso8601 } from '../../common/time.ts';
import type { BucketRecord, ObjectRecord, PutOptions } from '../../store/types.ts';
import { authorize } from './access.ts';
import { cosErrors } from './errors.ts';
import { header, sendXml, type CosExchange } from './exchange.ts';
import { isReadable, putOptionsOf, quoteEtag, storageClassOf } from './headers.ts';
import { isVersioned, stampVersion, storeWrite } from './object.ts';

export interface CopySource {
  bucket: string;
  key: string;
  versionId?: string;
}

/**
 * `x-cos-copy-source`: `<bucket>.cos.<region>.myqcloud.com/<encoded key>[?versionId=<id>]`.
 * Any host whose first label is the bucket is accepted (the emulator's own
 * suffixes included), as is the S3-like `/<bucket>/<key>`.
 */
export function parseCopySource(value: string): CopySource {
  let rest = value.trim();
  let versionId: string | undefined;
  const q = rest.indexOf('?versionId=');
  if (q >= 0) {
    versionId = percentDecode(rest.slice(q + '?versionId='.length));
    rest = rest.slice(0, q);
  }
  rest = rest.replace(/^https?:\/\//, '');
  let bucket: string;
  let encodedKey: string;
  if (rest.startsWith('/')) {
    const slash = rest.indexOf('/', 1);
    bucket = slash < 0 ? rest.slice(1) : rest.slice(1, slash);
    encodedKey = slash < 0 ? '' : rest.slice(slash + 1);
  } else {
    const slash = rest.indexOf('/');
    if (slash < 0) throw cosErrors.invalidArgument('x-cos-copy-source must be <bucket host>/<key>');
    bucket = rest.slice(0, slash).split('.')[0] ?? '';
    encodedKey = rest.slice(slash + 1);
  }
  const key = percentDecode(encodedKey);
  if (!bucket || !key) throw cosErrors.invalidArgument('x-cos-copy-source must name a bucket and a key');
  return versionId ? { bucket, key, versionId } : { bucket, key };
}

/** Resolves the copy source: exists, readable by the caller, not archived-offline, conditions hold. */
export async function loadCopySource(ex: CosExchange): Promise<{ source: CopySource; obj: ObjectRecord; bucket: BucketRecord }> {
  const source = parseCopySource(header(ex, 'x-cos-copy-source') ?? '');
  const bucket = await ex.ctx.store.getBucket(source.bucket);
  if (!bucket) throw cosErrors.noSuchBucket(`The copy source bucket ${source.bucket} does not exist.`);
  const obj = await ex.ctx.store.headObject(source.bucket, source.key);
  authorize(ex.owner, bucket, 'get_object', obj);
  if (!obj) throw cosErrors.noSuchKey('The copy source key does not exist.');
  if (source.versionId && source.versionId !== (obj.versionId ?? 'null')) throw cosErrors.noSuchVersion();
  if (!isReadable(obj, ex.ctx.now())) throw cosErrors.invalidObjectState('The copy source is archived; restore it first.');
  if (evaluateConditions(ex.req.headers, obj, { prefix: 'x-cos-copy-source-' }) !== 200) throw cosErrors.preconditionFailed();
  return { source, obj, bucket };
}

/** The options of a `Copy` (keep metadata) copy: the source's, with an optional new storage class. */
function copiedOptions(obj: ObjectRecord, storageClass: string | undefined): PutOptions {
  return {
    contentType: obj.contentType,
    headers: { ...obj.headers },
    meta: { ...obj.meta },
    storageClass: storageClass ?? obj.storageClass,
    extra: { objectType: 'normal', ...(obj.extra['sse'] ? { sse: obj.extra['sse'] } : {}) },
  };
}

export async function copyObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const { source, obj: src, bucket: srcBucket } = await loadCopySource(ex);
  if (src.extra['objectType'] === 'appendable') throw cosErrors.invalidRequest('Appendable objects cannot be copied.');
  const directive = header(ex, 'x-cos-metadata-directive') ?? 'Copy';
  if (directive !== 'Copy' && directive !== 'Replaced') {
    throw cosErrors.invalidArgument('x-cos-metadata-directive must be Copy or Replaced');
  }
  const storageClass = storageClassOf(ex);
  const key = ex.target.key!;
  if (directive === 'Copy' && source.bucket === bucket.name && source.key === key && (storageClass ?? src.storageClass) === src.storageClass) {
    throw cosErrors.invalidRequest('This copy request is illegal because it would copy an object onto itself without changing its metadata or storage class.');
  }
  const options = directive === 'Replaced' ? putOptionsOf(ex) : copiedOptions(src, storageClass);
  const copied = await storeWrite(() => ex.ctx.store.copyObject({ bucket: source.bucket, key: source.key }, { bucket: bucket.name, key }, options));
  const obj = await stampVersion(ex, bucket, copied);
  const headers: Record<string, string> = {};
  if (obj.crc64) headers['x-cos-hash-crc64ecma'] = obj.crc64;
  if (isVersioned(srcBucket) && src.versionId) headers['x-cos-copy-source-version-id'] = src.versionId;
  if (isVersioned(bucket) && obj.versionId) headers['x-cos-version-id'] = obj.versionId;
  sendXml(
    ex,
    'CopyObjectResult',
    {
      ETag: quoteEtag(obj.etag),
      LastModified: iso8601(obj.lastModified),
      CRC64: obj.crc64 || undefined,
      VersionId: isVersioned(bucket) ? obj.versionId : undefined,
    },
    headers,
  );
}
