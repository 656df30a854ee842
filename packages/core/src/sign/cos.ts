/**
 * Tencent COS XML API request signature (`q-sign-algorithm=sha1`), see
 * `shared/protocols/cos.md` §2–4. Every stage is its own exported pure
 * function so a failing vector shows which stage broke; the clock and the
 * credentials are always arguments.
 */
import { encodeRfc3986 } from '../encode.ts';
import { hmacSha1, sha1Hex } from '../hash/digest.ts';
import type { Credentials, WireRequest } from '../types.ts';
import { memoizeKey } from './key-cache.ts';
import { hostOf } from '../url.ts';

/** Default validity of a header signature, seconds (the Node SDK's 900). */
export const COS_DEFAULT_EXPIRES_SECONDS = 900;

/**
 * Standard headers the vendor SDKs sign (case-insensitive), besides every
 * `x-cos-*` / `x-ci-*` header. Anything else (User-Agent, Accept,
 * Content-Language, Date, x-amz-*...) is left out, as vector cos-s11 shows.
 */
const SIGNABLE_HEADERS = new Set([
  'host',
  'content-type',
  'content-length',
  'content-md5',
  'content-disposition',
  'content-encoding',
  'cache-control',
  'expect',
  'expires',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-unmodified-since',
  'origin',
  'range',
  'transfer-encoding',
  'pic-operations',
]);

/** True for a header the COS SDKs put in `q-header-list`. */
export function isCosSignableHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SIGNABLE_HEADERS.has(lower) || lower.startsWith('x-cos-') || lower.startsWith('x-ci-');
}

/** `"<start>;<end>"` in Unix seconds: both `q-sign-time` and `q-key-time`. */
export function cosKeyTime(startSeconds: number, endSeconds: number): string {
  if (!Number.isInteger(startSeconds) || !Number.isInteger(endSeconds) || endSeconds < startSeconds) {
    throw new RangeError(`cos keyTime: invalid window ${startSeconds};${endSeconds}`);
  }
  return `${startSeconds};${endSeconds}`;
}

/** Parses `"<start>;<end>"`; undefined when malformed. */
export function parseCosKeyTime(keyTime: string): { start: number; end: number } | undefined {
  const match = /^(\d+);(\d+)$/.exec(keyTime);
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]) };
}

/** SignKey = hex HMAC-SHA1(SecretKey, KeyTime). */
export const cosSignKey: (secretKey: string, keyTime: string) => string = memoizeKey((secretKey, keyTime) => hmacSha1(secretKey!, keyTime!, 'hex'));

/** A canonical list: `joined` is `n=v&n=v`, `list` is `n;n`, sorted by the encoded, lower-cased name. */
export interface CosCanonicalList {
  joined: string;
  list: string;
}

/**
 * Shared transformation of query parameters and headers: name →
 * lower(enc(name)), value → enc(value) (case kept), sorted by the encoded
 * name in byte order (the Python SDK's order; the protocol note explains why
 * the Node SDK agrees for every real name).
 */
export function cosCanonicalize(pairs: Iterable<readonly [string, string]>): CosCanonicalList {
  const encoded = [...pairs].map(([name, value]) => [encodeRfc3986(name).toLowerCase(), encodeRfc3986(value)] as const);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return {
    joined: encoded.map(([n, v]) => `${n}=${v}`).join('&'),
    list: encoded.map(([n]) => n).join(';'),
  };
}

/** Query pairs as given (object or list of pairs). */
export type CosPairs = Record<string, string> | ReadonlyArray<readonly [string, string]>;

function toPairs(input: CosPairs): Array<readonly [string, string]> {
  return Array.isArray(input) ? [...(input as ReadonlyArray<readonly [string, string]>)] : Object.entries(input);
}

/** `HttpParameters` and `UrlParamList`: every query parameter is signed (bare ones as `name=`). */
export function cosHttpParameters(query: CosPairs): { httpParameters: string; urlParamList: string } {
  const { joined, list } = cosCanonicalize(toPairs(query));
  return { httpParameters: joined, urlParamList: list };
}

/**
 * The headers that get signed: when `headersToSign` is given, exactly those
 * names (case-insensitive) that are present; otherwise the SDKs' signable
 * set. Empty values are dropped first, as the Node SDK does.
 */
export function selectCosHeaders(headers: CosPairs, headersToSign?: readonly string[]): Array<readonly [string, string]> {
  const wanted = headersToSign ? new Set(headersToSign.map((h) => h.toLowerCase())) : undefined;
  return toPairs(headers).filter(([name, value]) => value !== '' && (wanted ? wanted.has(name.toLowerCase()) : isCosSignableHeader(name)));
}

/** `HttpHeaders` and `HeaderList` over headers already selected for signing. */
export function cosHttpHeaders(signedHeaders: CosPairs): { httpHeaders: string; headerList: string } {
  const { joined, list } = cosCanonicalize(toPairs(signedHeaders));
  return { httpHeaders: joined, headerList: list };
}

/**
 * HttpString. `pathname` is `"/" + key` with the key NOT percent-encoded
 * (raw UTF-8); `/` for bucket-level requests; `/<bucket>/<key>` path-style.
 */
export function cosHttpString(method: string, pathname: string, httpParameters: string, httpHeaders: string): string {
  return `${method.toLowerCase()}\n${pathname}\n${httpParameters}\n${httpHeaders}\n`;
}

/** StringToSign = `sha1\n<KeyTime>\n<hex sha1(HttpString)>\n`. */
export function cosStringToSign(keyTime: string, httpString: string): string {
  return `sha1\n${keyTime}\n${sha1Hex(httpString)}\n`;
}

/** Signature = hex HMAC-SHA1 keyed with the SignKey's 40-char hex STRING (not the raw digest). */
export function cosSignature(signKey: string, stringToSign: string): string {
  return hmacSha1(signKey, stringToSign, 'hex');
}

/** The fields of a COS Authorization value (header or presigned query). */
export interface CosAuthorizationFields {
  secretId: string;
  keyTime: string;
  headerList: string;
  urlParamList: string;
  signature: string;
}

/** The Authorization value: fixed parameter order, nothing URL-encoded. */
export function cosAuthorization(fields: CosAuthorizationFields): string {
  return [
    'q-sign-algorithm=sha1',
    `q-ak=${fields.secretId}`,
    `q-sign-time=${fields.keyTime}`,
    `q-key-time=${fields.keyTime}`,
    `q-header-list=${fields.headerList}`,
    `q-url-param-list=${fields.urlParamList}`,
    `q-signature=${fields.signature}`,
  ].join('&');
}

/**
 * Reads an Authorization header value back into its fields (used by the
 * emulator). Undefined when a required parameter is missing or the algorithm
 * is not sha1.
 */
export function parseCosAuthorization(value: string): CosAuthorizationFields | undefined {
  const params = new Map<string, string>();
  for (const part of value.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1));
  }
  return authorizationFromMap((name) => params.get(name));
}

/** Same as `parseCosAuthorization` for a presigned URL's (already decoded) query. */
export function parseCosQueryAuthorization(get: (name: string) => string | null | undefined): CosAuthorizationFields | undefined {
  return authorizationFromMap((name) => get(name) ?? undefined);
}

function authorizationFromMap(get: (name: string) => string | undefined): CosAuthorizationFields | undefined {
  if (get('q-sign-algorithm') !== 'sha1') return undefined;
  const secretId = get('q-ak');
  const keyTime = get('q-key-time') ?? get('q-sign-time');
  const signature = get('q-signature');
  if (!secretId || !keyTime || !signature) return undefined;
  return {
    secretId,
    keyTime,
    headerList: get('q-header-list') ?? '',
    urlParamList: get('q-url-param-list') ?? '',
    signature,
  };
}

/** Every intermediate value, the shape of `expected.debug` in `vectors/cos.json`. */
export interface CosSignatureDebug {
  keyTime: string;
  signKey: string;
  urlParamList: string;
  headerList: string;
  httpParameters: string;
  httpHeaders: string;
  httpString: string;
  stringToSign: string;
  signature: string;
}

/** Everything the signature depends on, already decided (no clock, no filtering). */
export interface CosCanonicalInput {
  method: string;
  /** `"/" + raw key` (see `cosHttpString`). */
  pathname: string;
  /** Every query parameter to sign. */
  query: CosPairs;
  /** Exactly the headers to sign. */
  signedHeaders: CosPairs;
  secretKey: string;
  keyTime: string;
}

/** Runs all the stages and returns each of them. */
export function cosSignatureStages(input: CosCanonicalInput): CosSignatureDebug {
  const signKey = cosSignKey(input.secretKey, input.keyTime);
  const { httpParameters, urlParamList } = cosHttpParameters(input.query);
  const { httpHeaders, headerList } = cosHttpHeaders(input.signedHeaders);
  const httpString = cosHttpString(input.method, input.pathname, httpParameters, httpHeaders);
  const stringToSign = cosStringToSign(input.keyTime, httpString);
  const signature = cosSignature(signKey, stringToSign);
  return { keyTime: input.keyTime, signKey, urlParamList, headerList, httpParameters, httpHeaders, httpString, stringToSign, signature };
}

/** A request to sign: a core `WireRequest` or anything with the same fields. */
export type CosSignableRequest = Pick<WireRequest, 'method' | 'origin' | 'path'> & {
  query?: CosPairs;
  headers?: Record<string, string>;
};

export interface CosSignOptions {
  /** The clock (a Date or Unix milliseconds). Ignored when `keyTime` is given. Required otherwise. */
  now?: Date | number;
  /** An explicit `"<start>;<end>"` window, e.g. from a test vector. */
  keyTime?: string;
  /** Validity in seconds from `now` (default 900 for headers; required for presigning). */
  expiresSeconds?: number;
  /**
   * Names of the headers to sign instead of the SDKs' default set, e.g.
   * `['host', 'content-type']`: exactly those that are present. `signCos`
   * adds nothing, so `[]` signs no header at all and gives an empty
   * `q-header-list`, as the Python SDK's `get_auth(..., SignHost=False)`
   * does. `presignCos` always signs Host besides these.
   */
  headersToSign?: readonly string[];
  /**
   * The path that goes into HttpString. Default: the request path
   * percent-decoded (`/<key>`; `/<bucket>/<key>` for path-style URLs).
   */
  pathname?: string;
}

export interface CosSignResult {
  /** The Authorization header value. */
  authorization: string;
  /** Headers to add to the request: `Authorization`, plus `x-cos-security-token` for temporary keys. */
  headers: Record<string, string>;
  debug: CosSignatureDebug;
}

function resolveKeyTime(options: CosSignOptions, defaultExpires: number, startOffset: number): string {
  if (options.keyTime !== undefined) {
    if (!parseCosKeyTime(options.keyTime)) throw new RangeError(`cos keyTime: expected "<start>;<end>", got ${options.keyTime}`);
    return options.keyTime;
  }
  if (options.now === undefined) throw new TypeError('cos signer: options.now (or options.keyTime) is required');
  const nowMs = options.now instanceof Date ? options.now.getTime() : options.now;
  if (!Number.isFinite(nowMs)) throw new RangeError('cos signer: options.now is not a valid time');
  const expires = options.expiresSeconds ?? defaultExpires;
  if (!Number.isInteger(expires) || expires <= 0) throw new RangeError(`cos signer: expiresSeconds must be a positive integer, got ${expires}`);
  const start = Math.floor(nowMs / 1000) + startOffset;
  return cosKeyTime(start, start + expires);
}

/** Percent-decodes a wire path back to the raw `/key` the signature uses. */
export function cosPathnameFromPath(path: string): string {
  const pathOnly = path.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(pathOnly) || '/';
  } catch {
    // A malformed escape cannot come from our own encoder; sign what is there.
    return pathOnly || '/';
  }
}

/** Headers with Host filled from the origin when absent, and the STS token when given. */
function headersForSigning(request: CosSignableRequest, credentials: Credentials): Record<string, string> {
  // Object.assign, not a spread: Host is usually added next, and adding to a spread copy is slow on Node 20.
  const headers: Record<string, string> = Object.assign({}, request.headers);
  const names = Object.keys(headers).map((n) => n.toLowerCase());
  if (!names.includes('host')) headers['Host'] = hostOf(request.origin);
  if (credentials.sessionToken && !names.includes('x-cos-security-token')) {
    headers['x-cos-security-token'] = credentials.sessionToken;
  }
  return headers;
}

/** The signature stages and their Authorization value: the header form and the query form differ only in what they sign. */
function authorizeCos(
  request: CosSignableRequest,
  credentials: Credentials,
  options: CosSignOptions,
  signed: Pick<CosCanonicalInput, 'keyTime' | 'query' | 'signedHeaders'>,
): { authorization: string; debug: CosSignatureDebug } {
  const pathname = options.pathname ?? cosPathnameFromPath(request.path);
  // Spelled out rather than spread: adding properties to a spread copy is a slow path on Node 20, and this runs per request.
  const debug = cosSignatureStages({
    keyTime: signed.keyTime,
    query: signed.query,
    signedHeaders: signed.signedHeaders,
    method: request.method,
    pathname,
    secretKey: credentials.secretAccessKey,
  });
  const { headerList, urlParamList, signature } = debug;
  const authorization = cosAuthorization({ secretId: credentials.accessKeyId, keyTime: signed.keyTime, headerList, urlParamList, signature });
  return { authorization, debug };
}

/**
 * Signs a request for the Authorization header. The Host header is taken
 * from `origin` when the request does not carry one (the transport sends it
 * from the URL) and signed with the default set; `headersToSign` signs
 * exactly the names it lists. Temporary credentials add a signed
 * `x-cos-security-token` header (returned in `headers`).
 */
export function signCos(request: CosSignableRequest, credentials: Credentials, options: CosSignOptions): CosSignResult {
  // The Node SDK starts the window one second in the past so a server clock a
  // little behind ours still sees a valid window.
  const keyTime = resolveKeyTime(options, COS_DEFAULT_EXPIRES_SECONDS, -1);
  const allHeaders = headersForSigning(request, credentials);
  // The temporary key's token is part of the credential: signed whenever it is added.
  const toSign = options.headersToSign && credentials.sessionToken ? [...options.headersToSign, 'x-cos-security-token'] : options.headersToSign;
  const { authorization, debug } = authorizeCos(request, credentials, options, {
    keyTime,
    query: request.query ?? [],
    signedHeaders: selectCosHeaders(allHeaders, toSign),
  });
  const headers: Record<string, string> = { Authorization: authorization };
  if (credentials.sessionToken && allHeaders['x-cos-security-token'] === credentials.sessionToken) {
    headers['x-cos-security-token'] = credentials.sessionToken;
  }
  return { authorization, headers, debug };
}

export interface CosPresignResult {
  /** The full presigned URL. */
  url: string;
  /** The query of that URL as raw pairs, in order: auth parameters, token, then the signed parameters. */
  query: Array<[string, string]>;
  authorization: string;
  signature: string;
  debug: CosSignatureDebug;
}

function presignQueryString(authorization: string, token: string | undefined, query: Array<readonly [string, string]>): string {
  const parts = [authorization];
  if (token) parts.push(`x-cos-security-token=${encodeRfc3986(token)}`);
  for (const [name, value] of query) parts.push(value === '' ? encodeRfc3986(name) : `${encodeRfc3986(name)}=${encodeRfc3986(value)}`);
  return parts.join('&');
}

/**
 * A presigned URL: the Authorization parameters in the query (raw, like the
 * Node SDK's `getObjectUrl`), the STS token appended percent-encoded and
 * unsigned (the server accepts both), then the request's own query
 * parameters, which are signed. Host is always signed; `headersToSign` adds
 * more (the uploader must then send them). Window: `now;now+expiresSeconds`.
 */
export function presignCos(request: CosSignableRequest, credentials: Credentials, options: CosSignOptions): CosPresignResult {
  if (options.keyTime === undefined && options.expiresSeconds === undefined) {
    throw new TypeError('presignCos: options.expiresSeconds is required');
  }
  const keyTime = resolveKeyTime(options, COS_DEFAULT_EXPIRES_SECONDS, 0);
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (!Object.keys(headers).some((n) => n.toLowerCase() === 'host')) headers['host'] = hostOf(request.origin);
  const signedHeaders = selectCosHeaders(headers, [...(options.headersToSign ?? []), 'host']);
  const query = toPairs(request.query ?? []);
  const { authorization, debug } = authorizeCos(request, credentials, options, { keyTime, query, signedHeaders });
  const pairs: Array<[string, string]> = [
    ['q-sign-algorithm', 'sha1'],
    ['q-ak', credentials.accessKeyId],
    ['q-sign-time', keyTime],
    ['q-key-time', keyTime],
    ['q-header-list', debug.headerList],
    ['q-url-param-list', debug.urlParamList],
    ['q-signature', debug.signature],
  ];
  if (credentials.sessionToken) pairs.push(['x-cos-security-token', credentials.sessionToken]);
  for (const [n, v] of query) pairs.push([n, v]);
  const url = `${request.origin}${request.path}?${presignQueryString(authorization, credentials.sessionToken, query)}`;
  return { url, query: pairs, authorization, signature: debug.signature, debug };
}
