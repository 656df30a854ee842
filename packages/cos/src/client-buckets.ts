/** CosS3Client's bucket calls: buckets, ACL, CORS, lifecycle, versioning (Python and camelCase names). */
import type { B, CosMethod } from './client-types.ts';
import { CosClientBase } from './client-base.ts';
import * as acl from './operations/acl.ts';
import * as bucket from './operations/bucket.ts';
import * as cfg from './operations/bucket-config.ts';
import type { BucketParams, HeaderDict } from './operations/params.ts';
import * as versioning from './operations/versioning.ts';

export abstract class CosBucketCalls extends CosClientBase {
  /** `create_bucket(Bucket, **kwargs)` → undefined (Python None). */
  readonly create_bucket: CosMethod<bucket.CreateBucketParams, void, [Bucket: string, kwargs?: B<bucket.CreateBucketParams>]> = this.bind(
    'create_bucket',
    ['Bucket'],
    bucket.createBucket,
  );
  /** `delete_bucket(Bucket)` → undefined; the bucket must be empty. */
  readonly delete_bucket: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'delete_bucket',
    ['Bucket'],
    bucket.deleteBucket,
  );
  /** `head_bucket(Bucket)` → response headers. */
  readonly head_bucket: CosMethod<BucketParams, HeaderDict, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'head_bucket',
    ['Bucket'],
    bucket.headBucket,
  );
  /** `bucket_exists(Bucket)` → boolean. */
  readonly bucket_exists: CosMethod<BucketParams, boolean, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'bucket_exists',
    ['Bucket'],
    bucket.bucketExists,
  );
  /** `list_buckets()` → `{Owner, Buckets: {Bucket: [...]}}`. */
  readonly list_buckets: CosMethod<bucket.ListBucketsParams | undefined, bucket.ListBucketsResponse, [TagKey?: string, TagValue?: string, Region?: string]> =
    this.bind('list_buckets', ['TagKey', 'TagValue', 'Region'], bucket.listBuckets);
  /** `put_bucket_acl(Bucket, AccessControlPolicy={}, **kwargs)` → undefined. */
  readonly put_bucket_acl: CosMethod<
    acl.PutBucketAclParams,
    void,
    [Bucket: string, AccessControlPolicy?: acl.AccessControlPolicy, kwargs?: B<acl.PutBucketAclParams>]
  > = this.bind('put_bucket_acl', ['Bucket', 'AccessControlPolicy'], acl.putBucketAcl);
  /** `get_bucket_acl(Bucket)` → `{Owner, Grant: [...], AccessControlList: {Grant: [...]}, CannedACL}`. */
  readonly get_bucket_acl: CosMethod<BucketParams, acl.GetAclResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'get_bucket_acl',
    ['Bucket'],
    acl.getBucketAcl,
  );
  /** `put_bucket_cors(Bucket, CORSConfiguration={CORSRule: [...]})` → undefined. */
  readonly put_bucket_cors: CosMethod<
    cfg.PutBucketCorsParams,
    void,
    [Bucket: string, CORSConfiguration: cfg.PutBucketCorsParams['CORSConfiguration'], kwargs?: B<cfg.PutBucketCorsParams>]
  > = this.bind('put_bucket_cors', ['Bucket', 'CORSConfiguration'], cfg.putBucketCors);
  /** `get_bucket_cors(Bucket)` → `{CORSRule: [...]}`. */
  readonly get_bucket_cors: CosMethod<BucketParams, cfg.GetBucketCorsResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'get_bucket_cors',
    ['Bucket'],
    cfg.getBucketCors,
  );
  /** `delete_bucket_cors(Bucket)` → undefined. */
  readonly delete_bucket_cors: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'delete_bucket_cors',
    ['Bucket'],
    cfg.deleteBucketCors,
  );
  /** `put_bucket_lifecycle(Bucket, LifecycleConfiguration={Rule: [...]})` → undefined. */
  readonly put_bucket_lifecycle: CosMethod<
    cfg.PutBucketLifecycleParams,
    void,
    [Bucket: string, LifecycleConfiguration: cfg.PutBucketLifecycleParams['LifecycleConfiguration'], kwargs?: B<cfg.PutBucketLifecycleParams>]
  > = this.bind('put_bucket_lifecycle', ['Bucket', 'LifecycleConfiguration'], cfg.putBucketLifecycle);
  /** `get_bucket_lifecycle(Bucket)` → `{Rule: [...]}`. */
  readonly get_bucket_lifecycle: CosMethod<BucketParams, cfg.GetBucketLifecycleResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'get_bucket_lifecycle',
    ['Bucket'],
    cfg.getBucketLifecycle,
  );
  /** `delete_bucket_lifecycle(Bucket)` → undefined. */
  readonly delete_bucket_lifecycle: CosMethod<BucketParams, void, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'delete_bucket_lifecycle',
    ['Bucket'],
    cfg.deleteBucketLifecycle,
  );
  /** `put_bucket_versioning(Bucket, Status)` → undefined (beyond the seeds; the Python SDK has it). */
  readonly put_bucket_versioning: CosMethod<
    versioning.PutBucketVersioningParams,
    void,
    [Bucket: string, Status: 'Enabled' | 'Suspended', kwargs?: B<versioning.PutBucketVersioningParams>]
  > = this.bind('put_bucket_versioning', ['Bucket', 'Status'], versioning.putBucketVersioning);
  /** `get_bucket_versioning(Bucket)` → `{Status}`. */
  readonly get_bucket_versioning: CosMethod<BucketParams, versioning.GetBucketVersioningResponse, [Bucket: string, kwargs?: B<BucketParams>]> = this.bind(
    'get_bucket_versioning',
    ['Bucket'],
    versioning.getBucketVersioning,
  );

  // --- camelCase names: the same functions, the same docs ------------------
  /** `create_bucket(Bucket, **kwargs)` → undefined (Python None). */
  readonly createBucket = this.create_bucket;
  /** `delete_bucket(Bucket)` → undefined; the bucket must be empty. */
  readonly deleteBucket = this.delete_bucket;
  /** `head_bucket(Bucket)` → response headers. */
  readonly headBucket = this.head_bucket;
  /** `bucket_exists(Bucket)` → boolean. */
  readonly bucketExists = this.bucket_exists;
  /** `list_buckets()` → `{Owner, Buckets: {Bucket: [...]}}`. */
  readonly listBuckets = this.list_buckets;
  /** `put_bucket_acl(Bucket, AccessControlPolicy={}, **kwargs)` → undefined. */
  readonly putBucketAcl = this.put_bucket_acl;
  /** `get_bucket_acl(Bucket)` → `{Owner, Grant: [...], AccessControlList: {Grant: [...]}, CannedACL}`. */
  readonly getBucketAcl = this.get_bucket_acl;
  /** `put_bucket_cors(Bucket, CORSConfiguration={CORSRule: [...]})` → undefined. */
  readonly putBucketCors = this.put_bucket_cors;
  /** `get_bucket_cors(Bucket)` → `{CORSRule: [...]}`. */
  readonly getBucketCors = this.get_bucket_cors;
  /** `delete_bucket_cors(Bucket)` → undefined. */
  readonly deleteBucketCors = this.delete_bucket_cors;
  /** `put_bucket_lifecycle(Bucket, LifecycleConfiguration={Rule: [...]})` → undefined. */
  readonly putBucketLifecycle = this.put_bucket_lifecycle;
  /** `get_bucket_lifecycle(Bucket)` → `{Rule: [...]}`. */
  readonly getBucketLifecycle = this.get_bucket_lifecycle;
  /** `delete_bucket_lifecycle(Bucket)` → undefined. */
  readonly deleteBucketLifecycle = this.delete_bucket_lifecycle;
  /** `put_bucket_versioning(Bucket, Status)` → undefined (beyond the seeds; the Python SDK has it). */
  readonly putBucketVersioning = this.put_bucket_versioning;
  /** `get_bucket_versioning(Bucket)` → `{Status}`. */
  readonly getBucketVersioning = this.get_bucket_versioning;
}
