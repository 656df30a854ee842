import type { Readable } from 'node:stream';
import { connectionExceptionFor, NOSException, serviceExceptionFor } from './errors.ts';
import { parseElement, type NosElement } from './element.ts';
import type { NosRequest, NosResponse, NosTransport } from './transport.ts';

/** What every operation needs: the transport. Operations are plain functions `(ctx, params)`. */
export interface NosContext {
  transport: NosTransport;
  /** Keys and end point of the client, for presigned URLs (which are built here, not sent). */
  signing?: NosSigning;
}

/** The client options a presigned URL depends on. */
export interface NosSigning {
  accessKeyId: string | null;
  accessKeySecret: string | null;
  endPoint: string;
  enableSsl: boolean;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Sends one request through the transport and returns a 2xx answer; any
 * other status becomes the ServiceException subclass of its status, and a
 * failure without an answer a ConnectionError.
 */
export async function perform(ctx: NosContext, request: NosRequest): Promise<NosResponse> {
  let res: NosResponse;
  try {
    res = await ctx.transport.perform_request(request);
  } catch (error) {
    throw error instanceof NOSException ? error : connectionExceptionFor(error);
  }
  if (res.status >= 200 && res.status < 300) return res;
  const body = res.errorBody ?? (request.method === 'HEAD' ? undefined : await readAll(res.body).catch(() => undefined));
  throw serviceExceptionFor(res.status, res.headers, body);
}

/** `x-nos-request-id`, '' when absent (Python's default for missing headers). */
export function requestIdOf(res: NosResponse): string {
  return res.headers['x-nos-request-id'] ?? '';
}

/** ETags come back quoted; Python strips `"` and `'`. */
export function etagOf(res: NosResponse): string {
  return (res.headers['etag'] ?? '').replace(/^["']+|["']+$/g, '');
}

/** Reads a 2xx XML answer into the ElementTree-like reader. */
export async function elementOf(res: NosResponse): Promise<NosElement> {
  return parseElement(await readAll(res.body));
}

/** Reads and discards a body we do not use, so the connection goes back to the pool. */
export async function drain(res: NosResponse): Promise<void> {
  for await (const _ of res.body) {
    // discard
  }
}
