import type { NosElement } from '../element.ts';
import type { StreamingBody } from '../streaming-body.ts';

/** Options every method accepts besides the Python parameters. */
export interface CallOptions {
  /** Aborts the request (and its retries); the call then rejects with `ConnectionError`. */
  signal?: AbortSignal | undefined;
}

/** Every answer carries the request id (`''` when the service sent none). */
export interface NosResult {
  x_nos_request_id: string;
}

/** Answers whose body Python returns as an `xml.etree.ElementTree`. */
export interface NosElementResult extends NosResult {
  /** The XML answer; see `NosElement` (find / findall / findtext / iter / toObject). */
  response: NosElement;
}

export interface NosEtagResult extends NosResult {
  /** The ETag without quotes (hex MD5 for a single PUT or a part). */
  etag: string;
}

export interface GetObjectResult extends NosResult {
  /** Bytes in `body` (a number, 0 when the header is missing). */
  content_length: number;
  /** `bytes 0-99/1000` for a ranged read, '' otherwise. */
  content_range: string;
  content_type: string;
  etag: string;
  /**
   * The object bytes (Python's StreamingBody): `await body.read()` for all of
   * them, `read(n)` for the next n, or use it as a stream (`pipe`, `for await`,
   * `body.stream`). Read it to the end or `close()` it.
   */
  body: StreamingBody;
}

export interface HeadObjectResult extends NosResult {
  content_length: number;
  content_type: string;
  etag: string;
  /** As NOS writes it, e.g. `Mon, 23 May 2016 16:07:15 Asia/Shanghai`. */
  last_modified: string;
}
