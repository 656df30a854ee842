/**
 * One attempt's deadline and cancellation. undici is handed `signal`, but the
 * guard does not rely on undici honouring it: `race` settles the attempt
 * itself when the deadline passes or the caller aborts, whatever the
 * dispatcher does (a proxy that drops CONNECT keeps undici reconnecting
 * without ever settling the request — undici issue #3897).
 *
 * Every request builds one guard, so it is kept cheap: the signal handed to
 * undici is an EventEmitter (which undici accepts in place of an
 * AbortSignal), not an AbortController — creating one of those and
 * adding/removing an EventTarget listener costs more than the rest of the
 * guard together. An `AbortSignal` is made only when someone asks for it.
 */
import { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';

/** What undici reads of a signal: `aborted`, `reason`, and an `abort` event. */
class AttemptSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

export class AttemptGuard {
  readonly #signal = new AttemptSignal();
  #controller: AbortController | undefined;
  readonly #user: AbortSignal | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  #failure: { reason: unknown } | undefined;
  /** Rejecters of the races in flight (one at a time in practice). */
  readonly #racing = new Set<(reason: unknown) => void>();
  readonly #onUserAbort = (): void => this.#fail(this.#user?.reason);

  /** `deadlineMs` 0 or less: no deadline (the idle timeouts still apply). */
  constructor(user: AbortSignal | undefined, deadlineMs: number) {
    this.#user = user;
    // The signal may have fired while the attempt was being prepared (loading undici, signing).
    if (user?.aborted) this.#fail(user.reason);
    else user?.addEventListener('abort', this.#onUserAbort, { once: true });
    if (deadlineMs > 0 && this.#failure === undefined) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.#fail(new Error(`deadline of ${deadlineMs} ms passed`));
      }, deadlineMs);
    }
  }

  /** Handed to undici: aborts on deadline or by the caller. */
  get dispatchSignal(): EventEmitter {
    return this.#signal;
  }

  /** An `AbortSignal` aborted on deadline or by the caller, made on first use. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#failure) this.#controller.abort(this.#failure.reason);
    }
    return this.#controller.signal;
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  #fail(reason: unknown): void {
    this.#failure ??= { reason };
    this.#signal.abort(reason);
    if (this.#controller && !this.#controller.signal.aborted) this.#controller.abort(reason);
    for (const reject of this.#racing) reject(reason);
    this.#racing.clear();
  }

  /**
   * Settles with `work` or with the guard's failure, whichever comes first.
   * A response that arrives after the guard failed is released, so its
   * socket does not stay busy.
   */
  race<T>(work: Promise<T>): Promise<T> {
    const failure = this.#failure;
    if (failure) {
      work.then(releaseLate, ignore);
      return Promise.reject(failure.reason);
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onFail = (reason: unknown): void => {
        settled = true;
        reject(reason);
      };
      this.#racing.add(onFail);
      work.then(
        (value) => {
          this.#racing.delete(onFail);
          if (settled) releaseLate(value);
          else resolve(value);
        },
        (error: unknown) => {
          this.#racing.delete(onFail);
          if (!settled) reject(error);
        },
      );
    });
  }

  /** The body is handed to the caller: the deadline stops, the caller's signal still cancels the request. */
  stopDeadline(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The attempt is over: nothing of it may fire any more. */
  dispose(): void {
    this.stopDeadline();
    this.#user?.removeEventListener('abort', this.#onUserAbort);
    this.#racing.clear();
  }
}

function ignore(): void {
  // The attempt already failed; what the late work does is nobody's concern.
}

function releaseLate(value: unknown): void {
  const body = (value as Partial<Dispatcher.ResponseData> | null)?.body;
  if (body && typeof body.destroy === 'function') {
    body.on('error', ignore);
    body.destroy();
  }
}
