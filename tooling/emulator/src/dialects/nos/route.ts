import * as bucketOps from './bucket.ts';
import type { NosCall } from './call.ts';
import { NosError } from './errors.ts';
import * as multipart from './multipart.ts';
import * as objects from './objects.ts';
import type { NosTarget } from './target.ts';

export interface NosRoute {
  /** The operation name, as fault rules and the Python SDK call it. */
  operation: string;
  handler: (call: NosCall) => Promise<void>;
  /** Anonymous callers may use it on public-read buckets. */
  publicRead?: boolean;
}

const route = (operation: string, handler: NosRoute['handler'], publicRead = false): NosRoute => ({
  operation,
  handler,
  publicRead,
});

/** Maps method + target to one NOS operation (protocol §8); throws 405 for anything else. */
export function routeNos(method: string, target: NosTarget, headers: Record<string, unknown>): NosRoute {
  const q = target.query;
  if (target.bucket === undefined) {
    if (method === 'GET') return route('list_buckets', bucketOps.listBuckets);
    throw new NosError(405, 'MethodNotAllowed');
  }
  if (target.key === undefined) {
    switch (method) {
      case 'GET':
        if (q.has('uploads')) return route('list_multipart_uploads', multipart.listUploads);
        if (q.has('acl')) return route('get_bucket_acl', bucketOps.getBucketAcl);
        if (q.has('location')) return route('get_bucket_location', bucketOps.getBucketLocation);
        return route('list_objects', bucketOps.listObjects, true);
      case 'HEAD':
        return route('head_bucket', bucketOps.headBucket, true);
      case 'PUT':
        if (q.has('acl')) return route('put_bucket_acl', bucketOps.putBucketAcl);
        return route('create_bucket', bucketOps.createBucket);
      case 'DELETE':
        return route('delete_bucket', bucketOps.deleteBucket);
      case 'POST':
        if (q.has('delete')) return route('delete_objects', bucketOps.deleteObjects);
        break;
    }
    throw new NosError(405, 'MethodNotAllowed');
  }
  switch (method) {
    case 'GET':
      if (q.has('uploadId')) return route('list_parts', multipart.listParts);
      return route('get_object', objects.getObject, true);
    case 'HEAD':
      return route('head_object', objects.headObject, true);
    case 'PUT':
      if (q.has('partNumber') || q.has('uploadId')) return route('upload_part', multipart.uploadPart);
      if (headers['x-nos-copy-source'] !== undefined) return route('copy_object', objects.copyObject);
      if (headers['x-nos-move-source'] !== undefined) return route('move_object', objects.moveObject);
      return route('put_object', objects.putObject);
    case 'DELETE':
      if (q.has('uploadId')) return route('abort_multipart_upload', multipart.abortUpload);
      return route('delete_object', objects.deleteObject);
    case 'POST':
      if (q.has('uploads')) return route('create_multipart_upload', multipart.initiateUpload);
      if (q.has('uploadId')) return route('complete_multipart_upload', multipart.completeUpload);
      break;
  }
  throw new NosError(405, 'MethodNotAllowed');
}
