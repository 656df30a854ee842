/**
 * Issue 13 (BOS) checks that need no server: Python's TypeError for unknown
 * keyword options, argument error codes, object calls that must never become
 * bucket calls, and the pure helpers behind HEAD codes, header text and the
 * Python configuration fields. The client points at a closed port: a request
 * that slipped past a check would fail as `BceHttpClientError`, not as the
 * argument error each test expects.
 */
import { describe, expect, it } from 'vitest';
import { BceClientConfiguration, BceCredentials, BceHttpClientError, BceInvalidArgumentError, BosClient, NoRetryPolicy, ValueError } from '../src/index.ts';
import { proxyUri, sessionTokenOf } from '../src/config.ts';
import { headErrorCode } from '../src/head-errors.ts';
import { knownOptions } from '../src/options.ts';
import { decodeHeaderValue } from '../src/response.ts';

const client = new BosClient(
  new BceClientConfiguration({ credentials: new BceCredentials('ak', 'sk'), endpoint: 'http://127.0.0.1:9', retry_policy: new NoRetryPolicy() }),
);
const loose = client as unknown as Record<string, (...args: unknown[]) => unknown>;

/** The error a call ends with (generators are started so their checks run); undefined when it succeeds. */
async function failure(call: () => unknown): Promise<unknown> {
  try {
    const result = call();
    if (result && typeof (result as AsyncGenerator).next === 'function') await (result as AsyncGenerator).next();
    else await result;
  } catch (error) {
    return error;
  }
  return undefined;
}

const B = 'good-bucket';
const MD5 = 'kAFQmDzST7DWlj99KOF/cg==';
const PART_LIST = [{ partNumber: 1, eTag: 'e' }];

/** Every object operation, with `key` in the position Python gives it, and one valid value for each other argument. */
const OBJECT_CALLS: Record<string, (key: string) => unknown[]> = {
  get_object: (k) => [B, k],
  get_object_as_string: (k) => [B, k],
  get_object_to_file: (k) => [B, k, '/tmp/yunstore-never-written'],
  get_object_meta_data: (k) => [B, k],
  put_object: (k) => [B, k, 'abc', 3, MD5],
  put_object_from_string: (k) => [B, k, 'abc'],
  put_object_from_file: (k) => [B, k, '/nonexistent/file'],
  delete_object: (k) => [B, k],
  generate_pre_signed_url: (k) => [B, k],
  'copy_object (source)': (k) => [B, k, B, 'target'],
  'copy_object (target)': (k) => [B, 'source', B, k],
  initiate_multipart_upload: (k) => [B, k],
  upload_part: (k) => [B, k, 'u', 1, 3, Buffer.from('abc')],
  upload_part_from_file: (k) => [B, k, 'u', 1, 3, '/nonexistent/file', 0],
  'upload_part_copy (source)': (k) => [B, k, B, 'target', 'u', 1, 3, 0],
  'upload_part_copy (target)': (k) => [B, 'source', B, k, 'u', 1, 3, 0],
  complete_multipart_upload: (k) => [B, k, 'u', PART_LIST],
  abort_multipart_upload: (k) => [B, k, 'u'],
  list_parts: (k) => [B, k, 'u'],
  list_all_parts: (k) => [B, k, 'u'],
  delete_multiple_objects: (k) => [B, [k]],
  upload_file: (k) => [B, k, '/nonexistent/file'],
  put_super_obejct_from_file: (k) => [B, k, '/nonexistent/file'],
  download_file: (k) => [B, k, '/tmp/yunstore-never-written'],
  'copy (source)': (k) => [B, k, B, 'target'],
  'copy (target)': (k) => [B, 'source', B, k],
};

describe('an object call never becomes a bucket call', () => {
  for (const [label, args] of Object.entries(OBJECT_CALLS)) {
    const method = label.split(' ')[0]!;
    for (const key of ['/', '//', '///']) {
      it(`${label} refuses key ${JSON.stringify(key)} before any request`, async () => {
        const error = await failure(() => loose[method]!(...args(key)));
        expect(error).toBeInstanceOf(BceInvalidArgumentError);
        expect((error as BceInvalidArgumentError).code).toBe('InvalidObjectName');
      });
    }
    it(`${label} refuses an empty key before any request`, async () => {
      const error = await failure(() => loose[method]!(...args('')));
      expect(error instanceof ValueError || error instanceof BceInvalidArgumentError).toBe(true);
    });
  }
});

describe('unknown keyword options raise TypeError, as Python does', () => {
  it('names the misspelt option and suggests the right one', async () => {
    const error = await failure(() => client.put_object_from_string(B, 'k', 'text', { contnet_type: 'text/plain' } as never));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("put_object_from_string() got an unexpected keyword argument 'contnet_type' (did you mean 'content_type'?)");
  });

  const calls: Array<[string, () => unknown]> = [
    ['list_buckets', () => client.list_buckets({ max_keys: 1 } as never)],
    ['create_bucket', () => client.create_bucket(B, { acl: 'private' } as never)],
    ['list_objects', () => client.list_objects(B, { maxKeys: 10 } as never)],
    ['list_all_objects', () => client.list_all_objects(B, { marker: 'a' } as never)],
    ['put_object', () => client.put_object(B, 'k', 'abc', 3, MD5, { user_meta: {} } as never)],
    ['put_object_from_file', () => client.put_object_from_file(B, 'k', '/nonexistent/file', { contentType: 'x' } as never)],
    ['get_object', () => client.get_object(B, 'k', { ranges: [0, 1] } as never)],
    ['get_object_to_file', () => client.get_object_to_file(B, 'k', '/tmp/x', { progress: () => undefined } as never)],
    ['get_object_meta_data', () => client.get_object_meta_data(B, 'k', { range: [0, 1] } as never)],
    ['generate_pre_signed_url', () => client.generate_pre_signed_url(B, 'k', { expiration: 60 } as never)],
    ['copy_object', () => client.copy_object(B, 'a', B, 'b', { metadata_directive: 'copy' } as never)],
    ['delete_object', () => client.delete_object(B, 'k', { version_id: 'v' } as never)],
    ['initiate_multipart_upload', () => client.initiate_multipart_upload(B, 'k', { user_metadata: {} } as never)],
    ['upload_part', () => client.upload_part(B, 'k', 'u', 1, 3, 'abc', { content_md5: MD5 } as never)],
    ['upload_part_from_file', () => client.upload_part_from_file(B, 'k', 'u', 1, 3, '/nonexistent/file', 0, { md5: MD5 } as never)],
    ['complete_multipart_upload', () => client.complete_multipart_upload(B, 'k', 'u', PART_LIST, { metadata: {} } as never)],
    ['list_parts', () => client.list_parts(B, 'k', 'u', { max_uploads: 1 } as never)],
    ['list_multipart_uploads', () => client.list_multipart_uploads(B, { max_keys: 1 } as never)],
    ['upload_file', () => client.upload_file(B, 'k', '/nonexistent/file', { partsize: 1 } as never)],
    ['download_file', () => client.download_file(B, 'k', '/tmp/x', { threads: 2 } as never)],
    ['copy', () => client.copy(B, 'a', B, 'b', { user_headers: {} } as never)],
    ['delete_prefix', () => client.delete_prefix(B, 'p/', { part_size: 1 } as never)],
  ];
  for (const [method, call] of calls) {
    it(`${method} refuses an option it does not take`, async () => {
      const error = await failure(call);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(new RegExp(`^${method}\\(\\) got an unexpected keyword argument`));
    });
  }

  it('every method still takes signal and config, and an option set to undefined counts as absent', () => {
    expect(knownOptions('delete_object')).toEqual(['signal', 'config']);
    expect(() => client.generate_pre_signed_url(B, 'k', { signal: AbortSignal.timeout(1000), headers_to_sign: undefined } as never)).not.toThrow();
  });

  it('refuses an options argument that is not an object', async () => {
    expect(await failure(() => client.delete_object(B, 'k', 'force' as never))).toBeInstanceOf(TypeError);
  });
});

describe('progress_callback', () => {
  for (const [method, call] of [
    ['put_object', () => client.put_object(B, 'k', 'abc', 3, MD5, { progress_callback: 5 } as never)],
    ['put_object_from_string', () => client.put_object_from_string(B, 'k', 'abc', { progress_callback: 'yes' } as never)],
    ['get_object_to_file', () => client.get_object_to_file(B, 'k', '/tmp/x', { progress_callback: {} } as never)],
    ['upload_part', () => client.upload_part(B, 'k', 'u', 1, 3, 'abc', { progress_callback: true } as never)],
  ] as const) {
    it(`${method}: a progress_callback that is not a function is a TypeError before any request`, async () => {
      const error = await failure(call);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain('progress_callback');
    });
  }
});

describe('argument error codes', () => {
  it('BceInvalidArgumentError carries the code BOS gives the same fault', async () => {
    const bucket = await failure(() => client.create_bucket('Bad_Bucket'));
    expect(bucket).toBeInstanceOf(BceInvalidArgumentError);
    expect((bucket as BceInvalidArgumentError).code).toBe('InvalidBucketName');
    const key = await failure(() => client.get_object(B, 'k'.repeat(1024)));
    expect((key as BceInvalidArgumentError).code).toBe('InvalidObjectName');
    expect(new BceInvalidArgumentError('x').code).toBe('InvalidArgument');
  });

  it('a missing local file is the argument error, not a request failure', async () => {
    const error = await failure(() => client.put_object_from_file(B, 'k', '/nonexistent/file'));
    expect(error).toBeInstanceOf(BceInvalidArgumentError);
    expect(error).not.toBeInstanceOf(BceHttpClientError);
    expect((error as BceInvalidArgumentError).code).toBe('InvalidArgument');
  });
});

describe('user metadata that cannot travel as a header fails at once', () => {
  it('a lone surrogate or a bad name is BceInvalidArgumentError naming the entry, not a retried network error', async () => {
    const error = await failure(() => client.put_object_from_string(B, 'k', 'x', { user_metadata: { author: 'a\ud800' } }));
    expect(error).toBeInstanceOf(BceInvalidArgumentError);
    expect((error as Error).message).toContain('user_metadata["author"]');
    const badName = await failure(() => client.put_object_from_string(B, 'k', 'x', { user_metadata: { 'a b': 'v' } }));
    expect(badName).toBeInstanceOf(BceInvalidArgumentError);
  });

  it('a line break is refused too, for every call that takes user_metadata', async () => {
    const meta = { user_metadata: { note: 'a\r\nInjected: yes' } };
    for (const call of [
      () => client.put_object(B, 'k', 'abc', 3, MD5, meta),
      () => client.copy_object(B, 'a', B, 'b', meta),
      () => client.complete_multipart_upload(B, 'k', 'u', PART_LIST, meta),
      () => client.upload_file(B, 'k', '/nonexistent/file', meta),
    ]) {
      expect(await failure(call)).toBeInstanceOf(BceInvalidArgumentError);
    }
  });
});

describe('pure helpers', () => {
  it('headErrorCode: the code a HEAD status implies', () => {
    expect(headErrorCode(404, 'object')).toBe('NoSuchKey');
    expect(headErrorCode(404, 'bucket')).toBe('NoSuchBucket');
    expect(headErrorCode(403, 'object')).toBe('AccessDenied');
    expect(headErrorCode(412, 'object')).toBe('PreconditionFailed');
    expect(headErrorCode(418, 'object')).toBe('Http418');
  });

  it('decodeHeaderValue: UTF-8 bytes received one char per byte become text; anything else is kept', () => {
    const wire = Buffer.from('张三', 'utf8').toString('latin1');
    expect(decodeHeaderValue(wire)).toBe('张三');
    expect(decodeHeaderValue('plain')).toBe('plain');
    expect(decodeHeaderValue('caf\u00e9')).toBe('caf\u00e9'); // a lone latin-1 byte is not UTF-8
    expect(decodeHeaderValue('张三')).toBe('张三');
  });

  it("BceClientConfiguration has Python's security_token, proxy_host and proxy_port", () => {
    const config = new BceClientConfiguration({ security_token: 'sts-token', proxy_host: 'proxy.local', proxy_port: 3128 });
    expect(config.security_token).toBe('sts-token');
    expect(config.proxy_port).toBe(3128);
    expect(proxyUri(config)).toBe('http://proxy.local:3128');
    expect(proxyUri({ proxy_host: 'localhost:8080', proxy_port: undefined })).toBe('http://localhost:8080');
    expect(proxyUri({ proxy_host: 'http://p:1', proxy_port: 2 })).toBe('http://p:1');
    expect(proxyUri({ proxy_host: undefined, proxy_port: 3128 })).toBeUndefined();
    expect(sessionTokenOf({ security_token: 'a', credentials: new BceCredentials('ak', 'sk', 'b') })).toBe('a');
    expect(sessionTokenOf({ security_token: undefined, credentials: new BceCredentials('ak', 'sk', 'b') })).toBe('b');
  });
});
