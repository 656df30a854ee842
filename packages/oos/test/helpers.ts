import { startEmulator, type Emulator } from '@yunstore/emulator';
import { oos, Config, type S3Client } from '../src/index.ts';

export const AK = 'AKIDyunstoreEMULATOR';
export const SK = 'yunstore-emulator-secret';

export async function emulator(): Promise<Emulator> {
  return startEmulator({ port: 0, minPartSize: 1024 });
}

export function s3(endpoint: string, signature: 's3' | 's3v4' = 's3', keys: { ak?: string; sk?: string } = {}): S3Client {
  return oos.client('s3', {
    endpoint_url: endpoint,
    access_key_id: keys.ak ?? AK,
    secret_access_key: keys.sk ?? SK,
    use_ssl: false,
    config: new Config({ signature_version: signature, retries: { max_attempts: 0 } }),
  });
}

/** A unique bucket name per test. */
let n = 0;
export function bucketName(prefix = 'b'): string {
  n += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${n}`;
}
