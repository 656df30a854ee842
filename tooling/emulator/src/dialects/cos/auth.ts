/**
 * q-sign verification with core's COS signer stages (protocol §2–4), in the
 * Authorization header or a presigned query; the KeyTime window against the
 * emulator clock; the STS token of temporary keys.
 */
import {
  cosHttpString,
  cosSignKey,
  cosSignature,
  cosStringToSign,
  cosCanonicalize,
  parseCosAuthorization,
  parseCosKeyTime,
  parseCosQueryAuthorization,
  type CosAuthorizationFields,
} from '@yunstore/core/sign';
import { timingSafeEqual } from 'node:crypto';
import { percentDecode } from '../../common/http.ts';
import { cosErrors } from './errors.ts';
import { header, type CosExchange } from './exchange.ts';

interface Presented {
  fields: CosAuthorizationFields;
  /** q-sign-time, which goes into StringToSign (the SDKs send the same value as q-key-time). */
  signTime: string;
  /** Where the token came from when presented. */
  token: string | undefined;
  inQuery: boolean;
}

function presented(ex: CosExchange): Presented | undefined {
  const authorization = header(ex, 'authorization');
  if (authorization !== undefined && authorization !== '') {
    const fields = parseCosAuthorization(authorization.trim());
    if (!fields) throw cosErrors.accessDenied('The Authorization header is not a valid q-sign-algorithm=sha1 signature.');
    const signTime = /(?:^|&)q-sign-time=([^&]*)/.exec(authorization)?.[1] ?? fields.keyTime;
    return { fields, signTime, token: header(ex, 'x-cos-security-token'), inQuery: false };
  }
  const q = ex.target.query;
  if (!q.has('q-sign-algorithm') && !q.has('q-signature')) return undefined;
  const fields = parseCosQueryAuthorization((n) => q.get(n));
  if (!fields) throw cosErrors.accessDenied('The presigned URL is not a valid q-sign-algorithm=sha1 signature.');
  return {
    fields,
    signTime: q.get('q-sign-time') ?? fields.keyTime,
    token: q.get('x-cos-security-token') ?? header(ex, 'x-cos-security-token'),
    inQuery: true,
  };
}

/**
 * The signed headers, as the server sees them: the names listed in
 * q-header-list. `hostWithoutPort` replaces a `Host: name:port` value by
 * `name`: the Python SDK signs `urlparse(url).hostname`, without the port.
 */
function signedHeaderPairs(ex: CosExchange, headerList: string, hostWithoutPort = false): Array<[string, string]> {
  if (headerList === '') return [];
  return headerList.split(';').map((encoded) => {
    const name = percentDecode(encoded).toLowerCase();
    const value = header(ex, name) ?? '';
    return [name, name === 'host' && hostWithoutPort ? stripPort(value) : value];
  });
}

/** `example.com:8080` → `example.com`; `[::1]:80` → `[::1]`; a value without port is kept. */
function stripPort(host: string): string {
  const match = /^(\[[^\]]*\]|[^:]*):\d+$/.exec(host);
  return match?.[1] ?? host;
}

/** The signed query parameters: every parameter whose encoded, lower-cased name is in q-url-param-list. */
function signedParamPairs(ex: CosExchange, urlParamList: string): Array<[string, string]> {
  if (urlParamList === '') return [];
  const wanted = new Set(urlParamList.split(';'));
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of ex.target.query) {
    const canonical = cosCanonicalize([[name, '']]).list;
    if (wanted.has(canonical)) pairs.push([name, value]);
  }
  return pairs;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies the request's signature. Returns the signer's owner, or undefined
 * for an anonymous request (the caller then checks public ACLs). Throws the
 * COS error otherwise.
 */
export function authenticate(ex: CosExchange): string | undefined {
  const p = presented(ex);
  if (!p) return undefined;
  const { fields } = p;
  const key = ex.ctx.credentials.lookup(fields.secretId);
  if (!key) throw cosErrors.invalidAccessKeyId();

  const window = parseCosKeyTime(p.signTime);
  const keyWindow = parseCosKeyTime(fields.keyTime);
  if (!window || !keyWindow) throw cosErrors.accessDenied('q-sign-time / q-key-time must be "<start>;<end>" in Unix seconds.');
  const now = Math.floor(ex.ctx.now().getTime() / 1000);
  if (now > window.end || now > keyWindow.end) throw cosErrors.requestExpired();
  if (window.start > now + ex.ctx.maxSkewSeconds) throw cosErrors.requestTimeTooSkewed();

  const pathname = percentDecode(ex.target.rawPath) || '/';
  const params = cosCanonicalize(signedParamPairs(ex, fields.urlParamList));
  const expectedWith = (hostWithoutPort: boolean): string => {
    const headers = cosCanonicalize(signedHeaderPairs(ex, fields.headerList, hostWithoutPort));
    const httpString = cosHttpString(ex.req.method ?? 'GET', pathname, params.joined, headers.joined);
    return cosSignature(cosSignKey(key.secretAccessKey, fields.keyTime), cosStringToSign(p.signTime, httpString));
  };
  const presentedSignature = fields.signature.toLowerCase();
  // COS accepts a signature over the Host with or without its port (the Python SDK signs it without).
  const signsHost = fields.headerList.split(';').some((n) => percentDecode(n).toLowerCase() === 'host');
  const hostHasPort = stripPort(header(ex, 'host') ?? '') !== (header(ex, 'host') ?? '');
  const matches = safeEqual(expectedWith(false), presentedSignature) || (signsHost && hostHasPort && safeEqual(expectedWith(true), presentedSignature));
  if (!matches) throw cosErrors.signatureDoesNotMatch();

  // Temporary keys only work together with their token (signed header or query parameter).
  if (key.sessionToken !== undefined && p.token !== key.sessionToken) throw cosErrors.invalidToken();
  return key.owner;
}
