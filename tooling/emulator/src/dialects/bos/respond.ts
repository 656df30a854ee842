import type { ServerResponse } from 'node:http';
import { rfc1123 } from '../../common/time.ts';
import type { ObjectRecord } from '../../store/types.ts';
import { headerBytes } from '@yunstore/core';

/** Headers every BOS answer carries. */
export function baseHeaders(res: ServerResponse, requestId: string, now: Date): void {
  res.setHeader('x-bce-request-id', requestId);
  res.setHeader('x-bce-debug-id', requestId);
  res.setHeader('Date', rfc1123(now));
  res.setHeader('Server', 'BceBos');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/** A 2xx without body (`Content-Length: 0`, as BOS answers PUT/DELETE). */
export function sendEmpty(res: ServerResponse, status = 200): void {
  res.statusCode = status;
  res.setHeader('Content-Length', 0);
  res.end();
}

/** The headers of GET/HEAD object: system headers, ETag (quoted), user metadata. */
export function objectHeaders(res: ServerResponse, obj: ObjectRecord): void {
  res.setHeader('ETag', `"${obj.etag}"`);
  res.setHeader('Last-Modified', rfc1123(obj.lastModified));
  res.setHeader('Content-Type', obj.contentType);
  res.setHeader('x-bce-storage-class', obj.storageClass || 'STANDARD');
  res.setHeader('Accept-Ranges', 'bytes');
  for (const [name, value] of Object.entries(obj.headers)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(obj.meta)) res.setHeader(`x-bce-meta-${name}`, headerBytes(value));
}

/** ISO-8601 without milliseconds, the form BOS JSON bodies use. */
export function bosTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
