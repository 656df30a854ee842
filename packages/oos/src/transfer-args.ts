/**
 * Arguments of the boto3 transfer calls: positional as boto3 has them
 * (`upload_file(Filename, Bucket, Key, ExtraArgs, Callback, Config)`) or one
 * object like every other OOS method; ExtraArgs checked against boto3-style
 * allow-lists; the incremental `Callback(bytes_amount)`; aborts reported as
 * the rest of the client reports them.
 */
import { NetworkError } from '@yunstore/core';
import type { ProgressCallback } from '@yunstore/transfer';
import { ParamValidationError } from './errors.ts';
import type { ParamSpec } from './validate.ts';
import { validateParams } from './validate.ts';

/** boto3's `Callback`: called with the number of bytes moved since the previous call. */
export type TransferCallback = (bytes_amount: number) => void;

/** The trailing options argument of the positional form. */
export interface TransferCallOptions {
  /** Aborts the transfer: in-flight requests are cancelled and the call rejects with NetworkError code `ABORTED`. */
  AbortSignal?: AbortSignal;
}

/** boto3's ALLOWED_UPLOAD_ARGS, as far as OOS has them. */
export const ALLOWED_UPLOAD_ARGS = [
  'ACL',
  'CacheControl',
  'ContentDisposition',
  'ContentEncoding',
  'ContentLanguage',
  'ContentType',
  'Expires',
  'Metadata',
  'StorageClass',
] as const;
/** Conditions checked by the HEAD that starts a download (OOS get_object has no VersionId or SSE-C). */
export const ALLOWED_DOWNLOAD_ARGS = ['IfMatch', 'IfNoneMatch', 'IfModifiedSince', 'IfUnmodifiedSince'] as const;
/** boto3's ALLOWED_COPY_ARGS, as far as OOS has them. */
export const ALLOWED_COPY_ARGS = [
  ...ALLOWED_UPLOAD_ARGS,
  'MetadataDirective',
  'CopySourceIfMatch',
  'CopySourceIfNoneMatch',
  'CopySourceIfModifiedSince',
  'CopySourceIfUnmodifiedSince',
] as const;

/** A plain object (not a stream, Buffer, class instance...). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The call's arguments by name. `objectForm` says whether the caller used
 * the single-object form; otherwise `args` are positional in `names` order,
 * optionally followed by `{ AbortSignal }`.
 */
export function collectArgs(
  method: string,
  names: readonly string[],
  required: readonly string[],
  args: readonly unknown[],
  objectForm: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (objectForm) {
    if (args.length > 1) throw new ParamValidationError(`${method}() takes one parameter object, or ${names.join(', ')} as positional arguments`);
    const given = args[0] as Record<string, unknown>;
    const unknown = Object.keys(given).filter((k) => k !== 'AbortSignal' && !names.includes(k));
    if (unknown.length > 0) {
      throw new ParamValidationError(unknown.map((k) => `Unknown parameter in input: "${k}", must be one of: ${names.join(', ')}, AbortSignal`).join('\n'));
    }
    Object.assign(out, given);
  } else {
    if (args.length > names.length + 1) {
      throw new ParamValidationError(
        `${method}() takes at most ${names.length} positional arguments (${names.join(', ')}) and an options object { AbortSignal }`,
      );
    }
    names.forEach((name, i) => {
      if (args[i] !== undefined && args[i] !== null) out[name] = args[i];
    });
    const options = args[names.length];
    if (options !== undefined && options !== null) {
      if (!isPlainObject(options) || Object.keys(options).some((k) => k !== 'AbortSignal')) {
        throw new ParamValidationError(
          `The argument after ${names[names.length - 1] ?? 'the last one'} of ${method}() must be an options object { AbortSignal }`,
        );
      }
      if (options['AbortSignal'] !== undefined) out['AbortSignal'] = options['AbortSignal'];
    }
  }
  const missing = required.filter((name) => out[name] === undefined || out[name] === null);
  if (missing.length > 0) throw new ParamValidationError(missing.map((name) => `Missing required parameter in input: "${name}"`).join('\n'));
  if (out['AbortSignal'] !== undefined && !(out['AbortSignal'] instanceof AbortSignal)) {
    throw new ParamValidationError('Invalid type for parameter AbortSignal, must be an AbortSignal');
  }
  return out;
}

/**
 * Checks ExtraArgs as boto3 does (`Invalid extra_args key ...`), then the
 * values' types with the low-level operation's own parameter spec, together
 * with Bucket and Key.
 */
export function checkExtraArgs(value: unknown, allowed: readonly string[], base: Record<string, unknown>, opSpec: ParamSpec): Record<string, unknown> {
  if (value === undefined || value === null) {
    validateParams(base, opSpec);
    return {};
  }
  if (!isPlainObject(value))
    throw new ParamValidationError('Invalid type for parameter ExtraArgs, valid types: an object such as { ContentType: "text/plain" }');
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (key === 'AbortSignal')
      problems.push('AbortSignal is not an ExtraArgs key: pass it in the parameter object, or in the options argument after the last positional one');
    else if (!allowed.includes(key)) problems.push(`Invalid extra_args key '${key}', must be one of: ${allowed.join(', ')}`);
  }
  if (problems.length > 0) throw new ParamValidationError(problems.join('\n'));
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) extra[k] = v;
  validateParams({ ...base, ...extra }, opSpec);
  return extra;
}

/** Converts boto3's incremental `Callback(bytes_amount)` to the engine's running `(consumed, total)`. */
export function progressOf(callback: unknown): { onProgress?: ProgressCallback } {
  if (callback === undefined || callback === null) return {};
  if (typeof callback !== 'function') throw new ParamValidationError('Invalid type for parameter Callback, valid types: a function (bytes_amount) => void');
  const cb = callback as TransferCallback;
  let reported = 0;
  return {
    onProgress: (consumed) => {
      // The engine's totals are monotonic, so every difference is a positive increment; zero moves are not reported.
      const delta = consumed - reported;
      if (delta <= 0) return;
      reported = consumed;
      cb(delta);
    },
  };
}

/** `{ signal }` for the engine, when the caller gave an AbortSignal. */
export function signalOf(args: Record<string, unknown>): { signal?: AbortSignal } {
  const signal = args['AbortSignal'];
  return signal instanceof AbortSignal ? { signal } : {};
}

/**
 * Runs an engine call. An aborted transfer rejects with core's NetworkError
 * code `ABORTED`, as every other method of the client does (the engine
 * itself rejects with `signal.reason`); other errors pass through unchanged
 * (ClientError, NetworkError, fs errors, the engine's IntegrityError).
 */
export async function runTransfer<T>(method: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (signal?.aborted) {
      if (error instanceof NetworkError && error.code === 'ABORTED') throw error;
      throw new NetworkError('ABORTED', `${method} was aborted`, 1, { cause: error });
    }
    throw error;
  }
}
