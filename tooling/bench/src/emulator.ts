import { importOurs } from './load.ts';
import type { Endpoint, Vendor } from './clients/types.ts';

export interface BenchEmulator {
  endpoint(vendor: Vendor): Endpoint;
  stop(): Promise<void>;
}

/** The emulator's default key (tooling/emulator/src/credentials.ts). */
const KEY = { accessKeyId: 'AKIDyunstoreEMULATOR', secretAccessKey: 'yunstore-emulator-secret' };

/**
 * Starts the emulator in this process on a free port. The discard store
 * hashes bodies and forgets them (reads return zeros), so a 1 GiB run costs
 * no memory and no disk on the server side.
 */
export async function startBenchEmulator(store: 'discard' | 'memory' = 'discard'): Promise<BenchEmulator> {
  const mod = await importOurs('@yunstore/emulator');
  if (!mod.ok) throw new Error(mod.reason);
  const start = mod.value['startEmulator'];
  if (typeof start !== 'function') throw new Error('@yunstore/emulator does not export startEmulator yet');
  const emu = (await (start as (o: object) => Promise<unknown>)({ port: 0, store })) as {
    endpoints: Record<Vendor, string>;
    stop(): Promise<void>;
  };
  return { endpoint: (vendor) => ({ endpoint: emu.endpoints[vendor], ...KEY }), stop: () => emu.stop() };
}
