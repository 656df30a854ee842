import type { ClientContext } from '../request.ts';
import { validateParams, type ParamSpec } from '../validate.ts';

/** Every operation accepts an AbortSignal under this key: `{ Bucket, Key, AbortSignal: controller.signal }`. */
export interface Abortable {
  AbortSignal?: AbortSignal;
}

/** An operation: validates its parameters (before any request), then runs. */
export interface Operation<P, R> {
  (ctx: ClientContext, params: P): Promise<R>;
  readonly spec: ParamSpec;
}

export function define<P, R>(paramSpec: ParamSpec, run: (ctx: ClientContext, params: P & Abortable) => Promise<R>): Operation<P, R> {
  const op = async (ctx: ClientContext, params: P): Promise<R> => {
    validateParams(params, paramSpec);
    return run(ctx, (params ?? {}) as P & Abortable);
  };
  return Object.assign(op, { spec: paramSpec });
}

/** Adds `name: value` to a query list when the value is given. */
export function addQuery(query: Array<[string, string]>, name: string, value: string | number | undefined): void {
  if (value !== undefined) query.push([name, String(value)]);
}

/** HTTP date for `Expires` / `If-Modified-Since` parameters given as Date or string. */
export function httpDate(value: Date | string): string {
  return value instanceof Date ? value.toUTCString() : value;
}
