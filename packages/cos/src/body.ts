import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ClientFailure, Crc64 } from '@yunstore/core';
import { CosClientError } from './errors.ts';
import { checkDestinationFile } from './local-paths.ts';

/** What a StreamBody checks while the bytes flow. */
export interface StreamBodyChecks {
  /** `x-cos-hash-crc64ecma` of the whole object; checked only when the response is the whole object. */
  crc64?: string | undefined;
  /** `Content-Length`: a shorter body is an error (a cut connection must not pass as a download). */
  contentLength?: number | undefined;
  /** The method name, for messages. */
  op: string;
  /**
   * Fetches the same answer again, whole, into memory (core's bounded
   * `read`, with its own retries): `read()` uses it when the connection
   * fails mid-body, as a whole-body read is retried in every other call.
   */
  reread?: (() => Promise<Buffer>) | undefined;
  /** The object carries the client-side encryption envelope (`x-cos-meta-client-side-encryption-*`). */
  clientSideEncrypted?: boolean | undefined;
}

/** True for a failure worth fetching the body again: the connection broke or stalled, not a verdict on the bytes. */
function isTransient(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return error instanceof CosClientError && cause instanceof ClientFailure && cause.transient;
}

/** A source failure as the caller sees it: a CosClientError (a connection lost mid-body is `ECONNRESET`). */
function bodyFailure(op: string, error: Error, early: boolean): CosClientError {
  if (error instanceof CosClientError) return error;
  const message = early ? `${op}: ${error.message}` : `${op}: the connection failed while reading the body: ${error.message}`;
  return new CosClientError(message, { code: 'ECONNRESET', cause: error });
}

/** A chunk as bytes (a Readable may hand strings or plain Uint8Arrays). */
function asBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`a body chunk must be bytes (got ${typeof chunk})`);
}

/**
 * The source's bytes, counted and hashed as they pass, failing at the end
 * when the totals are wrong. A plain Readable over the source's own events
 * (not a Transform the source is piped into): one stream layer per body with
 * a handful of listeners, which a busy client pays on every small GET.
 */
class VerifiedBody extends Readable {
  readonly #source: Readable;
  readonly #checks: StreamBodyChecks;
  readonly #crc: Crc64 | undefined;
  #seen = 0;

  constructor(source: Readable, checks: StreamBodyChecks) {
    super();
    this.#source = source;
    this.#checks = checks;
    this.#crc = checks.crc64 ? new Crc64() : undefined;
    source.on('data', (chunk: unknown) => this.#onData(chunk));
    source.once('end', () => this.#onEnd());
    source.on('error', (error: Error) => this.destroy(bodyFailure(checks.op, error, false)));
    // Bytes flow only when the caller asks for them (_read), with backpressure.
    source.pause();
  }

  override _read(): void {
    this.#source.resume();
  }

  #onData(chunk: unknown): void {
    if (this.destroyed) return;
    let bytes: Buffer;
    try {
      bytes = asBuffer(chunk);
    } catch (error) {
      this.destroy(error as Error);
      return;
    }
    this.#seen += bytes.length;
    this.#crc?.update(bytes);
    if (!this.push(bytes)) this.#source.pause();
  }

  #onEnd(): void {
    if (this.destroyed) return;
    const { contentLength, crc64, op } = this.#checks;
    if (contentLength !== undefined && this.#seen !== contentLength) {
      this.destroy(new CosClientError(`${op}: body ended after ${this.#seen} of ${contentLength} bytes`, { code: 'IncompleteBody' }));
      return;
    }
    const crc = this.#crc;
    if (crc && crc64 && crc.toString() !== crc64) {
      this.destroy(new CosClientError(`${op}: CRC-64 mismatch: computed ${crc.toString()}, x-cos-hash-crc64ecma says ${crc64}`, { code: 'CRC64Mismatch' }));
      return;
    }
    this.push(null);
  }

  // A caller that destroys the stream unread must free the connection: the source goes too.
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const source = this.#source;
    if (!source.destroyed && !source.readableEnded) source.destroy();
    callback(error);
  }
}

/**
 * `response['Body']` of get_object: the object bytes, readable once.
 * `get_raw_stream()` gives a Node Readable; `get_stream_to_file(path)` writes
 * the file through a temporary name and renames it on success, so a failed
 * download never leaves a half-written file under the final name.
 * When COS sends `x-cos-hash-crc64ecma` for the whole object, the bytes are
 * checked as they pass and a mismatch fails the stream with CosClientError.
 */
export class StreamBody implements AsyncIterable<Buffer> {
  readonly #source: Readable;
  readonly #checks: StreamBodyChecks;
  #taken = false;
  /**
   * True when the object was written by a `CosEncryptionClient` (it carries
   * the encryption envelope): these bytes are ciphertext. Read such objects
   * through `CosEncryptionClient` with the right provider.
   */
  readonly client_side_encrypted: boolean;

  constructor(source: Readable, checks: StreamBodyChecks) {
    this.#source = source;
    this.#checks = checks;
    this.client_side_encrypted = checks.clientSideEncrypted === true;
    // A failure before the body is taken must not be uncaught; taking it still reports the failure.
    source.on('error', () => undefined);
  }

  #take(): Readable {
    if (this.#taken) {
      throw new CosClientError('this Body was already read; a response body can be consumed once', { code: 'BodyConsumed' });
    }
    this.#taken = true;
    // Always through the verifier: it also turns a connection lost mid-body
    // into a CosClientError, like every other network failure.
    const early = this.#source.errored;
    const check = new VerifiedBody(this.#source, this.#checks);
    if (early) check.destroy(bodyFailure(this.#checks.op, early, true));
    return check;
  }

  /** The raw byte stream (Python `get_raw_stream()`); verified as described above. */
  get_raw_stream(): Readable {
    return this.#take();
  }

  /** Yields the bytes in chunks of at most `chunk_size` (Python `get_stream(chunk_size=1024)`). */
  async *get_stream(chunk_size = 1024): AsyncGenerator<Buffer> {
    for await (const chunk of this.#take()) {
      const buf = chunk as Buffer;
      for (let i = 0; i < buf.length; i += chunk_size) yield buf.subarray(i, i + chunk_size);
    }
  }

  /**
   * The whole body in memory (Python `read()`). A connection that breaks
   * midway is not the end: the object is fetched again, whole (and checked
   * against the same CRC-64).
   */
  async read(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of this.#take()) chunks.push(chunk as Buffer);
    } catch (error) {
      const reread = this.#checks.reread;
      if (!reread || !isTransient(error)) throw error;
      const bytes = await reread();
      this.#checkWhole(bytes);
      return bytes;
    }
    return Buffer.concat(chunks);
  }

  /** The checks the streaming verifier makes, for a body fetched again whole. */
  #checkWhole(bytes: Buffer): void {
    const { crc64, op } = this.#checks;
    if (crc64 === undefined) return;
    const computed = new Crc64().update(bytes).toString();
    if (computed !== crc64) {
      throw new CosClientError(`${op}: CRC-64 mismatch: computed ${computed}, x-cos-hash-crc64ecma says ${crc64}`, { code: 'CRC64Mismatch' });
    }
  }

  /** The body as a UTF-8 string. */
  async text(): Promise<string> {
    return (await this.read()).toString('utf8');
  }

  /**
   * Writes the body to `file_name` (Python `get_stream_to_file`). The bytes go
   * to `<file_name>_<random>` first, renamed on success; with
   * `disable_tmp_file` they go straight to `file_name`.
   */
  async get_stream_to_file(file_name: string, disable_tmp_file = false): Promise<void> {
    if (typeof file_name !== 'string' || file_name === '') {
      throw new CosClientError('file_name must be a non-empty path', { code: 'InvalidArgument' });
    }
    // A folder or unwritable place fails now, with the body still unread (it can be written elsewhere).
    await checkDestinationFile(file_name, 'file_name');
    const target = disable_tmp_file ? file_name : `${file_name}_${randomBytes(8).toString('hex')}`;
    try {
      await pipeline(this.#take(), createWriteStream(target));
      if (target !== file_name) await rename(target, file_name);
    } catch (error) {
      if (target !== file_name) await rm(target, { force: true });
      if (error instanceof CosClientError) throw error;
      throw new CosClientError(`${this.#checks.op}: writing ${file_name} failed: ${(error as Error).message}`, {
        code: (error as { code?: string }).code ?? 'WriteFailed',
        cause: error,
      });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return (this.#take() as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  getRawStream(): Readable {
    return this.get_raw_stream();
  }
  getStream(chunkSize = 1024): AsyncGenerator<Buffer> {
    return this.get_stream(chunkSize);
  }
  getStreamToFile(fileName: string, disableTmpFile = false): Promise<void> {
    return this.get_stream_to_file(fileName, disableTmpFile);
  }
}
