/**
 * Issue 13 (OOS): what botocore refuses before sending, refused here before
 * sending too. Every client points at a counting dispatcher, so "before any
 * request" is checked, not assumed.
 */
import { describe, expect, it } from 'vitest';
import { oos, Config, ParamValidationError, type S3Client } from '../src/index.ts';
import { S3_OPERATIONS } from '../src/client.ts';
import { countingDispatcher } from './undici.ts';

function countedClient(): { client: S3Client; requests: () => number } {
  const counter = countingDispatcher(() => true);
  const client = oos.client('s3', {
    // Nothing listens on port 1: a request that slipped through would fail as a NetworkError, not a ParamValidationError.
    endpoint_url: 'http://127.0.0.1:1',
    access_key_id: 'ak',
    secret_access_key: 'sk',
    config: new Config({ dispatcher: counter.dispatcher, retries: { max_attempts: 0 } }),
  });
  return { client, requests: counter.count };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('Config refuses unknown options with TypeError, as botocore does', () => {
  it('a misspelled option is a TypeError naming it, not a silent V2 client', () => {
    expect(() => new Config({ signature_versoin: 's3v4' } as never)).toThrow(TypeError);
    expect(() => new Config({ signature_versoin: 's3v4' } as never)).toThrow(/unexpected keyword argument 'signature_versoin'/);
  });

  it('nested option groups are checked too', () => {
    expect(() => new Config({ retries: { max_attempt: 3 } } as never)).toThrow(/'max_attempt' in Config retries/);
    expect(() => new Config({ retries: { mode: 'fast' } } as never)).toThrow(TypeError);
    expect(() => new Config({ s3: { addresing_style: 'path' } } as never)).toThrow(/'addresing_style'/);
    expect(() => new Config({ s3: { addressing_style: 'sideways' } } as never)).toThrow(TypeError);
    expect(() => new Config({ proxies: { ftp: 'http://p:1' } } as never)).toThrow(/'ftp'/);
    expect(() => new Config({ retries: 3 } as never)).toThrow(/retries must be an object/);
  });

  it('botocore options this client does not implement are named as such', () => {
    expect(() => new Config({ tcp_keepalive: true } as never)).toThrow(/'tcp_keepalive' is not supported/);
  });

  it('a non-object argument is a TypeError', () => {
    expect(() => new Config('s3v4' as never)).toThrow(TypeError);
  });

  it('valid options still work, and merge keeps them', () => {
    const merged = new Config({ signature_version: 's3v4', retries: { mode: 'standard', total_max_attempts: 2 } }).merge(new Config({ read_timeout: 5 }));
    expect(merged.signature_version).toBe('s3v4');
    expect(merged.read_timeout).toBe(5);
    expect(merged.totalAttempts).toBe(2);
  });

  it('oos.client() refuses an unexpected keyword (a misspelled endpoint_url must not reach the default endpoint)', () => {
    expect(() => oos.client('s3', { endpont_url: 'http://127.0.0.1:1', access_key_id: 'a', secret_access_key: 's' } as never)).toThrow(
      /unexpected keyword argument 'endpont_url'/,
    );
  });
});

describe('ParamValidationError before sending', () => {
  it('non-ASCII metadata, as botocore ("Non ascii characters found in S3 metadata")', async () => {
    const { client, requests } = countedClient();
    const calls: Array<() => Promise<unknown>> = [
      () => client.put_object({ Bucket: 'b', Key: 'k', Body: 'x', Metadata: { author: '张三' } }),
      () => client.put_object({ Bucket: 'b', Key: 'k', Body: 'x', Metadata: { 作者: 'zhang' } }),
      () => client.copy_object({ Bucket: 'b', Key: 'k', CopySource: 'b/src', Metadata: { author: '张三' }, MetadataDirective: 'REPLACE' }),
      () => client.create_multipart_upload({ Bucket: 'b', Key: 'k', Metadata: { author: 'café' } }),
      () => client.upload_fileobj(Buffer.from('x'), 'b', 'k', { Metadata: { author: '张三' } }),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(ParamValidationError);
      expect((error as Error).message).toMatch(/Non ascii characters found in S3 metadata for key "(author|作者)"/);
    }
    expect(requests()).toBe(0);
    await client.close();
  });

  it('Body: {} (and other non-bodies) is a ParamValidationError, not a bare TypeError', async () => {
    const { client, requests } = countedClient();
    for (const body of [{}, { length: 3 }, 42, true]) {
      const put = await rejection(client.put_object({ Bucket: 'b', Key: 'k', Body: body as never }));
      expect(put).toBeInstanceOf(ParamValidationError);
      expect((put as Error).message).toMatch(/Invalid type for parameter Body/);
      const part = await rejection(client.upload_part({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1, Body: body as never }));
      expect(part).toBeInstanceOf(ParamValidationError);
    }
    expect(requests()).toBe(0);
    await client.close();
  });

  it('every object operation refuses an empty Key before any request', async () => {
    const { client, requests } = countedClient();
    const filler: Record<string, unknown> = { Bucket: 'b', UploadId: 'u', PartNumber: 1, CopySource: 'b/src', ACL: 'private' };
    const objectOps = Object.entries(S3_OPERATIONS).filter(([, op]) => op.spec.required.includes('Key'));
    expect(objectOps.map(([name]) => name).sort()).toEqual(
      [
        'abort_multipart_upload',
        'complete_multipart_upload',
        'copy_object',
        'create_multipart_upload',
        'delete_object',
        'get_object',
        'get_object_acl',
        'head_object',
        'list_parts',
        'put_object',
        'put_object_acl',
        'upload_part',
        'upload_part_copy',
      ].sort(),
    );
    const methods = client as unknown as Record<string, (p: unknown) => Promise<unknown>>;
    for (const [name, op] of objectOps) {
      const params = Object.fromEntries(op.spec.required.map((p) => [p, filler[p]]));
      const error = await rejection(methods[name]!({ ...params, Key: '' }));
      expect(error, name).toBeInstanceOf(ParamValidationError);
      expect((error as Error).message, name).toMatch(/Invalid length for parameter Key/);
    }
    // A copy whose source key is empty would address the source bucket.
    for (const CopySource of ['b/', 'b', { Bucket: 'b', Key: '' }]) {
      const error = await rejection(client.copy_object({ Bucket: 'b', Key: 'k', CopySource }));
      expect(error).toBeInstanceOf(ParamValidationError);
    }
    // The managed transfers and presigned URLs too.
    for (const call of [
      () => client.upload_fileobj(Buffer.from('x'), 'b', ''),
      () => client.download_fileobj('b', '', process.stdout),
      () => client.copy({ Bucket: 'b', Key: 'k' }, 'b', ''),
      () => client.delete_objects({ Bucket: 'b', Delete: { Objects: [{ Key: '' }] } }),
    ]) {
      expect(await rejection(call())).toBeInstanceOf(ParamValidationError);
    }
    expect(() => client.generate_presigned_url('get_object', { Bucket: 'b', Key: '' })).toThrow(ParamValidationError);
    expect(requests()).toBe(0);
    await client.close();
  });

  it('CreateBucketConfiguration is checked as a dict', async () => {
    const { client, requests } = countedClient();
    const wrongMember = await rejection(client.create_bucket({ Bucket: 'bucket', CreateBucketConfiguration: { LocationConstrain: 'cn' } as never }));
    expect(wrongMember).toBeInstanceOf(ParamValidationError);
    expect((wrongMember as Error).message).toMatch(/Unknown parameter in CreateBucketConfiguration: "LocationConstrain"/);
    const noType = await rejection(client.create_bucket({ Bucket: 'bucket', CreateBucketConfiguration: { DataLocationConstraint: {} } as never }));
    expect((noType as Error).message).toMatch(/Missing required parameter in CreateBucketConfiguration.DataLocationConstraint: "Type"/);
    expect(await rejection(client.create_bucket({ Bucket: 'bucket', CreateBucketConfiguration: 7 as never }))).toBeInstanceOf(ParamValidationError);
    expect(requests()).toBe(0);
    await client.close();
  });
});
