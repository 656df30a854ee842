import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ObjectSummary, StreamBody } from '../src/index.ts';
import { startHarness, stopHarness, type Harness } from './helpers.ts';

/**
 * Seed code ported as written must type-check (this file is part of
 * `pnpm lint`'s tsc run) and give what the seed shows at run time.
 */
let h: Harness;
let dir: string;
const B = 'typed-1250000000';

beforeAll(async () => {
  h = await startHarness();
  dir = await mkdtemp(join(tmpdir(), 'yunstore-cos-typed-'));
  await h.client.create_bucket({ Bucket: B });
  for (let i = 0; i < 7; i++) await h.client.put_object({ Bucket: B, Key: `logs/${i}.txt`, Body: `line ${i}` });
  await h.client.put_object({ Bucket: B, Key: 'other.txt', Body: 'x' });
});
afterAll(async () => {
  await stopHarness(h);
  await rm(dir, { recursive: true, force: true });
});

describe('results typed per operation, as the seed documents them', () => {
  it("get_bucket_acl()['AccessControlList']['Grant'][0]['Grantee']['ID'] indexes as in Python", async () => {
    await h.client.put_bucket_acl({ Bucket: B, GrantRead: 'id="qcs::cam::uin/100000000011:uin/100000000011"' });
    const response = await h.client.get_bucket_acl({ Bucket: B });
    const grant = response['AccessControlList']['Grant'][0];
    const id: string | undefined = grant?.['Grantee']['ID'];
    expect(typeof id).toBe('string');
    const permission: string | undefined = response['Grant'][0]?.['Permission'];
    expect(permission).toBeTruthy();
    const owner: string | undefined = response['Owner']?.['ID'];
    expect(owner).toBeTruthy();
    expectTypeOf(response.CannedACL).toEqualTypeOf<string>();
  });

  it('ETag is a plain string on put/upload_part/complete results', async () => {
    const put = await h.client.put_object({ Bucket: B, Key: 'etag.txt', Body: 'etag' });
    const etag: string = put['ETag'];
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const { UploadId } = await h.client.create_multipart_upload({ Bucket: B, Key: 'mp.bin' });
    const part = await h.client.upload_part({ Bucket: B, Key: 'mp.bin', Body: 'part one', PartNumber: 1, UploadId });
    const done = await h.client.complete_multipart_upload({
      Bucket: B,
      Key: 'mp.bin',
      UploadId,
      MultipartUpload: { Part: [{ ETag: part.ETag, PartNumber: 1 }] },
    });
    const doneEtag: string = done.ETag;
    expect(doneEtag).toBeTruthy();
    const file = join(dir, 'up.txt');
    await writeFile(file, 'upload_file body');
    const uploaded = await h.client.upload_file({ Bucket: B, Key: 'up.txt', LocalFilePath: file });
    expectTypeOf(uploaded.ETag).toEqualTypeOf<string>();
  });

  it('get_object header fields are strings and Body is typed apart', async () => {
    await h.client.put_object({ Bucket: B, Key: 'meta.txt', Body: 'meta', Metadata: { 'x-cos-meta-author': 'zhang' } });
    const response = await h.client.get_object({ Bucket: B, Key: 'meta.txt' });
    const author: string | undefined = response['x-cos-meta-author'];
    const type: string | undefined = response['Content-Type'];
    expect(author).toBe('zhang');
    expect(type).toBeTruthy();
    expectTypeOf(response['Body']).toEqualTypeOf<StreamBody>();
    expect((await response['Body'].read()).toString()).toBe('meta');
  });

  it("the seed's progress callback (consumed_bytes, total_bytes: number) type-checks and gets numbers", async () => {
    const seen: number[] = [];
    function upload_percentage(consumed_bytes: number, total_bytes: number): void {
      if (total_bytes) seen.push(Math.floor((100 * consumed_bytes) / total_bytes));
    }
    const file = join(dir, 'progress.txt');
    await writeFile(file, Buffer.alloc(4096, 1));
    await h.client.upload_file({ Bucket: B, Key: 'progress.txt', LocalFilePath: file, PartSize: 1, MAXThread: 5, progress_callback: upload_percentage });
    await h.client.uploadFile(B, 'progress2.txt', file, 1, 5, false, upload_percentage);
    expect(seen.at(-1)).toBe(100);
  });

  it('list_objects entries are typed: Contents[0].Key, Size, ETag are strings', async () => {
    const page = await h.client.list_objects({ Bucket: B, Prefix: 'logs/', MaxKeys: 3 });
    const first = page.Contents?.[0];
    const key: string | undefined = first?.Key;
    const size: string | undefined = first?.Size;
    expect(key).toBe('logs/0.txt');
    expect(size).toBe(String('line 0'.length));
    expect(page.IsTruncated).toBe('true');
  });
});

describe('list_objects_iter: every object, page after page, with for await', () => {
  it('pages with MaxKeys and yields every key under the prefix once, in order', async () => {
    const keys: string[] = [];
    for await (const obj of h.client.list_objects_iter({ Bucket: B, Prefix: 'logs/', MaxKeys: 2 })) {
      expectTypeOf(obj).toEqualTypeOf<ObjectSummary>();
      keys.push(obj.Key);
    }
    expect(keys).toEqual(['logs/0.txt', 'logs/1.txt', 'logs/2.txt', 'logs/3.txt', 'logs/4.txt', 'logs/5.txt', 'logs/6.txt']);
  });

  it('the camelCase twin and the positional form give the same; a start Marker is honoured', async () => {
    const all: string[] = [];
    for await (const obj of h.client.listObjectsIter(B, 'logs/')) all.push(obj.Key);
    expect(all).toHaveLength(7);
    const after: string[] = [];
    for await (const obj of h.client.list_objects_iter(B, 'logs/', '', 'logs/4.txt', 2)) after.push(obj.Key);
    expect(after).toEqual(['logs/5.txt', 'logs/6.txt']);
  });

  it('bad arguments surface as CosClientError on the first step', async () => {
    const iter = h.client.list_objects_iter({ Bucket: B, EncodingType: 'base64' });
    await expect(iter.next()).rejects.toThrow(/EncodingType must be 'url'/);
  });
});
