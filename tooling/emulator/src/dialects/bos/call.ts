/**
 * One routed BOS request and the access rules every operation shares:
 * who is calling, which bucket, and whether its ACL lets them in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { AccessKey } from '../../credentials.ts';
import type { FaultDecision } from '../../faults.ts';
import type { BucketRecord } from '../../store/types.ts';
import type { DialectContext } from '../types.ts';
import { BosError, bosErrors } from './errors.ts';
import { utf8HeaderValue } from '@yunstore/core';

export type Permission = 'READ' | 'WRITE' | 'FULL_CONTROL';

/** A grant as BOS writes it in ACL JSON. */
export interface BosGrant {
  grantee: Array<{ id: string }>;
  permission: Permission[];
}

export interface BosCall {
  ctx: DialectContext;
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** Bucket named by Host or path, if any. */
  bucket: string | undefined;
  /** Decoded object key, if any (may contain `//` and end with `/`). */
  key: string | undefined;
  /** Decoded query pairs in wire order. */
  query: Array<[string, string]>;
  /** The caller; undefined for anonymous requests. */
  caller: AccessKey | undefined;
  /** Host header as received (for `location` URLs). */
  host: string;
  /** Fault decision for this operation (latency already served). */
  fault: FaultDecision;
}

export function param(call: BosCall, name: string): string | undefined {
  return call.query.find(([n]) => n === name)?.[1];
}

export function hasParam(call: BosCall, name: string): boolean {
  return call.query.some(([n]) => n === name);
}

export function header(call: BosCall, name: string): string | undefined {
  const v = call.req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The grants a bucket effectively has: explicit ones, or those its canned ACL implies. */
export function effectiveGrants(bucket: BucketRecord): BosGrant[] {
  if (bucket.grants.length > 0) return bucket.grants as BosGrant[];
  const grants: BosGrant[] = [{ grantee: [{ id: bucket.owner }], permission: ['FULL_CONTROL'] }];
  if (bucket.acl === 'public-read') grants.push({ grantee: [{ id: '*' }], permission: ['READ'] });
  if (bucket.acl === 'public-read-write') grants.push({ grantee: [{ id: '*' }], permission: ['READ', 'WRITE'] });
  return grants;
}

export function isAllowed(bucket: BucketRecord, caller: AccessKey | undefined, need: Permission): boolean {
  if (caller && caller.owner === bucket.owner) return true;
  return effectiveGrants(bucket).some(
    (g) =>
      g.grantee.some((p) => p.id === '*' || (caller !== undefined && p.id === caller.owner)) &&
      (g.permission.includes(need) || g.permission.includes('FULL_CONTROL')),
  );
}

/** The call's bucket after the existence and permission checks (404 before 403, as BOS answers). */
export async function bucketFor(call: BosCall, need: Permission): Promise<BucketRecord> {
  const name = call.bucket;
  if (!name) throw bosErrors.noSuchBucket();
  const bucket = await call.ctx.store.getBucket(name);
  if (!bucket) throw bosErrors.noSuchBucket();
  if (!isAllowed(bucket, call.caller, need)) throw bosErrors.accessDenied();
  return bucket;
}

/**
 * The request body passed through the fault throttle (bandwidth caps, resets).
 * A `resetAfterBytes` fault resets the upload's connection after that many
 * body bytes, as the README promises for every dialect.
 */
export function requestBody(call: BosCall): Readable {
  return call.req.pipe(call.ctx.faults.throttle(call.fault, call.req));
}

/** `x-bce-meta-*` request headers → store metadata (lower-case names, prefix stripped, UTF-8 values decoded). */
export function userMeta(call: BosCall): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.req.headers)) {
    if (!name.startsWith('x-bce-meta-') || value === undefined) continue;
    meta[name.slice('x-bce-meta-'.length)] = utf8HeaderValue(Array.isArray(value) ? value.join(',') : value);
  }
  return meta;
}

/** BOS limit: sum of `x-bce-meta-<name>` + value lengths ≤ 2 KiB. */
export function checkMetaSize(meta: Record<string, string>): void {
  let total = 0;
  for (const [name, value] of Object.entries(meta)) total += `x-bce-meta-${name}`.length + Buffer.byteLength(value);
  if (total > 2048) throw new BosError(400, 'MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.');
}

export function ownerOf(id: string): { id: string; displayName: string } {
  return { id, displayName: id };
}
