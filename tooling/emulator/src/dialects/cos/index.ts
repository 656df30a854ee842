/**
 * The Tencent COS XML API dialect. Request flow: address (virtual-hosted
 * `<bucket>.<suffix>` or path-style `/<bucket>/<key>`) → operation →
 * signature → fault decision → bucket and permission → operation handler.
 * Every failure is answered as COS does (errors.ts); nothing throws out.
 */
import { BodyTooLargeError, splitTarget } from '../../common/http.ts';
import { newRequestId } from '../../common/ids.ts';
import { InjectedResetError } from '../../faults.ts';
import { StoreConflictError, StoreNotFoundError, type BucketRecord } from '../../store/types.ts';
import type { CreateDialect, DialectContext } from '../types.ts';
import { authorize } from './access.ts';
import { appendObject } from './append.ts';
import { authenticate } from './auth.ts';
import { createBucket, deleteBucket, getBucketLocation, getBucketVersioning, headBucket, listBuckets, putBucketVersioning } from './bucket.ts';
import {
  deleteBucketCors,
  deleteBucketLifecycle,
  getBucketAcl,
  getBucketCors,
  getBucketLifecycle,
  getObjectAcl,
  putBucketAcl,
  putBucketCors,
  putBucketLifecycle,
  putObjectAcl,
} from './config.ts';
import { copyObject } from './copy.ts';
import { deleteObjects } from './delete-multiple.ts';
import { CosError, cosErrors } from './errors.ts';
import { sendError, type CosExchange } from './exchange.ts';
import { listObjects, listObjectsVersions } from './listing.ts';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart, uploadPartCopy } from './multipart.ts';
import { deleteObject, getObject, headObject, putObject } from './object.ts';
import { restoreObject } from './restore.ts';
import { routeOf, unsupportedSubresource } from './routing.ts';
import { selectObjectContent } from './select/index.ts';
import { listMultipartUploads, listParts } from './uploads.ts';

type BucketHandler = (ex: CosExchange, bucket: BucketRecord) => Promise<void>;

const BUCKET_HANDLERS: Record<string, BucketHandler> = {
  delete_bucket: deleteBucket,
  head_bucket: headBucket,
  get_bucket_location: getBucketLocation,
  put_bucket_versioning: putBucketVersioning,
  get_bucket_versioning: getBucketVersioning,
  put_bucket_acl: putBucketAcl,
  get_bucket_acl: getBucketAcl,
  put_bucket_cors: putBucketCors,
  get_bucket_cors: getBucketCors,
  delete_bucket_cors: deleteBucketCors,
  put_bucket_lifecycle: putBucketLifecycle,
  get_bucket_lifecycle: getBucketLifecycle,
  delete_bucket_lifecycle: deleteBucketLifecycle,
  list_objects: listObjects,
  list_objects_versions: listObjectsVersions,
  list_multipart_uploads: listMultipartUploads,
  delete_objects: deleteObjects,
  put_object: putObject,
  get_object: getObject,
  head_object: headObject,
  delete_object: deleteObject,
  copy_object: copyObject,
  put_object_acl: putObjectAcl,
  get_object_acl: getObjectAcl,
  append_object: appendObject,
  restore_object: restoreObject,
  select_object_content: selectObjectContent,
  create_multipart_upload: createMultipartUpload,
  upload_part: uploadPart,
  upload_part_copy: uploadPartCopy,
  list_parts: listParts,
  complete_multipart_upload: completeMultipartUpload,
  abort_multipart_upload: abortMultipartUpload,
};

/** Reads that an object's own ACL can open up: their handlers check permissions with the object in hand. */
const OBJECT_READS = new Set(['get_object', 'head_object', 'get_object_acl', 'select_object_content']);

/** Region and bucket from a real COS host name: `<bucket>.cos.<region>.myqcloud.com` / `.tencentcos.cn`. */
const COS_HOST = /^(?:(.+)\.)?cos\.([a-z0-9-]+)\.(?:myqcloud\.com|tencentcos\.cn)$/;
const DEFAULT_REGION = 'ap-guangzhou';

function hostOf(raw: string | undefined): string {
  const h = (raw ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

function exchangeFor(ctx: DialectContext, req: CosExchange['req'], res: CosExchange['res']): CosExchange {
  const host = hostOf(req.headers.host);
  const cos = COS_HOST.exec(host);
  // Real COS host names work too (cos-nodejs-sdk-v5 with `Ip`), besides the emulator's own suffixes.
  const suffixes = cos ? [...ctx.virtualHostSuffixes, host.slice(host.indexOf('cos.'))] : ctx.virtualHostSuffixes;
  return {
    req,
    res,
    ctx,
    requestId: requestIdOf(ctx),
    target: splitTarget(req, suffixes),
    host,
    region: cos?.[2] ?? DEFAULT_REGION,
    op: '',
    owner: undefined,
    decision: { latencyMs: 0 },
  };
}

function requestIdOf(ctx: DialectContext): string {
  try {
    return ctx.requestId();
  } catch {
    return newRequestId('cos');
  }
}

async function dispatch(ex: CosExchange): Promise<void> {
  const unsupported = unsupportedSubresource(ex.target);
  if (unsupported) throw cosErrors.notImplemented(`The emulator does not implement the ?${unsupported} sub-resource.`);
  const op = routeOf(ex.req.method ?? 'GET', ex.target, ex.req.headers);
  if (!op) throw cosErrors.methodNotAllowed();
  ex.op = op;
  ex.owner = authenticate(ex);

  ex.decision = ex.ctx.faults.decide('cos', op);
  if (ex.decision.latencyMs > 0) await new Promise((r) => setTimeout(r, ex.decision.latencyMs));
  const fault = ex.decision.error;
  if (fault) throw new CosError(fault.status, fault.code, fault.message);

  if (op === 'list_buckets') return listBuckets(ex);
  if (op === 'create_bucket') return createBucket(ex);
  const bucket = await ex.ctx.store.getBucket(ex.target.bucket!);
  if (!bucket) throw cosErrors.noSuchBucket();
  if (!OBJECT_READS.has(op)) authorize(ex.owner, bucket, op);
  const handler = BUCKET_HANDLERS[op];
  if (!handler) throw cosErrors.notImplemented();
  await handler(ex, bucket);
}

/** A store race (the thing vanished between our check and the write) answered as COS would. */
function notFound(err: StoreNotFoundError): CosError {
  switch (err.kind) {
    case 'bucket':
      return cosErrors.noSuchBucket();
    case 'upload':
      return cosErrors.noSuchUpload();
    case 'part':
      return cosErrors.invalidPart();
    default:
      return cosErrors.noSuchKey();
  }
}

export const createCosDialect: CreateDialect = (ctx) => async (req, res) => {
  const ex = exchangeFor(ctx, req, res);
  try {
    await dispatch(ex);
  } catch (err) {
    // An injected reset already cut the connection: there is nobody to answer.
    if (err instanceof InjectedResetError || ex.req.socket?.destroyed) {
      if (!ex.res.destroyed) ex.res.destroy();
      return;
    }
    if (err instanceof CosError) sendError(ex, err);
    else if (err instanceof StoreNotFoundError) sendError(ex, notFound(err));
    else if (err instanceof StoreConflictError) sendError(ex, cosErrors.bucketAlreadyExists());
    else if (err instanceof BodyTooLargeError) sendError(ex, cosErrors.entityTooLarge(err.message));
    else sendError(ex, cosErrors.internalError(err instanceof Error ? `${cosErrors.internalError().message} (${err.message})` : undefined));
  }
};
