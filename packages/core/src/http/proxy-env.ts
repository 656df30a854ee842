/**
 * Proxies from the environment, as the vendors' Python SDKs (requests) and
 * cos-nodejs-sdk-v5 honour them: `HTTPS_PROXY` / `HTTP_PROXY` (either case)
 * and `NO_PROXY`. Loopback is never proxied: a local emulator must stay
 * reachable on a machine whose environment names a corporate proxy.
 */
const LOOPBACK = ['localhost', '127.0.0.1', '::1', '[::1]'];

function env(name: string): string | undefined {
  const value = process.env[name] ?? process.env[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}

/** undici `EnvHttpProxyAgent` options, or undefined when the environment names no proxy. */
export function proxyFromEnvironment(): { httpProxy?: string; httpsProxy?: string; noProxy: string } | undefined {
  const httpProxy = env('HTTP_PROXY');
  const httpsProxy = env('HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return undefined;
  const noProxy = [env('NO_PROXY'), ...LOOPBACK].filter(Boolean).join(',');
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy };
}
