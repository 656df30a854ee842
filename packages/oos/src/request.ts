/**
 * What is OOS-specific on the way to the wire: addressing (virtual-hosted or
 * path style), signing (V2 or V4, re-done for every attempt), and the
 * transport settings from botocore's Config. Sending, retries, deadlines,
 * bounded reads and error mapping are core's VendorHttp (with the hooks of
 * http-hooks.ts): an operation calls `send` (headers-only answers), `xml`
 * (parsed results), `read` (whole bodies) or `stream` (get_object).
 */
import { platform, arch } from 'node:process';
import {
  type CredentialCache,
  defineSecret,
  encodeKeyPath,
  parseXml,
  sha256Hex,
  Transport,
  VendorHttp,
  type Answer,
  type Body,
  type Credentials,
  type HttpCall,
  type ReadAnswer,
  type StreamedAnswer,
  type VendorRequest,
  type WireRequest,
  type XmlObject,
} from '@yunstore/core';
import { signS3V2, signS3V4, UNSIGNED_PAYLOAD } from '@yunstore/core/sign';
import { backoffRetryPolicy } from '@yunstore/core';
import type { Config } from './config.ts';
import { type CredentialsProvider, oosCredentialCache } from './credentials.ts';
import { OOS_HOOKS } from './http-hooks.ts';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.ts';

/** One S3 call before addressing and signing: core's shape, named by the botocore operation. */
export interface OosRequest extends Omit<VendorRequest, 'op'> {
  /** botocore operation name, for error messages: `PutObject`. */
  operation: string;
  signal?: AbortSignal | undefined;
  /** The answer may be a 200 carrying an `<Error>` (complete multipart, copies). */
  embeddedError?: boolean;
}

export interface ClientContextOptions {
  endpoint: URL;
  /** Fixed keys; when absent, `credentials_provider` gives them. */
  credentials?: Credentials | undefined;
  /** Temporary keys from a function, refreshed before they expire. */
  credentials_provider?: CredentialsProvider | undefined;
  config: Config;
  /** V4 scope service: `s3`, or `sts` for the IAM host. */
  service: 's3' | 'sts';
}

/** Bodies up to this size are hashed for V4 (`x-amz-content-sha256`); larger ones and streams go UNSIGNED-PAYLOAD. */
// Bodies in memory are hashed so the server can check them end to end.
const HASH_LIMIT = 16 * 1024 * 1024;

const IP_OR_LOCAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|localhost)$/i;
const DNS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** V4 region from `oos-<region>.ctyunapi.cn` / `oos-<region>-iam.ctyunapi.cn`. */
export function regionFromHost(host: string): string | undefined {
  const m = /^oos-([a-z0-9-]+?)(-iam)?\.ctyunapi\.cn$/i.exec(host);
  return m?.[1];
}

/** `yunstore-oos/<version> node/<version> <platform>-<arch>`, plus botocore's `user_agent_extra`. */
function userAgent(config: Config): string {
  const base = `${PACKAGE_NAME.replace(/^@yunstore\//, 'yunstore-')}/${PACKAGE_VERSION} node/${process.versions.node} ${platform}-${arch}`;
  return config.user_agent_extra ? `${base} ${config.user_agent_extra}` : base;
}

/** Credentials whose secret and token are hidden from inspect, JSON.stringify and Object.entries. */
function hiddenCredentials(credentials: Credentials): Credentials {
  const out = { accessKeyId: credentials.accessKeyId } as Credentials;
  defineSecret(out, 'secretAccessKey', credentials.secretAccessKey);
  if (credentials.sessionToken !== undefined) defineSecret(out, 'sessionToken', credentials.sessionToken);
  return out;
}

export class ClientContext {
  readonly endpoint: URL;
  readonly #fixed: Credentials | undefined;
  readonly #provided: CredentialCache | undefined;
  readonly config: Config;
  readonly http: VendorHttp;
  readonly region: string;
  readonly service: 's3' | 'sts';

  constructor(options: ClientContextOptions) {
    this.endpoint = options.endpoint;
    this.#fixed = options.credentials ? hiddenCredentials(options.credentials) : undefined;
    // Fixed keys win over a provider, as botocore's credential chain stops at the first keys it finds.
    this.#provided = this.#fixed === undefined && options.credentials_provider ? oosCredentialCache(options.credentials_provider) : undefined;
    if (!this.#fixed && !this.#provided) throw new TypeError('ClientContext needs credentials or a credentials_provider');
    this.config = options.config;
    this.service = options.service;
    this.region = options.config.region_name ?? regionFromHost(options.endpoint.hostname) ?? 'cn';
    // An explicit proxy wins; otherwise core applies HTTP(S)_PROXY / NO_PROXY from the environment.
    const proxy = options.endpoint.protocol === 'https:' ? options.config.proxies.https : options.config.proxies.http;
    const transport = new Transport({
      connections: options.config.max_pool_connections,
      connectTimeout: options.config.connect_timeout * 1000,
      headersTimeout: options.config.read_timeout * 1000,
      bodyTimeout: options.config.read_timeout * 1000,
      retry: backoffRetryPolicy({ maxAttempts: options.config.totalAttempts }),
      userAgent: userAgent(options.config),
      ...(proxy !== undefined ? { proxy } : {}),
      ...(options.config.dispatcher ? { dispatcher: options.config.dispatcher } : {}),
      ...(options.config.logger ? { logger: options.config.logger } : {}),
    });
    this.http = new VendorHttp(transport, OOS_HOOKS);
  }

  /**
   * The keys to sign with now: the fixed ones, or the provider's cached keys
   * (synchronous, for signing and presigning; a call awaits `loadCredentials()` first).
   * Throws `CredentialRetrievalError` when a provider's keys are not loaded or have expired.
   */
  get credentials(): Credentials {
    if (this.#fixed) return this.#fixed;
    return hiddenCredentials((this.#provided as CredentialCache).current());
  }

  /** Asks the provider when no keys are cached or they expire within 5 minutes; every request does this first. */
  async loadCredentials(): Promise<void> {
    await this.#provided?.ready();
  }

  /** Virtual-hosted when the endpoint is a DNS name and the bucket fits in a host label; path style otherwise. */
  virtualHosted(bucket: string): boolean {
    const style = this.config.s3.addressing_style ?? 'auto';
    if (style === 'path') return false;
    if (style === 'virtual') return true;
    return !IP_OR_LOCAL.test(this.endpoint.hostname) && DNS_BUCKET.test(bucket);
  }

  /** Origin and encoded path for a bucket/key. Keys keep `/` (runs and a trailing one too); `+` goes as `%2B`. */
  wire(req: OosRequest): WireRequest {
    const base = this.endpoint;
    let origin = base.origin;
    let path = '/';
    if (req.bucket !== undefined) {
      const key = req.key === undefined ? '' : encodeKeyPath(req.key);
      if (this.virtualHosted(req.bucket)) {
        origin = `${base.protocol}//${req.bucket}.${base.host}`;
        path = `/${key}`;
      } else {
        // Bucket requests go to `/bucket` (as boto3 sends them), object requests to `/bucket/key`.
        path = req.key === undefined ? `/${req.bucket}` : `/${req.bucket}/${key}`;
      }
    }
    const wire: WireRequest = { method: req.method, origin, path, query: req.query ?? [], headers: { ...req.headers } };
    if (req.body) wire.body = req.body;
    return wire;
  }

  /** Returns a function that adds the authorization of the configured signature version. */
  authorizer(req: OosRequest): (wire: WireRequest, now: Date) => WireRequest {
    // Read for every attempt: a retry late in a long call signs with refreshed keys.
    if (this.config.signature_version === 's3v4') {
      const payloadHash = payloadHashOf(req.body);
      return (wire, now) => ({
        ...wire,
        headers: { ...wire.headers, ...signS3V4(wire, this.credentials, now, { region: this.region, service: this.service, payloadHash }) },
      });
    }
    const virtualHostBucket = req.bucket !== undefined && this.virtualHosted(req.bucket) ? req.bucket : undefined;
    // x-amz-date rather than Date: s3rver signs an empty date line, and OOS/S3 accept both (protocols/oos.md §2).
    return (wire, now) => ({
      ...wire,
      headers: { ...wire.headers, ...signS3V2(wire, this.credentials, now, virtualHostBucket === undefined ? {} : { virtualHostBucket }) },
    });
  }

  /** The call core's layer runs: the request is addressed lazily so a fault while encoding is an argument error. */
  #call(req: OosRequest): HttpCall {
    return { op: req.operation, request: () => this.wire(req), key: req.key, authorize: this.authorizer(req), signal: req.signal };
  }

  /** Sends; the answer is all in the headers (the body is drained, bounded). */
  async send(req: OosRequest): Promise<Answer> {
    await this.loadCredentials();
    return this.http.send(this.#call(req));
  }

  /** Sends and parses the XML result; `root` is the result element, `arrays` the paths under it that are always lists. */
  async xml(req: OosRequest, root: string, arrays: string[] = []): Promise<{ res: Answer; body: XmlObject }> {
    await this.loadCredentials();
    const answer = await this.http.parse(this.#call(req), (bytes) => xmlRoot(bytes, root, arrays), req.embeddedError ? { embeddedError: true } : {});
    return { res: answer, body: answer.result };
  }

  /** Sends and parses the answer with `parse` (inside the attempt: a parse failure is a protocol error, never a SyntaxError). */
  async parse<T>(req: OosRequest, parse: (bytes: Buffer) => T): Promise<{ res: Answer; result: T }> {
    await this.loadCredentials();
    const answer = await this.http.parse(this.#call(req), (bytes) => parse(bytes), req.embeddedError ? { embeddedError: true } : {});
    return { res: answer, result: answer.result };
  }

  /** Sends and reads the whole body, up to `limit` bytes (default: core's 8 MiB bound). */
  async read(req: OosRequest, limit?: number): Promise<ReadAnswer> {
    await this.loadCredentials();
    return this.http.read(this.#call(req), { ...(req.embeddedError ? { embeddedError: true } : {}), ...(limit === undefined ? {} : { limit }) });
  }

  /** Sends and hands the body over as a stream (get_object). */
  async stream(req: OosRequest): Promise<StreamedAnswer> {
    await this.loadCredentials();
    return this.http.stream(this.#call(req));
  }

  close(): Promise<void> {
    return this.http.transport.close();
  }
}

/** The element under `root` of an XML answer (`{}` for an empty body); bad XML throws (core reports it as a protocol failure). */
export function xmlRoot(bytes: Buffer, root: string, arrays: string[] = []): XmlObject {
  if (bytes.length === 0) return {};
  const top = parseXml(bytes, { arrays: arrays.map((a) => `${root}.${a}`) })[root];
  if (top === undefined) throw new Error(`expected a <${root}> document`);
  return top && typeof top === 'object' && !Array.isArray(top) ? top : {};
}

/** Bodies that go UNSIGNED-PAYLOAD under V4 whatever their size (see `unsignedPayload`). */
const UNHASHED = new WeakSet<Body>();

/**
 * Marks a body to be sent `UNSIGNED-PAYLOAD` under V4. The transfer engine's
 * part bodies are metered streams: hashing one would open it (and a file
 * range under it) only to throw it away, and read every part twice.
 */
export function unsignedPayload(body: Body): Body {
  UNHASHED.add(body);
  return body;
}

/** Requests without a body go UNSIGNED-PAYLOAD, as the OOS PHP SDK and the vectors do. */
function payloadHashOf(body: Body | undefined): string {
  if (!body || UNHASHED.has(body)) return UNSIGNED_PAYLOAD;
  if (!body.replayable || body.length === undefined || body.length > HASH_LIMIT) return UNSIGNED_PAYLOAD;
  const bytes = body.open();
  return Buffer.isBuffer(bytes) ? sha256Hex(bytes) : (bytes.destroy(), UNSIGNED_PAYLOAD);
}
