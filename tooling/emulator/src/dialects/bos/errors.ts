/**
 * BOS errors on the wire: a JSON body `{code, message, requestId}` with
 * `Content-Type: application/json; charset=utf-8` and the same id in
 * `x-bce-request-id` (protocol notes §6). HEAD answers carry no body.
 */

/** Thrown anywhere in the dialect; `index.ts` turns it into the wire answer. */
export class BosError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
  ) {
    super(message ?? DEFAULT_MESSAGES[code] ?? code);
    this.name = 'BosError';
  }
}

/** The messages BOS answers with, so SDK error objects look like the cloud's. */
const DEFAULT_MESSAGES: Record<string, string> = {
  AccessDenied: 'Access denied.',
  BadDigest: 'The Content-MD5 you specified did not match what we received.',
  BucketAlreadyExists: 'The requested bucket name is not available.',
  BucketNotEmpty: 'The bucket you tried to delete is not empty.',
  EntityTooLarge: 'Your proposed upload exceeds the maximum allowed object size.',
  EntityTooSmall: 'Your proposed upload is smaller than the minimum allowed object size.',
  InternalError: 'We encountered an internal error. Please try again.',
  InvalidAccessKeyId: 'The Access Key ID you provided does not exist in our records.',
  InvalidArgument: 'Invalid Argument.',
  InvalidBucketName: 'The specified bucket is not valid.',
  InvalidHTTPAuthHeader: 'The Authorization header you provided is invalid.',
  InvalidObjectName: 'Your object name is not valid.',
  InvalidPart: 'One or more of the specified parts could not be found.',
  InvalidPartOrder: 'The list of parts was not in ascending order.',
  InvalidRange: 'The requested range cannot be satisfied.',
  MalformedJSON: 'The JSON you provided was not well-formed.',
  MethodNotAllowed: 'The specified method is not allowed against this resource.',
  NoSuchBucket: 'The specified bucket does not exist.',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchUpload: 'The specified multipart upload does not exist.',
  PreconditionFailed: 'The specified If-Match header does not match.',
  RequestExpired: 'Request has expired.',
  RequestTimeTooSkewed: 'The difference between the request time and the server time is too large.',
  ServiceUnavailable: 'Please reduce your request rate.',
  SignatureDoesNotMatch: 'The request signature we calculated does not match the signature you provided.',
  TooManyBuckets: 'You have attempted to create more buckets than allowed.',
};

export const bosErrors = {
  accessDenied: () => new BosError(403, 'AccessDenied'),
  noSuchBucket: () => new BosError(404, 'NoSuchBucket'),
  noSuchKey: () => new BosError(404, 'NoSuchKey'),
  noSuchUpload: () => new BosError(404, 'NoSuchUpload'),
  invalidArgument: (message: string) => new BosError(400, 'InvalidArgument', message),
  malformedJson: (message?: string) => new BosError(400, 'MalformedJSON', message),
};
