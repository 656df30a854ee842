/**
 * What COS tells core's request layer (VendorHttp): how to read a COS error
 * code, and how to turn core's two failure shapes into the Python SDK's two
 * exception classes. Everything else — sending, retrying, deadlines, bounded
 * reads, 200-with-error answers, empty-key refusal — is core's.
 */
import { StatusFailure, toClientFailure, type ClientFailureInfo, type ServiceFailureInfo, type VendorHooks } from '@yunstore/core';
import { errorDigest } from './error-mapping.ts';
import { CosClientError, CosServiceError } from './errors.ts';

/** `<Code>NoSuchKey</Code>` in an XML error body; undefined for JSON or empty bodies (HEAD). */
export function cosErrorCode(_status: number, body: Buffer): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(body.subarray(0, 4096).toString('utf8'))?.[1];
}

/**
 * COS answered with an error (status >= 400, or 200 with `<Error>`):
 * CosServiceError with the Python SDK's digest (`get_error_code()`,
 * `get_request_id()`...). A HEAD has no body: `NoSuchResource` for a 404.
 */
export function cosServiceError(info: ServiceFailureInfo): CosServiceError {
  const origin = info.body.toString('utf8');
  const digest = errorDigest(origin, info.headers, info.url, info.method === 'HEAD', info.status);
  return new CosServiceError({ method: info.op, status: info.status, origin, digest });
}

/**
 * No usable answer: CosClientError, `code` as core says (`ABORTED`, `TIMEOUT`,
 * `ECONNRESET`, `InvalidArgument`, a TLS code, `MalformedResponse`...), the
 * core failure as `cause` (its own `cause` is `signal.reason` for an abort).
 */
export function cosClientError(info: ClientFailureInfo): CosClientError {
  // A failure of our own making (a CosClientError thrown while building the request) keeps its words.
  const original = info.cause.cause;
  if (original instanceof CosClientError) return original;
  const retried = info.kind === 'network' || info.kind === 'timeout';
  const message = retried && info.attempts > 0 ? `${info.message} (after ${info.attempts} attempt(s))` : info.message;
  return new CosClientError(message, { code: info.code, cause: info.cause });
}

/**
 * Anything thrown outside the request layer (argument checks, local files,
 * the transfer engine's verdicts) as the vendor's class, the way the layer
 * maps its own failures: CosClientError with the failure's code.
 */
export function toCosError(error: unknown, op: string): Error {
  if (error instanceof CosClientError || error instanceof CosServiceError) return error;
  const failure = toClientFailure(error, { what: op, attempts: 0 });
  // Error answers are mapped inside the request layer; one cannot reach here but would still be a CosClientError.
  if (failure instanceof StatusFailure) return new CosClientError(failure.message, { code: failure.code, cause: failure });
  return cosClientError({
    op,
    method: undefined,
    url: undefined,
    kind: failure.kind,
    code: failure.code,
    message: failure.message,
    cause: failure,
    attempts: failure.attempts,
  });
}

/** The hooks, as VendorHttp takes them. */
export const COS_HOOKS: VendorHooks = {
  errorCode: cosErrorCode,
  serviceError: cosServiceError,
  clientError: cosClientError,
};
