/**
 * Who may do what on a bucket or object they reach: the bucket owner may do
 * everything; anyone else (another account, or an anonymous caller) needs a
 * grant from the bucket ACL, or from the object ACL when it is not `default`.
 */
import type { BucketRecord, ObjectRecord } from '../../store/types.ts';
import { aclAllows, type CosAcl, type CosGrant, type Permission } from './acl.ts';
import { cosErrors } from './errors.ts';

const NEEDS: Record<string, Permission | 'owner'> = {
  get_object: 'READ',
  head_object: 'READ',
  select_object_content: 'READ',
  list_objects: 'READ',
  list_objects_versions: 'READ',
  head_bucket: 'READ',
  get_bucket_acl: 'READ_ACP',
  get_object_acl: 'READ_ACP',
  put_bucket_acl: 'WRITE_ACP',
  put_object_acl: 'WRITE_ACP',
  put_object: 'WRITE',
  delete_object: 'WRITE',
  delete_objects: 'WRITE',
  copy_object: 'WRITE',
  append_object: 'WRITE',
  restore_object: 'WRITE',
  create_multipart_upload: 'WRITE',
  upload_part: 'WRITE',
  upload_part_copy: 'WRITE',
  list_parts: 'WRITE',
  complete_multipart_upload: 'WRITE',
  abort_multipart_upload: 'WRITE',
  list_multipart_uploads: 'WRITE',
};

/** The bucket's ACL in the dialect's shape. */
export function bucketAcl(bucket: BucketRecord): CosAcl {
  return { canned: bucket.acl, grants: bucket.grants as CosGrant[] };
}

/** The object's own ACL (`default` when never set). */
export function objectAcl(obj: ObjectRecord): CosAcl {
  const acl = obj.extra['acl'] as CosAcl | undefined;
  return acl ?? { canned: 'default', grants: [] };
}

/** Throws AccessDenied unless `caller` may run `op`; `obj` refines object-level permissions. */
export function authorize(caller: string | undefined, bucket: BucketRecord, op: string, obj?: ObjectRecord): void {
  if (caller !== undefined && caller === bucket.owner) return;
  const needed = NEEDS[op] ?? 'owner';
  if (needed === 'owner') throw cosErrors.accessDenied();
  const own = obj ? objectAcl(obj) : undefined;
  const acl = own && own.canned !== 'default' ? own : own && own.grants.length > 0 ? own : bucketAcl(bucket);
  if (!aclAllows(acl, caller, needed)) throw cosErrors.accessDenied();
}

/** True when object-level ACLs can matter for this caller (so the handler should re-check with the object). */
export function needsObjectCheck(caller: string | undefined, bucket: BucketRecord): boolean {
  return caller === undefined || caller !== bucket.owner;
}
