/**
 * The shared conformance suite (emulator round trips and the error contract
 * against a hostile server), driven through the OOS client's own API.
 */
import type { Readable } from 'node:stream';
import { NetworkError } from '@yunstore/core';
import { describeConformance } from '@yunstore/test-utils';
import { oos, ClientError, Config, ParamValidationError, TransferConfig, type S3Client } from '../src/index.ts';

const BUCKET = 'conformance-oos';

describeConformance<S3Client>({
  name: 'oos',
  dialect: 'oos',
  bucket: BUCKET,
  // The emulator's and the hostile server's smallest part; TransferConfig goes multipart above 2 parts' worth.
  partSize: 1024 * 1024,
  createClient: (o) =>
    oos.client('s3', {
      endpoint_url: o.endpoint,
      access_key_id: o.accessKeyId,
      secret_access_key: o.secretAccessKey,
      config: new Config({
        retries: { max_attempts: o.retries },
        read_timeout: o.timeoutMs / 1000,
        connect_timeout: o.timeoutMs / 1000,
        ...(o.proxy ? { proxies: { http: o.proxy, https: o.proxy } } : {}),
      }),
    }),
  closeClient: (c) => c.close(),
  put: async (c, Key, Body) => {
    await c.put_object({ Bucket: BUCKET, Key, Body });
  },
  putWithMetadata: async (c, Key, Body, Metadata) => {
    await c.put_object({ Bucket: BUCKET, Key, Body, Metadata });
  },
  getStream: async (c, Key, signal) => (await c.get_object({ Bucket: BUCKET, Key, ...(signal ? { AbortSignal: signal } : {}) })).Body.stream,
  getBytes: async (c, Key, signal) => (await c.get_object({ Bucket: BUCKET, Key, ...(signal ? { AbortSignal: signal } : {}) })).Body.read(),
  closeBody: (body: Readable) => {
    body.destroy();
  },
  head: async (c, Key) => (await c.head_object({ Bucket: BUCKET, Key })).ContentLength ?? -1,
  list: async (c, Prefix) => ((await c.list_objects({ Bucket: BUCKET, Prefix })).Contents ?? []).map((o) => o.Key ?? ''),
  copy: async (c, source, Key) => {
    await c.copy_object({ Bucket: BUCKET, Key, CopySource: { Bucket: BUCKET, Key: source } });
  },
  deleteObject: async (c, Key) => {
    await c.delete_object({ Bucket: BUCKET, Key });
  },
  uploadFile: async (c, Key, path, partSize) => {
    await c.upload_file(
      path,
      BUCKET,
      Key,
      null,
      null,
      new TransferConfig({ multipart_threshold: partSize, multipart_chunksize: partSize, min_part_size: partSize }),
    );
  },
  downloadFile: async (c, Key, path) => {
    await c.download_file(BUCKET, Key, path);
  },
  // botocore sends keys as given: '/' is an object named '/', so only '' is empty.
  emptyKeys: [''],
  isServiceError: (e) => e instanceof ClientError,
  isClientError: (e) => e instanceof NetworkError || e instanceof ParamValidationError,
  codeOf: (e) => (e instanceof ClientError ? e.response.Error.Code : e instanceof NetworkError || e instanceof ParamValidationError ? e.code : undefined),
  statusOf: (e) => (e instanceof ClientError ? e.response.ResponseMetadata.HTTPStatusCode : undefined),
});
