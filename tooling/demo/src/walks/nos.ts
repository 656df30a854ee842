import { StepSkipped } from '../steps.ts';
import { check, field, loadPackage, method, needClass } from './calls.ts';
import { cleanupSteps, createBucketStep, downloadAndVerifySteps, presignedGetStep, uploadStep } from './shared-steps.ts';
import type { Walk, WalkContext } from './types.ts';

const PACKAGE = '@yunstore/nos';

interface ElementLike {
  findall(path: string): ElementLike[];
  findtext(path: string): string | null;
}

/**
 * A presigned GET URL for NOS. The NOS Python SDK (and so the seed) has no
 * presign call; the package's own one is used when it has one, else core's
 * pure `presignNos` — a user can presign without a client.
 */
async function presignedUrl(client: unknown, ctx: WalkContext): Promise<string> {
  const own = ['generate_presigned_url', 'get_presigned_url', 'generatePresignedUrl'].find((n) => typeof (client as Record<string, unknown>)[n] === 'function');
  const { bucket } = ctx.target;
  if (own) {
    const url = await method(client, [own], 'NOS presign').call({ bucket, key: ctx.key, expires: 300 });
    if (typeof url === 'string') return url;
  }
  const sign = await loadPackage('@yunstore/core/sign');
  const presignNos = sign['presignNos'];
  if (typeof presignNos !== 'function') throw new StepSkipped('@yunstore/core/sign has no presignNos');
  const host = ctx.target.endpoint.replace(/^https?:\/\//, '');
  const scheme = ctx.target.endpoint.startsWith('https:') ? 'https' : 'http';
  // The emulator is addressed path-style; the real service by bucket host name.
  const origin = ctx.target.emulator ? `${scheme}://${host}/${bucket}` : `${scheme}://${bucket}.${host}`;
  const result = (presignNos as (r: object, c: object) => { url: string })(
    { bucket, key: ctx.key, origin, expires: Math.floor(Date.now() / 1000) + 300 },
    { accessKeyId: ctx.target.accessKeyId, secretAccessKey: ctx.target.secretAccessKey },
  );
  return result.url;
}

/**
 * NetEase NOS quick start (NOS Python SDK names, one object of snake_case
 * keyword arguments): nos.Client, the bucket (NOS's SDK has no bucket API:
 * the emulator gets it created directly, a real account needs NOS_BUCKET),
 * the file upload, list_objects, head_object, a presigned URL, the file
 * download, delete_object.
 */
async function run(ctx: WalkContext): Promise<void> {
  const { steps, target, key } = ctx;
  const bucket = target.bucket;
  const client = await steps.run('nos.Client', async () => {
    const mod = await loadPackage(PACKAGE);
    const Client = needClass(mod, 'Client', PACKAGE);
    return new Client({
      access_key_id: target.accessKeyId,
      access_key_secret: target.secretAccessKey,
      end_point: target.endpoint,
    });
  });
  if (client === undefined) return;
  const size = ctx.source.size;

  await createBucketStep(ctx, 'create bucket', async () => {
    const own = (client as Record<string, unknown>)['create_bucket'];
    if (typeof own === 'function') await method(client, ['create_bucket'], 'NOS create_bucket').call({ bucket });
    else if (target.createBucketOutOfBand) await target.createBucketOutOfBand(bucket);
    else throw new StepSkipped('NOS has no bucket API; set NOS_BUCKET to an existing bucket');
  });

  const uploaded = await uploadStep(ctx, client, 'upload (multipart, from file)', {
    vendor: 'NOS',
    names: ['upload_file', 'put_file', 'uploadFile'],
    what: 'high-level upload',
    invoke: (upload, bar) =>
      upload({
        bucket,
        key,
        file_path: ctx.file,
        part_size: 8 * 2 ** 20,
        max_concurrency: 8,
        progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
      }),
  });

  await steps.run('list_objects', async () => {
    const listing = await method(client, ['list_objects', 'listObjects'], 'NOS list_objects').call({ bucket, prefix: key });
    const root = field(listing, 'response') as ElementLike | undefined;
    check(typeof root?.findall === 'function', 'list_objects returned no response element');
    const entry = root!.findall('Contents').find((c) => c.findtext('Key') === key);
    check(entry !== undefined, `list_objects did not show ${key}`);
    check(Number(entry!.findtext('Size')) === size, `list_objects Size ${String(entry!.findtext('Size'))}, expected ${size}`);
  });

  await steps.run('head_object', async () => {
    const head = await method(client, ['head_object', 'headObject'], 'NOS head_object').call({ bucket, key });
    check(Number(field(head, 'content_length')) === size, `head_object content_length ${String(field(head, 'content_length'))}`);
  });

  await presignedGetStep(ctx, 'presigned URL + plain GET', () => presignedUrl(client, ctx), false);

  await downloadAndVerifySteps(
    ctx,
    client,
    'download (to file)',
    {
      vendor: 'NOS',
      names: ['download_file', 'get_object_to_file', 'downloadFile'],
      what: 'high-level download',
      invoke: (download, bar) =>
        download({
          bucket,
          key,
          file_path: ctx.downloadPath,
          part_size: 8 * 2 ** 20,
          max_concurrency: 8,
          progress_callback: (consumed: number, total: number) => bar.update(consumed, total),
        }),
    },
    false,
  );

  // NOS's API has no bucket calls: the bucket is deleted the way it was made, out of band (emulator only).
  const removeBucket = target.deleteBucketOutOfBand;
  await cleanupSteps(ctx, {
    uploaded,
    deleteObject: () => method(client, ['delete_object', 'deleteObject'], 'NOS delete_object').call({ bucket, key }),
    ...(removeBucket ? { deleteBucket: { operation: 'delete bucket', run: () => removeBucket(bucket) } } : {}),
  });

  const close = (client as { close?: () => Promise<void> }).close;
  if (typeof close === 'function') await close.call(client);
}

export const nosWalk: Walk = { vendor: 'nos', packageName: PACKAGE, run };
