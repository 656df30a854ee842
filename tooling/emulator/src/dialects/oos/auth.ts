/**
 * Request authentication for OOS: S3 signature V2 and V4, each in a header or
 * a presigned URL, verified with the same core signers our client uses.
 * Throws `OosError` with S3's codes; returns `undefined` for anonymous requests
 * (the caller decides whether the bucket ACL lets them through).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { encodeKeyPath } from '@yunstore/core';
import {
  canonicalRequestV4,
  credentialScope,
  parseS3V2Authorization,
  parseS3V4Authorization,
  parseV4Fields,
  signatureV2,
  signatureV4,
  signingKeyV4,
  stringToSignForHeaders,
  stringToSignV4,
  UNSIGNED_PAYLOAD,
  type ParsedS3V4Authorization,
} from '@yunstore/core/sign';
import type { AccessKey } from '../../credentials.ts';
import { percentDecode, type Target } from '../../common/http.ts';
import type { DialectContext } from '../types.ts';
import { errors, OosError } from './errors.ts';

/** Who signed the request, and with which scheme (the IAM API and tests read it). */
export interface Caller {
  key: AccessKey;
  scheme: 'v2' | 'v2-query' | 'v4' | 'v4-query';
}

/** Lower-case header map; repeated headers joined with `,` as signers join them. */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function lookupKey(ctx: DialectContext, accessKeyId: string, token: string | undefined): AccessKey {
  // Deleted and Inactive keys are both unknown here: lookup() only returns Active keys.
  const key = ctx.credentials.lookup(accessKeyId);
  if (!key) throw errors.invalidAccessKeyId();
  if (key.sessionToken !== undefined && key.sessionToken !== token) {
    throw new OosError(403, 'InvalidToken', 'The provided token is malformed or otherwise invalid.');
  }
  return key;
}

function checkSkew(ctx: DialectContext, when: Date): void {
  if (Math.abs(ctx.now().getTime() - when.getTime()) > ctx.maxSkewSeconds * 1000) throw errors.skewed();
}

/**
 * The CanonicalizedResource path spellings the OOS server accepts: the path as
 * sent (prefixed with the bucket when it came in the Host), then the bucket
 * plus the key re-encoded canonically, and for bucket requests both `/b` and `/b/`.
 */
export function resourceCandidates(target: Target): string[] {
  const out: string[] = [];
  if (target.bucket === undefined) return ['/'];
  out.push(target.style === 'virtual-hosted' ? `/${target.bucket}${target.rawPath}` : target.rawPath);
  if (target.key !== undefined) out.push(`/${target.bucket}/${encodeKeyPath(target.key)}`);
  else out.push(`/${target.bucket}/`, `/${target.bucket}`);
  return [...new Set(out)];
}

function verifyV2(
  req: IncomingMessage,
  target: Target,
  ctx: DialectContext,
  headers: Record<string, string>,
  accessKeyId: string,
  signature: string,
  expires?: string,
): AccessKey {
  const query: Array<[string, string]> = [];
  const signedHeaders = { ...headers };
  for (const [name, value] of target.query) {
    if (name === 'AWSAccessKeyId' || name === 'Signature' || name === 'Expires') continue;
    // The server moves x-amz-* query parameters into the amz-header block (presigned tokens, limitrate).
    if (expires !== undefined && name.toLowerCase().startsWith('x-amz-')) signedHeaders[name.toLowerCase()] = value;
    query.push([name, value]);
  }
  const key = lookupKey(ctx, accessKeyId, signedHeaders['x-amz-security-token']);
  const candidates = resourceCandidates(target).map((path) => stringToSignForHeaders(req.method ?? 'GET', path, query, signedHeaders, expires));
  // A '+' in an unencoded query Signature arrives as a space.
  const given = signature.replace(/ /g, '+');
  if (!candidates.some((sts) => sameSecret(signatureV2(key.secretAccessKey, sts), given))) {
    throw errors.signatureDoesNotMatch(candidates[0]);
  }
  return key;
}

function v2Header(req: IncomingMessage, target: Target, ctx: DialectContext, headers: Record<string, string>, auth: string): Caller {
  const parsed = parseS3V2Authorization(auth);
  if (!parsed) throw new OosError(400, 'InvalidArgument', "Authorization header is invalid -- one and only one ' ' (space) is required");
  const dateText = headers['x-amz-date'] ?? headers['date'];
  const when = dateText === undefined ? Number.NaN : Date.parse(dateText);
  if (Number.isNaN(when)) throw errors.accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  checkSkew(ctx, new Date(when));
  return { key: verifyV2(req, target, ctx, headers, parsed.accessKeyId, parsed.signature), scheme: 'v2' };
}

function v2Query(req: IncomingMessage, target: Target, ctx: DialectContext, headers: Record<string, string>): Caller {
  const q = target.query;
  const expires = q.get('Expires') ?? '';
  if (!/^\d+$/.test(expires)) throw errors.accessDenied('Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  if (Number(expires) * 1000 < ctx.now().getTime()) throw errors.expired();
  const key = verifyV2(req, target, ctx, headers, q.get('AWSAccessKeyId') ?? '', q.get('Signature') ?? '', expires);
  return { key, scheme: 'v2-query' };
}

/** `20231114T221320Z` → Date; undefined when malformed. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** Raw query pairs, percent-decoded (V4 re-encodes them itself), without the excluded names. */
function rawPairs(rawQuery: string, exclude: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair): [string, string] => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [percentDecode(pair), ''] : [percentDecode(pair.slice(0, eq)), percentDecode(pair.slice(eq + 1))];
    })
    .filter(([n]) => n !== exclude);
}

function verifyV4(
  req: IncomingMessage,
  target: Target,
  ctx: DialectContext,
  headers: Record<string, string>,
  parsed: ParsedS3V4Authorization,
  date: string,
  payloadHash: string,
  service: string,
): AccessKey {
  if (parsed.date !== date.slice(0, 8)) {
    throw new OosError(403, 'SignatureDoesNotMatch', 'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP');
  }
  if (parsed.service !== service) throw new OosError(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}'.`);
  const signed: Record<string, string> = {};
  for (const name of parsed.signedHeaders) signed[name] = headers[name] ?? '';
  const query = rawPairs(target.rawQuery, 'X-Amz-Signature');
  const { canonicalRequest } = canonicalRequestV4({ method: req.method ?? 'GET', path: target.rawPath, query, headers: signed, payloadHash });
  const stringToSign = stringToSignV4(date, credentialScope(date, parsed.region, parsed.service), canonicalRequest);
  const key = lookupKey(ctx, parsed.accessKeyId, headers['x-amz-security-token'] ?? target.query.get('X-Amz-Security-Token') ?? undefined);
  const expected = signatureV4(signingKeyV4(key.secretAccessKey, date, parsed.region, parsed.service), stringToSign);
  if (!sameSecret(expected, parsed.signature)) throw errors.signatureDoesNotMatch(stringToSign);
  return key;
}

function v4Header(req: IncomingMessage, target: Target, ctx: DialectContext, headers: Record<string, string>, auth: string, service: string): Caller {
  const parsed = parseS3V4Authorization(auth);
  if (!parsed) throw new OosError(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  const dateText = headers['x-amz-date'];
  const when = parseAmzDate(dateText);
  if (!when || dateText === undefined) throw errors.accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  checkSkew(ctx, when);
  const payloadHash = headers['x-amz-content-sha256'];
  if (payloadHash === undefined) throw new OosError(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  return { key: verifyV4(req, target, ctx, headers, parsed, dateText, payloadHash, service), scheme: 'v4' };
}

function v4Query(req: IncomingMessage, target: Target, ctx: DialectContext, headers: Record<string, string>, service: string): Caller {
  const q = target.query;
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    throw new OosError(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const parsed = parseV4Fields(q.get('X-Amz-Credential') ?? undefined, q.get('X-Amz-SignedHeaders') ?? undefined, q.get('X-Amz-Signature') ?? undefined);
  const dateText = q.get('X-Amz-Date') ?? undefined;
  const when = parseAmzDate(dateText);
  const expiresIn = Number(q.get('X-Amz-Expires'));
  if (!parsed || !when || dateText === undefined || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 604800) {
    throw new OosError(
      400,
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const now = ctx.now().getTime();
  if (when.getTime() - now > ctx.maxSkewSeconds * 1000) throw errors.accessDenied('Request is not valid yet');
  if (when.getTime() + expiresIn * 1000 < now) throw errors.expired();
  const key = verifyV4(req, target, ctx, headers, parsed, dateText, headers['x-amz-content-sha256'] ?? UNSIGNED_PAYLOAD, service);
  return { key, scheme: 'v4-query' };
}

/**
 * Verifies whichever scheme the request uses. `service` is `s3` for storage
 * and `sts` for the IAM API (V4 scope). Returns undefined for anonymous requests.
 */
export function authenticate(req: IncomingMessage, target: Target, ctx: DialectContext, service: 's3' | 'sts' = 's3'): Caller | undefined {
  const headers = flatHeaders(req.headers);
  const auth = headers['authorization'];
  if (auth !== undefined && auth !== '') {
    if (auth.startsWith('AWS4-HMAC-SHA256')) return v4Header(req, target, ctx, headers, auth, service);
    if (auth.startsWith('AWS ')) return v2Header(req, target, ctx, headers, auth);
    throw new OosError(400, 'InvalidArgument', 'Unsupported Authorization Type');
  }
  if (target.query.has('X-Amz-Signature') || target.query.has('X-Amz-Credential')) return v4Query(req, target, ctx, headers, service);
  if (target.query.has('Signature') || target.query.has('AWSAccessKeyId')) return v2Query(req, target, ctx, headers);
  return undefined;
}
