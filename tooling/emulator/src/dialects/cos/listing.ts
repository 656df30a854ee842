/** GET Bucket (list_objects) and GET Bucket versions (list_objects_versions). */
import { encodeKeyPath } from '@yunstore/core';
import { listPage } from '../../common/listing.ts';
import { iso8601 } from '../../common/time.ts';
import type { BucketRecord, ObjectRecord, VersionRecord } from '../../store/types.ts';
import { cosErrors } from './errors.ts';
import { param, sendXml, type CosExchange } from './exchange.ts';
import { quoteEtag } from './headers.ts';
import { SEQUENCE, type XmlElement } from './xml.ts';

export const MAX_KEYS = 1000;

/** `max-keys` / `max-uploads` / `max-parts`: default and cap 1000. */
export function maxOf(ex: CosExchange, name: string): number {
  const raw = param(ex, name);
  if (raw === undefined || raw === '') return MAX_KEYS;
  if (!/^\d+$/.test(raw)) throw cosErrors.invalidArgument(`${name} must be a non-negative integer`);
  return Math.min(Number(raw), MAX_KEYS);
}

/**
 * `encoding-type=url`: keys and prefixes come back percent-encoded (UTF-8,
 * `/` kept) so that control characters survive XML; callers decode.
 */
export function encoderOf(ex: CosExchange): { encodingType: string | undefined; enc: (s: string) => string } {
  const encodingType = param(ex, 'encoding-type');
  if (encodingType === undefined || encodingType === '') return { encodingType: undefined, enc: (s) => s };
  if (encodingType !== 'url') throw cosErrors.invalidArgument('encoding-type must be url');
  return { encodingType, enc: encodeKeyPath };
}

function ownerXml(owner: string): XmlElement {
  return { ID: owner, DisplayName: owner };
}

function contentsXml(obj: ObjectRecord, owner: string, enc: (s: string) => string): XmlElement {
  return {
    Key: enc(obj.key),
    LastModified: iso8601(obj.lastModified),
    ETag: quoteEtag(obj.etag),
    Size: obj.size,
    Owner: ownerXml(owner),
    StorageClass: obj.storageClass || 'STANDARD',
  };
}

export async function listObjects(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const { encodingType, enc } = encoderOf(ex);
  const prefix = param(ex, 'prefix') ?? '';
  const delimiter = param(ex, 'delimiter') ?? '';
  const marker = param(ex, 'marker') ?? '';
  const maxKeys = maxOf(ex, 'max-keys');
  const page = await listPage(ex.ctx.store, bucket.name, { prefix, delimiter, marker, maxKeys });
  sendXml(ex, 'ListBucketResult', {
    Name: bucket.name,
    EncodingType: encodingType,
    Prefix: enc(prefix),
    Marker: enc(marker),
    MaxKeys: maxKeys,
    Delimiter: delimiter === '' ? undefined : enc(delimiter),
    IsTruncated: page.isTruncated ? 'true' : 'false',
    NextMarker: page.isTruncated && page.nextMarker !== undefined ? enc(page.nextMarker) : undefined,
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
    Contents: page.contents.map((o) => contentsXml(o, bucket.owner, enc)),
  });
}

/** One `Version` or `DeleteMarker` element of a versions listing. */
function versionXml(v: VersionRecord, owner: string, enc: (s: string) => string): XmlElement {
  if (v.deleteMarker) {
    const m = v.marker;
    return {
      DeleteMarker: { Key: enc(m.key), VersionId: m.versionId, IsLatest: String(v.isLatest), LastModified: iso8601(m.lastModified), Owner: ownerXml(owner) },
    };
  }
  const o = v.object;
  return {
    Version: {
      Key: enc(o.key),
      VersionId: o.versionId ?? 'null',
      IsLatest: String(v.isLatest),
      LastModified: iso8601(o.lastModified),
      ETag: quoteEtag(o.etag),
      Size: o.size,
      StorageClass: o.storageClass || 'STANDARD',
      Owner: ownerXml(owner),
    },
  };
}

/**
 * GET /?versions: every version and delete marker, key order then newest
 * first, interleaved as COS sends them. Objects of a never-versioned bucket
 * are listed as their 'null' version. A page may stop inside a key; the next
 * one resumes from NextKeyMarker + NextVersionIdMarker.
 */
export async function listObjectsVersions(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const { encodingType, enc } = encoderOf(ex);
  const prefix = param(ex, 'prefix') ?? '';
  const delimiter = param(ex, 'delimiter') ?? '';
  const keyMarker = param(ex, 'key-marker') ?? '';
  const versionIdMarker = param(ex, 'version-id-marker') ?? '';
  if (versionIdMarker !== '' && keyMarker === '') {
    throw cosErrors.invalidArgument('version-id-marker cannot be given without key-marker');
  }
  const maxKeys = maxOf(ex, 'max-keys');
  const page = await ex.ctx.store.listVersions(bucket.name, { prefix, delimiter, keyMarker, versionIdMarker, maxKeys });
  sendXml(ex, 'ListVersionsResult', {
    Name: bucket.name,
    EncodingType: encodingType,
    Prefix: enc(prefix),
    KeyMarker: enc(keyMarker),
    VersionIdMarker: versionIdMarker,
    MaxKeys: maxKeys,
    Delimiter: delimiter === '' ? undefined : enc(delimiter),
    IsTruncated: page.isTruncated ? 'true' : 'false',
    NextKeyMarker: page.isTruncated && page.nextKeyMarker !== undefined ? enc(page.nextKeyMarker) : undefined,
    NextVersionIdMarker: page.isTruncated ? (page.nextVersionIdMarker ?? '') : undefined,
    [SEQUENCE]: page.entries.map((v) => versionXml(v, bucket.owner, enc)),
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
  });
}
