import { compareFingerprints, fingerprintFile } from '../hashing.ts';
import { check, fetchAndVerify, field, loadPackage, method, needClass } from './calls.ts';
import type { Walk, WalkContext } from './types.ts';

const PACKAGE = '@yunstore/cos';

/**
 * Tencent COS quick start (COS Python SDK v5 names): CosConfig +
 * CosS3Client, create_bucket, upload_file, list_objects, head_object,
 * get_presigned_url, download_file, delete_object, delete_bucket. COS is the
 * one vendor with an end-to-end CRC-64, so the download is checked with it too.
 */
async function run(ctx: WalkContext): Promise<void> {
  const { steps, target, key: Key } = ctx;
  const Bucket = target.bucket;
  const client = await steps.run('CosS3Client(CosConfig)', async () => {
    const mod = await loadPackage(PACKAGE);
    const CosConfig = needClass(mod, 'CosConfig', PACKAGE);
    const CosS3Client = needClass(mod, 'CosS3Client', PACKAGE);
    const config = new CosConfig({
      Region: target.region,
      SecretId: target.accessKeyId,
      SecretKey: target.secretAccessKey,
      Scheme: target.endpoint.startsWith('https:') ? 'https' : 'http',
      // The emulator's 127.0.0.1:PORT switches the client to path-style; real accounts use the region's domain.
      ...(target.emulator ? { Endpoint: target.endpoint.replace(/^https?:\/\//, '') } : {}),
    });
    return new CosS3Client(config);
  });
  if (client === undefined) return;
  const size = ctx.source.size;

  if (!target.existingBucket) {
    await steps.run('create_bucket', async () => {
      await method(client, ['create_bucket', 'createBucket'], 'COS create_bucket').call({ Bucket });
    });
  }

  // Cleanup deletes the object only if it was created (NOS answers NoSuchKey otherwise, as the service does).
  let uploaded = false;
  await steps.run(
    'upload_file',
    async () => {
      const upload = method(client, ['upload_file', 'uploadFile'], 'COS upload_file');
      const bar = ctx.progress('COS upload_file', size);
      const result = await upload.call({
        Bucket,
        Key,
        LocalFilePath: ctx.file,
        PartSize: 8,
        MAXThread: 8,
        progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
      });
      uploaded = true;
      bar.done();
      check(bar.consumed === size, `progress_callback ended at ${bar.consumed} of ${size} bytes`);
      check(typeof field(result, 'ETag') === 'string', 'upload_file returned no ETag');
    },
    { bytes: size },
  );

  await steps.run('list_objects', async () => {
    const listing = await method(client, ['list_objects', 'listObjects'], 'COS list_objects').call({ Bucket, Prefix: Key });
    const contents = (field(listing, 'Contents') ?? []) as unknown[];
    const entry = contents.find((c) => field(c, 'Key') === Key);
    check(entry !== undefined, `list_objects did not show ${Key}`);
    check(String(field(entry, 'Size')) === String(size), `list_objects Size ${String(field(entry, 'Size'))}, expected ${size}`);
  });

  await steps.run('head_object', async () => {
    const head = await method(client, ['head_object', 'headObject'], 'COS head_object').call({ Bucket, Key });
    check(String(field(head, 'Content-Length')) === String(size), `head_object Content-Length ${String(field(head, 'Content-Length'))}`);
    const crc = field(head, 'x-cos-hash-crc64ecma');
    check(crc === undefined || crc === ctx.source.crc64, `head_object x-cos-hash-crc64ecma ${String(crc)}, expected ${ctx.source.crc64}`);
  });

  await steps.run(
    'get_presigned_url + plain GET',
    async () => {
      const presign = method(client, ['get_presigned_url', 'getPresignedUrl', 'get_presigned_download_url'], 'COS get_presigned_url');
      const url = await presign.call({ Bucket, Key, Method: 'GET', Expired: 300 });
      check(typeof url === 'string', `${presign.name} returned ${typeof url}`);
      await fetchAndVerify(url as string, ctx.source, true);
    },
    { bytes: size },
  );

  await steps.run(
    'download_file',
    async () => {
      const download = method(client, ['download_file', 'downloadFile'], 'COS download_file');
      const bar = ctx.progress('COS download_file', size);
      await download.call({
        Bucket,
        Key,
        DestFilePath: ctx.downloadPath,
        PartSize: 8,
        MAXThread: 8,
        EnableCRC: true,
        progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
      });
      bar.done();
    },
    { bytes: size },
  );

  await steps.run('verify MD5 + CRC64', async () => {
    compareFingerprints('downloaded file', ctx.source, await fingerprintFile(ctx.downloadPath), true);
  });

  if (uploaded) {
    await steps.run('delete_object', async () => {
      await method(client, ['delete_object', 'deleteObject'], 'COS delete_object').call({ Bucket, Key });
    }, { always: true });
  }

  if (!target.existingBucket) {
    await steps.run('delete_bucket', async () => {
      await method(client, ['delete_bucket', 'deleteBucket'], 'COS delete_bucket').call({ Bucket });
    }, { always: true });
  }
}

export const cosWalk: Walk = { vendor: 'cos', packageName: PACKAGE, run };
