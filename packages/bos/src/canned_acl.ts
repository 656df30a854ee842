/** The canned ACLs of `set_bucket_canned_acl` (Python: `baidubce.services.bos.canned_acl`). */
export const PRIVATE = 'private';
export const PUBLIC_READ = 'public-read';
export const PUBLIC_READ_WRITE = 'public-read-write';

export type CannedAcl = typeof PRIVATE | typeof PUBLIC_READ | typeof PUBLIC_READ_WRITE;

export const CANNED_ACLS: readonly CannedAcl[] = [PRIVATE, PUBLIC_READ, PUBLIC_READ_WRITE];
