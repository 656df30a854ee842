/**
 * Where each part of an encrypted multipart upload sits in the object, so
 * every part is encrypted on its own at counter `IV + offset / 16`.
 *
 * Two modes:
 * - **declared**: `create_multipart_upload(..., PartSize=<bytes>[, DataSize=<bytes>])`
 *   fixes part N at `(N - 1) * PartSize`, so parts may go in any order and in
 *   parallel (as the crypto context of Tencent's other SDKs);
 * - **sequential** (the seed's calls as written): part N starts where part
 *   N - 1 ended, so parts must be *started* in order; they may still run
 *   concurrently once their predecessors' lengths are known.
 *
 * Either way every part but the last must be a multiple of 16 bytes (the
 * seed's rule, which keeps every part on a counter boundary); violations
 * are CosClientErrors before the part's request is sent.
 */
import { CosClientError } from '../errors.ts';
import { BLOCK } from './ctr.ts';
import type { DataEnvelope } from './envelope.ts';

/** Where to encrypt one part, and the checks on its bytes while they stream. */
export interface PartPlacement {
  offset: number;
  /** Most bytes the part may carry. */
  maxLength?: number;
  /** Called with the real length when the body has been read (throws when it is wrong). */
  onEnd: (length: number) => void;
  /** Call when the part's request failed, so later parts do not wait on a length that will never come. */
  fail: (error: unknown) => void;
}

interface SequentialSlot {
  offset: Promise<number>;
  length: Promise<number>;
  known: number | undefined;
  /** A re-sent part with parts after it must keep its length (their offsets depend on it). */
  mustBe: number | undefined;
  resolve: (length: number) => void;
  reject: (error: unknown) => void;
}

function invalid(message: string): CosClientError {
  return new CosClientError(message, { code: 'InvalidArgument' });
}

function deferred(): { promise: Promise<number>; resolve: (n: number) => void; reject: (e: unknown) => void } {
  let resolve!: (n: number) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<number>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failed part is reported by its own call; a waiting successor reports it again with its own message.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** The crypto state of one multipart upload, from create_multipart_upload to complete/abort. */
export class EncryptedUpload {
  readonly envelope: DataEnvelope;
  readonly bucket: string;
  readonly key: string;
  readonly partSize: number | undefined;
  readonly dataSize: number | undefined;
  readonly #slots = new Map<number, SequentialSlot>();
  #shortPart: number | undefined;
  #highest = 0;

  constructor(init: { bucket: string; key: string; envelope: DataEnvelope; partSize?: number | undefined; dataSize?: number | undefined }) {
    this.bucket = init.bucket;
    this.key = init.key;
    this.envelope = init.envelope;
    this.partSize = init.partSize;
    this.dataSize = init.dataSize;
  }

  /** Validates `PartSize` / `DataSize` of create_multipart_upload (bytes) before the request. */
  static checkDeclared(partSize: number | undefined, dataSize: number | undefined): void {
    if (partSize !== undefined && (!Number.isSafeInteger(partSize) || partSize <= 0 || partSize % BLOCK !== 0)) {
      throw invalid(`PartSize must be a positive number of bytes that is a multiple of ${BLOCK} (got ${String(partSize)})`);
    }
    if (dataSize !== undefined && (!Number.isSafeInteger(dataSize) || dataSize < 0)) {
      throw invalid(`DataSize must be a non-negative number of bytes (got ${String(dataSize)})`);
    }
    if (dataSize !== undefined && partSize === undefined) throw invalid('DataSize needs PartSize (both in bytes)');
    if (partSize !== undefined && dataSize !== undefined && Math.ceil(dataSize / partSize) > 10_000) {
      throw invalid(`DataSize ${dataSize} needs more than 10000 parts of PartSize ${partSize}`);
    }
  }

  /**
   * Reserves part `partNumber` at the moment upload_part is called (before any
   * await), so "started in order" means call order; `ready(length)` then gives
   * its place once the body's length is known (bytes, strings, files, Blobs)
   * or undefined (streams: counted as they are sent).
   */
  reserve(partNumber: number): { ready: (length: number | undefined) => Promise<PartPlacement>; fail: (error: unknown) => void } {
    const partSize = this.partSize;
    if (partSize !== undefined) {
      return { ready: async (length) => this.#placeDeclared(partNumber, length, partSize), fail: () => undefined };
    }
    const slot = this.#reserveSequential(partNumber);
    const settle = (got: number): void => {
      if (slot.mustBe !== undefined && got !== slot.mustBe) {
        throw invalid(`part ${partNumber} was ${slot.mustBe} bytes and later parts follow it; a re-sent part must keep its length (got ${got})`);
      }
      slot.known = got;
      slot.resolve(got);
    };
    return {
      ready: async (length) => {
        if (length !== undefined) settle(length);
        const offset = await slot.offset;
        return {
          offset,
          onEnd: settle,
          fail: slot.reject,
        };
      },
      fail: slot.reject,
    };
  }

  #placeDeclared(n: number, length: number | undefined, partSize: number): PartPlacement {
    const offset = (n - 1) * partSize;
    const noop = (): void => undefined;
    if (this.dataSize !== undefined) {
      const last = Math.max(1, Math.ceil(this.dataSize / partSize));
      if (n > last) throw invalid(`PartNumber ${n} is past the last part (${last}) of DataSize ${this.dataSize} in parts of ${partSize} bytes`);
      const expected = n < last ? partSize : this.dataSize - offset;
      const check = (got: number): void => {
        if (got !== expected) throw invalid(`part ${n} must have ${expected} bytes (PartSize ${partSize}, DataSize ${this.dataSize}), got ${got}`);
      };
      if (length !== undefined) check(length);
      return { offset, maxLength: expected, onEnd: check, fail: noop };
    }
    const check = (got: number): void => {
      if (got > partSize) throw invalid(`part ${n} has ${got} bytes, more than PartSize ${partSize}`);
      if (got < partSize) {
        // A short part must be the last one: nothing may follow it.
        if (this.#highest > n) throw invalid(`part ${n} has ${got} bytes, less than PartSize ${partSize}, but part ${this.#highest} follows it`);
        this.#shortPart = Math.min(this.#shortPart ?? n, n);
      }
    };
    if (this.#shortPart !== undefined && n > this.#shortPart) {
      throw invalid(`part ${this.#shortPart} was shorter than PartSize ${partSize}, so it must be the last part; got part ${n}`);
    }
    if (length !== undefined) check(length);
    this.#highest = Math.max(this.#highest, n);
    return { offset, maxLength: partSize, onEnd: check, fail: noop };
  }

  #reserveSequential(n: number): SequentialSlot {
    const existing = this.#slots.get(n);
    let offset: Promise<number>;
    if (existing) {
      // Sending a part again (after a failure): same place. Its length may change only if nothing follows it.
      const slot = this.#newSlot(existing.offset);
      if (this.#highest > n && existing.known !== undefined) slot.mustBe = existing.known;
      this.#slots.set(n, slot);
      return slot;
    }
    if (n === 1) {
      offset = Promise.resolve(0);
    } else {
      const previous = this.#slots.get(n - 1);
      if (!previous) {
        throw new CosClientError(
          `upload_part: part ${n} before part ${n - 1}. Without PartSize on create_multipart_upload, encrypted parts must be started in order ` +
            '(each starts where the previous one ended); declare PartSize (bytes) to send parts in any order',
          { code: 'OutOfOrderPart' },
        );
      }
      offset = (async () => {
        let previousLength: number;
        try {
          previousLength = await previous.length;
        } catch (error) {
          throw new CosClientError(`upload_part: part ${n - 1} failed, so the offset of part ${n} is unknown; send part ${n - 1} again first`, {
            code: 'OutOfOrderPart',
            cause: error,
          });
        }
        if (previousLength % BLOCK !== 0) {
          throw invalid(`part ${n - 1} has ${previousLength} bytes, not a multiple of ${BLOCK}: only the last part may be`);
        }
        return (await previous.offset) + previousLength;
      })();
    }
    const slot = this.#newSlot(offset);
    this.#slots.set(n, slot);
    this.#highest = Math.max(this.#highest, n);
    return slot;
  }

  #newSlot(offset: Promise<number>): SequentialSlot {
    const { promise, resolve, reject } = deferred();
    // A failed predecessor is reported by the part that waits on it; no unhandled rejection meanwhile.
    offset.catch(() => undefined);
    return { offset, length: promise, known: undefined, mustBe: undefined, resolve, reject };
  }
}
