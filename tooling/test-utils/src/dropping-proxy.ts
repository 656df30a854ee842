/**
 * An HTTP proxy that accepts connections and drops every CONNECT and every
 * proxied request: undici 7's ProxyAgent then reconnects in a loop that no
 * signal stops (undici #3897). The connection count shows whether a client
 * ended that loop.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { once } from 'node:events';

export interface DroppingProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  readonly connections: number;
  close(): Promise<void>;
}

export async function startDroppingProxy(): Promise<DroppingProxy> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req) => req.socket.destroy());
  server.on('connect', (_req, socket: Socket) => socket.destroy());
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('dropping proxy: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
