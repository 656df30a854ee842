import type { Readable } from 'node:stream';
import { describeConformance } from '@yunstore/test-utils';
import { CosClientError, CosS3Client, CosServiceError } from '../src/index.ts';

const BUCKET = 'conformance-1250000000';

describeConformance<CosS3Client>({
  name: 'cos',
  dialect: 'cos',
  bucket: BUCKET,
  partSize: 1024 * 1024,
  createClient: (o) =>
    new CosS3Client({
      Region: 'ap-guangzhou',
      SecretId: o.accessKeyId,
      SecretKey: o.secretAccessKey,
      Scheme: 'http',
      Endpoint: o.endpoint.replace(/^http:\/\//, ''),
      Retry: o.retries,
      Timeout: o.timeoutMs / 1000,
      ...(o.proxy ? { Proxy: o.proxy } : {}),
    }),
  closeClient: (c) => c.close(),
  put: async (c, Key, Body) => {
    await c.put_object({ Bucket: BUCKET, Key, Body });
  },
  putWithMetadata: async (c, Key, Body, Metadata) => {
    await c.put_object({ Bucket: BUCKET, Key, Body, Metadata: Object.fromEntries(Object.entries(Metadata).map(([k, v]) => [`x-cos-meta-${k}`, v])) });
  },
  getStream: async (c, Key, signal) => (await c.get_object({ Bucket: BUCKET, Key, ...(signal ? { signal } : {}) }))['Body'].get_raw_stream(),
  getBytes: async (c, Key, signal) => (await c.get_object({ Bucket: BUCKET, Key, ...(signal ? { signal } : {}) }))['Body'].read(),
  closeBody: (body: Readable) => {
    body.destroy();
  },
  head: async (c, Key) => Number((await c.head_object({ Bucket: BUCKET, Key }))['Content-Length']),
  list: async (c, Prefix) => ((await c.list_objects({ Bucket: BUCKET, Prefix }))['Contents'] ?? []).map((o) => String((o as { Key: string }).Key)),
  copy: async (c, source, Key) => {
    await c.copy_object({ Bucket: BUCKET, Key, CopySource: { Bucket: BUCKET, Key: source, Region: 'ap-guangzhou' } });
  },
  deleteObject: async (c, Key) => {
    await c.delete_object({ Bucket: BUCKET, Key });
  },
  uploadFile: async (c, Key, LocalFilePath, partSize) => {
    // COS goes multipart above 20 MB (seed 004); the threshold option lowers that so a 3-part file is multipart.
    await c.upload_file({ Bucket: BUCKET, Key, LocalFilePath, PartSize: partSize / (1024 * 1024), MAXThread: 2, multipart_threshold: partSize });
  },
  downloadFile: async (c, Key, DestFilePath) => {
    await c.download_file({ Bucket: BUCKET, Key, DestFilePath });
  },
  emptyKeys: ['', '/'],
  isServiceError: (e) => e instanceof CosServiceError,
  isClientError: (e) => e instanceof CosClientError,
  codeOf: (e) => (e instanceof CosServiceError ? e.get_error_code() : e instanceof CosClientError ? e.code : undefined),
  statusOf: (e) => (e instanceof CosServiceError ? e.get_status_code() : undefined),
});
