import { posix } from 'node:path';
import { CosClientError } from './errors.ts';

/**
 * Argument checks done once, at the facade, before anything touches the
 * network. Every message names the parameter the way the caller wrote it.
 */

function fail(message: string): never {
  throw new CosClientError(message, { code: 'InvalidArgument' });
}

export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    fail(`${name} is required and must be a non-empty string (got ${describe(value)})`);
  }
  return value;
}

export function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') fail(`${name} must be a string (got ${describe(value)})`);
  return value;
}

/** Ints that the seed shows as ints but users also pass as strings (`ContentLength='123'`). */
export function optionalInt(value: unknown, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    fail(`${name} must be an integer between ${min} and ${max} (got ${describe(value)})`);
  }
  return n;
}

export function requireInt(value: unknown, name: string, min: number, max: number): number {
  const n = optionalInt(value, name, min, max);
  if (n === undefined) fail(`${name} is required`);
  return n;
}

export function requirePartNumber(value: unknown, name = 'PartNumber'): number {
  return requireInt(value, name, 1, 10000);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function requireDict(value: unknown, name: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(`${name} must be a dict (a plain object) (got ${describe(value)})`);
  return value;
}

export function optionalDict(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  return requireDict(value, name);
}

/**
 * COS bucket names are `<BucketName>-<APPID>`: lower-case letters, digits and
 * `-`, not starting or ending with `-`, at most 50 characters in all.
 */
const BUCKET_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-\d+$/;

export function validateBucket(bucket: unknown, name = 'Bucket'): string {
  const value = requireString(bucket, name);
  if (!BUCKET_RE.test(value)) {
    fail(`${name} '${value}' is not a valid COS bucket name: use BucketName-APPID (lower-case letters, digits and '-', e.g. 'examplebucket-1250000000')`);
  }
  if (value.length > 50) fail(`${name} '${value}' is longer than 50 characters`);
  return value;
}

/**
 * COS addresses an object by its key with the leading `/` dropped (both SDKs
 * strip it), so `'/'` or `'//'` address the bucket itself: an object call with
 * such a key would delete, ACL or HEAD the bucket. Refused here, before any
 * request.
 */
export function validateKey(key: unknown, name = 'Key'): string {
  const value = requireString(key, name);
  if (normalizeKey(value) === '') {
    fail(`${name} '${value}' is empty once COS drops the leading '/'; it would address the bucket, not an object`);
  }
  return value;
}

/** The key as COS addresses it: leading slashes dropped. */
export function normalizeKey(key: string): string {
  return key.replace(/^\/+/, '');
}

/**
 * The Python SDK refuses GET on keys that a path normaliser would turn into
 * the bucket root (`/`, `./`, `a/..`): the request would list the bucket.
 */
export function checkKeySimplify(key: string, name = 'Key'): void {
  if (posix.normalize(`/${key}`).replace(/\/+$/, '') === '') {
    fail(`${name} '${key}' resolves to the bucket root; refusing GetObject (KeySimplifyCheck)`);
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? "''" : `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value.constructor?.name ? `a ${value.constructor.name}` : 'an object';
  return `${typeof value} ${String(value)}`;
}
