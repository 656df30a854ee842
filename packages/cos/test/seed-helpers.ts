import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosConfig, CosS3Client } from '../src/index.ts';
import { SECRET_ID, SECRET_KEY, startHarness, stopHarness, type Harness } from './helpers.ts';

/** Seed 004's bucket names. */
export const bucket = 'examplebucket-1250000000';
export const source = 'sourcebucket-1250000000';
/** A grant header value in the documented `id="OwnerUin"` form (not the emulator's owner). */
export const GRANT = 'id="qcs::cam::uin/100000000002:uin/100000000002"';

export interface Seed004 {
  h: Harness;
  client: CosS3Client;
  dir: string;
  /** The samples name files relative to the working folder; ours live in a temporary folder. */
  local(name: string): string;
  stop(): Promise<void>;
}

/**
 * The setup every seed 004 sample starts with —
 * `CosConfig(Region=region, SecretId=secret_id, SecretKey=secret_key, Token=None)` —
 * plus `Scheme`/`Endpoint` to reach the emulator, the two buckets the samples
 * use, and the local files they read.
 */
export async function startSeed004(): Promise<Seed004> {
  const h = await startHarness();
  const dir = await mkdtemp(join(tmpdir(), 'yunstore-cos-seed004-'));
  const config = new CosConfig({
    Region: 'ap-beijing',
    SecretId: SECRET_ID,
    SecretKey: SECRET_KEY,
    Token: null,
    Scheme: 'http',
    Endpoint: `127.0.0.1:${h.port}`,
  });
  const client = new CosS3Client(config);
  await client.create_bucket({ Bucket: bucket });
  await client.create_bucket({ Bucket: source });
  await client.put_object({ Bucket: source, Key: 'exampleobject', Body: 'source bytes', ContentType: 'text/plain', Metadata: { 'x-cos-meta-from': 'source' } });
  const local = (name: string): string => join(dir, name);
  await writeFile(local('test.txt'), '<p>hello</p>');
  await writeFile(local('local.txt'), 'local file');
  await writeFile(local('test.bin'), Buffer.alloc(8 * 1024, 7));
  return {
    h,
    client,
    dir,
    local,
    async stop() {
      await client.close();
      await stopHarness(h);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
