/**
 * S3 errors as OOS answers them: an HTTP status plus an XML body with Code,
 * Message, Resource and RequestId (protocols/oos.md §6).
 */
export class OosError extends Error {
  override name = 'OosError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra child elements of `<Error>` (e.g. `StringToSignBytes` is NOT sent: it would help nobody here). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Constructors for the codes the dialect uses, so messages stay the same everywhere. */
export const errors = {
  accessDenied: (message = 'Access Denied') => new OosError(403, 'AccessDenied', message),
  signatureDoesNotMatch: (stringToSign?: string) =>
    new OosError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      stringToSign === undefined ? {} : { StringToSign: stringToSign },
    ),
  invalidAccessKeyId: () => new OosError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'),
  expired: () => new OosError(403, 'AccessDenied', 'Request has expired'),
  skewed: () => new OosError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'),
  noSuchBucket: () => new OosError(404, 'NoSuchBucket', 'The specified bucket does not exist.'),
  noSuchKey: () => new OosError(404, 'NoSuchKey', 'The specified key does not exist.'),
  noSuchUpload: () => new OosError(404, 'NoSuchUpload', 'The specified multipart upload does not exist.'),
  bucketExists: () => new OosError(409, 'BucketAlreadyExists', 'The requested bucket name is not available.'),
  bucketOwned: () => new OosError(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.'),
  bucketNotEmpty: () => new OosError(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty.'),
  invalidBucketName: () => new OosError(400, 'InvalidBucketName', 'The specified bucket is not valid.'),
  invalidArgument: (message: string) => new OosError(400, 'InvalidArgument', message),
  invalidDigest: () => new OosError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.'),
  badDigest: () => new OosError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.'),
  incompleteBody: () => new OosError(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.'),
  malformedXml: () => new OosError(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.'),
  invalidRange: () => new OosError(416, 'InvalidRange', 'The requested range is not satisfiable'),
  preconditionFailed: () => new OosError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'),
  invalidPart: () =>
    new OosError(
      400,
      'InvalidPart',
      "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.",
    ),
  invalidPartOrder: () => new OosError(400, 'InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.'),
  entityTooSmall: () => new OosError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.'),
  notImplemented: () => new OosError(501, 'NotImplemented', 'A header or query you provided implies functionality that is not implemented.'),
  methodNotAllowed: () => new OosError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.'),
  internal: () => new OosError(500, 'InternalError', 'We encountered an internal error. Please try again.'),
  noSuchPolicy: () => new OosError(404, 'NoSuchPolicy', 'The specified bucket does not have a bucket policy.'),
  noSuchWebsite: () => new OosError(404, 'NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'),
  noSuchLifecycle: () => new OosError(404, 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'),
  tooManyKeys: () => new OosError(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 10'),
  noSuchEntity: (what: string) => new OosError(404, 'NoSuchEntity', `The Access Key with id ${what} cannot be found.`),
};

/** An S3 error for a code the dialect knows, with its usual message (store races reach the renderer this way). */
export function errorOf(status: number, code: string): OosError {
  const known = Object.values(errors)
    .map((make) => (make as (arg?: never) => OosError)())
    .find((err) => err.code === code);
  return new OosError(status, code, known?.message ?? code);
}
