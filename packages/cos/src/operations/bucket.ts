import { buildXml, toBody } from '@yunstore/core';
import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { ACL_HEADERS, headerDict, headersFrom } from '../headers.ts';
import { optionalString } from '../validate.ts';
import { parseCosXml } from '../xml-shape.ts';
import { bucketOf, existsByHead, signalSpec, type BucketParams, type CallOptions, type HeaderDict } from './params.ts';

/** ACL headers shared by buckets and objects. */
export interface AclHeaderParams {
  /** Canned ACL: `'private'`, `'public-read'`, `'public-read-write'` (objects also `'default'`). */
  ACL?: string;
  /** `id="qcs::cam::uin/100000000001:uin/100000000001"` (comma-separate several). */
  GrantRead?: string;
  GrantWrite?: string;
  GrantFullControl?: string;
  GrantReadACP?: string;
  GrantWriteACP?: string;
}

export interface CreateBucketParams extends BucketParams, AclHeaderParams {
  /** `'MAZ'` for a multi-AZ bucket. */
  BucketAZConfig?: string;
  /** `'OFS'` for a metadata-accelerated bucket. */
  BucketArchConfig?: string;
}

/** create_bucket(Bucket, **kwargs) → None. */
export async function createBucket(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  const az = optionalString(params['BucketAZConfig'], 'BucketAZConfig');
  const arch = optionalString(params['BucketArchConfig'], 'BucketArchConfig');
  const headers = headersFrom(params, ACL_HEADERS);
  let body;
  if (az || arch) {
    const xml = buildXml('CreateBucketConfiguration', { BucketAZConfig: az, BucketArchConfig: arch });
    body = await toBody(xml);
    headers['Content-Type'] = 'application/xml';
  }
  await ctx.http.send({ op: 'create_bucket', method: 'PUT', bucket, headers, ...(body ? { body } : {}), ...signalSpec(params) });
}

/** delete_bucket(Bucket) → None (the bucket must be empty). */
export async function deleteBucket(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  await ctx.http.send({ op: 'delete_bucket', method: 'DELETE', bucket, ...signalSpec(params) });
}

/** head_bucket(Bucket) → the response headers (`x-cos-bucket-region`...). */
export async function headBucket(ctx: CosContext, params: Record<string, unknown>): Promise<HeaderDict> {
  const bucket = bucketOf(ctx, params);
  const res = await ctx.http.send({ op: 'head_bucket', method: 'HEAD', bucket, ...signalSpec(params) });
  return headerDict(res.headers);
}

/** bucket_exists(Bucket) → true/false; errors other than 404 still throw. */
export async function bucketExists(ctx: CosContext, params: Record<string, unknown>): Promise<boolean> {
  return existsByHead(() => headBucket(ctx, params));
}

export interface ListBucketsParams extends CallOptions {
  /** Only buckets in this region. */
  Region?: string;
  TagKey?: string;
  TagValue?: string;
  Marker?: string;
  MaxKeys?: number;
}

/** One bucket of list_buckets. */
export type BucketSummary = { Name: string; Location: string; CreationDate: string; BucketType?: string };

/** `{Owner: {ID, DisplayName}, Buckets: {Bucket: [{Name, Location, CreationDate, BucketType}]}}`; `Buckets` is `null` for an account without buckets. */
export type ListBucketsResponse = {
  Owner: { ID: string; DisplayName?: string | null };
  Buckets: { Bucket: BucketSummary[] } | null;
  Marker?: string | null;
  NextMarker?: string;
  IsTruncated?: 'true' | 'false';
};

/** list_buckets() → every bucket of the account (GET Service). */
export async function listBuckets(ctx: CosContext, params: Record<string, unknown>): Promise<ListBucketsResponse> {
  const query: Array<[string, string]> = [];
  const region = optionalString(params['Region'], 'Region');
  if (region) query.push(['region', region]);
  const tagKey = optionalString(params['TagKey'], 'TagKey');
  if (tagKey) query.push(['tagkey', tagKey]);
  const tagValue = optionalString(params['TagValue'], 'TagValue');
  if (tagValue) query.push(['tagvalue', tagValue]);
  const marker = optionalString(params['Marker'], 'Marker');
  if (marker) query.push(['marker', marker]);
  const maxKeys = optionalString(params['MaxKeys'], 'MaxKeys');
  if (maxKeys) query.push(['max-keys', maxKeys]);
  const spec: CosRequestSpec = { op: 'list_buckets', method: 'GET', query, ...signalSpec(params) };
  const { result } = await ctx.http.parse(spec, (body) => parseCosXml(body, ['Bucket']));
  return result as unknown as ListBucketsResponse;
}
