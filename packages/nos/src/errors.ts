import { STATUS_CODES } from 'node:http';
import { ClientFailure, parseXml, YunstoreError } from '@yunstore/core';

/**
 * The exception tree of the NOS Python SDK (`nos.exceptions`):
 *
 * NOSException
 * ├── ClientException            raised before or instead of an answer
 * │   ├── InvalidBucketName, InvalidObjectName, FileOpenModeError,
 * │   ├── XmlParseError, SerializationError,
 * │   └── ConnectionError └── ConnectionTimeout
 * └── ServiceException           a non-2xx answer, class chosen by status
 *     ├── MultiObjectDeleteException (a 200 delete_objects answer listing failures)
 *     └── BadRequestError 400 … ServiceUnavailableError 503
 *
 * Every class also carries core's `code` / `status` / `requestId`, so code
 * written against `@yunstore/core` errors works on these too.
 */
export class NOSException extends YunstoreError {
  override name = 'NOSException';
}

/** Something went wrong on this side: a bad argument, a body we cannot send, no answer, an unreadable answer. */
export class ClientException extends NOSException {
  override name = 'ClientException';
  /** What the Python SDK passes as `error` (a short description). */
  readonly error: string;
  /** The underlying cause, Python's `info`. */
  readonly info: unknown;

  constructor(error: string, info?: unknown) {
    // `code` (core's field): the failure's own code when the request layer gave one
    // (`ABORTED`, `TIMEOUT`, `ECONNRESET`, `InvalidArgument`...), else the class name.
    super(info instanceof ClientFailure ? info.code : new.target.name, '', info === undefined ? {} : { cause: info });
    this.name = new.target.name;
    this.error = error;
    this.info = info;
    // Python: "<Class>(<error>) caused by: <InfoClass>(<info>)".
    const infoName = info instanceof Error ? info.name : info === undefined ? 'NoneType' : typeof info;
    const infoText = info instanceof Error ? info.message : info === undefined ? 'None' : String(info);
    this.message = `${new.target.name}(${error}) caused by: ${infoName}(${infoText})`;
  }

  /** Python's `str(e)` is the message itself (the seed prints `'ClientException: %s' % e`). */
  override toString(): string {
    return this.message;
  }
}

/**
 * `bucket` (or `src_bucket` / `dest_bucket`) is empty or breaks NOS's naming rules.
 * Python gives these three classes a fixed `<Class> caused by: <what>` message
 * (`InvalidBucketName caused by: bucket name is empty.`) instead of the
 * `<Class>(<error>) caused by: <InfoClass>(<info>)` form; so do we, with
 * `<what>` naming the parameter when it is not the plain `bucket` / `key`.
 */
export class InvalidBucketName extends ClientException {
  override name = 'InvalidBucketName';
  constructor(error = 'bucket name is empty.', info?: unknown) {
    super(error, info);
    this.message = `InvalidBucketName caused by: ${error}`;
  }
}
/** `key` (or `src_key` / `dest_key`) is empty or longer than 1000 UTF-8 bytes. */
export class InvalidObjectName extends ClientException {
  override name = 'InvalidObjectName';
  constructor(error = 'object name is empty.', info?: unknown) {
    super(error, info);
    this.message = `InvalidObjectName caused by: ${error}`;
  }
}
/** A body stream was opened in text mode (an `encoding` is set), so its bytes are not the file's. */
export class FileOpenModeError extends ClientException {
  override name = 'FileOpenModeError';
  constructor(error = 'object is a file that opened without the mode for binary files.', info?: unknown) {
    super(error, info);
    this.message = `FileOpenModeError caused by: ${error}`;
  }
}
/** A 2xx answer whose body is not the XML NOS documents. */
export class XmlParseError extends ClientException {
  override name = 'XmlParseError';
}
/** A `body` that cannot be turned into bytes (e.g. a circular object). */
export class SerializationError extends ClientException {
  override name = 'SerializationError';
}
/** No answer: connection refused or reset, DNS failure, or the call was aborted through its `signal`. */
export class ConnectionError extends ClientException {
  override name = 'ConnectionError';
}
/** No answer within `timeout`. */
export class ConnectionTimeout extends ConnectionError {
  override name = 'ConnectionTimeout';
}

/** NOS answered with a status outside 200-299. */
export class ServiceException extends NOSException {
  override name = 'ServiceException';
  /** The HTTP status, e.g. 404. */
  readonly status_code: number | null;
  /** The HTTP reason phrase, e.g. `Not Found`. */
  readonly error_type: string | null;
  /** NOS's `<Code>`, e.g. `NoSuchKey` ('' when the answer had no body, as HEAD answers). */
  readonly error_code: string | null;
  /** The `x-nos-request-id` of the answer ('' when absent). */
  readonly request_id: string | null;

  constructor(status_code: number | null, error_type: string | null, error_code: string | null, request_id: string | null, message: string | null) {
    super(error_code ?? 'ServiceException', message ?? '', {
      ...(status_code !== null ? { status: status_code } : {}),
      ...(request_id ? { requestId: request_id } : {}),
    });
    this.name = new.target.name;
    this.status_code = status_code;
    this.error_type = error_type;
    this.error_code = error_code;
    this.request_id = request_id;
  }

  /** Python's `str(e)`: `NotFoundError(404, Not Found, NoSuchKey, <request id>, <message>)` (`%s` of each field, unquoted). */
  override toString(): string {
    const s = (v: string | number | null) => (v === null ? 'None' : String(v));
    return `${this.name}(${s(this.status_code)}, ${s(this.error_type)}, ${s(this.error_code)}, ${s(this.request_id)}, ${s(this.message)})`;
  }
}

/** One key `delete_objects` could not delete. */
export interface MultiObjectDeleteError {
  key: string;
  code: string;
  message: string;
}

/** Python's `%s` of a list of `{key, code, message}` dicts: `[{'key': 'a', 'code': 'NoSuchKey', 'message': '...'}]`. */
function pythonRepr(errors: readonly MultiObjectDeleteError[]): string {
  const str = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `[${errors.map((e) => `{'key': ${str(e.key)}, 'code': ${str(e.code)}, 'message': ${str(e.message)}}`).join(', ')}]`;
}

/**
 * `delete_objects` got a 200 answer that lists failed keys. As in Python,
 * `status_code`, `error_type`, `error_code` and `request_id` are null,
 * `message` is a fixed text, the failures are in `errors`, and `String(e)` is
 * the message followed by the list.
 */
export class MultiObjectDeleteException extends ServiceException {
  override name = 'MultiObjectDeleteException';
  readonly errors: MultiObjectDeleteError[];

  constructor(errors: MultiObjectDeleteError[]) {
    super(null, null, null, null, 'MultiObjectDeleteException caused by: some objects delete unsuccessfully.');
    this.errors = errors;
  }

  override toString(): string {
    return `${this.message} ${pythonRepr(this.errors)}`;
  }
}

export class BadRequestError extends ServiceException {
  override name = 'BadRequestError';
}
export class ForbiddenError extends ServiceException {
  override name = 'ForbiddenError';
}
export class NotFoundError extends ServiceException {
  override name = 'NotFoundError';
}
export class MethodNotAllowedError extends ServiceException {
  override name = 'MethodNotAllowedError';
}
export class ConflictError extends ServiceException {
  override name = 'ConflictError';
}
export class LengthRequiredError extends ServiceException {
  override name = 'LengthRequiredError';
}
export class RequestedRangeNotSatisfiableError extends ServiceException {
  override name = 'RequestedRangeNotSatisfiableError';
}
export class InternalServerErrorError extends ServiceException {
  override name = 'InternalServerErrorError';
}
export class NotImplementedError extends ServiceException {
  override name = 'NotImplementedError';
}
export class ServiceUnavailableError extends ServiceException {
  override name = 'ServiceUnavailableError';
}

type ServiceExceptionClass = new (status_code: number, error_type: string, error_code: string, request_id: string, message: string) => ServiceException;

/** The class Python picks for each status; other statuses give a plain ServiceException. */
export const SERVICE_EXCEPTIONS: Readonly<Record<number, ServiceExceptionClass>> = {
  400: BadRequestError,
  403: ForbiddenError,
  404: NotFoundError,
  405: MethodNotAllowedError,
  409: ConflictError,
  411: LengthRequiredError,
  416: RequestedRangeNotSatisfiableError,
  500: InternalServerErrorError,
  501: NotImplementedError,
  503: ServiceUnavailableError,
};

/** `<Error><Code/><Message/><RequestId/></Error>` fields, '' when absent or unreadable. */
export function parseErrorBody(body: Buffer | undefined): { code: string; message: string; requestId: string } {
  const empty = { code: '', message: '', requestId: '' };
  if (!body || body.length === 0) return empty;
  try {
    const doc = parseXml(body) as { Error?: Record<string, unknown> };
    const e = doc.Error;
    if (!e || typeof e !== 'object') return empty;
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    return { code: text(e['Code']), message: text(e['Message']), requestId: text(e['RequestId']) };
  } catch {
    return empty;
  }
}

/** Builds the exception for a non-2xx answer (pure: status, headers, body in; exception out). */
export function serviceExceptionFor(status: number, headers: Record<string, string>, body: Buffer | undefined): ServiceException {
  const parsed = parseErrorBody(body);
  const requestId = headers['x-nos-request-id'] ?? parsed.requestId;
  const Class = SERVICE_EXCEPTIONS[status] ?? ServiceException;
  return new Class(status, STATUS_CODES[status] ?? '', parsed.code, requestId, parsed.message);
}

/**
 * Maps a failure without an answer to ConnectionError / ConnectionTimeout
 * (for errors a custom transport or a body stream raises; the request layer
 * maps its own through `nosHooks`).
 */
export function connectionExceptionFor(error: unknown): NOSException {
  if (error instanceof NOSException) return error;
  const code = YunstoreError.is(error) ? error.code : '';
  if (code === 'TIMEOUT') return new ConnectionTimeout('request timed out', error);
  return new ConnectionError(code === 'ABORTED' ? 'request aborted' : 'connection failed', error);
}
