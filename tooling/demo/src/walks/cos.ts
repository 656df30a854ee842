import { check, field, loadPackage, method, needClass } from './calls.ts';
import { cleanupSteps, createBucketStep, downloadAndVerifySteps, expectUrl, presignedGetStep, uploadStep } from './shared-steps.ts';
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

  await createBucketStep(ctx, 'create_bucket', () => method(client, ['create_bucket', 'createBucket'], 'COS create_bucket').call({ Bucket }));

  const uploaded = await uploadStep(
    ctx,
    client,
    'upload_file',
    {
      vendor: 'COS',
      names: ['upload_file', 'uploadFile'],
      what: 'upload_file',
      invoke: (upload, bar) =>
        upload({
          Bucket,
          Key,
          LocalFilePath: ctx.file,
          PartSize: 8,
          MAXThread: 8,
          progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
        }),
    },
    { verifyResult: (result) => check(typeof field(result, 'ETag') === 'string', 'upload_file returned no ETag') },
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

  await presignedGetStep(
    ctx,
    'get_presigned_url + plain GET',
    async () => {
      const presign = method(client, ['get_presigned_url', 'getPresignedUrl', 'get_presigned_download_url'], 'COS get_presigned_url');
      return expectUrl(await presign.call({ Bucket, Key, Method: 'GET', Expired: 300 }), presign.name);
    },
    true,
  );

  await downloadAndVerifySteps(
    ctx,
    client,
    'download_file',
    {
      vendor: 'COS',
      names: ['download_file', 'downloadFile'],
      what: 'download_file',
      invoke: (download, bar) =>
        download({
          Bucket,
          Key,
          DestFilePath: ctx.downloadPath,
          PartSize: 8,
          MAXThread: 8,
          EnableCRC: true,
          progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
        }),
    },
    true,
  );

  await cleanupSteps(ctx, {
    uploaded,
    deleteObject: () => method(client, ['delete_object', 'deleteObject'], 'COS delete_object').call({ Bucket, Key }),
    deleteBucket: {
      operation: 'delete_bucket',
      run: () => method(client, ['delete_bucket', 'deleteBucket'], 'COS delete_bucket').call({ Bucket }),
    },
  });
}

export const cosWalk: Walk = { vendor: 'cos', packageName: PACKAGE, run };
