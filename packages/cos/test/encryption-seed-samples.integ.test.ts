/**
 * Seed 004, section 客户端加密: the two request samples, call for call,
 * against the emulator. The seed's placeholders become real values: a
 * base64 AES key ('aes_key_value' is not base64), key files for the paths,
 * and the buckets created first. Everything else is as the seed writes it.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AESProvider, CosConfig, CosEncryptionClient, RSAProvider } from '../src/index.ts';
import { AES_KEY_FILE, RSA_PRIVATE_FILE, RSA_PUBLIC_FILE } from './encryption-helpers.ts';
import { SECRET_ID, SECRET_KEY } from './helpers.ts';
import { bucket, startSeed004, type Seed004 } from './seed-helpers.ts';

let seed: Seed004;
let conf: CosConfig;

beforeAll(async () => {
  seed = await startSeed004();
  conf = new CosConfig({ Region: 'ap-beijing', SecretId: SECRET_ID, SecretKey: SECRET_KEY, Token: null, Scheme: 'http', Endpoint: `127.0.0.1:${seed.h.port}` });
  await seed.client.create_bucket({ Bucket: 'test04-123456789' });
  await writeFile(seed.local('local.txt'), Buffer.alloc(3 * 1024 * 1024 + 5, 'local file '));
}, 60_000);
afterAll(async () => seed.stop());

/** The part of both samples after the client is built, verbatim but for awaits. */
async function runSample(client: CosEncryptionClient, file_name: string): Promise<void> {
  // 上传对象，兼容非加密客户端的put_object的所有功能
  let response: Record<string, unknown> = await client.put_object({
    Bucket: 'examplebucket-1250000000',
    Body: Buffer.from('bytes'),
    Key: 'exampleobject',
    EnableMD5: false,
  });
  expect(response['ETag']).toBeDefined();

  // 下载对象，兼容非加密客户端的get_object的所有功能
  const got = await client.get_object({ Bucket: 'examplebucket-1250000000', Key: 'exampleobject' });
  expect(await got.Body.text()).toBe('bytes');

  // 分块上传，兼容非加密客户端的分块上传，除了最后一个part，每个part的大小必须为16字节的整数倍
  response = await client.create_multipart_upload({ Bucket: 'examplebucket-1250000000', Key: 'exampleobject_upload' });
  const uploadid = response['UploadId'] as string;
  await client.upload_part({ Bucket: 'examplebucket-1250000000', Key: 'exampleobject_upload', Body: Buffer.from('bytes'), PartNumber: 1, UploadId: uploadid });
  const parts = await client.list_parts({ Bucket: 'examplebucket-1250000000', Key: 'exampleobject_upload', UploadId: uploadid });
  await client.complete_multipart_upload({
    Bucket: 'examplebucket-1250000000',
    Key: 'exampleobject_upload',
    UploadId: uploadid,
    MultipartUpload: { Part: parts.Part ?? [] },
  });
  expect(await (await client.get_object({ Bucket: bucket, Key: 'exampleobject_upload' })).Body.text()).toBe('bytes');

  // 断点续传方式上传对象，`partsize`大小必须为16字节的整数倍 (PartSize is in MB: 10 MB parts)
  response = await client.upload_file({ Bucket: 'test04-123456789', LocalFilePath: seed.local('local.txt'), Key: file_name, PartSize: 10, MAXThread: 10 });
  expect(response['ETag']).toBeDefined();
  const stored = await (await client.get_object({ Bucket: 'test04-123456789', Key: file_name })).Body.read();
  expect(stored.equals(await readFile(seed.local('local.txt')))).toBe(true);
  // The server holds ciphertext.
  const raw = await (await seed.client.get_object({ Bucket: 'test04-123456789', Key: file_name })).Body.read();
  expect(raw.equals(stored)).toBe(false);
}

describe('seed 004 客户端加密', () => {
  it('示例1：使用对称 AES256 加密每次生成的随机密钥示例', async () => {
    // 方式一：通过密钥值初始化加密客户端
    const aes_provider = new AESProvider({ aes_key: readFileSync(AES_KEY_FILE, 'utf8') });
    // 方式二：通过密钥路径初始化加密客户端
    const aes_key_pair = new AESProvider({ aes_key_path: AES_KEY_FILE });
    expect(aes_key_pair.master_key_bytes).toBe(aes_provider.master_key_bytes);

    const client_for_aes = new CosEncryptionClient(conf, aes_provider);
    try {
      await runSample(client_for_aes, 'aes-local.txt');
    } finally {
      await client_for_aes.close();
    }
  }, 60_000);

  it('示例2：使用非对称 RSA 加密每次生成的随机密钥示例', async () => {
    // 方式一：通过密钥值初始化加密客户端
    let rsa_key_pair = RSAProvider.get_rsa_key_pair(readFileSync(RSA_PUBLIC_FILE, 'utf8'), readFileSync(RSA_PRIVATE_FILE, 'utf8'));
    // 方式二：通过密钥路径初始化加密客户端 (the seed passes paths to get_rsa_key_pair; get_rsa_key_pair_path is the SDK's own name)
    rsa_key_pair = RSAProvider.get_rsa_key_pair(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE);

    const rsa_provider = new RSAProvider({ key_pair_info: rsa_key_pair });
    const client_for_rsa = new CosEncryptionClient(conf, rsa_provider);
    try {
      await runSample(client_for_rsa, 'rsa-local.txt');
    } finally {
      await client_for_rsa.close();
    }
  }, 60_000);
});
