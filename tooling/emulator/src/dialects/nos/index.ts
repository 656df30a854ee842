import { setTimeout as sleep } from 'node:timers/promises';
import type { CreateDialect } from '../types.ts';
import { authenticateNos, type NosPrincipal } from './auth.ts';
import type { NosCall } from './call.ts';
import { NosError, nosMessage, sendNosError } from './errors.ts';
import { BodyTooLargeError } from '../../common/http.ts';
import { routeNos } from './route.ts';
import { hostSuffixes, parseNosTarget, type NosTarget } from './target.ts';

/**
 * The NetEase NOS dialect: virtual-hosted or path-style requests, NOS
 * header/query authentication, NOS XML errors with `x-nos-request-id`.
 * Wire rules: shared/protocols/nos.md.
 */
export const createNosDialect: CreateDialect = (ctx) => {
  const suffixes = hostSuffixes(ctx.virtualHostSuffixes);
  return async (req, res) => {
    const requestId = ctx.requestId();
    const isHead = req.method === 'HEAD';
    let target: NosTarget | undefined;
    try {
      target = parseNosTarget(req, suffixes);
      const route = routeNos(req.method ?? 'GET', target, req.headers);
      const decision = ctx.faults.decide('nos', route.operation);
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.error) {
        throw new NosError(decision.error.status, decision.error.code, decision.error.message);
      }
      const principal = authenticateNos(req, target, ctx);
      await checkAccess(ctx, target, principal, route.publicRead === true, route.operation);
      const call: NosCall = { req, res, ctx, target, requestId, principal, decision };
      await route.handler(call);
    } catch (error) {
      const resource = target ? `/${target.bucket ?? ''}${target.key !== undefined ? `/${target.key}` : ''}` : (req.url ?? '/');
      const answer =
        error instanceof NosError
          ? { status: error.status, code: error.code, message: error.message }
          : error instanceof BodyTooLargeError
            ? { status: 400, code: 'EntityTooLarge', message: nosMessage('EntityTooLarge') }
            : { status: 500, code: 'InternalError', message: nosMessage('InternalError') };
      // Drain what the client is still sending so it sees the answer, not a reset.
      if (!req.readableEnded) req.resume();
      sendNosError(res, answer, resource, requestId, isHead);
    }
  };
};

/**
 * Anonymous callers may read public-read buckets only; signed callers may use
 * their own buckets (and read public ones).
 */
async function checkAccess(
  ctx: Parameters<CreateDialect>[0],
  target: NosTarget,
  principal: NosPrincipal,
  publicRead: boolean,
  operation: string,
): Promise<void> {
  if (target.bucket === undefined || operation === 'create_bucket') {
    if (principal.anonymous) throw new NosError(403, 'AccessDenied');
    return;
  }
  const bucket = await ctx.store.getBucket(target.bucket);
  if (!bucket) {
    if (principal.anonymous) throw new NosError(403, 'AccessDenied');
    return; // the handler answers NoSuchBucket
  }
  const isPublic = bucket.acl === 'public-read' || bucket.acl === 'public-read-write';
  if (publicRead && isPublic) return;
  if (principal.anonymous || principal.key.owner !== bucket.owner) throw new NosError(403, 'AccessDenied');
}
