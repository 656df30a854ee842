/**
 * The BOS Python SDK's exception model (protocol notes §6), as thin classes
 * over core's errors so `YunstoreError.is()` recognises them too.
 *
 * What a caller catches from a request is always `BceHttpClientError`; the
 * reason is in `last_error` (a `BceServerError` for an answer from BOS, a
 * core `NetworkError` for a connection failure, timeout or abort). Bad
 * arguments never reach the network: `ValueError` (empty or out of range),
 * `TypeError` (wrong type), `BceInvalidArgumentError` (BOS naming rules).
 */
import { YunstoreError, type YunstoreErrorOptions } from '@yunstore/core';

/** Base of the BOS errors (Python `BceError`). */
export class BceError extends YunstoreError {
  override name = 'BceError';
}

/** Options of the client-side errors: core's, plus the code to report. */
export interface BceClientErrorOptions extends YunstoreErrorOptions {
  /** Default `'BceClientError'` (`'InvalidArgument'` for `BceInvalidArgumentError`). */
  code?: string;
}

/** A problem on the client side (Python `BceClientError`). */
export class BceClientError extends BceError {
  override name = 'BceClientError';
  constructor(message: string, options: BceClientErrorOptions = {}) {
    const { code = 'BceClientError', ...rest } = options;
    super(code, message, rest);
  }
}

/**
 * An argument that breaks a BOS rule or names something unusable, found
 * before any request (Python `BceInvalidArgumentError`, "传递参数产生的异常").
 * `code` is what BOS itself would answer for the same fault:
 * `InvalidBucketName`, `InvalidObjectName`, or `InvalidArgument` (a local
 * file that cannot be read or written, an offset past the end of a file).
 */
export class BceInvalidArgumentError extends BceClientError {
  override name = 'BceInvalidArgumentError';
  constructor(message: string, options: BceClientErrorOptions = {}) {
    super(message, { code: 'InvalidArgument', ...options });
  }
}

/** BOS answered with a non-2xx status (or a 200 carrying an error body, as copy can). */
export class BceServerError extends BceError {
  // `message` is the JSON body's message, or the HTTP reason phrase without a body;
  // `code` is the BOS code ('' when a HEAD answer had no body to carry one).
  override name = 'BceServerError';
  /** HTTP status. */
  readonly status_code: number;
  /** `requestId` of the JSON body, or the `x-bce-request-id` header when there is no body (HEAD). */
  readonly request_id: string | undefined;

  constructor(message: string, status_code: number, code: string | undefined, request_id: string | undefined, rawBody?: string) {
    super(code ?? '', message, {
      status: status_code,
      ...(request_id !== undefined ? { requestId: request_id } : {}),
      ...(rawBody !== undefined ? { rawBody } : {}),
    });
    this.status_code = status_code;
    this.request_id = request_id;
  }
}

/**
 * What `BceHttpClientError.last_error` can be: a `BceServerError` (BOS
 * answered), a `BceClientError`, or core's `NetworkError` (no answer:
 * `code` is `'ECONNRESET'`, `'TIMEOUT'`, `'ABORTED'`...). Every one has a
 * `code`; `status_code` and `request_id` are set when BOS answered, so
 * Python's `e.last_error.status_code` type-checks without a cast. Narrow
 * with `instanceof BceServerError` for the non-optional fields.
 */
export interface BceLastError extends Error {
  /** The BOS code (`NoSuchKey`), or a local one (`ECONNRESET`, `ABORTED`, `BceClientError`). */
  readonly code: string;
  /** HTTP status, when BOS answered. */
  readonly status_code?: number | undefined;
  /** `x-bce-request-id`, when BOS answered. */
  readonly request_id?: string | undefined;
}

/** Any thrown value as a `BceLastError`: errors without a string `code` get `'BceClientError'`. */
function asLastError(error: Error): BceLastError {
  if (typeof (error as { code?: unknown }).code === 'string') return error as BceLastError;
  return new BceClientError(error.message, { cause: error });
}

/**
 * Every failed request, after the retry policy gave up (Python
 * `BceHttpClientError`). `status_code`, `code` and `request_id` are copied
 * from `last_error` when it is a `BceServerError`, as current Python SDKs do.
 */
export class BceHttpClientError extends BceError {
  override name = 'BceHttpClientError';
  /** The error of the last attempt (Python's `last_error`). */
  readonly last_error: BceLastError;
  /** HTTP status of BOS's answer; `undefined` when there was none (network failure, abort). */
  readonly status_code: number | undefined;
  /** `x-bce-request-id` of BOS's answer, when there was one. */
  readonly request_id: string | undefined;

  constructor(message: string, last_error: Error) {
    const server = last_error instanceof BceServerError ? last_error : undefined;
    super(server?.code ?? (last_error as { code?: string }).code ?? 'BceHttpClientError', message, {
      cause: last_error,
      ...(server ? { status: server.status_code } : {}),
      ...(server?.request_id !== undefined ? { requestId: server.request_id } : {}),
    });
    this.last_error = asLastError(last_error);
    this.status_code = server?.status_code;
    this.request_id = server?.request_id;
  }
}

/**
 * The seed's sample catches `exception.BceHttpError`, a name no SDK version
 * ever had; it is the same class as `BceHttpClientError`.
 */
export const BceHttpError = BceHttpClientError;

/** Python's `ValueError`: a required argument is empty, or a value is out of range. */
export class ValueError extends Error {
  override name = 'ValueError';
}
