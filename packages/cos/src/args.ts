import { CosClientError } from './errors.ts';
import { isPlainObject } from './validate.ts';

/**
 * Python lets callers mix positional and keyword arguments; seed 004 itself
 * calls `client.list_objects(bucket, prefix, delimiter, marker)`. Every method
 * takes either one params object (`{ Bucket, Key, ... }`) or positional values
 * in the real Python SDK's order, optionally followed by one object with the
 * remaining keyword arguments.
 *
 * A call is positional when its first argument is not a plain object (the
 * first parameter of every COS method is a string such as `Bucket`).
 */
export function toParams(method: string, args: readonly unknown[], order: readonly string[]): Record<string, unknown> {
  if (args.length === 0) return {};
  const [first] = args;
  if (isPlainObject(first)) {
    if (args.length > 1) {
      throw new CosClientError(`${method}() takes one params object; got ${args.length} arguments`, {
        code: 'InvalidArgument',
      });
    }
    return first;
  }
  const params: Record<string, unknown> = {};
  let i = 0;
  for (; i < args.length && i < order.length; i++) {
    const name = order[i] as string;
    // A trailing plain object after at least one positional value holds the
    // keyword arguments, unless that parameter itself is a dict (CopySource...).
    if (i === args.length - 1 && i > 0 && isPlainObject(args[i]) && !DICT_PARAMS.has(name)) break;
    params[name] = args[i];
  }
  if (i < args.length) {
    const rest = args[i];
    if (i !== args.length - 1 || !isPlainObject(rest)) {
      throw new CosClientError(`${method}() takes at most ${order.length} positional arguments (${order.join(', ')}) and one keyword object`, {
        code: 'InvalidArgument',
      });
    }
    for (const [k, v] of Object.entries(rest)) {
      if (k in params) {
        throw new CosClientError(`${method}() got multiple values for argument '${k}'`, { code: 'InvalidArgument' });
      }
      params[k] = v;
    }
  }
  return params;
}

/** Parameters whose own value is a dict, so a trailing dict in that position is the value. */
const DICT_PARAMS = new Set([
  'AccessControlPolicy',
  'CORSConfiguration',
  'LifecycleConfiguration',
  'Delete',
  'CopySource',
  'RestoreRequest',
  'InputSerialization',
  'OutputSerialization',
  'RequestProgress',
  'MultipartUpload',
  'Headers',
  'Params',
  'Metadata',
]);

/** Pulls the AbortSignal out of the params (`{ ..., signal }`). */
export function signalOf(params: Record<string, unknown>): AbortSignal | undefined {
  const s = params['signal'];
  if (s === undefined || s === null) return undefined;
  if (!(s instanceof AbortSignal)) {
    throw new CosClientError('signal must be an AbortSignal', { code: 'InvalidArgument' });
  }
  return s;
}
