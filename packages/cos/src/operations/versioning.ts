import { buildXml, toBody } from '@yunstore/core';
import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { describe } from '../validate.ts';
import { parseCosXml } from '../xml-shape.ts';
import { bucketOf, signalSpec, type BucketParams } from './params.ts';

/**
 * Bucket versioning is not in the seeds but is what makes their `VersionId`
 * parameters and `list_objects_versions` meaningful; the Python SDK has both
 * calls with these names.
 */
export interface PutBucketVersioningParams extends BucketParams {
  /** `'Enabled'` or `'Suspended'`. */
  Status: 'Enabled' | 'Suspended';
}

/** `{Status: 'Enabled' | 'Suspended'}`, or `{}` for a bucket that never had versioning. */
export interface GetBucketVersioningResponse {
  Status?: string;
  [field: string]: unknown;
}

/** put_bucket_versioning(Bucket, Status) → None. */
export async function putBucketVersioning(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  const status = params['Status'];
  if (status !== 'Enabled' && status !== 'Suspended') {
    throw new CosClientError(`Status must be 'Enabled' or 'Suspended' (got ${describe(status)})`, { code: 'InvalidArgument' });
  }
  const xml = buildXml('VersioningConfiguration', { Status: status });
  await ctx.http.send({
    op: 'put_bucket_versioning',
    method: 'PUT',
    bucket,
    query: [['versioning', '']],
    headers: { 'Content-Type': 'application/xml' },
    body: await toBody(xml),
    ...signalSpec(params),
  });
}

/** get_bucket_versioning(Bucket) → `{Status}`. */
export async function getBucketVersioning(ctx: CosContext, params: Record<string, unknown>): Promise<GetBucketVersioningResponse> {
  const bucket = bucketOf(ctx, params);
  const spec: CosRequestSpec = { op: 'get_bucket_versioning', method: 'GET', bucket, query: [['versioning', '']], ...signalSpec(params) };
  const { result } = await ctx.http.parse(spec, (body) => parseCosXml(body));
  return result as GetBucketVersioningResponse;
}
