/**
 * The one request layer of every vendor package. A vendor supplies hooks —
 * read its error code, build its exception classes — and builds plain
 * `WireRequest`s (addressed, with an `authorize` that signs each attempt);
 * this layer sends them and holds the error contract:
 * - every failure leaves as the vendor's exception (`serviceError` for an
 *   error answer, `clientError` for everything else: network, timeout,
 *   abort with `ABORTED`, argument faults, TLS, unreadable answers);
 * - bodies are read into memory only up to a bound;
 * - a 200 carrying an error (complete multipart, copy) is an error;
 * - a body streamed to the caller fails only with vendor exceptions, may be
 *   destroyed unread, and cannot trickle forever;
 * - an object operation never goes out with an empty key (it would address
 *   the bucket: `DELETE /` deletes the bucket).
 */
import type { Readable } from 'node:stream';
import type { AttemptControl, Transport } from '../transport.ts';
import type { RetryPolicy } from '../retry.ts';
import type { HttpMethod, WireRequest, WireResponse } from '../types.ts';
import { drainBounded, readBounded, RESULT_BODY_LIMIT } from './bounded.ts';
import { ClientFailure, StatusFailure, toClientFailure, type FailureKind } from './failure.ts';
import { checkWellFormed } from './preflight.ts';

/** An error answer, as the vendor's `serviceError` hook receives it. */
export interface ServiceFailureInfo {
  /** The vendor method (`put_object`). */
  op: string;
  method: HttpMethod;
  /** Origin and path, no query (a presigned query would carry a signature). */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The start of the body, at most 64 KiB; `truncated` when there was more. */
  body: Buffer;
  truncated: boolean;
  /** What the vendor's `errorCode` hook read from the body. */
  code: string | undefined;
  requestId: string | undefined;
  attempts: number;
  /** True for a 200 whose body is an error. */
  embedded: boolean;
}

/** A failure without a usable answer, as the vendor's `clientError` hook receives it. */
export interface ClientFailureInfo {
  op: string;
  method: HttpMethod | undefined;
  url: string | undefined;
  kind: FailureKind;
  /** `ABORTED`, `TIMEOUT`, `ECONNRESET`, `InvalidArgument`, `ResponseTooLarge`, a TLS code... */
  code: string;
  /** Says what failed; never holds a secret or a signature. */
  message: string;
  /** The core failure; its own `cause` is the original error (`signal.reason` for an abort). */
  cause: ClientFailure;
  attempts: number;
}

export interface VendorHooks {
  /** The vendor code in an error body (`NoSuchKey`), for retry decisions and messages. */
  errorCode(status: number, body: Buffer, headers: Record<string, string>): string | undefined;
  /** The vendor's exception for an error answer (`CosServiceError`, `BceServerError` in `BceHttpClientError`...). */
  serviceError(info: ServiceFailureInfo): Error;
  /** The vendor's exception for everything else (`CosClientError`, `BceHttpClientError`, `ConnectionError`...). */
  clientError(info: ClientFailureInfo): Error;
  /** Recognises a 200 whose body is an error. Default: an XML document whose root element is `Error`. */
  isErrorBody?(body: Buffer, headers: Record<string, string>): boolean;
}

/** One call of a vendor method. */
export interface HttpCall {
  /** The vendor method, for messages (`put_object`). */
  op: string;
  /** The addressed request, or a function building it (a fault while building is an argument error). */
  request: WireRequest | (() => WireRequest);
  /** For object operations: the object key after the vendor's normalisation. Empty is refused before sending. */
  key?: string | undefined;
  /** Signs one attempt; called again, with a fresh clock, for each retry. */
  authorize?: ((req: WireRequest, now: Date) => WireRequest) | undefined;
  signal?: AbortSignal | undefined;
  retry?: RetryPolicy | undefined;
  now?: (() => Date) | undefined;
  /** Which statuses are success. Default 200-299. */
  accept?: ((status: number) => boolean) | undefined;
  /** Per-call deadline override, ms. */
  deadline?: number | undefined;
  /** See `SendOptions.rawByteHeaders`. */
  rawByteHeaders?: boolean | undefined;
}

/**
 * What a vendor client does for every request an operation hands to the
 * layer: address it (origin, encoded path, Host, the key after normalisation,
 * the signer of each attempt, the accepted statuses) and get ready for it
 * (fresh provider credentials, a closed client refused). With these hooks an
 * operation passes its own request description straight to `send`, `parse`,
 * `read` or `stream`; the layer calls back to address it.
 */
export interface RequestHooks<Req extends VendorCallInput> {
  /** The vendor's request → core's call. Runs inside the layer: a fault here is the vendor's argument error. */
  address(request: Req): HttpCall;
  /** Awaited before the request is addressed and sent; what it throws reaches the caller unchanged (throw the vendor's class). */
  ready?(request: Req): void | Promise<void>;
}

/**
 * The least a vendor's request description carries: the method name (for
 * messages) and the caller's signal. It must not have a `request` field: that
 * is how the layer tells an addressed `HttpCall` from a vendor request.
 */
export interface VendorCallInput {
  op: string;
  signal?: AbortSignal | undefined;
}

export interface ReadOptions {
  /** Largest body read into memory. Default 8 MiB. */
  limit?: number;
  /** The operation's 200 may carry an error body (complete multipart, copy, upload part copy). */
  embeddedError?: boolean;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  attempts: number;
}

export interface StreamedAnswer extends Answer {
  /** Fails only with the vendor's exceptions; `destroy()` unread is quiet. */
  body: Readable;
}

export interface ReadAnswer extends Answer {
  body: Buffer;
}

const XML_ERROR_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?<Error[\s>]/;

/** True when `body` is an XML document whose root element is `Error` (the default 200-with-error check). */
export function isXmlErrorBody(body: Buffer): boolean {
  return XML_ERROR_ROOT.test(body.subarray(0, 512).toString('latin1'));
}

const MAPPED = new WeakSet<object>();

/**
 * The layer for one client. `Req` is the vendor's own request description,
 * addressed by `requests.address`; every method also takes an addressed
 * `HttpCall`.
 */
export class VendorHttp<Req extends VendorCallInput = never> {
  readonly transport: Transport;
  readonly #hooks: VendorHooks;
  readonly #requests: RequestHooks<Req> | undefined;

  constructor(transport: Transport, hooks: VendorHooks, requests?: RequestHooks<Req>) {
    this.transport = transport;
    this.#hooks = hooks;
    this.#requests = requests;
  }

  /** Sends and hands the body over as a stream (`get_object`). */
  async stream(input: HttpCall | Req): Promise<StreamedAnswer> {
    return this.#run(input, async (res, control, call) => {
      const body = control.guardBody(res.body, (error, timedOut) =>
        this.#map(toClientFailure(error, { what: call.op, attempts: res.attempts, signal: call.signal, timedOut }), call),
      );
      return { status: res.status, headers: res.headers, attempts: res.attempts, body };
    });
  }

  /** Sends and reads the whole body, up to `limit` (8 MiB); a body that fails midway is retried when the request can be. */
  async read(input: HttpCall | Req, options: ReadOptions = {}): Promise<ReadAnswer> {
    return this.#run(input, (res, _control, call) => this.#readWhole(res, call, options));
  }

  /**
   * `read`, then `parse` inside the attempt. A parse failure (the answer is
   * not the XML/JSON the operation returns) is the vendor's client error of
   * kind `protocol`, never a bare `SyntaxError`.
   */
  async parse<T>(input: HttpCall | Req, parse: (body: Buffer, answer: Answer) => T, options: ReadOptions = {}): Promise<ReadAnswer & { result: T }> {
    return this.#run(input, async (res, _control, call) => {
      const { body: bytes, ...answer } = await this.#readWhole(res, call, options);
      let result: T;
      try {
        result = parse(bytes, answer);
      } catch (error) {
        if (MAPPED.has(error as object)) throw error;
        const detail = error instanceof Error ? error.message : String(error);
        throw new ClientFailure('MalformedResponse', `${call.op}: the answer could not be read: ${detail}`, {
          kind: 'protocol',
          attempts: res.attempts,
          cause: error,
        });
      }
      return Object.assign(answer, { body: bytes, result });
    });
  }

  /** Sends and discards the body (bounded), for operations whose answer is all in the headers. */
  async send(input: HttpCall | Req): Promise<Answer> {
    return this.#run(input, async (res) => {
      await drainBounded(res.body);
      return { status: res.status, headers: res.headers, attempts: res.attempts };
    });
  }

  /**
   * Maps anything to the vendor's exception, as the layer does: for a step a
   * vendor runs itself around a call (a local file, a follow-up check).
   */
  mapError(error: unknown, call: Pick<HttpCall, 'op'> & Partial<HttpCall>): Error {
    if (MAPPED.has(error as object)) return error as Error;
    return this.#map(toClientFailure(error, { what: call.op, attempts: 0, signal: call.signal }), call);
  }

  async #run<T>(input: HttpCall | Req, consume: (res: WireResponse, control: AttemptControl, call: HttpCall) => Promise<T>): Promise<T> {
    // Outside the mapping: `ready` throws the vendor's own errors (a closed client, a failed credential provider).
    const ready = 'request' in input ? undefined : this.#requests?.ready;
    if (ready) await ready.call(this.#requests, input as Req);
    let call: HttpCall | undefined;
    try {
      call = this.#callOf(input);
      const addressed = call;
      if (call.key !== undefined) {
        checkWellFormed(call.key, 'the object key');
        if (call.key === '') throw new TypeError(`${call.op} needs a non-empty object key (an empty key would address the bucket itself)`);
      }
      return await this.transport.exchange(
        call.request,
        {
          what: call.op,
          signal: call.signal,
          retry: call.retry,
          now: call.now,
          accept: call.accept,
          deadline: call.deadline,
          rawByteHeaders: call.rawByteHeaders,
          errorCode: (status, body, headers) => this.#hooks.errorCode(status, body, headers),
          ...(call.authorize ? { authorize: call.authorize } : {}),
        },
        (res, control) => consume(res, control, addressed),
      );
    } catch (error) {
      if (MAPPED.has(error as object)) throw error;
      const at = call ?? { op: input.op, signal: input.signal };
      throw this.#map(toClientFailure(error, { what: at.op, attempts: 0, signal: at.signal }), at);
    }
  }

  /** An addressed call as it is, or the vendor's request addressed by its hook. */
  #callOf(input: HttpCall | Req): HttpCall {
    if ('request' in input) return input;
    if (!this.#requests) throw new TypeError(`${input.op}: this VendorHttp has no address hook for vendor requests`);
    return this.#requests.address(input);
  }

  /** The whole body within `limit`, checked for an embedded error when the operation can have one. */
  async #readWhole(res: WireResponse, call: HttpCall, options: ReadOptions): Promise<ReadAnswer> {
    const { bytes } = await readBounded(res.body, options.limit ?? RESULT_BODY_LIMIT, 'fail', res.attempts);
    if (options.embeddedError) this.#checkEmbedded(bytes, res.status, res.headers, res.attempts, call);
    return { status: res.status, headers: res.headers, attempts: res.attempts, body: bytes };
  }

  #checkEmbedded(body: Buffer, status: number, headers: Record<string, string>, attempts: number, call: HttpCall): void {
    const isError = this.#hooks.isErrorBody ? this.#hooks.isErrorBody(body, headers) : isXmlErrorBody(body);
    if (!isError) return;
    const code = this.#hooks.errorCode(status, body, headers);
    throw new StatusFailure(`${call.op}: the answer is ${status} but its body is an error${code ? ` (${code})` : ''}`, {
      status,
      headers,
      body: body.subarray(0, 64 * 1024),
      truncated: body.length > 64 * 1024,
      vendorCode: code,
      attempts,
      embedded: true,
    });
  }

  #map(failure: ClientFailure | StatusFailure, call: Partial<HttpCall> & Pick<HttpCall, 'op'>): Error {
    const request = typeof call.request === 'object' ? call.request : undefined;
    const method = request?.method;
    const url = request ? request.origin + request.path : undefined;
    let mapped: Error;
    if (failure instanceof StatusFailure) {
      mapped = this.#hooks.serviceError({
        op: call.op,
        method: method ?? 'GET',
        url: url ?? '',
        status: failure.status as number,
        headers: failure.headers,
        body: failure.body,
        truncated: failure.truncated,
        code: failure.vendorCode,
        requestId: failure.requestId,
        attempts: failure.attempts,
        embedded: failure.embedded,
      });
    } else {
      mapped = this.#hooks.clientError({
        op: call.op,
        method,
        url,
        kind: failure.kind,
        code: failure.code,
        message: failure.message,
        cause: failure,
        attempts: failure.attempts,
      });
    }
    MAPPED.add(mapped);
    return mapped;
  }
}
