import type { Readable } from 'node:stream';
import { createMd5, fileBody, md5Base64, toBody, type Body, type BodyInput } from '@yunstore/core';
import { CosClientError } from '../errors.ts';
import { optionalInt, describe } from '../validate.ts';

/** What `Body` / `Data` may be: bytes, a string, a stream (Node or web), a Blob, or an `fs.ReadStream` of a file. */
export type CosBodyInput = BodyInput;

function isBodyInput(value: unknown): value is BodyInput {
  if (typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  if (typeof value !== 'object' || value === null) return false;
  return (
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    typeof (value as { pipe?: unknown }).pipe === 'function' ||
    typeof (value as { getReader?: unknown }).getReader === 'function' ||
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/** A `@yunstore/core` Body (`{length, replayable, open}`), as the transfer engine passes part bodies. */
function isCoreBody(value: unknown): value is Body {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { open?: unknown }).open === 'function' &&
    typeof (value as { replayable?: unknown }).replayable === 'boolean' &&
    'length' in value
  );
}

/**
 * Reads the request body parameter (`Body` or `Data`) into a core Body.
 * `ContentLength` gives the length of a stream whose length we cannot see.
 */
export async function requestBody(params: Record<string, unknown>, name: string): Promise<Body> {
  const value = params[name];
  // The transfer engine hands over ready-made core Bodies (replayable file ranges, buffered parts).
  if (isCoreBody(value)) return value;
  if (value === undefined || value === null) {
    throw new CosClientError(`${name} is required (bytes, a string, a stream or a file stream; use '' for an empty object)`, {
      code: 'InvalidArgument',
    });
  }
  if (!isBodyInput(value)) {
    throw new CosClientError(`${name} must be bytes, a string or a stream (got ${describe(value)})`, { code: 'InvalidArgument' });
  }
  const length = optionalInt(params['ContentLength'], 'ContentLength');
  let body: Body;
  try {
    body = await toBody(value, length === undefined ? {} : { length });
  } catch (error) {
    throw new CosClientError(`${name}: ${(error as Error).message}`, { code: 'InvalidArgument', cause: error });
  }
  // A ContentLength that disagrees with bytes we can measure would send a
  // request COS cuts short or waits on forever: refuse it before sending.
  if (length !== undefined && body.length !== undefined && body.length !== length) {
    throw new CosClientError(`ContentLength is ${length} but ${name} holds ${body.length} bytes`, { code: 'InvalidArgument' });
  }
  return body;
}

/** A replayable body over a local file; a missing file is a CosClientError naming the parameter. */
export async function localFileBody(path: unknown, name: string): Promise<Body> {
  if (typeof path !== 'string' || path === '') {
    throw new CosClientError(`${name} must be a path to a local file (got ${describe(path)})`, { code: 'InvalidArgument' });
  }
  try {
    return await fileBody(path);
  } catch (error) {
    throw new CosClientError(`${name} '${path}' cannot be read: ${(error as Error).message}`, {
      code: (error as { code?: string }).code ?? 'InvalidArgument',
      cause: error,
    });
  }
}

/**
 * `EnableMD5=True`: the base64 MD5 of the body for `Content-MD5`. Replayable
 * bodies are read once more to hash them; a one-shot stream is buffered in
 * memory first (as the Python SDK does), and the buffered copy is sent.
 */
export async function withMd5(body: Body): Promise<{ body: Body; md5: string }> {
  const opened = body.open();
  if (Buffer.isBuffer(opened)) {
    return { body: body.replayable ? body : await toBody(opened), md5: md5Base64(opened) };
  }
  const hash = createMd5();
  const chunks: Buffer[] = [];
  for await (const chunk of opened as Readable) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    hash.update(buf);
    if (!body.replayable) chunks.push(buf);
  }
  const md5 = hash.digest('base64');
  return { body: body.replayable ? body : await toBody(Buffer.concat(chunks)), md5 };
}
