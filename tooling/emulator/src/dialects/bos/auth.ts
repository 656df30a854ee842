/**
 * Verifies bce-auth-v1 on incoming requests with the same pure functions the
 * client signs with (`@yunstore/core/sign`), protocol notes §5.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { bosHeadersToSign, bosSignatureStages, parseBosAuthorization } from '@yunstore/core/sign';
import type { AccessKey } from '../../credentials.ts';
import type { DialectContext } from '../types.ts';
import { BosError } from './errors.ts';
import { utf8HeaderValue } from '@yunstore/core';

export interface AuthInput {
  method: string;
  /** The path as received (still percent-encoded). */
  rawPath: string;
  /** Decoded query pairs in wire order. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
}

/**
 * Flattens Node's header object to single strings (repeated headers joined as
 * HTTP does), UTF-8 values decoded: the BOS Python SDK sends user metadata as
 * raw UTF-8 bytes and signs `UriEncode` of those bytes, which is what the
 * signer computes from the decoded text.
 */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = utf8HeaderValue(Array.isArray(value) ? value.join(',') : value);
  }
  return out;
}

/** Where the auth string came from: the header, the presigned query, or nowhere. */
export function authorizationOf(input: AuthInput): string | undefined {
  const header = input.headers.authorization;
  if (typeof header === 'string' && header !== '') return header;
  return input.query.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
}

/**
 * Returns the caller's access key, or `undefined` for an anonymous request
 * (the caller decides whether the bucket's ACL allows it). Throws the BOS
 * error the cloud would answer with otherwise.
 */
export function authenticate(ctx: DialectContext, input: AuthInput): AccessKey | undefined {
  const auth = authorizationOf(input);
  if (auth === undefined) return undefined;
  const parsed = parseBosAuthorization(auth);
  if (!parsed) throw new BosError(400, 'InvalidHTTPAuthHeader');

  const key = ctx.credentials.lookup(parsed.accessKeyId);
  if (!key) throw new BosError(403, 'InvalidAccessKeyId');

  const nowSeconds = ctx.now().getTime() / 1000;
  if (parsed.expirationInSeconds !== -1 && nowSeconds > parsed.timestamp + parsed.expirationInSeconds) {
    // 400, as BOS answers; the Python SDK's retry policy keys on the code.
    throw new BosError(400, 'RequestExpired', `Request has expired. Timestamp date is ${parsed.timestampIso}.`);
  }
  if (parsed.timestamp - nowSeconds > ctx.maxSkewSeconds) {
    throw new BosError(403, 'RequestTimeTooSkewed');
  }

  const headers = flatHeaders(input.headers);
  const stages = bosSignatureStages(
    { method: input.method, path: input.rawPath, query: input.query, headers },
    {
      accessKeyId: parsed.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      timestamp: parsed.timestamp,
      expirationInSeconds: parsed.expirationInSeconds,
      // Empty field = the default set; otherwise exactly the listed names.
      exactHeaderNames: parsed.signedHeaders.length > 0 ? parsed.signedHeaders : bosHeadersToSign(headers, null),
    },
  );
  if (!sameHex(stages.signature, parsed.signature)) throw new BosError(403, 'SignatureDoesNotMatch');
  return key;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}
