import type { Readable } from 'node:stream';
import {
  Transport,
  backoffRetryPolicy,
  buildUrl,
  NetworkError,
  YunstoreError,
  type Body,
  type HttpMethod,
  type WireRequest,
  type WireResponse,
} from '@yunstore/core';
import { signCos } from '@yunstore/core/sign';
import type { CosConfig } from './config.ts';
import { CosClientError } from './errors.ts';
import { serviceError } from './error-mapping.ts';

/** One COS request as an operation describes it, before addressing and signing. */
export interface CosRequestSpec {
  /** The seed method name, for error messages (`put_object`). */
  op: string;
  method: HttpMethod;
  /** Undefined for the service root (list_buckets). */
  bucket?: string;
  key?: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: Body;
  signal?: AbortSignal | undefined;
}

/**
 * What every operation function receives: the config and one transport.
 * `send` addresses, signs (afresh on every attempt), sends, and turns
 * status >= 400 into CosServiceError and network failures into
 * CosClientError. Status < 400 is success, as in the Python SDK (so a 304
 * from a conditional GET returns headers and an empty body).
 */
export class CosContext {
  readonly config: CosConfig;
  readonly transport: Transport;

  constructor(config: CosConfig) {
    this.config = config;
    this.transport = new Transport({
      connections: config.PoolMaxSize,
      headersTimeout: config.Timeout * 1000,
      bodyTimeout: config.Timeout * 1000,
      userAgent: config.UA,
      retry: config.RetryPolicy ?? backoffRetryPolicy({ maxAttempts: config.Retry + 1 }),
      ...(config.Proxy ? { proxy: config.Proxy } : {}),
      ...(config.Dispatcher ? { dispatcher: config.Dispatcher } : {}),
    });
  }

  /** The wire request for a spec (unsigned). */
  wireRequest(spec: CosRequestSpec): WireRequest {
    const target = this.config.target(spec.bucket, spec.key);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(spec.headers ?? {})) if (value !== '') headers[name] = value;
    if (target.host) headers['Host'] = target.host;
    const req: WireRequest = { method: spec.method, origin: target.origin, path: target.path, query: spec.query ?? [], headers };
    if (spec.body) req.body = spec.body;
    return req;
  }

  /** Sends and returns a successful response; throws CosServiceError / CosClientError otherwise. */
  async send(spec: CosRequestSpec): Promise<WireResponse> {
    const req = this.wireRequest(spec);
    const credentials = this.config.credentials();
    const expiresSeconds = this.config.SignExpires;
    let res: WireResponse;
    try {
      res = await this.transport.send(req, {
        authorize: (r, now) => {
          const signed = signCos(r, credentials, { now, expiresSeconds });
          return { ...r, headers: { ...r.headers, ...signed.headers } };
        },
        errorCode: (_status, body) => /<Code>([^<]+)<\/Code>/.exec(body.toString('utf8'))?.[1],
        ...(spec.signal ? { signal: spec.signal } : {}),
      });
    } catch (error) {
      throw toClientError(error, spec.op);
    }
    if (res.status >= 400) {
      throw serviceError(spec.op, spec.method, res, buildUrl(req));
    }
    return res;
  }

  /** Sends and reads the whole (small, XML) body. */
  async sendForBody(spec: CosRequestSpec): Promise<{ res: WireResponse; body: Buffer }> {
    const res = await this.send(spec);
    const body = res.errorBody ?? (await readAll(res.body, spec.op));
    return { res, body };
  }

  /** Sends a request whose body we do not need; drains it so the socket returns to the pool. */
  async sendAndDrain(spec: CosRequestSpec): Promise<WireResponse> {
    const res = await this.send(spec);
    if (!res.errorBody) await readAll(res.body, spec.op);
    return res;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}

/** Network failures, aborts and core argument errors become CosClientError. */
export function toClientError(error: unknown, op: string): unknown {
  if (error instanceof CosClientError) return error;
  if (error instanceof NetworkError) {
    return new CosClientError(`${op}: ${error.message} (after ${error.attempts} attempt(s))`, {
      code: error.code,
      cause: error,
    });
  }
  if (YunstoreError.is(error) && !(error as { status?: number }).status) {
    return new CosClientError(`${op}: ${error.message}`, { code: error.code, cause: error });
  }
  if (error instanceof TypeError) return new CosClientError(`${op}: ${error.message}`, { code: 'InvalidArgument', cause: error });
  return error;
}

export async function readAll(stream: Readable, op: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  } catch (error) {
    throw new CosClientError(`${op}: reading the response failed: ${(error as Error).message}`, {
      code: 'ECONNRESET',
      cause: error,
    });
  }
  return Buffer.concat(chunks);
}
