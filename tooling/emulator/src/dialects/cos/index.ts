/**
 * The Tencent COS XML API dialect, as hooks of the shared pipeline
 * (`pipeline.ts`): address (virtual-hosted `<bucket>.<suffix>`, a real COS
 * host name, or path-style `/<bucket>/<key>`), operation, q-sign check, then
 * bucket, permission and handler. Every failure is answered as COS does
 * (errors.ts, exchange.ts).
 */
import { splitTarget } from '../../common/http.ts';
import { commonFailure } from '../../common/store-failures.ts';
import { createPipeline, type DialectExchange } from '../../pipeline.ts';
import type { BucketRecord } from '../../store/types.ts';
import type { CreateDialect } from '../types.ts';
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
import { CosError, cosErrorOf, cosErrors } from './errors.ts';
import { baseHeaders, errorAnswer, type CosExchange } from './exchange.ts';
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

function exchangeFor({ ctx, req, res, requestId }: DialectExchange): CosExchange {
  const host = hostOf(req.headers.host);
  const cos = COS_HOST.exec(host);
  // Real COS host names work too (cos-nodejs-sdk-v5 with `Ip`), besides the emulator's own suffixes.
  const suffixes = cos ? [...ctx.virtualHostSuffixes, host.slice(host.indexOf('cos.'))] : ctx.virtualHostSuffixes;
  return {
    req,
    res,
    ctx,
    requestId,
    target: splitTarget(req, suffixes),
    host,
    region: cos?.[2] ?? DEFAULT_REGION,
    op: '',
    owner: undefined,
    decision: { latencyMs: 0 },
  };
}

function routeCos(ex: CosExchange): { operation: string } {
  const unsupported = unsupportedSubresource(ex.target);
  if (unsupported) throw cosErrors.notImplemented(`The emulator does not implement the ?${unsupported} sub-resource.`);
  const op = routeOf(ex.req.method ?? 'GET', ex.target, ex.req.headers);
  if (!op) throw cosErrors.methodNotAllowed();
  ex.op = op;
  return { operation: op };
}

async function dispatch(ex: CosExchange): Promise<void> {
  const op = ex.op;
  if (op === 'list_buckets') return listBuckets(ex);
  if (op === 'create_bucket') return createBucket(ex);
  const bucket = await ex.ctx.store.getBucket(ex.target.bucket!);
  if (!bucket) throw cosErrors.noSuchBucket();
  if (!OBJECT_READS.has(op)) authorize(ex.owner, bucket, op);
  const handler = BUCKET_HANDLERS[op];
  if (!handler) throw cosErrors.notImplemented();
  await handler(ex, bucket);
}

/** Store races and body limits answered as COS would; anything else is an InternalError naming the cause. */
function toCosError(err: unknown): CosError {
  if (err instanceof CosError) return err;
  const common = commonFailure(err);
  if (common) return common.code === 'EntityTooLarge' && err instanceof Error ? cosErrors.entityTooLarge(err.message) : cosErrorOf(common.status, common.code);
  return cosErrors.internalError(err instanceof Error ? `${cosErrors.internalError().message} (${err.message})` : undefined);
}

export const createCosDialect: CreateDialect = (ctx) =>
  createPipeline(ctx, {
    dialect: 'cos',
    answerHeaders: (ex) => baseHeaders(ex),
    address: exchangeFor,
    route: routeCos,
    authenticate: (ex) => authenticate(ex),
    handle: (ex, _route, owner, decision) => {
      ex.owner = owner;
      ex.decision = decision;
      return dispatch(ex);
    },
    injected: (fault) => new CosError(fault.status, fault.code, fault.message),
    toFailure: toCosError,
    renderError: (err, pipelineEx, ex) => errorAnswer(ex ?? exchangeFor(pipelineEx), err),
  });
