import { buildXml, md5Base64, toBody } from '@yunstore/core';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { requireDict } from '../validate.ts';
import { parseCosXml, type CosXmlDict } from '../xml-shape.ts';
import { bucketOf, signalSpec, type BucketParams } from './params.ts';

/** One CORS rule; lists stay lists. */
export interface CORSRule {
  ID?: string;
  MaxAgeSeconds?: number | string;
  AllowedOrigin: string[] | string;
  AllowedMethod: string[] | string;
  AllowedHeader?: string[] | string;
  ExposeHeader?: string[] | string;
}

export interface PutBucketCorsParams extends BucketParams {
  CORSConfiguration: { CORSRule: CORSRule[] | CORSRule };
}

/** One lifecycle rule (seed 002's fields). */
export interface LifecycleRule {
  ID?: string;
  Filter?: { Prefix?: string; And?: Record<string, unknown>; Tag?: Array<{ Key: string; Value: string }> };
  Status: 'Enabled' | 'Disabled' | string;
  Expiration?: { Days?: number | string; Date?: string; ExpiredObjectDeleteMarker?: string };
  Transition?: Array<{ Days?: number | string; Date?: string; StorageClass: string }> | { Days?: number | string; Date?: string; StorageClass: string };
  NoncurrentVersionExpiration?: { NoncurrentDays: number | string };
  NoncurrentVersionTransition?: Array<{ NoncurrentDays: number | string; StorageClass: string }> | { NoncurrentDays: number | string; StorageClass: string };
  AbortIncompleteMultipartUpload?: { DaysAfterInitiation: number | string };
}

export interface PutBucketLifecycleParams extends BucketParams {
  LifecycleConfiguration: { Rule: LifecycleRule[] | LifecycleRule };
}

/** get_bucket_cors → `{'CORSRule': [{ID, MaxAgeSeconds, AllowedOrigin: [...], ...}]}`, values as strings. */
export interface GetBucketCorsResponse {
  CORSRule?: CosXmlDict[];
  [field: string]: unknown;
}
/** get_bucket_lifecycle → `{'Rule': [...]}`, values as strings. */
export interface GetBucketLifecycleResponse {
  Rule?: CosXmlDict[];
  [field: string]: unknown;
}

async function putConfig(
  ctx: CosContext,
  params: Record<string, unknown>,
  op: string,
  sub: string,
  root: string,
  dict: Record<string, unknown>,
): Promise<void> {
  const bucket = bucketOf(ctx, params);
  const xml = buildXml(root, dict);
  // COS requires Content-MD5 on these bodies.
  await ctx.sendAndDrain({
    op,
    method: 'PUT',
    bucket,
    query: [[sub, '']],
    headers: { 'Content-Type': 'application/xml', 'Content-MD5': md5Base64(xml) },
    body: await toBody(xml),
    ...signalSpec(params),
  });
}

function requireRules(config: Record<string, unknown>, list: string, param: string): unknown[] {
  const rules = config[list];
  const arr = Array.isArray(rules) ? rules : rules && typeof rules === 'object' ? [rules] : undefined;
  if (!arr || arr.length === 0) {
    throw new CosClientError(`${param}.${list} must be a non-empty list of rules`, { code: 'InvalidArgument' });
  }
  return arr;
}

/** put_bucket_cors(Bucket, CORSConfiguration={CORSRule: [...]}) → None. */
export async function putBucketCors(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const config = requireDict(params['CORSConfiguration'], 'CORSConfiguration');
  const rules = requireRules(config, 'CORSRule', 'CORSConfiguration');
  await putConfig(ctx, params, 'put_bucket_cors', 'cors', 'CORSConfiguration', { ...config, CORSRule: rules });
}

export async function getBucketCors(ctx: CosContext, params: Record<string, unknown>): Promise<GetBucketCorsResponse> {
  const bucket = bucketOf(ctx, params);
  const { body } = await ctx.sendForBody({ op: 'get_bucket_cors', method: 'GET', bucket, query: [['cors', '']], ...signalSpec(params) });
  return parseCosXml(body, ['CORSRule', 'AllowedOrigin', 'AllowedMethod', 'AllowedHeader', 'ExposeHeader']) as GetBucketCorsResponse;
}

export async function deleteBucketCors(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  await ctx.sendAndDrain({ op: 'delete_bucket_cors', method: 'DELETE', bucket, query: [['cors', '']], ...signalSpec(params) });
}

/** put_bucket_lifecycle(Bucket, LifecycleConfiguration={Rule: [...]}) → None. */
export async function putBucketLifecycle(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const config = requireDict(params['LifecycleConfiguration'], 'LifecycleConfiguration');
  const rules = requireRules(config, 'Rule', 'LifecycleConfiguration');
  rules.forEach((rule, i) => {
    const status = (rule as { Status?: unknown }).Status;
    if (status !== 'Enabled' && status !== 'Disabled') {
      throw new CosClientError(`LifecycleConfiguration.Rule[${i}].Status must be 'Enabled' or 'Disabled'`, { code: 'InvalidArgument' });
    }
  });
  await putConfig(ctx, params, 'put_bucket_lifecycle', 'lifecycle', 'LifecycleConfiguration', { ...config, Rule: rules });
}

export async function getBucketLifecycle(ctx: CosContext, params: Record<string, unknown>): Promise<GetBucketLifecycleResponse> {
  const bucket = bucketOf(ctx, params);
  const { body } = await ctx.sendForBody({
    op: 'get_bucket_lifecycle',
    method: 'GET',
    bucket,
    query: [['lifecycle', '']],
    ...signalSpec(params),
  });
  return parseCosXml(body, ['Rule', 'Transition', 'NoncurrentVersionTransition', 'Tag']) as GetBucketLifecycleResponse;
}

export async function deleteBucketLifecycle(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  await ctx.sendAndDrain({ op: 'delete_bucket_lifecycle', method: 'DELETE', bucket, query: [['lifecycle', '']], ...signalSpec(params) });
}
