import { pipeline } from 'node:stream/promises';
import { splitTarget } from '../../src/common/http.ts';
import { delay } from '../../src/faults.ts';
import type { CreateDialect } from '../../src/dialects/types.ts';

/**
 * A tiny dialect for framework tests: PUT /bucket/key stores (creating the
 * bucket), GET streams back through the fault throttle, GET /?ctx describes
 * its context, GET /?throw throws.
 */
export const fakeDialect: CreateDialect = (ctx) => async (req, res) => {
  const target = splitTarget(req, ctx.virtualHostSuffixes);
  const operation = req.method === 'PUT' ? 'put_object' : 'get_object';
  const decision = ctx.faults.decide(ctx.dialect ?? 'cos', operation);
  await delay(decision.latencyMs);
  res.setHeader('x-request-id', ctx.requestId());
  if (decision.error) {
    res.statusCode = decision.error.status;
    res.end(decision.error.code);
    return;
  }
  if (target.query.has('throw')) throw new Error('fake dialect exploded');
  if (target.query.has('ctx')) {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        dialect: ctx.dialect,
        minPartSize: ctx.minPartSize,
        minPartSizeOption: ctx.minPartSizeOption ?? null,
        maxSkewSeconds: ctx.maxSkewSeconds,
        now: ctx.now().toISOString(),
        bucket: target.bucket ?? null,
        key: target.key ?? null,
        keys: ctx.credentials.list().map((k) => k.accessKeyId),
      }),
    );
    return;
  }
  if (!target.bucket || target.key === undefined) {
    res.statusCode = 400;
    res.end('need /bucket/key');
    return;
  }
  if (req.method === 'PUT') {
    if (!(await ctx.store.getBucket(target.bucket))) {
      await ctx.store.createBucket({ name: target.bucket, createdAt: ctx.now(), location: '', owner: 'o', acl: 'private', grants: [], config: {} });
    }
    const rec = await ctx.store.putObject(target.bucket, target.key, req.pipe(ctx.faults.throttle(decision, req)), {});
    res.setHeader('etag', `"${rec.etag}"`);
    res.end();
    return;
  }
  const head = await ctx.store.headObject(target.bucket, target.key);
  if (!head) {
    res.statusCode = 404;
    res.end('NoSuchKey');
    return;
  }
  res.setHeader('content-length', head.size);
  await pipeline(await ctx.store.readObject(target.bucket, target.key), ctx.faults.throttle(decision, res), res).catch(() => undefined);
};
