/**
 * COS error answers (protocol §6): status, `<Error>` XML body with Code,
 * Message, Resource, RequestId, TraceId, and the `x-cos-request-id` header.
 */
import { escapeXml } from './xml.ts';

export class CosError extends Error {
  override name = 'CosError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. `x-cos-next-append-position`, `Content-Range`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const e = (status: number, code: string, message: string) => (detail?: string, headers?: Record<string, string>) =>
  new CosError(status, code, detail ?? message, headers);

/** The codes the dialect answers with, COS statuses and messages. */
export const cosErrors = {
  accessDenied: e(403, 'AccessDenied', 'Access Denied.'),
  requestExpired: e(403, 'AccessDenied', 'Request has expired'),
  requestTimeTooSkewed: e(403, 'RequestTimeTooSkewed', 'The difference between the request time and the server time is too large.'),
  signatureDoesNotMatch: e(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.'),
  invalidAccessKeyId: e(403, 'InvalidAccessKeyId', 'The access key Id format you provided is invalid.'),
  invalidToken: e(403, 'InvalidAccessKeyId', 'The x-cos-security-token is missing or invalid for this temporary key.'),
  invalidObjectState: e(403, 'InvalidObjectState', 'The operation is not valid for the object storage class.'),
  noSuchBucket: e(404, 'NoSuchBucket', 'The specified bucket does not exist.'),
  noSuchKey: e(404, 'NoSuchKey', 'The specified key does not exist.'),
  noSuchVersion: e(404, 'NoSuchVersion', 'The specified version does not exist.'),
  noSuchUpload: e(404, 'NoSuchUpload', 'The specified multipart upload does not exist.'),
  noSuchCors: e(404, 'NoSuchCORSConfiguration', 'The CORS configuration does not exist.'),
  noSuchLifecycle: e(404, 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist.'),
  bucketAlreadyExists: e(409, 'BucketAlreadyExists', 'The requested bucket name is not available.'),
  bucketNotEmpty: e(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty.'),
  objectNotAppendable: e(409, 'ObjectNotAppendable', 'This object is not appendable.'),
  positionNotEqualToLength: e(409, 'PositionNotEqualToLength', 'The position is not equal to the length of the object.'),
  restoreAlreadyInProgress: e(409, 'RestoreAlreadyInProgress', 'Object restore is already in progress.'),
  invalidBucketName: e(400, 'InvalidBucketName', 'The specified bucket is not valid.'),
  invalidArgument: e(400, 'InvalidArgument', 'Invalid argument.'),
  invalidRequest: e(400, 'InvalidRequest', 'The request is not valid.'),
  invalidDigest: e(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.'),
  badDigest: e(400, 'BadDigest', 'The Content-MD5 you specified did not match what was received.'),
  incompleteBody: e(400, 'IncompleteBody', 'The number of bytes received does not match Content-Length.'),
  malformedXml: e(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate.'),
  invalidPart: e(400, 'InvalidPart', 'One or more of the specified parts could not be found or its ETag did not match.'),
  invalidPartOrder: e(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.'),
  entityTooSmall: e(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.'),
  entityTooLarge: e(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.'),
  invalidStorageClass: e(400, 'InvalidStorageClass', 'The storage class you specified is not valid.'),
  invalidRange: e(416, 'InvalidRange', 'The requested range is not satisfiable.'),
  preconditionFailed: e(412, 'PreconditionFailed', 'At least one of the preconditions you specified did not hold.'),
  methodNotAllowed: e(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.'),
  notImplemented: e(501, 'NotImplemented', 'A header or parameter you provided implies functionality that is not implemented.'),
  internalError: e(500, 'InternalError', 'We encountered an internal error. Please try again.'),
};

/** A COS error for a code the dialect knows, with COS's message for it (store races reach the renderer this way). */
export function cosErrorOf(status: number, code: string): CosError {
  const known = Object.values(cosErrors)
    .map((make) => make())
    .find((err) => err.code === code);
  return new CosError(status, code, known?.message ?? code);
}

/** The `<Error>` body. */
export function errorXml(code: string, message: string, resource: string, requestId: string, traceId: string): string {
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n` +
    `\t<Code>${escapeXml(code)}</Code>\n` +
    `\t<Message>${escapeXml(message)}</Message>\n` +
    `\t<Resource>${escapeXml(resource)}</Resource>\n` +
    `\t<RequestId>${escapeXml(requestId)}</RequestId>\n` +
    `\t<TraceId>${escapeXml(traceId)}</TraceId>\n` +
    `</Error>`
  );
}
