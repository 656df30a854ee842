import { buildXml } from '@yunstore/core';
import type { ErrorAnswer } from '../../pipeline.ts';

/**
 * A NOS error answer: status, `<Code>` and `<Message>` as the service sends
 * them (protocol §6). Thrown anywhere in the dialect, turned into the XML
 * body by `errorAnswer`.
 */
export class NosError extends Error {
  override name = 'NosError';
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message?: string) {
    super(message ?? DEFAULT_MESSAGES[code] ?? code);
    this.status = status;
    this.code = code;
  }
}

const DEFAULT_MESSAGES: Record<string, string> = {
  AccessDenied: 'Access Denied',
  InvalidAccessKeyId: 'The NOS Access Key Id you provided does not exist in our records.',
  SignatureDoesNotMatch: 'The request signature we calculated does not match the signature you provided.',
  RequestTimeTooSkewed: 'The difference between the request time and the current time is too large.',
  BadDigest: 'The Content-MD5 you specified did not match what we received.',
  InvalidDigest: 'The Content-MD5 you specified is not valid.',
  InvalidArgument: 'Invalid Argument',
  InvalidBucketName: 'The specified bucket is not valid.',
  EntityTooSmall: 'Your proposed upload is smaller than the minimum allowed object size.',
  EntityTooLarge: 'Your proposed upload exceeds the maximum allowed object size.',
  IncompleteBody: 'You did not provide the number of bytes specified by the Content-Length HTTP header',
  InvalidPart: 'One or more of the specified parts could not be found or its entity tag did not match.',
  InvalidPartOrder: 'The list of parts was not in ascending order.',
  MalformedXML: 'The XML you provided was not well-formed or did not validate against our published schema.',
  KeyTooLong: 'Your key is too long.',
  NoSuchBucket: 'The specified bucket does not exist.',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchUpload: 'The specified multipart upload does not exist.',
  MethodNotAllowed: 'The specified method is not allowed against this resource.',
  BucketAlreadyExist: 'The requested bucket name is not available.',
  BucketNotEmpty: 'The bucket you tried to delete is not empty.',
  MissingContentLength: 'You must provide the Content-Length HTTP header.',
  PreconditionFailed: 'At least one of the preconditions you specified did not hold.',
  InvalidRange: 'The requested range is not satisfiable.',
  InternalError: 'We encountered an internal error. Please try again.',
  NotImplemented: 'A header you provided implies functionality that is not implemented.',
  ServiceUnavailable: 'Please reduce your request rate.',
};

/** The default message NOS uses for a code. */
export function nosMessage(code: string): string {
  return DEFAULT_MESSAGES[code] ?? code;
}

/** The `<Error>` document (protocol §6). */
export function errorXml(code: string, message: string, resource: string, requestId: string): string {
  return buildXml('Error', { Code: code, Message: message, Resource: resource, RequestId: requestId }, { declaration: true });
}

/** The NOS error answer; the pipeline writes it (HEAD answers carry no body, as on the service). */
export function errorAnswer(error: NosError, resource: string, requestId: string): ErrorAnswer {
  return { contentType: 'application/xml;charset=UTF-8', body: errorXml(error.code, error.message, resource, requestId) };
}
