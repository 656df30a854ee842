/**
 * Where a NOS request goes and how each attempt is signed: pure functions
 * the request layer (core `VendorHttp`) calls back through its `address`
 * hook. Operations describe a request as a `NosCall`; nothing here sends.
 */
import type { Credentials, HttpCall, WireRequest } from '@yunstore/core';
import { encodeNosKey, formatNosDate, signNos } from '@yunstore/core/sign';
import type { NosRequest } from './transport.ts';

/** One NOS request as an operation hands it to the layer: the transport's request plus the method name (for messages). */
export interface NosCall extends NosRequest {
  /** The Python method name (`put_object`); `perform_request` for a request sent through `Transport.perform_request`. */
  op: string;
}

/** The client options addressing depends on. */
export interface NosEndpoint {
  /** Bare host, `host:port`, or a full origin (`http://127.0.0.1:9000`). */
  endPoint: string;
  enableSsl: boolean;
}

/** Signs one attempt of one request (a fresh Date, and the signature when there are keys). */
export type NosAuthorizer = (req: WireRequest, call: NosRequest, now: Date) => WireRequest;

function isIpOrLocal(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

/**
 * Where a request goes. NOS is addressed virtual-hosted (`Host:
 * bucket.end_point`, path `/encodedKey`, with `/` inside keys as `%2F`); an
 * IP address or `localhost` end point (an emulator, a proxy) cannot carry the
 * bucket in its name, so those get path style `/bucket/encodedKey`. The
 * signature is the same either way: the canonical resource names the bucket.
 */
export function addressNos(endPoint: string, enableSsl: boolean, bucket: string, key: string | undefined): { origin: string; path: string } {
  const explicit = /^(https?):\/\/([^/]+)\/?$/i.exec(endPoint);
  const scheme = explicit?.[1]?.toLowerCase() ?? (enableSsl ? 'https' : 'http');
  const host = explicit?.[2] ?? endPoint;
  const encodedKey = key === undefined ? '' : encodeNosKey(key);
  if (isIpOrLocal(host)) return { origin: `${scheme}://${host}`, path: `/${bucket}/${encodedKey}` };
  return { origin: `${scheme}://${bucket}.${host}`, path: `/${encodedKey}` };
}

/**
 * The signer of every attempt. `keys` is read per attempt, so a provider's
 * refreshed keys sign the next retry; without keys (anonymous) an attempt
 * carries only its Date.
 */
export function nosAuthorizer(keys: (() => Credentials) | undefined): NosAuthorizer {
  // Object.assign, not spread-then-add: Node 20 takes a slow path for the latter on every request.
  if (keys === undefined) return (req, _call, now) => ({ ...req, headers: Object.assign({}, req.headers, { Date: formatNosDate(now) }) });
  return (req, call, now) => {
    const signed = signNos({ method: req.method, bucket: call.bucket, key: call.key, query: req.query, headers: req.headers }, keys(), now);
    return { ...req, headers: Object.assign({}, req.headers, signed.headers) };
  };
}

/** Core's call for one NOS request: addressed when sent, its key checked by the layer, signed per attempt. */
export function nosHttpCall(endpoint: NosEndpoint, call: NosCall, authorize: NosAuthorizer): HttpCall {
  return {
    op: call.op,
    // A function: a fault while addressing (a key no URL can carry) is an argument error, never sent.
    request: () => {
      const { origin, path } = addressNos(endpoint.endPoint, endpoint.enableSsl, call.bucket, call.key);
      return { method: call.method, origin, path, query: call.params, headers: call.headers, ...(call.body ? { body: call.body } : {}) };
    },
    ...(call.key !== undefined ? { key: call.key } : {}),
    authorize: (req, now) => authorize(req, call, now),
    signal: call.signal,
  };
}
