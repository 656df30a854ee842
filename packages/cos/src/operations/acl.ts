import { buildXml, md5Base64, toBody } from '@yunstore/core';
import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { ACL_HEADERS, getHeader, headersFrom } from '../headers.ts';
import { isPlainObject } from '../validate.ts';
import { parseCosXml, type CosXmlDict } from '../xml-shape.ts';
import type { AclHeaderParams } from './bucket.ts';
import { bucketOf, keyOf, signalSpec, type BucketParams } from './params.ts';

export interface Grantee {
  DisplayName?: string;
  /** `'CanonicalUser'` (with ID) or `'Group'` (with URI); inferred when omitted. */
  Type?: string;
  ID?: string;
  URI?: string;
}
export interface Grant {
  Grantee: Grantee;
  /** `'FULL_CONTROL'`, `'WRITE'`, `'READ'`, `'READ_ACP'`, `'WRITE_ACP'`. */
  Permission: string;
}
/** Seed 002's form `{Owner, Grant: [...]}`; the SDK's `{Owner, AccessControlList: {Grant: [...]}}` is accepted too. */
export interface AccessControlPolicy {
  Owner?: { ID?: string; DisplayName?: string };
  Grant?: Grant[] | Grant;
  AccessControlList?: { Grant?: Grant[] | Grant };
}

export interface PutBucketAclParams extends BucketParams, AclHeaderParams {
  /** Grants in the body; cannot be combined with the ACL/Grant* headers. */
  AccessControlPolicy?: AccessControlPolicy;
}
export interface PutObjectAclParams extends PutBucketAclParams {
  Key: string;
}

/** `Owner` of a bucket or object: `{ID, DisplayName}` (`'qcs::cam::uin/100000000001:uin/100000000001'`). */
export type AclOwner = {
  ID: string;
  DisplayName?: string | null;
};

/** One grant as get_bucket_acl returns it; `Type` is `'CanonicalUser'` (with `ID`) or `'Group'` (with `URI`). */
export type AclGrant = {
  Grantee: { Type: 'CanonicalUser' | 'Group' | string; ID?: string; URI?: string; DisplayName?: string | null };
  /** `'FULL_CONTROL'`, `'WRITE'`, `'READ'`, `'READ_ACP'`, `'WRITE_ACP'`. */
  Permission: string;
};

/**
 * get_bucket_acl / get_object_acl. Both spellings the sources show:
 * `Grant` at the top (seed 002) and `AccessControlList.Grant` (current SDK),
 * the same list; plus `CannedACL` derived as the Python SDK does.
 */
export interface GetAclResponse {
  Owner?: AclOwner;
  Grant: AclGrant[];
  AccessControlList: { Grant: AclGrant[] };
  /** `'private'`, `'public-read'`, `'public-read-write'` (objects also `'default'`). */
  CannedACL: string;
}

const ALL_USERS = 'http://cam.qcloud.com/groups/global/AllUsers';

function grantList(policy: Record<string, unknown>): unknown[] {
  const list = policy['AccessControlList'];
  const raw = isPlainObject(list) ? list['Grant'] : policy['Grant'];
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}

/** A text element's value, or undefined (skipped by the builder) when the caller gave none. */
function text(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The AccessControlPolicy body; each `Grantee` carries its `xsi:type` attribute, written by core's builder. */
export function buildAclXml(policy: Record<string, unknown>): string {
  const owner = isPlainObject(policy['Owner']) ? policy['Owner'] : {};
  const grants = grantList(policy).map((g, i) => {
    if (!isPlainObject(g) || !isPlainObject(g['Grantee'])) {
      throw new CosClientError(`AccessControlPolicy Grant[${i}] must be {Grantee: {...}, Permission}`, { code: 'InvalidArgument' });
    }
    const grantee = g['Grantee'];
    const type = typeof grantee['Type'] === 'string' ? grantee['Type'] : grantee['URI'] ? 'Group' : 'CanonicalUser';
    return {
      Grantee: { '@_xmlns:xsi': XSI, '@_xsi:type': type, ID: text(grantee['ID']), URI: text(grantee['URI']), DisplayName: text(grantee['DisplayName']) },
      Permission: text(g['Permission']),
    };
  });
  return buildXml('AccessControlPolicy', {
    Owner: { ID: text(owner['ID']), DisplayName: text(owner['DisplayName']) },
    AccessControlList: { Grant: grants },
  });
}

async function putAcl(ctx: CosContext, params: Record<string, unknown>, op: string, key: string | undefined): Promise<void> {
  const bucket = bucketOf(ctx, params);
  const headers = headersFrom(params, ACL_HEADERS);
  const policy = params['AccessControlPolicy'];
  let body;
  if (policy !== undefined && policy !== null) {
    if (!isPlainObject(policy)) {
      throw new CosClientError('AccessControlPolicy must be a dict', { code: 'InvalidArgument' });
    }
    if (Object.keys(policy).length > 0) {
      if (Object.keys(headers).length > 0) {
        // COS answers a conflict when both forms are present; say so before sending.
        throw new CosClientError('AccessControlPolicy cannot be combined with ACL/GrantRead/GrantWrite/GrantFullControl', {
          code: 'InvalidArgument',
        });
      }
      const xml = buildAclXml(policy);
      body = await toBody(xml);
      headers['Content-Type'] = 'application/xml';
      headers['Content-MD5'] = md5Base64(xml);
    }
  }
  await ctx.http.send({
    op,
    method: 'PUT',
    bucket,
    ...(key !== undefined ? { key } : {}),
    query: [['acl', '']],
    headers,
    ...(body ? { body } : {}),
    ...signalSpec(params),
  });
}

/** Python's derivation of a canned ACL from the grants. */
export function cannedAcl(grants: readonly CosXmlDict[] | readonly AclGrant[], aclHeader: string | undefined): string {
  if (aclHeader === 'default') return 'default';
  let read = false;
  let write = false;
  for (const g of grants) {
    const grantee: unknown = g['Grantee'];
    if (!isPlainObject(grantee) || grantee['URI'] !== ALL_USERS) continue;
    const p: unknown = g['Permission'];
    if (p === 'READ') read = true;
    if (p === 'WRITE') write = true;
    if (p === 'FULL_CONTROL') read = write = true;
  }
  return read && write ? 'public-read-write' : read ? 'public-read' : 'private';
}

/** Shapes an AccessControlPolicy body (pure; exported for tests). */
export function shapeAcl(body: Buffer | string, aclHeader?: string): GetAclResponse {
  const dict = parseCosXml(body, ['Grant']);
  const list = dict['AccessControlList'];
  const grants = (list && typeof list === 'object' && !Array.isArray(list) && Array.isArray(list['Grant']) ? list['Grant'] : []) as CosXmlDict[];
  for (const g of grants) {
    const grantee = g['Grantee'];
    // The xsi:type attribute is not kept by the parser; ID vs URI says the same.
    if (grantee && typeof grantee === 'object' && !Array.isArray(grantee) && grantee['Type'] === undefined) {
      grantee['Type'] = grantee['URI'] ? 'Group' : 'CanonicalUser';
    }
  }
  // The parsed dict holds strings, nulls, dicts and lists; these are the shapes COS's AccessControlPolicy gives.
  const typed = grants as unknown as AclGrant[];
  const out: GetAclResponse = {
    ...dict,
    Grant: typed,
    AccessControlList: { Grant: typed },
    CannedACL: cannedAcl(grants, aclHeader),
  };
  const owner = dict['Owner'];
  if (isPlainObject(owner) && typeof owner['ID'] === 'string') out.Owner = owner as unknown as AclOwner;
  return out;
}

async function getAcl(ctx: CosContext, params: Record<string, unknown>, op: string, key: string | undefined): Promise<GetAclResponse> {
  const bucket = bucketOf(ctx, params);
  const spec: CosRequestSpec = {
    op,
    method: 'GET',
    bucket,
    ...(key !== undefined ? { key } : {}),
    query: [['acl', '']],
    ...signalSpec(params),
  };
  const { result } = await ctx.http.parse(spec, (body, answer) => shapeAcl(body, getHeader(answer.headers, 'x-cos-acl')));
  return result;
}

export function putBucketAcl(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  return putAcl(ctx, params, 'put_bucket_acl', undefined);
}
export function getBucketAcl(ctx: CosContext, params: Record<string, unknown>): Promise<GetAclResponse> {
  return getAcl(ctx, params, 'get_bucket_acl', undefined);
}
export function putObjectAcl(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  return putAcl(ctx, params, 'put_object_acl', keyOf(params));
}
export function getObjectAcl(ctx: CosContext, params: Record<string, unknown>): Promise<GetAclResponse> {
  return getAcl(ctx, params, 'get_object_acl', keyOf(params));
}
