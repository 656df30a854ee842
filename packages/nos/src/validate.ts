import { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createMd5, md5Hex, toBody, type Body, type BodyInput } from '@yunstore/core';
import { BadRequestError, ClientException, FileOpenModeError, InvalidBucketName, InvalidObjectName, SerializationError } from './errors.ts';

/**
 * Argument checks, done once at the facade so nothing invalid reaches the
 * network. Each failure is the ClientException subclass Python would raise
 * (or the base ClientException) with a message naming the parameter.
 */

/** NOS bucket names: 3-63 of `a-z 0-9 -`, alphanumeric at both ends, no `--`, not an IPv4 address. */
export function checkBucket(value: unknown, name = 'bucket'): string {
  if (typeof value !== 'string') throw new InvalidBucketName(`${name} must be a string, got ${value === null ? 'null' : typeof value}.`);
  // Python's own text for an empty bucket; other parameters are named in front of it.
  if (value === '') throw new InvalidBucketName(`${name === 'bucket' ? '' : `${name}: `}bucket name is empty.`);
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(value) || value.includes('--') || /^\d+\.\d+\.\d+\.\d+$/.test(value)) {
    throw new InvalidBucketName(`${name} "${value}" breaks NOS's rules: 3-63 characters of a-z, 0-9 and -, starting and ending with a letter or digit`);
  }
  return value;
}

/**
 * NOS's key normalisation, as the Python SDK does it (`key.strip('/')` before
 * encoding the URL and the signature): leading and trailing `/` are removed,
 * so an object written as `'/a/b'` is stored as `a/b`. Inner `/` are kept.
 */
export function normaliseKey(key: string): string {
  return key.replace(/^\/+|\/+$/g, '');
}

/**
 * Keys: a string, 1-1000 UTF-8 bytes once normalised (see `normaliseKey`);
 * returns the normalised key. A key that is empty after normalisation
 * (`'/'`, `'//'`) is refused before any request: sent, it would address the
 * bucket instead of an object.
 */
export function checkKey(value: unknown, name = 'key'): string {
  if (typeof value !== 'string') throw new InvalidObjectName(`${name} must be a string, got ${value === null ? 'null' : typeof value}.`);
  // Python's own text for an empty key ("object name" is the seed's 对象名, the `key` parameter).
  if (value === '') throw new InvalidObjectName(`${name === 'key' ? '' : `${name}: `}object name is empty.`);
  const key = normaliseKey(value);
  if (key === '') {
    throw new InvalidObjectName(`${name} "${value}" is empty once its leading and trailing "/" are removed (NOS keys never start or end with "/").`);
  }
  if (Buffer.byteLength(key, 'utf8') > 1000) throw new InvalidObjectName(`${name} is longer than 1000 UTF-8 bytes`);
  return key;
}

export function checkString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new ClientException(`${name} must be a non-empty string`);
  return value;
}

export function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ClientException(`${name} must be a string`);
  return value;
}

/** An integer in `min..max`, or undefined when not given. Numeric strings are accepted (Python passes them through). */
export function optionalInt(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new ClientException(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return n;
}

export function checkPartNum(value: unknown, name = 'part_num'): number {
  const n = optionalInt(value, name, 1, 10000);
  if (n === undefined) throw new ClientException(`${name} is required (an integer from 1 to 10000)`);
  return n;
}

export function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ClientException(`${name} must be true or false`);
  return value;
}

/** Standard headers Python lets through `meta_data` (it merges the dict into the request headers). */
const PASS_THROUGH = new Set(['content-type', 'cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires']);

/** What a header value may hold: visible ASCII, space and tab. */
const ASCII_HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/**
 * `meta_data`: full header names, `{'x-nos-meta-owner': 'alice'}`. The
 * Python SDK merges this dict into the request headers, so names may be any
 * `x-nos-*` header (user metadata `x-nos-meta-*`, but also
 * `x-nos-storage-class` and the other NOS headers, all signed) or one of the
 * standard object headers (Content-Type, Cache-Control, ...). Values must be
 * strings of printable ASCII: the Python SDK signs `str(value)`, which raises
 * for text outside ASCII (UnicodeEncodeError) before anything is sent, so a
 * non-ASCII value raises ClientException here, also before any request
 * (percent-encode it, e.g. `encodeURIComponent`, to store such text).
 * Names that differ only in case are refused, since they would sign ambiguously.
 */
export function checkMetaData(value: unknown, name = 'meta_data'): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ClientException(`${name} must be an object of header name to string`);
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [header, v] of Object.entries(value as Record<string, unknown>)) {
    const lower = header.toLowerCase();
    if (!lower.startsWith('x-nos-') && !PASS_THROUGH.has(lower)) {
      throw new ClientException(`${name} key "${header}" must start with "x-nos-meta-" (or be another x-nos-* header, or a standard object header)`);
    }
    if (lower === 'x-nos-' || lower === 'x-nos-meta-' || !/^[\x21-\x7e]+$/.test(header) || header.includes(':')) {
      throw new ClientException(`${name} key "${header}" is not a valid header name`);
    }
    if (typeof v !== 'string') throw new ClientException(`${name} value of "${header}" must be a string`);
    if (/[\r\n]/.test(v)) throw new ClientException(`${name} value of "${header}" must not contain line breaks`);
    if (!ASCII_HEADER_VALUE.test(v)) {
      throw new ClientException(`${name} value of "${header}" holds characters outside printable ASCII; percent-encode it (encodeURIComponent) first`);
    }
    if (seen.has(lower)) throw new ClientException(`${name} has "${header}" twice (names differ only in case)`);
    seen.add(lower);
    out[header] = v;
  }
  return out;
}

/** NOS refuses single PUTs and parts over 100 MiB; Python refuses them before sending. */
export const MAX_BODY = 100 * 1024 * 1024;

/**
 * Everything `body` may be: bytes, a string, a stream, a Blob, a core `Body`
 * (from `toBody` / `fileBody`, sent as is), or any JSON-serialisable value (as Python).
 */
export type NosBodyInput = BodyInput | Body | Record<string, unknown> | unknown[] | number | boolean;

/** A core `Body` (what `toBody` / `fileBody` build, and what the transfer engine hands over). */
function isCoreBody(value: unknown): value is Body {
  const v = value as Partial<Body> | null;
  return typeof v === 'object' && v !== null && typeof v.open === 'function' && typeof v.replayable === 'boolean' && 'length' in v;
}

function isStreamLike(value: unknown): boolean {
  return value instanceof Readable || (typeof value === 'object' && value !== null && (Symbol.asyncIterator in value || 'getReader' in value));
}

/**
 * Turns `body` into bytes to send. Streams opened in text mode (an `encoding`
 * set) raise FileOpenModeError: their chunks are strings, not the file's
 * bytes. Plain values are JSON-encoded as Python's `json.dumps(ensure_ascii=False)`.
 */
export async function toNosBody(value: unknown, name = 'body'): Promise<Body> {
  // Python's body is a required argument; an empty object is `body: ''`.
  if (value === undefined || value === null) throw new ClientException(`${name} is required (give '' for an empty object)`);
  if (isCoreBody(value)) return value;
  if (value instanceof Readable && value.readableEncoding !== null) {
    const path = value instanceof ReadStream ? ` (${String(value.path)})` : '';
    throw new FileOpenModeError(`${name}${path} is a stream in text mode (encoding ${value.readableEncoding}); open it without an encoding`);
  }
  if (typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer || value instanceof Blob || isStreamLike(value)) {
    try {
      return await toBody(value as BodyInput);
    } catch (error) {
      throw new SerializationError(`${name} could not be read`, error);
    }
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new SerializationError(`${name} could not be serialised to JSON`, error);
  }
  if (json === undefined) throw new SerializationError(`${name} of type ${typeof value} cannot be serialised`);
  return toBody(json);
}

/** Python's check: a body over 100 MiB is refused before sending, with the service's own error. */
export function checkBodySize(body: Body): void {
  if (body.length !== undefined && body.length > MAX_BODY) {
    throw new BadRequestError(400, 'Bad Request', 'EntityTooLarge', '', 'Request Entity Too Large');
  }
}

/**
 * The hex MD5 NOS puts in Content-MD5. In-memory bodies are hashed directly,
 * replayable bodies (files) are read once more; one-shot streams cannot be
 * hashed without buffering them, so they go without (NOS does not require it).
 */
export async function bodyMd5(body: Body): Promise<string | undefined> {
  if (!body.replayable) return undefined;
  const opened = body.open();
  if (Buffer.isBuffer(opened)) return md5Hex(opened);
  const hash = createMd5();
  for await (const chunk of opened) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A base ClientException for an argument no subclass describes. */
export function badArgument(message: string): ClientException {
  return new ClientException(message);
}
