/**
 * The COS vector-conformance entry point: a vector's `input` from
 * `shared/protocols/vectors/cos.json` in, exactly its `expected` out.
 */
import { encodeKeyPath } from '../encode.ts';
import type { Credentials, WireRequest } from '../types.ts';
import { presignCos, signCos, type CosSignatureDebug } from './cos.ts';

/** The `input` object of a vector in `shared/protocols/vectors/cos.json`. */
export interface CosVectorInput {
  method: string;
  host: string;
  key: string;
  pathname: string;
  requestPath?: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  secretId: string;
  secretKey: string;
  keyTime: string;
  /** Presign vectors only. */
  now?: number;
  expires?: number;
  securityToken?: string;
  signedHeaders?: Record<string, string>;
  [other: string]: unknown;
}

/** Header vectors' `expected`. */
export interface CosHeaderVectorResult {
  authorization: string;
  debug: CosSignatureDebug;
}

/** Presign vectors' `expected`: `callbackUrl` is the Node callback's spelling (`q-url-param-list` re-encoded lower-case). */
export interface CosPresignVectorResult {
  url: string;
  callbackUrl: string;
  signature: string;
  debug: CosSignatureDebug;
}

/**
 * Conformance entry point: takes a vector's `input` exactly and returns what
 * its `expected` holds. A vector with `now`/`expires` is a presign vector.
 */
export function signCosVector(input: CosVectorInput): CosHeaderVectorResult | CosPresignVectorResult {
  const origin = `https://${input.host}`;
  const path = `/${encodeKeyPath(input.key.replace(/^\//, ''))}`;
  const credentials: Credentials = { accessKeyId: input.secretId, secretAccessKey: input.secretKey };
  if (input.now !== undefined) {
    if (input.securityToken !== undefined) credentials.sessionToken = input.securityToken;
    const headers = { ...input.headers, ...(input.signedHeaders ?? {}) };
    const presigned = presignCos({ method: input.method as WireRequest['method'], origin, path, query: input.query, headers }, credentials, {
      keyTime: input.keyTime,
      pathname: input.pathname,
      headersToSign: Object.keys(input.signedHeaders ?? {}),
    });
    // The Node SDK's callback URL re-encodes q-url-param-list with lower-case hex (`;` → `%3b`).
    const callbackUrl = presigned.url.replace(/q-url-param-list=([^&]*)/, (_m, list: string) => `q-url-param-list=${encodeURIComponent(list).toLowerCase()}`);
    return { url: presigned.url, callbackUrl, signature: presigned.signature, debug: presigned.debug };
  }
  const signed = signCos({ method: input.method as WireRequest['method'], origin, path, query: input.query, headers: input.headers }, credentials, {
    keyTime: input.keyTime,
    pathname: input.pathname,
  });
  return { authorization: signed.authorization, debug: signed.debug };
}
