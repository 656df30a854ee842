// A small app that uses all four SDKs, as a user would write it. .ci/check-bundle.mjs
// bundles it with esbuild (ESM and CJS), moves the bundle away from every node_modules
// and runs it against an emulator whose endpoints arrive as a JSON argument.
import { BceClientConfiguration, BceCredentials, BosClient } from '@yunstore/bos';
import { CosConfig, CosS3Client } from '@yunstore/cos';
import { nos } from '@yunstore/nos';
import { oos } from '@yunstore/oos';

const env = JSON.parse(process.argv[2] ?? '{}');
const { endpoints, accessKeyId, secretAccessKey, buckets } = env;
const key = 'bundled/hello.txt';

function expectKey(vendor, keys) {
  if (!keys.includes(key)) throw new Error(`${vendor}: list_objects did not return ${key}, got ${JSON.stringify(keys)}`);
  console.log(`ok ${vendor}: list_objects -> ${keys.join(', ')}`);
}

async function cos() {
  const port = Number(new URL(endpoints.cos).port);
  const client = new CosS3Client(
    new CosConfig({ Region: 'ap-guangzhou', Scheme: 'http', Endpoint: `127.0.0.1:${port}`, SecretId: accessKeyId, SecretKey: secretAccessKey }),
  );
  await client.put_object({ Bucket: buckets.cos, Key: key, Body: 'hello' });
  const listing = await client.list_objects({ Bucket: buckets.cos }); // XML answer
  expectKey(
    'cos',
    (listing.Contents ?? []).map((c) => c.Key),
  );
}

async function oosCheck() {
  const client = oos.client('s3', { endpoint_url: endpoints.oos, access_key_id: accessKeyId, secret_access_key: secretAccessKey });
  await client.put_object({ Bucket: buckets.oos, Key: key, Body: 'hello' });
  const listing = await client.list_objects({ Bucket: buckets.oos }); // XML answer
  expectKey(
    'oos',
    (listing.Contents ?? []).map((c) => c.Key),
  );
}

async function bos() {
  const client = new BosClient(new BceClientConfiguration({ credentials: new BceCredentials(accessKeyId, secretAccessKey), endpoint: endpoints.bos }));
  await client.put_object_from_string(buckets.bos, key, 'hello');
  const listing = await client.list_objects(buckets.bos); // BOS answers JSON, not XML
  expectKey(
    'bos',
    listing.contents.map((c) => c.key),
  );
}

async function nosCheck() {
  const client = new nos.Client({ access_key_id: accessKeyId, access_key_secret: secretAccessKey, end_point: endpoints.nos });
  await client.put_object({ bucket: buckets.nos, key, body: 'hello' });
  const { response } = await client.list_objects({ bucket: buckets.nos }); // XML answer
  expectKey(
    'nos',
    response.findall('Contents').map((c) => c.findtext('Key')),
  );
  await client.close();
}

// No top-level await: the same source is bundled to CommonJS too.
async function main() {
  await cos();
  await oosCheck();
  await bos();
  await nosCheck();
  console.log('bundled app ok');
}

main().then(
  // Keep-alive pools would hold the process open; the run is over.
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
