/** COS versioning on the wire: headers, XML shapes and the Suspended state, through signed raw requests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cos, startCosServer, xmlText, xmlTexts, type CosServer } from './cos-harness.ts';

let server: CosServer;
const B = 'wire-versions-1250000000';
const versioning = (Status: string) =>
  cos(server, { method: 'PUT', bucket: B, query: [['versioning', '']], body: `<VersioningConfiguration><Status>${Status}</Status></VersioningConfiguration>` });
const put = (key: string, body: string, headers: Record<string, string> = {}) => cos(server, { method: 'PUT', bucket: B, key, body, headers });
const get = (key: string, versionId?: string) => cos(server, { method: 'GET', bucket: B, key, ...(versionId ? { query: [['versionId', versionId]] } : {}) });

beforeAll(async () => {
  server = await startCosServer();
  await cos(server, { method: 'PUT', bucket: B });
});
afterAll(() => server.close());

describe('COS versioning on the wire', () => {
  it('objects from before versioning are the null version; Enabled writes stack on them', async () => {
    const before = await put('k', 'plain');
    expect(before.headers['x-cos-version-id']).toBeUndefined();
    expect((await versioning('Enabled')).status).toBe(200);
    expect((await cos(server, { method: 'HEAD', bucket: B, key: 'k' })).headers['x-cos-version-id']).toBe('null');
    const v1 = (await put('k', 'first')).headers['x-cos-version-id']!;
    expect(v1).toMatch(/^[A-Za-z0-9]{27}$/);
    expect((await get('k', 'null')).text).toBe('plain');
    const list = await cos(server, { method: 'GET', bucket: B, query: [['versions', '']] });
    expect(xmlTexts(list.text, 'VersionId')).toEqual([v1, 'null']);
    expect(xmlTexts(list.text, 'IsLatest')).toEqual(['true', 'false']);
  });

  it('HEAD on a key hidden by a delete marker: 404 with the marker headers, no body', async () => {
    const del = await cos(server, { method: 'DELETE', bucket: B, key: 'hidden' });
    expect(del.status).toBe(204);
    expect(del.headers['x-cos-delete-marker']).toBe('true');
    const head = await cos(server, { method: 'HEAD', bucket: B, key: 'hidden' });
    expect(head.status).toBe(404);
    expect(head.headers['x-cos-delete-marker']).toBe('true');
    expect(head.headers['x-cos-version-id']).toBe(del.headers['x-cos-version-id']);
    expect(head.body.length).toBe(0);
    const list = await cos(server, {
      method: 'GET',
      bucket: B,
      query: [
        ['versions', ''],
        ['prefix', 'hidden'],
      ],
    });
    expect(list.text).toMatch(
      /<DeleteMarker><Key>hidden<\/Key><VersionId>[^<]+<\/VersionId><IsLatest>true<\/IsLatest><LastModified>[^<]+<\/LastModified><Owner><ID>[^<]+<\/ID><DisplayName>[^<]+<\/DisplayName><\/Owner><\/DeleteMarker>/,
    );
    expect(list.text).not.toContain('<Version>');
  });

  it('Suspended: writes replace the one null version, deletes put a null marker', async () => {
    await versioning('Suspended');
    const p1 = await put('s', 'one');
    expect(p1.headers['x-cos-version-id']).toBe('null');
    await put('s', 'two');
    expect(
      xmlTexts(
        (
          await cos(server, {
            method: 'GET',
            bucket: B,
            query: [
              ['versions', ''],
              ['prefix', 's'],
            ],
          })
        ).text,
        'VersionId',
      ),
    ).toEqual(['null']);
    const del = await cos(server, { method: 'DELETE', bucket: B, key: 's' });
    expect(del.headers['x-cos-version-id']).toBe('null');
    expect(del.headers['x-cos-delete-marker']).toBe('true');
    const list = await cos(server, {
      method: 'GET',
      bucket: B,
      query: [
        ['versions', ''],
        ['prefix', 's'],
      ],
    });
    expect(list.text).toContain('<DeleteMarker><Key>s</Key><VersionId>null</VersionId>');
    expect(list.text).not.toContain('<Version>');
    await versioning('Enabled');
  });

  it('copy refuses a delete marker named by version id; ACL and restore act on one version', async () => {
    const del = await cos(server, { method: 'DELETE', bucket: B, key: 'gone' });
    const marker = del.headers['x-cos-version-id']!;
    const copy = await cos(server, {
      method: 'PUT',
      bucket: B,
      key: 'copy',
      headers: { 'x-cos-copy-source': `${B}.cos.ap-guangzhou.myqcloud.com/gone?versionId=${marker}` },
    });
    expect(copy.status).toBe(400);
    expect(xmlText(copy.text, 'Code')).toBe('InvalidRequest');
    const current = await cos(server, { method: 'PUT', bucket: B, key: 'copy', headers: { 'x-cos-copy-source': `${B}.cos.ap-guangzhou.myqcloud.com/gone` } });
    expect(xmlText(current.text, 'Code')).toBe('NoSuchKey');

    const a1 = (await put('acl', 'one', { 'x-cos-storage-class': 'ARCHIVE' })).headers['x-cos-version-id']!;
    await put('acl', 'two');
    const acl = await cos(server, {
      method: 'PUT',
      bucket: B,
      key: 'acl',
      query: [
        ['acl', ''],
        ['versionId', a1],
      ],
      headers: { 'x-cos-acl': 'public-read' },
    });
    expect(acl.status).toBe(200);
    const anon = (versionId?: string) =>
      cos(server, { method: 'GET', bucket: B, key: 'acl', creds: null, ...(versionId ? { query: [['versionId', versionId]] } : {}) });
    expect((await anon()).status).toBe(403);
    // Version one is public now, but archived: readable only after a restore of that version.
    expect(xmlText((await anon(a1)).text, 'Code')).toBe('InvalidObjectState');
    const restore = await cos(server, {
      method: 'POST',
      bucket: B,
      key: 'acl',
      query: [
        ['restore', ''],
        ['versionId', a1],
      ],
      body: '<RestoreRequest><Days>1</Days><CASJobParameters><Tier>Standard</Tier></CASJobParameters></RestoreRequest>',
    });
    expect(restore.status).toBe(202);
    expect((await anon(a1)).text).toBe('one');
    const aclXml = await cos(server, {
      method: 'GET',
      bucket: B,
      key: 'acl',
      query: [
        ['acl', ''],
        ['versionId', a1],
      ],
    });
    expect(aclXml.text).toContain('AllUsers');
  });

  it('multi-delete reports versions and markers in the DeleteResult', async () => {
    const v = (await put('m', 'x')).headers['x-cos-version-id']!;
    const body = `<Delete><Quiet>false</Quiet><Object><Key>m</Key><VersionId>${v}</VersionId></Object><Object><Key>n</Key></Object></Delete>`;
    const res = await cos(server, { method: 'POST', bucket: B, query: [['delete', '']], body });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<Deleted><Key>m</Key><VersionId>${v}</VersionId></Deleted>`);
    expect(res.text).toMatch(/<Deleted><Key>n<\/Key><DeleteMarker>true<\/DeleteMarker><DeleteMarkerVersionId>[A-Za-z0-9]+<\/DeleteMarkerVersionId><\/Deleted>/);
  });

  it('versions listing keeps encoding-type, delimiter and version markers', async () => {
    await put('dir/a b', '1');
    await put('dir/a b', '2');
    const page = await cos(server, {
      method: 'GET',
      bucket: B,
      query: [
        ['versions', ''],
        ['prefix', 'dir/'],
        ['max-keys', '1'],
        ['encoding-type', 'url'],
      ],
    });
    expect(xmlText(page.text, 'Key')).toBe('dir/a%20b');
    expect(xmlText(page.text, 'IsTruncated')).toBe('true');
    expect(xmlText(page.text, 'NextKeyMarker')).toBe('dir/a%20b');
    const next = await cos(server, {
      method: 'GET',
      bucket: B,
      query: [
        ['versions', ''],
        ['prefix', 'dir/'],
        ['key-marker', 'dir/a b'],
        ['version-id-marker', xmlText(page.text, 'NextVersionIdMarker')!],
      ],
    });
    expect(xmlTexts(next.text, 'IsLatest')).toEqual(['false']);
    const rolled = await cos(server, {
      method: 'GET',
      bucket: B,
      query: [
        ['versions', ''],
        ['delimiter', '/'],
        ['prefix', 'd'],
      ],
    });
    expect(xmlTexts(rolled.text, 'Prefix')).toEqual(['d', 'dir/']);
  });
});
