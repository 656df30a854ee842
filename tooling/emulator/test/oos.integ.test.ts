/**
 * OOS dialect specifics the SDK interop tests do not reach: presigned V2 and
 * V4 URLs made with the core presigners (and their expiry), virtual-hosted
 * addressing, anonymous access by ACL, clock skew, fault injection, and the
 * S3 error body with its request id.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKeyPath, encodeQuery } from '@yunstore/core';
import { presignS3V2, presignS3V4, signS3V2, signS3V4 } from '@yunstore/core/sign';
import { startEmulator, type Emulator } from '../src/index.ts';

const creds = { accessKeyId: 'AKIDyunstoreEMULATOR', secretAccessKey: 'yunstore-emulator-secret' };
let emu: Emulator;
let port: number;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  port = emu.ports.oos;
});
afterAll(async () => {
  await emu?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

type Method = 'GET' | 'PUT' | 'DELETE' | 'HEAD' | 'POST';

/** A V2-signed request; `vhost` puts the bucket in the Host header. */
async function v2(
  method: Method,
  path: string,
  query: Array<[string, string]> = [],
  headers: Record<string, string> = {},
  body?: string,
  vhost?: string,
): Promise<Answer> {
  const signed = signS3V2({ method, path, query, headers }, creds, emu.now(), vhost ? { virtualHostBucket: vhost } : {});
  const qs = encodeQuery(query);
  return send(method, qs ? `${path}?${qs}` : path, { ...headers, ...signed, ...(vhost ? { Host: `${vhost}.oos.localhost:${port}` } : {}) }, body);
}

describe('OOS dialect', () => {
  const bucket = 'dialect-test';

  it('creates a bucket and object with V2, then reads them virtual-hosted', async () => {
    expect((await v2('PUT', `/${bucket}`)).status).toBe(200);
    expect((await v2('PUT', `/${bucket}/${encodeKeyPath('虚拟 host+.txt')}`, [], { 'Content-Type': 'text/plain' }, 'vhost body')).status).toBe(200);
    const got = await v2('GET', `/${encodeKeyPath('虚拟 host+.txt')}`, [], {}, undefined, bucket);
    expect(got.status).toBe(200);
    expect(got.body).toBe('vhost body');
    const listed = await v2('GET', '/', [['prefix', '虚拟']], {}, undefined, bucket);
    expect(listed.body).toContain('<Key>虚拟 host+.txt</Key>');
  });

  it('serves presigned V2 and V4 GETs until they expire', async () => {
    const path = `/${bucket}/${encodeKeyPath('虚拟 host+.txt')}`;
    const now = emu.now();
    const q2 = presignS3V2(
      { method: 'GET', path, query: [['response-content-type', 'application/x-custom']], headers: {} },
      creds,
      Math.floor(now.getTime() / 1000) + 60,
    );
    const url2 = `${path}?${encodeQuery([['response-content-type', 'application/x-custom'], ...q2.query])}`;
    const ok2 = await send('GET', url2);
    expect(ok2.status).toBe(200);
    expect(ok2.headers['content-type']).toBe('application/x-custom');
    const q4 = presignS3V4({ method: 'GET', origin: `http://127.0.0.1:${port}`, path, query: [], headers: {} }, creds, now, { region: 'cn', expiresIn: 60 });
    const url4 = `${path}?${encodeQuery(q4.query)}`;
    expect((await send('GET', url4)).status).toBe(200);
    emu.setClock(() => new Date(now.getTime() + 120_000));
    try {
      for (const url of [url2, url4]) {
        const late = await send('GET', url);
        expect(late.status).toBe(403);
        expect(late.body).toContain('<Message>Request has expired</Message>');
      }
    } finally {
      emu.setClock(undefined);
    }
  });

  it('answers S3 error XML with request ids; HEAD errors have no body', async () => {
    const missing = await v2('GET', `/${bucket}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatch(
      /<Error><Code>NoSuchKey<\/Code><Message>[^<]+<\/Message><Resource>\/dialect-test\/nothing-here<\/Resource><RequestId>([0-9A-F]{16})<\/RequestId><\/Error>/,
    );
    expect(missing.body).toContain(`<RequestId>${String(missing.headers['x-amz-request-id'])}</RequestId>`);
    expect(missing.headers['x-amz-id-2']).toBeTruthy();
    const head = await v2('HEAD', `/${bucket}/nothing-here`);
    expect(head.status).toBe(404);
    expect(head.body).toBe('');
  });

  it('refuses a skewed clock, an unknown key and unsigned writes', async () => {
    const skewed = signS3V2({ method: 'GET', path: `/${bucket}`, query: [], headers: {} }, creds, new Date(Date.now() - 3600_000));
    const r1 = await send('GET', `/${bucket}`, skewed);
    expect(r1.body).toContain('<Code>RequestTimeTooSkewed</Code>');
    const unknown = signS3V4(
      { method: 'GET', origin: `http://127.0.0.1:${port}`, path: `/${bucket}`, query: [], headers: {} },
      { accessKeyId: 'nobody', secretAccessKey: 'x' },
      new Date(),
      { region: 'cn' },
    );
    expect((await send('GET', `/${bucket}`, unknown)).body).toContain('<Code>InvalidAccessKeyId</Code>');
    const anonymous = await send('PUT', `/${bucket}/anon`, {}, 'x');
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toContain('<Code>AccessDenied</Code>');
  });

  it('lets anonymous readers into a public-read bucket only', async () => {
    expect((await send('GET', `/${bucket}/${encodeKeyPath('虚拟 host+.txt')}`)).status).toBe(403);
    expect((await v2('PUT', `/${bucket}`, [['acl', '']], { 'x-amz-acl': 'public-read' })).status).toBe(200);
    expect((await send('GET', `/${bucket}/${encodeKeyPath('虚拟 host+.txt')}`)).status).toBe(200);
    expect((await send('PUT', `/${bucket}/anon`, {}, 'x')).status).toBe(403);
  });

  it('refuses V4 payloads whose declared hash header is missing', async () => {
    const signed = signS3V4({ method: 'GET', origin: `http://127.0.0.1:${port}`, path: `/${bucket}`, query: [], headers: {} }, creds, new Date(), {
      region: 'cn',
    });
    const { 'x-amz-content-sha256': _dropped, ...rest } = signed;
    expect((await send('GET', `/${bucket}`, rest)).body).toMatch(/<Code>(InvalidRequest|SignatureDoesNotMatch)<\/Code>/);
  });

  it('reports x-amz-expiration on objects an enabled lifecycle rule covers (seed 2.3.3 Expiration)', async () => {
    const rules =
      '<LifecycleConfiguration>' +
      '<Rule><ID>soon</ID><Prefix>exp/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule>' +
      '<Rule><ID>off</ID><Prefix>exp/</Prefix><Status>Disabled</Status><Expiration><Days>1</Days></Expiration></Rule>' +
      '</LifecycleConfiguration>';
    expect((await v2('PUT', `/${bucket}`, [['lifecycle', '']], { 'Content-Type': 'application/xml' }, rules)).status).toBe(200);
    const put = await v2('PUT', `/${bucket}/exp/a.txt`, [], {}, 'expiring');
    expect(put.headers['x-amz-expiration']).toMatch(/^expiry-date="[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} 00:00:00 GMT", rule-id="soon"$/);
    const head = await v2('HEAD', `/${bucket}/exp/a.txt`);
    expect(head.headers['x-amz-expiration']).toBe(put.headers['x-amz-expiration']);
    expect((await v2('GET', `/${bucket}/exp/a.txt`)).headers['x-amz-expiration']).toBe(put.headers['x-amz-expiration']);
    expect((await v2('PUT', `/${bucket}/other.txt`, [], {}, 'kept')).headers['x-amz-expiration']).toBeUndefined();
    expect((await v2('DELETE', `/${bucket}`, [['lifecycle', '']])).status).toBe(204);
    expect((await v2('HEAD', `/${bucket}/exp/a.txt`)).headers['x-amz-expiration']).toBeUndefined();
    await v2('DELETE', `/${bucket}/exp/a.txt`);
    await v2('DELETE', `/${bucket}/other.txt`);
  });

  it("takes a TriggerName of any script with inner spaces (seed 1.1: u'测试 Trigger'), not symbols", async () => {
    const xml = (name: string) =>
      `<TriggerConfiguration><Trigger><TriggerName>${name}</TriggerName><IsDefault>false</IsDefault></Trigger></TriggerConfiguration>`;
    expect((await v2('PUT', `/${bucket}`, [['trigger', '']], {}, xml('测试 Trigger'))).status).toBe(200);
    expect((await v2('GET', `/${bucket}`, [['trigger', '']])).body).toContain('<TriggerName>测试 Trigger</TriggerName>');
    for (const bad of ['bad-name!', ' lead', 'a'.repeat(21)]) {
      expect((await v2('PUT', `/${bucket}`, [['trigger', '']], {}, xml(bad))).body).toContain('<Code>InvalidArgument</Code>');
    }
    expect(
      (
        await v2('DELETE', `/${bucket}`, [
          ['trigger', ''],
          ['triggerName', '测试 Trigger'],
        ])
      ).status,
    ).toBe(204);
    expect((await v2('GET', `/${bucket}`, [['trigger', '']])).body).not.toContain('测试 Trigger');
  });

  it("reads UpdateAccessKey's IsPrimary also as the seed table spells it (Isprimary)", async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const created = await v2('POST', '/', [], form, 'Action=CreateAccessKey');
    const id = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(created.body)?.[1];
    expect(id).toBeTruthy();
    // Promoting the key would demote the one signing these requests, so the spelling is shown by its validation.
    const bad = await v2('POST', '/', [], form, `Action=UpdateAccessKey&AccessKeyId=${id}&Status=Active&Isprimary=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('IsPrimary must be true or false');
    expect((await v2('POST', '/', [], form, `Action=UpdateAccessKey&AccessKeyId=${id}&Status=Inactive&Isprimary=false`)).status).toBe(200);
    const listed = await v2('POST', '/', [], form, 'Action=ListAccessKey');
    expect(listed.body).toContain(`<AccessKeyId>${id}</AccessKeyId><Status>Inactive</Status><IsPrimary>false</IsPrimary>`);
    expect((await v2('POST', '/', [], form, `Action=DeleteAccessKey&AccessKeyId=${id}`)).status).toBe(200);
  });

  it('injects faults per operation in S3 format', async () => {
    emu.faults.set({ dialects: ['oos'], operations: ['list_objects'], errorStatus: 503, errorCount: 1 });
    const slow = await v2('GET', `/${bucket}`);
    expect(slow.status).toBe(503);
    expect(slow.body).toContain('<Code>SlowDown</Code>');
    expect((await v2('GET', `/${bucket}`)).status).toBe(200);
    emu.faults.clear();
  });
});
