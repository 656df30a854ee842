/**
 * nos-node-sdk (the vendor's Node SDK, callbacks only) pointed at a local
 * server. It always addresses `<bucket>.<endpoint>`, so `localhost` is used as
 * the endpoint and the global HTTP agent resolves every name to 127.0.0.1.
 */
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface NodeSdkClient {
  [method: string]: (map: Record<string, unknown>, cb: (result: Record<string, unknown>) => void) => void;
}

const loopback = new http.Agent({
  keepAlive: false,
  lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  }) as never,
});

export function nodeSdkClient(port: number, accessKeyId: string, secret: string): NodeSdkClient {
  (http as { globalAgent: http.Agent }).globalAgent = loopback;
  // index.js defines a global NOSClient constructor.
  require('nos-node-sdk');
  const NOSClient = (globalThis as unknown as { NOSClient: new (...a: unknown[]) => NodeSdkClient }).NOSClient;
  return new NOSClient('localhost', port, accessKeyId, secret, 'http');
}

/** Calls a callback-style method; the SDK throws asynchronously on errors, so only success paths use this. */
export function call<T = Record<string, unknown>>(client: NodeSdkClient, method: string, map: Record<string, unknown>): Promise<T> {
  return new Promise((resolve) => {
    const fn = client[method];
    if (!fn) throw new Error(`nos-node-sdk has no ${method}`);
    fn.call(client, map, (result) => resolve(result as T));
  });
}

/** The SDK's own signer and key encoder, for requests it cannot make without throwing asynchronously. */
export function nodeSdkSigner(): {
  authorization: (ak: string, sk: string, verb: string, headers: Record<string, string>, resource: string) => string;
  encodeKey: (key: string) => string;
} {
  return {
    authorization: require('nos-node-sdk/lib/services/authorization.js'),
    encodeKey: require('nos-node-sdk/lib/services/urlEncoder.js'),
  };
}
