/**
 * What went wrong, in words every vendor maps to its own exception class.
 * The transport and the vendor layer throw these two shapes only; the vendor
 * hooks turn them into `CosClientError`, `BceHttpClientError`, `ClientError`...
 */
import { NetworkError, ServiceError, YunstoreError, type YunstoreErrorOptions } from '../errors.ts';

/**
 * Why a request got no usable answer.
 * - `network`: connection refused or reset, DNS, a body cut short (retried).
 * - `timeout`: the idle timeout, the per-attempt deadline or the low-speed guard (retried).
 * - `aborted`: the caller's `AbortSignal` (never retried; `cause` is `signal.reason`).
 * - `argument`: a local fault — a bad header value, an unencodable key, a missing file (never retried).
 * - `tls`: certificate verification failed (never retried: it fails the same way every time).
 * - `protocol`: the server answered something unreadable — bad XML/JSON, a body past the size bound.
 */
export type FailureKind = 'network' | 'timeout' | 'aborted' | 'argument' | 'tls' | 'protocol';

export interface ClientFailureOptions extends YunstoreErrorOptions {
  kind: FailureKind;
  attempts: number;
}

/** A failure without a (usable) HTTP answer. `code` is `ABORTED`, `TIMEOUT`, `ECONNRESET`, `InvalidArgument`... */
export class ClientFailure extends NetworkError {
  override name = 'ClientFailure';
  readonly kind: FailureKind;

  constructor(code: string, message: string, options: ClientFailureOptions) {
    super(code, message, options.attempts, options);
    this.kind = options.kind;
  }

  /** True for kinds worth another attempt (the retry policy still decides). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout';
  }
}

export interface StatusFailureOptions {
  status: number;
  headers: Record<string, string>;
  /** The start of the answer's body, at most the error-body bound. */
  body: Buffer;
  /** True when the body was longer than what was kept. */
  truncated: boolean;
  /** The vendor code read from the body by the vendor's `errorCode` hook. */
  vendorCode: string | undefined;
  attempts: number;
  /** True for a 200 whose body is an error (complete multipart, copy). */
  embedded: boolean;
  requestId?: string;
}

/** The server answered with an error: a non-accepted status, or a 200 carrying an error body. */
export class StatusFailure extends ServiceError {
  override name = 'StatusFailure';
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly truncated: boolean;
  readonly vendorCode: string | undefined;
  readonly attempts: number;
  readonly embedded: boolean;

  constructor(message: string, options: StatusFailureOptions) {
    super(options.vendorCode ?? `HTTP${options.status}`, message, {
      status: options.status,
      ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
    });
    this.headers = options.headers;
    this.body = options.body;
    this.truncated = options.truncated;
    this.vendorCode = options.vendorCode;
    this.attempts = options.attempts;
    this.embedded = options.embedded;
  }
}

/** Certificate verification codes from Node's TLS layer: retrying cannot help. */
const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** Codes of errors raised by our own arguments, before or while undici writes the request. */
const ARGUMENT_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_URL',
  'ERR_INVALID_HTTP_TOKEN',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The first code along the `cause` chain that is in `set`. */
function chainCode(error: unknown, set: Set<string>): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = codeOf(current);
    if (code && set.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Turns anything thrown below the vendor layer into a `ClientFailure` (or
 * returns a `StatusFailure` / `ClientFailure` unchanged). `aborted` says
 * whether the caller's signal fired; `timedOut` whether our deadline did.
 */
export function toClientFailure(
  error: unknown,
  context: { what: string; attempts: number; signal?: AbortSignal | undefined; timedOut?: boolean },
): ClientFailure | StatusFailure {
  if (error instanceof ClientFailure || error instanceof StatusFailure) return error;
  const { what, attempts } = context;
  if (context.signal?.aborted) {
    const reason: unknown = context.signal.reason;
    const detail = reason instanceof Error ? reason.message : 'the operation was aborted';
    return new ClientFailure('ABORTED', `${what}: aborted: ${detail}`, { kind: 'aborted', attempts, cause: reason });
  }
  if (context.timedOut) {
    return new ClientFailure('TIMEOUT', `${what}: the attempt passed its deadline`, { kind: 'timeout', attempts, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const tls = chainCode(error, TLS_CODES);
  if (tls) return new ClientFailure(tls, `${what}: TLS certificate verification failed (${tls}): ${message}`, { kind: 'tls', attempts, cause: error });
  const argument = chainCode(error, ARGUMENT_CODES);
  if (argument || error instanceof URIError || error instanceof TypeError || error instanceof RangeError) {
    return new ClientFailure('InvalidArgument', `${what}: ${message}`, { kind: 'argument', attempts, cause: error });
  }
  // A local verdict from core (a missing body file, a stream already sent): final, as an argument fault.
  if (YunstoreError.is(error) && error.status === undefined && !(error instanceof NetworkError)) {
    return new ClientFailure(error.code, `${what}: ${message}`, { kind: 'argument', attempts, cause: error });
  }
  const code = codeOf(error);
  if (code && TIMEOUT_CODES.has(code)) return new ClientFailure('TIMEOUT', `${what}: ${message}`, { kind: 'timeout', attempts, cause: error });
  if (error instanceof NetworkError) {
    return new ClientFailure(error.code, `${what}: ${message}`, { kind: error.code === 'TIMEOUT' ? 'timeout' : 'network', attempts, cause: error });
  }
  const netCode = code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED' || code === undefined ? 'ECONNRESET' : code;
  return new ClientFailure(netCode, `${what}: ${message}`, { kind: 'network', attempts, cause: error });
}
