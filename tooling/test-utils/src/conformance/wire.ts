/**
 * Just enough of each dialect's answers for the hostile server to walk a
 * client through a call before it misbehaves: COS, OOS and NOS answer XML
 * (S3 shapes), BOS answers JSON under `/v1`.
 */
export type Dialect = 'cos' | 'bos' | 'oos' | 'nos';

export interface WireAnswer {
  contentType: string;
  body: string;
}

export interface DialectWire {
  /** The request-id header the dialect sends. */
  requestIdHeader: string;
  error(code: string, message: string): WireAnswer;
  initiate(bucket: string, key: string, uploadId: string): WireAnswer;
  complete(bucket: string, key: string, etag: string): WireAnswer;
  copy(etag: string): WireAnswer;
  listing(bucket: string, keys: string[]): WireAnswer;
  /** Splits a request path into bucket and key (`key` undefined for bucket-level requests). */
  target(path: string): { bucket: string; key: string | undefined };
}

const XML = 'application/xml';

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function splitPath(path: string): { bucket: string; key: string | undefined } {
  const [bucket = '', ...rest] = path.replace(/^\//, '').split('/');
  return { bucket, key: rest.length === 0 || (rest.length === 1 && rest[0] === '') ? undefined : decodeURIComponent(rest.join('/')) };
}

function s3Wire(requestIdHeader: string): DialectWire {
  return {
    requestIdHeader,
    error: (code, message) => ({
      contentType: XML,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><RequestId>hostile-1</RequestId></Error>`,
    }),
    initiate: (bucket, key, uploadId) => ({
      contentType: XML,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
    }),
    complete: (bucket, key, etag) => ({
      contentType: XML,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult><Location>/${bucket}/${xmlEscape(key)}</Location><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><ETag>"${etag}"</ETag></CompleteMultipartUploadResult>`,
    }),
    copy: (etag) => ({
      contentType: XML,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><ETag>"${etag}"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyObjectResult>`,
    }),
    listing: (bucket, keys) => ({
      contentType: XML,
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>${bucket}</Name><Prefix></Prefix><Marker></Marker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
        keys
          .map(
            (k) =>
              `<Contents><Key>${xmlEscape(k)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>`,
          )
          .join('') +
        '</ListBucketResult>',
    }),
    target: splitPath,
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

const bosWire: DialectWire = {
  requestIdHeader: 'x-bce-request-id',
  error: (code, message) => ({ contentType: JSON_TYPE, body: JSON.stringify({ code, message, requestId: 'hostile-1' }) }),
  initiate: (bucket, key, uploadId) => ({ contentType: JSON_TYPE, body: JSON.stringify({ bucket, key, uploadId }) }),
  complete: (bucket, key, etag) => ({ contentType: JSON_TYPE, body: JSON.stringify({ location: `/${bucket}/${key}`, bucket, key, eTag: etag }) }),
  copy: (etag) => ({ contentType: JSON_TYPE, body: JSON.stringify({ lastModified: '2026-01-01T00:00:00Z', eTag: etag }) }),
  listing: (bucket, keys) => ({
    contentType: JSON_TYPE,
    body: JSON.stringify({
      name: bucket,
      prefix: '',
      marker: '',
      maxKeys: 1000,
      isTruncated: false,
      contents: keys.map((key) => ({
        key,
        lastModified: '2026-01-01T00:00:00Z',
        eTag: 'd41d8cd98f00b204e9800998ecf8427e',
        size: 0,
        storageClass: 'STANDARD',
        owner: { id: 'owner', displayName: 'owner' },
      })),
    }),
  }),
  target: (path) => splitPath(path.replace(/^\/v1(?=\/|$)/, '')),
};

export const WIRE: Record<Dialect, DialectWire> = {
  cos: s3Wire('x-cos-request-id'),
  oos: s3Wire('x-amz-request-id'),
  nos: s3Wire('x-nos-request-id'),
  bos: bosWire,
};
