import { commonFailure } from '../../common/store-failures.ts';
import { createPipeline } from '../../pipeline.ts';
import type { CreateDialect } from '../types.ts';
import { authenticateNos, type NosPrincipal } from './auth.ts';
import { answerHeaders, type NosCall } from './call.ts';
import { errorAnswer, NosError } from './errors.ts';
import { routeNos } from './route.ts';
import { hostSuffixes, parseNosTarget, type NosTarget } from './target.ts';

/**
 * The NetEase NOS dialect, as hooks of the shared pipeline (`pipeline.ts`):
 * virtual-hosted or path-style requests, NOS header/query authentication,
 * NOS XML errors with `x-nos-request-id`. Wire rules: shared/protocols/nos.md.
 */
export const createNosDialect: CreateDialect = (ctx) => {
  const suffixes = hostSuffixes(ctx.virtualHostSuffixes);
  return createPipeline(ctx, {
    dialect: 'nos',
    answerHeaders: (ex) => answerHeaders(ex.res, ex.requestId, ctx.now()),
    address: (ex) => parseNosTarget(ex.req, suffixes),
    route: (target, ex) => routeNos(ex.method, target, ex.req.headers),
    authenticate: (target, _route, ex) => authenticateNos(ex.req, target, ctx),
    handle: async (target, route, principal, decision, { req, res, requestId }) => {
      await checkAccess(ctx, target, principal, route.publicRead === true, route.operation);
      const call: NosCall = { req, res, ctx, target, requestId, principal, decision };
      await route.handler(call);
    },
    injected: (fault) => new NosError(fault.status, fault.code, fault.message),
    toFailure: toNosError,
    renderError: (err, ex, target) =>
      errorAnswer(err, target ? `/${target.bucket ?? ''}${target.key !== undefined ? `/${target.key}` : ''}` : (ex.req.url ?? '/'), ex.requestId),
  });
};

/** Store races and body failures in NOS codes (NOS spells the bucket conflict `BucketAlreadyExist`); anything else is InternalError. */
function toNosError(err: unknown): NosError {
  if (err instanceof NosError) return err;
  const common = commonFailure(err);
  if (common) return new NosError(common.status, common.code === 'BucketAlreadyExists' ? 'BucketAlreadyExist' : common.code);
  return new NosError(500, 'InternalError');
}

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
