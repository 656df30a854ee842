/**
 * Interop with the vendor's own Node SDK (@baiducloud/sdk): objects written by
 * one client are read by the other, through the emulator, and our presigned
 * URLs work with a plain HTTP GET.
 */
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BceClientConfiguration, BceCredentials, BosClient } from '../src/index.ts';
import { startBosEmulator, type TestEmulator } from './emulator.ts';
import { request } from './undici.ts';

interface VendorResponse {
  http_headers: Record<string, string>;
  body: Record<string, unknown> & { contents?: Array<{ key: string; eTag: string }> };
}
interface VendorClient {
  putObjectFromString(bucket: string, key: string, data: string, options?: Record<string, unknown>): Promise<VendorResponse>;
  getObject(bucket: string, key: string): Promise<{ http_headers: Record<string, string>; body: Buffer }>;
  getObjectMetadata(bucket: string, key: string): Promise<VendorResponse>;
  listObjects(bucket: string, options?: Record<string, unknown>): Promise<VendorResponse>;
  getBucketAcl(bucket: string): Promise<VendorResponse>;
  completeMultipartUpload(bucket: string, key: string, uploadId: string, parts: Array<{ partNumber: number; eTag: string }>): Promise<VendorResponse>;
}
const vendor = createRequire(import.meta.url)('@baiducloud/sdk') as { BosClient: new (config: object) => VendorClient };

let emu: TestEmulator;
let ours: BosClient;
let theirs: VendorClient;
const B = 'interop-bucket';
const md5hex = (s: string | Buffer): string => createHash('md5').update(s).digest('hex');
// Keys both SDKs address the same way (the vendor SDK collapses `//`, so those stay out here).
const KEYS = ['plain.txt', 'with space.txt', '中文 目录/文件.txt', 'a+b.txt', '100%.txt', 'tilde~.txt', 'star*.txt', 'dir/'];

beforeAll(async () => {
  emu = await startBosEmulator();
  ours = new BosClient(new BceClientConfiguration({ credentials: new BceCredentials(emu.accessKeyId, emu.secretAccessKey), endpoint: emu.endpoint }));
  theirs = new vendor.BosClient({ endpoint: emu.endpoint, credentials: { ak: emu.accessKeyId, sk: emu.secretAccessKey } });
  await ours.create_bucket(B);
});
afterAll(async () => {
  await ours.close();
  await emu.stop();
});

describe('@yunstore/bos ↔ @baiducloud/sdk', () => {
  it.each(KEYS)('ours writes, theirs reads: %j', async (key) => {
    await ours.put_object_from_string(B, key, `ours:${key}`, { user_metadata: { origin: 'yunstore' } });
    const got = await theirs.getObject(B, key);
    expect(got.body.toString('utf8')).toBe(`ours:${key}`);
    const meta = await theirs.getObjectMetadata(B, key);
    expect(meta.http_headers['x-bce-meta-origin']).toBe('yunstore');
    expect(meta.http_headers['etag']?.replace(/"/g, '')).toBe(md5hex(`ours:${key}`));
  });

  it.each(KEYS)('theirs writes, ours reads: %j', async (key) => {
    await theirs.putObjectFromString(B, `v/${key}`, `theirs:${key}`, { 'x-bce-meta-origin': 'vendor' });
    expect(await ours.get_object_as_string(B, `v/${key}`)).toBe(`theirs:${key}`);
    const head = await ours.get_object_meta_data(B, `v/${key}`);
    expect(head.metadata.bce_meta).toEqual({ origin: 'vendor' });
    expect(head.metadata.e_tag).toBe(md5hex(`theirs:${key}`));
  });

  it('listings agree', async () => {
    const theirsList = await theirs.listObjects(B, { prefix: 'v/' });
    const oursList: string[] = [];
    for await (const o of ours.list_all_objects(B, 'v/')) oursList.push(o.key);
    expect(theirsList.body.contents?.map((c) => c.key)).toEqual(oursList);
  });

  it('a multipart upload started by us is completed by them', async () => {
    const key = 'mixed multipart.bin';
    const { upload_id } = await ours.initiate_multipart_upload(B, key);
    const part = Buffer.alloc(2048, 'x');
    const r1 = await ours.upload_part(B, key, upload_id, 1, part.length, part);
    const r2 = await ours.upload_part(B, key, upload_id, 2, 3, Buffer.from('end'));
    await theirs.completeMultipartUpload(B, key, upload_id, [
      { partNumber: 1, eTag: r1.metadata.e_tag! },
      { partNumber: 2, eTag: r2.metadata.etag! },
    ]);
    expect((await ours.get_object_meta_data(B, key)).metadata.content_length).toBe('2051');
  });

  it('an ACL we set reads back through their SDK', async () => {
    await ours.set_bucket_acl(B, [{ grantee: [{ id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }], permission: ['FULL_CONTROL'] }]);
    const acl = await theirs.getBucketAcl(B);
    expect(acl.body['accessControlList']).toEqual([{ grantee: [{ id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }], permission: ['FULL_CONTROL'] }]);
  });

  it.each(KEYS)('our presigned URL works with a plain HTTP GET: %j', async (key) => {
    const res = await request(ours.generate_pre_signed_url(B, key, 0, 300));
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe(`ours:${key}`);
  });
});
