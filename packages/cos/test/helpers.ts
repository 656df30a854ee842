import { startEmulator, type Emulator } from '@yunstore/emulator';
import { CosS3Client, type CosConfigOptions } from '../src/index.ts';

export const SECRET_ID = 'AKIDyunstoreEMULATOR';
export const SECRET_KEY = 'yunstore-emulator-secret';

/** A temporary (STS) key the harness emulator accepts only with its token. */
export const TMP_ID = 'AKIDyunstoreTEMPORARY';
export const TMP_KEY = 'yunstore-temporary-secret';
export const TMP_TOKEN = 'sts-token-for/the+emulator=';

export interface Harness {
  emu: Emulator;
  /** Path-style client: `Endpoint: '127.0.0.1:<port>'`. */
  client: CosS3Client;
  /** Virtual-hosted client: `IP=127.0.0.1, Port=<port>`, Host `<bucket>.cos.ap-guangzhou.myqcloud.com`. */
  ipClient: CosS3Client;
  port: number;
  options(extra?: Partial<CosConfigOptions>): CosConfigOptions;
}

export async function startHarness(): Promise<Harness> {
  const emu = await startEmulator({
    port: 0,
    minPartSize: 1024,
    credentials: [
      { accessKeyId: SECRET_ID, secretAccessKey: SECRET_KEY },
      { accessKeyId: TMP_ID, secretAccessKey: TMP_KEY, sessionToken: TMP_TOKEN },
    ],
  });
  const port = emu.ports.cos;
  const options = (extra: Partial<CosConfigOptions> = {}): CosConfigOptions => ({
    Region: 'ap-guangzhou',
    SecretId: SECRET_ID,
    SecretKey: SECRET_KEY,
    Scheme: 'http',
    Endpoint: `127.0.0.1:${port}`,
    Retry: 0,
    ...extra,
  });
  const client = new CosS3Client(options());
  const ipClient = new CosS3Client({
    Region: 'ap-guangzhou',
    SecretId: SECRET_ID,
    SecretKey: SECRET_KEY,
    Scheme: 'http',
    IP: '127.0.0.1',
    Port: port,
    Retry: 0,
  });
  return { emu, client, ipClient, port, options };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  await h.client.close();
  await h.ipClient.close();
  await h.emu.stop();
}

/** Calls `fn` expecting a rejection and returns the error. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
