import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosS3Client } from '../src/index.ts';

/**
 * Answers written the way COS itself spells them where the emulator uses the
 * other spelling the seeds show: ListPartsResult's `<Encoding-type>` element
 * (seed 002's `'Encoding-type'`), and a copy whose target version comes only
 * as the `x-cos-version-id` header (seed 004 documents `'VersionId'`).
 */
let server: Server;
let client: CosS3Client;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.includes('uploadId=')) {
      res.writeHead(200, { 'content-type': 'application/xml', 'x-cos-request-id': 'r1' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><ListPartsResult><Bucket>spell-1250000000</Bucket>' +
          '<Encoding-type>url</Encoding-type><Key>dir/a%20b.txt</Key><UploadId>u1</UploadId>' +
          '<PartNumberMarker>0</PartNumberMarker><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>' +
          '<Part><PartNumber>1</PartNumber><LastModified>2017-08-08T11:40:48.000Z</LastModified><ETag>"e"</ETag><Size>1</Size></Part>' +
          '</ListPartsResult>',
      );
      return;
    }
    if (req.method === 'PUT' && req.headers['x-cos-copy-source']) {
      res.writeHead(200, { 'content-type': 'application/xml', 'x-cos-version-id': 'MTg0NDUxODMzMTMwMDM2Njc1ODA', 'x-cos-request-id': 'r2' });
      res.end('<CopyObjectResult><ETag>"e"</ETag><LastModified>2017-08-08T11:40:48.000Z</LastModified></CopyObjectResult>');
      return;
    }
    res.writeHead(400);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  client = new CosS3Client({ Region: 'ap-guangzhou', SecretId: 'a', SecretKey: 'b', Scheme: 'http', Endpoint: `127.0.0.1:${port}`, Retry: 0 });
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('both spellings the seeds show', () => {
  it("list_parts reads COS's <Encoding-type>, decodes the key, and returns both 'Encoding-type' and 'EncodingType'", async () => {
    const res = await client.list_parts({ Bucket: 'spell-1250000000', Key: 'dir/a b.txt', UploadId: 'u1' });
    expect(res.Key).toBe('dir/a b.txt');
    expect(res['Encoding-type']).toBe('url');
    expect(res.EncodingType).toBe('url');
    expect(res.Part).toEqual([{ PartNumber: '1', LastModified: '2017-08-08T11:40:48.000Z', ETag: '"e"', Size: '1' }]);
  });

  it("copy_object returns the target version as 'VersionId' when COS sends it only as a header", async () => {
    const res = await client.copy_object({
      Bucket: 'spell-1250000000',
      Key: 'k',
      CopySource: { Bucket: 'spell-1250000000', Key: 'src', Region: 'ap-guangzhou' },
    });
    expect(res.VersionId).toBe('MTg0NDUxODMzMTMwMDM2Njc1ODA');
    expect(res['x-cos-version-id']).toBe('MTg0NDUxODMzMTMwMDM2Njc1ODA');
  });
});
