/**
 * A HEAD answer carries no body, so BOS's error JSON (and its `code`) never
 * arrives: the Python SDK is left with `code = None` and the reason phrase,
 * and `download_file` of a missing key said only "Not Found". The status of
 * a HEAD says enough to name the code BOS gives the same fault on a GET.
 */

const OBJECT_CODES: Readonly<Record<number, string>> = {
  400: 'InvalidArgument',
  403: 'AccessDenied',
  404: 'NoSuchKey',
  405: 'MethodNotAllowed',
  412: 'PreconditionFailed',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/** The code BOS uses for `status` on an object (404 `NoSuchKey`) or a bucket (404 `NoSuchBucket`). */
export function headErrorCode(status: number, target: 'object' | 'bucket'): string {
  if (status === 404 && target === 'bucket') return 'NoSuchBucket';
  return OBJECT_CODES[status] ?? `Http${status}`;
}

function readable(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The message of a bodiless HEAD failure: the reason phrase, what was asked for, and the code. */
export function headErrorMessage(reason: string, code: string, url: string): string {
  const what = code === 'NoSuchKey' ? `no object at ${readable(url)} (or no such bucket)` : `${code} at ${readable(url)}`;
  return `${reason}: ${what}`;
}
