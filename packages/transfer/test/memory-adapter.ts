/**
 * An in-memory `TransferAdapter` for tests: objects and multipart uploads in
 * Maps, call counters, and injected faults (random part failures with a
 * fixed seed, failing after N parts, slow parts, short ranged GETs).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc64, type Body } from '@yunstore/core';
import type {
  CompletedPart,
  CompleteResult,
  CopySourceRef,
  DeleteFailure,
  FailureClass,
  ListPage,
  ObjectInfo,
  ObjectRef,
  PartsPage,
  TransferAdapter,
  TransferLimits,
} from '../src/adapter.ts';

export interface Faults {
  /** Fraction of uploadPart / getRange / uploadPartCopy attempts that fail with a 503 (seeded). */
  partFailureRate?: number;
  /** After this many successful part calls, every later one fails with a 503. */
  failAfterParts?: number;
  /** Delay before each part call answers, in ms (honours the signal). */
  partDelayMs?: number;
  /** Fraction of getRange attempts whose stream breaks half-way (seeded). */
  midStreamFailureRate?: number;
  /** The next complete calls fail before doing anything: `status` as a server answer, `network` with no answer. */
  completeFailures?: Array<'status' | 'network' | 'lost'>;
}

export interface MemoryResult extends CompleteResult {
  etag: string;
  location: string;
}

interface StoredObject {
  data: Buffer;
  etag: string;
  lastModified: string;
  crc64: string;
}

interface Upload {
  bucket: string;
  key: string;
  parts: Map<number, { data: Buffer; etag: string; size: number }>;
}

/** An error shaped like a vendor error (status drives the engine's retry decision). */
export class FakeServiceError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(`${code} (${status})`);
  }
}

/** mulberry32: small, seeded, good enough to spread failures. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function readBody(body: Body, signal: AbortSignal, keep: boolean): Promise<{ data: Buffer; size: number; md5: string }> {
  const opened = body.open();
  const md5 = createHash('md5');
  if (Buffer.isBuffer(opened)) {
    md5.update(opened);
    return { data: keep ? Buffer.from(opened) : Buffer.alloc(0), size: opened.length, md5: md5.digest('hex') };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onAbort = (): void => {
    opened.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of opened) {
      const bytes = chunk as Buffer;
      md5.update(bytes);
      size += bytes.length;
      if (keep) chunks.push(Buffer.from(bytes));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return { data: Buffer.concat(chunks), size, md5: md5.digest('hex') };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class MemoryAdapter implements TransferAdapter<MemoryResult> {
  limits: TransferLimits = { maxParts: 10_000, minPartSize: 1, maxPartSize: 5 * 1024 ** 3, maxSingleCopy: 1024 };
  readonly objects = new Map<string, StoredObject>();
  readonly uploads = new Map<string, Upload>();
  readonly calls: Record<string, number> = {};
  /** Part numbers of every successful uploadPart, in order. */
  readonly sentParts: number[] = [];
  /** Ranges of every successful getRange. */
  readonly fetchedRanges: Array<[number, number]> = [];
  /** Sizes of every deleteMany batch. */
  readonly deleteBatches: number[] = [];
  faults: Faults = {};
  /** When true, uploaded bytes are counted and hashed but not kept (memory tests). */
  discard = false;
  /** When false, head omits crc64 (like every vendor but COS). */
  reportCrc64 = true;
  /** Objects per list page. */
  pageSize = 1000;
  /** The vendor verdict hook (tests set it to check the engine obeys it). */
  classify?: (error: unknown) => FailureClass | undefined;
  /** Parts per listPartsPage page: small, so resume and settle tests follow several pages. */
  partsPageSize = 3;
  #random = seeded(42);
  #partSuccesses = 0;
  #nextId = 1;
  #clock = Date.UTC(2024, 0, 1);

  #count(name: string): void {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  #id(bucket: string, key: string): string {
    return `${bucket}/${key}`;
  }

  /** Applies the part faults to one part call. */
  async #partFault(signal: AbortSignal): Promise<void> {
    if (this.faults.partDelayMs) await delay(this.faults.partDelayMs, signal);
    if (signal.aborted) throw signal.reason as Error;
    if (this.faults.failAfterParts !== undefined && this.#partSuccesses >= this.faults.failAfterParts) {
      throw new FakeServiceError('ServiceUnavailable', 503);
    }
    if (this.faults.partFailureRate && this.#random() < this.faults.partFailureRate) {
      throw new FakeServiceError('InternalError', 500);
    }
  }

  /** Stores an object directly (test setup). */
  put(bucket: string, key: string, data: Buffer): StoredObject {
    this.#clock += 1000;
    const object = {
      data,
      etag: `"${createHash('md5').update(data).digest('hex')}"`,
      lastModified: new Date(this.#clock).toUTCString(),
      crc64: crc64(data).toString(),
    };
    this.objects.set(this.#id(bucket, key), object);
    return object;
  }

  get(bucket: string, key: string): Buffer | undefined {
    return this.objects.get(this.#id(bucket, key))?.data;
  }

  async initiate({ bucket, key }: ObjectRef): Promise<{ uploadId: string }> {
    this.#count('initiate');
    const uploadId = `upload-${this.#nextId++}`;
    this.uploads.set(uploadId, { bucket, key, parts: new Map() });
    return { uploadId };
  }

  #upload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new FakeServiceError('NoSuchUpload', 404);
    return upload;
  }

  async uploadPart(args: ObjectRef & { uploadId: string; partNumber: number; body: Body; length: number; signal: AbortSignal }): Promise<{ etag: string }> {
    this.#count('uploadPart');
    const upload = this.#upload(args.uploadId);
    await this.#partFault(args.signal);
    const { data, size, md5 } = await readBody(args.body, args.signal, !this.discard);
    if (size !== args.length) throw new Error(`part ${args.partNumber}: body had ${size} bytes, length said ${args.length}`);
    const etag = `"${md5}"`;
    upload.parts.set(args.partNumber, { data, etag, size });
    this.#partSuccesses++;
    this.sentParts.push(args.partNumber);
    return { etag };
  }

  async complete({ uploadId, parts }: ObjectRef & { uploadId: string; parts: CompletedPart[] }): Promise<MemoryResult> {
    this.#count('complete');
    const failure = this.faults.completeFailures?.shift();
    if (failure === 'status') throw new FakeServiceError('InternalError', 500);
    if (failure === 'network') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const upload = this.#upload(uploadId);
    const datas: Buffer[] = [];
    let previous = 0;
    for (const part of parts) {
      const stored = upload.parts.get(part.partNumber);
      if (!stored || stored.etag !== part.etag) throw new FakeServiceError('InvalidPart', 400);
      if (part.partNumber <= previous) throw new FakeServiceError('InvalidPartOrder', 400);
      previous = part.partNumber;
      datas.push(stored.data);
    }
    this.uploads.delete(uploadId);
    if (this.discard) return { etag: '"discarded"', location: upload.key };
    const object = this.put(upload.bucket, upload.key, Buffer.concat(datas));
    // The work is done, but the answer never arrives.
    if (failure === 'lost') throw Object.assign(new Error('socket hang up after the request was sent'), { code: 'ECONNRESET' });
    return { etag: object.etag, crc64: object.crc64, location: upload.key };
  }

  async abort({ uploadId }: { uploadId: string }): Promise<void> {
    this.#count('abort');
    // As the clouds answer: an upload already gone is NoSuchUpload (the engine treats that as aborted).
    if (!this.uploads.delete(uploadId)) throw new FakeServiceError('NoSuchUpload', 404);
  }

  async listPartsPage({ uploadId, marker }: { uploadId: string; marker: number }): Promise<PartsPage> {
    this.#count('listParts');
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new FakeServiceError('NoSuchUpload', 404);
    const after = [...upload.parts.entries()].filter(([n]) => n > marker).sort(([a], [b]) => a - b);
    const page = after.slice(0, this.partsPageSize).map(([partNumber, p]) => ({ partNumber, etag: p.etag, size: p.size }));
    const last = page.at(-1);
    return after.length > this.partsPageSize && last ? { parts: page, nextMarker: last.partNumber } : { parts: page };
  }

  async head({ bucket, key }: CopySourceRef): Promise<ObjectInfo> {
    this.#count('head');
    const object = this.objects.get(this.#id(bucket, key));
    if (!object) throw new FakeServiceError('NoSuchKey', 404);
    return {
      size: object.data.length,
      etag: object.etag,
      lastModified: object.lastModified,
      ...(this.reportCrc64 ? { crc64: object.crc64 } : {}),
    };
  }

  async getRange(args: ObjectRef & { start: number; end: number; ifMatch?: string; signal: AbortSignal }): Promise<Readable> {
    this.#count('getRange');
    const object = this.objects.get(this.#id(args.bucket, args.key));
    if (!object) throw new FakeServiceError('NoSuchKey', 404);
    if (args.ifMatch !== undefined && args.ifMatch !== object.etag) throw new FakeServiceError('PreconditionFailed', 412);
    await this.#partFault(args.signal);
    const slice = object.data.subarray(args.start, args.end + 1);
    const breakHalfway = this.faults.midStreamFailureRate !== undefined && this.#random() < this.faults.midStreamFailureRate;
    this.#partSuccesses++;
    this.fetchedRanges.push([args.start, args.end]);
    const signal = args.signal;
    const delayMs = this.faults.partDelayMs ?? 0;
    async function* chunks(): AsyncGenerator<Buffer> {
      const step = 64 * 1024;
      for (let offset = 0; offset < slice.length; offset += step) {
        if (signal.aborted) throw signal.reason as Error;
        if (breakHalfway && offset >= slice.length / 2) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        if (delayMs) await delay(1, signal);
        yield slice.subarray(offset, Math.min(offset + step, slice.length));
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async putObject(args: ObjectRef & { body: Body; length: number; signal: AbortSignal }): Promise<MemoryResult> {
    this.#count('putObject');
    const { data, size } = await readBody(args.body, args.signal, !this.discard);
    if (size !== args.length) throw new Error(`putObject: body had ${size} bytes, length said ${args.length}`);
    if (this.discard) return { etag: '"discarded"', location: args.key };
    const object = this.put(args.bucket, args.key, data);
    return { etag: object.etag, crc64: object.crc64, location: args.key };
  }

  async copyObject(args: ObjectRef & { source: CopySourceRef }): Promise<MemoryResult> {
    this.#count('copyObject');
    const source = this.objects.get(this.#id(args.source.bucket, args.source.key));
    if (!source) throw new FakeServiceError('NoSuchKey', 404);
    if (source.data.length > this.limits.maxSingleCopy) throw new FakeServiceError('EntityTooLarge', 400);
    const object = this.put(args.bucket, args.key, Buffer.from(source.data));
    return { etag: object.etag, crc64: object.crc64, location: args.key };
  }

  async uploadPartCopy(
    args: ObjectRef & { uploadId: string; partNumber: number; source: CopySourceRef; start: number; end: number; signal: AbortSignal },
  ): Promise<{ etag: string }> {
    this.#count('uploadPartCopy');
    const upload = this.#upload(args.uploadId);
    const source = this.objects.get(this.#id(args.source.bucket, args.source.key));
    if (!source) throw new FakeServiceError('NoSuchKey', 404);
    await this.#partFault(args.signal);
    const data = Buffer.from(source.data.subarray(args.start, args.end + 1));
    const etag = `"${createHash('md5').update(data).digest('hex')}"`;
    upload.parts.set(args.partNumber, { data, etag, size: data.length });
    this.#partSuccesses++;
    return { etag };
  }

  async list({ bucket, prefix, marker }: { bucket: string; prefix: string; marker?: string }): Promise<ListPage> {
    this.#count('list');
    const keys = [...this.objects.keys()]
      .filter((id) => id.startsWith(`${bucket}/`))
      .map((id) => id.slice(bucket.length + 1))
      .filter((key) => key.startsWith(prefix) && (marker === undefined || key > marker))
      .sort();
    const page = keys.slice(0, this.pageSize);
    const objects = page.map((key) => ({ key, size: this.objects.get(this.#id(bucket, key))!.data.length }));
    return keys.length > page.length ? { objects, nextMarker: page[page.length - 1]! } : { objects };
  }

  async deleteMany({ bucket, keys }: { bucket: string; keys: string[] }): Promise<DeleteFailure[]> {
    this.#count('deleteMany');
    if (keys.length > 1000) throw new FakeServiceError('MalformedXML', 400);
    this.deleteBatches.push(keys.length);
    for (const key of keys) this.objects.delete(this.#id(bucket, key));
    return [];
  }
}
