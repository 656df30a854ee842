import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectStore } from '../store/types.ts';
import type { EmulatorCredentials } from '../credentials.ts';
import type { FaultController } from '../faults.ts';

export type DialectName = 'cos' | 'bos' | 'oos' | 'nos';

/** Everything a dialect needs to answer one request. One context per dialect server; all four share the store, credentials and faults. */
export interface DialectContext {
  store: ObjectStore;
  /** Access keys the emulator accepts (OOS IAM can add and disable keys at run time). */
  credentials: EmulatorCredentials;
  faults: FaultController;
  /** Multipart minimum part size (all parts but the last). Clouds use 1 MiB / 5 MiB / 100 KiB; tests lower it. */
  minPartSize: number;
  /** Allowed clock skew in seconds for signature timestamps (default 900). */
  maxSkewSeconds: number;
  /** The clock; tests can move it. */
  now(): Date;
  /** A fresh request id in the vendor's shape. */
  requestId(): string;
  /** The domain suffixes that mean "bucket in the Host" (virtual-hosted style), e.g. `cos.local`. */
  virtualHostSuffixes: string[];
  /** Which dialect this context was made for (each dialect gets its own context over the shared store). */
  dialect?: DialectName;
  /**
   * The `minPartSize` the user asked for, absent when they did not: a dialect
   * whose cloud differs from the 1 MiB default of `minPartSize` uses
   * `ctx.minPartSizeOption ?? <its cloud's minimum>`.
   */
  minPartSizeOption?: number;
}

/** A dialect answers every request on its own port. It must never throw: unknown errors become 500s in the vendor's error format. */
export type DialectHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export type CreateDialect = (ctx: DialectContext) => DialectHandler;
