/**
 * COS on core's request layer: what differs by protocol and nothing else.
 * `call(spec)` addresses a request (origin, encoded path, query, Host) and
 * attaches the signer, run afresh for every attempt; operations hand the
 * result to `ctx.http` (core's VendorHttp: send, parse, read, stream), which
 * sends, retries, bounds reads and maps every failure through the COS hooks
 * (http-hooks.ts) to CosClientError / CosServiceError.
 */
import { Transport, VendorHttp, backoffRetryPolicy, type HttpCall, type VendorRequest, type WireRequest } from '@yunstore/core';
import { signCos } from '@yunstore/core/sign';
import type { CosConfig } from './config.ts';
import { CosClientError } from './errors.ts';
import { COS_HOOKS } from './http-hooks.ts';
import { normalizeKey } from './validate.ts';

/** One COS request as an operation describes it (core's VendorRequest), plus the caller's signal. */
export interface CosRequestSpec extends VendorRequest {
  signal?: AbortSignal | undefined;
}

/** What every operation receives: the config and the request layer. */
export class CosContext {
  readonly config: CosConfig;
  readonly http: VendorHttp;
  #closed = false;

  constructor(config: CosConfig) {
    this.config = config;
    const timeoutMs = config.Timeout * 1000;
    const transport = new Transport({
      connections: config.PoolMaxSize,
      connectTimeout: Math.min(timeoutMs, 10_000),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      userAgent: config.UA,
      retry: config.RetryPolicy ?? backoffRetryPolicy({ maxAttempts: config.Retry + 1 }),
      // No Proxy option: core applies HTTP(S)_PROXY / NO_PROXY from the environment.
      ...(config.Proxy !== undefined ? { proxy: config.Proxy } : {}),
      ...(config.Dispatcher ? { dispatcher: config.Dispatcher } : {}),
      ...(config.logger ? { logger: config.logger } : {}),
    });
    this.http = new VendorHttp(transport, COS_HOOKS);
  }

  /** The wire request for a spec (unsigned): origin, encoded path, query, headers, `Host` in IP mode. */
  wireRequest(spec: CosRequestSpec): WireRequest {
    const target = this.config.target(spec.bucket, spec.key);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(spec.headers ?? {})) if (value !== '') headers[name] = value;
    if (target.host) headers['Host'] = target.host;
    const req: WireRequest = { method: spec.method, origin: target.origin, path: target.path, query: spec.query ?? [], headers };
    if (spec.body) req.body = spec.body;
    return req;
  }

  /** A core call: the addressed request, the object key, the signer (none when `Anonymous`), the signal. */
  call(spec: CosRequestSpec): HttpCall {
    return {
      op: spec.op,
      // Built now (not lazily) so error mapping sees the method and URL (a HEAD 404 is NoSuchResource).
      request: this.wireRequest(spec),
      ...(spec.key !== undefined ? { key: normalizeKey(spec.key) } : {}),
      ...(this.config.Anonymous ? {} : { authorize: this.#authorize }),
      // As the Python SDK: any status below 400 is an answer (a 304 from a conditional GET returns its headers).
      accept: (status: number) => status < 400,
      ...(spec.signal ? { signal: spec.signal } : {}),
    };
  }

  /** Signs one attempt with the keys current at that moment (a provider may have refreshed them). */
  readonly #authorize = (req: WireRequest, now: Date): WireRequest => {
    const signed = signCos(req, this.config.credentials(), { now, expiresSeconds: this.config.SignExpires });
    return { ...req, headers: { ...req.headers, ...signed.headers } };
  };

  /**
   * Awaited before a request method runs: a clear failure after close() (not
   * a pool error), and fresh provider keys when they are due. Here rather than
   * on the client so a call that sends several requests (list_objects_iter's
   * pages) checks before each one.
   */
  async ready(method: string): Promise<void> {
    if (this.#closed) {
      throw new CosClientError(`${method}: this CosS3Client was closed; create a new one to send requests`, { code: 'ClientClosed' });
    }
    if (!this.config.Anonymous) await this.config.loadCredentials();
  }

  /** Closes the connection pool; every later `ready()` fails with `ClientClosed`. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.http.transport.close();
  }
}
