import { YunstoreError, ServiceError } from '@yunstore/core';

const CLIENT_BRAND = Symbol.for('yunstore.cos.CosClientError');
const SERVICE_BRAND = Symbol.for('yunstore.cos.CosServiceError');

function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * A problem on our side of the wire: a bad argument (thrown before any
 * request, the message names the parameter), an unreadable file, a timeout,
 * a connection reset after the last retry, an abort, or a download whose
 * CRC-64 does not match `x-cos-hash-crc64ecma`.
 */
export class CosClientError extends YunstoreError {
  override name = 'CosClientError';

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(options.code ?? 'CosClientError', message, options.cause === undefined ? {} : { cause: options.cause });
    Object.defineProperty(this, CLIENT_BRAND, { value: true });
  }

  /** Works across two installed copies of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, CLIENT_BRAND);
  }

  /** The message (Python `CosException.get_error_msg()`, which CosClientError inherits). */
  get_error_msg(): string {
    return this.message;
  }
  getErrorMsg(): string {
    return this.get_error_msg();
  }
}

/** `get_digest_msg()`: the error body as the Python SDK digests it. */
export interface CosErrorDigest {
  code: string;
  message: string;
  resource: string;
  requestid: string;
  traceid: string;
  [field: string]: string;
}

/** Everything a CosServiceError is built from (see `serviceErrorFrom`). */
export interface CosServiceErrorInit {
  method: string;
  status: number;
  /** The raw response body (XML), '' for HEAD. */
  origin: string;
  digest: CosErrorDigest;
}

/**
 * COS answered with status >= 400 (or 200 with an `<Error>` body for
 * Complete Multipart Upload and the copy calls, or an error message inside a
 * SELECT event stream). Accessors match the Python SDK.
 */
export class CosServiceError extends ServiceError {
  override name = 'CosServiceError';
  readonly method: string;
  readonly #origin: string;
  readonly #digest: CosErrorDigest;
  readonly #status: number;

  constructor(init: CosServiceErrorInit) {
    super(init.digest.code, `${init.method} ${init.status} ${init.digest.code}: ${init.digest.message}`, {
      status: init.status,
      requestId: init.digest.requestid,
      rawBody: init.origin,
    });
    this.method = init.method;
    this.#origin = init.origin;
    this.#digest = init.digest;
    this.#status = init.status;
    Object.defineProperty(this, SERVICE_BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, SERVICE_BRAND);
  }

  /** The raw error body (XML), as received. */
  get_origin_msg(): string {
    return this.#origin;
  }
  /** `{code, message, resource, requestid, traceid}`. */
  get_digest_msg(): CosErrorDigest {
    return { ...this.#digest };
  }
  /** HTTP status (4xx, 5xx). */
  get_status_code(): number {
    return this.#status;
  }
  /** COS error code such as `NoSuchKey`. */
  get_error_code(): string {
    return this.#digest.code;
  }
  get_error_msg(): string {
    return this.#digest.message;
  }
  get_trace_id(): string {
    return this.#digest.traceid;
  }
  get_request_id(): string {
    return this.#digest.requestid;
  }
  get_resource_location(): string {
    return this.#digest.resource;
  }

  getOriginMsg(): string {
    return this.get_origin_msg();
  }
  getDigestMsg(): CosErrorDigest {
    return this.get_digest_msg();
  }
  getStatusCode(): number {
    return this.get_status_code();
  }
  getErrorCode(): string {
    return this.get_error_code();
  }
  getErrorMsg(): string {
    return this.get_error_msg();
  }
  getTraceId(): string {
    return this.get_trace_id();
  }
  getRequestId(): string {
    return this.get_request_id();
  }
  getResourceLocation(): string {
    return this.get_resource_location();
  }
}

/**
 * Python's `qcloud_cos.CosException`, the base of CosClientError and
 * CosServiceError; seed 004's "move an object" sample catches it
 * (`except CosException as e: print(e.get_error_msg())`).
 *
 * `e instanceof CosException` is true for both error classes. It is a brand
 * check rather than a real base class, so the error hierarchy stays at most
 * two levels below Error (YunstoreError -> CosClientError; ServiceError ->
 * CosServiceError) as the rest of yunstore's errors are.
 */
export abstract class CosException extends YunstoreError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, CLIENT_BRAND) || hasBrand(value, SERVICE_BRAND);
  }
  /** The error message: CosClientError's message, or the `<Message>` COS sent. */
  abstract get_error_msg(): string;
  abstract getErrorMsg(): string;
}
