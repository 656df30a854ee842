import { describe, expect, it } from 'vitest';
import { errorDigest } from '../src/error-mapping.ts';
import { canonicalHeaderName, headerDict, metadataHeaders } from '../src/headers.ts';
import { buildAclXml, shapeAcl } from '../src/operations/acl.ts';
import { completeXml } from '../src/operations/multipart.ts';
import { normalizeRange } from '../src/operations/object.ts';
import { decodeListing, parseCosXml, xmlRootName } from '../src/xml-shape.ts';

describe('XML shaping (Python xml_to_dict form)', () => {
  const listXml = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://www.qcloud.com/document/product/436/7751">
  <Name>examplebucket-1250000000</Name>
  <EncodingType>url</EncodingType>
  <Prefix>%E5%9B%BE/</Prefix>
  <Marker/>
  <MaxKeys>1000</MaxKeys>
  <Delimiter>/</Delimiter>
  <IsTruncated>false</IsTruncated>
  <Contents>
    <Key>%E5%9B%BE/a%20b.txt</Key>
    <LastModified>2017-08-08T09:43:35.000Z</LastModified>
    <ETag>&quot;a5b2e1cfb08d10f6523f7e6fbf3643d5&quot;</ETag>
    <Size>23</Size>
    <Owner><ID>1250000000</ID><DisplayName>1250000000</DisplayName></Owner>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
  <CommonPrefixes><Prefix>%E5%9B%BE/sub/</Prefix></CommonPrefixes>
</ListBucketResult>`;

  it('keeps strings, turns empty elements into null and forces lists', () => {
    const d = parseCosXml(listXml, ['Contents', 'CommonPrefixes']);
    expect(d['IsTruncated']).toBe('false');
    expect(d['MaxKeys']).toBe('1000');
    expect(d['Marker']).toBeNull();
    expect(Array.isArray(d['Contents'])).toBe(true);
    expect(d['Contents']).toEqual([
      {
        Key: '%E5%9B%BE/a%20b.txt',
        LastModified: '2017-08-08T09:43:35.000Z',
        ETag: '"a5b2e1cfb08d10f6523f7e6fbf3643d5"',
        Size: '23',
        Owner: { ID: '1250000000', DisplayName: '1250000000' },
        StorageClass: 'STANDARD',
      },
    ]);
    expect(d['CommonPrefixes']).toEqual([{ Prefix: '%E5%9B%BE/sub/' }]);
  });

  it('decodes url-encoded listing fields', () => {
    const d = parseCosXml(listXml, ['Contents', 'CommonPrefixes']);
    decodeListing(
      d,
      ['Prefix', 'Marker'],
      [
        ['Contents', 'Key'],
        ['CommonPrefixes', 'Prefix'],
      ],
    );
    expect(d['Prefix']).toBe('图/');
    expect((d['Contents'] as Array<Record<string, unknown>>)[0]?.['Key']).toBe('图/a b.txt');
    expect(d['CommonPrefixes']).toEqual([{ Prefix: '图/sub/' }]);
  });

  it('an absent list stays absent (the seed tests `if "Contents" in response`)', () => {
    const d = parseCosXml('<ListBucketResult><Name>b-1</Name><IsTruncated>false</IsTruncated></ListBucketResult>', ['Contents']);
    expect('Contents' in d).toBe(false);
  });

  it('finds the root element name for 200-with-<Error> checks', () => {
    expect(xmlRootName('<?xml version="1.0"?>\n<Error><Code>InternalError</Code></Error>')).toBe('Error');
    expect(xmlRootName('<CompleteMultipartUploadResult/>')).toBe('CompleteMultipartUploadResult');
  });
});

describe('ACL', () => {
  const aclXml = `<AccessControlPolicy>
  <Owner><ID>qcs::cam::uin/100000000001:uin/100000000001</ID><DisplayName>qcs::cam::uin/100000000001:uin/100000000001</DisplayName></Owner>
  <AccessControlList>
    <Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://cam.qcloud.com/groups/global/AllUsers</URI></Grantee>
      <Permission>READ</Permission>
    </Grant>
  </AccessControlList>
</AccessControlPolicy>`;

  it('returns both forms the sources show plus CannedACL', () => {
    const r = shapeAcl(aclXml);
    expect(r.Grant).toHaveLength(1);
    expect(r.AccessControlList.Grant).toBe(r.Grant);
    expect(r.Grant[0]?.['Grantee']).toEqual({ URI: 'http://cam.qcloud.com/groups/global/AllUsers', Type: 'Group' });
    expect(r.CannedACL).toBe('public-read');
    expect(shapeAcl(aclXml, 'default').CannedACL).toBe('default');
    expect(shapeAcl('<AccessControlPolicy><Owner><ID>x</ID></Owner><AccessControlList/></AccessControlPolicy>').CannedACL).toBe('private');
  });

  it('builds a body with xsi:type from either input form', () => {
    const seedForm = buildAclXml({ Owner: { ID: 'o' }, Grant: [{ Grantee: { ID: 'u<1>' }, Permission: 'READ' }] });
    const sdkForm = buildAclXml({ Owner: { ID: 'o' }, AccessControlList: { Grant: [{ Grantee: { ID: 'u<1>' }, Permission: 'READ' }] } });
    expect(seedForm).toBe(sdkForm);
    expect(seedForm).toContain('xsi:type="CanonicalUser"');
    expect(seedForm).toContain('<ID>u&lt;1&gt;</ID>');
    expect(buildAclXml({ Grant: { Grantee: { URI: 'http://cam.qcloud.com/groups/global/AllUsers' }, Permission: 'READ' } })).toContain('xsi:type="Group"');
  });
});

describe('request bodies and values', () => {
  it('sorts Complete parts ascending and validates them', () => {
    const xml = completeXml({
      Part: [
        { PartNumber: 2, ETag: '"b"' },
        { PartNumber: '1', ETag: '"a"' },
      ],
    });
    expect(xml.indexOf('<PartNumber>1</PartNumber>')).toBeLessThan(xml.indexOf('<PartNumber>2</PartNumber>'));
    expect(() => completeXml({ Part: [{ PartNumber: 10001, ETag: 'x' }] })).toThrow(/PartNumber/);
    expect(() => completeXml({ Part: [] })).toThrow(/MultipartUpload/);
  });

  it("accepts seed 002's Content-Range style Range and sends a real Range", () => {
    expect(normalizeRange('bytes 0-16086/16087')).toBe('bytes=0-16086');
    expect(normalizeRange('bytes=0-100')).toBe('bytes=0-100');
    expect(normalizeRange('bytes=-100')).toBe('bytes=-100');
    expect(() => normalizeRange('0-100')).toThrow(/Range/);
  });

  it('copies Metadata names verbatim and refuses non-ASCII values', () => {
    expect(metadataHeaders({ 'x-cos-meta-key1': 'value1', key2: 'v2' })).toEqual({ 'x-cos-meta-key1': 'value1', 'x-cos-meta-key2': 'v2' });
    expect(() => metadataHeaders({ 'x-cos-meta-k': '中文' })).toThrow(/ASCII/);
    expect(() => metadataHeaders('x')).toThrow(/Metadata/);
  });
});

describe('headers as the seed shows them', () => {
  it('maps wire names to the Python dict names', () => {
    expect(canonicalHeaderName('etag')).toBe('ETag');
    expect(canonicalHeaderName('content-length')).toBe('Content-Length');
    expect(canonicalHeaderName('last-modified')).toBe('Last-Modified');
    expect(canonicalHeaderName('x-cos-request-id')).toBe('x-cos-request-id');
    expect(canonicalHeaderName('x-cos-meta-author')).toBe('x-cos-meta-author');
    expect(headerDict({ 'accept-ranges': 'bytes', 'content-md5': 'x' })).toEqual({ 'Accept-Ranges': 'bytes', 'Content-MD5': 'x' });
  });
});

describe('error digest', () => {
  it('reads the <Error> body like get_digest_msg', () => {
    const body = `<?xml version='1.0' encoding='utf-8' ?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Resource>b-1.cos.ap-guangzhou.myqcloud.com/k</Resource><RequestId>NjU0</RequestId></Error>`;
    expect(errorDigest(body, {}, 'url', false, 404)).toEqual({
      code: 'NoSuchKey',
      message: 'The specified key does not exist.',
      resource: 'b-1.cos.ap-guangzhou.myqcloud.com/k',
      requestid: 'NjU0',
      traceid: 'Unknown',
    });
  });

  it('HEAD 404 has no body: NoSuchResource with ids from headers', () => {
    expect(errorDigest('', { 'x-cos-request-id': 'r1', 'x-cos-trace-id': 't1' }, 'https://h/k', true, 404)).toEqual({
      code: 'NoSuchResource',
      message: 'The Resource You Head Not Exist',
      resource: 'https://h/k',
      requestid: 'r1',
      traceid: 't1',
    });
  });

  it('accepts a JSON body as a fallback', () => {
    expect(errorDigest('{"Response":{"Error":{"Code":"X","Message":"m"}}}', {}, 'u', false, 400).code).toBe('X');
  });
});

describe('x-cos-copy-source', () => {
  it('names the source by its public COS host, key encoded, version id raw', async () => {
    const { CosContext } = await import('../src/context.ts');
    const { CosConfig } = await import('../src/config.ts');
    const { copySourceHeader, normalizeCopyStatus } = await import('../src/operations/copy.ts');
    const local = new CosContext(new CosConfig({ Region: 'ap-guangzhou', Endpoint: '127.0.0.1:9000', SecretId: 'a', SecretKey: 'b' }));
    expect(copySourceHeader(local, { Bucket: 'src-1250000000', Key: 'a b/中.txt', Region: 'ap-beijing', VersionId: 'MTg0' })).toBe(
      'src-1250000000.cos.ap-beijing.myqcloud.com/a%20b/%E4%B8%AD.txt?versionId=MTg0',
    );
    expect(copySourceHeader(local, { Bucket: 'src', Appid: 1250000000, Key: '/k' })).toBe('src-1250000000.cos.ap-guangzhou.myqcloud.com/k');
    expect(copySourceHeader(local, { Bucket: 'src-1250000000', Key: 'k', Endpoint: 'cos.accelerate.myqcloud.com' })).toBe(
      'src-1250000000.cos.accelerate.myqcloud.com/k',
    );
    expect(normalizeCopyStatus('COPY')).toBe('Copy');
    expect(normalizeCopyStatus('REPLACE')).toBe('Replaced');
    expect(normalizeCopyStatus('Replaced')).toBe('Replaced');
    expect(normalizeCopyStatus(undefined)).toBe('Copy');
    await local.close();
  });
});
