/**
 * Catches what would otherwise kill the process: an error event without a
 * listener or a rejected promise nobody awaits. A test that checks `errors`
 * after its case proves the SDK raised nothing uncatchable.
 */
export interface UncaughtWatch {
  readonly errors: unknown[];
  /** Waits for stragglers (timers, socket teardown), then stops listening. */
  stop(settleMs?: number): Promise<unknown[]>;
}

export function watchUncaught(): UncaughtWatch {
  const errors: unknown[] = [];
  const onError = (error: unknown): void => {
    errors.push(error);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    errors,
    async stop(settleMs = 100) {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
      return errors;
    },
  };
}
