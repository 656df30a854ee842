/** Service and bucket operations: list, create, delete, head, ACL, location. */
import type { BucketRecord } from '../../store/types.ts';
import { bucketName, cannedAcl, children, parseBodyXml, readSmallBody, requireBucket, requireCaller, text, type Op } from './context.ts';
import { errors } from './errors.ts';
import { sendEmpty, sendXml, xmlTime } from './respond.ts';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

function owner(id: string): Record<string, string> {
  return { ID: id, DisplayName: id };
}

export async function listBuckets(op: Op): Promise<void> {
  const me = requireCaller(op).key.owner;
  const buckets = (await op.ctx.store.listBuckets()).filter((b) => b.owner === me).sort((a, b) => (a.name < b.name ? -1 : 1));
  sendXml(op.reply, 'ListAllMyBucketsResult', {
    Owner: owner(me),
    Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: xmlTime(b.createdAt) })) },
  });
}

export async function createBucket(op: Op): Promise<void> {
  const me = requireCaller(op).key.owner;
  const name = bucketName(op);
  if (!BUCKET_NAME.test(name) || name.includes('..')) throw errors.invalidBucketName();
  const acl = cannedAcl(op.headers) ?? 'private';
  // 6.0 pools may send a CreateBucketConfiguration (data location); it is read and kept, not interpreted.
  const body = await readSmallBody(op);
  const existing = await op.ctx.store.getBucket(name);
  if (existing) throw existing.owner === me ? errors.bucketOwned() : errors.bucketExists();
  const record: BucketRecord = { name, createdAt: op.ctx.now(), location: 'cn', owner: me, acl, grants: [], config: {} };
  if (body.length > 0) record.config['createBucketConfiguration'] = body.toString('utf8');
  await op.ctx.store.createBucket(record);
  op.reply.res.setHeader('Location', `/${name}`);
  sendEmpty(op.reply);
}

export async function deleteBucket(op: Op): Promise<void> {
  await requireBucket(op, 'owner');
  const name = bucketName(op);
  if (!(await op.ctx.store.isBucketEmpty(name))) throw errors.bucketNotEmpty();
  await op.ctx.store.deleteBucket(name);
  sendEmpty(op.reply, 204);
}

export async function headBucket(op: Op): Promise<void> {
  await requireBucket(op, 'read');
  sendEmpty(op.reply);
}

export async function getBucketLocation(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  sendXml(op.reply, 'LocationConstraint', { '#text': bucket.location });
}

/** Grants implied by a canned ACL plus the owner's FULL_CONTROL. */
export function aclGrants(ownerId: string, acl: string): Array<Record<string, unknown>> {
  const grants: Array<Record<string, unknown>> = [{ Grantee: owner(ownerId), Permission: 'FULL_CONTROL' }];
  if (acl === 'public-read' || acl === 'public-read-write') grants.push({ Grantee: { URI: ALL_USERS }, Permission: 'READ' });
  if (acl === 'public-read-write') grants.push({ Grantee: { URI: ALL_USERS }, Permission: 'WRITE' });
  return grants;
}

export function sendAcl(op: Op, ownerId: string, acl: string): void {
  sendXml(op.reply, 'AccessControlPolicy', {
    Owner: owner(ownerId),
    AccessControlList: { Grant: aclGrants(ownerId, acl) },
  });
}

/**
 * The canned ACL an ACL request asks for: the `x-amz-acl` header, or an
 * `<AccessControlPolicy>` body whose AllUsers grants decide public-read(-write).
 */
export async function requestedAcl(op: Op): Promise<string> {
  const header = cannedAcl(op.headers);
  const body = await readSmallBody(op);
  if (header !== undefined) return header;
  if (body.length === 0) throw errors.invalidArgument('An ACL must be given as the x-amz-acl header or an AccessControlPolicy body');
  const policy = parseBodyXml(body, 'AccessControlPolicy', ['AccessControlPolicy.AccessControlList.Grant']);
  const grants = children(policy['AccessControlList'], 'Grant');
  const publicPerms = new Set(grants.filter((g) => text(g['Grantee'], 'URI') === ALL_USERS).map((g) => text(g, 'Permission')));
  if (publicPerms.has('WRITE') || publicPerms.has('FULL_CONTROL')) return 'public-read-write';
  return publicPerms.has('READ') ? 'public-read' : 'private';
}

export async function getBucketAcl(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  sendAcl(op, bucket.owner, bucket.acl);
}

export async function putBucketAcl(op: Op): Promise<void> {
  await requireBucket(op, 'owner');
  const acl = await requestedAcl(op);
  await op.ctx.store.updateBucket(bucketName(op), { acl });
  sendEmpty(op.reply);
}
