import type { CosContext } from '../context.ts';
import { optionalInt } from '../validate.ts';
import { decodeListing, parseCosXml, type CosXmlDict, type CosXmlValue } from '../xml-shape.ts';
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

type Entry = { [field: string]: CosXmlValue };

/** ListBucketResult: strings everywhere (`'IsTruncated': 'false'`), `Contents` and `CommonPrefixes` always lists when present. */
export interface ListObjectsResponse {
  Name?: string;
  Prefix?: string | null;
  Delimiter?: string | null;
  Marker?: string | null;
  NextMarker?: string;
  MaxKeys?: string;
  IsTruncated?: 'true' | 'false' | string;
  EncodingType?: string;
  Contents?: Array<Entry & { Key: string; ETag: string; Size: string; LastModified: string; StorageClass?: string; Owner?: CosXmlDict }>;
  CommonPrefixes?: Array<{ Prefix: string }>;
  [field: string]: unknown;
}

/** ListVersionsResult; `Version`, `DeleteMarker`, `CommonPrefixes` always lists when present. */
export interface ListObjectsVersionsResponse {
  Name?: string;
  Prefix?: string | null;
  KeyMarker?: string | null;
  VersionIdMarker?: string | null;
  NextKeyMarker?: string;
  NextVersionIdMarker?: string;
  MaxKeys?: string;
  IsTruncated?: string;
  Version?: Array<Entry & { Key: string; VersionId: string; IsLatest: string }>;
  DeleteMarker?: Array<Entry & { Key: string; VersionId: string; IsLatest: string }>;
  CommonPrefixes?: Array<{ Prefix: string }>;
  [field: string]: unknown;
}

/** ListMultipartUploadsResult; `Upload` and `CommonPrefixes` always lists when present. */
export interface ListMultipartUploadsResponse {
  Bucket?: string;
  KeyMarker?: string | null;
  UploadIdMarker?: string | null;
  NextKeyMarker?: string;
  NextUploadIdMarker?: string;
  MaxUploads?: string;
  IsTruncated?: string;
  Upload?: Array<Entry & { Key: string; UploadId: string; Initiated: string }>;
  CommonPrefixes?: Array<{ Prefix: string }>;
  [field: string]: unknown;
}

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

function commonQuery(params: Record<string, unknown>): Array<[string, string]> {
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
  const { body } = await ctx.sendForBody({ op: 'list_objects', method: 'GET', bucket, query, ...signalSpec(params) });
  const dict = parseCosXml(body, ['Contents', 'CommonPrefixes']);
  return finish(
    params,
    dict,
    ['Prefix', 'Marker', 'NextMarker', 'Delimiter'],
    [
      ['Contents', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ) as ListObjectsResponse;
}

/** list_objects_versions(Bucket, Prefix, Delimiter, KeyMarker, VersionIdMarker, MaxKeys, EncodingType). */
export async function listObjectsVersions(ctx: CosContext, params: Record<string, unknown>): Promise<ListObjectsVersionsResponse> {
  const bucket = bucketOf(ctx, params);
  const maxKeys = optionalInt(params['MaxKeys'], 'MaxKeys', 1, 1000);
  const query: Array<[string, string]> = [['versions', ''], ...commonQuery(params)];
  pushQuery(query, 'key-marker', params['KeyMarker'], 'KeyMarker');
  pushQuery(query, 'version-id-marker', params['VersionIdMarker'], 'VersionIdMarker');
  if (maxKeys !== undefined) query.push(['max-keys', String(maxKeys)]);
  const { body } = await ctx.sendForBody({ op: 'list_objects_versions', method: 'GET', bucket, query, ...signalSpec(params) });
  const dict = parseCosXml(body, ['Version', 'DeleteMarker', 'CommonPrefixes']);
  return finish(
    params,
    dict,
    ['Prefix', 'KeyMarker', 'NextKeyMarker', 'VersionIdMarker', 'NextVersionIdMarker', 'Delimiter'],
    [
      ['Version', 'Key'],
      ['DeleteMarker', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ) as ListObjectsVersionsResponse;
}

/** list_multipart_uploads(Bucket, Prefix, Delimiter, KeyMarker, UploadIdMarker, MaxUploads, EncodingType). */
export async function listMultipartUploads(ctx: CosContext, params: Record<string, unknown>): Promise<ListMultipartUploadsResponse> {
  const bucket = bucketOf(ctx, params);
  const maxUploads = optionalInt(params['MaxUploads'], 'MaxUploads', 1, 1000);
  const query: Array<[string, string]> = [['uploads', ''], ...commonQuery(params)];
  pushQuery(query, 'key-marker', params['KeyMarker'], 'KeyMarker');
  pushQuery(query, 'upload-id-marker', params['UploadIdMarker'], 'UploadIdMarker');
  if (maxUploads !== undefined) query.push(['max-uploads', String(maxUploads)]);
  const { body } = await ctx.sendForBody({ op: 'list_multipart_uploads', method: 'GET', bucket, query, ...signalSpec(params) });
  const dict = parseCosXml(body, ['Upload', 'CommonPrefixes']);
  return finish(
    params,
    dict,
    ['Prefix', 'KeyMarker', 'NextKeyMarker', 'UploadIdMarker', 'NextUploadIdMarker', 'Delimiter'],
    [
      ['Upload', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ) as ListMultipartUploadsResponse;
}
