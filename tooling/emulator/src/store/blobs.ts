import type { Readable } from 'node:stream';
import type { BodyCheck, Digest } from './digest.ts';
import type { ByteRange } from './types.ts';

/**
 * Where an object's bytes live. The store engine keeps all metadata; a blob
 * backend only holds bytes behind an opaque, JSON-serializable `Ref`.
 * Blobs are immutable once written except through `append`, which only adds
 * bytes past the end (readers bound their reads by the recorded size, so they
 * never see appended bytes early).
 */
export interface Blobs<Ref> {
  /** Streams a body into a new blob; on any error nothing is left behind. */
  write(body: Readable | Buffer, check: BodyCheck): Promise<{ ref: Ref; digest: Digest }>;
  /**
   * Adds a body at the end of `ref` (`size` is its current length). Returns
   * the blob's new ref and the digest of the appended bytes only; on error the
   * blob is as before.
   */
  append(ref: Ref, size: number, body: Readable | Buffer, check: BodyCheck): Promise<{ ref: Ref; digest: Digest }>;
  /** The whole blob (`size` bytes) or an inclusive range of it. */
  read(ref: Ref, size: number, range?: ByteRange): Promise<Readable>;
  /** A new blob holding the given blobs one after another (multipart complete). */
  concat(parts: Array<{ ref: Ref; size: number }>): Promise<Ref>;
  /** A new independent blob with the same bytes (server-side copy). */
  clone(ref: Ref, size: number): Promise<Ref>;
  /** Forgets a blob; readers that already opened it may finish. */
  remove(ref: Ref): Promise<void>;
}
