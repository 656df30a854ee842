import { check, field, loadPackage, method, needClass } from './calls.ts';
import { cleanupSteps, createBucketStep, downloadAndVerifySteps, expectUrl, presignedGetStep, uploadStep } from './shared-steps.ts';
import type { Walk, WalkContext } from './types.ts';

const PACKAGE = '@yunstore/bos';

/**
 * Baidu BOS quick start (BOS Python SDK names, positional arguments):
 * BceClientConfiguration + BosClient, create_bucket, the multipart file
 * upload, list_objects, get_object_meta_data, generate_pre_signed_url, the
 * file download, delete_object, delete_bucket.
 */
async function run(ctx: WalkContext): Promise<void> {
  const { steps, target, key } = ctx;
  const bucket = target.bucket;
  const client = await steps.run('BosClient(BceClientConfiguration)', async () => {
    const mod = await loadPackage(PACKAGE);
    const BceClientConfiguration = needClass(mod, 'BceClientConfiguration', PACKAGE);
    const BceCredentials = needClass(mod, 'BceCredentials', PACKAGE);
    const BosClient = needClass(mod, 'BosClient', PACKAGE);
    const config = new BceClientConfiguration({
      credentials: new BceCredentials(target.accessKeyId, target.secretAccessKey),
      endpoint: target.endpoint,
    });
    return new BosClient(config);
  });
  if (client === undefined) return;
  const size = ctx.source.size;

  await createBucketStep(ctx, 'create_bucket', () => method(client, ['create_bucket', 'createBucket'], 'BOS create_bucket').call(bucket));

  const uploaded = await uploadStep(ctx, client, 'upload (multipart, from file)', {
    vendor: 'BOS',
    // The Python SDK's own high-level call keeps its historical spelling "obejct".
    names: ['upload_file', 'put_super_obejct_from_file', 'put_super_object_from_file', 'uploadFile'],
    what: 'high-level upload',
    invoke: (upload, bar) =>
      upload(bucket, key, ctx.file, {
        part_size: 8 * 2 ** 20,
        max_concurrency: 8,
        progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
      }),
  });

  await steps.run('list_objects', async () => {
    const listing = await method(client, ['list_objects', 'listObjects'], 'BOS list_objects').call(bucket, { prefix: key });
    const contents = (field(listing, 'contents') ?? []) as unknown[];
    const entry = contents.find((c) => field(c, 'key') === key);
    check(entry !== undefined, `list_objects did not show ${key}`);
    check(Number(field(entry, 'size')) === size, `list_objects size ${String(field(entry, 'size'))}, expected ${size}`);
  });

  await steps.run('get_object_meta_data', async () => {
    const head = await method(client, ['get_object_meta_data', 'getObjectMetaData'], 'BOS get_object_meta_data').call(bucket, key);
    const length = field(head, 'metadata', 'content_length');
    check(Number(length) === size, `get_object_meta_data content_length ${String(length)}, expected ${size}`);
  });

  await presignedGetStep(
    ctx,
    'generate_pre_signed_url + plain GET',
    async () => {
      const presign = method(client, ['generate_pre_signed_url', 'generatePreSignedUrl'], 'BOS generate_pre_signed_url');
      const url = await presign.call(bucket, key, 0, 300);
      return expectUrl(Buffer.isBuffer(url) ? url.toString('utf8') : url, presign.name);
    },
    false,
  );

  await downloadAndVerifySteps(
    ctx,
    client,
    'download (to file)',
    {
      vendor: 'BOS',
      names: ['download_file', 'get_object_to_file', 'downloadFile'],
      what: 'high-level download',
      invoke: (download, bar) =>
        download(bucket, key, ctx.downloadPath, {
          part_size: 8 * 2 ** 20,
          max_concurrency: 8,
          progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
        }),
    },
    false,
  );

  await cleanupSteps(ctx, {
    uploaded,
    deleteObject: () => method(client, ['delete_object', 'deleteObject'], 'BOS delete_object').call(bucket, key),
    deleteBucket: {
      operation: 'delete_bucket',
      run: () => method(client, ['delete_bucket', 'deleteBucket'], 'BOS delete_bucket').call(bucket),
    },
  });
}

export const bosWalk: Walk = { vendor: 'bos', packageName: PACKAGE, run };
