/**
 * What the shared request layer (core `VendorHttp`) needs to know about NOS:
 * where the error code is, and which `nos.exceptions` class each failure
 * becomes. Everything else (sending, retries, deadlines, bounded reads,
 * 200-with-error answers, empty keys) is the layer's.
 */
import type { ClientFailureInfo, ServiceFailureInfo, VendorHooks } from '@yunstore/core';
import { ClientException, ConnectionError, ConnectionTimeout, parseErrorBody, serviceExceptionFor, XmlParseError } from './errors.ts';

/**
 * The `nos.exceptions` class of a failure without a usable answer, as the
 * Python SDK raises them: no answer (refused, reset, TLS, aborted) is
 * `ConnectionError`, a timeout `ConnectionTimeout`, an answer that cannot be
 * read `XmlParseError`, a fault in our own arguments the base `ClientException`.
 * `code` is the layer's (`ABORTED`, `TIMEOUT`, `ECONNRESET`, `InvalidArgument`...);
 * `info` the layer's failure, whose `cause` is the original error (`signal.reason` for an abort).
 */
export function clientExceptionFor(info: Pick<ClientFailureInfo, 'kind' | 'code' | 'message' | 'cause'>): ClientException {
  switch (info.kind) {
    case 'timeout':
      return new ConnectionTimeout(info.message, info.cause);
    case 'protocol':
      return info.code === 'ResponseTooLarge' ? new ClientException(info.message, info.cause) : new XmlParseError(info.message, info.cause);
    case 'argument':
      return new ClientException(info.message, info.cause);
    default:
      // network, aborted, tls: no answer, as urllib3's errors are in the Python SDK.
      return new ConnectionError(info.message, info.cause);
  }
}

export const nosHooks: VendorHooks = {
  errorCode(_status, body) {
    return parseErrorBody(body).code || undefined;
  },
  serviceError(info: ServiceFailureInfo) {
    // A 200 carrying an `<Error>` (copy, complete) keeps its status: a plain ServiceException(200, ...).
    return serviceExceptionFor(info.status, info.headers, info.body);
  },
  clientError(info: ClientFailureInfo) {
    return clientExceptionFor(info);
  },
};
