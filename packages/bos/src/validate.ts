/**
 * The seed's argument table ("参数异常") as data, and the checks that enforce
 * it before any request: an empty required argument is a `ValueError`, a
 * wrong type a `TypeError`. BOS's naming rules and size limits follow.
 */
import { BceInvalidArgumentError, ValueError } from './errors.ts';

/** The Python types of the table, in TypeScript terms. */
export type ArgumentType =
  | 'string' //  string, unicode
  | 'acl' //     list, dict
  | 'stream' //  object: a body (string, Buffer, Uint8Array, ArrayBuffer, Blob, Readable, ReadableStream, AsyncIterable)
  | 'int' //     int, long
  | 'list'; //   list

export interface ArgumentRow {
  /** The methods this row applies to (seed names). */
  methods: readonly string[];
  /** Parameters, each with its type. */
  params: ReadonlyArray<readonly [name: string, type: ArgumentType]>;
}

/** One entry per row group of the seed's table, in the seed's order. */
export const ARGUMENT_TABLE: readonly ArgumentRow[] = [
  {
    methods: [
      'create_bucket',
      'does_bucket_exist',
      'delete_bucket',
      'list_objects',
      'list_all_objects',
      'delete_object',
      'get_bucket_acl',
      'list_multipart_uploads',
      'list_all_multipart_uploads',
    ],
    params: [['bucket_name', 'string']],
  },
  {
    methods: ['set_bucket_acl'],
    params: [
      ['bucket_name', 'string'],
      ['acl', 'acl'],
    ],
  },
  {
    methods: ['set_bucket_canned_acl'],
    params: [
      ['bucket_name', 'string'],
      ['canned_acl', 'string'],
    ],
  },
  {
    methods: ['get_object', 'get_object_as_string', 'get_object_meta_data', 'initiate_multipart_upload'],
    params: [
      ['bucket_name', 'string'],
      ['key', 'string'],
    ],
  },
  {
    methods: ['get_object_to_file', 'put_object_from_file'],
    params: [
      ['bucket_name', 'string'],
      ['key', 'string'],
      ['file_name', 'string'],
    ],
  },
  {
    methods: ['put_object'],
    params: [
      ['bucket_name', 'string'],
      ['key', 'string'],
      ['data', 'stream'],
      ['content_length', 'int'],
      ['content_md5', 'string'],
    ],
  },
  {
    methods: ['put_object_from_string'],
    params: [
      ['bucket_name', 'string'],
      ['key', 'string'],
      ['data', 'string'],
    ],
  },
  {
    methods: ['copy_object'],
    params: [
      ['source_bucket_name', 'string'],
      ['target_bucket_name', 'string'],
      ['source_key', 'string'],
      ['target_key', 'string'],
    ],
  },
  {
    methods: ['upload_part'],
    params: [
      ['bucket_name', 'string'],
      ['upload_id', 'string'],
      ['key', 'string'],
      ['part_number', 'int'],
      ['part_size', 'int'],
      ['part_fp', 'stream'],
    ],
  },
  {
    methods: ['upload_part_from_file'],
    params: [
      ['bucket_name', 'string'],
      ['upload_id', 'string'],
      ['key', 'string'],
      ['part_number', 'int'],
      ['part_size', 'int'],
      ['file_name', 'string'],
      ['offset', 'int'],
    ],
  },
  {
    methods: ['complete_multipart_upload'],
    params: [
      ['bucket_name', 'string'],
      ['upload_id', 'string'],
      ['key', 'string'],
      ['part_list', 'list'],
    ],
  },
  {
    methods: ['abort_multipart_upload', 'list_parts', 'list_all_parts'],
    params: [
      ['bucket_name', 'string'],
      ['upload_id', 'string'],
      ['key', 'string'],
    ],
  },
];

/** method → its parameters, flattened from the table. */
const BY_METHOD = new Map<string, ReadonlyArray<readonly [string, ArgumentType]>>();
for (const row of ARGUMENT_TABLE) {
  for (const method of row.methods) BY_METHOD.set(method, [...(BY_METHOD.get(method) ?? []), ...row.params]);
}

/** The table's parameters for one method (empty when the seed lists none). */
export function tableParams(method: string): ReadonlyArray<readonly [string, ArgumentType]> {
  return BY_METHOD.get(method) ?? [];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}

function isStream(value: unknown): boolean {
  if (typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string | symbol, unknown>;
  return typeof v['pipe'] === 'function' || typeof v['getReader'] === 'function' || typeof v[Symbol.asyncIterator] === 'function';
}

/** Checks one value against a table type; throws `ValueError` / `TypeError` naming the parameter. */
export function checkArgument(method: string, name: string, type: ArgumentType, value: unknown): void {
  if (value === undefined || value === null) throw new ValueError(`${method}: arg "${name}" should not be None`);
  const wrong = (expected: string): TypeError => new TypeError(`${method}: arg "${name}" should be ${expected}, got ${describe(value)}`);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw wrong('a string');
      if (value === '') throw new ValueError(`${method}: arg "${name}" should not be empty`);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong('an integer');
      return;
    case 'list':
      if (!Array.isArray(value)) throw wrong('a list');
      if (value.length === 0) throw new ValueError(`${method}: arg "${name}" should not be empty`);
      return;
    case 'acl':
      if (typeof value !== 'object' || (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype)) {
        throw wrong('a list or a dict');
      }
      if (Array.isArray(value) && value.length === 0) throw new ValueError(`${method}: arg "${name}" should not be empty`);
      return;
    case 'stream':
      if (!isStream(value)) throw wrong('a string, Buffer, Uint8Array, ArrayBuffer, Blob, Readable, ReadableStream or AsyncIterable');
      return;
  }
}

/** An optional keyword argument that must be a string when given (`content_type`, `prefix`, ...). */
export function checkOptionalString(method: string, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') throw new TypeError(`${method}: arg "${name}" should be a string, got ${describe(value)}`);
}

/**
 * The grants of `set_bucket_acl` (after the table's "list, dict" check):
 * each `{grantee: [{id}], permission: [...]}` with non-empty lists, so a
 * malformed ACL fails here, naming the entry, instead of as BOS's MalformedJSON.
 */
export function checkGrants(method: string, acl: unknown): void {
  const grants: unknown[] = Array.isArray(acl) ? acl : [acl];
  grants.forEach((grant, i) => {
    const at = Array.isArray(acl) ? `acl[${i}]` : 'acl';
    if (typeof grant !== 'object' || grant === null || Array.isArray(grant))
      throw new TypeError(`${method}: arg "${at}" should be a dict, got ${describe(grant)}`);
    const { grantee, permission } = grant as { grantee?: unknown; permission?: unknown };
    for (const [field, list] of [
      ['grantee', grantee],
      ['permission', permission],
    ] as const) {
      if (list === undefined || list === null) throw new ValueError(`${method}: arg "${at}.${field}" should not be None`);
      if (!Array.isArray(list)) throw new TypeError(`${method}: arg "${at}.${field}" should be a list, got ${describe(list)}`);
      if (list.length === 0) throw new ValueError(`${method}: arg "${at}.${field}" should not be empty`);
    }
    (grantee as unknown[]).forEach((who, j) => {
      const id = (who as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') throw new TypeError(`${method}: arg "${at}.grantee[${j}].id" should be a string, got ${describe(id)}`);
      if (id === '') throw new ValueError(`${method}: arg "${at}.grantee[${j}].id" should not be empty`);
    });
    (permission as unknown[]).forEach((p, j) => {
      if (typeof p !== 'string') throw new TypeError(`${method}: arg "${at}.permission[${j}]" should be a string, got ${describe(p)}`);
      if (p === '') throw new ValueError(`${method}: arg "${at}.permission[${j}]" should not be empty`);
    });
  });
}

/** Runs every table check of `method` over the named arguments. */
export function checkTable(method: string, args: Readonly<Record<string, unknown>>): void {
  for (const [name, type] of tableParams(method)) checkArgument(method, name, type, args[name]);
}

/** BOS bucket naming: 3–63 bytes of `a-z 0-9 -`, starting with a letter or digit (and not ending with `-`). */
export function checkBucketName(name: string, parameter = 'bucket_name'): void {
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
    throw new BceInvalidArgumentError(
      `${parameter} "${name}" is invalid: 3-63 characters of lowercase letters, digits and "-", starting and ending with a letter or digit`,
      { code: 'InvalidBucketName' },
    );
  }
}

/**
 * The key as the Python SDK puts it in the path: leading `/` stripped
 * (`append_uri` joins bucket and key with one slash), everything else kept.
 */
export function normaliseKey(key: string): string {
  return key.replace(/^\/+/, '');
}

/**
 * BOS object keys: 1–1023 UTF-8 bytes, not starting with `/`. A key that
 * normalises to nothing (`''`, `'/'`, `'//'`) would turn an object call into
 * a call on the bucket itself (delete, ACL, HEAD), so it is refused first,
 * with its own message.
 */
export function checkKey(key: string, parameter = 'key'): void {
  if (normaliseKey(key) === '') {
    throw new BceInvalidArgumentError(`${parameter} "${key}" names no object (empty once leading "/" are removed); refusing to address the bucket instead`, {
      code: 'InvalidObjectName',
    });
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > 1023) throw new BceInvalidArgumentError(`${parameter} must be 1-1023 UTF-8 bytes, got ${bytes}`, { code: 'InvalidObjectName' });
  if (key.startsWith('/')) throw new BceInvalidArgumentError(`${parameter} must not start with "/"`, { code: 'InvalidObjectName' });
}

/** The bucket names and keys of a copy (copy_object, copy), each error naming its parameter. */
export function checkCopyNames(source_bucket_name: string, source_key: string, target_bucket_name: string, target_key: string): void {
  checkBucketName(source_bucket_name, 'source_bucket_name');
  checkBucketName(target_bucket_name, 'target_bucket_name');
  checkKey(source_key, 'source_key');
  checkKey(target_key, 'target_key');
}

/** 5 GiB: the most one `put_object` or `upload_part` may carry. */
export const MAX_PUT_OBJECT_LENGTH = 5 * 1024 ** 3;
export const MAX_PART_NUMBER = 10000;
/** Sum over entries of `len("x-bce-meta-" + name) + len(value)`. */
export const MAX_USER_METADATA_SIZE = 2048;

export function checkRange(method: string, name: string, value: number, min: number, max: number): void {
  if (value < min || value > max) throw new ValueError(`${method}: arg "${name}" should be between ${min} and ${max}, got ${value}`);
}

/** An optional integer keyword argument (`max_keys`, `part_size`...): when given, an integer from `min` to `max`. */
export function checkOptionalInt(method: string, name: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  checkArgument(method, name, 'int', value);
  checkRange(method, name, value as number, min, max);
}

/**
 * A metadata entry that cannot travel as a header: a line break or NUL would
 * inject or cut a header, and a lone UTF-16 surrogate has no UTF-8 form.
 * Non-ASCII text (`张三`) is fine: it goes as UTF-8 bytes, as the BOS Python
 * SDK sends it. Refused before any request, naming the entry.
 */
function checkMetaText(method: string, name: string, value: string): void {
  if (/[\r\n\0]/.test(name + value)) {
    throw new BceInvalidArgumentError(`${method}: user_metadata["${name}"] holds a line break or NUL, which cannot be sent in a header`);
  }
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
    throw new BceInvalidArgumentError(`${method}: user_metadata name ${JSON.stringify(name)} is not a valid header name (letters, digits and -_.~ only)`);
  }
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) {
    throw new BceInvalidArgumentError(`${method}: user_metadata["${name}"] holds a lone UTF-16 surrogate, which has no UTF-8 form`);
  }
}

/** user_metadata: a dict of strings that can travel as headers, 2 KiB at most in total. */
export function checkUserMetadata(method: string, meta: unknown): void {
  if (meta === undefined || meta === null) return;
  if (typeof meta !== 'object' || Array.isArray(meta)) throw new TypeError(`${method}: arg "user_metadata" should be a dict`);
  let size = 0;
  for (const [name, value] of Object.entries(meta as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new TypeError(`${method}: user_metadata["${name}"] should be a string`);
    checkMetaText(method, name, value);
    size += Buffer.byteLength(`x-bce-meta-${name}`) + Buffer.byteLength(value);
  }
  if (size > MAX_USER_METADATA_SIZE) {
    throw new ValueError(`${method}: user_metadata is ${size} bytes, more than ${MAX_USER_METADATA_SIZE}`);
  }
}
