/**
 * The CTYun OOS dialect, as hooks of the shared pipeline (`pipeline.ts`): S3
 * REST with signature V2 and V4 (header and presigned), S3 XML bodies and
 * errors, OOS's bucket extensions (trigger) and the IAM access-key API on the
 * same port (POST / with a form body, or any request whose Host is
 * `oos-<region>-iam.<domain>`).
 */
import { splitTarget, type Target } from '../../common/http.ts';
import { commonFailure } from '../../common/store-failures.ts';
import { createPipeline, type DialectExchange } from '../../pipeline.ts';
import type { CreateDialect } from '../types.ts';
import { authenticate, flatHeaders } from './auth.ts';
import { errorOf, errors, OosError } from './errors.ts';
import { baseHeaders, errorAnswer, type Reply } from './respond.ts';
import { IAM_ROUTE, isIamHost, resolveRoute } from './route.ts';

/** OOS's view of one request: where it points and its headers, flattened. */
interface OosRequest {
  target: Target;
  headers: Record<string, string>;
  iam: boolean;
  reply: Reply;
}

function addressOf({ ctx, req, res, requestId, method }: DialectExchange): OosRequest {
  const headers = flatHeaders(req.headers);
  const iam = isIamHost(headers['host']);
  const url = req.url ?? '/';
  const [rawPath = '/', rawQuery = ''] = url.split('?');
  // An IAM host names no bucket: its path is the API's, never `/<bucket>`.
  const target: Target = iam ? { query: new URLSearchParams(rawQuery), rawPath, rawQuery, style: 'path' } : splitTarget(req, ctx.virtualHostSuffixes);
  return { target, headers, iam, reply: { res, requestId, isHead: method === 'HEAD', resource: rawPath } };
}

/** Store races and body failures in S3 codes; anything else is InternalError. */
function toOosError(err: unknown): OosError {
  if (err instanceof OosError) return err;
  const common = commonFailure(err);
  return common ? errorOf(common.status, common.code) : errors.internal();
}

export const createOosDialect: CreateDialect = (ctx) =>
  createPipeline(ctx, {
    dialect: 'oos',
    answerHeaders: (ex) => baseHeaders(ex.res, ex.requestId, ctx.now()),
    address: addressOf,
    route: ({ iam, target, headers }, { method }) => {
      const route = iam ? (method === 'POST' ? IAM_ROUTE : undefined) : resolveRoute(method, target, headers);
      if (!route) throw errors.methodNotAllowed();
      return { operation: route.name, route };
    },
    authenticate: ({ target }, { route }, { req }) => authenticate(req, target, ctx, route === IAM_ROUTE ? 'sts' : 's3'),
    handle: ({ target, reply, headers }, { route }, caller, fault, { req }) => route.handler({ ctx, req, target, reply, caller, fault, headers }),
    injected: (fault) => new OosError(fault.status, fault.code, fault.message),
    toFailure: toOosError,
    renderError: (err, ex, request) => errorAnswer(err, request?.reply.resource ?? '/', ex.requestId),
  });
