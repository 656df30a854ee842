import { check, field, loadPackage, method } from './calls.ts';
import { cleanupSteps, createBucketStep, downloadAndVerifySteps, expectUrl, presignedGetStep, uploadStep } from './shared-steps.ts';
import type { Walk, WalkContext } from './types.ts';

const PACKAGE = '@yunstore/oos';

/** Builds the boto3-style `s3` client, whichever way the package exposes it. */
function makeClient(mod: Record<string, unknown>, options: Record<string, unknown>): unknown {
  const factory = mod['client'];
  if (typeof factory === 'function') return (factory as (service: string, o: object) => unknown)('s3', options);
  const session = mod['Session'];
  if (typeof session === 'function') {
    const s = new (session as new (o: object) => { client(service: string, o: object): unknown })({});
    return s.client('s3', options);
  }
  const S3Client = mod['S3Client'] ?? mod['S3'];
  if (typeof S3Client === 'function') return new (S3Client as new (o: object) => unknown)(options);
  return method(mod, ['client'], `${PACKAGE} client('s3')`);
}

/**
 * CTYun OOS quick start (boto3 names, which OOS's Python SDK keeps):
 * client('s3'), create_bucket, upload_file, list_objects, head_object,
 * generate_presigned_url, download_file, delete_object, delete_bucket.
 */
async function run(ctx: WalkContext): Promise<void> {
  const { steps, target, key: Key } = ctx;
  const Bucket = target.bucket;
  const client = await steps.run("client('s3')", async () => {
    const mod = await loadPackage(PACKAGE);
    return makeClient(mod, {
      endpoint_url: target.endpoint,
      aws_access_key_id: target.accessKeyId,
      aws_secret_access_key: target.secretAccessKey,
      access_key_id: target.accessKeyId,
      secret_access_key: target.secretAccessKey,
    });
  });
  if (client === undefined) return;
  const size = ctx.source.size;
  // boto3's Callback gets the bytes moved since the last call; the bar wants a running total.
  const increments = (bar: { update(n: number): void }) => {
    let sum = 0;
    return (delta: number) => bar.update((sum += delta));
  };
  const config = { multipart_threshold: 8 * 2 ** 20, multipart_chunksize: 8 * 2 ** 20, max_concurrency: 8 };

  await createBucketStep(ctx, 'create_bucket', () => method(client, ['create_bucket', 'createBucket'], 'OOS create_bucket').call({ Bucket }));

  const uploaded = await uploadStep(
    ctx,
    client,
    'upload_file',
    {
      vendor: 'OOS',
      names: ['upload_file', 'uploadFile'],
      what: 'upload_file',
      invoke: (upload, bar) => upload(ctx.file, Bucket, Key, undefined, increments(bar), config),
    },
    { progressWords: 'Callback totals' },
  );

  await steps.run('list_objects', async () => {
    const listing = await method(client, ['list_objects', 'listObjects'], 'OOS list_objects').call({ Bucket, Prefix: Key });
    const contents = (field(listing, 'Contents') ?? []) as unknown[];
    const entry = contents.find((c) => field(c, 'Key') === Key);
    check(entry !== undefined, `list_objects did not show ${Key}`);
    check(Number(field(entry, 'Size')) === size, `list_objects Size ${String(field(entry, 'Size'))}, expected ${size}`);
  });

  await steps.run('head_object', async () => {
    const head = await method(client, ['head_object', 'headObject'], 'OOS head_object').call({ Bucket, Key });
    check(Number(field(head, 'ContentLength')) === size, `head_object ContentLength ${String(field(head, 'ContentLength'))}`);
  });

  await presignedGetStep(
    ctx,
    'generate_presigned_url + plain GET',
    async () => {
      const presign = method(client, ['generate_presigned_url', 'generatePresignedUrl'], 'OOS generate_presigned_url');
      return expectUrl(await presign.call({ ClientMethod: 'get_object', Params: { Bucket, Key }, ExpiresIn: 300 }), presign.name);
    },
    false,
  );

  await downloadAndVerifySteps(
    ctx,
    client,
    'download_file',
    {
      vendor: 'OOS',
      names: ['download_file', 'downloadFile'],
      what: 'download_file',
      invoke: (download, bar) => download(Bucket, Key, ctx.downloadPath, undefined, increments(bar), config),
    },
    false,
  );

  await cleanupSteps(ctx, {
    uploaded,
    deleteObject: () => method(client, ['delete_object', 'deleteObject'], 'OOS delete_object').call({ Bucket, Key }),
    deleteBucket: {
      operation: 'delete_bucket',
      run: () => method(client, ['delete_bucket', 'deleteBucket'], 'OOS delete_bucket').call({ Bucket }),
    },
  });
}

export const oosWalk: Walk = { vendor: 'oos', packageName: PACKAGE, run };
