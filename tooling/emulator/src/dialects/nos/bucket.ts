import { md5Hex, parseXml } from '@yunstore/core';
import { readBody } from '../../common/http.ts';
import { listPage } from '../../common/listing.ts';
import { expectedMd5, ownerOf, requireBucket, requireBucketName, sendEmpty, sendXml, type NosCall } from './call.ts';
import { NosError, nosMessage } from './errors.ts';
import { deleteResultXml, listAllMyBucketsXml, listBucketResultXml } from './xml.ts';

/** NOS bucket names: 3-63 of a-z 0-9 -, alphanumeric at both ends, no "--", not an IPv4 address. */
export function isValidNosBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name) && !name.includes('--') && !/^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

const CANNED_ACLS = new Set(['private', 'public-read', 'public-read-write']);

function aclHeader(call: NosCall): string | undefined {
  const acl = call.req.headers['x-nos-acl'];
  if (acl === undefined) return undefined;
  const value = String(acl).toLowerCase();
  if (!CANNED_ACLS.has(value)) throw new NosError(400, 'InvalidArgument', `Unknown x-nos-acl ${value}`);
  return value;
}

export async function createBucket(call: NosCall): Promise<void> {
  const name = requireBucketName(call);
  if (!isValidNosBucketName(name)) throw new NosError(400, 'InvalidBucketName');
  const body = await readBody(call.req, 64 * 1024);
  let location = 'HZ';
  if (body.length > 0) {
    const doc = parseXml(body) as { CreateBucketConfiguration?: { LocationConstraint?: unknown } };
    const constraint = doc.CreateBucketConfiguration?.LocationConstraint;
    if (typeof constraint === 'string' && constraint !== '') location = constraint;
  }
  if (await call.ctx.store.getBucket(name)) throw new NosError(409, 'BucketAlreadyExist');
  await call.ctx.store.createBucket({
    name,
    createdAt: call.ctx.now(),
    location,
    owner: ownerOf(call),
    acl: aclHeader(call) ?? 'private',
    grants: [],
    config: {},
  });
  sendEmpty(call, { Location: `/${name}` });
}

export async function putBucketAcl(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  await call.ctx.store.updateBucket(bucket.name, { acl: aclHeader(call) ?? 'private' });
  sendEmpty(call);
}

export async function getBucketAcl(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  call.res.setHeader('x-nos-acl', bucket.acl);
  sendEmpty(call);
}

export async function getBucketLocation(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  sendXml(call, `<?xml version="1.0" encoding="UTF-8"?><LocationConstraint>${bucket.location}</LocationConstraint>`);
}

export async function headBucket(call: NosCall): Promise<void> {
  await requireBucket(call);
  sendEmpty(call);
}

export async function deleteBucket(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  if (!(await call.ctx.store.isBucketEmpty(bucket.name))) throw new NosError(409, 'BucketNotEmpty');
  await call.ctx.store.deleteBucket(bucket.name);
  sendEmpty(call);
}

export async function listBuckets(call: NosCall): Promise<void> {
  const owner = ownerOf(call);
  const buckets = (await call.ctx.store.listBuckets()).filter((b) => b.owner === owner);
  sendXml(call, listAllMyBucketsXml(owner, buckets));
}

/** `limit`/`max-keys` style integer parameters, NOS range 0..1000. */
export function intParam(value: string | null, name: string, fallback: number, max = 1000): number {
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new NosError(400, 'InvalidArgument', `${name} must be a non-negative integer`);
  return Math.min(Number(value), max);
}

export async function listObjects(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const q = call.target.query;
  // NOS's service default is 100 keys (seed: list_objects limit).
  const maxKeys = intParam(q.get('max-keys'), 'max-keys', 100);
  const prefix = q.get('prefix') ?? '';
  const marker = q.get('marker') ?? '';
  const delimiter = q.get('delimiter') || undefined;
  const page = await listPage(call.ctx.store, bucket.name, {
    ...(prefix ? { prefix } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(marker ? { marker } : {}),
    maxKeys,
  });
  sendXml(
    call,
    listBucketResultXml({
      bucket,
      prefix,
      marker,
      maxKeys,
      delimiter,
      contents: page.contents,
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
      nextMarker: page.nextMarker,
    }),
  );
}

interface DeleteRequest {
  quiet: boolean;
  keys: string[];
}

/** Parses `<Delete><Quiet/><Object><Key/></Object>…</Delete>`; at most 1000 keys. */
export function parseDeleteRequest(body: Buffer): DeleteRequest {
  let doc: { Delete?: { Quiet?: unknown; Object?: unknown } };
  try {
    doc = parseXml(body, { arrays: ['Delete.Object'] }) as typeof doc;
  } catch {
    throw new NosError(400, 'MalformedXML');
  }
  if (!doc.Delete || typeof doc.Delete !== 'object') throw new NosError(400, 'MalformedXML');
  const objects = Array.isArray(doc.Delete.Object) ? (doc.Delete.Object as Array<{ Key?: unknown }>) : [];
  if (objects.length > 1000) throw new NosError(400, 'MalformedXML', 'At most 1000 keys per request');
  const keys = objects.map((o) => (typeof o?.Key === 'string' ? o.Key : ''));
  return { quiet: String(doc.Delete.Quiet ?? 'false').toLowerCase() === 'true', keys };
}

export async function deleteObjects(call: NosCall): Promise<void> {
  const bucket = await requireBucket(call);
  const body = await readBody(call.req, 2 * 1024 * 1024);
  const md5 = expectedMd5(call);
  if (md5 !== undefined && md5 !== md5Hex(body)) throw new NosError(400, 'BadDigest');
  const request = parseDeleteRequest(body);
  const deleted: string[] = [];
  const errors: Array<{ key: string; code: string; message: string }> = [];
  for (const key of request.keys) {
    // Python sends one empty <Key/> for an empty list: nothing to delete.
    if (key === '') continue;
    if (await call.ctx.store.deleteObject(bucket.name, key)) deleted.push(key);
    else errors.push({ key, code: 'NoSuchKey', message: nosMessage('NoSuchKey') });
  }
  sendXml(call, deleteResultXml(request.quiet ? [] : deleted, errors));
}
