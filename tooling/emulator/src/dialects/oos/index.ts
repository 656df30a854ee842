/**
 * The CTYun OOS dialect: S3 REST with signature V2 and V4 (header and
 * presigned), S3 XML bodies and errors, OOS's bucket extensions (trigger) and
 * the IAM access-key API on the same port (POST / with a form body, or any
 * request whose Host is `oos-<region>-iam.<domain>`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { splitTarget, type Target } from '../../common/http.ts';
import { InjectedResetError } from '../../faults.ts';
import type { CreateDialect } from '../types.ts';
import { authenticate, flatHeaders } from './auth.ts';
import type { Op } from './context.ts';
import { errors, OosError } from './errors.ts';
import { baseHeaders, sendError, type Reply } from './respond.ts';
import { IAM_ROUTE, isIamHost, resolveRoute } from './route.ts';

export const createOosDialect: CreateDialect = (ctx) => async (req, res) => {
  const requestId = ctx.requestId();
  const method = (req.method ?? 'GET').toUpperCase();
  const reply: Reply = { res, requestId, isHead: method === 'HEAD', resource: (req.url ?? '/').split('?')[0] ?? '/' };
  baseHeaders(res, requestId, ctx.now());
  try {
    const headers = flatHeaders(req.headers);
    const iam = isIamHost(headers['host']);
    const target: Target = iam
      ? {
          query: new URLSearchParams((req.url ?? '').split('?')[1] ?? ''),
          rawPath: (req.url ?? '/').split('?')[0] ?? '/',
          rawQuery: (req.url ?? '').split('?')[1] ?? '',
          style: 'path',
        }
      : splitTarget(req, ctx.virtualHostSuffixes);
    const route = iam ? (method === 'POST' ? IAM_ROUTE : undefined) : resolveRoute(method, target, headers);
    if (!route) throw errors.methodNotAllowed();
    const fault = ctx.faults.decide('oos', route.name);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.error) throw new OosError(fault.error.status, fault.error.code, fault.error.message);
    const caller = authenticate(req, target, ctx, route === IAM_ROUTE ? 'sts' : 's3');
    const op: Op = { ctx, req, target, reply, caller, fault, headers };
    await route.handler(op);
  } catch (error) {
    if (error instanceof InjectedResetError || req.socket?.destroyed === true) {
      // An injected reset (or a client that went away): the connection is gone, there is nobody to answer.
      if (!res.destroyed) res.destroy();
      return;
    }
    if (error instanceof OosError) {
      sendError(reply, error);
    } else {
      // Never throw out of a dialect: unknown failures are S3's InternalError.
      sendError(reply, errors.internal());
    }
  }
};
