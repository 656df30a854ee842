/** The shared conformance suite (emulator round trips and the error contract against a hostile server), with BOS's own API. */
import type { Readable } from 'node:stream';
import { describeConformance } from '@yunstore/test-utils';
import {
  BceClientConfiguration,
  BceCredentials,
  BceHttpClientError,
  BceInvalidArgumentError,
  BceServerError,
  BOS_TRANSFER_LIMITS,
  BackOffRetryPolicy,
  BosClient,
  NoRetryPolicy,
} from '../src/index.ts';

const BUCKET = 'conformance-bucket';

/** The cause of a BOS failure: `last_error` of the `BceHttpClientError` every request failure is. */
function lastError(error: unknown): unknown {
  return error instanceof BceHttpClientError ? error.last_error : undefined;
}

describeConformance<BosClient>({
  name: 'bos',
  dialect: 'bos',
  bucket: BUCKET,
  partSize: 64 * 1024,
  createClient: (o) => {
    const client = new BosClient(
      new BceClientConfiguration({
        credentials: new BceCredentials(o.accessKeyId, o.secretAccessKey),
        endpoint: o.endpoint,
        connection_timeout_in_mills: o.timeoutMs,
        retry_policy: o.retries === 0 ? new NoRetryPolicy() : new BackOffRetryPolicy(o.retries, 1000, 20),
        ...(o.proxy ? { proxy_host: o.proxy } : {}),
      }),
    );
    // The emulator (and the hostile server) take parts smaller than BOS's 5 MiB.
    client.transfer_limits = { ...BOS_TRANSFER_LIMITS, minPartSize: 1024 };
    return client;
  },
  closeClient: (c) => c.close(),
  put: async (c, key, body) => {
    await c.put_object_from_string(BUCKET, key, body);
  },
  putWithMetadata: async (c, key, body, user_metadata) => {
    await c.put_object_from_string(BUCKET, key, body, { user_metadata });
  },
  getStream: async (c, key, signal) => (await c.get_object(BUCKET, key, signal ? { signal } : {})).data,
  getBytes: async (c, key, signal) => c.get_object_as_string(BUCKET, key, { encoding: null, ...(signal ? { signal } : {}) }),
  closeBody: (body: Readable) => {
    body.destroy();
  },
  head: async (c, key) => Number((await c.get_object_meta_data(BUCKET, key)).content_length),
  list: async (c, prefix) => (await c.list_objects(BUCKET, { prefix })).contents.map((o) => o.key),
  copy: async (c, source, key) => {
    await c.copy_object(BUCKET, source, BUCKET, key);
  },
  deleteObject: async (c, key) => {
    await c.delete_object(BUCKET, key);
  },
  uploadFile: async (c, key, path, partSize) => {
    await c.upload_file(BUCKET, key, path, { part_size: partSize, thread_num: 2, checkpoint: false });
  },
  downloadFile: async (c, key, path) => {
    await c.download_file(BUCKET, key, path, { checkpoint: false });
  },
  emptyKeys: ['', '/', '//'],
  isServiceError: (e) => lastError(e) instanceof BceServerError,
  isClientError: (e) => (e instanceof BceHttpClientError && !(lastError(e) instanceof BceServerError)) || e instanceof BceInvalidArgumentError,
  codeOf: (e) => (e instanceof BceHttpClientError || e instanceof BceInvalidArgumentError ? e.code : undefined),
  statusOf: (e) => (e instanceof BceHttpClientError ? e.status_code : undefined),
});
