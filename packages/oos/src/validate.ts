/**
 * Parameter validation at the facade, before any request (botocore's
 * ParamValidationError). Each operation declares its parameters once; unknown
 * names, missing required ones, wrong types, bad bucket names, empty keys and
 * part numbers outside 1..10000 are refused with the parameter named.
 */
import { ParamValidationError } from './errors.ts';

export type Kind = 'string' | 'integer' | 'boolean' | 'body' | 'stringOrObject' | 'map' | 'object' | 'list' | 'date' | 'copySource';

export interface ParamSpec {
  required: readonly string[];
  /** Every accepted parameter and its kind (required ones included). */
  types: Readonly<Record<string, Kind>>;
  /** `true` for create_bucket: the name must follow the OOS naming rule, not just botocore's looser check. */
  newBucket?: boolean;
}

/** OOS: up to 63 characters, lower-case letters, digits, `.` and `-` (seed 2.2.1); S3's minimum of 3. */
const NEW_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/**
 * botocore's check for every other call. It is looser on purpose: the seed's
 * own error-handling example calls `delete_bucket(Bucket='NoSuchBucket')` and
 * expects the server's ClientError, not a client-side refusal.
 */
const ANY_BUCKET = /^[a-zA-Z0-9._-]{1,255}$/;

function kindOk(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'list':
      return Array.isArray(value);
    case 'date':
      return (value instanceof Date && !Number.isNaN(value.getTime())) || typeof value === 'string';
    case 'copySource':
      return (
        typeof value === 'string' ||
        (typeof value === 'object' &&
          value !== null &&
          typeof (value as { Bucket?: unknown }).Bucket === 'string' &&
          typeof (value as { Key?: unknown }).Key === 'string')
      );
    case 'body':
      return isBodyInput(value);
    case 'stringOrObject':
      return typeof value === 'string' || isPlainObject(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * What botocore takes for a blob (bytes, str, a file-like object) in Node
 * terms: a string, bytes, a Blob, a Node or web stream, an async iterable, or
 * a core `Body`. A plain `{}` is refused here, as botocore refuses a dict,
 * instead of failing later with a bare TypeError.
 */
function isBodyInput(value: unknown): boolean {
  if (typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true;
  const v = value as Record<string | symbol, unknown>;
  if (typeof v['pipe'] === 'function' && typeof v['on'] === 'function') return true; // Node Readable
  if (typeof v['getReader'] === 'function') return true; // web ReadableStream
  if (typeof v[Symbol.asyncIterator] === 'function') return true;
  return typeof v['open'] === 'function' && 'replayable' in v && 'length' in v; // core Body
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The key part of a CopySource (`'bucket/key'` or `{ Bucket, Key }`); undefined when it cannot be read. */
function copySourceKey(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const path = (value.split('?versionId=')[0] ?? '').replace(/^\//, '');
    const slash = path.indexOf('/');
    return slash < 0 ? '' : path.slice(slash + 1);
  }
  return isPlainObject(value) && typeof value['Key'] === 'string' ? value['Key'] : undefined;
}

/** botocore refuses metadata it cannot send as ASCII header text, before anything is sent. */
function metadataProblems(metadata: unknown): string[] {
  if (!isPlainObject(metadata)) return [];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(metadata)) {
    if (!isAscii(name) || (typeof value === 'string' && !isAscii(value))) {
      problems.push(
        `Non ascii characters found in S3 metadata for key "${name}", value: "${String(value)}". S3 metadata can only contain ASCII characters (encode the value first, e.g. encodeURIComponent).`,
      );
    }
  }
  return problems;
}

const KIND_TEXT: Record<Kind, string> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'a boolean',
  body: 'a string, Buffer, Uint8Array, ArrayBuffer, Blob, Readable, ReadableStream or async iterable of bytes',
  stringOrObject: 'a string or an object',
  map: 'an object of string values',
  object: 'an object',
  list: 'an array',
  date: 'a Date or an HTTP date string',
  copySource: "a 'bucket/key' string or { Bucket, Key }",
};

/** Validates `params` against `spec`; throws ParamValidationError listing every problem. */
export function validateParams(params: unknown, spec: ParamSpec): Record<string, unknown> {
  if (params === undefined) params = {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new ParamValidationError('Parameters must be given as one object, e.g. { Bucket: "examplebucket" }');
  }
  const p = params as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of spec.required) {
    if (p[name] === undefined || p[name] === null) problems.push(`Missing required parameter in input: "${name}"`);
  }
  for (const [name, value] of Object.entries(p)) {
    if (value === undefined) continue;
    if (name === 'AbortSignal') {
      if (!(value instanceof AbortSignal)) problems.push('Invalid type for parameter AbortSignal, must be an AbortSignal');
      continue;
    }
    const kind = spec.types[name];
    if (kind === undefined) {
      problems.push(`Unknown parameter in input: "${name}", must be one of: ${Object.keys(spec.types).join(', ')}, AbortSignal`);
      continue;
    }
    if (value === null && !spec.required.includes(name)) continue;
    if (!kindOk(kind, value)) problems.push(`Invalid type for parameter ${name}, value: ${describe(value)}, valid types: ${KIND_TEXT[kind]}`);
  }
  if (typeof p['Bucket'] === 'string') {
    if (spec.newBucket === true && (!NEW_BUCKET.test(p['Bucket']) || p['Bucket'].includes('..'))) {
      problems.push(
        `Invalid bucket name "${p['Bucket']}": Bucket name must be 3 to 63 characters of lower-case letters, digits, '.' and '-', starting and ending with a letter or digit`,
      );
    } else if (!ANY_BUCKET.test(p['Bucket'])) {
      problems.push(`Invalid bucket name "${p['Bucket']}": Bucket name must match the regex "^[a-zA-Z0-9._-]{1,255}$"`);
    }
  }
  // An empty key would address the bucket itself: refused for every object operation, before any request.
  if (typeof p['Key'] === 'string' && p['Key'] === '') problems.push('Invalid length for parameter Key, value: 0, valid min length: 1');
  if (spec.types['CopySource'] === 'copySource' && copySourceKey(p['CopySource']) === '') {
    problems.push("Invalid value for parameter CopySource: the source key is empty; give { Bucket, Key } or 'bucket/key'");
  }
  if (spec.types['Metadata'] === 'map') problems.push(...metadataProblems(p['Metadata']));
  if (typeof p['PartNumber'] === 'number' && (p['PartNumber'] < 1 || p['PartNumber'] > 10000)) {
    problems.push(`Invalid value for parameter PartNumber, value: ${p['PartNumber']}, valid range: 1-10000`);
  }
  for (const name of ['MaxKeys', 'MaxUploads', 'MaxParts', 'PartNumberMarker', 'ContentLength']) {
    const v = p[name];
    if (typeof v === 'number' && v < 0) problems.push(`Invalid value for parameter ${name}, value: ${v}, valid min value: 0`);
  }
  if (problems.length > 0) throw new ParamValidationError(problems.join('\n'));
  return p;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return Object.prototype.toString.call(value);
  return String(value);
}

/** Spec helper: `spec(['Bucket'], { Bucket: 'string', Prefix: 'string' })`. */
export function spec(required: readonly string[], types: Record<string, Kind>, options: { newBucket?: boolean } = {}): ParamSpec {
  return options.newBucket === true ? { required, types, newBucket: true } : { required, types };
}
