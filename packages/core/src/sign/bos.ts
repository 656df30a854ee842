/**
 * Baidu BOS `bce-auth-v1`, one exported function per stage so a failing
 * vector shows which stage broke (protocol notes bos.md §3–5).
 *
 *   prefix      = bce-auth-v1/{ak}/{timestamp}/{expiration}
 *   signingKey  = hex(HMAC-SHA256(sk, prefix))
 *   canonical   = METHOD \n uri \n query \n headers
 *   signature   = hex(HMAC-SHA256(signingKey as ASCII hex, canonical))
 *   Authorization = prefix/{signedHeaders}/{signature}
 *
 * Everything here is pure: the clock and the credentials are arguments.
 */
import { encodeKeyPath, encodeRfc3986 } from '../encode.ts';
import { hmacSha256 } from '../hash/digest.ts';
import type { Credentials, WireRequest } from '../types.ts';
import { memoizeKey, memoizePerSecond } from './key-cache.ts';
import { hostOf } from '../url.ts';

/** Query pairs in either form: wire order pairs, or a plain object. */
export type BosQuery = ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>;

/** The default presigned URL / request lifetime of every BOS SDK. */
export const BOS_DEFAULT_EXPIRATION_SECONDS = 1800;

/** Headers signed when the caller names none (plus every `x-bce-*`). */
const DEFAULT_SIGNED_HEADERS = ['host', 'content-length', 'content-type', 'content-md5'];

function queryPairs(query: BosQuery): Array<readonly [string, string]> {
  return Array.isArray(query) ? (query as ReadonlyArray<readonly [string, string]>).slice() : Object.entries(query as Record<string, string>);
}

/** Unix seconds, Date or ISO string → `YYYY-MM-DDTHH:MM:SSZ` (UTC, no milliseconds). */
export function bosTimestamp(time: Date | number): string {
  const date = typeof time === 'number' ? new Date(time * 1000) : time;
  if (Number.isNaN(date.getTime())) throw new RangeError('bce-auth-v1: invalid timestamp');
  return isoSeconds(date);
}

const isoSeconds = memoizePerSecond((date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** Step 2. `expiration` -1 means "never expires" (presigned URLs); 0 and other negatives are refused. */
export function bosAuthStringPrefix(accessKeyId: string, timestampIso: string, expirationInSeconds: number): string {
  if (!Number.isInteger(expirationInSeconds) || (expirationInSeconds <= 0 && expirationInSeconds !== -1)) {
    throw new RangeError(`bce-auth-v1: expiration_in_seconds must be a positive integer or -1, got ${expirationInSeconds}`);
  }
  return `bce-auth-v1/${accessKeyId}/${timestampIso}/${expirationInSeconds}`;
}

/** Step 3. The hex string (its ASCII bytes) keys the next HMAC, not the raw 32 bytes. */
export const bosSigningKey: (secretAccessKey: string, authStringPrefix: string) => string = memoizeKey((secretAccessKey, authStringPrefix) =>
  hmacSha256(secretAccessKey!, authStringPrefix!, 'hex'),
);

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray '%' that is not an escape: the bytes are taken literally.
    return segment;
  }
}

const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;

/**
 * Step 5. UriEncodeExceptSlash of the decoded path. The path is never
 * normalised: `//` and a trailing `/` belong to the key.
 */
export function bosCanonicalUri(path: string): string {
  if (path === '') return '/';
  if (PLAIN_PATH.test(path)) return path; // nothing to decode or encode
  return path
    .split('/')
    .map((seg) => encodeKeyPath(safeDecode(seg)))
    .join('/');
}

/**
 * Step 6. `name=value` for every pair except `authorization`, both UriEncoded,
 * bare parameters as `name=`, sorted as whole strings (so `text10=` sorts
 * before `text1=`), joined with `&`.
 */
export function bosCanonicalQuery(query: BosQuery): string {
  return queryPairs(query)
    .filter(([name]) => name.toLowerCase() !== 'authorization')
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value ?? '')}`)
    .sort()
    .join('&');
}

/** Lower-cased, trimmed header map; later duplicates (case-insensitive) win. */
function normaliseHeaders(headers: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out.set(name.trim().toLowerCase(), String(value).trim());
  }
  return out;
}

/**
 * Step 7, selection: the names to sign. Default set or the caller's
 * `headersToSign` (matched case-insensitively), plus every `x-bce-*` header
 * present either way. Absent headers and empty values are dropped.
 */
export function bosHeadersToSign(headers: Readonly<Record<string, string | undefined>>, headersToSign?: readonly string[] | null): string[] {
  return selectHeaders(normaliseHeaders(headers), headersToSign);
}

const DEFAULT_WANTED: ReadonlySet<string> = new Set(DEFAULT_SIGNED_HEADERS.map((n) => n.trim().toLowerCase()));

function selectHeaders(present: Map<string, string>, headersToSign?: readonly string[] | null): string[] {
  const wanted = headersToSign ? new Set(headersToSign.map((n) => n.trim().toLowerCase())) : DEFAULT_WANTED;
  const names: string[] = [];
  for (const [name, value] of present) {
    if (value === '') continue;
    if (wanted.has(name) || name.startsWith('x-bce-')) names.push(name);
  }
  return names.sort();
}

/**
 * Step 7, rendering: `UriEncode(name):UriEncode(value)` for exactly the given
 * names (a verifier passes the list from the Authorization it received),
 * sorted, joined with `\n`.
 */
export function bosCanonicalHeaders(
  headers: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): { canonicalHeaders: string; signedHeaders: string } {
  return renderHeaders(normaliseHeaders(headers), names);
}

function renderHeaders(present: Map<string, string>, names: readonly string[]): { canonicalHeaders: string; signedHeaders: string } {
  const used: string[] = [];
  const lines: string[] = [];
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    const value = present.get(name);
    if (value === undefined || value === '' || used.includes(name)) continue;
    used.push(name);
    lines.push(`${encodeRfc3986(name)}:${encodeRfc3986(value)}`);
  }
  return { canonicalHeaders: lines.sort().join('\n'), signedHeaders: used.sort().join(';') };
}

/** Step 8. */
export function bosCanonicalRequest(method: string, canonicalUri: string, canonicalQuery: string, canonicalHeaders: string): string {
  return `${method.toUpperCase()}\n${canonicalUri}\n${canonicalQuery}\n${canonicalHeaders}`;
}

/** Step 9. */
export function bosSignature(signingKey: string, canonicalRequest: string): string {
  return hmacSha256(signingKey, canonicalRequest, 'hex');
}

/** Step 10. An empty `signedHeaders` gives the default form `prefix//signature`. */
export function bosAuthorization(authStringPrefix: string, signedHeaders: string, signature: string): string {
  return `${authStringPrefix}/${signedHeaders}/${signature}`;
}

/** What to sign: one HTTP request as it will be sent. */
export interface BosCanonicalInput {
  method: string;
  /** The path exactly as sent, percent-encoded (`/bucket/my%20key`). */
  path: string;
  query: BosQuery;
  headers: Readonly<Record<string, string | undefined>>;
}

export interface BosSignParams {
  accessKeyId: string;
  secretAccessKey: string;
  /** The signing instant (a Date or Unix seconds). */
  timestamp: Date | number;
  /** Default 1800; -1 = never expires. */
  expirationInSeconds?: number;
  /**
   * Header names to sign instead of the default set (case-insensitive);
   * `x-bce-*` headers are always signed. With an explicit list, the
   * verifier uses exactly the names written into the Authorization.
   */
  headersToSign?: readonly string[] | null;
  /**
   * Exact signed header names, no `x-bce-*` added: what a verifier uses
   * when it recomputes a signature from a received Authorization.
   */
  exactHeaderNames?: readonly string[];
}

/** Every intermediate value, so tests and verifiers can compare stage by stage. */
export interface BosSignatureStages {
  timestampIso: string;
  authStringPrefix: string;
  signingKey: string;
  canonicalUri: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: string;
  canonicalRequest: string;
  signature: string;
  /** `prefix/signedHeaders/signature` with the names listed (what we send). */
  authorization: string;
  /** `prefix//signature` (what the Python SDK sends; valid only for the default header set). */
  authorizationDefaultForm: string;
}

/** Runs steps 1–10 on a request description. */
export function bosSignatureStages(input: BosCanonicalInput, params: BosSignParams): BosSignatureStages {
  const timestampIso = bosTimestamp(params.timestamp);
  const authStringPrefix = bosAuthStringPrefix(params.accessKeyId, timestampIso, params.expirationInSeconds ?? BOS_DEFAULT_EXPIRATION_SECONDS);
  const signingKey = bosSigningKey(params.secretAccessKey, authStringPrefix);
  const canonicalUri = bosCanonicalUri(input.path);
  const canonicalQuery = bosCanonicalQuery(input.query);
  const present = normaliseHeaders(input.headers);
  const names = params.exactHeaderNames ?? selectHeaders(present, params.headersToSign);
  const { canonicalHeaders, signedHeaders } = renderHeaders(present, names);
  const canonicalRequest = bosCanonicalRequest(input.method, canonicalUri, canonicalQuery, canonicalHeaders);
  const signature = bosSignature(signingKey, canonicalRequest);
  return {
    timestampIso,
    authStringPrefix,
    signingKey,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    canonicalRequest,
    signature,
    authorization: bosAuthorization(authStringPrefix, signedHeaders, signature),
    authorizationDefaultForm: bosAuthorization(authStringPrefix, '', signature),
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

export interface SignBosOptions {
  /** Default 1800 seconds. */
  expirationInSeconds?: number;
  /** See `BosSignParams.headersToSign`. */
  headersToSign?: readonly string[] | null;
}

/**
 * Authorizes a request for the wire: sets `Host` (when absent), `x-bce-date`
 * (the signing instant), `x-bce-security-token` for STS credentials, and
 * `Authorization`. Returns a new request; the input is not modified. Call it
 * on every attempt so a retry carries a fresh date and signature.
 */
export function signBos(request: WireRequest, credentials: Credentials, now: Date, options: SignBosOptions = {}): WireRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-bce-date') continue;
    headers[name] = value;
  }
  if (!hasHeader(headers, 'host')) headers['Host'] = hostOf(request.origin);
  headers['x-bce-date'] = bosTimestamp(now);
  if (credentials.sessionToken && !hasHeader(headers, 'x-bce-security-token')) {
    headers['x-bce-security-token'] = credentials.sessionToken;
  }
  const stages = bosSignatureStages(
    { method: request.method, path: request.path, query: request.query, headers },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      timestamp: now,
      expirationInSeconds: options.expirationInSeconds ?? BOS_DEFAULT_EXPIRATION_SECONDS,
      headersToSign: options.headersToSign ?? null,
    },
  );
  headers['Authorization'] = stages.authorization;
  return { ...request, headers };
}

export interface PresignBosInput {
  /** Default GET. */
  method?: string;
  /** `http://bj.bcebos.com` or `http://demo-bucket.bj.bcebos.com:8080`: scheme, host, port. */
  origin: string;
  /** Encoded path as built for the request (`/bucket/key` or `/key`). */
  path: string;
  /** Extra query parameters to sign and carry (`responseContentDisposition`...). */
  params?: BosQuery;
  /** Extra headers the eventual request will carry and that are signed with `host`. */
  headers?: Readonly<Record<string, string>>;
  /** Header names to sign; default: `host` and the given headers. */
  headersToSign?: readonly string[] | null;
}

export interface PresignBosResult {
  url: string;
  host: string;
  path: string;
  /** The URL's query, raw values, `authorization` last. */
  query: Array<[string, string]>;
  stages: BosSignatureStages;
}

/**
 * A presigned URL: the authorization string travels as the `authorization`
 * query parameter (every name and value UriEncoded). `expirationInSeconds`
 * -1 never expires. With STS credentials the token is a signed query
 * parameter `x-bce-security-token`.
 */
export function presignBos(
  input: PresignBosInput,
  credentials: Credentials,
  timestamp: Date | number,
  expirationInSeconds: number = BOS_DEFAULT_EXPIRATION_SECONDS,
): PresignBosResult {
  const origin = new URL(input.origin);
  const host = origin.host;
  const query: Array<[string, string]> = input.params ? queryPairs(input.params).map(([n, v]) => [n, v] as [string, string]) : [];
  if (credentials.sessionToken) query.push(['x-bce-security-token', credentials.sessionToken]);
  const headers: Record<string, string> = { ...input.headers, host };
  const headersToSign = input.headersToSign ?? ['host', ...Object.keys(input.headers ?? {})];
  const stages = bosSignatureStages(
    { method: input.method ?? 'GET', path: input.path, query, headers },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      timestamp,
      expirationInSeconds,
      headersToSign,
    },
  );
  query.push(['authorization', stages.authorization]);
  const search = query.map(([n, v]) => `${encodeRfc3986(n)}=${encodeRfc3986(v)}`).join('&');
  return { url: `${origin.protocol}//${host}${input.path}?${search}`, host, path: input.path, query, stages };
}

/** The six fields of a received Authorization (header or `authorization` query parameter). */
export interface ParsedBosAuthorization {
  accessKeyId: string;
  timestampIso: string;
  /** Unix seconds. */
  timestamp: number;
  expirationInSeconds: number;
  /** Lower-case names; empty means "the default set". */
  signedHeaders: string[];
  signature: string;
}

/** Splits `bce-auth-v1/ak/ts/exp/headers/sig`; undefined when malformed. */
export function parseBosAuthorization(value: string): ParsedBosAuthorization | undefined {
  const fields = value.trim().split('/');
  if (fields.length !== 6) return undefined;
  const [version, accessKeyId, timestampIso, expiration, signed, signature] = fields as [string, string, string, string, string, string];
  if (version !== 'bce-auth-v1' || !accessKeyId || !signature) return undefined;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(timestampIso)) return undefined;
  if (!/^(-1|\d+)$/.test(expiration)) return undefined;
  const ms = Date.parse(timestampIso);
  if (Number.isNaN(ms)) return undefined;
  return {
    accessKeyId,
    timestampIso,
    timestamp: ms / 1000,
    expirationInSeconds: Number(expiration),
    signedHeaders: signed === '' ? [] : signed.split(';').map((h) => h.trim().toLowerCase()),
    signature,
  };
}
