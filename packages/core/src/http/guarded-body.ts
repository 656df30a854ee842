/**
 * The body stream handed to callers (`get_object`'s Body). It forwards the
 * socket's bytes with backpressure and guarantees three things undici's own
 * stream does not:
 * - every error it emits is already the vendor's exception (`mapError`);
 * - a caller that destroys it unread (`close()`, `destroy()`) releases the
 *   connection quietly, never an uncaught error;
 * - a server that trickles (bytes arriving, but slower than `minBytesPerSecond`
 *   while the caller is waiting for them) fails with a timeout: the idle
 *   timeout alone resets on every byte and would wait forever.
 */
import { Readable } from 'node:stream';

export interface GuardedBodyOptions {
  /** Turns a source error into the vendor's exception; `timedOut` when the low-speed guard fired. */
  mapError: (error: unknown, timedOut: boolean) => Error;
  /** Slowest acceptable rate while the caller waits. 0 disables the guard. */
  minBytesPerSecond: number;
  /** Milliseconds of waiting over which the rate is measured. */
  windowMs: number;
  /** Called once when the body ends, fails or is destroyed. */
  onSettled?: () => void;
}

function ignore(): void {
  // A destroyed source may still report its teardown; nobody reads it.
}

export class GuardedBody extends Readable {
  readonly #source: Readable;
  readonly #options: GuardedBodyOptions;
  #waitingSince: number | undefined;
  #waitedMs = 0;
  #windowBytes = 0;
  #settled = false;

  constructor(source: Readable, options: GuardedBodyOptions) {
    super({ highWaterMark: 64 * 1024 });
    this.#source = source;
    this.#options = options;
    source.on('data', (chunk: Buffer) => this.#onData(chunk));
    source.once('end', () => {
      this.push(null);
      this.#settle();
    });
    source.on('error', (error: unknown) => this.destroy(options.mapError(error, false)));
    source.pause();
  }

  override _read(): void {
    this.#waitingSince ??= Date.now();
    this.#source.resume();
  }

  #onData(chunk: Buffer): void {
    if (this.destroyed) return;
    this.#measure(chunk.length);
    if (this.destroyed) return;
    if (!this.push(chunk)) {
      this.#source.pause();
      this.#waitingSince = undefined;
    } else {
      this.#waitingSince = Date.now();
    }
  }

  #measure(bytes: number): void {
    const { minBytesPerSecond, windowMs } = this.#options;
    if (minBytesPerSecond <= 0 || this.#waitingSince === undefined) return;
    this.#waitedMs += Date.now() - this.#waitingSince;
    this.#windowBytes += bytes;
    if (this.#waitedMs < windowMs) return;
    const rate = (this.#windowBytes * 1000) / this.#waitedMs;
    this.#waitedMs = 0;
    this.#windowBytes = 0;
    if (rate < minBytesPerSecond) {
      const error = new Error(`the body arrives at ${rate.toFixed(1)} bytes/s, below the ${minBytesPerSecond} bytes/s this call accepts`);
      this.destroy(this.#options.mapError(Object.assign(error, { code: 'TIMEOUT' }), true));
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.#source.destroyed) {
      this.#source.on('error', ignore);
      this.#source.destroy();
    }
    this.#settle();
    callback(error);
  }

  #settle(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#options.onSettled?.();
  }
}
