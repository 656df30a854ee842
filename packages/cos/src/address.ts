/**
 * How a COS request an operation describes becomes core's call: pure
 * functions of the config, no per-client state. `cosCall` is the `address`
 * hook of the client's request layer (context.ts), which calls it for every
 * request an operation hands to `ctx.http`; presigning builds its URLs from
 * `cosWireRequest` too, so both address a request the same way.
 */
import type { HttpCall, VendorRequest, WireRequest } from '@yunstore/core';
import { signCos } from '@yunstore/core/sign';
import type { CosConfig } from './config.ts';
import { normalizeKey } from './validate.ts';

/**
 * One COS request as an operation describes it (core's VendorRequest), plus
 * the caller's signal. Operations pass it straight to `ctx.http.send`,
 * `parse`, `read` or `stream`.
 */
export interface CosRequestSpec extends VendorRequest {
  /** The caller's `signal`: aborts the request, and any retry of it. */
  signal?: AbortSignal | undefined;
}

/** The wire request for a spec (unsigned): origin, encoded path, query, headers, `Host` in IP mode. */
export function cosWireRequest(config: CosConfig, spec: CosRequestSpec): WireRequest {
  const target = config.target(spec.bucket, spec.key);
  const headers: Record<string, string> = {};
  // An empty header value means "not set" in the Python SDK's kwargs.
  for (const [name, value] of Object.entries(spec.headers ?? {})) if (value !== '') headers[name] = value;
  if (target.host) headers['Host'] = target.host;
  const req: WireRequest = { method: spec.method, origin: target.origin, path: target.path, query: spec.query ?? [], headers };
  if (spec.body) req.body = spec.body;
  return req;
}

/** Any status below 400 is an answer, as in the Python SDK (a 304 from a conditional GET returns its headers). */
function acceptBelow400(status: number): boolean {
  return status < 400;
}

/**
 * The signer of one attempt, with the keys current at that moment (a
 * provider may have refreshed them between retries).
 */
export function cosAuthorizer(config: CosConfig): (req: WireRequest, now: Date) => WireRequest {
  return (req, now) => {
    const signed = signCos(req, config.credentials(), { now, expiresSeconds: config.SignExpires });
    return { ...req, headers: { ...req.headers, ...signed.headers } };
  };
}

/**
 * A spec → core's call: the addressed request, the object key after
 * normalisation (core refuses an empty one), the signer (none when
 * `Anonymous`), the accepted statuses and the caller's signal.
 * `authorize` is passed in so a client builds its signer once.
 */
export function cosCall(config: CosConfig, spec: CosRequestSpec, authorize: ((req: WireRequest, now: Date) => WireRequest) | undefined): HttpCall {
  return {
    op: spec.op,
    // Built now (not lazily) so error mapping sees the method and URL (a HEAD 404 is NoSuchResource).
    request: cosWireRequest(config, spec),
    ...(spec.key !== undefined ? { key: normalizeKey(spec.key) } : {}),
    ...(authorize ? { authorize } : {}),
    accept: acceptBelow400,
    ...(spec.signal ? { signal: spec.signal } : {}),
  };
}
