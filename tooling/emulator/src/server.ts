import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInitialBuckets, emptyStore, type InitialBucket, parseBuckets } from './buckets.ts';
import { newRequestId } from './common/ids.ts';
import { createCredentials, DEFAULT_OWNER, type EmulatorCredentials, type InitialAccessKey } from './credentials.ts';
import { createBosDialect } from './dialects/bos/index.ts';
import { createCosDialect } from './dialects/cos/index.ts';
import { createNosDialect } from './dialects/nos/index.ts';
import { createOosDialect } from './dialects/oos/index.ts';
import type { CreateDialect, DialectContext, DialectHandler, DialectName } from './dialects/types.ts';
import { createFaults, type EmulatorFaults, type FaultConfig, type FaultRule } from './faults.ts';
import { createDiscardStore } from './store/discard.ts';
import { createFolderStore } from './store/folder.ts';
import { createMemoryStore } from './store/memory.ts';
import type { ObjectStore } from './store/types.ts';

/** The four dialects, in port order: `port: N` gives cos N, bos N+1, oos N+2, nos N+3. */
export const DIALECTS: readonly DialectName[] = ['cos', 'bos', 'oos', 'nos'];

const builtInDialects: Record<DialectName, CreateDialect> = {
  cos: createCosDialect,
  bos: createBosDialect,
  oos: createOosDialect,
  nos: createNosDialect,
};

/**
 * Host suffixes meaning "bucket in the Host": a request with
 * `Host: examplebucket-1250000000.cos.localhost:9000` is virtual-hosted style
 * for bucket `examplebucket-1250000000`; `Host: 127.0.0.1:9000` or
 * `Host: localhost:9000` is path style (`/bucket/key`).
 */
export const DEFAULT_VIRTUAL_HOST_SUFFIXES: readonly string[] = ['localhost', 'cos.localhost', 'bos.localhost', 'oos.localhost', 'nos.localhost'];

export const DEFAULT_MIN_PART_SIZE = 1024 * 1024;

export interface EmulatorOptions {
  /** First port: cos listens on it, bos on +1, oos on +2, nos on +3. Default 0: four random free ports. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * Access keys accepted. Default: one key,
   * `{ accessKeyId: 'AKIDyunstoreEMULATOR', secretAccessKey: 'yunstore-emulator-secret' }`.
   */
  credentials?: InitialAccessKey[];
  /**
   * Where objects live: `'memory'` (default), `{ dir: './data' }` (a folder,
   * kept across restarts), `'discard'` (sizes and ETags only, for benchmarks),
   * or any ObjectStore.
   */
  store?: 'memory' | 'discard' | { dir: string } | ObjectStore;
  /**
   * Buckets that exist from the start and again after `reset()`:
   * `'cos:examplebucket-1250000000'`, `'nos:my-bucket'`, or `{ dialect, name, owner?, acl?, location? }`.
   * The dialect picks the name rules and the reported location; every dialect sees the bucket.
   * Owner: the first start key's. NOS users need this: the NOS SDK cannot create buckets.
   */
  buckets?: Array<string | InitialBucket>;
  /** Faults from the start: one rule, a list, or `{ rules, random }`. Change later through `emulator.faults`. */
  faults?: FaultRule | FaultRule[] | FaultConfig;
  /** Smallest multipart part (all but the last) in bytes. Default: each cloud's own minimum. Tests lower it, e.g. `1024`. */
  minPartSize?: number;
  /** Allowed clock skew for signed requests, in seconds. Default 900. */
  maxSkewSeconds?: number;
  /** The emulator's clock. Default real time; change later with `setClock`. */
  clock?: () => Date;
  /** See DEFAULT_VIRTUAL_HOST_SUFFIXES. */
  virtualHostSuffixes?: string[];
  /** Replace dialect implementations (tests inject small fakes). */
  dialects?: Partial<Record<DialectName, CreateDialect>>;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` per dialect. */
  endpoints: Record<DialectName, string>;
  ports: Record<DialectName, number>;
  host: string;
  store: ObjectStore;
  credentials: EmulatorCredentials;
  faults: EmulatorFaults;
  /** The emulator's current time. */
  now(): Date;
  /** Moves the clock (signature expiry and skew, lastModified); `undefined` goes back to real time. */
  setClock(clock: (() => Date) | undefined): void;
  /**
   * Back to the start, between tests: empties the store (objects, versions,
   * uploads, buckets), then recreates the `buckets` given at start, empty;
   * restores the start keys (keys created since are gone) and the start fault
   * rules. Ports, the clock and open connections stay.
   */
  reset(): Promise<void>;
  /** Closes the servers, including keep-alive connections, and the store. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts one HTTP server per dialect, all sharing one store, one key table
 * and one fault controller.
 *
 * @example
 * const emu = await startEmulator({ port: 0, minPartSize: 1024 });
 * // emu.endpoints.cos === 'http://127.0.0.1:53121'
 * await emu.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const basePort = options.port ?? 0;
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65532)
    throw new RangeError(`startEmulator: port must be 0 or an integer up to 65532, got ${basePort}`);
  if (options.minPartSize !== undefined && !(Number.isInteger(options.minPartSize) && options.minPartSize >= 0)) {
    throw new RangeError(`startEmulator: minPartSize must be a non-negative integer, got ${options.minPartSize}`);
  }
  let clock = options.clock ?? (() => new Date());
  const now = (): Date => clock();

  const credentials = createCredentials(options.credentials, now);
  const initialFaults = faultConfig(options.faults);
  const faults = createFaults(initialFaults);
  const buckets = parseBuckets(options.buckets ?? []);
  const bucketOwner = options.credentials?.[0]?.owner ?? DEFAULT_OWNER;
  const store = await openStore(options.store, now);
  const servers: Server[] = [];
  const ports = {} as Record<DialectName, number>;
  const endpoints = {} as Record<DialectName, string>;

  try {
    for (const [i, name] of DIALECTS.entries()) {
      const ctx: DialectContext = {
        store,
        credentials,
        faults,
        minPartSize: options.minPartSize ?? DEFAULT_MIN_PART_SIZE,
        maxSkewSeconds: options.maxSkewSeconds ?? 900,
        now,
        requestId: () => newRequestId(name),
        virtualHostSuffixes: [...(options.virtualHostSuffixes ?? DEFAULT_VIRTUAL_HOST_SUFFIXES)],
        dialect: name,
      };
      if (options.minPartSize !== undefined) ctx.minPartSizeOption = options.minPartSize;
      const create = options.dialects?.[name] ?? builtInDialects[name];
      const server = newServer(create(ctx));
      servers.push(server);
      ports[name] = await listen(server, basePort === 0 ? 0 : basePort + i, host);
      endpoints[name] = `http://${urlHost(host)}:${ports[name]}`;
    }
    await createInitialBuckets(store, buckets, bucketOwner, now());
  } catch (err) {
    await closeAll(servers);
    await store.close();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoints,
    ports,
    host,
    store,
    credentials,
    faults,
    now,
    setClock(next) {
      clock = next ?? (() => new Date());
    },
    async reset() {
      await emptyStore(store);
      await createInitialBuckets(store, buckets, bucketOwner, now());
      credentials.reset();
      // Rules are copied: counted rules (errorCount) start full again.
      faults.set((initialFaults.rules ?? []).map((rule) => ({ ...rule })));
    },
    stop() {
      stopping ??= closeAll(servers).then(() => store.close());
      return stopping;
    },
  };
}

/** The snake_case name of the issue and of the vendors' Python world. */
export const start_emulator = startEmulator;

function faultConfig(faults: EmulatorOptions['faults']): FaultConfig {
  if (faults === undefined) return {};
  if (Array.isArray(faults)) return { rules: faults };
  if ('rules' in faults || 'random' in faults) return faults as FaultConfig;
  return { rules: [faults as FaultRule] };
}

async function openStore(store: EmulatorOptions['store'], now: () => Date): Promise<ObjectStore> {
  if (store === undefined || store === 'memory') return createMemoryStore({ now });
  if (store === 'discard') return createDiscardStore({ now });
  if (typeof store === 'object' && store !== null) {
    if ('dir' in store && typeof store.dir === 'string') return createFolderStore({ dir: store.dir, now });
    if ('putObject' in store && typeof store.putObject === 'function') return store;
  }
  throw new TypeError("startEmulator: store must be 'memory', 'discard', { dir } or an ObjectStore");
}

function newServer(handler: DialectHandler): Server {
  const server = createServer(
    {
      // A 1 GiB upload over a slow or throttled link must not be cut: no request or header deadline.
      requestTimeout: 0,
      headersTimeout: 0,
      // Presigned URLs and long signature headers exceed Node's 16 KiB default.
      maxHeaderSize: 64 * 1024,
    },
    (req, res) => void serve(handler, req, res),
  );
  server.timeout = 0;
  return server;
}

/** Dialects must not throw; if one does anyway, answer 500 rather than hang or crash. */
async function serve(handler: DialectHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await handler(req, res);
  } catch (err) {
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`emulator error: ${err instanceof Error ? err.message : String(err)}`);
    } else {
      res.destroy();
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(new Error(`emulator cannot listen on ${host}:${port}: ${err.message}`, { cause: err }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          // close() waits for open connections; keep-alive ones would hold it forever.
          server.closeAllConnections();
        }),
    ),
  );
}

/** The host part of an endpoint URL: wildcards become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
