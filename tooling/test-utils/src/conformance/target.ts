/**
 * What a vendor package hands the conformance suite: how to make a client
 * and how to do each step with its own API (its method names, its
 * parameters). The suite never knows which vendor it is testing.
 */
import type { Readable } from 'node:stream';
import type { Dialect } from './wire.ts';

export interface ConformanceClientOptions {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** The vendor's idle timeout, in ms (map it to the vendor's own setting: seconds, mills...). */
  timeoutMs: number;
  /** Extra attempts after the first. */
  retries: number;
  /** An HTTP proxy URL. */
  proxy?: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ConformanceTarget<C> {
  /** `cos`, `bos`... for test names. */
  name: string;
  dialect: Dialect;
  /** A bucket name valid for the vendor; the suite creates it in the emulator up front. */
  bucket: string;
  createClient(options: ConformanceClientOptions): C;
  closeClient(client: C): Promise<void>;

  put(client: C, key: string, body: Buffer): Promise<void>;
  /** `put` with user metadata, in the vendor's own parameter. */
  putWithMetadata(client: C, key: string, body: Buffer, metadata: Record<string, string>): Promise<void>;
  /** The vendor's streaming get: the body as a Node stream. */
  getStream(client: C, key: string, signal?: AbortSignal): Promise<Readable>;
  /** The vendor's whole-body read (`get_object_as_string`, `Body.read()`, `resp.body.read()`...). */
  getBytes(client: C, key: string, signal?: AbortSignal): Promise<Buffer>;
  /** Closes an unread body the way the vendor's README advises (`close()`, `destroy()`...). */
  closeBody(body: Readable): void | Promise<void>;
  /** Size of an object. */
  head(client: C, key: string): Promise<number>;
  list(client: C, prefix: string): Promise<string[]>;
  copy(client: C, sourceKey: string, targetKey: string): Promise<void>;
  deleteObject(client: C, key: string): Promise<void>;
  /** The smallest part size, in bytes, the vendor's high-level upload accepts (COS: 1 MiB, its `PartSize` unit). */
  partSize: number;
  /** The vendor's high-level upload of a file, multipart with parts of `partSize` bytes. */
  uploadFile(client: C, key: string, path: string, partSize: number): Promise<void>;
  /** The vendor's high-level download to a file. */
  downloadFile(client: C, key: string, path: string): Promise<void>;

  /** Keys that are empty after the vendor's own normalisation (`''`, and `'/'` where leading slashes are stripped). */
  emptyKeys: string[];
  /** The vendor's documented class for an error answer. */
  isServiceError(error: unknown): boolean;
  /** The vendor's documented class for failures without an answer (network, timeout, abort, arguments). */
  isClientError(error: unknown): boolean;
  /** The vendor code (`NoSuchKey`) or local code (`ABORTED`, `TIMEOUT`...). */
  codeOf(error: unknown): string | undefined;
  /** The HTTP status of an error answer. */
  statusOf(error: unknown): number | undefined;
}
