/**
 * Python raises `TypeError: f() got an unexpected keyword argument 'x'` for a
 * misspelt keyword; a JavaScript options object would silently ignore it
 * (`{contnet_type: 'text/plain'}` uploads as octet-stream). Every method
 * checks its options object against the names it knows, here, before any
 * request.
 */

/** Every options object takes these (`CallOptions`). */
const CALL = ['signal', 'config'] as const;
const PUT = ['content_type', 'content_sha256', 'user_metadata', 'storage_class', 'user_headers', 'progress_callback'] as const;
const TRANSFER = ['part_size', 'thread_num', 'max_concurrency', 'progress_callback'] as const;
const OBJECT_META = ['content_type', 'user_metadata', 'storage_class', 'user_headers'] as const;

/** Keyword options of each method (positional-or-keyword names included), beyond `signal` and `config`. */
const KNOWN: Readonly<Record<string, readonly string[]>> = {
  list_objects: ['max_keys', 'prefix', 'marker', 'delimiter'],
  list_all_objects: ['prefix', 'delimiter'],
  put_object: PUT,
  put_object_from_string: [...PUT, 'content_md5'],
  put_object_from_file: [...PUT, 'content_md5', 'content_length'],
  get_object: ['range'],
  get_object_as_string: ['range', 'encoding'],
  get_object_to_file: ['range', 'progress_callback'],
  generate_pre_signed_url: ['timestamp', 'expiration_in_seconds', 'headers', 'params', 'headers_to_sign', 'protocol'],
  copy_object: ['etag', 'content_type', 'user_metadata', 'storage_class'],
  initiate_multipart_upload: ['content_type', 'storage_class', 'user_headers'],
  upload_part: ['part_md5', 'progress_callback'],
  upload_part_from_file: ['part_md5', 'progress_callback'],
  upload_part_copy: ['etag', 'content_type', 'user_metadata'],
  complete_multipart_upload: ['user_metadata'],
  list_parts: ['max_parts', 'part_number_marker'],
  list_multipart_uploads: ['max_uploads', 'key_marker', 'prefix', 'delimiter'],
  list_all_multipart_uploads: ['prefix', 'delimiter'],
  upload_file: [...TRANSFER, ...OBJECT_META, 'checkpoint', 'multipart_threshold'],
  put_super_obejct_from_file: ['chunk_size', 'thread_num', 'uploadTaskHandle', 'progress_callback', 'checkpoint', ...OBJECT_META],
  download_file: [...TRANSFER, 'checkpoint'],
  copy: [...TRANSFER, 'etag', 'content_type', 'user_metadata', 'storage_class'],
  upload_folder: [...TRANSFER, 'file_concurrency', 'checkpoint', 'multipart_threshold'],
  download_folder: [...TRANSFER, 'file_concurrency', 'checkpoint'],
  delete_prefix: ['thread_num', 'progress_callback'],
};

/** The option names `method` accepts (every method accepts `signal` and `config`). */
export function knownOptions(method: string): readonly string[] {
  return [...CALL, ...(KNOWN[method] ?? [])];
}

/** Levenshtein distance, for the "did you mean" hint (names are short). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function suggestion(name: string, known: readonly string[]): string {
  const best = known.map((k) => [k, distance(name, k)] as const).sort((x, y) => x[1] - y[1])[0];
  return best !== undefined && best[1] <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean '${best[0]}'?)` : '';
}

/**
 * Throws Python's `TypeError` for an options argument that is not an object,
 * or that holds a name `method` does not take. `undefined` values count as
 * absent, so `{range: undefined}` passes wherever `range` would.
 */
export function checkOptions(method: string, options: unknown): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${method}() options should be an object of keyword arguments`);
  const known = knownOptions(method);
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || known.includes(name)) continue;
    throw new TypeError(`${method}() got an unexpected keyword argument '${name}'${suggestion(name, known)}`);
  }
}
