/** Bucket lifecycle: create, delete, head, location, versioning, list buckets (GET Service). */
import { parseXml } from '@yunstore/core';
import { readBody } from '../../common/http.ts';
import { iso8601 } from '../../common/time.ts';
import type { BucketRecord } from '../../store/types.ts';
import { aclFromHeaders, ownerId } from './acl.ts';
import { cosErrors } from './errors.ts';
import { header, sendEmpty, sendXml, type CosExchange } from './exchange.ts';
import { objOf, textOf } from './xml.ts';

/** COS bucket names are `<name>-<appid>`: lower-case letters, digits and `-`, name part ≤ 50 characters. */
const BUCKET_NAME = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?-\d+$/;

export const CONFIG_BODY_LIMIT = 1024 * 1024;

export async function listBuckets(ex: CosExchange): Promise<void> {
  if (ex.owner === undefined) throw cosErrors.accessDenied('Anonymous users cannot list buckets.');
  const owner = ex.owner;
  const buckets = (await ex.ctx.store.listBuckets()).filter((b) => b.owner === owner).sort((a, b) => (a.name < b.name ? -1 : 1));
  sendXml(ex, 'ListAllMyBucketsResult', {
    Owner: { ID: ownerId(owner), DisplayName: owner },
    Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, Location: b.location, CreationDate: iso8601(b.createdAt, { millis: false }) })) },
  });
}

export async function createBucket(ex: CosExchange): Promise<void> {
  const name = ex.target.bucket!;
  if (ex.owner === undefined) throw cosErrors.accessDenied('Anonymous users cannot create buckets.');
  if (!BUCKET_NAME.test(name)) {
    throw cosErrors.invalidBucketName(`Bucket name must be <name>-<appid>: lower-case letters, digits and '-', got ${name}`);
  }
  const acl = aclFromHeaders((n) => header(ex, n), 'bucket') ?? { canned: 'private', grants: [] };
  // Optional <CreateBucketConfiguration> (MAZ / OFS); read and validated, kept as config.
  const body = await readBody(ex.req, CONFIG_BODY_LIMIT);
  const config: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      const doc = parseXml(body);
      const conf = objOf(doc['CreateBucketConfiguration']);
      if (textOf(conf['BucketAZConfig'])) config['az'] = textOf(conf['BucketAZConfig']);
      if (textOf(conf['BucketArchConfig'])) config['arch'] = textOf(conf['BucketArchConfig']);
    } catch {
      throw cosErrors.malformedXml();
    }
  }
  if (await ex.ctx.store.getBucket(name)) throw cosErrors.bucketAlreadyExists();
  const record: BucketRecord = {
    name,
    createdAt: ex.ctx.now(),
    location: ex.region,
    owner: ex.owner,
    acl: acl.canned,
    grants: acl.grants,
    config,
  };
  await ex.ctx.store.createBucket(record);
  sendEmpty(ex, 200, { Location: `/${name}` });
}

export async function deleteBucket(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  if (!(await ex.ctx.store.isBucketEmpty(bucket.name))) throw cosErrors.bucketNotEmpty();
  await ex.ctx.store.deleteBucket(bucket.name);
  sendEmpty(ex, 204);
}

export async function headBucket(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  sendEmpty(ex, 200, { 'x-cos-bucket-region': bucket.location });
}

export async function getBucketLocation(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  sendXml(ex, 'LocationConstraint', bucket.location);
}

export async function putBucketVersioning(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const body = await readBody(ex.req, CONFIG_BODY_LIMIT);
  let status: string;
  try {
    status = textOf(objOf(parseXml(body)['VersioningConfiguration'])['Status']);
  } catch {
    throw cosErrors.malformedXml();
  }
  if (status !== 'Enabled' && status !== 'Suspended') throw cosErrors.malformedXml('Status must be Enabled or Suspended');
  await ex.ctx.store.updateBucket(bucket.name, { versioning: status });
  sendEmpty(ex, 200);
}

export async function getBucketVersioning(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  sendXml(ex, 'VersioningConfiguration', bucket.versioning ? { Status: bucket.versioning } : {});
}
