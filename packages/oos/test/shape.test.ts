/**
 * Response shaping from inline XML as real OOS writes it (namespaces, xsi
 * attributes, IAM envelopes), served by a stub on 127.0.0.1 so the client
 * runs unchanged. Plus ClientError shaping for bodiless and extra-field errors.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oos, ClientError, Config, NoSuchBucket } from '../src/index.ts';
import { parseErrorBody } from '../src/errors.ts';

interface Canned {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}
const routes = new Map<string, Canned>();
let server: Server;
let endpoint: string;
const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const canned = routes.get(`${req.method} ${req.url}`) ?? {
        status: 404,
        body: '<Error><Code>NoSuchBucket</Code><Message>gone</Message><BucketName>x</BucketName></Error>',
      };
      res.writeHead(canned.status ?? 200, { 'x-amz-request-id': 'REQ123', 'x-amz-id-2': 'HOST456', 'Content-Type': 'application/xml', ...canned.headers });
      res.end(req.method === 'HEAD' ? undefined : canned.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const client = () =>
  oos.client('s3', { endpoint_url: endpoint, access_key_id: 'ak', secret_access_key: 'sk', config: new Config({ retries: { total_max_attempts: 1 } }) });

describe('shaping real OOS XML', () => {
  it('list_buckets: the seed example shape, Dates, ResponseMetadata', async () => {
    routes.set('GET /', {
      body: '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>yanxiao@ctyun.cn</ID><DisplayName></DisplayName></Owner><Buckets><Bucket><Name>wxs-test</Name><CreationDate>2018-09-20T03:05:26.223Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>',
    });
    const res = await client().list_buckets();
    expect(res.Buckets).toEqual([{ Name: 'wxs-test', CreationDate: new Date('2018-09-20T03:05:26.223Z') }]);
    expect(res.Owner).toEqual({ DisplayName: '', ID: 'yanxiao@ctyun.cn' });
    expect(res.ResponseMetadata).toMatchObject({ RequestId: 'REQ123', HostId: 'HOST456', HTTPStatusCode: 200, RetryAttempts: 0 });
    expect(res.ResponseMetadata.HTTPHeaders['content-type']).toBe('application/xml');
  });

  it('get_bucket_acl: plural Grants with group and user grantees', async () => {
    routes.set('GET /bkt?acl', {
      body: '<AccessControlPolicy><Owner><ID>o</ID><DisplayName>d</DisplayName></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>o</ID><DisplayName>d</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant><Grant><Grantee xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>',
    });
    const res = await client().get_bucket_acl({ Bucket: 'bkt' });
    expect(res.Grants).toEqual([
      { Grantee: { DisplayName: 'd', ID: 'o', Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' },
      { Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers', Type: 'Group' }, Permission: 'READ' },
    ]);
  });

  it('list_objects: numbers, booleans, one Contents element still a list, url-decoding', async () => {
    routes.set('GET /bkt?encoding-type=url', {
      body: '<ListBucketResult><Name>bkt</Name><Prefix></Prefix><Marker></Marker><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated><Contents><Key>a%20b%2Bc/%E4%B8%AD</Key><LastModified>2024-06-20T08:00:00.000Z</LastModified><ETag>"x"</ETag><Size>12</Size><Owner><ID>o</ID><DisplayName>d</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>',
    });
    const res = await client().list_objects({ Bucket: 'bkt', EncodingType: 'url' });
    expect(res.Contents).toEqual([
      {
        Key: 'a b+c/中',
        LastModified: new Date('2024-06-20T08:00:00.000Z'),
        ETag: '"x"',
        Size: 12,
        StorageClass: 'STANDARD',
        Owner: { ID: 'o', DisplayName: 'd' },
      },
    ]);
    expect(res.IsTruncated).toBe(false);
    expect(res.MaxKeys).toBe(1000);
    expect(res.CommonPrefixes).toBeUndefined();
  });

  it('list_multipart_uploads: plural Uploads from the seed example', async () => {
    routes.set('GET /bkt?uploads&max-uploads=100', {
      body: '<ListMultipartUploadsResult><Bucket>bkt</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker>k</NextKeyMarker><NextUploadIdMarker>1544063802527236705</NextUploadIdMarker><MaxUploads>100</MaxUploads><IsTruncated>true</IsTruncated><Upload><Key>k</Key><UploadId>1544063802527236705</UploadId><Initiator><ID>o</ID><DisplayName>d</DisplayName></Initiator><Owner><ID>o</ID><DisplayName>d</DisplayName></Owner><StorageClass>STANDARD</StorageClass><Initiated>2018-12-06T02:36:42.527Z</Initiated></Upload></ListMultipartUploadsResult>',
    });
    const res = await client().list_multipart_uploads({ Bucket: 'bkt', MaxUploads: 100 });
    expect(res.Uploads).toHaveLength(1);
    expect(res.Uploads?.[0]?.Initiated).toEqual(new Date('2018-12-06T02:36:42.527Z'));
    expect(res.IsTruncated).toBe(true);
    expect(res.MaxUploads).toBe(100);
    expect(res.NextUploadIdMarker).toBe('1544063802527236705');
  });

  it('complete_multipart_upload: a 200 carrying an <Error> is a ClientError', async () => {
    routes.set('POST /bkt/k?uploadId=u', { body: '<Error><Code>InternalError</Code><Message>late failure</Message></Error>' });
    const err = await client()
      .complete_multipart_upload({ Bucket: 'bkt', Key: 'k', UploadId: 'u', MultipartUpload: { Parts: [{ ETag: '"e"', PartNumber: 1 }] } })
      .catch((e: unknown) => e);
    expect((err as ClientError).response.Error).toEqual({ Code: 'InternalError', Message: 'late failure' });
    const sent = seen.at(-1)!;
    expect(sent.body).toBe('<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;e&quot;</ETag></Part></CompleteMultipartUpload>');
  });

  it('IAM: the <*Result> content, AccessKey nested and flattened, members as a list', async () => {
    const iam = oos.client('iam', { endpoint_url: endpoint, access_key_id: 'ak', secret_access_key: 'sk' });
    routes.set('POST /', {
      body: '<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>u</UserName><AccessKeyId>10c2758180defd92e034</AccessKeyId><Status>Active</Status><SecretAccessKey>s</SecretAccessKey><IsPrimary>false</IsPrimary></AccessKey></CreateAccessKeyResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CreateAccessKeyResponse>',
    });
    const created = await iam.create_access_key({ Body: oos.encode_params({ Action: 'CreateAccessKey' }) });
    expect(created.AccessKey).toEqual({ UserName: 'u', AccessKeyId: '10c2758180defd92e034', Status: 'Active', SecretAccessKey: 's', IsPrimary: false });
    expect(created.AccessKeyId).toBe('10c2758180defd92e034');
    const sent = seen.at(-1)!;
    expect(sent.body).toBe('Action=CreateAccessKey');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    routes.set('POST /', {
      body: '<ListAccessKeysResponse><ListAccessKeysResult><UserName>u</UserName><AccessKeyMetadata><member><UserName>u</UserName><AccessKeyId>a1</AccessKeyId><Status>Active</Status><IsPrimary>true</IsPrimary></member></AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListAccessKeysResponse>',
    });
    const listed = await iam.list_access_key({ Body: oos.encode_params({ Action: 'ListAccessKey', MaxItems: 10 }) });
    expect(listed.AccessKeyMetadata).toEqual([{ UserName: 'u', AccessKeyId: 'a1', Status: 'Active', IsPrimary: true }]);
    expect(listed.IsTruncated).toBe(false);
  });
});

describe('errors', () => {
  it('maps a modeled code to its class and keeps extra fields', async () => {
    const err = await client()
      .delete_bucket({ Bucket: 'missing-bucket' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoSuchBucket);
    expect(err).toBeInstanceOf(ClientError);
    const e = err as ClientError;
    expect(e.response.Error).toEqual({ Code: 'NoSuchBucket', Message: 'gone', BucketName: 'x' });
    expect(e.response.ResponseMetadata.RequestId).toBe('REQ123');
    expect(e.operation_name).toBe('DeleteBucket');
    expect(e.message).toBe('An error occurred (NoSuchBucket) when calling the DeleteBucket operation: gone');
  });

  it('bodiless and non-XML errors use the status and reason phrase', () => {
    expect(parseErrorBody(404, Buffer.alloc(0))).toEqual({ Code: '404', Message: 'Not Found' });
    expect(parseErrorBody(403, Buffer.from('<html>nope</html>'))).toEqual({ Code: '403', Message: 'Forbidden' });
  });
});
