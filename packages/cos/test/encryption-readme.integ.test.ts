/**
 * The TypeScript example of the README section "Client-side encryption",
 * run against the emulator. The only edits: the emulator's endpoint and key,
 * key files and local paths in a temporary folder, and checks added after.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@yunstore/emulator';
import { AESProvider, CosConfig, CosEncryptionClient, CosS3Client, RSAProvider } from '@yunstore/cos';

let emu: Emulator;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, minPartSize: 1024 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'cos-readme-cse-'));
  const setup = new CosS3Client({
    Region: 'ap-beijing',
    SecretId: 'AKIDyunstoreEMULATOR',
    SecretKey: 'yunstore-emulator-secret',
    Scheme: 'http',
    Endpoint: `127.0.0.1:${emu.ports.cos}`,
  });
  await setup.create_bucket({ Bucket: 'examplebucket-1250000000' });
  await setup.close();
});

afterAll(async () => {
  await emu?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('packages/cos/README.md, Client-side encryption', () => {
  it('AES put_object / ranged get_object / PartSize multipart; RSA provider from key files', async () => {
    const local = (name: string): string => path.join(dir, name);
    writeFileSync(local('cse-aes.key'), `${AESProvider.generate_aes_key()}\n`);
    writeFileSync(local('local.bin'), Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251)));
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(local('rsa.pub.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(local('rsa.key.pem'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));

    const conf = new CosConfig({
      Region: 'ap-beijing',
      SecretId: 'AKIDyunstoreEMULATOR',
      SecretKey: 'yunstore-emulator-secret',
      Scheme: 'http',
      Endpoint: `127.0.0.1:${emu.ports.cos}`,
    });

    const aes_provider = new AESProvider({ aes_key: readFileSync(local('cse-aes.key'), 'utf8') });
    const client = new CosEncryptionClient(conf, aes_provider);

    await client.put_object({ Bucket: 'examplebucket-1250000000', Key: 'secret.bin', Body: readFileSync(local('local.bin')) });
    const res = await client.get_object({ Bucket: 'examplebucket-1250000000', Key: 'secret.bin', Range: 'bytes=1000-1999' });
    await res.Body.get_stream_to_file(local('slice.bin'));
    expect(readFileSync(local('slice.bin')).equals(readFileSync(local('local.bin')).subarray(1000, 2000))).toBe(true);

    const { UploadId } = await client.create_multipart_upload({ Bucket: 'examplebucket-1250000000', Key: 'big.bin', PartSize: 8 * 1024 * 1024 });
    expect(UploadId).toBeTruthy();
    await client.abort_multipart_upload({ Bucket: 'examplebucket-1250000000', Key: 'big.bin', UploadId });

    const rsa_provider = new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair_path(local('rsa.pub.pem'), local('rsa.key.pem')) });
    const client_for_rsa = new CosEncryptionClient(conf, rsa_provider);
    await client_for_rsa.put_object({ Bucket: 'examplebucket-1250000000', Key: 'rsa.bin', Body: 'hello' });
    expect(await (await client_for_rsa.get_object({ Bucket: 'examplebucket-1250000000', Key: 'rsa.bin' })).Body.text()).toBe('hello');
    await client.close();
    await client_for_rsa.close();
  });
});
