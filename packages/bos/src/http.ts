/**
 * Per-client state of a BOS client and the construction of its request
 * layer: core's `VendorHttp<BosRequest>`, whose hooks load provider
 * credentials before each request, address and sign it (`address.ts`), read
 * BOS errors (`http-hooks.ts`) and correct a skewed clock (`clock-skew.ts`).
 * Operations hand their `BosRequest` straight to `ctx.http`; retries,
 * bounds, deadlines and the error contract live in core.
 */
import { type CredentialCache, Transport, VendorHttp, type VendorHooks } from '@yunstore/core';
import type { TransferLimits } from '@yunstore/transfer';
import pkg from '../package.json' with { type: 'json' };
import { addressBos, type BosRequest, type CallOptions, type ResolvedCall } from './address.ts';
import { CLOCK_SKEW_CODE, clockOffsetOf, withClockSkewRetry } from './clock-skew.ts';
import { type BceClientConfiguration, proxyUri, resolveEndpoint, sessionTokenOf } from './config.ts';
import { bosCredentialCache, currentCredentials } from './credentials.ts';
import { BOS_HOOKS, parseErrorBody } from './http-hooks.ts';

export type { BosRequest, CallOptions, ResolvedCall } from './address.ts';

/** `yunstore-bos/<version> node/<version> <platform>-<arch>`. */
export const USER_AGENT = `yunstore-bos/${pkg.version} node/${process.versions.node} ${process.platform}-${process.arch}`;

/**
 * Per-client state: configuration, the request layer (rebuilt when its
 * settings change), the learned clock offset, the high-level calls' limits.
 */
export class BosContext {
  readonly config: BceClientConfiguration;
  #http: VendorHttp<BosRequest> | undefined;
  #httpKey: readonly unknown[] = [];
  /** Server clock minus ours, learned from a `RequestTimeTooSkewed` answer (the JS SDK does the same). */
  clockOffsetMs = 0;
  /**
   * The limits the high-level calls plan parts with (`client.transfer_limits`);
   * kept here because every method runs with the context alone. Unset: BOS's own.
   */
  transferLimits: TransferLimits | undefined = undefined;
  /** The cache of `config.credentials_provider`, rebuilt when the field is given another function. */
  #provided: { provider: NonNullable<BceClientConfiguration['credentials_provider']>; cache: CredentialCache } | undefined;
  /** BOS's error hooks, with the code reader also learning the server's clock from a skew answer. */
  readonly #hooks: VendorHooks = {
    ...BOS_HOOKS,
    errorCode: (_status, body, headers) => {
      const { code } = parseErrorBody(body);
      if (code === CLOCK_SKEW_CODE) this.clockOffsetMs = clockOffsetOf(headers) ?? this.clockOffsetMs;
      return code;
    },
  };

  constructor(config: BceClientConfiguration) {
    this.config = config;
  }

  /** The client's clock: ours, corrected by the offset learned from a skew answer. */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** The provider's cache when keys come from `credentials_provider` (fixed `credentials` win, per call too). */
  #providerCache(options: CallOptions): CredentialCache | undefined {
    const provider = this.config.credentials_provider;
    if (!provider || options.config?.credentials || this.config.credentials) return undefined;
    if (this.#provided?.provider !== provider) this.#provided = { provider, cache: bosCredentialCache(provider) };
    return this.#provided.cache;
  }

  /** Loads keys from `credentials_provider` when none are cached or they expire within 5 minutes; every request does this first. */
  async loadCredentials(options: CallOptions = {}): Promise<void> {
    await this.#providerCache(options)?.ready();
  }

  /** The effective configuration of one call (a field of `options.config` wins when given). */
  resolve(options: CallOptions = {}): ResolvedCall {
    const c = this.config;
    const o = options.config ?? {};
    const cache = this.#providerCache(options);
    const credentials = o.credentials ?? c.credentials ?? (cache ? currentCredentials(cache) : undefined);
    if (!credentials) {
      throw new TypeError('BceClientConfiguration.credentials is required: new BceCredentials(access_key_id, secret_access_key), or a credentials_provider');
    }
    const endpoint = resolveEndpoint({
      endpoint: o.endpoint ?? c.endpoint,
      protocol: o.protocol ?? c.protocol,
      port: o.port ?? c.port,
      path_style_enable: o.path_style_enable ?? c.path_style_enable,
    });
    // A provider's keys go with the provider's token, never with a fixed one from the configuration.
    const sessionToken = sessionTokenOf({ security_token: o.security_token ?? (cache ? undefined : c.security_token), credentials });
    return { endpoint, credentials, sessionToken, retry: o.retry_policy ?? c.retry_policy };
  }

  /**
   * Core's request layer: operations call `ctx.http.send(request)`,
   * `parse`, `read` or `stream` with their `BosRequest`. Rebuilt when the
   * timeout, proxy, dispatcher or logger changed (config fields are mutable,
   * as in Python).
   */
  get http(): VendorHttp<BosRequest> {
    const c = this.config;
    const timeout = c.connection_timeout_in_mills;
    const proxy = proxyUri(c);
    const key = [timeout, proxy, c.dispatcher, c.logger] as const;
    if (!this.#http || key.some((v, i) => v !== this.#httpKey[i])) {
      void this.#http?.transport.close();
      const transport = new Transport({
        connectTimeout: timeout,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        userAgent: USER_AGENT,
        // An explicit proxy wins; without one core applies HTTP(S)_PROXY / NO_PROXY from the environment.
        ...(proxy ? { proxy } : {}),
        ...(c.dispatcher ? { dispatcher: c.dispatcher } : {}),
        ...(c.logger ? { logger: c.logger } : {}),
      });
      this.#http = new VendorHttp<BosRequest>(transport, this.#hooks, {
        ready: (request) => this.#ready(request),
        address: (request) => {
          const resolved = this.resolve(request);
          // A fresh policy per call: it grants the one skew retry of this call.
          return addressBos(request, resolved, () => this.now(), withClockSkewRetry(resolved.retry));
        },
      });
      this.#httpKey = key;
    }
    return this.#http;
  }

  /**
   * Before every request: fresh provider keys, then the configuration
   * checked here, so a missing credential or endpoint reaches the caller as
   * the `TypeError` it always was (inside `address` it would become an
   * argument error of the request).
   */
  async #ready(request: BosRequest): Promise<void> {
    await this.loadCredentials(request);
    this.resolve(request);
  }

  async close(): Promise<void> {
    await this.#http?.transport.close();
    this.#http = undefined;
  }
}
