/**
 * What BOS tells core's request layer (`VendorHttp`): how to read a BOS error
 * code, and how every failure becomes the Python SDK's exceptions.
 *
 * - An answer that is an error → `BceHttpClientError` whose `last_error` is a
 *   `BceServerError` (`message`, `code`, `requestId` of the JSON body; for a
 *   HEAD, which has no body, the reason phrase, `x-bce-request-id` and the
 *   code the status implies: 404 `NoSuchKey`).
 * - No usable answer (network, timeout, abort, TLS, an unreadable answer) →
 *   `BceHttpClientError` whose `last_error` is core's `ClientFailure`
 *   (`code` `ECONNRESET`, `TIMEOUT`, `ABORTED`...; an abort's own `cause` is
 *   `signal.reason`).
 * - A fault in our own arguments (a CR/LF in a header, a lone surrogate in a
 *   key, a missing body file) → `BceInvalidArgumentError`, the seed's
 *   argument error, at once, never retried.
 */
import { STATUS_CODES } from 'node:http';
import { ClientFailure, type ClientFailureInfo, type ServiceFailureInfo, type VendorHooks } from '@yunstore/core';
import { BceHttpClientError, BceInvalidArgumentError, BceServerError } from './errors.ts';
import { headErrorCode, headErrorMessage } from './head-errors.ts';

/** `{code, message, requestId}` of a BOS error body, or nothing when the body is not that JSON. */
export function parseErrorBody(body: Buffer): { code?: string; message?: string; requestId?: string } {
  // Error bodies are small JSON objects; anything else (HTML from a proxy, a truncated body) has no code.
  if (body.length === 0 || body.length > 64 * 1024) return {};
  const text = body.toString('utf8').trimStart();
  if (!text.startsWith('{')) return {};
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const field = (name: string): string | undefined => (typeof parsed[name] === 'string' ? (parsed[name] as string) : undefined);
    const code = field('code');
    const message = field('message');
    const requestId = field('requestId');
    return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}), ...(requestId !== undefined ? { requestId } : {}) };
  } catch {
    return {};
  }
}

/** Python's message: `Unable to execute HTTP request. Retried N times. All trace backs: ...`. */
export function wrapFailure(lastError: Error, attempts: number): BceHttpClientError {
  const message =
    `Unable to execute HTTP request. Retried ${Math.max(0, attempts - 1)} times. All trace backs:\n` + `>>>>${lastError.name}: ${lastError.message}`;
  return new BceHttpClientError(message, lastError);
}

function serviceError(info: ServiceFailureInfo): Error {
  const parsed = parseErrorBody(info.body);
  const reason = STATUS_CODES[info.status] ?? `HTTP ${info.status}`;
  let code = parsed.code ?? info.code;
  let message = parsed.message ?? reason;
  if (code === undefined && info.method === 'HEAD') {
    // No body to carry the code: name it from the status, and say what was asked for.
    code = headErrorCode(info.status, info.op === 'does_bucket_exist' ? 'bucket' : 'object');
    message = headErrorMessage(reason, code, info.url);
  }
  const requestId = parsed.requestId ?? info.requestId ?? info.headers['x-bce-request-id'];
  const raw = info.body.length > 0 ? info.body.toString('utf8') : undefined;
  const server = new BceServerError(message, info.status, code, requestId, raw);
  return wrapFailure(server, info.attempts);
}

function clientError(info: ClientFailureInfo): Error {
  if (info.kind === 'argument') return new BceInvalidArgumentError(info.message, { code: 'InvalidArgument', cause: info.cause });
  return wrapFailure(info.cause, info.attempts);
}

/** An aborted call that ended before the layer saw the abort (between steps of a transfer): the same `ABORTED` failure. */
export function abortedError(op: string, signal: AbortSignal): BceHttpClientError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error ? reason.message : 'the operation was aborted';
  return wrapFailure(new ClientFailure('ABORTED', `${op}: aborted: ${detail}`, { kind: 'aborted', attempts: 1, cause: reason }), 1);
}

export const BOS_HOOKS: VendorHooks = {
  errorCode: (_status, body) => parseErrorBody(body).code,
  serviceError,
  clientError,
  // BOS answers a failed copy (and complete, part copy) 200 with its JSON error in the body (protocol notes §6).
  isErrorBody: (body) => parseErrorBody(body).code !== undefined,
};
