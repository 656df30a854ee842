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

/** A problem on the client side (Python `BceClientError`). */
export class BceClientError extends BceError {
  override name = 'BceClientError';
  constructor(message: string, options: YunstoreErrorOptions = {}) {
    super('BceClientError', message, options);
  }
}

/** An argument that breaks a BOS rule: bucket name syntax, key length, a leading `/`. */
export class BceInvalidArgumentError extends BceClientError {
  override name = 'BceInvalidArgumentError';
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
 * Every failed request, after the retry policy gave up (Python
 * `BceHttpClientError`). `status_code`, `code` and `request_id` are copied
 * from `last_error` when it is a `BceServerError`, as current Python SDKs do.
 */
export class BceHttpClientError extends BceError {
  override name = 'BceHttpClientError';
  /** The error of the last attempt. */
  readonly last_error: Error;
  readonly status_code: number | undefined;
  readonly request_id: string | undefined;

  constructor(message: string, last_error: Error) {
    const server = last_error instanceof BceServerError ? last_error : undefined;
    super(server?.code ?? (last_error as { code?: string }).code ?? 'BceHttpClientError', message, {
      cause: last_error,
      ...(server ? { status: server.status_code } : {}),
      ...(server?.request_id !== undefined ? { requestId: server.request_id } : {}),
    });
    this.last_error = last_error;
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
