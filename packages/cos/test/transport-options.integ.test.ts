import { readFileSync } from 'node:fs';
import { format, inspect } from 'node:util';
import type { RequestLogEntry } from '@yunstore/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosConfig, CosS3Client } from '../src/index.ts';
import { SECRET_KEY, startHarness, stopHarness, TMP_TOKEN, type Harness } from './helpers.ts';

let h: Harness;
const B = 'options-1250000000';
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

beforeAll(async () => {
  h = await startHarness();
  await h.client.create_bucket({ Bucket: B });
});
afterAll(async () => {
  await stopHarness(h);
});

describe('transport options of CosConfig', () => {
  it('logger gets one entry per attempt: method, URL without query, status, request id', async () => {
    const entries: RequestLogEntry[] = [];
    const c = new CosS3Client(h.options({ logger: (entry) => entries.push(entry) }));
    try {
      await c.put_object({ Bucket: B, Key: 'logged.txt', Body: 'x' });
      await c.list_objects({ Bucket: B, Prefix: 'logged' });
    } finally {
      await c.close();
    }
    expect(entries.map((e) => [e.method, e.status])).toEqual([
      ['PUT', 200],
      ['GET', 200],
    ]);
    expect(entries[0]?.url).toBe(`http://127.0.0.1:${h.port}/${B}/logged.txt`);
    expect(entries[1]?.url).not.toContain('?');
    expect(entries[0]?.requestId).toBeTruthy();
    expect(JSON.stringify(entries)).not.toContain('q-signature');
  });

  it("the User-Agent names the package's real version, Node and the platform", () => {
    const config = new CosConfig(h.options());
    expect(config.UA).toBe(`yunstore-cos/${pkg.version} node/${process.versions.node} ${process.platform}-${process.arch}`);
  });

  it('SecretKey and Token stay readable but never show in inspect, %o, JSON.stringify or Object.entries', () => {
    const config = new CosConfig(h.options({ Token: TMP_TOKEN }));
    expect(config.SecretKey).toBe(SECRET_KEY);
    expect(config.Token).toBe(TMP_TOKEN);
    const client = new CosS3Client(config);
    for (const text of [inspect(config), format('%o', config), JSON.stringify(config), JSON.stringify(Object.entries(config)), inspect(client, { depth: 5 })]) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(TMP_TOKEN);
    }
    return client.close();
  });
});
