import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import COS from 'cos-nodejs-sdk-v5';
import { startHarness, stopHarness, SECRET_ID, SECRET_KEY, type Harness } from './helpers.ts';

/**
 * cos-nodejs-sdk-v5 and @yunstore/cos against the same emulator: what one
 * writes, the other reads (bytes, metadata, multipart objects, listings,
 * copies). The Node SDK reaches the emulator with its `Ip` option, so its
 * requests carry the real virtual host `<bucket>.cos.<region>.myqcloud.com`.
 */
let h: Harness;
let node: COS;
const B = 'interop-1250000000';
const Region = 'ap-guangzhou';

type NodeResult = Record<string, unknown> & { headers?: Record<string, string>; Body?: Buffer | string; statusCode?: number };

function call(method: string, params: Record<string, unknown>): Promise<NodeResult> {
  return new Promise((resolve, reject) => {
    const fn = (node as unknown as Record<string, (p: unknown, cb: (err: unknown, data: NodeResult) => void) => void>)[method];
    if (!fn) throw new Error(`cos-nodejs-sdk-v5 has no ${method}`);
    fn.call(node, { Bucket: B, Region, ...params }, (err, data) => (err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(data)));
  });
}

beforeAll(async () => {
  h = await startHarness();
  node = new COS({ SecretId: SECRET_ID, SecretKey: SECRET_KEY, Protocol: 'http:', Ip: `127.0.0.1:${h.port}` } as ConstructorParameters<typeof COS>[0]);
  await h.client.create_bucket({ Bucket: B });
});
afterAll(async () => stopHarness(h));

describe('interop with cos-nodejs-sdk-v5', () => {
  it('Node writes (with metadata), we read bytes, headers and metadata', async () => {
    await call('putObject', { Key: 'node/a.txt', Body: Buffer.from('from node'), ContentType: 'text/plain', 'x-cos-meta-origin': 'node-sdk' });
    const head = await h.client.head_object({ Bucket: B, Key: 'node/a.txt' });
    expect(head['x-cos-meta-origin']).toBe('node-sdk');
    expect(head['Content-Type']).toBe('text/plain');
    const got = await h.client.get_object({ Bucket: B, Key: 'node/a.txt' });
    expect(await got.Body.text()).toBe('from node');
    expect(got['ETag']).toBe(`"${createHash('md5').update('from node').digest('hex')}"`);
  });

  it('we write (with metadata), Node reads bytes and metadata', async () => {
    await h.client.put_object({
      Bucket: B,
      Key: 'ours/b 文件.txt',
      Body: 'from yunstore',
      Metadata: { 'x-cos-meta-origin': 'yunstore' },
      ContentType: 'text/markdown',
    });
    const got = await call('getObject', { Key: 'ours/b 文件.txt' });
    expect(String(got.Body)).toBe('from yunstore');
    expect(got.headers?.['x-cos-meta-origin']).toBe('yunstore');
    expect(got.headers?.['content-type']).toBe('text/markdown');
    const head = await call('headObject', { Key: 'ours/b 文件.txt' });
    expect(head.statusCode).toBe(200);
  });

  it('Node multipart upload, we read the object and see it listed', async () => {
    const init = await call('multipartInit', { Key: 'node/mp.bin', 'x-cos-meta-parts': '2' });
    const UploadId = init['UploadId'] as string;
    const a = Buffer.alloc(2048, 1);
    const b = Buffer.alloc(100, 2);
    const p1 = await call('multipartUpload', { Key: 'node/mp.bin', UploadId, PartNumber: 1, Body: a });
    // Mid-upload, our list_parts sees the Node SDK's part.
    const parts = await h.client.list_parts({ Bucket: B, Key: 'node/mp.bin', UploadId });
    expect(parts.Part?.map((p) => p.PartNumber)).toEqual(['1']);
    const p2 = await call('multipartUpload', { Key: 'node/mp.bin', UploadId, PartNumber: 2, Body: b });
    await call('multipartComplete', {
      Key: 'node/mp.bin',
      UploadId,
      Parts: [
        { PartNumber: 1, ETag: p1['ETag'] },
        { PartNumber: 2, ETag: p2['ETag'] },
      ],
    });
    const got = await h.client.get_object({ Bucket: B, Key: 'node/mp.bin' });
    expect(got['x-cos-meta-parts']).toBe('2');
    expect(got['ETag']).toMatch(/-2"$/);
    expect(await got.Body.read()).toEqual(Buffer.concat([a, b]));
    const listed = await h.client.list_objects({ Bucket: B, Prefix: 'node/' });
    expect(listed.Contents?.map((c) => c.Key)).toContain('node/mp.bin');
  });

  it('our multipart upload, Node reads the object, its parts listing and the bucket listing', async () => {
    const { UploadId } = await h.client.create_multipart_upload({ Bucket: B, Key: 'ours/mp.bin', Metadata: { 'x-cos-meta-parts': '2' } });
    const a = Buffer.alloc(4096, 7);
    const b = Buffer.from('tail');
    const e1 = await h.client.upload_part({ Bucket: B, Key: 'ours/mp.bin', Body: a, PartNumber: 1, UploadId });
    const listedByNode = await call('multipartListPart', { Key: 'ours/mp.bin', UploadId });
    expect((listedByNode['Part'] as Array<{ PartNumber: string }>).map((p) => p.PartNumber)).toEqual(['1']);
    const e2 = await h.client.upload_part({ Bucket: B, Key: 'ours/mp.bin', Body: b, PartNumber: 2, UploadId });
    await h.client.complete_multipart_upload({
      Bucket: B,
      Key: 'ours/mp.bin',
      UploadId,
      MultipartUpload: {
        Part: [
          { PartNumber: 1, ETag: e1['ETag'] as string },
          { PartNumber: 2, ETag: e2['ETag'] as string },
        ],
      },
    });
    const got = await call('getObject', { Key: 'ours/mp.bin' });
    expect(Buffer.from(got.Body as Buffer)).toEqual(Buffer.concat([a, b]));
    expect(got.headers?.['x-cos-meta-parts']).toBe('2');
    const bucket = await call('getBucket', { Prefix: 'ours/' });
    expect((bucket['Contents'] as Array<{ Key: string }>).map((c) => c.Key).sort()).toEqual(['ours/b 文件.txt', 'ours/mp.bin']);
  });

  it('copies across: Node copies our object, we copy Node’s', async () => {
    await call('putObjectCopy', {
      Key: 'node/copy-of-ours.txt',
      CopySource: `${B}.cos.${Region}.myqcloud.com/${encodeURIComponent('ours/b 文件.txt').replace(/%2F/g, '/')}`,
    });
    expect(await (await h.client.get_object({ Bucket: B, Key: 'node/copy-of-ours.txt' })).Body.text()).toBe('from yunstore');
    await h.client.copy_object({ Bucket: B, Key: 'ours/copy-of-node.txt', CopySource: { Bucket: B, Key: 'node/a.txt', Region } });
    const got = await call('getObject', { Key: 'ours/copy-of-node.txt' });
    expect(String(got.Body)).toBe('from node');
    expect(got.headers?.['x-cos-meta-origin']).toBe('node-sdk');
  });

  it('batch delete by Node, seen by us; batch delete by us, seen by Node', async () => {
    await call('deleteMultipleObject', { Objects: [{ Key: 'node/copy-of-ours.txt' }] });
    expect(await h.client.object_exists({ Bucket: B, Key: 'node/copy-of-ours.txt' })).toBe(false);
    const res = await h.client.delete_objects({ Bucket: B, Delete: { Object: [{ Key: 'ours/copy-of-node.txt' }] } });
    expect(res.Deleted).toHaveLength(1);
    await expect(call('headObject', { Key: 'ours/copy-of-node.txt' })).rejects.toBeTruthy();
  });
});
