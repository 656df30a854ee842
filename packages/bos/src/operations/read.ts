import type { Readable } from 'node:stream';
import type { Body, WireResponse } from '@yunstore/core';
import { parseJsonBody, snakeKeys, toMetadata, type BosResponse } from '../response.ts';

/** Reads a (small) response body completely. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A replayable in-memory body. */
export function bytesBody(bytes: Buffer): Body {
  return { length: bytes.length, replayable: true, open: () => bytes };
}

/** A JSON request body as BOS wants it. */
export function jsonBody(value: unknown): Body {
  return bytesBody(Buffer.from(JSON.stringify(value), 'utf8'));
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A JSON answer shaped the Python way: snake_case fields plus `metadata`. */
export async function json<T>(what: string, send: Promise<WireResponse>): Promise<T> {
  const res = await send;
  const body = parseJsonBody(await readAll(res.body), what);
  return { ...(snakeKeys(body) as object), metadata: toMetadata(res.headers) } as T;
}

/** An answer without a body: only `metadata`. */
export function empty(res: WireResponse): BosResponse {
  res.body.resume();
  return { metadata: toMetadata(res.headers) };
}
