/**
 * A bench-only loopback sink: speaks just enough of each dialect (COS, BOS,
 * OOS/S3, NOS) for a high-level upload and a ranged download — initiate,
 * upload part, complete, abort, put, HEAD, (ranged) GET — and does nothing
 * else: no auth check, no hashing, no storage. Request bodies are drained
 * and counted; GETs serve zeros from one preallocated buffer. So a client
 * against it is limited by itself and the loopback, not by the server's
 * MD5/CRC work (which is what the emulator rows include).
 *
 * It remembers only object sizes, keyed by host and path, so a HEAD after an
 * upload reports what was sent; unknown keys have `defaultSize` bytes, so
 * any client can download whatever key it names.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Dialect = 'cos' | 'bos' | 'oos' | 'nos';

export interface SinkOptions {
  /** Size of objects nobody uploaded (what a download of any key gets). */
  defaultSize: number;
}

export interface Sink {
  /** `http://127.0.0.1:PORT` for each dialect. */
  endpoints: Record<Dialect, string>;
  /** Bytes received in PUT bodies (parts and objects) so far: a sanity check for the rows. */
  bytesIn(): number;
  stop(): Promise<void>;
}

const ZEROS = Buffer.alloc(1024 * 1024);
// Not an MD5: clients that compare an MD5-shaped ETag with the bytes they sent (ours for NOS) skip the check.
const ETAG = '"sink-etag"';
const LAST_MODIFIED = 'Wed, 02 Dec 2026 00:00:00 GMT';
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const REQUEST_ID: Record<Dialect, string> = {
  cos: 'x-cos-request-id',
  bos: 'x-bce-request-id',
  oos: 'x-amz-request-id',
  nos: 'x-nos-request-id',
};

interface State {
  sizes: Map<string, number>;
  uploads: Map<string, { id: string; bytes: number }>;
  nextUpload: number;
  bytesIn: number;
  defaultSize: number;
}

/** Bucket and key of a request, path-style (`/bucket/key`) or virtual-hosted (`bucket.host` + `/key`). */
function target(req: IncomingMessage, url: URL): { bucket: string; key: string; id: string } {
  const host = (req.headers.host ?? '').split(':')[0] ?? '';
  const path = decodeURIComponent(url.pathname);
  const virtual = /^[^.]+\.[^.]+/.test(host) && !/^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== 'localhost';
  if (virtual) return { bucket: host.split('.')[0] ?? '', key: path.slice(1), id: `${host}${path}` };
  const [, bucket = '', ...rest] = path.split('/');
  return { bucket, key: rest.join('/'), id: path };
}

function xml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

function send(res: ServerResponse, dialect: Dialect, status: number, headers: Record<string, string>, body?: string | Buffer): void {
  const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    [REQUEST_ID[dialect]]: 'sink',
    'x-amz-id-2': 'sink',
    'Content-Length': String(payload?.length ?? 0),
    ...headers,
  });
  res.end(payload);
}

function initiateBody(dialect: Dialect, bucket: string, key: string, uploadId: string): { type: string; body: string } {
  if (dialect === 'bos') return { type: 'application/json', body: JSON.stringify({ bucket, key, uploadId }) };
  const ns = dialect === 'oos' ? ` xmlns="${S3_NS}"` : '';
  return {
    type: 'application/xml',
    body: xml(
      `<InitiateMultipartUploadResult${ns}><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
    ),
  };
}

function completeBody(dialect: Dialect, origin: string, bucket: string, key: string): { type: string; body: string } {
  const location = `${origin}/${bucket}/${key}`;
  if (dialect === 'bos') return { type: 'application/json', body: JSON.stringify({ location, bucket, key, eTag: ETAG.replace(/"/g, '') }) };
  const ns = dialect === 'oos' ? ` xmlns="${S3_NS}"` : '';
  return {
    type: 'application/xml',
    body: xml(
      `<CompleteMultipartUploadResult${ns}><Location>${location}</Location><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>${ETAG}</ETag></CompleteMultipartUploadResult>`,
    ),
  };
}

function emptyListing(dialect: Dialect, bucket: string, key: string, kind: 'uploads' | 'parts'): { type: string; body: string } {
  if (dialect === 'bos') {
    return kind === 'uploads'
      ? { type: 'application/json', body: JSON.stringify({ bucket, uploads: [], isTruncated: false }) }
      : { type: 'application/json', body: JSON.stringify({ bucket, key, parts: [], isTruncated: false }) };
  }
  return kind === 'uploads'
    ? {
        type: 'application/xml',
        body: xml(`<ListMultipartUploadsResult><Bucket>${bucket}</Bucket><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`),
      }
    : { type: 'application/xml', body: xml(`<ListPartsResult><Bucket>${bucket}</Bucket><Key>${key}</Key><IsTruncated>false</IsTruncated></ListPartsResult>`) };
}

/** Serves `start..end` of an all-zero object, respecting back-pressure. */
function serveZeros(res: ServerResponse, length: number): void {
  let left = length;
  const pump = (): void => {
    while (left > 0) {
      const n = Math.min(left, ZEROS.length);
      left -= n;
      if (!res.write(n === ZEROS.length ? ZEROS : ZEROS.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

function handle(dialect: Dialect, state: State, origin: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', origin);
  const q = url.searchParams;
  const { bucket, key, id } = target(req, url);
  const method = req.method ?? 'GET';
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  req.on('end', () => {
    if (method === 'PUT') state.bytesIn += received;
    const uploadId = q.get('uploadId') ?? q.get('uploadid');
    if (method === 'POST' && q.has('uploads')) {
      const upload = `sink-${state.nextUpload++}`;
      state.uploads.set(upload, { id, bytes: 0 });
      const { type, body } = initiateBody(dialect, bucket, key, upload);
      return send(res, dialect, 200, { 'Content-Type': type }, body);
    }
    if (method === 'PUT' && uploadId !== null) {
      const upload = state.uploads.get(uploadId);
      if (upload) upload.bytes += received;
      return send(res, dialect, 200, { ETag: ETAG });
    }
    if (method === 'POST' && uploadId !== null) {
      const upload = state.uploads.get(uploadId);
      if (upload) state.sizes.set(upload.id, upload.bytes);
      state.uploads.delete(uploadId);
      const { type, body } = completeBody(dialect, origin, bucket, key);
      return send(res, dialect, 200, { 'Content-Type': type }, body);
    }
    if (method === 'DELETE') {
      if (uploadId !== null) state.uploads.delete(uploadId);
      return send(res, dialect, 204, {});
    }
    if (method === 'GET' && q.has('uploads')) {
      const { type, body } = emptyListing(dialect, bucket, key, 'uploads');
      return send(res, dialect, 200, { 'Content-Type': type }, body);
    }
    if (method === 'GET' && uploadId !== null) {
      const { type, body } = emptyListing(dialect, bucket, key, 'parts');
      return send(res, dialect, 200, { 'Content-Type': type }, body);
    }
    if (method === 'PUT') {
      // A single PUT (or a bucket creation): remember the size, answer like the service.
      if (key !== '') state.sizes.set(id, received);
      return send(res, dialect, 200, { ETag: ETAG });
    }
    if (method === 'HEAD' || method === 'GET') {
      const size = state.sizes.get(id) ?? state.defaultSize;
      const common = { ETag: ETAG, 'Last-Modified': LAST_MODIFIED, 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      let start = 0;
      let end = size - 1;
      if (range) {
        start = Number(range[1]);
        end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      }
      const length = Math.max(0, end - start + 1);
      const status = range ? 206 : 200;
      const headers: Record<string, string> = { ...common, 'Content-Length': String(length), [REQUEST_ID[dialect]]: 'sink' };
      if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
      res.writeHead(method === 'HEAD' ? 200 : status, method === 'HEAD' ? { ...headers, 'Content-Length': String(size) } : headers);
      if (method === 'HEAD') return res.end();
      return serveZeros(res, length);
    }
    return send(res, dialect, 405, {});
  });
}

function listen(dialect: Dialect, state: State): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve, reject) => {
    let origin = '';
    const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0 }, (req, res) => handle(dialect, state, origin, req, res));
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ server, origin });
    });
  });
}

/** Starts one sink listener per dialect on 127.0.0.1 (free ports). */
export async function startSink(options: SinkOptions): Promise<Sink> {
  const state: State = { sizes: new Map(), uploads: new Map(), nextUpload: 1, bytesIn: 0, defaultSize: options.defaultSize };
  const dialects: Dialect[] = ['cos', 'bos', 'oos', 'nos'];
  const started = await Promise.all(dialects.map((d) => listen(d, state)));
  const endpoints = Object.fromEntries(dialects.map((d, i) => [d, started[i]!.origin])) as Record<Dialect, string>;
  return {
    endpoints,
    bytesIn: () => state.bytesIn,
    stop: async () => {
      await Promise.all(
        started.map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
