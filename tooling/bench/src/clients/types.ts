/** Where a client connects: the emulator's endpoint for one dialect and its key. */
export interface Endpoint {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The few operations the transfer rows need, implemented once with our
 * package and once with the vendor's SDK, so both sides do exactly the same
 * work. Optional calls are absent when a side has no such call (yet).
 */
export interface BenchClient {
  /** Display name for the report. */
  name: string;
  ensureBucket(bucket: string): Promise<void>;
  put(bucket: string, key: string, body: Buffer): Promise<void>;
  /** Reads the whole object; resolves with the byte count. */
  get(bucket: string, key: string): Promise<number>;
  /** The high-level multipart upload of a local file. */
  uploadFile?(bucket: string, key: string, path: string, partSize: number, concurrency: number): Promise<void>;
  /** The high-level download to a local file. */
  downloadFile?(bucket: string, key: string, path: string, partSize: number, concurrency: number): Promise<void>;
  close?(): Promise<void>;
}

export type Vendor = 'cos' | 'bos' | 'oos' | 'nos';
export type Side = 'ours' | 'vendor' | 'raw';

export type ClientFactory = (endpoint: Endpoint) => Promise<BenchClient>;

/** Counts the bytes of a stream without keeping them. */
export async function drain(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let total = 0;
  for await (const chunk of stream) total += chunk.length;
  return total;
}

/** True for the "bucket already exists" answers, which ensureBucket ignores. */
export function alreadyExists(error: unknown): boolean {
  const text = `${(error as { code?: unknown })?.code ?? ''} ${(error as { message?: unknown })?.message ?? ''} ${JSON.stringify(error ?? '')}`;
  return /AlreadyExist|BucketAlreadyOwnedByYou|409/i.test(text);
}

/** Wraps a Node-style callback API call in a promise. */
export function callback<T>(run: (done: (error: unknown, data: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, data) => (error ? reject(error) : resolve(data))));
}
