/**
 * How operations send: every NOS request goes through one of four calls,
 * `send` (answer in the headers), `parse` (an XML answer), `stream` (a body
 * for the caller) and `read` (a whole body), which hand it to core's
 * `VendorHttp` through the default `Transport`.
 *
 * A `transport_class` of the user's own (the Python SDK's extension point:
 * any class with `perform_request`, or a `Transport` subclass overriding it)
 * is honoured too: its answers get the same bounds and the same exception
 * classes; retries and deadlines are those of its `perform_request`.
 */
import { drainBounded, ERROR_BODY_LIMIT, RESULT_BODY_LIMIT, readBounded, StatusFailure, toClientFailure } from '@yunstore/core';
import { NOSException, serviceExceptionFor } from './errors.ts';
import { clientExceptionFor } from './http-hooks.ts';
import { type NosRequest, type NosResponse, type NosTransport, Transport } from './transport.ts';

/** What every operation needs: the transport. Operations are plain functions `(ctx, params)`. */
export interface NosContext {
  transport: NosTransport;
  /** Keys and end point of the client, for presigned URLs (which are built here, not sent). */
  signing?: NosSigning;
  /** The client's `max_retries`: also how often a whole-body read resumes after a lost connection. */
  maxRetries?: number;
}

/** The client options a presigned URL depends on. */
export interface NosSigning {
  accessKeyId: string | null;
  accessKeySecret: string | null;
  endPoint: string;
  enableSsl: boolean;
}

/** A successful answer: status and lower-case headers. */
export interface NosAnswer {
  status: number;
  headers: Record<string, string>;
}

/** Maps anything a custom transport (or reading its answer) throws to a `nos.exceptions` class. */
function mapCustom(error: unknown, op: string, signal: AbortSignal | undefined): NOSException {
  if (error instanceof NOSException) return error;
  const failure = toClientFailure(error, { what: op, attempts: 1, signal });
  if (failure instanceof StatusFailure) return serviceExceptionFor(failure.status ?? 0, failure.headers, failure.body);
  return clientExceptionFor({ kind: failure.kind, code: failure.code, message: failure.message, cause: failure });
}

/** A user's `perform_request`: a non-2xx answer becomes its ServiceException (its body read up to a bound). */
async function viaCustom<T>(ctx: NosContext, op: string, req: NosRequest, consume: (res: NosResponse) => Promise<T>): Promise<T> {
  try {
    const res = await ctx.transport.perform_request(req);
    if (res.status < 200 || res.status >= 300) {
      const body = res.errorBody ?? (req.method === 'HEAD' ? undefined : (await readBounded(res.body, ERROR_BODY_LIMIT, 'truncate')).bytes);
      throw serviceExceptionFor(res.status, res.headers, body);
    }
    return await consume(res);
  } catch (error) {
    throw mapCustom(error, op, req.signal);
  }
}

/**
 * The default transport, used through the layer's four calls; a subclass
 * that overrides `perform_request` (to watch or change requests, as Python
 * users subclass `nos.transport.Transport`) gets every request through it instead.
 */
function defaultTransport(ctx: NosContext): Transport | undefined {
  const t = ctx.transport;
  return t instanceof Transport && t.perform_request === Transport.prototype.perform_request ? t : undefined;
}

/** The default transport with its keys loaded (a `credentials_provider` is asked here, before anything is sent). */
async function readyTransport(ctx: NosContext): Promise<Transport | undefined> {
  const t = defaultTransport(ctx);
  await t?.loadCredentials();
  return t;
}

/**
 * Sends and discards the body, for answers that are all in the headers.
 * `embeddedError`: the operation may answer 200 with an `<Error>` body (copy, move).
 */
export async function send(ctx: NosContext, op: string, req: NosRequest, options: { embeddedError?: boolean } = {}): Promise<NosAnswer> {
  const t = await readyTransport(ctx);
  if (t) return options.embeddedError ? t.http.read(t.call(op, req), { embeddedError: true }) : t.http.send(t.call(op, req));
  return viaCustom(ctx, op, req, async (res) => {
    await drainBounded(res.body);
    return { status: res.status, headers: res.headers };
  });
}

/**
 * Sends and parses the (bounded) answer inside the attempt: an answer `parse`
 * cannot read is `XmlParseError`. `embeddedError` as for `send` (complete multipart).
 */
export async function parse<T>(
  ctx: NosContext,
  op: string,
  req: NosRequest,
  parseBody: (body: Buffer) => T,
  options: { embeddedError?: boolean } = {},
): Promise<NosAnswer & { result: T }> {
  const t = await readyTransport(ctx);
  if (t) return t.http.parse(t.call(op, req), parseBody, options);
  return viaCustom(ctx, op, req, async (res) => {
    const { bytes } = await readBounded(res.body, RESULT_BODY_LIMIT, 'fail');
    return { status: res.status, headers: res.headers, result: parseBody(bytes) };
  });
}

/** Sends and hands the body over as a stream that fails only with `nos.exceptions` classes. */
export async function stream(ctx: NosContext, op: string, req: NosRequest): Promise<NosAnswer & { body: NosResponse['body'] }> {
  const t = await readyTransport(ctx);
  if (t) return t.http.stream(t.call(op, req));
  return viaCustom(ctx, op, req, async (res) => ({ status: res.status, headers: res.headers, body: res.body }));
}

/** `x-nos-request-id`, '' when absent (Python's default for missing headers). */
export function requestIdOf(res: NosAnswer): string {
  return res.headers['x-nos-request-id'] ?? '';
}

/** ETags come back quoted; Python strips `"` and `'`. */
export function etagOf(res: NosAnswer): string {
  return (res.headers['etag'] ?? '').replace(/^["']+|["']+$/g, '');
}
