import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { buildXml } from '@yunstore/core';
import { rfc1123 } from '../../common/time.ts';
import type { ObjectRecord } from '../../store/types.ts';
import type { ErrorAnswer } from '../../pipeline.ts';
import type { OosError } from './errors.ts';

/** Per-request answer state: ids that go in headers and error bodies. */
export interface Reply {
  res: ServerResponse;
  requestId: string;
  isHead: boolean;
  /** The resource the request named, for `<Resource>` in error bodies. */
  resource: string;
}

/** Headers every OOS answer carries: `x-amz-request-id`, `x-amz-id-2`, `Server: CTYUN`. */
export function baseHeaders(res: ServerResponse, requestId: string, now: Date): void {
  res.setHeader('x-amz-request-id', requestId);
  res.setHeader('x-amz-id-2', randomBytes(24).toString('base64'));
  res.setHeader('Date', rfc1123(now));
  res.setHeader('Server', 'CTYUN');
}

export function sendXml(reply: Reply, root: string, body: Record<string, unknown>, status = 200): void {
  const bytes = Buffer.from(buildXml(root, body, { declaration: true }), 'utf8');
  reply.res.statusCode = status;
  reply.res.setHeader('Content-Type', 'application/xml;charset=UTF-8');
  reply.res.setHeader('Content-Length', bytes.length);
  reply.res.end(bytes);
}

export function sendText(reply: Reply, text: string, contentType: string, status = 200): void {
  const bytes = Buffer.from(text, 'utf8');
  reply.res.statusCode = status;
  reply.res.setHeader('Content-Type', contentType);
  reply.res.setHeader('Content-Length', bytes.length);
  reply.res.end(reply.isHead ? undefined : bytes);
}

export function sendEmpty(reply: Reply, status = 200): void {
  reply.res.statusCode = status;
  reply.res.setHeader('Content-Length', 0);
  reply.res.end();
}

/** The S3 error body (the pipeline writes it; HEAD answers carry only the status, and clients then report `'404'`, `'403'`). */
export function errorAnswer(err: OosError, resource: string, requestId: string): ErrorAnswer {
  const body = buildXml('Error', { Code: err.code, Message: err.message, Resource: resource, RequestId: requestId, ...err.extra }, { declaration: true });
  return { contentType: 'application/xml;charset=UTF-8', body };
}

/** Quoted ETag, as S3 sends it in headers and XML. */
export function quoteEtag(etag: string): string {
  return `"${etag}"`;
}

/** ISO-8601 with milliseconds, the XML timestamp form of S3 (`2018-09-20T03:05:26.223Z`). */
export function xmlTime(date: Date): string {
  return date.toISOString();
}

/** System headers, ETag, Last-Modified, storage class and `x-amz-meta-*` of an object. */
export function objectHeaders(res: ServerResponse, obj: ObjectRecord): void {
  res.setHeader('ETag', quoteEtag(obj.etag));
  res.setHeader('Last-Modified', rfc1123(obj.lastModified));
  res.setHeader('Content-Type', obj.contentType || 'binary/octet-stream');
  res.setHeader('Accept-Ranges', 'bytes');
  if (obj.storageClass && obj.storageClass !== 'STANDARD') res.setHeader('x-amz-storage-class', obj.storageClass);
  for (const [name, value] of Object.entries(obj.headers)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(obj.meta)) res.setHeader(`x-amz-meta-${name}`, value);
}
