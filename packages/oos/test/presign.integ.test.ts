import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@yunstore/emulator';
import { ParamValidationError, type S3Client } from '../src/index.ts';
import { bucketName, emulator, s3 } from './helpers.ts';
import { request } from './undici.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  emu?.setClock(undefined);
  await emu?.stop();
});

async function fetchUrl(
  url: string,
  method: 'GET' | 'PUT' | 'HEAD' | 'DELETE' = 'GET',
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const res = await request(url, { method, ...(init.body === undefined ? {} : { body: init.body }), ...(init.headers ? { headers: init.headers } : {}) });
  return { status: res.statusCode, body: method === 'HEAD' ? '' : await res.body.text(), headers: res.headers };
}

for (const sig of ['s3', 's3v4'] as const) {
  describe(`generate_presigned_url (${sig})`, () => {
    let client: S3Client;
    let bucket: string;
    beforeAll(async () => {
      client = s3(emu.endpoints.oos, sig);
      bucket = bucketName(`ps${sig.length}`);
      await client.create_bucket({ Bucket: bucket });
    });
    afterAll(async () => {
      await client.close();
    });

    it('PUT, GET, HEAD and DELETE through plain undici requests', async () => {
      const key = 'dir/hello world+ü.txt';
      const put = client.generate_presigned_url('put_object', { Bucket: bucket, Key: key }, 600);
      expect(put).toContain(sig === 's3' ? 'Signature=' : 'X-Amz-Signature=');
      expect((await fetchUrl(put, 'PUT', { body: 'presigned body' })).status).toBe(200);

      const get = client.generatePresignedUrl({ ClientMethod: 'get_object', Params: { Bucket: bucket, Key: key } });
      expect(get).toContain(sig === 's3' ? 'Expires=' : 'X-Amz-Expires=3600');
      const got = await fetchUrl(get);
      expect(got.status).toBe(200);
      expect(got.body).toBe('presigned body');

      const head = await fetchUrl(client.generate_presigned_url('headObject', { Bucket: bucket, Key: key }), 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe('14');

      expect((await fetchUrl(client.generate_presigned_url('delete_object', { Bucket: bucket, Key: key }), 'DELETE')).status).toBe(204);
      expect((await fetchUrl(get)).status).toBe(404);
    });

    it('carries response-* overrides and a range sent by the fetcher', async () => {
      await client.put_object({ Bucket: bucket, Key: 'o.txt', Body: '0123456789' });
      const url = client.generate_presigned_url('get_object', {
        Bucket: bucket,
        Key: 'o.txt',
        ResponseContentType: 'text/x-test',
        ResponseContentDisposition: 'attachment; filename="o.txt"',
      });
      const res = await fetchUrl(url, 'GET', { headers: { Range: 'bytes=2-4' } });
      expect(res.status).toBe(206);
      expect(res.body).toBe('234');
      expect(res.headers['content-type']).toBe('text/x-test');
      expect(res.headers['content-disposition']).toBe('attachment; filename="o.txt"');
    });

    it('a tampered or expired URL is refused', async () => {
      await client.put_object({ Bucket: bucket, Key: 'secret.txt', Body: 'x' });
      const url = client.generate_presigned_url('get_object', { Bucket: bucket, Key: 'secret.txt' }, 60);
      expect((await fetchUrl(url.replace('secret.txt', 'secret.tx%74x'))).status).toBe(403);
      const later = new Date(Date.now() + 120_000);
      emu.setClock(() => later);
      try {
        expect((await fetchUrl(url)).status).toBe(403);
      } finally {
        emu.setClock(undefined);
      }
      expect((await fetchUrl(url)).status).toBe(200);
    });

    it('upload_part URLs let a browser send parts', async () => {
      const { UploadId } = await client.create_multipart_upload({ Bucket: bucket, Key: 'mp.bin' });
      const url = client.generate_presigned_url('upload_part', { Bucket: bucket, Key: 'mp.bin', UploadId, PartNumber: 1 });
      const res = await fetchUrl(url, 'PUT', { body: 'part one' });
      expect(res.status).toBe(200);
      await client.complete_multipart_upload({ Bucket: bucket, Key: 'mp.bin', UploadId: UploadId ?? '' });
      expect(await (await client.get_object({ Bucket: bucket, Key: 'mp.bin' })).Body.transformToString()).toBe('part one');
    });

    it('refuses what a URL cannot carry, before signing', () => {
      expect(() => client.generate_presigned_url('list_buckets')).toThrow(/cannot sign ClientMethod "list_buckets"/);
      expect(() => client.generate_presigned_url('get_object', { Bucket: bucket, Key: 'k', Range: 'bytes=0-1' })).toThrow(
        /Range cannot be carried by a presigned get_object URL/,
      );
      expect(() => client.generate_presigned_url('put_object', { Bucket: bucket, Key: 'k', Body: 'x' })).toThrow(ParamValidationError);
      expect(() => client.generate_presigned_url('get_object', { Bucket: bucket })).toThrow(/Missing required parameter in input: "Key"/);
      expect(() => client.generate_presigned_url('get_object', { Bucket: bucket, Key: 'k' }, 0)).toThrow(/ExpiresIn/);
      expect(() => client.generate_presigned_url('get_object', { Bucket: bucket, Key: 'k' }, 3600, 'FETCH')).toThrow(/HttpMethod/);
      if (sig === 's3v4') {
        expect(() => client.generate_presigned_url('get_object', { Bucket: bucket, Key: 'k' }, 604801)).toThrow(/ExpiresIn/);
        expect(() => client.generate_presigned_url('put_object', { Bucket: bucket, Key: 'k', ContentType: 'text/plain' })).toThrow(/s3v4/);
      }
    });
  });
}

describe('generate_presigned_url with a signed Content-Type (s3)', () => {
  it('the uploader must send the Content-Type that was signed', async () => {
    const client = s3(emu.endpoints.oos, 's3');
    try {
      const bucket = bucketName('psct');
      await client.create_bucket({ Bucket: bucket });
      const url = client.generate_presigned_url('put_object', { Bucket: bucket, Key: 'a.png', ContentType: 'image/png' });
      expect((await fetchUrl(url, 'PUT', { body: 'png', headers: { 'content-type': 'text/plain' } })).status).toBe(403);
      expect((await fetchUrl(url, 'PUT', { body: 'png', headers: { 'content-type': 'image/png' } })).status).toBe(200);
      expect((await client.head_object({ Bucket: bucket, Key: 'a.png' })).ContentType).toBe('image/png');
    } finally {
      await client.close();
    }
  });
});
