/** GET Bucket (list_objects) and GET Bucket versions (list_objects_versions). */
import { encodeKeyPath } from '@yunstore/core';
import { listPage } from '../../common/listing.ts';
import { iso8601 } from '../../common/time.ts';
import type { BucketRecord, ObjectRecord } from '../../store/types.ts';
import { cosErrors } from './errors.ts';
import { param, sendXml, type CosExchange } from './exchange.ts';
import { quoteEtag } from './headers.ts';
import type { XmlElement } from './xml.ts';

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

/**
 * Versions listing. The emulator keeps only the current version of each key,
 * so every listed entry is a `Version` with `IsLatest` true and there are no
 * delete markers; the shape and paging are COS's.
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
  const page = await listPage(ex.ctx.store, bucket.name, { prefix, delimiter, marker: keyMarker, maxKeys });
  const last = page.contents[page.contents.length - 1];
  const nextIsKey = page.isTruncated && last !== undefined && page.nextMarker === last.key;
  sendXml(ex, 'ListVersionsResult', {
    Name: bucket.name,
    EncodingType: encodingType,
    Prefix: enc(prefix),
    KeyMarker: enc(keyMarker),
    VersionIdMarker: versionIdMarker,
    MaxKeys: maxKeys,
    Delimiter: delimiter === '' ? undefined : enc(delimiter),
    IsTruncated: page.isTruncated ? 'true' : 'false',
    NextKeyMarker: page.isTruncated && page.nextMarker !== undefined ? enc(page.nextMarker) : undefined,
    NextVersionIdMarker: page.isTruncated ? (nextIsKey ? (last!.versionId ?? 'null') : '') : undefined,
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
    Version: page.contents.map((o) => ({
      Key: enc(o.key),
      VersionId: o.versionId ?? 'null',
      IsLatest: 'true',
      LastModified: iso8601(o.lastModified),
      ETag: quoteEtag(o.etag),
      Size: o.size,
      StorageClass: o.storageClass || 'STANDARD',
      Owner: ownerXml(bucket.owner),
    })),
  });
}
