/**
 * One CosS3Client's state: its config, its closed flag and its request layer
 * (core's VendorHttp). Operations hand their own `CosRequestSpec` straight to
 * `ctx.http` (send, parse, read, stream); the layer awaits `ready` (closed
 * check, credential refresh), addresses and signs the spec through
 * address.ts, sends, retries, bounds reads and maps every failure through
 * the COS hooks (http-hooks.ts) to CosClientError / CosServiceError.
 */
import { Transport, VendorHttp, backoffRetryPolicy, type RequestHooks } from '@yunstore/core';
import { cosAuthorizer, cosCall, type CosRequestSpec } from './address.ts';
import type { CosConfig } from './config.ts';
import { CosClientError } from './errors.ts';
import { COS_HOOKS } from './http-hooks.ts';

/** What every operation receives: the config and the request layer. */
export class CosContext {
  readonly config: CosConfig;
  readonly http: VendorHttp<CosRequestSpec>;
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
    const authorize = config.Anonymous ? undefined : cosAuthorizer(config);
    const requests: RequestHooks<CosRequestSpec> = {
      address: (spec) => cosCall(config, spec, authorize),
      // Per request, not per method: a call that sends several (list_objects_iter's pages, a transfer's parts) checks before each one.
      ready: async (spec) => {
        this.ensureOpen(spec.op);
        if (!config.Anonymous) await config.loadCredentials();
      },
    };
    this.http = new VendorHttp(transport, COS_HOOKS, requests);
  }

  /**
   * Refuses a method of a closed client with a clear CosClientError
   * `ClientClosed` (not a pool error). The facade checks it once per method,
   * under the method's own name, before any local work; the request layer
   * checks it again before every request.
   */
  ensureOpen(method: string): void {
    if (this.#closed) {
      throw new CosClientError(`${method}: this CosS3Client was closed; create a new one to send requests`, { code: 'ClientClosed' });
    }
  }

  /** Closes the connection pool; every later request fails with `ClientClosed`. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.http.transport.close();
  }
}
