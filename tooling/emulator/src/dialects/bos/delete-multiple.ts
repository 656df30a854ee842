/**
 * DeleteMultipleObjects: `POST /<bucket>?delete` with a JSON body
 * `{"objects": [{"key": "a"}, {"key": "b"}]}`.
 *
 * Facts from Baidu's public DeleteMultipleObjects reference:
 * - at most 1000 objects per request, a body of at most 2 MB;
 * - the answer is 200; its body lists only the keys that failed,
 *   `{"errors": [{"key", "code", "message"}]}` (e.g. `NoSuchKey`,
 *   `InvalidArgument`), and there is NO body when every key was deleted.
 * The docs do not say how a malformed request is refused; this dialect
 * answers 400 MalformedJSON for a body that is not `{objects: [...]}` and
 * 400 InvalidArgument for an empty list or more than 1000 entries.
 */
import { readBody } from '../../common/http.ts';
import { bucketFor, type BosCall } from './call.ts';
import { bosErrors } from './errors.ts';
import { sendEmpty, sendJson } from './respond.ts';

export const MAX_DELETE_KEYS = 1000;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_KEY_BYTES = 1023;

export interface DeleteError {
  key: string;
  code: string;
  message: string;
}

/** The `key` of every entry (non-strings kept as they are, so each one gets its own error). */
export function parseDeleteBody(body: Buffer): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw bosErrors.malformedJson();
  }
  const objects = (parsed as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects)) throw bosErrors.malformedJson('The body must be {"objects": [{"key": "..."}]}.');
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) {
    throw bosErrors.invalidArgument(`objects must hold 1 to ${MAX_DELETE_KEYS} entries, got ${objects.length}.`);
  }
  return objects.map((o: unknown) => (typeof o === 'object' && o !== null ? (o as { key?: unknown }).key : undefined));
}

export async function deleteMultipleObjects(call: BosCall): Promise<void> {
  const bucket = await bucketFor(call, 'WRITE');
  const keys = parseDeleteBody(await readBody(call.req, MAX_BODY_BYTES));
  const errors: DeleteError[] = [];
  // One key after another: the store serialises writes per key anyway, and the order of `errors` then follows the request.
  for (const key of keys) {
    if (typeof key !== 'string' || key === '' || Buffer.byteLength(key) > MAX_KEY_BYTES) {
      errors.push({ key: typeof key === 'string' ? key : String(key ?? ''), code: 'InvalidArgument', message: 'Invalid Argument.' });
      continue;
    }
    if (!(await call.ctx.store.deleteObject(bucket.name, key))) {
      errors.push({ key, code: 'NoSuchKey', message: 'The specified key does not exist.' });
    }
  }
  if (errors.length > 0) sendJson(call.res, 200, { errors });
  else sendEmpty(call.res, 200);
}
