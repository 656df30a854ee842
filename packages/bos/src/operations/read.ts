/** The two answer shapes of BOS operations: JSON results and header-only answers, shaped the Python way. */
import type { Body } from '@yunstore/core';
import type { BosContext, BosRequest, CallOptions } from '../http.ts';
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
 * A JSON answer shaped the Python way: snake_case fields plus `metadata`.
 * Parsed inside the attempt, so an answer that is not a JSON object fails as
 * BOS's client error (kind protocol), never as a `SyntaxError`.
 * `embeddedError`: the operation may answer 200 with an error body.
 */
export async function json<T>(ctx: BosContext, request: BosRequest, options: CallOptions | undefined, embeddedError = false): Promise<T> {
  return ctx.parse(
    request,
    options ?? {},
    (body, answer) => ({ ...(snakeKeys(parseJsonBody(body, request.op)) as object), metadata: toMetadata(answer.headers) }) as T,
    embeddedError ? { embeddedError } : {},
  );
}

/** An answer without a body: only `metadata`. */
export async function empty(ctx: BosContext, request: BosRequest, options: CallOptions | undefined): Promise<BosResponse> {
  const answer = await ctx.send(request, options ?? {});
  return { metadata: toMetadata(answer.headers) };
}
