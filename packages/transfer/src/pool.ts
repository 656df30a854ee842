/**
 * A bounded worker pool: N workers draw items from one (async) iterator, so
 * at most N items are in flight and the producer is pulled only when a worker
 * is free (which is what bounds memory for buffered stream parts). The first
 * failure aborts the others through a shared signal and is rethrown.
 */
import { setMaxListeners } from 'node:events';
import { ClientFailure, NetworkError, YunstoreError } from '@yunstore/core';

/** Runs `worker` over every item of `source`, at most `concurrency` at a time. */
export async function runPool<T>(
  source: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const controller = internalController();
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) throw abortError(signal);
  signal?.addEventListener('abort', onAbort, { once: true });

  const iterator = Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
  // Serialize next(): a plain iterator or a hand-written async one must never be pulled twice at once.
  let pulling: Promise<unknown> = Promise.resolve();
  let done = false;
  let failure: { error: unknown } | undefined;

  const next = (): Promise<IteratorResult<T>> => {
    const result = pulling.then(() => (done ? { done: true as const, value: undefined } : iterator.next()));
    pulling = result.catch(() => undefined);
    return result;
  };

  const fail = (error: unknown): void => {
    if (!failure) {
      failure = { error };
      controller.abort(error);
    }
  };

  const run = async (): Promise<void> => {
    while (!failure && !controller.signal.aborted) {
      let item: IteratorResult<T>;
      try {
        item = await next();
      } catch (error) {
        fail(error);
        return;
      }
      if (item.done) {
        done = true;
        return;
      }
      // Pulled while another worker failed: do not start work that would only be cancelled.
      if (failure || controller.signal.aborted) return;
      try {
        await worker(item.value, controller.signal);
      } catch (error) {
        fail(error);
        return;
      }
    }
  };

  try {
    const workers: Promise<void>[] = [];
    for (let i = 0; i < Math.max(1, concurrency); i++) workers.push(run());
    await Promise.all(workers);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!done) {
      // Let the producer release what it holds (file handles, the source stream) once its
      // pending pull settles; not awaited, so a stalled producer cannot delay the abort.
      void pulling.then(() => iterator.return?.()).catch(() => undefined);
    }
  }
  if (failure) {
    // A caller abort wins over the secondary errors it caused in the workers.
    if (signal?.aborted) throw abortError(signal);
    throw failure.error;
  }
  if (signal?.aborted) throw abortError(signal);
}

/** The error to throw for an aborted signal: its reason when that is an Error, else an AbortError. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(reason === undefined ? 'the operation was aborted' : String(reason));
  error.name = 'AbortError';
  return error;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * True when retrying the failed request might help: network errors, 5xx,
 * 408 and 429 (and errors without any status). A 4xx answer, an abort, an
 * error marked `retryable: false`, or a programming/argument error
 * (`TypeError`, `RangeError`: retrying cannot change the outcome) is final.
 */
export function isRetryableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const e = error as { name?: unknown; retryable?: unknown; status?: unknown; statusCode?: unknown; code?: unknown };
  if (e.name === 'AbortError' || e.code === 'ABORTED') return false;
  if (e.retryable === false) return false;
  if (e.retryable === true) return true;
  if (error instanceof TypeError || error instanceof RangeError) return false;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  // A core (or vendor) error with no status that is not about the network is a
  // local verdict — a bad argument, an unreplayable body — so retrying cannot help.
  if (status === undefined && YunstoreError.is(error) && !isNetworkFailure(error)) return false;
  if (status === undefined) return true;
  return status >= 500 || status === 408 || status === 429;
}

/** `ECONNRESET`, `ETIMEDOUT`, `TIMEOUT`, `UND_ERR_SOCKET`...: codes that mean the request never got an answer. */
const NETWORK_CODE = /^(E[A-Z]+|TIMEOUT|NetworkError|UND_ERR_[A-Z_]+)$/;

function isNetworkFailure(error: YunstoreError): boolean {
  // Core's request layer says what kind of failure it was; only network faults and timeouts are transient
  // (an abort, a bad argument, a TLS verification failure or an unreadable answer fail the same way again).
  const failure = [error, error.cause].find((e): e is ClientFailure => e instanceof ClientFailure);
  if (failure) return failure.transient;
  return error instanceof NetworkError || error.cause instanceof NetworkError || NETWORK_CODE.test(error.code);
}

export interface PartRetryOptions {
  /** Extra attempts after the first (default 2). */
  retries: number;
  /** Base delay between attempts in ms, doubled each time (default 100). */
  baseDelayMs: number;
  /** Overrides `isRetryableError`. */
  shouldRetry?: ((error: unknown) => boolean) | undefined;
}

/**
 * Runs one part's attempt function, retrying that part alone. This sits on
 * top of the transport's own retries: it covers failures the transport
 * cannot replay (a ranged GET that broke mid-body, a short read).
 */
export async function withPartRetry<T>(attempt: (attemptNumber: number) => Promise<T>, options: PartRetryOptions, signal: AbortSignal): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      const retryable = (options.shouldRetry ?? isRetryableError)(error);
      if (!retryable || n > options.retries) throw error;
      await sleep(options.baseDelayMs * 2 ** (n - 1), signal);
    }
  }
}

/**
 * Every in-flight request (up to the concurrency, plus retry waits) listens
 * to the engine's signal; Node would warn about a leak past 10 listeners, so
 * the engine's own signals allow any number (they are removed as requests end).
 */
function internalController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/**
 * An internal controller that follows the caller's signal, so the engine can
 * also abort on its own (a failed part, a throwing progress callback).
 * Call `dispose()` when the operation ends.
 */
export function linkedController(signal: AbortSignal | undefined): { controller: AbortController; dispose: () => void } {
  const controller = internalController();
  if (!signal) return { controller, dispose: () => undefined };
  const onAbort = (): void => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => signal.removeEventListener('abort', onAbort) };
}
