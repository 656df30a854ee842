/**
 * The emulator for the tests: `startEmulator()` on random ports, the NOS
 * endpoint, and small helpers over its fault and clock controls.
 */
import { startEmulator, type Emulator, type ObjectStore } from '@yunstore/emulator';
import { signNos } from '@yunstore/core/sign';

export const ACCESS_KEY_ID = 'AKIDyunstoreEMULATOR';
export const SECRET = 'yunstore-emulator-secret';

export interface NosTestServer {
  emulator: Emulator;
  /** `http://127.0.0.1:<port>` of the NOS dialect. */
  endpoint: string;
  /** host:port, for `end_point`. */
  hostPort: string;
  store: ObjectStore;
  /** The next `count` requests of `operation` answer `status` (500 or 503) with `code`. */
  failNext(operation: string, status: 500 | 503, code: string, count?: number): void;
  /** Moves the emulator clock by this many ms (0: real time). */
  skewClock(ms: number): void;
  stop(): Promise<void>;
}

export async function startNosServer(options: { minPartSize?: number } = {}): Promise<NosTestServer> {
  const emulator = await startEmulator({
    port: 0,
    credentials: [
      { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      { accessKeyId: 'AKIDotherOWNER', secretAccessKey: 'other-secret', owner: 'someone-else' },
    ],
    minPartSize: options.minPartSize ?? 16 * 1024,
  });
  const endpoint = emulator.endpoints.nos;
  return {
    emulator,
    endpoint,
    hostPort: endpoint.replace(/^http:\/\//, ''),
    store: emulator.store,
    failNext(operation, status, code, count = 1) {
      emulator.faults.add({ dialects: ['nos'], operations: [operation], errorCount: count, errorStatus: status, errorCode: code });
    },
    skewClock(ms) {
      emulator.setClock(ms === 0 ? undefined : () => new Date(Date.now() + ms));
    },
    stop: () => emulator.stop(),
  };
}

/** Creates a bucket through the dialect with a signed PUT (NOS bucket creation is outside the seed). */
export async function createBucket(server: NosTestServer, bucket: string, acl = 'private'): Promise<void> {
  const headers: Record<string, string> = { 'x-nos-acl': acl };
  const signed = signNos({ method: 'PUT', bucket, headers }, { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET }, new Date());
  const res = await fetch(`${server.endpoint}/${bucket}/`, { method: 'PUT', headers: { ...headers, ...signed.headers } });
  if (res.status !== 200) throw new Error(`create bucket ${bucket}: ${res.status} ${await res.text()}`);
}
