/**
 * The BOS dialect, as hooks of the shared pipeline (`pipeline.ts`):
 * bce-auth-v1, JSON bodies, BOS error bodies, path-style, virtual-hosted and
 * legacy `/v1/` addressing (protocol notes bos.md).
 */
import type { IncomingMessage } from 'node:http';
import { percentDecode, splitTarget } from '../../common/http.ts';
import { commonFailure } from '../../common/store-failures.ts';
import { createPipeline } from '../../pipeline.ts';
import type { CreateDialect, DialectContext } from '../types.ts';
import { authenticate } from './auth.ts';
import { createBucket, deleteBucket, getBucketAcl, getBucketLocation, headBucket, listBuckets, putBucketAcl } from './bucket.ts';
import { hasParam, header, type BosCall } from './call.ts';
import { BosError } from './errors.ts';
import { listObjects } from './list-objects.ts';
import { abortUpload, completeUpload, initiateUpload, listParts, listUploads, uploadPart } from './multipart.ts';
import { copyObject, deleteObject, getObject, putObject } from './object.ts';
import { uploadPartCopy } from './part-copy.ts';
import { deleteMultipleObjects } from './delete-multiple.ts';
import { baseHeaders } from './respond.ts';

type Route = { operation: string; run: (call: BosCall) => Promise<void> };

/** Decoded query pairs in wire order; `+` stays a plus (BOS clients encode spaces as %20). */
export function parseQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [percentDecode(pair), ''] : [percentDecode(pair.slice(0, eq)), percentDecode(pair.slice(eq + 1))];
    });
}

/** Picks the operation from method, target and sub-resources. Operation names are the Python SDK's. */
export function route(method: string, call: Pick<BosCall, 'bucket' | 'key' | 'query' | 'req'>): Route | undefined {
  const c = call as BosCall;
  if (call.bucket === undefined) return method === 'GET' ? { operation: 'list_buckets', run: listBuckets } : undefined;
  if (call.key === undefined) {
    switch (method) {
      case 'GET':
        if (hasParam(c, 'acl')) return { operation: 'get_bucket_acl', run: getBucketAcl };
        if (hasParam(c, 'location')) return { operation: 'get_bucket_location', run: getBucketLocation };
        if (hasParam(c, 'uploads')) return { operation: 'list_multipart_uploads', run: listUploads };
        return { operation: 'list_objects', run: listObjects };
      case 'PUT':
        if (hasParam(c, 'acl')) return { operation: 'set_bucket_acl', run: putBucketAcl };
        return { operation: 'create_bucket', run: createBucket };
      case 'POST':
        if (hasParam(c, 'delete')) return { operation: 'delete_multiple_objects', run: deleteMultipleObjects };
        return undefined;
      case 'HEAD':
        return { operation: 'does_bucket_exist', run: headBucket };
      case 'DELETE':
        return { operation: 'delete_bucket', run: deleteBucket };
      default:
        return undefined;
    }
  }
  switch (method) {
    case 'GET':
      if (hasParam(c, 'uploadId')) return { operation: 'list_parts', run: listParts };
      return { operation: 'get_object', run: (x) => getObject(x, true) };
    case 'HEAD':
      return { operation: 'get_object_meta_data', run: (x) => getObject(x, false) };
    case 'PUT': {
      const source = header(c, 'x-bce-copy-source');
      if (hasParam(c, 'partNumber') && hasParam(c, 'uploadId')) {
        if (source !== undefined) return { operation: 'upload_part_copy', run: (x) => uploadPartCopy(x, source) };
        return { operation: 'upload_part', run: uploadPart };
      }
      if (source !== undefined) return { operation: 'copy_object', run: (x) => copyObject(x, source) };
      return { operation: 'put_object', run: putObject };
    }
    case 'POST':
      if (hasParam(c, 'uploads')) return { operation: 'initiate_multipart_upload', run: initiateUpload };
      if (hasParam(c, 'uploadId')) return { operation: 'complete_multipart_upload', run: completeUpload };
      return undefined;
    case 'DELETE':
      if (hasParam(c, 'uploadId')) return { operation: 'abort_multipart_upload', run: abortUpload };
      return { operation: 'delete_object', run: deleteObject };
    default:
      return undefined;
  }
}

/** BOS's view of one request: the address, legacy `/v1/` form resolved. */
interface BosAddress {
  bucket: string | undefined;
  key: string | undefined;
  query: Array<[string, string]>;
  rawPath: string;
}

function addressOf(ctx: DialectContext, req: IncomingMessage): BosAddress {
  const target = splitTarget(req, ctx.virtualHostSuffixes);
  let { bucket, key } = target;
  // Legacy `/v1/<bucket>/<key>` (path style only; no bucket can be called `v1`).
  if (target.style === 'path' && bucket === 'v1') {
    const rest = key ?? '';
    const slash = rest.indexOf('/');
    bucket = rest === '' ? undefined : slash < 0 ? rest : rest.slice(0, slash);
    key = slash < 0 || slash === rest.length - 1 ? undefined : rest.slice(slash + 1);
  }
  return { bucket, key, query: parseQuery(target.rawQuery), rawPath: target.rawPath };
}

/** Store races and body failures as BOS codes; anything else is InternalError. */
function toBosError(err: unknown): BosError {
  if (err instanceof BosError) return err;
  const common = commonFailure(err);
  if (common?.code === 'IncompleteBody') return new BosError(400, 'IncompleteBody', 'The request body is shorter or longer than Content-Length.');
  if (common) return new BosError(common.status, common.code);
  return new BosError(500, 'InternalError');
}

export const createBosDialect: CreateDialect = (ctx) =>
  createPipeline(ctx, {
    dialect: 'bos',
    answerHeaders: (ex) => baseHeaders(ex.res, ex.requestId, ctx.now()),
    address: (ex) => addressOf(ctx, ex.req),
    route: (address, ex) => {
      const picked = route(ex.method, { ...address, req: ex.req });
      if (!picked) throw new BosError(405, 'MethodNotAllowed');
      return picked;
    },
    authenticate: (address, _route, ex) => authenticate(ctx, { method: ex.method, rawPath: address.rawPath, query: address.query, headers: ex.req.headers }),
    handle: (address, picked, caller, fault, { req, res, requestId }) =>
      picked.run({ ctx, req, res, requestId, ...address, caller, host: req.headers.host ?? '', fault }),
    // BOS has no `SlowDown`; its throttling answer is 503 ServiceUnavailable.
    injected: (fault) => new BosError(fault.status, fault.code === 'SlowDown' ? 'ServiceUnavailable' : fault.code, fault.message),
    toFailure: toBosError,
    renderError: (err, ex) => ({
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ code: err.code, message: err.message, requestId: ex.requestId }),
    }),
  });
