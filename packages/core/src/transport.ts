import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import { AttemptGuard } from './http/attempt-guard.ts';
import { ERROR_BODY_LIMIT, readBounded } from './http/bounded.ts';
import { type ClientFailure, StatusFailure, toClientFailure } from './http/failure.ts';
import { GuardedBody } from './http/guarded-body.ts';
import { requestLogger, type RequestLogger } from './http/log.ts';
import { checkHeaders } from './http/preflight.ts';
import { proxyFromEnvironment } from './http/proxy-env.ts';
import { backoffRetryPolicy, isTransientErrorCode, type RetryContext, type RetryPolicy } from './retry.ts';
import type { WireRequest, WireResponse } from './types.ts';
import { requestTarget } from './url.ts';

export interface TransportOptions {
  /** Keep-alive connections per origin. Default 16. */
  connections?: number;
  /** Milliseconds to establish a connection. Default 10 000. */
  connectTimeout?: number;
  /** Milliseconds to wait for response headers. Default 60 000. */
  headersTimeout?: number;
  /** Milliseconds of silence allowed between body chunks. Default 60 000. */
  bodyTimeout?: number;
  /**
   * Milliseconds one attempt may take in all — connect, send, headers, and
   * the whole body when the SDK reads it (XML/JSON results, error bodies) —
   * however the bytes trickle. Request bodies add one millisecond per 256
   * bytes (a floor of 256 KB/s); a body of unknown length disables it for
   * that request. Default 5 × `headersTimeout`; 0 disables.
   */
  deadline?: number;
  /**
   * Slowest rate, in bytes per second while the caller is reading, accepted
   * for a body streamed to the caller (`get_object`), measured over
   * `bodyTimeout`. Default 1024; 0 disables.
   */
  minBytesPerSecond?: number;
  /** Milliseconds an idle keep-alive socket stays open. Default 30 000. */
  keepAliveTimeout?: number;
  /**
   * An HTTP proxy, `http://proxy.example.com:8080`. Without it, `HTTPS_PROXY` /
   * `HTTP_PROXY` / `NO_PROXY` from the environment apply (loopback never goes
   * through a proxy); `proxy: ''` ignores the environment.
   */
  proxy?: string;
  /** Use this undici dispatcher instead of creating one (tests: `MockAgent`). Not closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Default retry policy. Default: 3 attempts, exponential back-off with full jitter. */
  retry?: RetryPolicy;
  /** Sent as User-Agent unless the request sets one. */
  userAgent?: string;
  /**
   * Called after every attempt with method, URL (no query: no signature or
   * token), status, request id, attempt and duration. The environment
   * variable `YUNSTORE_DEBUG=1` logs the same lines to stderr.
   */
  logger?: RequestLogger;
}

export interface SendOptions {
  /** Adds authorization to a request; called again for every attempt, with a fresh clock reading. */
  authorize?: (req: WireRequest, now: Date) => WireRequest;
  signal?: AbortSignal | undefined;
  retry?: RetryPolicy | undefined;
  /** Reads the vendor error code from an error body, so throttling codes can be retried. */
  errorCode?: ((status: number, body: Buffer, headers: Record<string, string>) => string | undefined) | undefined;
  /** The clock handed to `authorize`. Default `new Date()`. */
  now?: (() => Date) | undefined;
  /** Which statuses are answers to consume. Default 200-299; anything else fails with `StatusFailure`. */
  accept?: ((status: number) => boolean) | undefined;
  /** Names the call in messages (`put_object`). Default `METHOD origin/path`. */
  what?: string | undefined;
  /** Overrides the transport's deadline for this request (ms; 0 disables). */
  deadline?: number | undefined;
  /**
   * Header values may hold chars 0x80-0xFF, each sent as one raw byte: what
   * `authorize` returns when the protocol sends UTF-8 bytes (BOS metadata).
   * CR, LF and NUL stay refused.
   */
  rawByteHeaders?: boolean | undefined;
}

/** What `consume` may do with the attempt it was handed. */
export interface AttemptControl {
  /** Aborted on deadline or by the caller; pass it to anything that reads the body. */
  readonly signal: AbortSignal;
  /**
   * Hands the body to the caller as a `GuardedBody`: the deadline stops, the
   * caller's signal keeps cancelling the request until the body ends, fails
   * or is destroyed, the transport's low-speed guard applies, and every
   * error the body emits goes through `mapError` (`timedOut` when the guard fired).
   */
  guardBody(body: Readable, mapError: (error: unknown, timedOut: boolean) => Error): Readable;
}

/** Flattens undici's header record: lower-case names, repeated values joined by `, `. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The request id of any vendor: `x-cos-request-id`, `x-bce-request-id`, `x-amz-request-id`, `x-nos-request-id`. */
export function requestIdOf(headers: Record<string, string>): string | undefined {
  for (const name in headers) if (name.endsWith('-request-id')) return headers[name];
  return undefined;
}

const defaultAccept = (status: number): boolean => status >= 200 && status < 300;

function isValidHeaderValue(value: string): boolean {
  try {
    checkHeaders({ 'User-Agent': value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The `AttemptControl` of one attempt. A class rather than an object literal
 * with a getter and closures: one is built per request.
 */
class Attempt implements AttemptControl {
  /** True once the body went to the caller: the guard then lives until the body settles. */
  handedOff = false;
  readonly #guard: AttemptGuard;
  readonly #minBytesPerSecond: number;
  readonly #windowMs: number;

  constructor(guard: AttemptGuard, minBytesPerSecond: number, windowMs: number) {
    this.#guard = guard;
    this.#minBytesPerSecond = minBytesPerSecond;
    this.#windowMs = windowMs;
  }

  /** Made on first use: an AbortSignal per attempt would cost more than the rest of the attempt's bookkeeping. */
  get signal(): AbortSignal {
    return this.#guard.signal;
  }

  guardBody(source: Readable, mapError: (error: unknown, timedOut: boolean) => Error): Readable {
    this.handedOff = true;
    const guard = this.#guard;
    guard.stopDeadline();
    return new GuardedBody(source, {
      minBytesPerSecond: this.#minBytesPerSecond,
      windowMs: this.#windowMs,
      onSettled: () => guard.dispose(),
      mapError,
    });
  }
}

/**
 * One undici dispatcher per client and the retry loop around it. Every
 * attempt is authorized afresh (new date, new signature); a body is replayed
 * only when it is replayable. Each attempt is bounded by a deadline the loop
 * enforces itself; error bodies are read up to a bound; every failure leaves
 * as a `ClientFailure` (no usable answer) or a `StatusFailure` (an error answer).
 */
export class Transport {
  readonly retry: RetryPolicy;
  #dispatcher: Dispatcher | undefined;
  #creating: Promise<Dispatcher> | undefined;
  readonly #agentOptions: Agent.Options | undefined;
  readonly #proxy: string | undefined;
  readonly #headersTimeout: number;
  readonly #bodyTimeout: number;
  readonly #deadline: number;
  readonly #minBytesPerSecond: number;
  readonly #userAgent: string | undefined;
  readonly #userAgentValid: boolean;
  readonly #log: RequestLogger | undefined;

  constructor(options: TransportOptions = {}) {
    this.#headersTimeout = options.headersTimeout ?? 60_000;
    this.#bodyTimeout = options.bodyTimeout ?? 60_000;
    this.#deadline = options.deadline ?? 5 * this.#headersTimeout;
    this.#minBytesPerSecond = options.minBytesPerSecond ?? 1024;
    this.#userAgent = options.userAgent;
    this.#userAgentValid = options.userAgent === undefined || isValidHeaderValue(options.userAgent);
    this.#log = requestLogger(options.logger);
    this.retry = options.retry ?? backoffRetryPolicy();
    this.#proxy = options.proxy;
    if (options.dispatcher) {
      this.#dispatcher = options.dispatcher;
      this.#agentOptions = undefined;
    } else {
      this.#agentOptions = {
        connections: options.connections ?? 16,
        keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
        headersTimeout: this.#headersTimeout,
        bodyTimeout: this.#bodyTimeout,
        connect: { timeout: options.connectTimeout ?? 10_000 },
      };
    }
  }

  /**
   * The undici dispatcher: the injected one, or the keep-alive pool, created
   * on the first request. undici is loaded only then, so importing an SDK
   * (a CLI, a cold serverless start) does not pay for loading the HTTP stack.
   */
  async dispatcher(): Promise<Dispatcher> {
    if (this.#dispatcher) return this.#dispatcher;
    this.#creating ??= import('undici').then((undici) => {
      const options = this.#agentOptions ?? {};
      const proxy = this.#proxy ?? '';
      const fromEnv = this.#proxy === undefined ? proxyFromEnvironment() : undefined;
      this.#dispatcher = proxy
        ? new undici.ProxyAgent({ ...options, uri: proxy })
        : fromEnv
          ? new undici.EnvHttpProxyAgent({ ...options, ...fromEnv })
          : new undici.Agent(options);
      return this.#dispatcher;
    });
    return this.#creating;
  }

  /** True when requests may go through a proxy (explicit or from the environment). */
  get #proxied(): boolean {
    return this.#agentOptions !== undefined && (Boolean(this.#proxy) || (this.#proxy === undefined && proxyFromEnvironment() !== undefined));
  }

  /**
   * A proxy that drops CONNECT leaves undici reconnecting in a loop that no
   * signal stops (undici #3897); after a deadline or an abort, the pool is
   * replaced so the loop ends with it. Other requests on the pool fail as
   * network errors and are retried.
   */
  #resetPool(): void {
    const old = this.#dispatcher;
    if (!old || this.#agentOptions === undefined) return;
    this.#dispatcher = undefined;
    this.#creating = undefined;
    old.destroy().catch(() => undefined);
  }

  #deadlineFor(req: WireRequest, override: number | undefined): number {
    const base = override ?? this.#deadline;
    if (base <= 0) return 0;
    const length = req.body ? req.body.length : 0;
    if (length === undefined) return 0;
    return base + Math.ceil(length / 256);
  }

  /**
   * Sends `req` (retrying per the policy) and hands an accepted answer to
   * `consume`, inside the attempt: a body that fails while `consume` reads
   * it (a reset, the deadline) counts as the attempt failing, and is retried
   * when the request can be replayed. `consume` may throw a `StatusFailure`
   * (a 200 carrying an error); a transient code is retried like a 5xx.
   * `req` may be a function: a fault while building it (an unencodable key)
   * is an argument failure, never sent.
   */
  async exchange<T>(
    req: WireRequest | (() => WireRequest),
    options: SendOptions,
    consume: (res: WireResponse, control: AttemptControl) => Promise<T>,
  ): Promise<T> {
    const policy = options.retry ?? this.retry;
    const clock = options.now ?? (() => new Date());
    const accept = options.accept ?? defaultAccept;
    const { signal } = options;
    let base: WireRequest;
    try {
      base = typeof req === 'function' ? req() : req;
    } catch (error) {
      throw toClientFailure(error, { what: options.what ?? 'request', attempts: 0 });
    }
    const what = options.what ?? `${base.method} ${base.origin}${base.path}`;
    const replayable = !base.body || base.body.replayable;
    const rawBytes = { rawBytes: options.rawByteHeaders === true };
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw toClientFailure(undefined, { what, attempts: attempt - 1, signal });
      const started = Date.now();
      let guard: AttemptGuard | undefined;
      let control: Attempt | undefined;
      let status: number | undefined;
      try {
        const signed = options.authorize ? options.authorize(base, clock()) : base;
        // Object.assign, not a spread: on Node 20 each property added to a spread copy costs a microsecond (a V8 slow path).
        const headers: Record<string, string> = Object.assign({}, signed.headers);
        const present = checkHeaders(headers, rawBytes);
        if (this.#userAgent && !present.userAgent) {
          // The transport's own value, checked once when set; one that is not plain ASCII is checked under this call's rule.
          if (!this.#userAgentValid) checkHeaders({ 'User-Agent': this.#userAgent }, rawBytes);
          headers['User-Agent'] = this.#userAgent;
        }
        const body = base.body;
        if (body?.length !== undefined && !present.contentLength && (body.length > 0 || base.method === 'PUT' || base.method === 'POST')) {
          headers['Content-Length'] = String(body.length);
        }
        const dispatcher = this.#dispatcher ?? (await this.dispatcher());
        const attemptGuard = new AttemptGuard(signal, this.#deadlineFor(base, options.deadline));
        guard = attemptGuard;
        const answer = await attemptGuard.race(
          dispatcher.request({
            origin: signed.origin,
            path: requestTarget(signed),
            method: signed.method,
            headers,
            body: body ? body.open() : null,
            signal: attemptGuard.dispatchSignal,
            headersTimeout: this.#headersTimeout,
            bodyTimeout: this.#bodyTimeout,
          }),
        );
        status = answer.statusCode;
        const responseHeaders = flattenHeaders(answer.headers);
        if (!accept(status)) {
          const { bytes, truncated } = await attemptGuard.race(readBounded(answer.body, ERROR_BODY_LIMIT, 'truncate', attempt));
          const code = options.errorCode?.(status, bytes, responseHeaders);
          const requestId = requestIdOf(responseHeaders);
          throw new StatusFailure(`${what}: HTTP ${status}${code ? ` ${code}` : ''}`, {
            status,
            headers: responseHeaders,
            body: bytes,
            truncated,
            vendorCode: code,
            attempts: attempt,
            embedded: false,
            ...(requestId !== undefined ? { requestId } : {}),
          });
        }
        control = new Attempt(attemptGuard, this.#minBytesPerSecond, this.#bodyTimeout);
        const res: WireResponse = { status, headers: responseHeaders, body: answer.body, errorBody: undefined, attempts: attempt };
        const out = await attemptGuard.race(consume(res, control));
        this.#log?.({ method: base.method, url: base.origin + base.path, status, requestId: requestIdOf(responseHeaders), attempt, ms: Date.now() - started });
        return out;
      } catch (error) {
        const failure = toClientFailure(error, { what, attempts: attempt, signal, timedOut: guard?.timedOut ?? false });
        if ((guard?.timedOut || failure.code === 'ABORTED') && status === undefined && this.#proxied) this.#resetPool();
        this.#log?.({
          method: base.method,
          url: base.origin + base.path,
          status: failure instanceof StatusFailure ? failure.status : undefined,
          requestId: failure.requestId,
          attempt,
          ms: Date.now() - started,
          error: failure.code,
        });
        const context = retryContext(failure, attempt);
        if (context && replayable && policy.should_retry(context)) {
          await this.#wait(policy.delay(context), signal, attempt, what);
          continue;
        }
        throw failure;
      } finally {
        if (!control?.handedOff) guard?.dispose();
      }
    }
  }

  /**
   * Sends and returns the answer with its body as a stream (non-2xx answers
   * too, with their bounded `errorBody`), for code that maps statuses itself.
   * The body stream fails with `ClientFailure`s and may be destroyed unread.
   */
  async send(req: WireRequest, options: SendOptions = {}): Promise<WireResponse> {
    try {
      return await this.exchange(req, options, async (res, control) => {
        const what = options.what ?? `${req.method} ${req.origin}${req.path}`;
        const body = control.guardBody(res.body, (error, timedOut) =>
          toClientFailure(error, { what, attempts: res.attempts, signal: options.signal, timedOut }),
        );
        return { status: res.status, headers: res.headers, body, errorBody: res.errorBody, attempts: res.attempts };
      });
    } catch (error) {
      if (error instanceof StatusFailure && !error.embedded) {
        return { status: error.status as number, headers: error.headers, body: Readable.from([error.body]), errorBody: error.body, attempts: error.attempts };
      }
      throw error;
    }
  }

  async #wait(ms: number, signal: AbortSignal | undefined, attempt: number, what: string): Promise<void> {
    if (ms <= 0) return;
    try {
      await sleep(ms, undefined, signal ? { signal } : undefined);
    } catch {
      throw toClientFailure(undefined, { what, attempts: attempt, signal });
    }
  }

  /** Closes the keep-alive pool (not an injected dispatcher). */
  async close(): Promise<void> {
    if (this.#agentOptions === undefined) return;
    const created = this.#dispatcher ?? (this.#creating ? await this.#creating : undefined);
    await created?.close();
  }
}

/** What the retry policy is shown, or undefined when the failure is final whatever the policy says. */
function retryContext(failure: ClientFailure | StatusFailure, attempt: number): RetryContext | undefined {
  if (failure instanceof StatusFailure) {
    if (!failure.embedded) {
      return failure.vendorCode === undefined
        ? { attempt, status: failure.status as number }
        : { attempt, status: failure.status as number, code: failure.vendorCode };
    }
    // A 200 carrying an error: only a transient code is worth another attempt, weighed as a 500.
    return failure.vendorCode !== undefined && isTransientErrorCode(failure.vendorCode) ? { attempt, status: 500, code: failure.vendorCode } : undefined;
  }
  return failure.transient ? { attempt, error: failure } : undefined;
}
