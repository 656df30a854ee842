/**
 * The argument checks most methods start with, shared by the operation
 * table's entries (`src/methods/*.ts`). A method's own checks stay with it.
 */
import { checkOptions } from '../options.ts';
import { checkBucketName, checkKey, checkOptionalString, checkTable } from '../validate.ts';

/**
 * The checks every bucket/object method starts with: the seed's argument
 * table, BOS naming rules, and (with `options`) Python's refusal of unknown
 * keyword arguments.
 */
export function bucketAndKey(method: string, args: Record<string, unknown>, options?: unknown): void {
  checkOptions(method, options);
  checkTable(method, args);
  if (typeof args['bucket_name'] === 'string') checkBucketName(args['bucket_name']);
  if (typeof args['key'] === 'string') checkKey(args['key']);
}

/** Keyword arguments that must be strings when given: a number here would otherwise reach the wire as text. */
export function checkStringOptions(method: string, options: object | undefined, names: readonly string[]): void {
  for (const name of names) checkOptionalString(method, name, (options as Record<string, unknown> | undefined)?.[name]);
}
