import { createHash } from 'node:crypto';
import { importOurs, type ModuleShape } from '../load.ts';
import { nosBucket } from './nos-bucket.ts';
import { alreadyExists, drain, type ClientFactory, type Endpoint, type Vendor } from './types.ts';

type Fn = (...args: unknown[]) => Promise<unknown>;

async function load(name: string): Promise<ModuleShape> {
  const mod = await importOurs(name);
  if (!mod.ok) throw new Error(mod.reason);
  return mod.value;
}

function ctor(mod: ModuleShape, name: string, pkg: string): new (...args: unknown[]) => Record<string, unknown> {
  const value = mod[name];
  if (typeof value !== 'function') throw new Error(`${pkg} does not export ${name} yet`);
  return value as new (
    ...args: unknown[]
  ) => Record<string, unknown>;
}

/** A bound method by its vendor name, or undefined when the client does not have it (yet). */
function maybe(client: Record<string, unknown>, name: string): Fn | undefined {
  const fn = client[name];
  return typeof fn === 'function' ? (fn as Fn).bind(client) : undefined;
}

function must(client: Record<string, unknown>, name: string, pkg: string): Fn {
  const fn = maybe(client, name);
  if (!fn) throw new Error(`${pkg} has no ${name} yet`);
  return fn;
}

async function ensure(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!alreadyExists(error)) throw error;
  }
}

const cos: ClientFactory = async (e: Endpoint) => {
  const pkg = '@yunstore/cos';
  const mod = await load(pkg);
  const config = new (ctor(mod, 'CosConfig', pkg))({
    Region: 'ap-guangzhou',
    SecretId: e.accessKeyId,
    SecretKey: e.secretAccessKey,
    Scheme: 'http',
    Endpoint: e.endpoint.replace(/^https?:\/\//, ''),
  });
  const c = new (ctor(mod, 'CosS3Client', pkg))(config);
  const upload = maybe(c, 'upload_file');
  const download = maybe(c, 'download_file');
  return {
    name: `${pkg} CosS3Client`,
    ensureBucket: (Bucket) => ensure(() => must(c, 'create_bucket', pkg)({ Bucket })),
    put: async (Bucket, Key, Body) => void (await must(c, 'put_object', pkg)({ Bucket, Key, Body })),
    get: async (Bucket, Key) => {
      const res = (await must(c, 'get_object', pkg)({ Bucket, Key })) as { Body: { get_raw_stream(): AsyncIterable<Uint8Array> } };
      return drain(res.Body.get_raw_stream());
    },
    ...(upload && {
      uploadFile: async (Bucket: string, Key: string, LocalFilePath: string, partSize: number, MAXThread: number) =>
        void (await upload({ Bucket, Key, LocalFilePath, PartSize: partSize / 2 ** 20, MAXThread })),
    }),
    ...(download && {
      downloadFile: async (Bucket: string, Key: string, DestFilePath: string, partSize: number, MAXThread: number) =>
        void (await download({ Bucket, Key, DestFilePath, PartSize: partSize / 2 ** 20, MAXThread })),
    }),
  };
};

const bos: ClientFactory = async (e: Endpoint) => {
  const pkg = '@yunstore/bos';
  const mod = await load(pkg);
  const credentials = new (ctor(mod, 'BceCredentials', pkg))(e.accessKeyId, e.secretAccessKey);
  const config = new (ctor(mod, 'BceClientConfiguration', pkg))({ credentials, endpoint: e.endpoint });
  const c = new (ctor(mod, 'BosClient', pkg))(config);
  const upload = maybe(c, 'upload_file') ?? maybe(c, 'put_super_obejct_from_file');
  const download = maybe(c, 'download_file');
  return {
    name: `${pkg} BosClient`,
    ensureBucket: (bucket) => ensure(() => must(c, 'create_bucket', pkg)(bucket)),
    // Python's put_object takes the length and the MD5 from the caller (it does not compute them).
    put: async (bucket, key, body) => void (await must(c, 'put_object', pkg)(bucket, key, body, body.length, createHash('md5').update(body).digest('base64'))),
    get: async (bucket, key) => {
      const res = (await must(c, 'get_object', pkg)(bucket, key)) as { data: AsyncIterable<Uint8Array> };
      return drain(res.data);
    },
    ...(upload && {
      uploadFile: async (bucket: string, key: string, file: string, part_size: number, max_concurrency: number) =>
        void (await upload(bucket, key, file, { part_size, max_concurrency })),
    }),
    ...(download && {
      downloadFile: async (bucket: string, key: string, file: string, part_size: number, max_concurrency: number) =>
        void (await download(bucket, key, file, { part_size, max_concurrency })),
    }),
    close: async () => void (await maybe(c, 'close')?.()),
  };
};

const oos: ClientFactory = async (e: Endpoint) => {
  const pkg = '@yunstore/oos';
  const mod = await load(pkg);
  const factory = mod['client'];
  if (typeof factory !== 'function') throw new Error(`${pkg} does not export client() yet`);
  const c = (factory as (service: string, o: object) => Record<string, unknown>)('s3', {
    endpoint_url: e.endpoint,
    aws_access_key_id: e.accessKeyId,
    aws_secret_access_key: e.secretAccessKey,
  });
  const upload = maybe(c, 'upload_file');
  const download = maybe(c, 'download_file');
  const transferConfig = (partSize: number, concurrency: number) => ({
    multipart_threshold: partSize,
    multipart_chunksize: partSize,
    max_concurrency: concurrency,
  });
  return {
    name: `${pkg} client('s3')`,
    ensureBucket: (Bucket) => ensure(() => must(c, 'create_bucket', pkg)({ Bucket })),
    put: async (Bucket, Key, Body) => void (await must(c, 'put_object', pkg)({ Bucket, Key, Body })),
    get: async (Bucket, Key) => {
      const res = (await must(c, 'get_object', pkg)({ Bucket, Key })) as { Body: AsyncIterable<Uint8Array> };
      return drain(res.Body);
    },
    ...(upload && {
      uploadFile: async (Bucket: string, Key: string, file: string, partSize: number, concurrency: number) =>
        void (await upload(file, Bucket, Key, undefined, undefined, transferConfig(partSize, concurrency))),
    }),
    ...(download && {
      downloadFile: async (Bucket: string, Key: string, file: string, partSize: number, concurrency: number) =>
        void (await download(Bucket, Key, file, undefined, undefined, transferConfig(partSize, concurrency))),
    }),
  };
};

const nos: ClientFactory = async (e: Endpoint) => {
  const pkg = '@yunstore/nos';
  const mod = await load(pkg);
  const c = new (ctor(mod, 'Client', pkg))({ access_key_id: e.accessKeyId, access_key_secret: e.secretAccessKey, end_point: e.endpoint });
  const upload = maybe(c, 'upload_file');
  const download = maybe(c, 'download_file');
  return {
    name: `${pkg} Client`,
    ensureBucket: (bucket) => nosBucket(e, bucket),
    put: async (bucket, key, body) => void (await must(c, 'put_object', pkg)({ bucket, key, body })),
    get: async (bucket, key) => {
      const res = (await must(c, 'get_object', pkg)({ bucket, key })) as { body: AsyncIterable<Uint8Array> };
      return drain(res.body);
    },
    ...(upload && {
      uploadFile: async (bucket: string, key: string, file_path: string, part_size: number, max_concurrency: number) =>
        void (await upload({ bucket, key, file_path, part_size, max_concurrency })),
    }),
    ...(download && {
      downloadFile: async (bucket: string, key: string, file_path: string, part_size: number, max_concurrency: number) =>
        void (await download({ bucket, key, file_path, part_size, max_concurrency })),
    }),
    close: async () => void (await maybe(c, 'close')?.()),
  };
};

/** Our client for each vendor. */
export const OURS: Record<Vendor, ClientFactory> = { cos, bos, oos, nos };
