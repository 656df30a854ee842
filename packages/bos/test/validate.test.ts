import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  ARGUMENT_TABLE,
  BceClientConfiguration,
  BceCredentials,
  BceInvalidArgumentError,
  BosClient,
  NoRetryPolicy,
  ValueError,
  type ArgumentType,
} from '../src/index.ts';

// Nothing listens on port 9: any request that slipped past validation would fail differently.
const client = new BosClient(new BceClientConfiguration({ credentials: new BceCredentials('ak', 'sk'), endpoint: 'http://127.0.0.1:9' })) as unknown as Record<
  string,
  (...args: unknown[]) => unknown
>;

/** Positional parameter order of each method, as Python declares it. */
const ORDER: Record<string, string[]> = {
  create_bucket: ['bucket_name'],
  does_bucket_exist: ['bucket_name'],
  delete_bucket: ['bucket_name'],
  list_objects: ['bucket_name'],
  list_all_objects: ['bucket_name'],
  delete_object: ['bucket_name', 'key'],
  get_bucket_acl: ['bucket_name'],
  list_multipart_uploads: ['bucket_name'],
  list_all_multipart_uploads: ['bucket_name'],
  set_bucket_acl: ['bucket_name', 'acl'],
  set_bucket_canned_acl: ['bucket_name', 'canned_acl'],
  get_object: ['bucket_name', 'key'],
  get_object_as_string: ['bucket_name', 'key'],
  get_object_meta_data: ['bucket_name', 'key'],
  initiate_multipart_upload: ['bucket_name', 'key'],
  get_object_to_file: ['bucket_name', 'key', 'file_name'],
  put_object_from_file: ['bucket_name', 'key', 'file_name'],
  put_object: ['bucket_name', 'key', 'data', 'content_length', 'content_md5'],
  put_object_from_string: ['bucket_name', 'key', 'data'],
  copy_object: ['source_bucket_name', 'source_key', 'target_bucket_name', 'target_key'],
  upload_part: ['bucket_name', 'key', 'upload_id', 'part_number', 'part_size', 'part_fp'],
  upload_part_from_file: ['bucket_name', 'key', 'upload_id', 'part_number', 'part_size', 'file_name', 'offset'],
  complete_multipart_upload: ['bucket_name', 'key', 'upload_id', 'part_list'],
  abort_multipart_upload: ['bucket_name', 'key', 'upload_id'],
  list_parts: ['bucket_name', 'key', 'upload_id'],
  list_all_parts: ['bucket_name', 'key', 'upload_id'],
};

const VALID: Record<string, unknown> = {
  bucket_name: 'good-bucket',
  source_bucket_name: 'good-bucket',
  target_bucket_name: 'good-bucket',
  key: 'k',
  source_key: 'k',
  target_key: 'k2',
  acl: [{ grantee: [{ id: 'x' }], permission: ['READ'] }],
  canned_acl: 'private',
  file_name: '/nonexistent/file',
  data: 'abc',
  content_length: 3,
  content_md5: 'kAFQmDzST7DWlj99KOF/cg==',
  upload_id: 'u',
  part_number: 1,
  part_size: 3,
  part_fp: Buffer.from('abc'),
  offset: 0,
  part_list: [{ partNumber: 1, eTag: 'e' }],
};

const WRONG_TYPE: Record<ArgumentType, unknown> = {
  string: 42,
  int: '1',
  list: { partNumber: 1 },
  acl: 'private',
  stream: 12345,
};

/** Runs a method; generators are started so their (synchronous) checks run. */
async function invoke(method: string, args: Record<string, unknown>): Promise<unknown> {
  const result = client[method]!(...ORDER[method]!.map((n) => args[n]));
  if (result && typeof (result as AsyncGenerator).next === 'function') return (result as AsyncGenerator).next();
  return result;
}

async function failure(method: string, args: Record<string, unknown>): Promise<unknown> {
  try {
    await invoke(method, args);
  } catch (error) {
    return error;
  }
  return undefined;
}

/**
 * The seed's table ("参数异常"), transcribed by hand from the document, row by
 * row with its type column verbatim, independently of `ARGUMENT_TABLE`.
 */
const SEED_TABLE: Array<[methods: string, params: string, seedType: string]> = [
  [
    'create_bucket, does_bucket_exist, delete_bucket, list_objects, list_all_objects, delete_object, get_bucket_acl, list_multipart_uploads, list_all_multipart_uploads',
    'bucket_name',
    'string, unicode',
  ],
  ['set_bucket_acl', 'bucket_name', 'string, unicode'],
  ['set_bucket_acl', 'acl', 'list, dict'],
  ['set_bucket_canned_acl', 'bucket_name', 'string, unicode'],
  ['set_bucket_canned_acl', 'canned_acl', 'string'],
  ['get_object, get_object_as_string, get_object_meta_data, initiate_multipart_upload', 'bucket_name', 'string, unicode'],
  ['get_object, get_object_as_string, get_object_meta_data, initiate_multipart_upload', 'key', 'string'],
  ['get_object_to_file, put_object_from_file', 'bucket_name', 'string, unicode'],
  ['get_object_to_file, put_object_from_file', 'key', 'string'],
  ['get_object_to_file, put_object_from_file', 'file_name', 'string'],
  ['put_object', 'bucket_name', 'string, unicode'],
  ['put_object', 'key', 'string'],
  ['put_object', 'data', 'object'],
  ['put_object', 'content_length', 'int, long'],
  ['put_object', 'content_md5', 'string'],
  ['put_object_from_string', 'bucket_name', 'string, unicode'],
  ['put_object_from_string', 'key', 'string'],
  ['put_object_from_string', 'data', 'string, unicode'],
  ['copy_object', 'source_bucket_name, target_bucket_name', 'string, unicode'],
  ['copy_object', 'source_key, target_key', 'string'],
  ['upload_part', 'bucket_name, upload_id', 'string, unicode'],
  ['upload_part', 'key', 'string'],
  ['upload_part', 'part_number', 'int'],
  ['upload_part', 'part_size', 'int, long'],
  ['upload_part', 'part_fp', 'object'],
  ['upload_part_from_file', 'bucket_name, upload_id', 'string, unicode'],
  ['upload_part_from_file', 'key', 'string'],
  ['upload_part_from_file', 'part_number', 'int'],
  ['upload_part_from_file', 'part_size', 'int, long'],
  ['upload_part_from_file', 'file_name', 'string'],
  ['upload_part_from_file', 'offset', 'int'],
  ['complete_multipart_upload', 'bucket_name, upload_id', 'string, unicode'],
  ['complete_multipart_upload', 'key', 'string'],
  ['complete_multipart_upload', 'part_list', 'list'],
  ['abort_multipart_upload, list_parts, list_all_parts', 'bucket_name, upload_id', 'string, unicode'],
  ['abort_multipart_upload, list_parts, list_all_parts', 'key', 'string'],
];

/**
 * Python's types in JavaScript terms. `str`/`unicode` are both strings; `int`
 * and `long` are both integer numbers (exact far beyond BOS's 5 GiB limits);
 * a Python "object" (file object, StringIO) is any body.
 */
const SEED_TYPE: Record<string, ArgumentType> = {
  'string, unicode': 'string',
  string: 'string',
  'list, dict': 'acl',
  object: 'stream',
  'int, long': 'int',
  int: 'int',
  list: 'list',
};

describe('ARGUMENT_TABLE is the seed table', () => {
  const expected = new Map<string, Map<string, ArgumentType>>();
  for (const [methods, params, seedType] of SEED_TABLE) {
    for (const method of methods.split(', ')) {
      const row = expected.get(method) ?? new Map<string, ArgumentType>();
      for (const param of params.split(', ')) row.set(param, SEED_TYPE[seedType]!);
      expected.set(method, row);
    }
  }
  const actual = new Map<string, Map<string, ArgumentType>>();
  for (const row of ARGUMENT_TABLE) {
    for (const method of row.methods) {
      const params = actual.get(method) ?? new Map<string, ArgumentType>();
      for (const [name, type] of row.params) params.set(name, type);
      actual.set(method, params);
    }
  }

  it('names the same 26 methods', () => {
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBe(26);
  });

  for (const [method, params] of expected) {
    it(`${method}: ${[...params.keys()].join(', ')}`, () => {
      expect(Object.fromEntries(actual.get(method) ?? [])).toEqual(Object.fromEntries(params));
    });
  }
});

describe('the seed argument table', () => {
  for (const row of ARGUMENT_TABLE) {
    for (const method of row.methods) {
      describe(method, () => {
        it('has its positional order known to this test', () => {
          for (const [name] of row.params) expect(ORDER[method]).toContain(name);
        });
        for (const [name, type] of row.params) {
          it(`${name}: None → ValueError`, async () => {
            for (const empty of [undefined, null]) {
              const err = await failure(method, { ...VALID, [name]: empty });
              expect(err).toBeInstanceOf(ValueError);
              expect((err as Error).message).toContain(name);
            }
          });
          if (type === 'string' && !(method === 'put_object_from_string' && name === 'data')) {
            it(`${name}: '' → ValueError`, async () => {
              expect(await failure(method, { ...VALID, [name]: '' })).toBeInstanceOf(ValueError);
            });
          }
          it(`${name}: wrong type → TypeError`, async () => {
            const err = await failure(method, { ...VALID, [name]: WRONG_TYPE[type] });
            expect(err).toBeInstanceOf(TypeError);
            expect((err as Error).message).toContain(name);
          });
        }
      });
    }
  }
});

describe('BOS rules beyond the table', () => {
  it('put_object_from_string: an empty string is an empty object, not an empty argument', async () => {
    // Validation passes (the request then fails on the closed port, without retries).
    const once = new BosClient(
      new BceClientConfiguration({ credentials: new BceCredentials('ak', 'sk'), endpoint: 'http://127.0.0.1:9', retry_policy: new NoRetryPolicy() }),
    );
    const err = await once.put_object_from_string('good-bucket', 'k', '').catch((e: unknown) => e);
    expect((err as Error).name).toBe('BceHttpClientError');
  });

  it('set_bucket_acl checks each grant before sending it', async () => {
    const bad: Array<[unknown, typeof ValueError | typeof TypeError, string]> = [
      [{}, ValueError, 'acl.grantee'],
      [[{ grantee: [{ id: 'x' }] }], ValueError, 'acl[0].permission'],
      [[{ grantee: [], permission: ['READ'] }], ValueError, 'acl[0].grantee'],
      [[{ grantee: { id: 'x' }, permission: ['READ'] }], TypeError, 'acl[0].grantee'],
      [[{ grantee: [{ id: 7 }], permission: ['READ'] }], TypeError, 'acl[0].grantee[0].id'],
      [[{ grantee: [{ id: 'x' }], permission: 'READ' }], TypeError, 'acl[0].permission'],
      [['READ'], TypeError, 'acl[0]'],
    ];
    for (const [acl, kind, name] of bad) {
      const err = await failure('set_bucket_acl', { ...VALID, acl });
      expect(err, JSON.stringify(acl)).toBeInstanceOf(kind);
      expect((err as Error).message).toContain(`"${name}"`);
    }
  });

  it('keyword arguments that are strings in Python are checked too', async () => {
    const calls: Array<[string, unknown[]]> = [
      ['list_objects', ['good-bucket', { prefix: 1 }]],
      ['list_objects', ['good-bucket', 10, 'p', 5]],
      ['list_multipart_uploads', ['good-bucket', { key_marker: 1 }]],
      ['put_object_from_string', ['good-bucket', 'k', 'x', { content_type: 1 }]],
      ['put_object_from_file', ['good-bucket', 'k', '/nonexistent', { content_md5: 1 }]],
      ['copy_object', ['good-bucket', 'k', 'good-bucket', 'k2', { etag: 1 }]],
      ['upload_part', ['good-bucket', 'k', 'u', 1, 1, 'x', { part_md5: 1 }]],
    ];
    for (const [method, args] of calls) {
      const call = (): unknown => client[method]!(...args);
      await expect(Promise.resolve().then(call), method).rejects.toBeInstanceOf(TypeError);
    }
    await expect(client['put_object_from_string']!('good-bucket', 'k', 'x', { content_md5: '' })).rejects.toBeInstanceOf(ValueError);
    expect(() => client['list_all_objects']!('good-bucket', { delimiter: 1 })).toThrow(TypeError);
  });

  it('bucket names: 3-63 of a-z 0-9 -, starting with a letter or digit', async () => {
    for (const bad of ['ab', 'a'.repeat(64), 'Upper', '-start', 'under_score', 'end-']) {
      expect(await failure('create_bucket', { bucket_name: bad }), bad).toBeInstanceOf(BceInvalidArgumentError);
    }
  });

  it('keys: 1-1023 UTF-8 bytes, no leading /', async () => {
    expect(await failure('get_object', { ...VALID, key: '/abs' })).toBeInstanceOf(BceInvalidArgumentError);
    expect(await failure('get_object', { ...VALID, key: '中'.repeat(342) })).toBeInstanceOf(BceInvalidArgumentError);
  });

  it('put_object refuses more than 5 GiB and data shorter than content_length', async () => {
    expect(await failure('put_object', { ...VALID, content_length: 5 * 1024 ** 3 + 1 })).toBeInstanceOf(ValueError);
    expect(await failure('put_object', { ...VALID, content_length: 10 })).toBeInstanceOf(ValueError);
  });

  it('part numbers 1..10000, part size up to 5 GiB, offset >= 0', async () => {
    expect(await failure('upload_part', { ...VALID, part_number: 0 })).toBeInstanceOf(ValueError);
    expect(await failure('upload_part', { ...VALID, part_number: 10001 })).toBeInstanceOf(ValueError);
    expect(await failure('upload_part_from_file', { ...VALID, part_size: 5 * 1024 ** 3 + 1 })).toBeInstanceOf(ValueError);
    expect(await failure('upload_part_from_file', { ...VALID, offset: -1 })).toBeInstanceOf(ValueError);
  });

  it('canned ACLs are checked, user metadata is at most 2 KiB', async () => {
    expect(await failure('set_bucket_canned_acl', { ...VALID, canned_acl: 'public' })).toBeInstanceOf(ValueError);
    const big = { user_metadata: { k: 'v'.repeat(2100) } };
    await expect(client['put_object_from_string']!('good-bucket', 'k', 'x', big)).rejects.toBeInstanceOf(ValueError);
  });

  it('complete_multipart_upload checks each part_list entry', async () => {
    expect(await failure('complete_multipart_upload', { ...VALID, part_list: [{ partNumber: '1', eTag: 'e' }] })).toBeInstanceOf(TypeError);
    expect(await failure('complete_multipart_upload', { ...VALID, part_list: [{ partNumber: 1 }] })).toBeInstanceOf(ValueError);
    expect(await failure('complete_multipart_upload', { ...VALID, part_list: [] })).toBeInstanceOf(ValueError);
  });

  it('ranges are inclusive pairs; presign refuses expiration 0', async () => {
    await expect(client['get_object']!('good-bucket', 'k', [5, 1])).rejects.toBeInstanceOf(ValueError);
    await expect(client['get_object']!('good-bucket', 'k', [1])).rejects.toBeInstanceOf(TypeError);
    expect(() => client['generate_pre_signed_url']!('good-bucket', 'k', 0, 0)).toThrow(ValueError);
    expect(() => client['generate_pre_signed_url']!('good-bucket', 'k', 0, -2)).toThrow(ValueError);
  });

  it('streams are accepted as data', async () => {
    // Validation passes; the request then fails on the closed port, wrapped as BceHttpClientError.
    const err = await failure('put_object', { ...VALID, data: Readable.from([Buffer.from('abc')]) });
    expect((err as Error).name).toBe('BceHttpClientError');
  });
});
