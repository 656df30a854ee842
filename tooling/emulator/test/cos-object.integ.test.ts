import { crc64, md5Base64, md5Hex } from '@yunstore/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cos, startCosServer, xmlText, xmlTexts, type CosServer } from './cos-harness.ts';

const B = 'objects-1250000000';
let server: CosServer;

beforeAll(async () => {
  server = await startCosServer();
  expect((await cos(server, { method: 'PUT', bucket: B })).status).toBe(200);
});
afterAll(() => server.close());

describe('put / get / head', () => {
  it('stores metadata, storage class and returns ETag and CRC-64', async () => {
    const body = 'hello world';
    const put = await cos(server, {
      method: 'PUT',
      bucket: B,
      key: 'docs/hello.txt',
      body,
      headers: {
        'Content-Type': 'text/plain',
        'x-cos-meta-Author': 'Zhang San',
        'x-cos-storage-class': 'STANDARD_IA',
        'Cache-Control': 'no-cache',
        'Content-MD5': md5Base64(body),
      },
    });
    expect(put.status).toBe(200);
    expect(put.headers['etag']).toBe(`"${md5Hex(body)}"`);
    expect(put.headers['x-cos-hash-crc64ecma']).toBe('5981764153023615706');
    const head = await cos(server, { method: 'HEAD', bucket: B, key: 'docs/hello.txt' });
    expect(head.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-length': '11',
      'x-cos-meta-author': 'Zhang San',
      'x-cos-storage-class': 'STANDARD_IA',
      'cache-control': 'no-cache',
      'x-cos-hash-crc64ecma': crc64(Buffer.from(body)).toString(),
      'x-cos-object-type': 'normal',
    });
  });

  it('checks Content-MD5: BadDigest on mismatch, InvalidDigest on garbage, nothing stored', async () => {
    const bad = await cos(server, { method: 'PUT', bucket: B, key: 'md5.txt', body: 'abc', headers: { 'Content-MD5': md5Base64('abd') } });
    expect(bad.status).toBe(400);
    expect(xmlText(bad.text, 'Code')).toBe('BadDigest');
    const garbage = await cos(server, { method: 'PUT', bucket: B, key: 'md5.txt', body: 'abc', headers: { 'Content-MD5': 'nope' } });
    expect(xmlText(garbage.text, 'Code')).toBe('InvalidDigest');
    expect((await cos(server, { method: 'HEAD', bucket: B, key: 'md5.txt' })).status).toBe(404);
  });

  it('refuses unknown storage classes', async () => {
    const r = await cos(server, { method: 'PUT', bucket: B, key: 'sc.txt', body: 'x', headers: { 'x-cos-storage-class': 'COLD' } });
    expect(r.status).toBe(400);
    expect(xmlText(r.text, 'Code')).toBe('InvalidStorageClass');
  });

  it('serves ranges, 416 past the end, and response-* overrides', async () => {
    const r = await cos(server, {
      method: 'GET',
      bucket: B,
      key: 'docs/hello.txt',
      headers: { Range: 'bytes=6-' },
      query: [
        ['response-content-type', 'application/x-demo'],
        ['response-content-disposition', 'attachment; filename="x.txt"'],
      ],
    });
    expect(r.status).toBe(206);
    expect(r.text).toBe('world');
    expect(r.headers['content-range']).toBe('bytes 6-10/11');
    expect(r.headers['content-type']).toBe('application/x-demo');
    expect(r.headers['content-disposition']).toBe('attachment; filename="x.txt"');
    const beyond = await cos(server, { method: 'GET', bucket: B, key: 'docs/hello.txt', headers: { Range: 'bytes=50-60' } });
    expect(beyond.status).toBe(416);
    expect(xmlText(beyond.text, 'Code')).toBe('InvalidRange');
  });

  it('honours conditional headers', async () => {
    const etag = `"${md5Hex('hello world')}"`;
    expect((await cos(server, { method: 'GET', bucket: B, key: 'docs/hello.txt', headers: { 'If-None-Match': etag } })).status).toBe(304);
    const failed = await cos(server, { method: 'GET', bucket: B, key: 'docs/hello.txt', headers: { 'If-Match': '"0000"' } });
    expect(failed.status).toBe(412);
    expect(xmlText(failed.text, 'Code')).toBe('PreconditionFailed');
    expect((await cos(server, { method: 'GET', bucket: B, key: 'docs/hello.txt', headers: { 'If-Match': etag } })).status).toBe(200);
    const future = new Date(Date.now() + 3600_000).toUTCString();
    expect((await cos(server, { method: 'GET', bucket: B, key: 'docs/hello.txt', headers: { 'If-Modified-Since': future } })).status).toBe(304);
  });

  it('versionId: the current version reads, another one is NoSuchVersion', async () => {
    const ok = await cos(server, { method: 'GET', bucket: B, key: 'docs/hello.txt', query: [['versionId', 'null']] });
    expect(ok.status).toBe(200);
    const missing = await cos(server, { method: 'GET', bucket: B, key: 'docs/hello.txt', query: [['versionId', 'MTg0NDUx']] });
    expect(missing.status).toBe(404);
    expect(xmlText(missing.text, 'Code')).toBe('NoSuchVersion');
  });

  it('x-cos-traffic-limit caps the download bandwidth and is range-checked', async () => {
    const big = Buffer.alloc(200 * 1024, 7);
    expect((await cos(server, { method: 'PUT', bucket: B, key: 'big.bin', body: big })).status).toBe(200);
    const started = Date.now();
    // 819200 bit/s = 100 KiB/s: 200 KiB take about 2 s.
    const r = await cos(server, { method: 'GET', bucket: B, key: 'big.bin', headers: { 'x-cos-traffic-limit': '819200' } });
    const elapsed = Date.now() - started;
    expect(r.body.length).toBe(big.length);
    expect(elapsed).toBeGreaterThan(1500);
    const bad = await cos(server, { method: 'GET', bucket: B, key: 'big.bin', headers: { 'x-cos-traffic-limit': '100' } });
    expect(xmlText(bad.text, 'Code')).toBe('InvalidArgument');
  });

  it('missing keys and buckets', async () => {
    const r = await cos(server, { method: 'GET', bucket: B, key: 'nope' });
    expect(r.status).toBe(404);
    expect(xmlText(r.text, 'Code')).toBe('NoSuchKey');
    expect(xmlText(r.text, 'Resource')).toBe(`${B}.cos.localhost/nope`);
    const nb = await cos(server, { method: 'GET', bucket: 'nobucket-1250000000', key: 'x' });
    expect(xmlText(nb.text, 'Code')).toBe('NoSuchBucket');
    expect((await cos(server, { method: 'DELETE', bucket: B, key: 'nope' })).status).toBe(204);
  });
});

describe('copy', () => {
  it('Copy keeps metadata, Replaced takes the request headers, self-copy needs a change', async () => {
    await cos(server, { method: 'PUT', bucket: B, key: 'c/src.txt', body: 'source', headers: { 'x-cos-meta-k': 'v', 'Content-Type': 'text/plain' } });
    const source = `${B}.cos.ap-guangzhou.myqcloud.com/c/src.txt`;
    const copied = await cos(server, { method: 'PUT', bucket: B, key: 'c/dst 1.txt', headers: { 'x-cos-copy-source': source } });
    expect(copied.status).toBe(200);
    expect(xmlText(copied.text, 'ETag')).toBe(`&quot;${md5Hex('source')}&quot;`);
    expect(xmlText(copied.text, 'CRC64')).toBe(crc64(Buffer.from('source')).toString());
    expect((await cos(server, { method: 'HEAD', bucket: B, key: 'c/dst 1.txt' })).headers['x-cos-meta-k']).toBe('v');
    await cos(server, {
      method: 'PUT',
      bucket: B,
      key: 'c/dst2',
      headers: { 'x-cos-copy-source': source, 'x-cos-metadata-directive': 'Replaced', 'x-cos-meta-new': '1' },
    });
    const h = await cos(server, { method: 'HEAD', bucket: B, key: 'c/dst2' });
    expect(h.headers['x-cos-meta-k']).toBeUndefined();
    expect(h.headers['x-cos-meta-new']).toBe('1');
    const self = await cos(server, { method: 'PUT', bucket: B, key: 'c/src.txt', headers: { 'x-cos-copy-source': source } });
    expect(xmlText(self.text, 'Code')).toBe('InvalidRequest');
    const toIa = await cos(server, {
      method: 'PUT',
      bucket: B,
      key: 'c/src.txt',
      headers: { 'x-cos-copy-source': source, 'x-cos-storage-class': 'STANDARD_IA' },
    });
    expect(toIa.status).toBe(200);
    const bad = await cos(server, { method: 'PUT', bucket: B, key: 'c/x', headers: { 'x-cos-copy-source': source, 'x-cos-metadata-directive': 'REPLACE' } });
    expect(xmlText(bad.text, 'Code')).toBe('InvalidArgument');
    const missing = await cos(server, { method: 'PUT', bucket: B, key: 'c/x', headers: { 'x-cos-copy-source': `${B}.cos.ap-guangzhou.myqcloud.com/none` } });
    expect(xmlText(missing.text, 'Code')).toBe('NoSuchKey');
  });
});

describe('multi-delete', () => {
  it('reports Deleted entries, or nothing in quiet mode', async () => {
    for (const k of ['md/a', 'md/b c', 'md/d']) await cos(server, { method: 'PUT', bucket: B, key: k, body: 'x' });
    const body = '<Delete><Quiet>false</Quiet><Object><Key>md/a</Key></Object><Object><Key>md/b c</Key></Object></Delete>';
    const r = await cos(server, {
      method: 'POST',
      bucket: B,
      query: [['delete', '']],
      body,
      headers: { 'Content-MD5': md5Base64(body), 'Content-Type': 'application/xml' },
    });
    expect(r.status).toBe(200);
    expect(xmlTexts(r.text, 'Key')).toEqual(['md/a', 'md/b c']);
    const quietBody = '<Delete><Quiet>true</Quiet><Object><Key>md/d</Key></Object></Delete>';
    const q = await cos(server, { method: 'POST', bucket: B, query: [['delete', '']], body: quietBody });
    expect(xmlTexts(q.text, 'Key')).toEqual([]);
    expect((await cos(server, { method: 'HEAD', bucket: B, key: 'md/d' })).status).toBe(404);
    const wrongMd5 = await cos(server, { method: 'POST', bucket: B, query: [['delete', '']], body: quietBody, headers: { 'Content-MD5': md5Base64('x') } });
    expect(xmlText(wrongMd5.text, 'Code')).toBe('BadDigest');
  });
});

describe('append', () => {
  it('creates an appendable object and checks positions', async () => {
    const first = await cos(server, {
      method: 'POST',
      bucket: B,
      key: 'log.txt',
      query: [
        ['append', ''],
        ['position', '0'],
      ],
      body: 'hello ',
    });
    expect(first.status).toBe(200);
    expect(first.headers['x-cos-next-append-position']).toBe('6');
    const wrong = await cos(server, {
      method: 'POST',
      bucket: B,
      key: 'log.txt',
      query: [
        ['append', ''],
        ['position', '3'],
      ],
      body: 'x',
    });
    expect(wrong.status).toBe(409);
    expect(xmlText(wrong.text, 'Code')).toBe('PositionNotEqualToLength');
    expect(wrong.headers['x-cos-next-append-position']).toBe('6');
    const second = await cos(server, {
      method: 'POST',
      bucket: B,
      key: 'log.txt',
      query: [
        ['append', ''],
        ['position', '6'],
      ],
      body: 'world',
    });
    expect(second.headers['x-cos-next-append-position']).toBe('11');
    expect(second.headers['x-cos-hash-crc64ecma']).toBe('5981764153023615706');
    const get = await cos(server, { method: 'GET', bucket: B, key: 'log.txt' });
    expect(get.text).toBe('hello world');
    expect(get.headers['x-cos-object-type']).toBe('appendable');
    const normal = await cos(server, {
      method: 'POST',
      bucket: B,
      key: 'docs/hello.txt',
      query: [
        ['append', ''],
        ['position', '11'],
      ],
      body: 'x',
    });
    expect(xmlText(normal.text, 'Code')).toBe('ObjectNotAppendable');
    // A plain PUT turns the key back into a normal object.
    await cos(server, { method: 'PUT', bucket: B, key: 'log.txt', body: 'reset' });
    expect((await cos(server, { method: 'HEAD', bucket: B, key: 'log.txt' })).headers['x-cos-object-type']).toBe('normal');
  });
});

describe('restore of archived objects', () => {
  it('refuses GET until restored; Bulk restores take time', async () => {
    await cos(server, { method: 'PUT', bucket: B, key: 'cold.bin', body: 'frozen', headers: { 'x-cos-storage-class': 'ARCHIVE' } });
    const refused = await cos(server, { method: 'GET', bucket: B, key: 'cold.bin' });
    expect(refused.status).toBe(403);
    expect(xmlText(refused.text, 'Code')).toBe('InvalidObjectState');
    const restoreBody = (tier: string) => `<RestoreRequest><Days>1</Days><CASJobParameters><Tier>${tier}</Tier></CASJobParameters></RestoreRequest>`;
    const started = await cos(server, { method: 'POST', bucket: B, key: 'cold.bin', query: [['restore', '']], body: restoreBody('Bulk') });
    expect(started.status).toBe(202);
    expect((await cos(server, { method: 'HEAD', bucket: B, key: 'cold.bin' })).headers['x-cos-restore']).toBe('ongoing-request="true"');
    const again = await cos(server, { method: 'POST', bucket: B, key: 'cold.bin', query: [['restore', '']], body: restoreBody('Bulk') });
    expect(xmlText(again.text, 'Code')).toBe('RestoreAlreadyInProgress');
    server.advance(10_000);
    const head = await cos(server, { method: 'HEAD', bucket: B, key: 'cold.bin' });
    expect(head.headers['x-cos-restore']).toMatch(/^ongoing-request="false", expiry-date=".+GMT"$/);
    expect((await cos(server, { method: 'GET', bucket: B, key: 'cold.bin' })).text).toBe('frozen');
    expect((await cos(server, { method: 'POST', bucket: B, key: 'cold.bin', query: [['restore', '']], body: restoreBody('Standard') })).status).toBe(200);
    server.advance(3 * 86_400_000);
    expect((await cos(server, { method: 'GET', bucket: B, key: 'cold.bin' })).status).toBe(403);
    server.advance(-3 * 86_400_000 - 10_000);
    const deep = await cos(server, { method: 'PUT', bucket: B, key: 'deep.bin', body: 'd', headers: { 'x-cos-storage-class': 'DEEP_ARCHIVE' } });
    expect(deep.status).toBe(200);
    const expedited = await cos(server, { method: 'POST', bucket: B, key: 'deep.bin', query: [['restore', '']], body: restoreBody('Expedited') });
    expect(xmlText(expedited.text, 'Code')).toBe('InvalidArgument');
    const notArchived = await cos(server, { method: 'POST', bucket: B, key: 'docs/hello.txt', query: [['restore', '']], body: restoreBody('Standard') });
    expect(xmlText(notArchived.text, 'Code')).toBe('InvalidObjectState');
  });
});
