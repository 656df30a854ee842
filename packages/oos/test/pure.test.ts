import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { oos, Config, ParamValidationError, StreamingBody } from '../src/index.ts';
import { S3_OPERATIONS } from '../src/client.ts';
import { copySourceHeader } from '../src/operations/headers.ts';
import { regionFromHost } from '../src/address.ts';
import { validateParams, spec } from '../src/validate.ts';
import { camelCase, encodeKeyPath } from '@yunstore/core';

const SEED_METHODS = [
  'list_buckets',
  'create_bucket',
  'get_bucket_acl',
  'list_objects',
  'delete_bucket',
  'put_bucket_policy',
  'get_bucket_policy',
  'delete_bucket_policy',
  'put_bucket_website',
  'get_bucket_website',
  'delete_bucket_website',
  'list_multipart_uploads',
  'put_bucket_logging',
  'get_bucket_logging',
  'head_bucket',
  'put_bucket_trigger',
  'get_bucket_trigger',
  'delete_bucket_trigger',
  'put_bucket_lifecycle',
  'get_bucket_lifecycle',
  'delete_bucket_lifecycle',
  'put_object',
  'get_object',
  'head_object',
  'delete_object',
  'copy_object',
  'create_multipart_upload',
  'upload_part',
  'complete_multipart_upload',
  'abort_multipart_upload',
  'list_parts',
  'upload_part_copy',
  'delete_objects',
];
const IAM_METHODS = ['create_access_key', 'delete_access_key', 'update_access_key', 'list_access_key'];
const opts = { endpoint_url: 'http://oos-hz.ctyunapi.cn', access_key_id: 'ak', secret_access_key: 'sk', use_ssl: false };

describe('client surface', () => {
  it('has every seed method under its name and camelCase alias (same function)', () => {
    const s3 = oos.client('s3', opts) as unknown as Record<string, unknown>;
    for (const name of SEED_METHODS) {
      expect(typeof s3[name], name).toBe('function');
      expect(s3[camelCase(name)], camelCase(name)).toBe(s3[name]);
    }
    const iam = oos.client('iam', opts) as unknown as Record<string, unknown>;
    for (const name of IAM_METHODS) {
      expect(typeof iam[name], name).toBe('function');
      expect(iam[camelCase(name)]).toBe(iam[name]);
    }
    expect(Object.keys(S3_OPERATIONS)).toEqual(expect.arrayContaining(SEED_METHODS));
  });

  it('resolves endpoints, regions and configs', () => {
    expect(oos.client('s3', opts).meta).toMatchObject({ endpoint_url: 'http://oos-hz.ctyunapi.cn', region_name: 'hz' });
    expect(oos.client('s3', { ...opts, endpoint_url: 'oos-cn.ctyunapi.cn' }).meta.endpoint_url).toBe('http://oos-cn.ctyunapi.cn');
    expect(oos.client('s3', { ...opts, endpoint_url: 'oos-cn.ctyunapi.cn', use_ssl: true }).meta.endpoint_url).toBe('https://oos-cn.ctyunapi.cn');
    expect(oos.client('iam', { access_key_id: 'a', secret_access_key: 'b', region_name: 'hz' }).meta.endpoint_url).toBe('http://oos-hz-iam.ctyunapi.cn');
    expect(regionFromHost('oos-hq-sh.ctyunapi.cn')).toBe('hq-sh');
    expect(regionFromHost('oos-cn-iam.ctyunapi.cn')).toBe('cn');
    expect(regionFromHost('127.0.0.1')).toBeUndefined();
    expect(oos.client('s3', { aws_access_key_id: 'a', aws_secret_access_key: 'b' }).meta.endpoint_url).toBe('http://oos-cn.ctyunapi.cn');
  });

  it('refuses bad client options', () => {
    expect(() => oos.client('s3', { endpoint_url: 'x' })).toThrow(/access_key_id/);
    expect(() => oos.client('s3', { ...opts, secret_access_key: '' })).toThrow(/secret_access_key/);
    expect(() => oos.client('sqs' as 's3', opts)).toThrow(/Unknown service/);
    expect(() => oos.client('s3', { ...opts, endpoint_url: 'ftp://x' })).toThrow(/http or https/);
    expect(() => new Config({ signature_version: 'v4' as 's3' })).toThrow(/signature_version/);
    expect(() => new Config({ connect_timeout: -1 })).toThrow(/connect_timeout/);
  });

  it('Config defaults and merge', () => {
    const c = new Config();
    expect(c.signature_version).toBe('s3');
    expect(c.totalAttempts).toBe(5);
    expect(new Config({ retries: { max_attempts: 0 } }).totalAttempts).toBe(1);
    expect(new Config({ retries: { total_max_attempts: 2, max_attempts: 9 } }).totalAttempts).toBe(2);
    const merged = new Config({ signature_version: 's3v4', read_timeout: 5 }).merge(new Config({ read_timeout: 7 }));
    expect(merged.signature_version).toBe('s3v4');
    expect(merged.read_timeout).toBe(7);
  });
});

describe('validation', () => {
  const s = spec(['Bucket', 'Key'], { Bucket: 'string', Key: 'string', PartNumber: 'integer', Metadata: 'map', Expires: 'date', CopySource: 'copySource' });
  const fails = (p: unknown, re: RegExp) => expect(() => validateParams(p, s)).toThrow(re);

  it('names missing, unknown and mistyped parameters', () => {
    fails({ Key: 'k' }, /Missing required parameter in input: "Bucket"/);
    fails({ Bucket: 'bkt', Key: 'k', Foo: 1 }, /Unknown parameter in input: "Foo"/);
    fails({ Bucket: 'bkt', Key: 5 }, /Invalid type for parameter Key/);
    fails({ Bucket: 'bkt', Key: 'k', Metadata: { a: 1 } }, /Metadata/);
    fails({ Bucket: 'bkt', Key: 'k', PartNumber: 1.5 }, /PartNumber/);
    fails({ Bucket: 'bkt', Key: 'k', PartNumber: 0 }, /valid range: 1-10000/);
    fails({ Bucket: 'bkt', Key: 'k', CopySource: { Bucket: 'b' } }, /CopySource/);
    fails({ Bucket: 'bkt', Key: 'k', AbortSignal: 'x' }, /AbortSignal/);
    fails('nope', /one object/);
  });

  it("applies the OOS naming rule to new buckets only, botocore's check elsewhere, and refuses empty keys", () => {
    const create = spec(['Bucket'], { Bucket: 'string' }, { newBucket: true });
    for (const bad of ['ab', 'UPPER', 'under_score', '-dash', 'a'.repeat(64), 'dot.', 'a..b']) {
      expect(() => validateParams({ Bucket: bad }, create)).toThrow(/Invalid bucket name/);
    }
    // An existing bucket is the server's business (the seed's delete_bucket(Bucket='NoSuchBucket') example must reach it).
    for (const ok of ['NoSuchBucket', 'under_score', 'ab']) expect(validateParams({ Bucket: ok, Key: 'k' }, s)).toBeTruthy();
    for (const bad of ['bad bucket', 'a/b', 'a'.repeat(256)]) fails({ Bucket: bad, Key: 'k' }, /Invalid bucket name/);
    fails({ Bucket: 'bkt', Key: '' }, /Key/);
    expect(validateParams({ Bucket: 'my.bucket-1', Key: 'k', Expires: new Date(), AbortSignal: new AbortController().signal }, s)).toBeTruthy();
  });

  it('throws ParamValidationError listing every problem', () => {
    try {
      validateParams({ Key: '' }, s);
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ParamValidationError);
      expect((e as Error).message.split('\n')).toHaveLength(3);
    }
  });
});

describe('CopySource', () => {
  it('encodes dict and string forms as botocore does', () => {
    expect(copySourceHeader({ Bucket: 'b', Key: '中 a+b/c' }, encodeKeyPath)).toBe('b/%E4%B8%AD%20a%2Bb/c');
    expect(copySourceHeader({ Bucket: 'b', Key: 'k', VersionId: 'v 1' }, encodeKeyPath)).toBe('b/k?versionId=v%201');
    expect(copySourceHeader('/b/a b', encodeKeyPath)).toBe('b/a%20b');
    expect(copySourceHeader('b/k?versionId=3', encodeKeyPath)).toBe('b/k?versionId=3');
  });
});

describe('StreamingBody', () => {
  const body = () => new StreamingBody(Readable.from([Buffer.from('hello '), Buffer.from('world')]), 11);

  it('read(n) returns up to n bytes then an empty Buffer', async () => {
    const b = body();
    const out: string[] = [];
    for (let c = await b.read(4); c.length > 0; c = await b.read(4)) out.push(c.toString());
    expect(out).toEqual(['hell', 'o wo', 'rld']);
    expect((await b.read()).length).toBe(0);
  });

  it('read() returns everything; iteration continues after a partial read', async () => {
    expect((await body().read()).toString()).toBe('hello world');
    const b = body();
    await b.read(2);
    const rest: string[] = [];
    for await (const chunk of b) rest.push(chunk.toString());
    expect(rest.join('')).toBe('llo world');
    const chunks: string[] = [];
    for await (const c of body().iter_chunks(5)) chunks.push(c.toString());
    expect(chunks).toEqual(['hello', ' worl', 'd']);
    expect(await body().transformToString()).toBe('hello world');
  });

  it('reports a body shorter than Content-Length', async () => {
    await expect(new StreamingBody(Readable.from([Buffer.from('abc')]), 10).read()).rejects.toThrow(/IncompleteRead/);
  });

  it('rejects a bad amt', async () => {
    await expect(body().read(-1)).rejects.toThrow(/amt/);
  });
});
