/**
 * Which operation a request is: method + addressing level (service, bucket,
 * object) + the sub-resource in the query or a telltale header. Names are
 * the seed's method names so fault injection can target them.
 */
import type { Target } from '../../common/http.ts';

export type Level = 'service' | 'bucket' | 'object';

interface Route {
  method: string;
  level: Level;
  /** Query parameter that must be present. */
  query?: string;
  /** Request header that must be present (lower-case). */
  header?: string;
  op: string;
}

// Order matters: the first match wins, so specific routes precede the plain one.
const ROUTES: Route[] = [
  { method: 'GET', level: 'service', op: 'list_buckets' },

  { method: 'PUT', level: 'bucket', query: 'acl', op: 'put_bucket_acl' },
  { method: 'PUT', level: 'bucket', query: 'cors', op: 'put_bucket_cors' },
  { method: 'PUT', level: 'bucket', query: 'lifecycle', op: 'put_bucket_lifecycle' },
  { method: 'PUT', level: 'bucket', query: 'versioning', op: 'put_bucket_versioning' },
  { method: 'PUT', level: 'bucket', op: 'create_bucket' },
  { method: 'GET', level: 'bucket', query: 'acl', op: 'get_bucket_acl' },
  { method: 'GET', level: 'bucket', query: 'cors', op: 'get_bucket_cors' },
  { method: 'GET', level: 'bucket', query: 'lifecycle', op: 'get_bucket_lifecycle' },
  { method: 'GET', level: 'bucket', query: 'versioning', op: 'get_bucket_versioning' },
  { method: 'GET', level: 'bucket', query: 'location', op: 'get_bucket_location' },
  { method: 'GET', level: 'bucket', query: 'versions', op: 'list_objects_versions' },
  { method: 'GET', level: 'bucket', query: 'uploads', op: 'list_multipart_uploads' },
  { method: 'GET', level: 'bucket', op: 'list_objects' },
  { method: 'HEAD', level: 'bucket', op: 'head_bucket' },
  { method: 'DELETE', level: 'bucket', query: 'cors', op: 'delete_bucket_cors' },
  { method: 'DELETE', level: 'bucket', query: 'lifecycle', op: 'delete_bucket_lifecycle' },
  { method: 'DELETE', level: 'bucket', op: 'delete_bucket' },
  { method: 'POST', level: 'bucket', query: 'delete', op: 'delete_objects' },

  { method: 'PUT', level: 'object', query: 'acl', op: 'put_object_acl' },
  { method: 'PUT', level: 'object', query: 'uploadId', header: 'x-cos-copy-source', op: 'upload_part_copy' },
  { method: 'PUT', level: 'object', query: 'uploadId', op: 'upload_part' },
  { method: 'PUT', level: 'object', header: 'x-cos-copy-source', op: 'copy_object' },
  { method: 'PUT', level: 'object', op: 'put_object' },
  { method: 'GET', level: 'object', query: 'acl', op: 'get_object_acl' },
  { method: 'GET', level: 'object', query: 'uploadId', op: 'list_parts' },
  { method: 'GET', level: 'object', op: 'get_object' },
  { method: 'HEAD', level: 'object', op: 'head_object' },
  { method: 'DELETE', level: 'object', query: 'uploadId', op: 'abort_multipart_upload' },
  { method: 'DELETE', level: 'object', op: 'delete_object' },
  { method: 'POST', level: 'object', query: 'uploads', op: 'create_multipart_upload' },
  { method: 'POST', level: 'object', query: 'uploadId', op: 'complete_multipart_upload' },
  { method: 'POST', level: 'object', query: 'append', op: 'append_object' },
  { method: 'POST', level: 'object', query: 'restore', op: 'restore_object' },
  { method: 'POST', level: 'object', query: 'select', op: 'select_object_content' },
];

/**
 * COS sub-resources outside the seeds. Without this list `PUT /?policy` would
 * read as create_bucket and `GET /?tagging` as list_objects; they answer 501.
 */
const UNSUPPORTED = [
  'policy',
  'tagging',
  'website',
  'logging',
  'domain',
  'referer',
  'replication',
  'inventory',
  'encryption',
  'accelerate',
  'origin',
  'intelligenttiering',
  'object-lock',
  'notification',
];

/** The unsupported sub-resource a request names, if any. */
export function unsupportedSubresource(target: Target): string | undefined {
  return UNSUPPORTED.find((name) => target.query.has(name));
}

export function levelOf(target: Target): Level {
  if (target.bucket === undefined) return 'service';
  return target.key === undefined ? 'bucket' : 'object';
}

/** The operation name, or undefined when no COS operation matches (405 MethodNotAllowed). */
export function routeOf(method: string, target: Target, headers: Record<string, unknown>): string | undefined {
  const level = levelOf(target);
  const route = ROUTES.find(
    (r) =>
      r.method === method &&
      r.level === level &&
      (r.query === undefined || target.query.has(r.query)) &&
      (r.header === undefined || headers[r.header] !== undefined),
  );
  return route?.op;
}

/** Operations an anonymous caller may perform on a public-read bucket or object. */
export const READ_OPS = new Set(['get_object', 'head_object', 'list_objects', 'head_bucket', 'get_object_acl', 'list_objects_versions']);

/** Operations an anonymous caller may perform on a public-read-write bucket, on top of reads. */
export const WRITE_OPS = new Set([
  'put_object',
  'delete_object',
  'delete_objects',
  'copy_object',
  'append_object',
  'create_multipart_upload',
  'upload_part',
  'upload_part_copy',
  'list_parts',
  'complete_multipart_upload',
  'abort_multipart_upload',
  'list_multipart_uploads',
]);
