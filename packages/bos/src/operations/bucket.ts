/** Bucket operations: request building and response shaping, `(ctx, args, options)`. */
import { type CallOptions, perCall } from '../address.ts';
import { BceHttpClientError, BceServerError } from '../errors.ts';
import type { BosContext } from '../http.ts';
import type { BosResponse } from '../response.ts';
import { jsonAnswer, jsonBody, JSON_CONTENT_TYPE, metadataOnly } from './read.ts';

export interface BosOwner {
  id: string;
  display_name?: string;
}

export interface ListBucketsResponse extends BosResponse {
  owner: BosOwner;
  buckets: Array<{ name: string; location: string; creation_date: string }>;
}

/** A grant as `set_bucket_acl` takes it and `get_bucket_acl` returns it. */
export interface BosGrant {
  grantee: Array<{ id: string }>;
  permission: Array<'READ' | 'WRITE' | 'FULL_CONTROL' | (string & {})>;
}

export interface GetBucketAclResponse extends BosResponse {
  owner: { id: string };
  access_control_list: BosGrant[];
}

export interface GetBucketLocationResponse extends BosResponse {
  location_constraint: string;
}

export async function listBuckets(ctx: BosContext, options?: CallOptions): Promise<ListBucketsResponse> {
  return (await ctx.http.parse({ op: 'list_buckets', method: 'GET', ...perCall(options) }, jsonAnswer<ListBucketsResponse>)).result;
}

export async function createBucket(ctx: BosContext, bucket: string, options?: CallOptions): Promise<BosResponse> {
  return metadataOnly(await ctx.http.send({ op: 'create_bucket', method: 'PUT', bucket, ...perCall(options) }));
}

/**
 * HEAD bucket. True on 2xx and on 403 (it exists but belongs to someone
 * else), false on 404; every other failure is thrown, as in Python.
 */
export async function doesBucketExist(ctx: BosContext, bucket: string, options?: CallOptions): Promise<boolean> {
  try {
    await ctx.http.send({ op: 'does_bucket_exist', method: 'HEAD', bucket, ...perCall(options) });
    return true;
  } catch (error) {
    if (error instanceof BceHttpClientError && error.last_error instanceof BceServerError) {
      if (error.last_error.status_code === 403) return true;
      if (error.last_error.status_code === 404) return false;
    }
    throw error;
  }
}

export async function deleteBucket(ctx: BosContext, bucket: string, options?: CallOptions): Promise<BosResponse> {
  return metadataOnly(await ctx.http.send({ op: 'delete_bucket', method: 'DELETE', bucket, ...perCall(options) }));
}

export async function setBucketCannedAcl(ctx: BosContext, bucket: string, cannedAcl: string, options?: CallOptions): Promise<BosResponse> {
  const headers = { 'x-bce-acl': cannedAcl };
  return metadataOnly(await ctx.http.send({ op: 'set_bucket_canned_acl', method: 'PUT', bucket, query: [['acl', '']], headers, ...perCall(options) }));
}

/**
 * PUT ?acl with `{"accessControlList": acl}`. A dict is sent as one grant
 * (Python accepts both). Grants from `get_bucket_acl` go back unchanged:
 * their keys (`grantee`, `id`, `permission`) are the same in both cases.
 */
export async function setBucketAcl(ctx: BosContext, bucket: string, acl: BosGrant[] | BosGrant, options?: CallOptions): Promise<BosResponse> {
  const list = Array.isArray(acl) ? acl : [acl];
  const answer = await ctx.http.send({
    op: 'set_bucket_acl',
    method: 'PUT',
    bucket,
    query: [['acl', '']],
    headers: { 'Content-Type': JSON_CONTENT_TYPE },
    body: jsonBody({ accessControlList: list.map((g) => ({ grantee: g.grantee, permission: g.permission })) }),
    ...perCall(options),
  });
  return metadataOnly(answer);
}

export async function getBucketAcl(ctx: BosContext, bucket: string, options?: CallOptions): Promise<GetBucketAclResponse> {
  return (await ctx.http.parse({ op: 'get_bucket_acl', method: 'GET', bucket, query: [['acl', '']], ...perCall(options) }, jsonAnswer<GetBucketAclResponse>))
    .result;
}

/**
 * GET ?location. Python returns the bare string (`'bj'`); so do we. The
 * full response is available through `get_bucket_location_response`.
 */
export async function getBucketLocation(ctx: BosContext, bucket: string, options?: CallOptions): Promise<GetBucketLocationResponse> {
  return (
    await ctx.http.parse(
      { op: 'get_bucket_location', method: 'GET', bucket, query: [['location', '']], ...perCall(options) },
      jsonAnswer<GetBucketLocationResponse>,
    )
  ).result;
}

export interface ListObjectsArgs {
  max_keys?: number;
  prefix?: string;
  marker?: string;
  delimiter?: string;
}

export interface BosObjectSummary {
  key: string;
  last_modified: string;
  /** ETag without quotes (the seed's name). */
  e_tag: string;
  /** Same as `e_tag` (the Python SDK's name). */
  etag: string;
  size: number;
  storage_class?: string;
  owner: BosOwner;
}

export interface ListObjectsResponse extends BosResponse {
  name: string;
  prefix: string;
  delimiter?: string;
  marker: string;
  /** Only when `is_truncated`. */
  next_marker?: string;
  max_keys: number;
  is_truncated: boolean;
  contents: BosObjectSummary[];
  /** Only with a delimiter. */
  common_prefixes?: Array<{ prefix: string }>;
}

export async function listObjects(ctx: BosContext, bucket: string, args: ListObjectsArgs, options?: CallOptions): Promise<ListObjectsResponse> {
  // Python always sends maxKeys (default 1000) and the other three only when given.
  const query: Array<[string, string]> = [['maxKeys', String(args.max_keys ?? 1000)]];
  if (args.prefix !== undefined) query.push(['prefix', args.prefix]);
  if (args.marker !== undefined) query.push(['marker', args.marker]);
  if (args.delimiter !== undefined) query.push(['delimiter', args.delimiter]);
  const { result: res } = await ctx.http.parse({ op: 'list_objects', method: 'GET', bucket, query, ...perCall(options) }, jsonAnswer<ListObjectsResponse>);
  res.contents ??= [];
  return res;
}

/** Every object under `prefix`, page after page, as Python's generator does. Common prefixes are not yielded. */
export async function* listAllObjects(
  ctx: BosContext,
  bucket: string,
  args: Pick<ListObjectsArgs, 'prefix' | 'delimiter'>,
  options?: CallOptions,
): AsyncGenerator<BosObjectSummary, void, undefined> {
  let marker: string | undefined;
  for (;;) {
    const page = await listObjects(ctx, bucket, { ...args, ...(marker !== undefined ? { marker } : {}) }, options);
    yield* page.contents;
    if (!page.is_truncated) return;
    const next = page.next_marker ?? page.contents[page.contents.length - 1]?.key;
    if (next === undefined || next === marker) return;
    marker = next;
  }
}
