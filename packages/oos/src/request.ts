/**
 * The hop between an operation and the wire: addressing (virtual-hosted or
 * path style), signing (V2 or V4, re-done on every attempt by the
 * transport), and mapping non-2xx answers to ClientError.
 */
import {
  encodeKeyPath,
  parseXml,
  sha256Hex,
  Transport,
  type Body,
  type Credentials,
  type HttpMethod,
  type WireRequest,
  type WireResponse,
} from '@yunstore/core';
import { signS3V2, signS3V4, UNSIGNED_PAYLOAD } from '@yunstore/core/sign';
import { backoffRetryPolicy } from '@yunstore/core';
import type { Config } from './config.ts';
import { clientError, parseErrorBody } from './errors.ts';
import { responseMetadata } from './operations/shape.ts';

/** One S3 call before addressing and signing. */
export interface OosRequest {
  /** botocore operation name, for error messages: `PutObject`. */
  operation: string;
  method: HttpMethod;
  bucket?: string;
  key?: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: Body;
  signal?: AbortSignal | undefined;
}

export interface ClientContextOptions {
  endpoint: URL;
  credentials: Credentials;
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

export class ClientContext {
  readonly endpoint: URL;
  readonly credentials: Credentials;
  readonly config: Config;
  readonly transport: Transport;
  readonly region: string;
  readonly service: 's3' | 'sts';

  constructor(options: ClientContextOptions) {
    this.endpoint = options.endpoint;
    this.credentials = options.credentials;
    this.config = options.config;
    this.service = options.service;
    this.region = options.config.region_name ?? regionFromHost(options.endpoint.hostname) ?? 'cn';
    const proxy = options.endpoint.protocol === 'https:' ? options.config.proxies.https : options.config.proxies.http;
    this.transport = new Transport({
      connections: options.config.max_pool_connections,
      connectTimeout: options.config.connect_timeout * 1000,
      headersTimeout: options.config.read_timeout * 1000,
      bodyTimeout: options.config.read_timeout * 1000,
      retry: backoffRetryPolicy({ maxAttempts: options.config.totalAttempts }),
      userAgent: `yunstore-oos/0.1 node/${process.versions.node}${options.config.user_agent_extra ? ` ${options.config.user_agent_extra}` : ''}`,
      ...(proxy ? { proxy } : {}),
      ...(options.config.dispatcher ? { dispatcher: options.config.dispatcher } : {}),
    });
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
    const credentials = this.credentials;
    if (this.config.signature_version === 's3v4') {
      const payloadHash = payloadHashOf(req.body);
      return (wire, now) => ({
        ...wire,
        headers: { ...wire.headers, ...signS3V4(wire, credentials, now, { region: this.region, service: this.service, payloadHash }) },
      });
    }
    const virtualHostBucket = req.bucket !== undefined && this.virtualHosted(req.bucket) ? req.bucket : undefined;
    // x-amz-date rather than Date: s3rver signs an empty date line, and OOS/S3 accept both (protocols/oos.md §2).
    return (wire, now) => ({
      ...wire,
      headers: { ...wire.headers, ...signS3V2(wire, credentials, now, virtualHostBucket === undefined ? {} : { virtualHostBucket }) },
    });
  }

  /** Sends, retrying per the config; throws ClientError for non-2xx answers. */
  async send(req: OosRequest): Promise<WireResponse> {
    const res = await this.transport.send(this.wire(req), {
      authorize: this.authorizer(req),
      ...(req.signal ? { signal: req.signal } : {}),
      errorCode: (_status, body) => errorCodeOf(body),
    });
    if (res.status >= 300) {
      const meta = responseMetadata(res);
      throw clientError({ Error: parseErrorBody(res.status, res.errorBody), ResponseMetadata: meta }, req.operation, res.errorBody?.toString('utf8'));
    }
    return res;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
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

function errorCodeOf(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const err = parseXml(body)['Error'];
    const code = err && typeof err === 'object' && !Array.isArray(err) ? err['Code'] : undefined;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
