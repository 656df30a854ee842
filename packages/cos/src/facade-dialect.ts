/**
 * What CosS3Client does around every method, once for all of them (core's
 * FacadeDialect): the Python calling convention (one params object, or the
 * SDK's positional order with an optional trailing keyword object) becomes
 * the params object the operations take; a request method of a closed
 * client is refused under its own name before any local work (the request
 * layer checks again, and refreshes credentials, before every request); any
 * failure reaches the caller as CosClientError / CosServiceError.
 */
import type { FacadeDialect, MethodEntry } from '@yunstore/core';
import { toParams } from './args.ts';
import type { CosContext } from './context.ts';
import { toCosError } from './http-hooks.ts';

/** The caller's arguments (a params object, or the entry's positional order) → the params object, the one argument COS operations take. */
export function paramsArgument(method: string, args: unknown[], entry: MethodEntry<unknown>): [Record<string, unknown>] {
  return [toParams(method, args, entry.order ?? [])];
}

/**
 * The COS dialect for a client whose per-client state `contextOf` reads.
 * Argument errors come from `enter`, so they win over a closed client, as
 * they did in the Python-shaped facade before; URL and signature helpers
 * (`sync` entries) skip `ready` and keep working after close().
 */
export function cosDialect<Client>(contextOf: (client: Client) => CosContext): FacadeDialect<Client, CosContext> {
  return {
    context: contextOf,
    enter: paramsArgument,
    ready: (client, method) => contextOf(client).ensureOpen(method),
    fail: (error, method) => toCosError(error, method),
  };
}
