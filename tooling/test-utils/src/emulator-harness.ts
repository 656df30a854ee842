/** The emulator as every package's tests start it: port 0, small parts, the default key, buckets created up front. */
import { startEmulator, type Emulator, type EmulatorOptions } from '@yunstore/emulator';

export const EMULATOR_ACCESS_KEY_ID = 'AKIDyunstoreEMULATOR';
export const EMULATOR_SECRET_ACCESS_KEY = 'yunstore-emulator-secret';

/** Starts an emulator with `minPartSize` 1024 so multipart paths run with small files. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    port: 0,
    minPartSize: 1024,
    credentials: [{ accessKeyId: EMULATOR_ACCESS_KEY_ID, secretAccessKey: EMULATOR_SECRET_ACCESS_KEY }],
    ...options,
  });
}
