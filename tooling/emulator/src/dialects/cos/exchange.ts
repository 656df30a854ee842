/**
 * One request/answer pair and the ways to answer it. Every answer carries
 * `x-cos-request-id`, `Server: tencent-cos` and a `Date` from the emulator's
 * clock (the Node SDK corrects its clock skew from that `Date`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Target } from '../../common/http.ts';
import { rfc1123 } from '../../common/time.ts';
import type { FaultDecision } from '../../faults.ts';
import type { ErrorAnswer } from '../../pipeline.ts';
import type { DialectContext } from '../types.ts';
import { errorXml, type CosError } from './errors.ts';
import { toXml, type XmlElement } from './xml.ts';

export interface CosExchange {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: DialectContext;
  requestId: string;
  target: Target;
  /** Host header without port. */
  host: string;
  /** Region named by the Host (`<bucket>.cos.<region>.myqcloud.com`), else the emulator default. */
  region: string;
  /** Operation name (seed method name), set by routing. */
  op: string;
  /** The owner of the access key that signed the request; undefined when anonymous. */
  owner: string | undefined;
  /** The fault decision for this operation (latency already waited out). */
  decision: FaultDecision;
}

/** First value of a request header (lower-case name). */
export function header(ex: CosExchange, name: string): string | undefined {
  const v = ex.req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** A query parameter (decoded); undefined when absent. */
export function param(ex: CosExchange, name: string): string | undefined {
  return ex.target.query.get(name) ?? undefined;
}

/** The headers of every answer, errors included. */
export function baseHeaders(ex: Pick<CosExchange, 'res' | 'requestId' | 'ctx'>): void {
  const { res } = ex;
  res.setHeader('x-cos-request-id', ex.requestId);
  res.setHeader('Server', 'tencent-cos');
  res.setHeader('Date', rfc1123(ex.ctx.now()));
}

/** The `Resource` of an error: the bucket host and path as COS prints it. */
function resource(ex: CosExchange): string {
  const bucket = ex.target.bucket;
  const key = ex.target.key;
  const host = ex.target.style === 'virtual-hosted' || !bucket ? ex.host : `${bucket}.cos.${ex.region}.myqcloud.com`;
  return key !== undefined ? `${host}/${key}` : host;
}

export function sendHeaders(ex: CosExchange, status: number, headers: Record<string, string | number> = {}): void {
  baseHeaders(ex);
  for (const [k, v] of Object.entries(headers)) ex.res.setHeader(k, String(v));
  ex.res.statusCode = status;
}

/** An answer without a body (204, or 200 with headers only). */
export function sendEmpty(ex: CosExchange, status: number, headers: Record<string, string | number> = {}): void {
  sendHeaders(ex, status, { 'Content-Length': 0, ...headers });
  ex.res.end();
}

/** An XML answer built from an element map (xml.ts). */
export function sendXml(ex: CosExchange, root: string, body: XmlElement | string, headers: Record<string, string | number> = {}): void {
  sendXmlDocument(ex, toXml(root, body), headers);
}

/** An XML answer already serialised (documents core's `buildXml` writes, such as ACLs). */
export function sendXmlDocument(ex: CosExchange, document: string, headers: Record<string, string | number> = {}): void {
  const xml = Buffer.from(document, 'utf8');
  sendHeaders(ex, 200, { 'Content-Type': 'application/xml', 'Content-Length': xml.length, ...headers });
  ex.res.end(ex.req.method === 'HEAD' ? undefined : xml);
}

/**
 * The COS error answer (the pipeline writes it, without a body for HEAD):
 * the `<Error>` XML and an `x-cos-trace-id` derived from the request id.
 */
export function errorAnswer(ex: CosExchange, err: CosError): ErrorAnswer {
  const traceId = Buffer.from(`${ex.requestId}:${err.code}`).toString('base64');
  return {
    contentType: 'application/xml',
    body: errorXml(err.code, err.message, resource(ex), ex.requestId, traceId),
    headers: { 'x-cos-trace-id': traceId, ...err.headers },
  };
}
