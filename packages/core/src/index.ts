// @yunstore/core: what every vendor package shares. Signers live at `@yunstore/core/sign`.
export type { Body, Credentials, HttpMethod, VendorRequest, WireRequest, WireResponse } from './types.ts';
export { toBody, fileBody, requireLength, type BodyInput, type ToBodyOptions } from './body.ts';
export { Transport, requestIdOf, type TransportOptions, type SendOptions, type AttemptControl } from './transport.ts';
export {
  VendorHttp,
  isXmlErrorBody,
  type VendorHooks,
  type RequestHooks,
  type VendorCallInput,
  type HttpCall,
  type ReadOptions,
  type Answer,
  type ReadAnswer,
  type StreamedAnswer,
  type ServiceFailureInfo,
  type ClientFailureInfo,
} from './http/vendor-http.ts';
export { ClientFailure, StatusFailure, toClientFailure, type FailureKind } from './http/failure.ts';
export { readBounded, drainBounded, ERROR_BODY_LIMIT, RESULT_BODY_LIMIT, type BoundedBody } from './http/bounded.ts';
export { GuardedBody, type GuardedBodyOptions } from './http/guarded-body.ts';
export { checkHeaders, checkWellFormed } from './http/preflight.ts';
export { utf8HeaderValue, headerBytes } from './http/header-bytes.ts';
export type { RequestLogger, RequestLogEntry } from './http/log.ts';
export { defineSecret } from './secret.ts';
export {
  CredentialCache,
  DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
  type CredentialCacheOptions,
  type CredentialProvider,
  type ProvidedCredentials,
} from './credentials.ts';
export {
  bindMethods,
  type CamelCase,
  camelCase,
  defineMethods,
  type FacadeDialect,
  type MethodEntry,
  type MethodTable,
  type MethodTableMismatch,
  methodNames,
  type PassThroughMethod,
  withMethods,
} from './facade.ts';
export { buildUrl, encodeQuery, requestTarget, hostOf } from './url.ts';
export {
  backoffRetryPolicy,
  noRetryPolicy,
  isRetryable,
  isTransientErrorCode,
  THROTTLE_CODES,
  TRANSIENT_ERROR_CODES,
  type RetryPolicy,
  type RetryContext,
  type BackoffOptions,
} from './retry.ts';
export { md5Hex, md5Base64, createMd5, sha1Hex, sha256Hex, hmacSha1, hmacSha256 } from './hash/digest.ts';
export { crc64, Crc64, crc64Combine } from './hash/crc64.ts';
export { encodeRfc3986, encodeKeyPath } from './encode.ts';
export { parseXml, buildXml, type ParseXmlOptions, type BuildXmlOptions, type XmlObject, type XmlValue } from './xml.ts';
export { YunstoreError, ServiceError, NetworkError, type YunstoreErrorOptions } from './errors.ts';
