/**
 * The client facade as the operation table defines it: every method under
 * its Python name, camelCase twin and @baiducloud/sdk alias (one function),
 * detached calls, synchronous helpers and generators, bad arguments refused
 * before any request, and nothing but state shown by `inspect`.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BceClientConfiguration,
  BceCredentials,
  BceInvalidArgumentError,
  BOS_TRANSFER_LIMITS,
  BosClient,
  METHOD_ALIASES,
  NoRetryPolicy,
  TRANSFER_METHOD_ALIASES,
  ValueError,
} from '../src/index.ts';
import { startBosEmulator, type TestEmulator } from './emulator.ts';

const B = 'facade-bucket';
/** @baiducloud/sdk's spellings of two methods, beside the derived twins. */
const SDK_SPELLINGS = { get_object_meta_data: 'getObjectMetadata', generate_pre_signed_url: 'generatePresignedUrl' } as const;

let emu: TestEmulator;
let client: BosClient;

beforeAll(async () => {
  emu = await startBosEmulator();
  client = new BosClient(new BceClientConfiguration({ credentials: new BceCredentials(emu.accessKeyId, emu.secretAccessKey), endpoint: emu.endpoint }));
  await client.create_bucket(B);
}, 60_000);
afterAll(async () => {
  await client.close();
  await emu.stop();
});

/** A client whose every request would fail to connect: an argument error proves no request was made. */
function unreachable(): BosClient {
  return new BosClient(
    new BceClientConfiguration({
      credentials: new BceCredentials('AKIDunreachable', 'unreachable-secret'),
      endpoint: '127.0.0.1:1',
      retry_policy: new NoRetryPolicy(),
    }),
  );
}

describe('names', () => {
  const proto = BosClient.prototype as unknown as Record<string, unknown>;
  const seedNames = [...Object.keys(METHOD_ALIASES), ...Object.keys(TRANSFER_METHOD_ALIASES), 'copy'];

  it('installs every method under its Python name, camelCase twin and SDK spelling: the same function', () => {
    const pairs = [...Object.entries(METHOD_ALIASES), ...Object.entries(TRANSFER_METHOD_ALIASES), ...Object.entries(SDK_SPELLINGS)];
    for (const [snake, other] of pairs) {
      expect(typeof proto[snake], snake).toBe('function');
      expect(proto[other], other).toBe(proto[snake]);
    }
    expect((proto['copy'] as { name: string }).name).toBe('copy');
    expect((proto['putObjectFromString'] as { name: string }).name).toBe('put_object_from_string');
  });

  it('installs nothing else: the prototype holds the table, its twins and the class members', () => {
    const expected = new Set([
      'constructor',
      'config',
      'transfer_limits',
      'close',
      ...seedNames,
      ...Object.values(METHOD_ALIASES),
      ...Object.values(TRANSFER_METHOD_ALIASES),
      ...Object.values(SDK_SPELLINGS),
    ]);
    expect(new Set(Object.getOwnPropertyNames(BosClient.prototype))).toEqual(expected);
    // Like class methods, none is enumerable.
    expect(Object.keys(BosClient.prototype)).toEqual([]);
  });
});

describe('calls', () => {
  it('detached methods keep their client, twins stay one function per instance', async () => {
    const { put_object_from_string: put, getObjectAsString: get, getObjectMetadata: head, delete_object: del } = client;
    await put(B, 'detached.txt', 'hello');
    expect(await get(B, 'detached.txt')).toBe('hello');
    expect((await head(B, 'detached.txt')).content_length).toBe('5');
    expect(client.putObjectFromString).toBe(client.put_object_from_string);
    const names = await Promise.all(['a', 'b'].map((k) => client.put_object_from_string(B, `m/${k}`, k).then(() => k)));
    expect(await Promise.all(names.map((k) => client.get_object_as_string(B, `m/${k}`)))).toEqual(['a', 'b']);
    await del(B, 'detached.txt');
  });

  it('URL helpers return at once; list_all_* return async generators and check arguments at the call', async () => {
    const url = client.generatePresignedUrl(B, 'k');
    expect(typeof url).toBe('string');
    expect(url).toContain('/k?authorization=');
    const all = client.listAllObjects(B, 'm/');
    expect(typeof all[Symbol.asyncIterator]).toBe('function');
    const keys: string[] = [];
    for await (const o of all) keys.push(o.key);
    expect(keys).toEqual(['m/a', 'm/b']);
    expect(() => client.list_all_objects('')).toThrow(ValueError);
    expect(() => client.list_all_parts(B, 'k', 5 as never)).toThrow(TypeError);
    expect(() => client.generate_pre_signed_url(B, 'k', -1)).toThrow(ValueError);
  });

  it('bad arguments reject with the documented class before any request', async () => {
    const offline = unreachable();
    const refused = offline.create_bucket('');
    expect(refused).toBeInstanceOf(Promise); // an async method never throws synchronously
    await expect(refused).rejects.toThrow(ValueError);
    await expect(offline.createBucket('Bad_Name')).rejects.toThrow(BceInvalidArgumentError);
    await expect(offline.put_object(B, 'k', 'x', -1, 'md5')).rejects.toThrow(ValueError);
    await expect(offline.upload_part_copy(B, 'k', B, 'k2', 'id', 0, 1, 0)).rejects.toThrow(ValueError);
    await expect(offline.put_super_object_from_file(B, 'k', '/tmp/f', 6000)).rejects.toThrow(/put_super_obejct_from_file: .*chunk_size/);
    await expect(offline.list_objects(B, { unknown_option: 1 } as never)).rejects.toThrow(TypeError);
    await offline.close();
  });

  it('transfer_limits is the context the high-level calls plan with, settable and mutable', async () => {
    const own = unreachable();
    expect(own.transfer_limits).toEqual(BOS_TRANSFER_LIMITS);
    own.transfer_limits.minPartSize = 1024;
    expect(own.context.transferLimits?.minPartSize).toBe(1024);
    own.transfer_limits = { ...BOS_TRANSFER_LIMITS, maxSingleCopy: 100 };
    expect(own.context.transferLimits).toEqual({ ...BOS_TRANSFER_LIMITS, maxSingleCopy: 100 });
    expect(BOS_TRANSFER_LIMITS.minPartSize).not.toBe(1024);
    await own.close();
  });

  it('inspect shows state, not methods, and never the secret', async () => {
    const own = unreachable();
    const shown = inspect(own, { depth: 6, showHidden: false });
    for (const name of ['put_object', 'putObject', 'getObjectMetadata', 'list_all_objects']) expect(shown).not.toContain(name);
    expect(shown).not.toContain('unreachable-secret');
    expect(JSON.stringify(own.config)).not.toContain('unreachable-secret');
    await own.close();
  });
});
