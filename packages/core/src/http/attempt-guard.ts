/**
 * One attempt's deadline and cancellation. undici is handed `signal`, but the
 * guard does not rely on undici honouring it: `race` settles the attempt
 * itself when the deadline passes or the caller aborts, whatever the
 * dispatcher does (a proxy that drops CONNECT keeps undici reconnecting
 * without ever settling the request — undici issue #3897).
 */
import type { Dispatcher } from 'undici';

export class AttemptGuard {
  readonly #controller = new AbortController();
  readonly #user: AbortSignal | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  #reject: ((reason: unknown) => void) | undefined;
  readonly #failed: Promise<never>;
  readonly #onUserAbort = (): void => this.#fail(this.#user?.reason);

  /** `deadlineMs` 0 or less: no deadline (the idle timeouts still apply). */
  constructor(user: AbortSignal | undefined, deadlineMs: number) {
    this.#user = user;
    this.#failed = new Promise<never>((_, reject) => {
      this.#reject = reject;
    });
    // Nobody may be racing when it fires (between steps); the rejection is read through `race`.
    this.#failed.catch(() => undefined);
    // The signal may have fired while the attempt was being prepared (loading undici, signing).
    if (user?.aborted) this.#fail(user.reason);
    else user?.addEventListener('abort', this.#onUserAbort, { once: true });
    if (deadlineMs > 0) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.#fail(new Error(`deadline of ${deadlineMs} ms passed`));
      }, deadlineMs);
    }
  }

  /** Handed to undici: aborted on deadline or by the caller. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  #fail(reason: unknown): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
    this.#reject?.(reason);
  }

  /**
   * Settles with `work` or with the guard's failure, whichever comes first.
   * A response that arrives after the guard failed is released, so its
   * socket does not stay busy.
   */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#failed]).catch((error: unknown) => {
      work.then(
        (late) => releaseLate(late),
        () => undefined,
      );
      throw error;
    });
  }

  /** The body is handed to the caller: the deadline stops, the caller's signal still cancels the request. */
  stopDeadline(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The attempt is over: nothing of it may fire any more. */
  dispose(): void {
    this.stopDeadline();
    this.#user?.removeEventListener('abort', this.#onUserAbort);
    this.#reject = undefined;
  }
}

function releaseLate(value: unknown): void {
  const body = (value as Partial<Dispatcher.ResponseData> | null)?.body;
  if (body && typeof body.destroy === 'function') {
    body.on('error', () => undefined);
    body.destroy();
  }
}
