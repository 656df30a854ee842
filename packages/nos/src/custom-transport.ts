/**
 * The second path: a `transport_class` of the user's own (the Python SDK's
 * extension point: any class with `perform_request`, or a `Transport`
 * subclass overriding it) gets every request through its `perform_request`.
 * Its answers get the same bounds and the same exception classes as the
 * default path; retries and deadlines are those of its `perform_request`.
 */
import type { Readable } from 'node:stream';
import {
  drainBounded,
  ERROR_BODY_LIMIT,
  isXmlErrorBody,
  RESULT_BODY_LIMIT,
  readBounded,
  StatusFailure,
  toClientFailure,
  type ReadOptions,
} from '@yunstore/core';
import type { NosCall } from './address.ts';
import type { NosAnswer, NosHttp } from './context.ts';
import { NOSException, serviceExceptionFor } from './errors.ts';
import { clientExceptionFor } from './http-hooks.ts';
import type { NosRequest, NosResponse, NosTransport } from './transport.ts';

/** Maps anything a custom transport (or reading its answer) throws to a `nos.exceptions` class. */
function mapCustom(error: unknown, op: string, signal: AbortSignal | undefined): NOSException {
  if (error instanceof NOSException) return error;
  const failure = toClientFailure(error, { what: op, attempts: 1, signal });
  if (failure instanceof StatusFailure) return serviceExceptionFor(failure.status ?? 0, failure.headers, failure.body);
  return clientExceptionFor({ kind: failure.kind, code: failure.code, message: failure.message, cause: failure });
}

/** A user's `perform_request`: a non-2xx answer becomes its ServiceException (its body read up to a bound). */
async function viaCustom<T>(transport: NosTransport, call: NosCall, consume: (res: NosResponse) => Promise<T>): Promise<T> {
  // The user's transport sees the Python request, as before the method name travelled with it.
  const { op, ...request } = call;
  try {
    const res = await transport.perform_request(request satisfies NosRequest);
    if (res.status < 200 || res.status >= 300) {
      const body = res.errorBody ?? (request.method === 'HEAD' ? undefined : (await readBounded(res.body, ERROR_BODY_LIMIT, 'truncate')).bytes);
      throw serviceExceptionFor(res.status, res.headers, body);
    }
    return await consume(res);
  } catch (error) {
    throw mapCustom(error, op, request.signal);
  }
}

/** The whole answer within its bound; for an operation whose 200 may carry an error (copy, move, complete), that error raised. */
async function readWhole(res: NosResponse, options: ReadOptions): Promise<Buffer> {
  const bytes = (await readBounded(res.body, options.limit ?? RESULT_BODY_LIMIT, 'fail')).bytes;
  if (options.embeddedError && isXmlErrorBody(bytes)) throw serviceExceptionFor(res.status, res.headers, bytes);
  return bytes;
}

/**
 * The four calls of the request layer over a user's `perform_request`.
 * A 200 carrying an `<Error>` fails for the operations that can get one
 * (`embeddedError`), as on the default path.
 */
export function customTransportHttp(transport: NosTransport): NosHttp {
  return {
    send: (call) =>
      viaCustom(transport, call, async (res): Promise<NosAnswer> => {
        await drainBounded(res.body);
        return { status: res.status, headers: res.headers };
      }),
    read: (call, options = {}) =>
      viaCustom(transport, call, async (res) => ({ status: res.status, headers: res.headers, body: await readWhole(res, options) })),
    parse: (call, parseBody, options = {}) =>
      viaCustom(transport, call, async (res) => ({ status: res.status, headers: res.headers, result: parseBody(await readWhole(res, options)) })),
    stream: (call) =>
      viaCustom(transport, call, async (res): Promise<NosAnswer & { body: Readable }> => ({ status: res.status, headers: res.headers, body: res.body })),
  };
}
