/**
 * undici for tests (plain requests to presigned URLs, a request-counting
 * dispatcher). @yunstore/oos does not depend on undici itself (core does),
 * so it is loaded from core's dependencies.
 */
import { createRequire } from 'node:module';

type Undici = typeof import('../../core/node_modules/undici/index.js');

const load = createRequire(new URL('../../core/package.json', import.meta.url));
const undici = load('undici') as Undici;

export const request: Undici['request'] = undici.request;

/** A dispatcher that counts requests matching `match` before sending them on; pass it as `Config({ dispatcher })`. */
export function countingDispatcher(match: (method: string, path: string) => boolean): {
  dispatcher: InstanceType<Undici['Dispatcher']>;
  count: () => number;
  reset: () => void;
} {
  let n = 0;
  const agent = new undici.Agent();
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    if (match(String(opts.method), String(opts.path))) n += 1;
    return dispatch(opts, handler);
  }) as unknown as InstanceType<Undici['Dispatcher']>;
  return {
    dispatcher,
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}
