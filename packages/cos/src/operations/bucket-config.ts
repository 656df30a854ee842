import { buildXml, md5Base64, toBody } from '@yunstore/core';
import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { requireDict } from '../validate.ts';
import { parseCosXml } from '../xml-shape.ts';
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

/** One CORS rule as get_bucket_cors returns it: lists stay lists, numbers are strings. */
export type CORSRuleResult = {
  ID?: string;
  MaxAgeSeconds?: string;
  AllowedOrigin: string[];
  AllowedMethod: string[];
  AllowedHeader?: string[];
  ExposeHeader?: string[];
};
/** get_bucket_cors → `{'CORSRule': [{ID, MaxAgeSeconds, AllowedOrigin: [...], ...}]}`, values as strings. */
export type GetBucketCorsResponse = { CORSRule: CORSRuleResult[] };

/** One lifecycle rule as get_bucket_lifecycle returns it (numbers as strings; `Transition` always a list). */
export type LifecycleRuleResult = {
  ID?: string;
  Status: string;
  Filter?: {
    Prefix?: string | null;
    And?: { Prefix?: string | null; Tag?: Array<{ Key: string; Value: string }> };
    Tag?: Array<{ Key: string; Value: string }>;
  } | null;
  Expiration?: { Days?: string; Date?: string; ExpiredObjectDeleteMarker?: string };
  Transition?: Array<{ Days?: string; Date?: string; StorageClass: string }>;
  NoncurrentVersionExpiration?: { NoncurrentDays: string };
  NoncurrentVersionTransition?: Array<{ NoncurrentDays: string; StorageClass: string }>;
  AbortIncompleteMultipartUpload?: { DaysAfterInitiation: string };
};
/** get_bucket_lifecycle → `{'Rule': [...]}`, values as strings. */
export type GetBucketLifecycleResponse = { Rule: LifecycleRuleResult[] };

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
  await ctx.http.send({
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
  const spec: CosRequestSpec = { op: 'get_bucket_cors', method: 'GET', bucket, query: [['cors', '']], ...signalSpec(params) };
  const { result: dict } = await ctx.http.parse(spec, (body) =>
    parseCosXml(body, ['CORSRule', 'AllowedOrigin', 'AllowedMethod', 'AllowedHeader', 'ExposeHeader']),
  );
  return { ...dict, CORSRule: Array.isArray(dict['CORSRule']) ? dict['CORSRule'] : [] } as unknown as GetBucketCorsResponse;
}

export async function deleteBucketCors(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  await ctx.http.send({ op: 'delete_bucket_cors', method: 'DELETE', bucket, query: [['cors', '']], ...signalSpec(params) });
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
  const spec: CosRequestSpec = {
    op: 'get_bucket_lifecycle',
    method: 'GET',
    bucket,
    query: [['lifecycle', '']],
    ...signalSpec(params),
  };
  const { result: dict } = await ctx.http.parse(spec, (body) => parseCosXml(body, ['Rule', 'Transition', 'NoncurrentVersionTransition', 'Tag']));
  return { ...dict, Rule: Array.isArray(dict['Rule']) ? dict['Rule'] : [] } as unknown as GetBucketLifecycleResponse;
}

export async function deleteBucketLifecycle(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  await ctx.http.send({ op: 'delete_bucket_lifecycle', method: 'DELETE', bucket, query: [['lifecycle', '']], ...signalSpec(params) });
}
