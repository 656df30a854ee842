/** Service and bucket operations: list, create, head, delete, location, ACL. */
import { readBody } from '../../common/http.ts';
import { BosError, bosErrors } from './errors.ts';
import { bosTime, sendEmpty, sendJson } from './respond.ts';
import { bucketFor, effectiveGrants, header, ownerOf, type BosCall, type BosGrant, type Permission } from './call.ts';

const MAX_BUCKETS = 100;
const CANNED_ACLS = new Set(['private', 'public-read', 'public-read-write']);
const PERMISSIONS = new Set<Permission>(['READ', 'WRITE', 'FULL_CONTROL']);
/** Where emulated buckets live; the seed's first region. */
const DEFAULT_LOCATION = 'bj';

/** BOS naming: 3–63 of `a-z 0-9 -`, starting with a letter or digit, not ending with `-`. */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name);
}

function requireCaller(call: BosCall): NonNullable<BosCall['caller']> {
  if (!call.caller) throw bosErrors.accessDenied();
  return call.caller;
}

export async function listBuckets(call: BosCall): Promise<void> {
  const caller = requireCaller(call);
  const buckets = (await call.ctx.store.listBuckets()).filter((b) => b.owner === caller.owner);
  sendJson(call.res, 200, {
    owner: ownerOf(caller.owner),
    buckets: buckets.map((b) => ({ name: b.name, location: b.location, creationDate: bosTime(b.createdAt) })),
  });
}

export async function createBucket(call: BosCall): Promise<void> {
  const caller = requireCaller(call);
  const name = call.bucket ?? '';
  if (!isValidBucketName(name)) throw new BosError(400, 'InvalidBucketName');
  if (await call.ctx.store.getBucket(name)) throw new BosError(409, 'BucketAlreadyExists');
  const owned = (await call.ctx.store.listBuckets()).filter((b) => b.owner === caller.owner);
  if (owned.length >= MAX_BUCKETS) throw new BosError(400, 'TooManyBuckets');
  const acl = header(call, 'x-bce-acl') ?? 'private';
  if (!CANNED_ACLS.has(acl)) throw bosErrors.invalidArgument(`Invalid x-bce-acl: ${acl}`);
  await call.ctx.store.createBucket({
    name,
    createdAt: call.ctx.now(),
    location: DEFAULT_LOCATION,
    owner: caller.owner,
    acl,
    grants: [],
    config: {},
  });
  call.res.setHeader('Location', `/${name}`);
  sendEmpty(call.res);
}

/** HEAD bucket: 200 when readable, 403 when it exists but is not ours, 404 otherwise. */
export async function headBucket(call: BosCall): Promise<void> {
  await bucketFor(call, 'READ');
  sendEmpty(call.res);
}

export async function deleteBucket(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'FULL_CONTROL');
  if (!(await call.ctx.store.isBucketEmpty(bucket.name))) throw new BosError(409, 'BucketNotEmpty');
  await call.ctx.store.deleteBucket(bucket.name);
  sendEmpty(call.res, 204);
}

export async function getBucketLocation(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'READ');
  sendJson(call.res, 200, { locationConstraint: bucket.location });
}

export async function getBucketAcl(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'FULL_CONTROL');
  sendJson(call.res, 200, { owner: { id: bucket.owner }, accessControlList: effectiveGrants(bucket) });
}

/**
 * PUT ?acl: either the `x-bce-acl` header (canned) or a JSON body
 * `{accessControlList:[...]}`, never both.
 */
export async function putBucketAcl(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'FULL_CONTROL');
  const canned = header(call, 'x-bce-acl');
  const body = await readBody(call.req, 1024 * 1024);
  if (canned !== undefined) {
    if (body.length > 0) throw bosErrors.invalidArgument('x-bce-acl and an ACL body cannot be used together.');
    if (!CANNED_ACLS.has(canned)) throw bosErrors.invalidArgument(`Invalid x-bce-acl: ${canned}`);
    await call.ctx.store.updateBucket(bucket.name, { acl: canned, grants: [] });
    sendEmpty(call.res);
    return;
  }
  const grants = parseAclBody(body);
  await call.ctx.store.updateBucket(bucket.name, { acl: 'private', grants });
  sendEmpty(call.res);
}

/** Validates the ACL JSON strictly: BOS refuses unknown permissions and empty grantee lists. */
export function parseAclBody(body: Buffer): BosGrant[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw bosErrors.malformedJson();
  }
  const list = (parsed as { accessControlList?: unknown } | null)?.accessControlList;
  if (!Array.isArray(list) || list.length === 0) throw bosErrors.malformedJson('accessControlList must be a non-empty list.');
  return list.map((entry: unknown): BosGrant => {
    const e = entry as { grantee?: unknown; permission?: unknown } | null;
    const grantee = e?.grantee;
    const permission = e?.permission;
    if (!Array.isArray(grantee) || grantee.length === 0 || !grantee.every((g) => typeof g?.id === 'string' && g.id !== '')) {
      throw bosErrors.malformedJson('Each grant needs a non-empty grantee list of {id}.');
    }
    if (!Array.isArray(permission) || permission.length === 0 || !permission.every((p) => PERMISSIONS.has(p))) {
      throw bosErrors.invalidArgument('permission must be a list of READ, WRITE, FULL_CONTROL.');
    }
    return { grantee: grantee.map((g: { id: string }) => ({ id: g.id })), permission: permission as Permission[] };
  });
}
