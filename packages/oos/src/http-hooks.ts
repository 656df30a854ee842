/**
 * What OOS tells core's request layer (VendorHttp): how to read an S3 error
 * code, and how to turn core's two failure shapes into botocore's
 * exceptions. Sending, retrying, deadlines, bounded reads, 200-with-error
 * answers and the empty-key refusal are core's.
 */
import { ClientFailure, NetworkError, parseXml, type ClientFailureInfo, type ServiceFailureInfo, type VendorHooks } from '@yunstore/core';
import { clientError, ParamValidationError, parseErrorBody, type ClientError } from './errors.ts';
import { responseMetadata } from './operations/shape.ts';

/** `<Error><Code>NoSuchKey</Code>...` in an S3 error body; undefined for an empty body (HEAD) or one that is not XML. */
export function oosErrorCode(_status: number, body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const err = parseXml(body)['Error'];
    const code = err && typeof err === 'object' && !Array.isArray(err) ? err['Code'] : undefined;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * OOS answered with an error (a non-2xx status, or a 200 whose body is an
 * `<Error>`): botocore's ClientError, or its modeled subclass (NoSuchKey...).
 * A HEAD has no body: `Code` is the status (`'404'`), as in botocore.
 * `info.op` is botocore's operation name (`PutObject`), used in the message.
 */
export function oosServiceError(info: ServiceFailureInfo): ClientError {
  const error = parseErrorBody(info.embedded ? 500 : info.status, info.body);
  const raw = info.body.length === 0 ? undefined : info.body.toString('utf8');
  return clientError(
    { Error: error, ResponseMetadata: responseMetadata({ status: info.status, headers: info.headers, attempts: info.attempts }) },
    info.op,
    raw,
  );
}

/**
 * No usable answer. A local argument fault (a CR/LF in a header value, a
 * lone surrogate in a key, a file that cannot be read) is botocore's
 * ParamValidationError; everything else is core's NetworkError with core's
 * code (`ABORTED`, `TIMEOUT`, `ECONNRESET`, a TLS code, `MalformedResponse`)
 * and the core failure as `cause` (whose own `cause` is `signal.reason` for an abort).
 */
export function oosClientError(info: ClientFailureInfo): Error {
  const original = info.cause.cause;
  // A ParamValidationError of our own (thrown while building the request) keeps its words.
  if (original instanceof ParamValidationError) return original;
  if (info.kind === 'argument') return new ParamValidationError(info.message, { cause: info.cause });
  const retried = info.kind === 'network' || info.kind === 'timeout';
  const message = retried && info.attempts > 1 ? `${info.message} (after ${info.attempts} attempts)` : info.message;
  return new NetworkError(info.code, message, info.attempts, { cause: info.cause });
}

/**
 * An answer that parsed but lacks what the operation needs (a part without
 * an ETag): NetworkError `MalformedResponse`, final (kind `protocol`), as the
 * layer reports an unreadable answer.
 */
export function malformedAnswer(message: string): NetworkError {
  return new NetworkError('MalformedResponse', message, 1, { cause: new ClientFailure('MalformedResponse', message, { kind: 'protocol', attempts: 1 }) });
}

/** The hooks, as VendorHttp takes them. */
export const OOS_HOOKS: VendorHooks = {
  errorCode: oosErrorCode,
  serviceError: oosServiceError,
  clientError: oosClientError,
};
