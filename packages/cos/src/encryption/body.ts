/**
 * Request bodies encrypted on the fly. Every body type the plain client
 * takes becomes a `@yunstore/core` Body whose bytes are the ciphertext at a
 * given object offset: small in-memory inputs are encrypted in one pass;
 * large ones, streams and files chunk by chunk as they are sent (memory
 * stays bounded by the stream's own buffering). A replayable input stays replayable — CTR is
 * deterministic, so a retry re-encrypts to the very same bytes.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { toBody, type Body, type BodyInput } from '@yunstore/core';
import { CosClientError } from '../errors.ts';
import { ctrAt, ctrTransform, xorAt } from './ctr.ts';
import type { DataEnvelope } from './envelope.ts';

/** Limits and observers of one encrypted body. */
export interface BodyWatch {
  /** Fail the stream when it carries more bytes than this (a declared part size). */
  maxLength?: number;
  /** Called with the byte count once the whole body went through; throwing fails the body. */
  onEnd?: (length: number) => void;
  /** The method, for messages. */
  op: string;
}

/** The caller's `Body` as a core Body; a bad value is a CosClientError naming the parameter, before any request. */
export async function plainBodyOf(params: Record<string, unknown>, name: string): Promise<Body> {
  const value = params[name];
  if (value === undefined || value === null) {
    throw new CosClientError(`${name} is required (bytes, a string, a stream or a file stream; use '' for an empty object)`, { code: 'InvalidArgument' });
  }
  const raw = params['ContentLength'];
  let length: number | undefined;
  if (raw !== undefined && raw !== null && raw !== '') {
    length = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : (raw as number);
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw new CosClientError(`ContentLength must be a non-negative integer (got ${String(raw)})`, { code: 'InvalidArgument' });
    }
  }
  try {
    const body = await toBody(value as BodyInput, length === undefined ? {} : { length });
    if (length !== undefined && body.length !== undefined && body.length !== length) {
      throw new Error(`ContentLength ${length} does not match the ${body.length} bytes of ${name}`);
    }
    return body;
  } catch (error) {
    throw new CosClientError(`${name}: ${(error as Error).message}`, { code: 'InvalidArgument', cause: error });
  }
}

function tooLong(watch: BodyWatch): CosClientError {
  return new CosClientError(`${watch.op}: the body has more than ${String(watch.maxLength)} bytes (the declared PartSize)`, { code: 'InvalidArgument' });
}

/** Counts the bytes going through, enforcing `maxLength` and reporting the total at the end. */
function counter(watch: BodyWatch): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (watch.maxLength !== undefined && seen > watch.maxLength) done(tooLong(watch));
      else done(null, chunk);
    },
    flush(done: TransformCallback) {
      try {
        watch.onEnd?.(seen);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** Pipes `source` through `steps`, forwarding any error to the last one (what the HTTP layer reads). */
function chain(source: Readable, ...steps: Transform[]): Readable {
  let current: Readable = source;
  const last = steps[steps.length - 1] ?? source;
  for (const step of steps) {
    current.on('error', (error: Error) => last.destroy(error));
    current = current.pipe(step);
  }
  return current;
}

/** In-memory bodies up to this size are encrypted in one call; larger ones in chunks of `CHUNK`. */
const IN_ONE_PASS = 1024 * 1024;
const CHUNK = 256 * 1024;

function* encryptedChunks(bytes: Buffer, envelope: DataEnvelope, offset: number): Generator<Buffer> {
  const cipher = ctrAt(envelope.dataKey, envelope.iv, offset);
  for (let i = 0; i < bytes.length; i += CHUNK) yield cipher.update(bytes.subarray(i, i + CHUNK));
}

/** The source body encrypted as the object's bytes from `offset` on. */
export function encryptingBody(source: Body, envelope: DataEnvelope, offset: number, watch: BodyWatch): Body {
  return {
    length: source.length,
    replayable: source.replayable,
    open(): Buffer | Readable {
      const opened = source.open();
      if (Buffer.isBuffer(opened)) {
        if (watch.maxLength !== undefined && opened.length > watch.maxLength) throw tooLong(watch);
        watch.onEnd?.(opened.length);
        if (opened.length <= IN_ONE_PASS) return xorAt(envelope.dataKey, envelope.iv, offset, opened);
        // A large buffer is encrypted as it is sent: no second full-size copy, no giant allocation.
        return Readable.from(encryptedChunks(opened, envelope, offset), { objectMode: false });
      }
      return chain(opened, counter(watch), ctrTransform(envelope.dataKey, envelope.iv, offset));
    },
  };
}
