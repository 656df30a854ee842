/**
 * The emulator for BOS tests: `startEmulator` on port 0 with the default key
 * plus a second owner, a small minimum part size, and a movable clock.
 */
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, startEmulator, type EmulatorFaults, type ObjectStore } from '@yunstore/emulator';

export interface TestEmulator {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  faults: EmulatorFaults;
  store: ObjectStore;
  /** Moves the emulator's clock by this many seconds. */
  shiftClock(seconds: number): void;
  stop(): Promise<void>;
}

export const SECOND_KEY = { accessKeyId: 'AKIDsecondOWNER00000', secretAccessKey: 'second-secret', owner: 'second-owner' };

export async function startBosEmulator(options: { minPartSize?: number } = {}): Promise<TestEmulator> {
  let offsetMs = 0;
  const emu = await startEmulator({
    port: 0,
    credentials: [{ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY }, SECOND_KEY],
    minPartSize: options.minPartSize ?? 1024,
  });
  return {
    endpoint: emu.endpoints.bos,
    accessKeyId: DEFAULT_ACCESS_KEY_ID,
    secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
    faults: emu.faults,
    store: emu.store,
    shiftClock(seconds) {
      offsetMs += seconds * 1000;
      emu.setClock(offsetMs === 0 ? undefined : () => new Date(Date.now() + offsetMs));
    },
    stop: () => emu.stop(),
  };
}
