/**
 * The shared conformance suite (emulator round trips and the error contract
 * against a hostile server), driven through the NOS Python SDK's own API.
 */
import type { Readable } from 'node:stream';
import { describeConformance } from '@yunstore/test-utils';
import { ClientException, nos, ServiceException } from '../src/index.ts';

const BUCKET = 'conformance-nos';

describeConformance<nos.Client>({
  name: 'nos',
  dialect: 'nos',
  bucket: BUCKET,
  // NOS's smallest part (16 KiB): the high-level upload refuses less.
  partSize: 16 * 1024,
  createClient: (o) =>
    new nos.Client({
      access_key_id: o.accessKeyId,
      access_key_secret: o.secretAccessKey,
      end_point: o.endpoint,
      max_retries: o.retries,
      timeout: o.timeoutMs / 1000,
      ...(o.proxy ? { proxy: o.proxy } : {}),
    }),
  closeClient: (c) => c.close(),
  put: async (c, key, body) => {
    await c.put_object({ bucket: BUCKET, key, body });
  },
  putWithMetadata: async (c, key, body, metadata) => {
    const meta_data = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`x-nos-meta-${k}`, v]));
    await c.put_object({ bucket: BUCKET, key, body, meta_data });
  },
  getStream: async (c, key, signal) => (await c.get_object({ bucket: BUCKET, key, ...(signal ? { signal } : {}) })).body.stream,
  getBytes: async (c, key, signal) => (await c.get_object({ bucket: BUCKET, key, ...(signal ? { signal } : {}) })).body.read(),
  closeBody: (body: Readable) => {
    body.destroy();
  },
  head: async (c, key) => (await c.head_object({ bucket: BUCKET, key })).content_length,
  list: async (c, prefix) => (await c.list_objects({ bucket: BUCKET, prefix })).response.findall('Contents').map((e) => e.findtext('Key') ?? ''),
  copy: async (c, source, key) => {
    await c.copy_object({ src_bucket: BUCKET, src_key: source, dest_bucket: BUCKET, dest_key: key });
  },
  deleteObject: async (c, key) => {
    await c.delete_object({ bucket: BUCKET, key });
  },
  uploadFile: async (c, key, file_path, part_size) => {
    await c.upload_file({ bucket: BUCKET, key, file_path, part_size, multipart_threshold: part_size, max_concurrency: 2, checkpoint: false });
  },
  downloadFile: async (c, key, file_path) => {
    await c.download_file({ bucket: BUCKET, key, file_path, checkpoint: false });
  },
  emptyKeys: ['', '/', '//'],
  isServiceError: (e) => e instanceof ServiceException,
  isClientError: (e) => e instanceof ClientException,
  codeOf: (e) => (e instanceof ServiceException ? (e.error_code ?? undefined) : e instanceof ClientException ? e.code : undefined),
  statusOf: (e) => (e instanceof ServiceException ? (e.status_code ?? undefined) : undefined),
});
