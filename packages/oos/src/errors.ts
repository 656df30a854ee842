/**
 * botocore's exceptions, over @yunstore/core's errors: `ClientError` for a
 * service answer (`e.response.Error.Code`, `e.response.ResponseMetadata.RequestId`),
 * `ParamValidationError` before any request.
 */
import { CredentialRetrievalError } from './credentials.ts';
import { parseXml, ServiceError, YunstoreError, NetworkError } from '@yunstore/core';
import type { ResponseMetadata } from './operations/shape.ts';

/** The `e.response` of a ClientError. */
export interface ErrorResponse {
  Error: { Code: string; Message: string; [field: string]: string };
  ResponseMetadata: ResponseMetadata;
}

/**
 * Thrown for every non-2xx answer. `e.response.Error.Code` is the S3 code
 * (`NoSuchKey`); for HEAD requests, which have no body, it is the status as a
 * string (`'404'`), as in botocore.
 */
export class ClientError extends ServiceError {
  override name = 'ClientError';
  readonly response: ErrorResponse;
  /** The botocore operation name, e.g. `DeleteBucket`. */
  readonly operation_name: string;

  constructor(response: ErrorResponse, operationName: string, rawBody?: string) {
    super(response.Error.Code, `An error occurred (${response.Error.Code}) when calling the ${operationName} operation: ${response.Error.Message}`, {
      status: response.ResponseMetadata.HTTPStatusCode,
      requestId: response.ResponseMetadata.RequestId,
      ...(rawBody === undefined ? {} : { rawBody }),
    });
    this.response = response;
    this.operation_name = operationName;
  }
}

/** Bad parameters, found before anything is sent. The message names the parameter. */
export class ParamValidationError extends YunstoreError {
  override name = 'ParamValidationError';
  /** `cause`: the local fault found while building the request, when core's request layer found it. */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ParamValidationError', `Parameter validation failed:\n${message}`, options.cause === undefined ? {} : { cause: options.cause });
  }
}

/**
 * botocore's `PaginationError`: a paginator cannot go on (the server sent
 * the same next token twice, `PageSize` for an operation without a page
 * size, a `StartingToken` that is not one of ours).
 */
export class PaginationError extends YunstoreError {
  override name = 'PaginationError';
  constructor(message: string) {
    super('PaginationError', `Error during pagination: ${message}`);
  }
}

/** botocore's `OperationNotPageableError`: `get_paginator(name)` for an operation that has no paginator. */
export class OperationNotPageableError extends YunstoreError {
  override name = 'OperationNotPageableError';
  readonly operation_name: string;
  constructor(operationName: string, pageable: readonly string[]) {
    super('OperationNotPageableError', `Operation cannot be paginated: ${operationName}; paginators exist for ${pageable.join(', ')}`);
    this.operation_name = operationName;
  }
}

/** Modeled S3 errors, as boto3's `client.exceptions.NoSuchKey` etc.; all are ClientErrors. */
export class NoSuchBucket extends ClientError {
  override name = 'NoSuchBucket';
}
export class NoSuchKey extends ClientError {
  override name = 'NoSuchKey';
}
export class NoSuchUpload extends ClientError {
  override name = 'NoSuchUpload';
}
export class BucketAlreadyExists extends ClientError {
  override name = 'BucketAlreadyExists';
}
export class BucketAlreadyOwnedByYou extends ClientError {
  override name = 'BucketAlreadyOwnedByYou';
}

const MODELED: Record<string, typeof ClientError> = { NoSuchBucket, NoSuchKey, NoSuchUpload, BucketAlreadyExists, BucketAlreadyOwnedByYou };

/** The reason phrases botocore puts in Error.Message for bodiless (HEAD) errors. */
const REASONS: Record<number, string> = {
  301: 'Moved Permanently',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  416: 'Requested Range Not Satisfiable',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Reads `<Error><Code/><Message/>...</Error>`; every child element becomes a field of `Error`. */
export function parseErrorBody(status: number, body: Buffer | undefined): ErrorResponse['Error'] {
  const fallback = { Code: String(status), Message: REASONS[status] ?? '' };
  if (!body || body.length === 0) return fallback;
  try {
    const root = parseXml(body)['Error'];
    if (!root || typeof root !== 'object' || Array.isArray(root)) return fallback;
    const out: ErrorResponse['Error'] = { ...fallback };
    for (const [name, value] of Object.entries(root)) if (typeof value === 'string') out[name] = value;
    return out;
  } catch {
    return fallback;
  }
}

/** Builds the most specific ClientError for a code. */
export function clientError(response: ErrorResponse, operationName: string, rawBody?: string): ClientError {
  const Cls = MODELED[response.Error.Code] ?? ClientError;
  return new Cls(response, operationName, rawBody);
}

/** `oos.exceptions` / `client.exceptions`. NetworkError is what a request that never got an answer throws. */
export const exceptions = {
  ClientError,
  ParamValidationError,
  PaginationError,
  OperationNotPageableError,
  NetworkError,
  CredentialRetrievalError,
  NoSuchBucket,
  NoSuchKey,
  NoSuchUpload,
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
} as const;
