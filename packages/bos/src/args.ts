/**
 * Python lets optional arguments be positional or keyword. Our methods take
 * them positionally too, followed by a trailing options object; the options
 * object may come early (`list_objects(bucket, { prefix: 'a/' })`), which
 * ends the positional ones.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Splits `values` (the optional positional slots followed by the options
 * slot) into named positionals and the options object. `names` are the
 * Python parameter names of the positional slots, in order.
 */
export function splitOptional<O extends object>(names: readonly string[], values: readonly unknown[]): { positional: Record<string, unknown>; options: O } {
  const positional: Record<string, unknown> = {};
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isPlainObject(value)) return { positional, options: { ...positional, ...value } as O };
    if (i < names.length && value !== undefined && value !== null) positional[names[i]!] = value;
  }
  return { positional, options: { ...positional } as O };
}
