import { compareFingerprints, fingerprintFile } from '../hashing.ts';
import { check, fetchAndVerify, field, loadPackage, method, needClass } from './calls.ts';
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

  if (!target.existingBucket) {
    await steps.run('create_bucket', async () => {
      await method(client, ['create_bucket', 'createBucket'], 'BOS create_bucket').call(bucket);
    });
  }

  // Cleanup deletes the object only if it was created (NOS answers NoSuchKey otherwise, as the service does).
  let uploaded = false;
  await steps.run(
    'upload (multipart, from file)',
    async () => {
      // The Python SDK's own high-level call keeps its historical spelling "obejct".
      const upload = method(
        client,
        ['upload_file', 'put_super_obejct_from_file', 'put_super_object_from_file', 'uploadFile'],
        'BOS high-level upload',
      );
      const bar = ctx.progress(`BOS ${upload.name}`, size);
      await upload.call(bucket, key, ctx.file, {
        part_size: 8 * 2 ** 20,
        max_concurrency: 8,
        progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
      });
      uploaded = true;
      bar.done();
      check(bar.consumed === size, `progress_callback ended at ${bar.consumed} of ${size} bytes`);
    },
    { bytes: size },
  );

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

  await steps.run(
    'generate_pre_signed_url + plain GET',
    async () => {
      const presign = method(client, ['generate_pre_signed_url', 'generatePreSignedUrl'], 'BOS generate_pre_signed_url');
      const url = await presign.call(bucket, key, 0, 300);
      const text = Buffer.isBuffer(url) ? url.toString('utf8') : url;
      check(typeof text === 'string', `${presign.name} returned ${typeof url}`);
      await fetchAndVerify(text as string, ctx.source, false);
    },
    { bytes: size },
  );

  await steps.run(
    'download (to file)',
    async () => {
      const download = method(client, ['download_file', 'get_object_to_file', 'downloadFile'], 'BOS high-level download');
      const bar = ctx.progress(`BOS ${download.name}`, size);
      await download.call(bucket, key, ctx.downloadPath, {
        part_size: 8 * 2 ** 20,
        max_concurrency: 8,
        progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
      });
      bar.done();
    },
    { bytes: size },
  );

  await steps.run('verify MD5', async () => {
    compareFingerprints('downloaded file', ctx.source, await fingerprintFile(ctx.downloadPath), false);
  });

  if (uploaded) {
    await steps.run('delete_object', async () => {
      await method(client, ['delete_object', 'deleteObject'], 'BOS delete_object').call(bucket, key);
    }, { always: true });
  }

  if (!target.existingBucket) {
    await steps.run('delete_bucket', async () => {
      await method(client, ['delete_bucket', 'deleteBucket'], 'BOS delete_bucket').call(bucket);
    }, { always: true });
  }
}

export const bosWalk: Walk = { vendor: 'bos', packageName: PACKAGE, run };
