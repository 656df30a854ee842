/** PUT Object - Copy and the copy-source header shared with Upload Part - Copy. */
import { evaluateConditions } from '../../common/conditions.ts';
import { percentDecode } from '../../common/http.ts';
import { iso8601 } from '../../common/time.ts';
import type { BucketRecord, ObjectRecord, ObjectRef, PutOptions } from '../../store/types.ts';
import { authorize } from './access.ts';
import { cosErrors } from './errors.ts';
import { header, sendXml, type CosExchange } from './exchange.ts';
import { isReadable, putOptionsOf, quoteEtag, storageClassOf } from './headers.ts';
import { isVersioned, versionIdOf } from './object.ts';

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

export interface LoadedSource {
  source: CopySource;
  /** The version copied (the current object unless the header names a version). */
  obj: ObjectRecord;
  bucket: BucketRecord;
  /** Whether `obj` is the key's latest version. */
  isLatest: boolean;
}

/** Resolves the copy source: exists, readable by the caller, not a delete marker, not archived-offline, conditions hold. */
export async function loadCopySource(ex: CosExchange): Promise<LoadedSource> {
  const source = parseCopySource(header(ex, 'x-cos-copy-source') ?? '');
  const bucket = await ex.ctx.store.getBucket(source.bucket);
  if (!bucket) throw cosErrors.noSuchBucket(`The copy source bucket ${source.bucket} does not exist.`);
  const found = await ex.ctx.store.getVersion(source.bucket, source.key, source.versionId);
  const obj = found && !found.deleteMarker ? found.object : undefined;
  authorize(ex.owner, bucket, 'get_object', obj);
  if (!found) throw source.versionId ? cosErrors.noSuchVersion() : cosErrors.noSuchKey('The copy source key does not exist.');
  if (found.deleteMarker) {
    if (source.versionId) throw cosErrors.invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.');
    throw cosErrors.noSuchKey('The copy source key does not exist.');
  }
  if (!isReadable(found.object, ex.ctx.now())) throw cosErrors.invalidObjectState('The copy source is archived; restore it first.');
  if (evaluateConditions(ex.req.headers, found.object, { prefix: 'x-cos-copy-source-' }) !== 200) throw cosErrors.preconditionFailed();
  return { source, obj: found.object, bucket, isLatest: found.isLatest };
}

/** The store's name for the copy source: the exact version when the header names one. */
export function sourceRef(loaded: LoadedSource): ObjectRef {
  const { bucket, key, versionId } = loaded.source;
  return versionId === undefined ? { bucket, key } : { bucket, key, versionId };
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
  const loaded = await loadCopySource(ex);
  const { source, obj: src, bucket: srcBucket } = loaded;
  if (src.extra['objectType'] === 'appendable') throw cosErrors.invalidRequest('Appendable objects cannot be copied.');
  const directive = header(ex, 'x-cos-metadata-directive') ?? 'Copy';
  if (directive !== 'Copy' && directive !== 'Replaced') {
    throw cosErrors.invalidArgument('x-cos-metadata-directive must be Copy or Replaced');
  }
  const storageClass = storageClassOf(ex);
  const key = ex.target.key!;
  // Copying an older version onto its own key is how a version is restored, so only the latest counts as "itself".
  const ontoItself = source.bucket === bucket.name && source.key === key && loaded.isLatest;
  if (directive === 'Copy' && ontoItself && (storageClass ?? src.storageClass) === src.storageClass) {
    throw cosErrors.invalidRequest('This copy request is illegal because it would copy an object onto itself without changing its metadata or storage class.');
  }
  const options = directive === 'Replaced' ? putOptionsOf(ex) : copiedOptions(src, storageClass);
  const obj = await ex.ctx.store.copyObject(sourceRef(loaded), { bucket: bucket.name, key }, options);
  const headers: Record<string, string> = {};
  if (obj.crc64) headers['x-cos-hash-crc64ecma'] = obj.crc64;
  if (isVersioned(srcBucket) || source.versionId) headers['x-cos-copy-source-version-id'] = versionIdOf(src);
  if (isVersioned(bucket)) headers['x-cos-version-id'] = versionIdOf(obj);
  sendXml(
    ex,
    'CopyObjectResult',
    {
      ETag: quoteEtag(obj.etag),
      LastModified: iso8601(obj.lastModified),
      CRC64: obj.crc64 || undefined,
      VersionId: isVersioned(bucket) ? versionIdOf(obj) : undefined,
    },
    headers,
  );
}
