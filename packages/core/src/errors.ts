/**
 * The base of every error yunstore throws. Vendor packages subclass these
 * (CosServiceError, BceServerError, ClientError, NOS ServiceException...).
 *
 * Errors never carry the secret key or a complete signature: messages are
 * built from status, vendor code and the vendor's message only, and the raw
 * body kept is the server's, which never echoes the secret.
 */

const BRAND = Symbol.for('yunstore.error');

export interface YunstoreErrorOptions {
  status?: number;
  requestId?: string;
  rawBody?: string;
  cause?: unknown;
}

export class YunstoreError extends Error {
  override name = 'YunstoreError';
  /** A vendor error code (`NoSuchKey`) or a local one (`InvalidArgument`, `ECONNRESET`). */
  readonly code: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** The response body as received (error XML/JSON), when there was one. */
  readonly rawBody: string | undefined;

  constructor(code: string, message: string, options: YunstoreErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.rawBody = options.rawBody;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * True for any yunstore error, even one thrown by a second installed copy
   * of the package (where `instanceof` would say no).
   */
  static is(value: unknown): value is YunstoreError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** The service answered with a non-2xx status. */
export class ServiceError extends YunstoreError {
  override name = 'ServiceError';
}

/** The request never got an answer: connection refused or reset, timeout, abort, DNS. */
export class NetworkError extends YunstoreError {
  override name = 'NetworkError';
  /** Attempts made before giving up. */
  readonly attempts: number;

  constructor(code: string, message: string, attempts: number, options: YunstoreErrorOptions = {}) {
    super(code, message, options);
    this.attempts = attempts;
  }
}
