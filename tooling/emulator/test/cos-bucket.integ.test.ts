import { md5Base64, md5Hex } from '@yunstore/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cos, startCosServer, xmlText, xmlTexts, type CosServer } from './cos-harness.ts';

let server: CosServer;
beforeAll(async () => {
  server = await startCosServer({ minPartSize: 1024 });
});
afterAll(() => server.close());

describe('buckets', () => {
  it('create (name rules, duplicates), head, location, list service, delete only when empty', async () => {
    const bad = await cos(server, { method: 'PUT', bucket: 'NoAppId' });
    expect(bad.status).toBe(400);
    expect(xmlText(bad.text, 'Code')).toBe('InvalidBucketName');
    expect((await cos(server, { method: 'PUT', bucket: 'life-1250000000' })).status).toBe(200);
    const dup = await cos(server, { method: 'PUT', bucket: 'life-1250000000' });
    expect(dup.status).toBe(409);
    expect(xmlText(dup.text, 'Code')).toBe('BucketAlreadyExists');
    expect((await cos(server, { method: 'HEAD', bucket: 'life-1250000000' })).status).toBe(200);
    expect((await cos(server, { method: 'HEAD', bucket: 'gone-1250000000' })).status).toBe(404);
    expect(xmlText((await cos(server, { method: 'GET', bucket: 'life-1250000000', query: [['location', '']] })).text, 'LocationConstraint')).toBe(
      'ap-guangzhou',
    );
    const service = await cos(server, { method: 'GET' });
    expect(xmlTexts(service.text, 'Name')).toContain('life-1250000000');
    await cos(server, { method: 'PUT', bucket: 'life-1250000000', key: 'x', body: 'x' });
    const notEmpty = await cos(server, { method: 'DELETE', bucket: 'life-1250000000' });
    expect(notEmpty.status).toBe(409);
    expect(xmlText(notEmpty.text, 'Code')).toBe('BucketNotEmpty');
    await cos(server, { method: 'DELETE', bucket: 'life-1250000000', key: 'x' });
    expect((await cos(server, { method: 'DELETE', bucket: 'life-1250000000' })).status).toBe(204);
    expect((await cos(server, { method: 'GET', creds: null })).status).toBe(403);
  });

  it('sub-resources outside the seeds answer 501 instead of being mistaken for another operation', async () => {
    await cos(server, { method: 'PUT', bucket: 'sub-1250000000' });
    const r = await cos(server, { method: 'PUT', bucket: 'sub-1250000000', query: [['policy', '']], body: '{}' });
    expect(r.status).toBe(501);
    expect(xmlText(r.text, 'Code')).toBe('NotImplemented');
    const post = await cos(server, { method: 'POST', bucket: 'sub-1250000000', body: 'form' });
    expect(xmlText(post.text, 'Code')).toBe('MethodNotAllowed');
  });

  it('ACL: canned, grant headers, body form, and not both', async () => {
    const b = 'acl-1250000000';
    await cos(server, { method: 'PUT', bucket: b, headers: { 'x-cos-acl': 'public-read' } });
    const acl1 = await cos(server, { method: 'GET', bucket: b, query: [['acl', '']] });
    expect(acl1.text).toContain('<URI>http://cam.qcloud.com/groups/global/AllUsers</URI>');
    expect(acl1.text).toContain('xsi:type="Group"');
    await cos(server, { method: 'PUT', bucket: b, query: [['acl', '']], headers: { 'x-cos-grant-write': 'id="qcs::cam::uin/100000000002:uin/100000000002"' } });
    const acl2 = await cos(server, { method: 'GET', bucket: b, query: [['acl', '']] });
    expect(xmlTexts(acl2.text, 'Permission')).toEqual(['FULL_CONTROL', 'WRITE']);
    const body =
      '<AccessControlPolicy><Owner><ID>qcs::cam::uin/100000000001:uin/100000000001</ID></Owner><AccessControlList>' +
      '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>qcs::cam::uin/3:uin/3</ID></Grantee><Permission>READ</Permission></Grant>' +
      '</AccessControlList></AccessControlPolicy>';
    expect((await cos(server, { method: 'PUT', bucket: b, query: [['acl', '']], body })).status).toBe(200);
    expect(xmlTexts((await cos(server, { method: 'GET', bucket: b, query: [['acl', '']] })).text, 'ID')).toContain('qcs::cam::uin/3:uin/3');
    const both = await cos(server, { method: 'PUT', bucket: b, query: [['acl', '']], body, headers: { 'x-cos-acl': 'private' } });
    expect(xmlText(both.text, 'Code')).toBe('InvalidRequest');
    const badCanned = await cos(server, { method: 'PUT', bucket: b, query: [['acl', '']], headers: { 'x-cos-acl': 'world-writable' } });
    expect(xmlText(badCanned.text, 'Code')).toBe('InvalidArgument');
  });

  it('CORS and lifecycle are stored, returned and deleted', async () => {
    const b = 'conf-1250000000';
    await cos(server, { method: 'PUT', bucket: b });
    expect(xmlText((await cos(server, { method: 'GET', bucket: b, query: [['cors', '']] })).text, 'Code')).toBe('NoSuchCORSConfiguration');
    const cors =
      '<CORSConfiguration><CORSRule><ID>r1</ID><AllowedOrigin>https://a.example</AllowedOrigin><AllowedOrigin>https://b.example</AllowedOrigin>' +
      '<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>';
    expect((await cos(server, { method: 'PUT', bucket: b, query: [['cors', '']], body: cors, headers: { 'Content-MD5': md5Base64(cors) } })).status).toBe(200);
    const got = await cos(server, { method: 'GET', bucket: b, query: [['cors', '']] });
    expect(xmlTexts(got.text, 'AllowedOrigin')).toEqual(['https://a.example', 'https://b.example']);
    expect(xmlText(got.text, 'MaxAgeSeconds')).toBe('600');
    const badMethod = cors.replace('<AllowedMethod>PUT</AllowedMethod>', '<AllowedMethod>PATCH</AllowedMethod>');
    expect(xmlText((await cos(server, { method: 'PUT', bucket: b, query: [['cors', '']], body: badMethod })).text, 'Code')).toBe('MalformedXML');
    expect((await cos(server, { method: 'DELETE', bucket: b, query: [['cors', '']] })).status).toBe(204);
    expect((await cos(server, { method: 'GET', bucket: b, query: [['cors', '']] })).status).toBe(404);

    const lifecycle =
      '<LifecycleConfiguration><Rule><ID>archive-logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>' +
      '<Transition><Days>30</Days><StorageClass>ARCHIVE</StorageClass></Transition><Expiration><Days>365</Days></Expiration></Rule></LifecycleConfiguration>';
    expect(
      (await cos(server, { method: 'PUT', bucket: b, query: [['lifecycle', '']], body: lifecycle, headers: { 'Content-MD5': md5Base64(lifecycle) } })).status,
    ).toBe(200);
    const lc = await cos(server, { method: 'GET', bucket: b, query: [['lifecycle', '']] });
    expect(xmlText(lc.text, 'Prefix')).toBe('logs/');
    expect(xmlText(lc.text, 'StorageClass')).toBe('ARCHIVE');
    const wrongMd5 = await cos(server, { method: 'PUT', bucket: b, query: [['lifecycle', '']], body: lifecycle, headers: { 'Content-MD5': md5Base64('x') } });
    expect(xmlText(wrongMd5.text, 'Code')).toBe('BadDigest');
    expect((await cos(server, { method: 'DELETE', bucket: b, query: [['lifecycle', '']] })).status).toBe(204);
    expect(xmlText((await cos(server, { method: 'GET', bucket: b, query: [['lifecycle', '']] })).text, 'Code')).toBe('NoSuchLifecycleConfiguration');
  });
});

describe('listing', () => {
  const b = 'list-1250000000';
  beforeAll(async () => {
    await cos(server, { method: 'PUT', bucket: b });
    for (const k of ['a.txt', 'dir/one.txt', 'dir/two.txt', 'dir/sub/three.txt', '中文/文件 1.txt', 'z%2B+.txt']) {
      await cos(server, { method: 'PUT', bucket: b, key: k, body: k });
    }
  });

  it('prefix, delimiter, marker, max-keys and NextMarker', async () => {
    const p1 = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['prefix', 'dir/'],
        ['delimiter', '/'],
        ['max-keys', '2'],
      ],
    });
    expect(xmlTexts(p1.text, 'Key')).toEqual(['dir/one.txt']);
    expect(xmlTexts(p1.text, 'Prefix')).toEqual(['dir/', 'dir/sub/']);
    expect(xmlText(p1.text, 'IsTruncated')).toBe('true');
    expect(xmlText(p1.text, 'NextMarker')).toBe('dir/sub/');
    const p2 = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['prefix', 'dir/'],
        ['delimiter', '/'],
        ['max-keys', '2'],
        ['marker', 'dir/sub/'],
      ],
    });
    expect(xmlTexts(p2.text, 'Key')).toEqual(['dir/two.txt']);
    expect(xmlText(p2.text, 'IsTruncated')).toBe('false');
    expect(xmlText(p2.text, 'NextMarker')).toBeUndefined();
    const all = await cos(server, { method: 'GET', bucket: b });
    expect(xmlTexts(all.text, 'Size')).toHaveLength(6);
    expect(xmlText(all.text, 'ETag')).toBe(`&quot;${md5Hex('a.txt')}&quot;`);
    expect(xmlText(all.text, 'MaxKeys')).toBe('1000');
    expect(xmlText((await cos(server, { method: 'GET', bucket: b, query: [['max-keys', 'ten']] })).text, 'Code')).toBe('InvalidArgument');
  });

  it('encoding-type=url encodes keys and prefixes', async () => {
    const r = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['prefix', '中文/'],
        ['encoding-type', 'url'],
      ],
    });
    expect(xmlText(r.text, 'EncodingType')).toBe('url');
    expect(xmlText(r.text, 'Key')).toBe('%E4%B8%AD%E6%96%87/%E6%96%87%E4%BB%B6%201.txt');
    expect(decodeURIComponent(xmlText(r.text, 'Prefix')!)).toBe('中文/');
    const plus = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['prefix', 'z'],
        ['encoding-type', 'url'],
      ],
    });
    expect(decodeURIComponent(xmlText(plus.text, 'Key')!)).toBe('z%2B+.txt');
  });

  it('versions listing: current objects as versions, versioning state', async () => {
    const v = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['versions', ''],
        ['prefix', 'dir/'],
        ['max-keys', '2'],
      ],
    });
    expect(v.text).toContain('<ListVersionsResult>');
    expect(xmlTexts(v.text, 'Key')).toEqual(['dir/one.txt', 'dir/sub/three.txt']);
    expect(xmlTexts(v.text, 'IsLatest')).toEqual(['true', 'true']);
    expect(xmlTexts(v.text, 'VersionId')).toEqual(['null', 'null']);
    expect(xmlText(v.text, 'NextKeyMarker')).toBe('dir/sub/three.txt');
    const bad = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['versions', ''],
        ['version-id-marker', 'x'],
      ],
    });
    expect(xmlText(bad.text, 'Code')).toBe('InvalidArgument');

    const vb = 'versioned-1250000000';
    await cos(server, { method: 'PUT', bucket: vb });
    await cos(server, {
      method: 'PUT',
      bucket: vb,
      query: [['versioning', '']],
      body: '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>',
    });
    expect(xmlText((await cos(server, { method: 'GET', bucket: vb, query: [['versioning', '']] })).text, 'Status')).toBe('Enabled');
    const put = await cos(server, { method: 'PUT', bucket: vb, key: 'k', body: 'v1' });
    const versionId = put.headers['x-cos-version-id'];
    expect(versionId).toBeTruthy();
    const list = await cos(server, { method: 'GET', bucket: vb, query: [['versions', '']] });
    expect(xmlText(list.text, 'VersionId')).toBe(versionId);
    expect((await cos(server, { method: 'GET', bucket: vb, key: 'k', query: [['versionId', versionId!]] })).text).toBe('v1');
  });
});

describe('multipart', () => {
  const b = 'mpu-1250000000';
  const part = (fill: number, size = 1024) => Buffer.alloc(size, fill);
  beforeAll(async () => {
    await cos(server, { method: 'PUT', bucket: b });
  });

  async function initiate(key: string, headers: Record<string, string> = {}): Promise<string> {
    const r = await cos(server, { method: 'POST', bucket: b, key, query: [['uploads', '']], headers });
    expect(r.status).toBe(200);
    return xmlText(r.text, 'UploadId')!;
  }

  it('initiate, upload, list parts (paged), complete; metadata from initiate', async () => {
    const key = '大 文件.bin';
    const uploadId = await initiate(key, { 'x-cos-meta-project': 'q4', 'Content-Type': 'application/x-demo', 'x-cos-storage-class': 'STANDARD_IA' });
    const etags: string[] = [];
    for (const [n, body] of [
      [1, part(1)],
      [2, part(2)],
      [3, Buffer.from('end')],
    ] as const) {
      const r = await cos(server, {
        method: 'PUT',
        bucket: b,
        key,
        query: [
          ['partNumber', String(n)],
          ['uploadId', uploadId],
        ],
        body,
        headers: { 'Content-MD5': md5Base64(body) },
      });
      expect(r.status).toBe(200);
      expect(r.headers['etag']).toBe(`"${md5Hex(body)}"`);
      expect(r.headers['x-cos-hash-crc64ecma']).toMatch(/^\d+$/);
      etags.push(r.headers['etag']!);
    }
    const lp = await cos(server, {
      method: 'GET',
      bucket: b,
      key,
      query: [
        ['uploadId', uploadId],
        ['max-parts', '2'],
      ],
    });
    expect(xmlTexts(lp.text, 'PartNumber')).toEqual(['1', '2']);
    expect(xmlText(lp.text, 'IsTruncated')).toBe('true');
    expect(xmlText(lp.text, 'NextPartNumberMarker')).toBe('2');
    expect(xmlText(lp.text, 'StorageClass')).toBe('STANDARD_IA');
    const lp2 = await cos(server, {
      method: 'GET',
      bucket: b,
      key,
      query: [
        ['uploadId', uploadId],
        ['part-number-marker', '2'],
      ],
    });
    expect(xmlTexts(lp2.text, 'PartNumber')).toEqual(['3']);
    const complete = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const done = await cos(server, { method: 'POST', bucket: b, key, query: [['uploadId', uploadId]], body: complete });
    expect(done.status).toBe(200);
    expect(xmlText(done.text, 'ETag')).toMatch(/^&quot;[0-9a-f]{32}-3&quot;$/);
    expect(done.headers['x-cos-hash-crc64ecma']).toMatch(/^\d+$/);
    const head = await cos(server, { method: 'HEAD', bucket: b, key });
    expect(head.headers['content-length']).toBe('2051');
    expect(head.headers['x-cos-meta-project']).toBe('q4');
    expect(head.headers['content-type']).toBe('application/x-demo');
    expect(head.headers['x-cos-hash-crc64ecma']).toBe(done.headers['x-cos-hash-crc64ecma']);
    expect(xmlText((await cos(server, { method: 'GET', bucket: b, key, query: [['uploadId', uploadId]] })).text, 'Code')).toBe('NoSuchUpload');
  });

  it('complete validates parts: InvalidPart, InvalidPartOrder, EntityTooSmall, MalformedXML', async () => {
    const key = 'validate.bin';
    const uploadId = await initiate(key);
    const small = await cos(server, {
      method: 'PUT',
      bucket: b,
      key,
      query: [
        ['partNumber', '1'],
        ['uploadId', uploadId],
      ],
      body: 'tiny',
    });
    const big = await cos(server, {
      method: 'PUT',
      bucket: b,
      key,
      query: [
        ['partNumber', '2'],
        ['uploadId', uploadId],
      ],
      body: part(9),
    });
    const xml = (parts: Array<[number, string]>) =>
      `<CompleteMultipartUpload>${parts.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const complete = async (body: string) =>
      xmlText((await cos(server, { method: 'POST', bucket: b, key, query: [['uploadId', uploadId]], body })).text, 'Code');
    expect(await complete(xml([[1, '"00000000000000000000000000000000"']]))).toBe('InvalidPart');
    expect(
      await complete(
        xml([
          [2, big.headers['etag']!],
          [1, small.headers['etag']!],
        ]),
      ),
    ).toBe('InvalidPartOrder');
    expect(
      await complete(
        xml([
          [1, small.headers['etag']!],
          [2, big.headers['etag']!],
        ]),
      ),
    ).toBe('EntityTooSmall');
    expect(await complete('<CompleteMultipartUpload></CompleteMultipartUpload>')).toBe('MalformedXML');
    const badNumber = await cos(server, {
      method: 'PUT',
      bucket: b,
      key,
      query: [
        ['partNumber', '10001'],
        ['uploadId', uploadId],
      ],
      body: 'x',
    });
    expect(xmlText(badNumber.text, 'Code')).toBe('InvalidArgument');
    expect((await cos(server, { method: 'DELETE', bucket: b, key, query: [['uploadId', uploadId]] })).status).toBe(204);
    expect(xmlText((await cos(server, { method: 'DELETE', bucket: b, key, query: [['uploadId', uploadId]] })).text, 'Code')).toBe('NoSuchUpload');
  });

  it('upload part copy with a source range', async () => {
    const source = Buffer.from('0123456789abcdefghij'.repeat(100));
    await cos(server, { method: 'PUT', bucket: b, key: 'copy-src.bin', body: source });
    const key = 'copy-dst.bin';
    const uploadId = await initiate(key);
    const copySource = `${b}.cos.ap-guangzhou.myqcloud.com/copy-src.bin`;
    const p1 = await cos(server, {
      method: 'PUT',
      bucket: b,
      key,
      query: [
        ['partNumber', '1'],
        ['uploadId', uploadId],
      ],
      headers: { 'x-cos-copy-source': copySource, 'x-cos-copy-source-range': 'bytes=0-1023' },
    });
    expect(p1.status).toBe(200);
    expect(xmlText(p1.text, 'ETag')).toBe(`&quot;${md5Hex(source.subarray(0, 1024))}&quot;`);
    const p2 = await cos(server, {
      method: 'PUT',
      bucket: b,
      key,
      query: [
        ['partNumber', '2'],
        ['uploadId', uploadId],
      ],
      headers: { 'x-cos-copy-source': copySource, 'x-cos-copy-source-range': 'bytes=1024-1999' },
    });
    const outside = await cos(server, {
      method: 'PUT',
      bucket: b,
      key,
      query: [
        ['partNumber', '3'],
        ['uploadId', uploadId],
      ],
      headers: { 'x-cos-copy-source': copySource, 'x-cos-copy-source-range': 'bytes=0-5000' },
    });
    expect(xmlText(outside.text, 'Code')).toBe('InvalidRange');
    const etag = (r: { text: string }) => xmlText(r.text, 'ETag')!.replace(/&quot;/g, '"');
    const body = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag(p1)}</ETag></Part><Part><PartNumber>2</PartNumber><ETag>${etag(p2)}</ETag></Part></CompleteMultipartUpload>`;
    expect((await cos(server, { method: 'POST', bucket: b, key, query: [['uploadId', uploadId]], body })).status).toBe(200);
    expect(Buffer.compare((await cos(server, { method: 'GET', bucket: b, key })).body, source)).toBe(0);
  });

  it('list uploads with prefix, delimiter and markers', async () => {
    const ids: Record<string, string> = {};
    for (const k of ['up/a', 'up/a', 'up/b', 'up/deep/c']) ids[k + Object.keys(ids).length] = await initiate(k);
    const first = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['uploads', ''],
        ['prefix', 'up/'],
        ['delimiter', '/'],
        ['max-uploads', '2'],
      ],
    });
    expect(xmlTexts(first.text, 'Key')).toEqual(['up/a', 'up/a']);
    expect(xmlText(first.text, 'IsTruncated')).toBe('true');
    const keyMarker = xmlText(first.text, 'NextKeyMarker')!;
    const uploadMarker = xmlText(first.text, 'NextUploadIdMarker')!;
    const second = await cos(server, {
      method: 'GET',
      bucket: b,
      query: [
        ['uploads', ''],
        ['prefix', 'up/'],
        ['delimiter', '/'],
        ['key-marker', keyMarker],
        ['upload-id-marker', uploadMarker],
      ],
    });
    expect(xmlTexts(second.text, 'Key')).toEqual(['up/b']);
    expect(xmlTexts(second.text, 'Prefix').slice(1)).toEqual(['up/deep/']);
    expect(xmlText(second.text, 'IsTruncated')).toBe('false');
  });
});
