import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import { NetworkError, YunstoreError } from './errors.ts';
import { backoffRetryPolicy, type RetryPolicy } from './retry.ts';
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
  /** Milliseconds an idle keep-alive socket stays open. Default 30 000. */
  keepAliveTimeout?: number;
  /** An HTTP proxy, `http://proxy.example.com:8080`. */
  proxy?: string;
  /** Use this undici dispatcher instead of creating one (tests: `MockAgent`). Not closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Default retry policy. Default: 3 attempts, exponential back-off with full jitter. */
  retry?: RetryPolicy;
  /** Sent as User-Agent unless the request sets one. */
  userAgent?: string;
}

export interface SendOptions {
  /** Adds authorization to a request; called again for every attempt, with a fresh clock reading. */
  authorize?: (req: WireRequest, now: Date) => WireRequest;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  /** Reads the vendor error code from an error body, so throttling codes can be retried. */
  errorCode?: (status: number, body: Buffer, headers: Record<string, string>) => string | undefined;
  /** The clock handed to `authorize`. Default `new Date()`. */
  now?: () => Date;
}

/** Flattens undici's header record: lower-case names, repeated values joined by `, `. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((h) => h.toLowerCase() === lower);
}

function networkCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'TIMEOUT';
  if (code === 'UND_ERR_SOCKET') return 'ECONNRESET';
  return typeof code === 'string' ? code : 'NetworkError';
}

function abortError(signal: AbortSignal, attempts: number): NetworkError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error ? reason.message : 'the operation was aborted';
  return new NetworkError('ABORTED', detail, attempts, { cause: reason });
}

/**
 * One undici dispatcher per client and the retry loop around it. Every
 * attempt is authorized afresh (new date, new signature); a body is replayed
 * only when it is replayable. Non-2xx answers are returned, not thrown, with
 * their (small) body read, so the vendor layer maps them to its own errors.
 */
export class Transport {
  readonly retry: RetryPolicy;
  #dispatcher: Dispatcher | undefined;
  #creating: Promise<Dispatcher> | undefined;
  readonly #agentOptions: Agent.Options | undefined;
  readonly #proxy: string | undefined;
  readonly #headersTimeout: number;
  readonly #bodyTimeout: number;
  readonly #userAgent: string | undefined;

  constructor(options: TransportOptions = {}) {
    this.#headersTimeout = options.headersTimeout ?? 60_000;
    this.#bodyTimeout = options.bodyTimeout ?? 60_000;
    this.#userAgent = options.userAgent;
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
    this.#creating ??= import('undici').then(({ Agent, ProxyAgent }) => {
      const options = this.#agentOptions ?? {};
      this.#dispatcher = this.#proxy ? new ProxyAgent({ ...options, uri: this.#proxy }) : new Agent(options);
      return this.#dispatcher;
    });
    return this.#creating;
  }

  async send(req: WireRequest, options: SendOptions = {}): Promise<WireResponse> {
    const policy = options.retry ?? this.retry;
    const clock = options.now ?? (() => new Date());
    const { signal } = options;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(signal, attempt - 1);
      const signed = options.authorize ? options.authorize(req, clock()) : req;
      const headers: Record<string, string> = { ...signed.headers };
      if (this.#userAgent && !hasHeader(headers, 'user-agent')) headers['User-Agent'] = this.#userAgent;
      const body = req.body;
      if (body?.length !== undefined && !hasHeader(headers, 'content-length') && (body.length > 0 || req.method === 'PUT' || req.method === 'POST')) {
        headers['Content-Length'] = String(body.length);
      }
      const replayable = !body || body.replayable;
      // Outside the try: a bad proxy URL is a configuration error, not a network failure to retry.
      const dispatcher = this.#dispatcher ?? (await this.dispatcher());
      let answer: Dispatcher.ResponseData;
      try {
        answer = await dispatcher.request({
          origin: signed.origin,
          path: requestTarget(signed),
          method: signed.method,
          headers,
          body: body ? body.open() : null,
          signal: signal ?? null,
          headersTimeout: this.#headersTimeout,
          bodyTimeout: this.#bodyTimeout,
        });
      } catch (error) {
        if (signal?.aborted) throw abortError(signal, attempt);
        if (YunstoreError.is(error)) throw error;
        const context = { attempt, error };
        if (replayable && policy.should_retry(context)) {
          await this.#wait(policy.delay(context), signal, attempt);
          continue;
        }
        const message = `${signed.method} ${signed.origin}${signed.path}: ${(error as Error).message ?? String(error)}`;
        throw new NetworkError(networkCode(error), message, attempt, { cause: error });
      }
      const status = answer.statusCode;
      const responseHeaders = flattenHeaders(answer.headers);
      if (status < 300) {
        return { status, headers: responseHeaders, body: answer.body, errorBody: undefined, attempts: attempt };
      }
      let errorBody: Buffer;
      try {
        errorBody = Buffer.from(await answer.body.arrayBuffer());
      } catch (_error) {
        if (signal?.aborted) throw abortError(signal, attempt);
        errorBody = Buffer.alloc(0);
      }
      const code = options.errorCode?.(status, errorBody, responseHeaders);
      const context = code === undefined ? { attempt, status } : { attempt, status, code };
      if (replayable && policy.should_retry(context)) {
        await this.#wait(policy.delay(context), signal, attempt);
        continue;
      }
      return { status, headers: responseHeaders, body: Readable.from([errorBody]), errorBody, attempts: attempt };
    }
  }

  async #wait(ms: number, signal: AbortSignal | undefined, attempt: number): Promise<void> {
    if (ms <= 0) return;
    try {
      await sleep(ms, undefined, signal ? { signal } : undefined);
    } catch {
      throw abortError(signal as AbortSignal, attempt);
    }
  }

  /** Closes the keep-alive pool (not an injected dispatcher). */
  async close(): Promise<void> {
    if (this.#agentOptions === undefined) return;
    const created = this.#dispatcher ?? (this.#creating ? await this.#creating : undefined);
    await created?.close();
  }
}
