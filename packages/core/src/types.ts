import type { Readable } from 'node:stream';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** An access key pair; `sessionToken` for temporary (STS) credentials. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * A request body the transport can send, possibly more than once.
 * Build one with `toBody()` / `fileBody()`; vendors never touch streams directly.
 */
export interface Body {
  /** Byte length when it can be known without reading the body. */
  readonly length: number | undefined;
  /** True when `open()` may be called again to replay the bytes on a retry. */
  readonly replayable: boolean;
  /** The bytes: a Buffer for in-memory bodies, otherwise a fresh stream. */
  open(): Buffer | Readable;
}

/**
 * What a vendor operation builds: one HTTP request before authorization.
 * Signers read it and return headers (or query pairs) to add.
 */
export interface WireRequest {
  method: HttpMethod;
  /** Scheme, host and port, no path: `https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com`. */
  origin: string;
  /** The path as sent on the wire, already percent-encoded, starting with `/`. */
  path: string;
  /** Query pairs, raw (not encoded), in wire order; `''` for bare parameters such as `?uploads`. */
  query: Array<[string, string]>;
  /** Header names as the vendor writes them; the transport sends them verbatim. */
  headers: Record<string, string>;
  body?: Body;
}

/** A response from the wire. Header names are lower-case. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * The body stream. For status >= 300 it has already been read (so retries
   * could inspect the vendor error code) and is available as `errorBody`.
   */
  body: Readable;
  /** The whole body of a non-2xx response (empty for HEAD). */
  errorBody: Buffer | undefined;
  /** How many attempts the request took (1 when the first one answered). */
  attempts: number;
}

/**
 * One vendor operation's request before addressing and signing: what every
 * vendor's operation functions build. The vendor turns it into a
 * `WireRequest` (origin and path from bucket and key, its own way).
 */
export interface VendorRequest {
  /** The vendor method, for messages (`put_object`). */
  op: string;
  method: HttpMethod;
  /** Absent for service-level calls (list buckets). */
  bucket?: string;
  /** Set for object operations: the request layer refuses an empty key before sending. */
  key?: string;
  /** Query pairs, raw values; `''` for bare sub-resources such as `uploads`. */
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: Body;
}
