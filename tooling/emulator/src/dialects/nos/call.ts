import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FaultDecision } from '../../faults.ts';
import type { BucketRecord } from '../../store/types.ts';
import type { DialectContext } from '../types.ts';
import type { NosPrincipal } from './auth.ts';
import { NosError } from './errors.ts';
import type { NosTarget } from './target.ts';

/** One request being answered: everything an operation handler needs. */
export interface NosCall {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: DialectContext;
  target: NosTarget;
  requestId: string;
  principal: NosPrincipal;
  decision: FaultDecision;
}

/** The owner name requests are attributed to (anonymous writes never reach a handler). */
export function ownerOf(call: NosCall): string {
  return call.principal.anonymous ? 'anonymous' : call.principal.key.owner;
}

export function requireBucketName(call: NosCall): string {
  if (call.target.bucket === undefined) throw new NosError(400, 'InvalidBucketName');
  return call.target.bucket;
}

export function requireKey(call: NosCall): string {
  if (call.target.key === undefined) throw new NosError(400, 'InvalidArgument', 'An object key is required');
  if (Buffer.byteLength(call.target.key) > 1000) throw new NosError(400, 'KeyTooLong');
  return call.target.key;
}

export async function requireBucket(call: NosCall): Promise<BucketRecord> {
  const record = await call.ctx.store.getBucket(requireBucketName(call));
  if (!record) throw new NosError(404, 'NoSuchBucket');
  return record;
}

/** The headers of every NOS answer, errors included. */
export function answerHeaders(res: ServerResponse, requestId: string, now: Date): void {
  res.setHeader('x-nos-request-id', requestId);
  res.setHeader('Server', 'NOS');
  res.setHeader('Date', now.toUTCString());
}

/** The status, with the base headers set again: the clock moved since the request began. */
function baseHeaders(call: NosCall, status: number): void {
  call.res.statusCode = status;
  answerHeaders(call.res, call.requestId, call.ctx.now());
}

/** Answers with an XML document (declaration included, as NOS does). */
export function sendXml(call: NosCall, xml: string, status = 200): void {
  baseHeaders(call, status);
  const body = Buffer.from(xml, 'utf8');
  call.res.setHeader('Content-Type', 'application/xml;charset=UTF-8');
  call.res.setHeader('Content-Length', body.length);
  call.res.end(body);
}

/** Answers without a body. */
export function sendEmpty(call: NosCall, headers: Record<string, string> = {}, status = 200): void {
  baseHeaders(call, status);
  for (const [name, value] of Object.entries(headers)) call.res.setHeader(name, value);
  call.res.setHeader('Content-Length', 0);
  call.res.end();
}

/** Streams a body through the fault throttle (bandwidth cap, mid-body reset). */
export async function sendStream(call: NosCall, headers: Record<string, string>, body: Readable, status = 200): Promise<void> {
  baseHeaders(call, status);
  for (const [name, value] of Object.entries(headers)) call.res.setHeader(name, value);
  await pipeline(body, call.ctx.faults.throttle(call.decision, call.res), call.res);
}

/** The request body as a stream, through the fault throttle. */
export function requestStream(call: NosCall): Readable {
  return call.req.pipe(call.ctx.faults.throttle(call.decision, call.req));
}

/**
 * NOS sends Content-MD5 as 32 hex characters; base64 (the HTTP standard form)
 * is accepted too. Returns lower-case hex, or undefined when absent.
 */
export function expectedMd5(call: NosCall): string | undefined {
  const value = call.req.headers['content-md5'];
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (/^[0-9a-fA-F]{32}$/.test(text)) return text.toLowerCase();
  if (/^[A-Za-z0-9+/]{22}==$/.test(text)) return Buffer.from(text, 'base64').toString('hex');
  throw new NosError(400, 'InvalidDigest');
}

/** Content-Length as a number; NOS refuses uploads without it (411). */
export function requireLength(call: NosCall): number {
  const value = call.req.headers['content-length'];
  if (value === undefined) throw new NosError(411, 'MissingContentLength');
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new NosError(400, 'InvalidArgument', 'Content-Length is not a number');
  return n;
}

/** `x-nos-meta-*` request headers → store metadata (names lower-case, prefix removed). */
export function metaFromHeaders(call: NosCall): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.req.headers)) {
    if (name.startsWith('x-nos-meta-') && value !== undefined) meta[name.slice('x-nos-meta-'.length)] = String(value);
  }
  return meta;
}

const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];

/** The system headers NOS keeps with an object. */
export function systemHeaders(call: NosCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = call.req.headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
