import { inspect } from 'node:util';
import { camelCase } from '@yunstore/core';
import { afterAll, describe, expect, it } from 'vitest';
import { COS_METHODS } from '../src/method-table.ts';
import { AESProvider, CosClientError, CosEncryptionClient, CosS3Client, type CosConfigOptions } from '../src/index.ts';

/**
 * The client facade built from the operation table (method-table.ts): every
 * method under both spellings, bound to its client, with the calling
 * convention, closed check and error class applied once by the dialect.
 * No request reaches a server: the dispatcher counts what would be sent.
 */
let sent = 0;
const dispatcher = {
  request() {
    sent++;
    throw new Error('no network in this test');
  },
} as unknown as CosConfigOptions['Dispatcher'];

const SECRET = 'secret-key-for-facade-test';
const options: CosConfigOptions = { Region: 'ap-guangzhou', SecretId: 'AKIDfacade', SecretKey: SECRET, Dispatcher: dispatcher, Retry: 0 };
const B = 'examplebucket-1250000000';
const client = new CosS3Client(options);
afterAll(() => client.close());

async function refused(call: () => unknown): Promise<CosClientError> {
  const error = await Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(CosClientError);
  return error as CosClientError;
}

const methods = client as unknown as Record<string, unknown>;
const prototype = CosS3Client.prototype as unknown as Record<string, unknown>;

describe('CosS3Client methods come from the operation table', () => {
  const names = Object.keys(COS_METHODS);

  it('installs every Python name and its camelCase twin as the same function', () => {
    expect(names.length).toBeGreaterThan(45);
    for (const name of names) {
      expect(typeof prototype[name], name).toBe('function');
      expect(prototype[camelCase(name)], camelCase(name)).toBe(prototype[name]);
      // Bound per instance (so detached calls work), and the twins stay one function there too.
      expect(methods[camelCase(name)], `client.${camelCase(name)}`).toBe(methods[name]);
    }
    expect(client.putObject).toBe(client.put_object);
    expect(client.listObjectsIter).toBe(client.list_objects_iter);
    expect(typeof client.copy).toBe('function');
  });

  it('has no method twice and no instance field left over from hand-written bindings', () => {
    // A twin equal to another method's name would be installed twice (`copy` is its own twin, so it counts once).
    const installed = names.flatMap((name) => (camelCase(name) === name ? [name] : [name, camelCase(name)]));
    expect(new Set(installed).size).toBe(installed.length);
    expect(Object.keys(client)).toEqual(['config']);
  });

  it('inspect and JSON.stringify show the config without methods or the secret', () => {
    for (const text of [inspect(client), inspect(client, { depth: 4 }), JSON.stringify(client)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/put_object|putObject|head_object|list_objects_iter/);
    }
  });
});

describe('the COS dialect around every call', () => {
  it('detached methods keep their client: a sync helper returns its string, a request method reaches the transport', async () => {
    const { get_object_url, head_object } = client;
    expect(get_object_url(B, 'a.txt')).toBe(`https://${B}.cos.ap-guangzhou.myqcloud.com/a.txt`);
    const before = sent;
    const error = await refused(() => head_object(B, 'a.txt'));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(sent).toBeGreaterThan(before);
  });

  it('takes the params object and the Python positional order alike', () => {
    const positional = client.get_presigned_url(B, 'a.txt', 'GET', 60);
    const keyword = client.get_presigned_url(B, 'a.txt', 'GET', { Expired: 60 } as never);
    const object = client.getPresignedUrl({ Bucket: B, Key: 'a.txt', Method: 'GET', Expired: 60 });
    for (const url of [positional, keyword, object]) expect(url).toMatch(new RegExp(`^https://${B}\\.cos\\.ap-guangzhou\\.myqcloud\\.com/a\\.txt\\?`));
  });

  it('sync helpers throw CosClientError at once; request methods reject with it', async () => {
    const tooMany = client.get_object_url as (...args: unknown[]) => string;
    expect(() => tooMany(B, 'a', 'b', 'c')).toThrow(CosClientError);
    const headObject = client.head_object as (...args: unknown[]) => Promise<unknown>;
    const error = await refused(() => headObject(B, 'k', 'extra', {}));
    expect(error.code).toBe('InvalidArgument');
  });

  it('bad arguments fail before the closed check; after close() requests fail with ClientClosed, helpers still work', async () => {
    const closed = new CosS3Client(options);
    await closed.close();
    const before = sent;
    const headObject = closed.head_object as (...args: unknown[]) => Promise<unknown>;
    const bad = await refused(() => headObject({ Bucket: B, Key: 'k' }, { extra: 1 }));
    expect(bad.code).toBe('InvalidArgument');
    const shut = await refused(() => closed.headObject(B, 'k'));
    expect(shut.code).toBe('ClientClosed');
    expect(shut.message).toMatch(/head_object: this CosS3Client was closed/);
    expect(typeof closed.get_auth('GET', B, 'k')).toBe('string');
    expect(sent).toBe(before);
  });

  it('list_objects_iter returns an async generator at once; its pages check the client and fail as COS errors', async () => {
    const closed = new CosS3Client(options);
    await closed.close();
    const iter = closed.list_objects_iter(B, 'logs/');
    expect(typeof iter[Symbol.asyncIterator]).toBe('function');
    const shut = await refused(() => iter.next());
    expect(shut.code).toBe('ClientClosed');
    expect(shut.message).toMatch(/list_objects: this CosS3Client was closed/);

    const failing = await refused(() => client.listObjectsIter({ Bucket: B }).next());
    expect(failing.code).not.toBe('ClientClosed');
  });
});

describe('CosEncryptionClient methods come from its own operation table', () => {
  const AES_KEY = Buffer.alloc(32, 7).toString('base64');
  const encrypted = new CosEncryptionClient(options, new AESProvider({ aes_key: AES_KEY }));
  afterAll(() => encrypted.close());
  const own = encrypted as unknown as Record<string, unknown>;
  const NAMES = [
    'put_object',
    'put_object_from_local_file',
    'get_object',
    'create_multipart_upload',
    'upload_part',
    'complete_multipart_upload',
    'abort_multipart_upload',
    'list_parts',
    'head_object',
    'object_exists',
    'delete_object',
    'upload_file',
    'download_file',
  ];

  it('has every method under both spellings, the same bound function, and only its state fields', () => {
    for (const name of NAMES) {
      expect(typeof own[name], name).toBe('function');
      expect(own[camelCase(name)], camelCase(name)).toBe(own[name]);
    }
    expect(Object.keys(encrypted).sort()).toEqual(['config', 'provider']);
    for (const text of [inspect(encrypted, { depth: 4 }), JSON.stringify(encrypted)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(AES_KEY);
      expect(text).not.toMatch(/put_object|putObject/);
    }
  });

  it('detached calls work; checks fail as CosClientError before any request; pass-throughs reach the plain client', async () => {
    const { upload_part, headObject } = encrypted;
    const unknown = await refused(() => upload_part(B, 'k', 'data', 1, 'not-started-here'));
    expect(unknown.code).toBe('UnknownEncryptedUpload');
    const putObject = encrypted.put_object as (...args: unknown[]) => Promise<unknown>;
    const bad = await refused(() => putObject({ Bucket: B, Key: 'k', Body: 'x' }, {}));
    expect(bad.code).toBe('InvalidArgument');
    await encrypted.close();
    const shut = await refused(() => headObject(B, 'k'));
    expect(shut.code).toBe('ClientClosed');
  });
});
