import { compareFingerprints, fingerprintFile } from '../hashing.ts';
import { check, fetchAndVerify, field, loadPackage, method } from './calls.ts';
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

  if (!target.existingBucket) {
    await steps.run('create_bucket', async () => {
      await method(client, ['create_bucket', 'createBucket'], 'OOS create_bucket').call({ Bucket });
    });
  }

  // Cleanup deletes the object only if it was created (NOS answers NoSuchKey otherwise, as the service does).
  let uploaded = false;
  await steps.run(
    'upload_file',
    async () => {
      const upload = method(client, ['upload_file', 'uploadFile'], 'OOS upload_file');
      const bar = ctx.progress('OOS upload_file', size);
      await upload.call(ctx.file, Bucket, Key, undefined, increments(bar), config);
      uploaded = true;
      bar.done();
      check(bar.consumed === size, `Callback totals ${bar.consumed} of ${size} bytes`);
    },
    { bytes: size },
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

  await steps.run(
    'generate_presigned_url + plain GET',
    async () => {
      const presign = method(client, ['generate_presigned_url', 'generatePresignedUrl'], 'OOS generate_presigned_url');
      const url = await presign.call({ ClientMethod: 'get_object', Params: { Bucket, Key }, ExpiresIn: 300 });
      check(typeof url === 'string', `${presign.name} returned ${typeof url}`);
      await fetchAndVerify(url as string, ctx.source, false);
    },
    { bytes: size },
  );

  await steps.run(
    'download_file',
    async () => {
      const download = method(client, ['download_file', 'downloadFile'], 'OOS download_file');
      const bar = ctx.progress('OOS download_file', size);
      await download.call(Bucket, Key, ctx.downloadPath, undefined, increments(bar), config);
      bar.done();
    },
    { bytes: size },
  );

  await steps.run('verify MD5', async () => {
    compareFingerprints('downloaded file', ctx.source, await fingerprintFile(ctx.downloadPath), false);
  });

  if (uploaded) {
    await steps.run('delete_object', async () => {
      await method(client, ['delete_object', 'deleteObject'], 'OOS delete_object').call({ Bucket, Key });
    }, { always: true });
  }

  if (!target.existingBucket) {
    await steps.run('delete_bucket', async () => {
      await method(client, ['delete_bucket', 'deleteBucket'], 'OOS delete_bucket').call({ Bucket });
    }, { always: true });
  }
}

export const oosWalk: Walk = { vendor: 'oos', packageName: PACKAGE, run };
