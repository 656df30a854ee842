import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { describe, optionalInt } from '../validate.ts';
import { decodeListing, parseCosXml, type CosXmlDict } from '../xml-shape.ts';
import { bucketOf, pushQuery, signalSpec, type BucketParams } from './params.ts';

interface ListingCommon extends BucketParams {
  Prefix?: string;
  Delimiter?: string;
  /** `'url'` returns keys and prefixes still URL-encoded (otherwise we decode them for you). */
  EncodingType?: string;
}

export interface ListObjectsParams extends ListingCommon {
  Marker?: string;
  /** 1..1000, default 1000. */
  MaxKeys?: number | string;
}
export interface ListObjectsVersionsParams extends ListingCommon {
  KeyMarker?: string;
  VersionIdMarker?: string;
  MaxKeys?: number | string;
}
export interface ListMultipartUploadsParams extends ListingCommon {
  KeyMarker?: string;
  UploadIdMarker?: string;
  MaxUploads?: number | string;
}

/** `{ID, DisplayName}` of an object's or upload's owner. */
export type ListingOwner = { ID: string; DisplayName?: string | null };

/** One `Contents` entry of list_objects: every value a string, as the seed shows. */
export type ObjectSummary = {
  Key: string;
  LastModified: string;
  /** Quoted MD5 (or multipart ETag), e.g. `'"d41d8cd98f00b204e9800998ecf8427e"'`. */
  ETag: string;
  /** Bytes, as a string (`'1024'`). */
  Size: string;
  StorageClass?: string;
  Owner?: ListingOwner;
};

/** One `CommonPrefixes` entry: a "directory" under `Delimiter`. */
export type CommonPrefix = { Prefix: string };

/**
 * ListBucketResult: strings everywhere (`'IsTruncated': 'false'`), `Contents`
 * and `CommonPrefixes` always lists when present. An empty element (a
 * `Prefix` or `Marker` that was not set) is `null`, Python's `None`.
 */
export type ListObjectsResponse = {
  Name: string;
  Prefix?: string | null;
  Delimiter?: string | null;
  Marker?: string | null;
  /** The key to pass as `Marker` for the next page (present when `IsTruncated` is `'true'` and `Delimiter` is set). */
  NextMarker?: string;
  MaxKeys: string;
  IsTruncated: 'true' | 'false';
  EncodingType?: string | null;
  Contents?: ObjectSummary[];
  CommonPrefixes?: CommonPrefix[];
};

/** One `Version` or `DeleteMarker` entry of list_objects_versions. */
export type ObjectVersion = {
  Key: string;
  VersionId: string;
  IsLatest: 'true' | 'false';
  LastModified: string;
  /** Absent on delete markers. */
  ETag?: string;
  Size?: string;
  StorageClass?: string;
  Owner?: ListingOwner;
};

/** ListVersionsResult; `Version`, `DeleteMarker`, `CommonPrefixes` always lists when present. */
export type ListObjectsVersionsResponse = {
  Name: string;
  Prefix?: string | null;
  Delimiter?: string | null;
  KeyMarker?: string | null;
  VersionIdMarker?: string | null;
  NextKeyMarker?: string;
  NextVersionIdMarker?: string;
  MaxKeys: string;
  IsTruncated: 'true' | 'false';
  EncodingType?: string | null;
  Version?: ObjectVersion[];
  DeleteMarker?: ObjectVersion[];
  CommonPrefixes?: CommonPrefix[];
};

/** One `Upload` entry of list_multipart_uploads. */
export type MultipartUploadSummary = {
  Key: string;
  UploadId: string;
  Initiated: string;
  StorageClass?: string;
  Initiator?: ListingOwner;
  Owner?: ListingOwner;
};

/** ListMultipartUploadsResult; `Upload` and `CommonPrefixes` always lists when present. */
export type ListMultipartUploadsResponse = {
  Bucket: string;
  Prefix?: string | null;
  Delimiter?: string | null;
  KeyMarker?: string | null;
  UploadIdMarker?: string | null;
  NextKeyMarker?: string | null;
  NextUploadIdMarker?: string | null;
  MaxUploads: string;
  IsTruncated: 'true' | 'false';
  EncodingType?: string | null;
  Upload?: MultipartUploadSummary[];
  CommonPrefixes?: CommonPrefix[];
};

/**
 * The Python SDK always asks for `encoding-type=url` and decodes the answer
 * unless the caller asked for `'url'` itself. We decode only when the server
 * says it encoded (`<EncodingType>url</EncodingType>`), so a server that
 * ignores the parameter cannot make us mangle keys containing `%`.
 */
function finish(params: Record<string, unknown>, dict: CosXmlDict, top: string[], nested: Array<[string, string]>): CosXmlDict {
  if (params['EncodingType'] !== 'url' && dict['EncodingType'] === 'url') decodeListing(dict, top, nested);
  return dict;
}

/** The Python SDK accepts only `'url'` (or nothing): any other value raises CosClientError before sending. */
export function checkEncodingType(params: Record<string, unknown>): void {
  const value = params['EncodingType'];
  if (value === undefined || value === null || value === '' || value === 'url') return;
  throw new CosClientError(`EncodingType must be 'url' (got ${describe(value)})`, { code: 'InvalidArgument' });
}

function commonQuery(params: Record<string, unknown>): Array<[string, string]> {
  checkEncodingType(params);
  const query: Array<[string, string]> = [];
  pushQuery(query, 'prefix', params['Prefix'], 'Prefix');
  pushQuery(query, 'delimiter', params['Delimiter'], 'Delimiter');
  query.push(['encoding-type', 'url']);
  return query;
}

/** list_objects(Bucket, Prefix='', Delimiter='', Marker='', MaxKeys=1000, EncodingType='') → ListBucketResult dict. */
export async function listObjects(ctx: CosContext, params: Record<string, unknown>): Promise<ListObjectsResponse> {
  const bucket = bucketOf(ctx, params);
  const maxKeys = optionalInt(params['MaxKeys'], 'MaxKeys', 1, 1000);
  const query = commonQuery(params);
  pushQuery(query, 'marker', params['Marker'], 'Marker');
  if (maxKeys !== undefined) query.push(['max-keys', String(maxKeys)]);
  const spec: CosRequestSpec = { op: 'list_objects', method: 'GET', bucket, query, ...signalSpec(params) };
  const { result: dict } = await ctx.http.parse(spec, (body) => parseCosXml(body, ['Contents', 'CommonPrefixes']));
  return finish(
    params,
    dict,
    ['Prefix', 'Marker', 'NextMarker', 'Delimiter'],
    [
      ['Contents', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ) as unknown as ListObjectsResponse;
}

/** list_objects_versions(Bucket, Prefix, Delimiter, KeyMarker, VersionIdMarker, MaxKeys, EncodingType). */
export async function listObjectsVersions(ctx: CosContext, params: Record<string, unknown>): Promise<ListObjectsVersionsResponse> {
  const bucket = bucketOf(ctx, params);
  const maxKeys = optionalInt(params['MaxKeys'], 'MaxKeys', 1, 1000);
  const query: Array<[string, string]> = [['versions', ''], ...commonQuery(params)];
  pushQuery(query, 'key-marker', params['KeyMarker'], 'KeyMarker');
  pushQuery(query, 'version-id-marker', params['VersionIdMarker'], 'VersionIdMarker');
  if (maxKeys !== undefined) query.push(['max-keys', String(maxKeys)]);
  const spec: CosRequestSpec = { op: 'list_objects_versions', method: 'GET', bucket, query, ...signalSpec(params) };
  const { result: dict } = await ctx.http.parse(spec, (body) => parseCosXml(body, ['Version', 'DeleteMarker', 'CommonPrefixes']));
  return finish(
    params,
    dict,
    ['Prefix', 'KeyMarker', 'NextKeyMarker', 'VersionIdMarker', 'NextVersionIdMarker', 'Delimiter'],
    [
      ['Version', 'Key'],
      ['DeleteMarker', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ) as unknown as ListObjectsVersionsResponse;
}

/** list_multipart_uploads(Bucket, Prefix, Delimiter, KeyMarker, UploadIdMarker, MaxUploads, EncodingType). */
export async function listMultipartUploads(ctx: CosContext, params: Record<string, unknown>): Promise<ListMultipartUploadsResponse> {
  const bucket = bucketOf(ctx, params);
  const maxUploads = optionalInt(params['MaxUploads'], 'MaxUploads', 1, 1000);
  const query: Array<[string, string]> = [['uploads', ''], ...commonQuery(params)];
  pushQuery(query, 'key-marker', params['KeyMarker'], 'KeyMarker');
  pushQuery(query, 'upload-id-marker', params['UploadIdMarker'], 'UploadIdMarker');
  if (maxUploads !== undefined) query.push(['max-uploads', String(maxUploads)]);
  const spec: CosRequestSpec = { op: 'list_multipart_uploads', method: 'GET', bucket, query, ...signalSpec(params) };
  const { result: dict } = await ctx.http.parse(spec, (body) => parseCosXml(body, ['Upload', 'CommonPrefixes']));
  return finish(
    params,
    dict,
    ['Prefix', 'KeyMarker', 'NextKeyMarker', 'UploadIdMarker', 'NextUploadIdMarker', 'Delimiter'],
    [
      ['Upload', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ) as unknown as ListMultipartUploadsResponse;
}
