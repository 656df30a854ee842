/**
 * The bucket and listing methods of `BosClient`, as operation-table entries:
 * each checks its positional arguments (Python's order) once, here, then
 * calls `operations/bucket.ts` with the client's context.
 */
import { splitOptional } from '../args.ts';
import { CANNED_ACLS, type CannedAcl } from '../canned_acl.ts';
import { ValueError } from '../errors.ts';
import type { BosContext, CallOptions } from '../http.ts';
import * as bucketOps from '../operations/bucket.ts';
import { checkOptions } from '../options.ts';
import type { BosResponse } from '../response.ts';
import { checkArgument, checkBucketName, checkGrants, checkOptionalInt } from '../validate.ts';
import { bucketAndKey, checkStringOptions } from './checks.ts';

/** `list_objects`' keyword arguments (its optional positionals may go here too). */
export type ListObjectsOptions = bucketOps.ListObjectsArgs & CallOptions;
/** The keyword arguments of the `list_all_*` generators. */
export type PrefixOptions = { prefix?: string; delimiter?: string } & CallOptions;

export async function listBuckets(ctx: BosContext, options?: CallOptions): Promise<bucketOps.ListBucketsResponse> {
  checkOptions('list_buckets', options);
  return bucketOps.listBuckets(ctx, options);
}

export async function createBucket(ctx: BosContext, bucket_name: string, options?: CallOptions): Promise<BosResponse> {
  bucketAndKey('create_bucket', { bucket_name }, options);
  return bucketOps.createBucket(ctx, bucket_name, options);
}

export async function doesBucketExist(ctx: BosContext, bucket_name: string, options?: CallOptions): Promise<boolean> {
  bucketAndKey('does_bucket_exist', { bucket_name }, options);
  return bucketOps.doesBucketExist(ctx, bucket_name, options);
}

export async function deleteBucket(ctx: BosContext, bucket_name: string, options?: CallOptions): Promise<BosResponse> {
  bucketAndKey('delete_bucket', { bucket_name }, options);
  return bucketOps.deleteBucket(ctx, bucket_name, options);
}

export async function setBucketCannedAcl(ctx: BosContext, bucket_name: string, canned_acl: CannedAcl, options?: CallOptions): Promise<BosResponse> {
  bucketAndKey('set_bucket_canned_acl', { bucket_name, canned_acl }, options);
  if (!(CANNED_ACLS as readonly string[]).includes(canned_acl)) {
    throw new ValueError(`set_bucket_canned_acl: arg "canned_acl" should be one of ${CANNED_ACLS.join(', ')}, got "${canned_acl}"`);
  }
  return bucketOps.setBucketCannedAcl(ctx, bucket_name, canned_acl, options);
}

export async function setBucketAcl(
  ctx: BosContext,
  bucket_name: string,
  acl: bucketOps.BosGrant[] | bucketOps.BosGrant,
  options?: CallOptions,
): Promise<BosResponse> {
  bucketAndKey('set_bucket_acl', { bucket_name, acl }, options);
  checkGrants('set_bucket_acl', acl);
  return bucketOps.setBucketAcl(ctx, bucket_name, acl, options);
}

export async function getBucketAcl(ctx: BosContext, bucket_name: string, options?: CallOptions): Promise<bucketOps.GetBucketAclResponse> {
  bucketAndKey('get_bucket_acl', { bucket_name }, options);
  return bucketOps.getBucketAcl(ctx, bucket_name, options);
}

export async function getBucketLocation(ctx: BosContext, bucket_name: string, options?: CallOptions): Promise<string> {
  checkOptions('get_bucket_location', options);
  checkArgument('get_bucket_location', 'bucket_name', 'string', bucket_name);
  checkBucketName(bucket_name);
  return (await bucketOps.getBucketLocation(ctx, bucket_name, options)).location_constraint;
}

export async function listObjects(
  ctx: BosContext,
  bucket_name: string,
  max_keys?: number | ListObjectsOptions,
  prefix?: string | ListObjectsOptions,
  marker?: string | ListObjectsOptions,
  delimiter?: string | ListObjectsOptions,
  options?: ListObjectsOptions,
): Promise<bucketOps.ListObjectsResponse> {
  const { options: o } = splitOptional<ListObjectsOptions>(['max_keys', 'prefix', 'marker', 'delimiter'], [max_keys, prefix, marker, delimiter, options]);
  bucketAndKey('list_objects', { bucket_name }, o);
  checkOptionalInt('list_objects', 'max_keys', o.max_keys, 1, 1000);
  checkStringOptions('list_objects', o, ['prefix', 'marker', 'delimiter']);
  return bucketOps.listObjects(ctx, bucket_name, o, o);
}

/** Synchronous: bad arguments throw at the call, before the generator is returned. */
export function listAllObjects(
  ctx: BosContext,
  bucket_name: string,
  prefix?: string | PrefixOptions,
  delimiter?: string | PrefixOptions,
  options?: PrefixOptions,
): AsyncGenerator<bucketOps.BosObjectSummary, void, undefined> {
  const { options: o } = splitOptional<PrefixOptions>(['prefix', 'delimiter'], [prefix, delimiter, options]);
  bucketAndKey('list_all_objects', { bucket_name }, o);
  checkStringOptions('list_all_objects', o, ['prefix', 'delimiter']);
  return bucketOps.listAllObjects(ctx, bucket_name, o, o);
}
