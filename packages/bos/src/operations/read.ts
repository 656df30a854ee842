/**
 * Request bodies and answer shapes of BOS operations: JSON in, JSON results
 * and header-only answers out, shaped the Python way. Operations pass these
 * to `ctx.http`; nothing here sends.
 */
import type { Answer, Body } from '@yunstore/core';
import { parseJsonBody, snakeKeys, toMetadata, type BosResponse } from '../response.ts';

/** A replayable in-memory body. */
export function bytesBody(bytes: Buffer): Body {
  return { length: bytes.length, replayable: true, open: () => bytes };
}

/** A JSON request body as BOS wants it. */
export function jsonBody(value: unknown): Body {
  return bytesBody(Buffer.from(JSON.stringify(value), 'utf8'));
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A JSON answer shaped the Python way (snake_case fields plus `metadata`),
 * as the parse function of `ctx.http.parse`: it runs inside the attempt,
 * so an answer that is not a JSON object fails as BOS's client error (kind
 * protocol, naming the method), never as a `SyntaxError`.
 */
export function jsonAnswer<T>(body: Buffer, answer: Answer): T {
  return { ...(snakeKeys(parseJsonBody(body)) as object), metadata: toMetadata(answer.headers) } as T;
}

/** An answer without a body: only `metadata`. */
export function metadataOnly(answer: Answer): BosResponse {
  return { metadata: toMetadata(answer.headers) };
}
