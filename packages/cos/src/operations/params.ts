import { signalOf } from '../args.ts';
import type { CosContext } from '../context.ts';
import { CosClientError, CosServiceError } from '../errors.ts';
import { optionalString, validateBucket, validateKey } from '../validate.ts';

/** Every method accepts `signal` in its params object to abort the call. */
export interface CallOptions {
  /** Aborts the request (and any retry wait); the call rejects with CosClientError code `ABORTED`. */
  signal?: AbortSignal;
}

export interface BucketParams extends CallOptions {
  /** `BucketName-APPID`, e.g. `'examplebucket-1250000000'` (with `CosConfig.Appid`, `'examplebucket'` works too). */
  Bucket: string;
}

export interface ObjectParams extends BucketParams {
  /** Object key, e.g. `'doc/pic.jpg'` (a leading `/` is dropped, as the SDKs do). */
  Key: string;
}

/**
 * A response dict keyed by header name, as the Python SDK returns
 * `dict(**response.headers)`: standard headers Title-Case (`Content-Length`),
 * `ETag`, and every `x-cos-*` header lower-case. Values are strings.
 */
export interface HeaderDict {
  [header: string]: string | undefined;
  ETag?: string;
  'Content-Length'?: string;
  'Content-Type'?: string;
  'Last-Modified'?: string;
  'x-cos-request-id'?: string;
  'x-cos-version-id'?: string;
  'x-cos-hash-crc64ecma'?: string;
}

/** The answer of a write (put_object, upload_part, append_object...): the response headers, `ETag` always among them. */
export type WriteResponse = HeaderDict & { ETag: string };

/** A write answered without ETag did not store what we sent as far as we can tell: refuse to report success. */
export function requireEtag<T extends Record<string, unknown>>(result: T, op: string): T & { ETag: string } {
  if (typeof result['ETag'] !== 'string' || result['ETag'] === '') {
    throw new CosClientError(`${op}: COS answered without an ETag`, { code: 'InvalidResponse' });
  }
  return result as T & { ETag: string };
}

/** The validated bucket (APPID appended when the config has `Appid`). */
export function bucketOf(ctx: CosContext, params: Record<string, unknown>, name = 'Bucket'): string {
  const raw = params[name];
  return validateBucket(typeof raw === 'string' && raw !== '' ? ctx.config.formatBucket(raw) : raw, name);
}

export function keyOf(params: Record<string, unknown>, name = 'Key'): string {
  return validateKey(params[name], name);
}

/** `signal` spread into a request spec. */
export function signalSpec(params: Record<string, unknown>): { signal?: AbortSignal } {
  const signal = signalOf(params);
  return signal ? { signal } : {};
}

/** Appends `[name, value]` when the param is set and not empty. */
export function pushQuery(query: Array<[string, string]>, name: string, value: unknown, param: string): void {
  const s = optionalString(value, param);
  if (s !== undefined && s !== '') query.push([name, s]);
}

/** bucket_exists / object_exists: true when the HEAD succeeds, false on 404; any other error still throws. */
export async function existsByHead(head: () => Promise<unknown>): Promise<boolean> {
  try {
    await head();
    return true;
  } catch (error) {
    if (error instanceof CosServiceError && error.get_status_code() === 404) return false;
    throw error;
  }
}
