import { buildXml, md5Base64, toBody } from '@yunstore/core';
import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { isPlainObject, requireDict, requireInt } from '../validate.ts';
import { parseCosXml } from '../xml-shape.ts';
import { bucketOf, keyOf, pushQuery, signalSpec, type BucketParams, type ObjectParams } from './params.ts';

export interface DeleteObjectsParams extends BucketParams {
  Delete: {
    Object: Array<{ Key: string; VersionId?: string }>;
    /** `'true'` returns only failures. Default `'false'`. */
    Quiet?: 'true' | 'false' | boolean;
  };
}

/** `{Deleted: [{Key, VersionId, DeleteMarker, DeleteMarkerVersionId}], Error: [{Key, VersionId, Code, Message}]}`. */
export type DeleteObjectsResponse = {
  Deleted?: Array<{ Key: string; VersionId?: string; DeleteMarker?: 'true' | 'false'; DeleteMarkerVersionId?: string }>;
  Error?: Array<{ Key: string; VersionId?: string; Code: string; Message: string }>;
};

export interface RestoreObjectParams extends ObjectParams {
  RestoreRequest: {
    /** Days the restored copy stays readable. */
    Days: number | string;
    CASJobParameters?: { Tier: 'Expedited' | 'Standard' | 'Bulk' | string };
  };
  VersionId?: string;
}

/** delete_objects(Bucket, Delete={Object: [...], Quiet}) → DeleteResult dict; at most 1000 keys. */
export async function deleteObjects(ctx: CosContext, params: Record<string, unknown>): Promise<DeleteObjectsResponse> {
  const bucket = bucketOf(ctx, params);
  const del = requireDict(params['Delete'], 'Delete');
  const objects = del['Object'];
  if (!Array.isArray(objects) || objects.length === 0) {
    throw new CosClientError("Delete['Object'] must be a non-empty list of {Key, VersionId?}", { code: 'InvalidArgument' });
  }
  if (objects.length > 1000) {
    throw new CosClientError(`Delete['Object'] holds ${objects.length} keys; COS accepts at most 1000 per request`, { code: 'InvalidArgument' });
  }
  const items = objects.map((o, i) => {
    if (!isPlainObject(o) || typeof o['Key'] !== 'string' || o['Key'] === '') {
      throw new CosClientError(`Delete['Object'][${i}] needs a non-empty Key`, { code: 'InvalidArgument' });
    }
    return o['VersionId'] ? { Key: o['Key'], VersionId: String(o['VersionId']) } : { Key: o['Key'] };
  });
  const quiet = del['Quiet'] === true || del['Quiet'] === 'true' ? 'true' : 'false';
  const xml = buildXml('Delete', { Quiet: quiet, Object: items });
  const spec: CosRequestSpec = {
    op: 'delete_objects',
    method: 'POST',
    bucket,
    query: [['delete', '']],
    headers: { 'Content-Type': 'application/xml', 'Content-MD5': md5Base64(xml) },
    body: await toBody(xml),
    ...signalSpec(params),
  };
  const { result } = await ctx.http.parse(spec, (body) => parseCosXml(body, ['Deleted', 'Error']));
  return result as unknown as DeleteObjectsResponse;
}

/** restore_object(Bucket, Key, RestoreRequest={Days, CASJobParameters: {Tier}}) → None. */
export async function restoreObject(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const request = requireDict(params['RestoreRequest'], 'RestoreRequest');
  const days = requireInt(request['Days'], "RestoreRequest['Days']", 1, 36500);
  const job = request['CASJobParameters'];
  if (job !== undefined && !isPlainObject(job)) {
    throw new CosClientError("RestoreRequest['CASJobParameters'] must be a dict like {Tier: 'Standard'}", { code: 'InvalidArgument' });
  }
  const xml = buildXml('RestoreRequest', { ...request, Days: days });
  const query: Array<[string, string]> = [['restore', '']];
  pushQuery(query, 'versionId', params['VersionId'], 'VersionId');
  await ctx.http.send({
    op: 'restore_object',
    method: 'POST',
    bucket,
    key,
    query,
    headers: { 'Content-Type': 'application/xml', 'Content-MD5': md5Base64(xml) },
    body: await toBody(xml),
    ...signalSpec(params),
  });
}
