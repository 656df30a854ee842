/**
 * A server that misbehaves on purpose, for the error contract: each test
 * installs a handler; the server counts connections and requests so a test
 * can tell that a request never left, or that a loop stopped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { once } from 'node:events';

export type HostileHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Replaces the handler (and clears `requests`). */
  handle(handler: HostileHandler): void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1, port 0. Request bodies are read whole before the handler runs. */
export async function startHostileServer(): Promise<HostileServer> {
  let handler: HostileHandler = (_req, res) => {
    res.statusCode = 500;
    res.end();
  };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      Promise.resolve(handler(req, res, Buffer.concat(chunks))).catch(() => res.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('hostile server: no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    get connections() {
      return connections;
    },
    handle(next) {
      handler = next;
      requests.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `total` bytes of `fill` in 64 KiB chunks, respecting backpressure; stops quietly when the client goes away. */
export async function writeLarge(res: ServerResponse, total: number, fill = 'x'): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  // One close watcher for the whole write, and each drain wait removed once it is decided:
  // a fresh pair per wait would pile up listeners (MaxListenersExceededWarning) on long bodies.
  const closed = once(res, 'close').then(
    () => false,
    () => false,
  );
  while (sent < total && !res.destroyed) {
    const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
    sent += piece.length;
    if (!res.write(piece)) {
      const settled = new AbortController();
      const drained = once(res, 'drain', { signal: settled.signal }).then(
        () => true,
        () => false,
      );
      const more = await Promise.race([drained, closed]);
      settled.abort();
      if (!more) break;
    }
  }
  if (!res.destroyed) res.end();
  return sent;
}

/** Sends `bytes` one byte every `intervalMs`, then ends; stops when the client goes away. */
export async function trickle(res: ServerResponse, bytes: Buffer, intervalMs: number): Promise<void> {
  for (const byte of bytes) {
    if (res.destroyed) return;
    res.write(Buffer.from([byte]));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (!res.destroyed) res.end();
}
