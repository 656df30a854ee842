import { createReadStream, createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { requireVendor } from '../load.ts';
import { nosBucket } from './nos-bucket.ts';
import { alreadyExists, callback, drain, type BenchClient, type ClientFactory, type Endpoint, type Vendor } from './types.ts';

/* The vendors' own Node SDKs, configured for the emulator, doing the same operations as ours. */

let patched = false;

/**
 * Two vendor SDKs (cos-nodejs-sdk-v5 v3, nos-node-sdk) only speak
 * virtual-hosted style, so they connect to `<bucket>.localhost`, which this
 * machine's resolver may not know. Every client in this (benchmark child)
 * process resolves `*.localhost` to 127.0.0.1, as browsers and systemd do.
 */
function resolveLocalhostSubdomains(): void {
  if (patched) return;
  patched = true;
  const dns = createRequire(import.meta.url)('node:dns') as { lookup: (...args: unknown[]) => void };
  const original = dns.lookup;
  dns.lookup = (hostname: unknown, ...rest: unknown[]) => {
    if (typeof hostname === 'string' && hostname.endsWith('.localhost')) return original.call(dns, '127.0.0.1', ...rest);
    return original.call(dns, hostname, ...rest);
  };
}

function need(name: string, root: string): Record<string, unknown> {
  const loaded = requireVendor(name, root);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.value as Record<string, unknown>;
}

async function ensure(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!alreadyExists(error)) throw error;
  }
}

type Cb = (error: unknown, data: unknown) => void;
type CosSdk = Record<string, (params: object, cb: Cb) => void>;

function cos(root: string): ClientFactory {
  return async (e: Endpoint) => {
    const COS = need('cos-nodejs-sdk-v5', root) as unknown as new (o: object) => CosSdk;
    const sdk = new COS({
      SecretId: e.accessKeyId,
      SecretKey: e.secretAccessKey,
      Protocol: 'http:',
      // v3 dropped path-style: address the emulator virtual-hosted, as <bucket>.cos.localhost:PORT.
      Domain: `{Bucket}.cos.localhost:${new URL(e.endpoint).port}`,
      KeepAlive: true,
    });
    resolveLocalhostSubdomains();
    const Region = 'ap-guangzhou';
    const call = (method: string, params: object) => callback<unknown>((done) => sdk[method]!.call(sdk, { Region, ...params }, done));
    return {
      name: 'cos-nodejs-sdk-v5',
      ensureBucket: (Bucket) => ensure(() => call('putBucket', { Bucket })),
      put: async (Bucket, Key, Body) => void (await call('putObject', { Bucket, Key, Body })),
      get: async (Bucket, Key) => ((await call('getObject', { Bucket, Key })) as { Body: Buffer }).Body.length,
      uploadFile: async (Bucket, Key, FilePath, ChunkSize, AsyncLimit) =>
        void (await call('uploadFile', { Bucket, Key, FilePath, SliceSize: ChunkSize, ChunkSize, AsyncLimit })),
      downloadFile: async (Bucket, Key, FilePath, ChunkSize, ParallelLimit) =>
        void (await call('downloadFile', { Bucket, Key, FilePath, ChunkSize, ParallelLimit })),
    };
  };
}

type BaiduClient = Record<string, (...args: unknown[]) => Promise<unknown>>;

function bos(root: string): ClientFactory {
  return async (e: Endpoint) => {
    const { BosClient } = need('@baiducloud/sdk', root) as { BosClient: new (o: object) => BaiduClient };
    const sdk = new BosClient({ endpoint: e.endpoint, credentials: { ak: e.accessKeyId, sk: e.secretAccessKey } });
    return {
      name: '@baiducloud/sdk BosClient',
      ensureBucket: (bucket) => ensure(() => sdk['createBucket']!(bucket)),
      put: async (bucket, key, body) => void (await sdk['putObject']!(bucket, key, body)),
      get: async (bucket, key) => ((await sdk['getObject']!(bucket, key)) as { body: Buffer }).body.length,
      // The SDK's "super upload": its adaptive multipart uploader.
      uploadFile: async (bucketName, objectName, data, chunkSize, partConcurrency) => {
        // start() returns while parts are still in flight; the task announces the end through onStateChange.
        await new Promise<void>((resolve, reject) => {
          const onStateChange = (state: string, info: { message?: string } | undefined): void => {
            if (state === 'completed') resolve();
            else if (state === 'failed' || state === 'cancelled') reject(new Error(`putSuperObject ${state}: ${info?.message ?? ''}`));
          };
          // putSuperObject returns the task itself (not a promise).
          const task = sdk['putSuperObject']!({ bucketName, objectName, data, chunkSize, partConcurrency, onStateChange }) as unknown as {
            start(): Promise<unknown>;
          };
          task.start().catch(reject);
        });
      },
      // No concurrent download in this SDK: its file download is one stream.
      downloadFile: async (bucket, key, file) => void (await sdk['getObjectToFile']!(bucket, key, file)),
    };
  };
}

function oos(root: string): ClientFactory {
  return async (e: Endpoint) => {
    const s3 = need('@aws-sdk/client-s3', root) as Record<string, new (input: object) => unknown>;
    const { Upload } = need('@aws-sdk/lib-storage', root) as { Upload: new (o: object) => { done(): Promise<unknown> } };
    const client = new (s3['S3Client'] as new (o: object) => { send(c: unknown): Promise<unknown>; destroy(): void })({
      endpoint: e.endpoint,
      region: 'cn',
      forcePathStyle: true,
      credentials: { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey },
      // Newer clients add CRC32 checksums by default; OOS (like the emulator) predates them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const send = (command: string, input: object) => client.send(new s3[command]!(input));
    return {
      name: '@aws-sdk/client-s3',
      ensureBucket: (Bucket) => ensure(() => send('CreateBucketCommand', { Bucket })),
      put: async (Bucket, Key, Body) => void (await send('PutObjectCommand', { Bucket, Key, Body })),
      get: async (Bucket, Key) => drain(((await send('GetObjectCommand', { Bucket, Key })) as { Body: AsyncIterable<Uint8Array> }).Body),
      uploadFile: async (Bucket, Key, path, partSize, queueSize) =>
        void (await new Upload({ client, params: { Bucket, Key, Body: createReadStream(path) }, partSize, queueSize }).done()),
      // lib-storage has no download; the SDK's way is one GetObject streamed to disk.
      downloadFile: async (Bucket, Key, path) => {
        const res = (await send('GetObjectCommand', { Bucket, Key })) as { Body: Readable };
        await pipeline(res.Body, createWriteStream(path));
      },
      close: async () => client.destroy(),
    };
  };
}

type NosSdk = Record<string, (map: object, cb: (result: Record<string, unknown>) => void) => void>;

function nos(root: string): ClientFactory {
  return async (e: Endpoint) => {
    const NOSClient = need('nos-node-sdk', root) as unknown as new (...args: unknown[]) => NosSdk;
    const url = new URL(e.endpoint);
    // The SDK always puts the bucket in the host name: bucket.localhost, resolved by resolveLocalhostSubdomains().
    resolveLocalhostSubdomains();
    const sdk = new NOSClient('localhost', Number(url.port), e.accessKeyId, e.secretAccessKey, 'http');
    const call = (method: string, map: object) => new Promise<Record<string, unknown>>((resolve) => sdk[method]!.call(sdk, map, resolve));
    return {
      name: 'nos-node-sdk',
      ensureBucket: (bucket) => nosBucket(e, bucket),
      put: async (bucket, key, body) => void (await call('put_object_stream', { bucket, key, body: Readable.from([body]), length: body.length })),
      get: async (bucket, key) => drain((await call('get_object_stream', { bucket, key }))['stream'] as AsyncIterable<Uint8Array>),
      // The SDK's multipart upload: fixed 100 MB parts, ten at a time.
      uploadFile: async (bucket, key, filepath) => void (await call('put_big_file', { bucket, key, filepath })),
      downloadFile: async (bucket, key, path) => {
        const res = await call('get_object_stream', { bucket, key });
        await pipeline(res['stream'] as Readable, createWriteStream(path));
      },
    };
  };
}

/** The vendor SDK client for each vendor; `root` is the repo root (for module resolution fallbacks). */
export function vendorClients(root: string): Record<Vendor, ClientFactory> {
  return { cos: cos(root), bos: bos(root), oos: oos(root), nos: nos(root) };
}

export type { BenchClient };
