/** Start buckets (option and --bucket), reset() and --version: the emulator as a test tool. */
import { readFile } from 'node:fs/promises';
import type { HttpMethod } from '@yunstore/core';
import { signS3V2 } from '@yunstore/core/sign';
import { afterEach, describe, expect, it } from 'vitest';
import { main, parseCli, UsageError, VERSION } from '../src/cli-main.ts';
import { parseBucketSpec, startEmulator, type Emulator } from '../src/index.ts';

const KEY = { accessKeyId: 'AKIDyunstoreEMULATOR', secretAccessKey: 'yunstore-emulator-secret' };
let running: Emulator | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A signed OOS request (S3 V2), answering status and body text. `target` may carry a query (`/b/k?uploads`). */
async function oos(emu: Emulator, method: HttpMethod, target: string, body?: string, key = KEY): Promise<{ status: number; body: string }> {
  const [path = '/', search = ''] = target.split('?');
  const query = [...new URLSearchParams(search)];
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'text/plain' };
  Object.assign(headers, signS3V2({ method, path, query, headers }, key, new Date()));
  const res = await fetch(`${emu.endpoints.oos}${target}`, { method, headers, ...(body !== undefined && { body }) });
  return { status: res.status, body: await res.text() };
}

const names = (xml: string): string[] => [...xml.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1]!).sort();

describe('startEmulator({ buckets })', () => {
  it('creates the buckets, each with its dialect location and the first key as owner', async () => {
    const emu = (running = await startEmulator({
      buckets: ['cos:examplebucket-1250000000', 'nos:nos-bucket', { dialect: 'bos', name: 'bos-bucket', acl: 'public-read' }],
    }));
    const records = await emu.store.listBuckets();
    expect(records.map((b) => [b.name, b.location, b.owner, b.acl]).sort()).toEqual([
      ['bos-bucket', 'bj', '100000000001', 'public-read'],
      ['examplebucket-1250000000', 'ap-guangzhou', '100000000001', 'private'],
      ['nos-bucket', 'HZ', '100000000001', 'private'],
    ]);
    // Every dialect sees them (one shared store): OOS lists all three.
    const listing = await oos(emu, 'GET', '/');
    expect(listing.status).toBe(200);
    expect(names(listing.body)).toEqual(['bos-bucket', 'examplebucket-1250000000', 'nos-bucket']);
  });

  it('gives the buckets to the owner of the first start key', async () => {
    const key = { accessKeyId: 'AK1', secretAccessKey: 'SK1', owner: '200000000002' };
    const emu = (running = await startEmulator({ credentials: [key], buckets: ['oos:mine'] }));
    expect((await emu.store.getBucket('mine'))?.owner).toBe('200000000002');
    expect(names((await oos(emu, 'GET', '/', undefined, key)).body)).toEqual(['mine']);
  });

  it('refuses bad specs and names by the dialect rules, and a name given twice', async () => {
    await expect(startEmulator({ buckets: ['examplebucket'] })).rejects.toThrow(/<dialect>:<name>/);
    await expect(startEmulator({ buckets: ['s3:bucket'] })).rejects.toThrow(/dialect must be one of cos, bos, oos, nos/);
    await expect(startEmulator({ buckets: ['cos:no-appid'] })).rejects.toThrow(/not a valid cos bucket name/);
    await expect(startEmulator({ buckets: ['nos:Upper'] })).rejects.toThrow(/not a valid nos bucket name/);
    await expect(startEmulator({ buckets: ['oos:same', 'nos:same'] })).rejects.toThrow(/given twice/);
    expect(parseBucketSpec('oos:a.b-c')).toEqual({ dialect: 'oos', name: 'a.b-c' });
  });
});

describe('emulator.reset()', () => {
  it('empties the store and recreates the start buckets, empty', async () => {
    const emu = (running = await startEmulator({ buckets: ['oos:kept'] }));
    expect((await oos(emu, 'PUT', '/kept/a.txt', 'a')).status).toBe(200);
    expect((await oos(emu, 'PUT', '/later')).status).toBe(200);
    expect((await oos(emu, 'PUT', '/later/b.txt', 'b')).status).toBe(200);
    const upload = await oos(emu, 'POST', '/kept/big?uploads');
    expect(upload.status).toBe(200);

    await emu.reset();

    expect(names((await oos(emu, 'GET', '/')).body)).toEqual(['kept']);
    const listing = await oos(emu, 'GET', '/kept');
    expect(listing.status).toBe(200);
    expect(listing.body).not.toContain('<Contents>');
    expect(await emu.store.listUploads('kept')).toEqual([]);
    expect((await oos(emu, 'GET', '/later')).status).toBe(404);
  });

  it('removes every version and delete marker of a versioned bucket', async () => {
    const emu = (running = await startEmulator({ buckets: ['cos:versioned-1250000000'] }));
    await emu.store.updateBucket('versioned-1250000000', { versioning: 'Enabled' });
    await emu.store.putObject('versioned-1250000000', 'k', Buffer.from('one'), {});
    await emu.store.putObject('versioned-1250000000', 'k', Buffer.from('two'), {});
    await emu.store.removeObject('versioned-1250000000', 'k');
    expect((await emu.store.listVersions('versioned-1250000000', { maxKeys: 10 })).entries).toHaveLength(3);

    await emu.reset();

    const bucket = await emu.store.getBucket('versioned-1250000000');
    expect(bucket?.versioning).toBeUndefined();
    expect((await emu.store.listVersions('versioned-1250000000', { maxKeys: 10 })).entries).toEqual([]);
  });

  it('restores the start keys and fault rules', async () => {
    const emu = (running = await startEmulator({ faults: { operations: ['put_object'], errorCount: 1 } }));
    const extra = emu.credentials.create('100000000002');
    emu.credentials.update(KEY.accessKeyId, { status: 'Inactive' });
    emu.faults.clear();

    await emu.reset();

    expect(emu.credentials.lookup(extra.accessKeyId)).toBeUndefined();
    expect(emu.credentials.lookup(KEY.accessKeyId)?.secretAccessKey).toBe(KEY.secretAccessKey);
    expect(emu.faults.rules()).toEqual([{ operations: ['put_object'], errorCount: 1 }]);
  });
});

describe('yunstore-emulator --bucket and --version', () => {
  it('creates repeated --bucket flags and prints them', async () => {
    const lines: string[] = [];
    const emu = (running = await main(['--bucket', 'cos:examplebucket-1250000000', '--bucket', 'nos:nos-bucket'], { log: (l) => lines.push(l) }));
    expect(lines).toContain('  bucket      cos:examplebucket-1250000000');
    expect(lines).toContain('  bucket      nos:nos-bucket');
    expect((await emu!.store.listBuckets()).map((b) => b.name).sort()).toEqual(['examplebucket-1250000000', 'nos-bucket']);
  });

  it('rejects a bad --bucket as a usage error naming the flag', () => {
    expect(() => parseCli(['--bucket', 'cos:bad'])).toThrow(UsageError);
    expect(() => parseCli(['--bucket', 'cos:bad'])).toThrow(/^--bucket: cos:bad|--bucket: bad is not a valid cos bucket name/);
    expect(() => parseCli(['--bucket', 'nos:a1b', '--bucket', 'oos:a1b'])).toThrow(/--bucket: a1b is given twice/);
  });

  it('prints the package version for --version and -v, without starting', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    for (const flag of ['--version', '-v']) {
      const lines: string[] = [];
      expect(await main([flag], { log: (l) => lines.push(l) })).toBeUndefined();
      expect(lines).toEqual([pkg.version]);
    }
  });
});
