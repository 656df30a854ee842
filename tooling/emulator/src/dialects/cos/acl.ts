/**
 * COS access control: canned ACLs, `x-cos-grant-*` headers, the
 * `<AccessControlPolicy>` body and the permission check the dialect applies
 * to callers who do not own the bucket (anonymous or another account).
 */
import { buildXml, parseXml } from '@yunstore/core';
import { cosErrors } from './errors.ts';
import { asList, objOf, textOf } from './xml.ts';

export type Permission = 'READ' | 'WRITE' | 'FULL_CONTROL' | 'READ_ACP' | 'WRITE_ACP';
const PERMISSIONS: readonly Permission[] = ['READ', 'WRITE', 'FULL_CONTROL', 'READ_ACP', 'WRITE_ACP'];

export interface CosGrant {
  type: 'CanonicalUser' | 'Group';
  id?: string;
  uri?: string;
  permission: Permission;
}

export interface CosAcl {
  /** private | public-read | public-read-write (objects also `default`: follow the bucket). */
  canned: string;
  grants: CosGrant[];
}

export const ALL_USERS = 'http://cam.qcloud.com/groups/global/AllUsers';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const BUCKET_CANNED = new Set(['private', 'public-read', 'public-read-write']);
const OBJECT_CANNED = new Set(['default', 'private', 'public-read', 'public-read-write']);

/** COS owner ids look like `qcs::cam::uin/<uin>:uin/<uin>`; the emulator's owner name stands in for the uin. */
export function ownerId(owner: string): string {
  return `qcs::cam::uin/${owner}:uin/${owner}`;
}

const GRANT_HEADERS: Array<[string, Permission]> = [
  ['x-cos-grant-read', 'READ'],
  ['x-cos-grant-write', 'WRITE'],
  ['x-cos-grant-full-control', 'FULL_CONTROL'],
  ['x-cos-grant-read-acp', 'READ_ACP'],
  ['x-cos-grant-write-acp', 'WRITE_ACP'],
];

/**
 * Reads `x-cos-acl` and `x-cos-grant-*`. Undefined when the request carries
 * none of them. Grant values: `id="qcs::cam::uin/1:uin/1",uri="http://..."`.
 */
export function aclFromHeaders(get: (name: string) => string | undefined, level: 'bucket' | 'object'): CosAcl | undefined {
  const canned = get('x-cos-acl');
  const grants: CosGrant[] = [];
  for (const [name, permission] of GRANT_HEADERS) {
    const value = get(name);
    if (value === undefined) continue;
    const re = /(id|uri)\s*=\s*"([^"]*)"/gi;
    let m: RegExpExecArray | null;
    let found = false;
    while ((m = re.exec(value))) {
      found = true;
      grants.push(m[1]!.toLowerCase() === 'id' ? { type: 'CanonicalUser', id: m[2]!, permission } : { type: 'Group', uri: m[2]!, permission });
    }
    if (!found) throw cosErrors.invalidArgument(`${name}: expected id="<owner id>" or uri="<group>" entries`);
  }
  if (canned === undefined && grants.length === 0) return undefined;
  const allowed = level === 'bucket' ? BUCKET_CANNED : OBJECT_CANNED;
  if (canned !== undefined && !allowed.has(canned)) throw cosErrors.invalidArgument(`x-cos-acl: unsupported value ${canned}`);
  return { canned: canned ?? (level === 'bucket' ? 'private' : 'default'), grants };
}

/** Reads an `<AccessControlPolicy>` body (put_bucket_acl / put_object_acl body form). */
export function aclFromBody(body: Buffer): CosAcl {
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(body);
  } catch {
    throw cosErrors.malformedXml();
  }
  const policy = objOf(doc['AccessControlPolicy']);
  if (!doc['AccessControlPolicy']) throw cosErrors.malformedXml('the body must be an AccessControlPolicy');
  const grants: CosGrant[] = [];
  for (const g of asList(objOf(policy['AccessControlList'])['Grant'])) {
    const grant = objOf(g);
    const grantee = objOf(grant['Grantee']);
    const permission = textOf(grant['Permission']) as Permission;
    if (!PERMISSIONS.includes(permission)) throw cosErrors.malformedXml(`unknown Permission ${permission}`);
    const uri = textOf(grantee['URI']);
    const id = textOf(grantee['ID']);
    if (uri) grants.push({ type: 'Group', uri, permission });
    else if (id) grants.push({ type: 'CanonicalUser', id, permission });
    else throw cosErrors.malformedXml('a Grantee needs an ID or a URI');
  }
  return { canned: 'private', grants };
}

/** Grants implied by a canned ACL. */
function cannedGrants(canned: string): CosGrant[] {
  if (canned === 'public-read') return [{ type: 'Group', uri: ALL_USERS, permission: 'READ' }];
  if (canned === 'public-read-write') {
    return [
      { type: 'Group', uri: ALL_USERS, permission: 'READ' },
      { type: 'Group', uri: ALL_USERS, permission: 'WRITE' },
    ];
  }
  return [];
}

/** One `<Grant>`: the Grantee says its kind in `xsi:type`, as COS writes it (core's builder writes `@_` keys as attributes). */
function grantXml(g: CosGrant): Record<string, unknown> {
  const kind = { '@_xmlns:xsi': XSI, '@_xsi:type': g.type };
  const grantee = g.type === 'Group' ? { ...kind, URI: g.uri } : { ...kind, ID: g.id, DisplayName: g.id };
  return { Grantee: grantee, Permission: g.permission };
}

/** The `<AccessControlPolicy>` answer document: owner FULL_CONTROL, canned grants, explicit grants. */
export function aclXml(owner: string, acl: CosAcl): string {
  const id = ownerId(owner);
  const grants: CosGrant[] = [{ type: 'CanonicalUser', id, permission: 'FULL_CONTROL' }, ...cannedGrants(acl.canned), ...acl.grants];
  return buildXml('AccessControlPolicy', { Owner: { ID: id, DisplayName: id }, AccessControlList: { Grant: grants.map(grantXml) } }, { declaration: true });
}

function grantMatches(g: CosGrant, caller: string | undefined): boolean {
  if (g.type === 'Group') return g.uri === ALL_USERS;
  if (caller === undefined || g.id === undefined) return false;
  return g.id === ownerId(caller) || g.id.endsWith(`uin/${caller}`) || g.id.includes(`uin/${caller}:`);
}

/** True when `caller` (an owner name, or undefined for anonymous) holds `needed` under this ACL. */
export function aclAllows(acl: CosAcl, caller: string | undefined, needed: Permission): boolean {
  return [...cannedGrants(acl.canned), ...acl.grants].some((g) => grantMatches(g, caller) && (g.permission === needed || g.permission === 'FULL_CONTROL'));
}
