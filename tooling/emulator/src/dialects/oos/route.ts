/**
 * Which operation a request is: method + bucket/key presence + sub-resource.
 * Names are the seed's method names, which fault injection targets
 * (`faults.decide('oos', 'put_object')`).
 */
import type { Target } from '../../common/http.ts';
import * as bucket from './bucket.ts';
import * as config from './config.ts';
import type { OpHandler } from './context.ts';
import { deleteObjects } from './delete.ts';
import { iamAction } from './iam.ts';
import * as listing from './listing.ts';
import * as multipart from './multipart.ts';
import * as object from './object.ts';

export interface Route {
  name: string;
  handler: OpHandler;
}

const BUCKET_SUBRESOURCES: Record<string, Partial<Record<string, Route>>> = {
  acl: { GET: { name: 'get_bucket_acl', handler: bucket.getBucketAcl }, PUT: { name: 'put_bucket_acl', handler: bucket.putBucketAcl } },
  policy: {
    GET: { name: 'get_bucket_policy', handler: config.getBucketPolicy },
    PUT: { name: 'put_bucket_policy', handler: config.putBucketPolicy },
    DELETE: { name: 'delete_bucket_policy', handler: config.deleteBucketPolicy },
  },
  website: {
    GET: { name: 'get_bucket_website', handler: config.getBucketWebsite },
    PUT: { name: 'put_bucket_website', handler: config.putBucketWebsite },
    DELETE: { name: 'delete_bucket_website', handler: config.deleteBucketWebsite },
  },
  logging: { GET: { name: 'get_bucket_logging', handler: config.getBucketLogging }, PUT: { name: 'put_bucket_logging', handler: config.putBucketLogging } },
  trigger: {
    GET: { name: 'get_bucket_trigger', handler: config.getBucketTrigger },
    PUT: { name: 'put_bucket_trigger', handler: config.putBucketTrigger },
    DELETE: { name: 'delete_bucket_trigger', handler: config.deleteBucketTrigger },
  },
  lifecycle: {
    GET: { name: 'get_bucket_lifecycle', handler: config.getBucketLifecycle },
    PUT: { name: 'put_bucket_lifecycle', handler: config.putBucketLifecycle },
    DELETE: { name: 'delete_bucket_lifecycle', handler: config.deleteBucketLifecycle },
  },
  uploads: { GET: { name: 'list_multipart_uploads', handler: listing.listMultipartUploads } },
  location: { GET: { name: 'get_bucket_location', handler: bucket.getBucketLocation } },
  delete: { POST: { name: 'delete_objects', handler: deleteObjects } },
};

const BUCKET_PLAIN: Partial<Record<string, Route>> = {
  GET: { name: 'list_objects', handler: listing.listObjects },
  PUT: { name: 'create_bucket', handler: bucket.createBucket },
  DELETE: { name: 'delete_bucket', handler: bucket.deleteBucket },
  HEAD: { name: 'head_bucket', handler: bucket.headBucket },
};

function objectRoute(method: string, q: URLSearchParams, headers: Record<string, string>): Route | undefined {
  const copy = headers['x-amz-copy-source'] !== undefined;
  if (q.has('uploadId')) {
    if (method === 'PUT' && q.has('partNumber')) {
      return copy ? { name: 'upload_part_copy', handler: multipart.uploadPartCopy } : { name: 'upload_part', handler: multipart.uploadPart };
    }
    if (method === 'GET') return { name: 'list_parts', handler: multipart.listParts };
    if (method === 'POST') return { name: 'complete_multipart_upload', handler: multipart.completeMultipartUpload };
    if (method === 'DELETE') return { name: 'abort_multipart_upload', handler: multipart.abortMultipartUpload };
    return undefined;
  }
  if (method === 'POST' && q.has('uploads')) return { name: 'create_multipart_upload', handler: multipart.createMultipartUpload };
  if (q.has('acl')) {
    if (method === 'GET') return { name: 'get_object_acl', handler: object.getObjectAcl };
    if (method === 'PUT') return { name: 'put_object_acl', handler: object.putObjectAcl };
    return undefined;
  }
  switch (method) {
    case 'PUT':
      return copy ? { name: 'copy_object', handler: object.copyObject } : { name: 'put_object', handler: object.putObject };
    case 'GET':
    case 'HEAD':
      return { name: method === 'GET' ? 'get_object' : 'head_object', handler: object.getObject };
    case 'DELETE':
      return { name: 'delete_object', handler: object.deleteObject };
    default:
      return undefined;
  }
}

/** The route for a storage request, or undefined (→ 405 MethodNotAllowed). */
export function resolveRoute(method: string, target: Target, headers: Record<string, string>): Route | undefined {
  if (target.bucket === undefined) {
    if (method === 'GET') return { name: 'list_buckets', handler: bucket.listBuckets };
    if (method === 'POST') return IAM_ROUTE;
    return undefined;
  }
  if (target.key !== undefined) return objectRoute(method, target.query, headers);
  for (const [sub, byMethod] of Object.entries(BUCKET_SUBRESOURCES)) {
    if (target.query.has(sub)) return byMethod[method];
  }
  return BUCKET_PLAIN[method];
}

/** IAM requests: POST / with a form body (same port as storage) or any request to an `oos-<region>-iam.` host. */
export const IAM_ROUTE: Route = { name: 'iam', handler: iamAction };

export function isIamHost(host: string | undefined): boolean {
  return host !== undefined && /^oos-[a-z0-9-]+-iam\./i.test(host);
}
