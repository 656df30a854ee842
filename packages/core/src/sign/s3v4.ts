/**
 * AWS signature V4 for S3 (OOS `signature_version='s3v4'`): headers and
 * presigned query. S3 flavour: the path is signed exactly as sent (no double
 * encoding, no normalisation), the payload hash may be `UNSIGNED-PAYLOAD`.
 *
 * Stages (canonical request, string to sign, signing key, signature) are
 * exported separately; the clock is an argument.
 */
import { encodeRfc3986 } from '../encode.ts';
import { hmacSha256, sha256Hex } from '../hash/digest.ts';
import type { Credentials, WireRequest } from '../types.ts';
import type { QueryPair } from './s3v2.ts';
import { memoizeKey } from './key-cache.ts';
import { hostOf } from '../url.ts';

export const V4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** `20231114T221320Z` */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `<yyyymmdd>/<region>/<service>/aws4_request` */
export function credentialScope(date: string, region: string, service: string): string {
  return `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
}

/** Query pairs RFC 3986-encoded and sorted by name then value; bare parameters become `name=`. */
export function canonicalQueryString(query: readonly QueryPair[]): string {
  const encoded = query.map(([n, v]) => [encodeRfc3986(n), encodeRfc3986(v ?? '')] as const);
  encoded.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return encoded.map(([n, v]) => `${n}=${v}`).join('&');
}

/** Lower-cased name → trimmed value with inner runs of spaces collapsed; repeated names joined with `,`. */
export function normalizeHeaders(headers: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(headers)) {
    const key = name.toLowerCase();
    const value = raw.trim().replace(/\s+/g, ' ');
    const prev = out.get(key);
    out.set(key, prev === undefined ? value : `${prev},${value}`);
  }
  return out;
}

/** The headers our signer signs: host, content-type, content-md5 and every x-amz-* (protocols/oos.md §4). */
export function isSignedHeaderV4(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName === 'content-md5' || lowerName.startsWith('x-amz-');
}

export interface CanonicalRequestV4Parts {
  method: string;
  /** The path as sent on the wire. */
  path: string;
  query: readonly QueryPair[];
  /** Every header that is signed (host included); names in any case. */
  headers: Record<string, string>;
  payloadHash: string;
}

/** Returns the canonical request and the `SignedHeaders` list it used. */
export function canonicalRequestV4(parts: CanonicalRequestV4Parts): { canonicalRequest: string; signedHeaders: string } {
  const headers = [...normalizeHeaders(parts.headers)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([n]) => n).join(';');
  const canonicalRequest = [
    parts.method,
    parts.path,
    canonicalQueryString(parts.query),
    headers.map(([n, v]) => `${n}:${v}\n`).join(''),
    signedHeaders,
    parts.payloadHash,
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

export function stringToSignV4(date: string, scope: string, canonicalRequest: string): string {
  return [V4_ALGORITHM, date, scope, sha256Hex(canonicalRequest)].join('\n');
}

/** HMAC chain `AWS4<secret>` → date → region → service → `aws4_request`. */
export function signingKeyV4(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return deriveSigningKeyV4(secretAccessKey, date.slice(0, 8), region, service);
}

// The key changes once a day per region and service: derive it once, not four HMACs per request.
const deriveSigningKeyV4 = memoizeKey((secretAccessKey, day, region, service) => {
  const kDate = hmacSha256(`AWS4${secretAccessKey}`, day!);
  const kRegion = hmacSha256(kDate, region!);
  const kService = hmacSha256(kRegion, service!);
  return hmacSha256(kService, 'aws4_request');
});

export function signatureV4(signingKey: Buffer, stringToSign: string): string {
  return hmacSha256(signingKey, stringToSign, 'hex');
}

/** Host header value from an origin (`http://a.b:8080` → `a.b:8080`; default ports dropped). */
export const hostHeaderOf: (origin: string) => string = hostOf;

/** Options of `signS3V4` / `presignS3V4`. */
export interface S3V4Options {
  /** Scope region, e.g. `'cn'` for `oos-cn.ctyunapi.cn`. */
  region: string;
  /** Scope service; `'s3'` for storage, `'sts'` for the OOS IAM host. */
  service?: string;
  /**
   * Hex SHA-256 of the body or `'UNSIGNED-PAYLOAD'`. Default: the request's
   * own `x-amz-content-sha256` header, else `'UNSIGNED-PAYLOAD'`.
   */
  payloadHash?: string;
}

type SignableRequest = Pick<WireRequest, 'method' | 'origin' | 'path' | 'query' | 'headers'>;

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/** Everything a V4 header signature computed, for callers that want the stages. */
export interface SignedV4 {
  /** Headers to merge into the request (`x-amz-date`, `x-amz-content-sha256`, token, `Authorization`). */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** Full V4 header signing with every stage returned. */
export function signS3V4Detailed(req: SignableRequest, credentials: Credentials, now: Date, options: S3V4Options): SignedV4 {
  const service = options.service ?? 's3';
  const date = headerValue(req.headers, 'x-amz-date') ?? amzDate(now);
  const payloadHash = options.payloadHash ?? headerValue(req.headers, 'x-amz-content-sha256') ?? UNSIGNED_PAYLOAD;
  const added: Record<string, string> = { 'x-amz-date': date, 'x-amz-content-sha256': payloadHash };
  if (credentials.sessionToken !== undefined) added['x-amz-security-token'] = credentials.sessionToken;
  // Object.assign, not spreads: merging into a spread copy is a slow path on Node 20.
  const all = Object.assign(stripNames(req.headers, Object.keys(added)), added);
  const signed: Record<string, string> = { host: headerValue(req.headers, 'host') ?? hostHeaderOf(req.origin) };
  for (const [k, v] of Object.entries(all)) if (isSignedHeaderV4(k.toLowerCase()) && k.toLowerCase() !== 'host') signed[k] = v;
  const { canonicalRequest, signedHeaders } = canonicalRequestV4({ method: req.method, path: req.path, query: req.query, headers: signed, payloadHash });
  const scope = credentialScope(date, options.region, service);
  const stringToSign = stringToSignV4(date, scope, canonicalRequest);
  const signature = signatureV4(signingKeyV4(credentials.secretAccessKey, date, options.region, service), stringToSign);
  added['Authorization'] = `${V4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers: added, canonicalRequest, stringToSign, signature };
}

function stripNames(headers: Record<string, string>, names: string[]): Record<string, string> {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !drop.has(k.toLowerCase())));
}

/** The headers that authorize `req` with V4; merge them into the request headers. */
export function signS3V4(req: SignableRequest, credentials: Credentials, now: Date, options: S3V4Options): Record<string, string> {
  return signS3V4Detailed(req, credentials, now, options).headers;
}

export interface PresignS3V4Options extends S3V4Options {
  /** Seconds the URL stays valid, 1..604800. */
  expiresIn: number;
}

export interface PresignedV4 {
  /** Query pairs to append after the request's own query (botocore's order: Signature last). */
  query: Array<[string, string]>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** V4 query authentication (`X-Amz-*` parameters, `SignedHeaders=host`, `UNSIGNED-PAYLOAD`). */
export function presignS3V4(req: SignableRequest, credentials: Credentials, now: Date, options: PresignS3V4Options): PresignedV4 {
  if (!Number.isInteger(options.expiresIn) || options.expiresIn < 1 || options.expiresIn > 604800) {
    throw new RangeError(`expiresIn must be an integer number of seconds in 1..604800, got ${options.expiresIn}`);
  }
  const service = options.service ?? 's3';
  const date = amzDate(now);
  const scope = credentialScope(date, options.region, service);
  const auth: Array<[string, string]> = [
    ['X-Amz-Algorithm', V4_ALGORITHM],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', date],
    ['X-Amz-Expires', String(options.expiresIn)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  if (credentials.sessionToken !== undefined) auth.push(['X-Amz-Security-Token', credentials.sessionToken]);
  const { canonicalRequest } = canonicalRequestV4({
    method: req.method,
    path: req.path,
    query: [...req.query, ...auth],
    headers: { host: headerValue(req.headers, 'host') ?? hostHeaderOf(req.origin) },
    payloadHash: options.payloadHash ?? UNSIGNED_PAYLOAD,
  });
  const stringToSign = stringToSignV4(date, scope, canonicalRequest);
  const signature = signatureV4(signingKeyV4(credentials.secretAccessKey, date, options.region, service), stringToSign);
  return { query: [...auth, ['X-Amz-Signature', signature]], canonicalRequest, stringToSign, signature };
}

/** The `input` object of a V4 vector in `protocols/vectors/oos.json`. */
export interface S3V4VectorInput {
  method: string;
  host: string;
  path: string;
  query: Array<[string, string | null]>;
  headers: Record<string, string>;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** `20231114T221320Z` */
  amzDate: string;
  region: string;
  service: string;
  /** Header vectors: `'UNSIGNED-PAYLOAD'` or `'body'` (hash `body`). */
  payload?: string;
  body?: string;
  /** Query vectors: seconds. */
  expiresIn?: number;
  [extra: string]: unknown;
}

export type S3V4VectorResult =
  | { authorization: string; signedRequestHeaders: Record<string, string>; canonicalRequest: string; stringToSign: string }
  | { signature: string; url: string; botocoreUrl: string };

function parseAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new RangeError(`amzDate must look like 20231114T221320Z, got ${value}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
}

/**
 * Runs a V4 vector: header vectors (`v4-header`) give `{authorization,
 * signedRequestHeaders, canonicalRequest, stringToSign}`, presigned ones
 * (`v4-query`, recognised by `expiresIn`) give `{signature, url, botocoreUrl}`.
 */
export function signS3V4Vector(input: S3V4VectorInput): S3V4VectorResult {
  const credentials: Credentials = {
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
    ...(input.sessionToken === undefined ? {} : { sessionToken: input.sessionToken }),
  };
  const now = parseAmzDate(input.amzDate);
  const query = input.query.map(([n, v]): [string, string] => [n, v ?? '']);
  const req = { method: input.method as WireRequest['method'], origin: `http://${input.host}`, path: input.path, query, headers: input.headers };
  if (input.expiresIn !== undefined) {
    const signed = presignS3V4(req, credentials, now, { region: input.region, service: input.service, expiresIn: input.expiresIn });
    const base = `http://${input.host}${input.path}`;
    // Smithy lays every parameter out sorted by name; botocore keeps the request's order and appends Signature last.
    const sorted = [...query, ...signed.query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { signature: signed.signature, url: `${base}?${encodePairs(sorted)}`, botocoreUrl: `${base}?${encodePairs([...query, ...signed.query])}` };
  }
  const payloadHash = input.payload === 'body' ? sha256Hex(input.body ?? '') : (input.payload ?? UNSIGNED_PAYLOAD);
  const signed = signS3V4Detailed(req, credentials, now, { region: input.region, service: input.service, payloadHash });
  const { Authorization: authorization, ...rest } = signed.headers;
  return {
    authorization: authorization ?? '',
    signedRequestHeaders: { ...input.headers, host: input.host, ...rest },
    canonicalRequest: signed.canonicalRequest,
    stringToSign: signed.stringToSign,
  };
}

/** The parts of an `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header. */
export interface ParsedS3V4Authorization {
  accessKeyId: string;
  /** `yyyymmdd` of the scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses a V4 `Authorization` header (or `X-Amz-Credential` + friends joined the same way); undefined when malformed. */
export function parseS3V4Authorization(header: string): ParsedS3V4Authorization | undefined {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${V4_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(V4_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return parseV4Fields(fields.get('Credential'), fields.get('SignedHeaders'), fields.get('Signature'));
}

/** Shared by header and query parsing: `Credential` is `<ak>/<date>/<region>/<service>/aws4_request`. */
export function parseV4Fields(
  credential: string | undefined,
  signedHeaders: string | undefined,
  signature: string | undefined,
): ParsedS3V4Authorization | undefined {
  if (credential === undefined || signedHeaders === undefined || signature === undefined) return undefined;
  const scope = credential.split('/');
  if (scope.length < 5 || scope[scope.length - 1] !== 'aws4_request') return undefined;
  // The access key id itself may not contain '/', so the last four pieces are the scope.
  const [date, region, service] = scope.slice(-4, -1) as [string, string, string];
  return { accessKeyId: scope.slice(0, -4).join('/'), date, region, service, signedHeaders: signedHeaders.split(';').filter(Boolean), signature };
}
