/** CosS3Client's bucket calls as documented types: buckets, ACL, CORS, lifecycle, versioning. */
import type { B, CosMethod } from './client-types.ts';
import type * as acl from './operations/acl.ts';
import type * as bucket from './operations/bucket.ts';
import type * as cfg from './operations/bucket-config.ts';
import type { BucketParams, HeaderDict } from './operations/params.ts';
import type * as versioning from './operations/versioning.ts';

/** The bucket methods of `CosS3Client` under their Python names (one params object or the Python positional order). */
export interface CosBucketMethods {
  /** `create_bucket(Bucket, **kwargs)` → undefined (Python None). */
  create_bucket: CosMethod<bucket.CreateBucketParams, void, [Bucket: string, kwargs?: B<bucket.CreateBucketParams>]>;
  /** `delete_bucket(Bucket)` → undefined; the bucket must be empty. */
  delete_bucket: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `head_bucket(Bucket)` → response headers. */
  head_bucket: CosMethod<BucketParams, HeaderDict, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `bucket_exists(Bucket)` → boolean. */
  bucket_exists: CosMethod<BucketParams, boolean, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `list_buckets()` → `{Owner, Buckets: {Bucket: [...]}}`. */
  list_buckets: CosMethod<bucket.ListBucketsParams | undefined, bucket.ListBucketsResponse, [TagKey?: string, TagValue?: string, Region?: string]>;
  /** `put_bucket_acl(Bucket, AccessControlPolicy={}, **kwargs)` → undefined. */
  put_bucket_acl: CosMethod<acl.PutBucketAclParams, void, [Bucket: string, AccessControlPolicy?: acl.AccessControlPolicy, kwargs?: B<acl.PutBucketAclParams>]>;
  /** `get_bucket_acl(Bucket)` → `{Owner, Grant: [...], AccessControlList: {Grant: [...]}, CannedACL}`. */
  get_bucket_acl: CosMethod<BucketParams, acl.GetAclResponse, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `put_bucket_cors(Bucket, CORSConfiguration={CORSRule: [...]})` → undefined. */
  put_bucket_cors: CosMethod<
    cfg.PutBucketCorsParams,
    void,
    [Bucket: string, CORSConfiguration: cfg.PutBucketCorsParams['CORSConfiguration'], kwargs?: B<cfg.PutBucketCorsParams>]
  >;
  /** `get_bucket_cors(Bucket)` → `{CORSRule: [...]}`. */
  get_bucket_cors: CosMethod<BucketParams, cfg.GetBucketCorsResponse, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `delete_bucket_cors(Bucket)` → undefined. */
  delete_bucket_cors: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `put_bucket_lifecycle(Bucket, LifecycleConfiguration={Rule: [...]})` → undefined. */
  put_bucket_lifecycle: CosMethod<
    cfg.PutBucketLifecycleParams,
    void,
    [Bucket: string, LifecycleConfiguration: cfg.PutBucketLifecycleParams['LifecycleConfiguration'], kwargs?: B<cfg.PutBucketLifecycleParams>]
  >;
  /** `get_bucket_lifecycle(Bucket)` → `{Rule: [...]}`. */
  get_bucket_lifecycle: CosMethod<BucketParams, cfg.GetBucketLifecycleResponse, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `delete_bucket_lifecycle(Bucket)` → undefined. */
  delete_bucket_lifecycle: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]>;
  /** `put_bucket_versioning(Bucket, Status)` → undefined (beyond the seeds; the Python SDK has it). */
  put_bucket_versioning: CosMethod<
    versioning.PutBucketVersioningParams,
    void,
    [Bucket: string, Status: 'Enabled' | 'Suspended', kwargs?: B<versioning.PutBucketVersioningParams>]
  >;
  /** `get_bucket_versioning(Bucket)` → `{Status}`. */
  get_bucket_versioning: CosMethod<BucketParams, versioning.GetBucketVersioningResponse, [Bucket: string, kwargs?: B<BucketParams>]>;
}
