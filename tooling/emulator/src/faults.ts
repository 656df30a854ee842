import type { Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import type { DialectName } from './dialects/types.ts';

/**
 * Fault injection contract. The request pipeline (`pipeline.ts`) calls
 * `decide()` after routing and the signature check (so faults can target one
 * operation) and answers with the vendor's own error body when it returns an
 * error; dialects pass response and request bodies through
 * `throttle()` so latency, bandwidth caps and mid-body resets apply.
 */
export interface FaultDecision {
  /** Answer with this status and vendor code instead of doing the work (500 InternalError, 503 SlowDown/ServiceUnavailable). */
  error?: { status: number; code: string; message: string };
  /** Milliseconds to wait before answering. */
  latencyMs: number;
  /** Destroy the socket after this many response-body bytes. */
  resetAfterBytes?: number;
  /** Cap in bytes per second for this request's body (either direction). */
  bytesPerSecond?: number;
}

export interface FaultController {
  /** `operation` is the dialect's operation name, e.g. 'put_object', 'upload_part', 'get_object'. */
  decide(dialect: DialectName, operation: string): FaultDecision;
  /**
   * A pass-through stream applying the decision's bandwidth cap and reset (identity when none).
   * Give the request or response as `target` so an injected reset is a real TCP reset
   * (`socket.resetAndDestroy()`); the stream errors with `InjectedResetError` either way.
   */
  throttle(decision: FaultDecision, target?: { socket: Socket | null }): Transform;
}

/**
 * One fault rule. A request matches when its dialect and operation are listed
 * (or the lists are absent); each effect then applies as described. Several
 * rules may match: the first firing error wins, latencies add up, the lowest
 * bandwidth cap and reset count win.
 *
 * @example { operations: ['upload_part'], errorRate: 0.2, errorStatus: 503 }
 * @example { errorCount: 2 }                       // the next two requests fail with 503 SlowDown
 * @example { operations: ['get_object'], resetAfterBytes: 65536, resetCount: 1 }
 */
export interface FaultRule {
  /** Only these dialects; default all. */
  dialects?: DialectName[];
  /** Only these operations (the dialect's names: 'put_object', 'upload_part', 'get_object'...); default all. */
  operations?: string[];
  /** Probability 0..1 that a matching request is answered with an error instead of being served. */
  errorRate?: number;
  /** Answer the next N matching requests with an error, then stop (combines with errorRate: either fires). */
  errorCount?: number;
  /** 500 or 503 (default 503). */
  errorStatus?: 500 | 503;
  /** Default: 'InternalError' for 500, 'SlowDown' for 503 (or e.g. 'ServiceUnavailable'). */
  errorCode?: string;
  /** Destroy the connection after this many body bytes. */
  resetAfterBytes?: number;
  /** Probability 0..1 that the reset applies to a matching request (default: every one, unless resetCount is set). */
  resetRate?: number;
  /** Apply the reset to the next N matching requests only. */
  resetCount?: number;
  /** Added delay before answering, in milliseconds. */
  latencyMs?: number;
  /** Body bandwidth cap in bytes per second, each direction. */
  bytesPerSecond?: number;
}

export interface FaultConfig {
  rules?: FaultRule[];
  /** The random source for rates; tests pass a seeded or fixed one. Default Math.random. */
  random?: () => number;
}

/** Counts of faults injected so far (tests assert them). */
export interface FaultStats {
  errors: number;
  resets: number;
  delayed: number;
  throttled: number;
}

/** The FaultController dialects use, plus run-time control for tests and the CLI. */
export interface EmulatorFaults extends FaultController {
  /** Replaces all rules (one rule or a list). */
  set(rules: FaultRule | FaultRule[]): void;
  /** Adds a rule after the current ones. */
  add(rule: FaultRule): void;
  /** Removes every rule; requests are served normally again. */
  clear(): void;
  /** The current rules, with counts as they are now. */
  rules(): FaultRule[];
  stats(): FaultStats;
  /** Replaces the random source. */
  setRandom(random: () => number): void;
}

const defaultCodes: Record<number, string> = { 500: 'InternalError', 503: 'SlowDown' };
const messages: Record<string, string> = {
  InternalError: 'We encountered an internal error. Please try again.',
  SlowDown: 'Please reduce your request rate.',
  ServiceUnavailable: 'Service is unavailable. Please try again.',
};

/** Validates a rule early, so a bad CLI flag or test setting fails loudly instead of never firing. */
function checkRule(rule: FaultRule): FaultRule {
  const prob = (name: 'errorRate' | 'resetRate') => {
    const v = rule[name];
    if (v !== undefined && !(v >= 0 && v <= 1)) throw new RangeError(`faults: ${name} must be between 0 and 1, got ${v}`);
  };
  const count = (name: 'errorCount' | 'resetCount' | 'resetAfterBytes' | 'latencyMs') => {
    const v = rule[name];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new RangeError(`faults: ${name} must be a non-negative integer, got ${v}`);
  };
  prob('errorRate');
  prob('resetRate');
  count('errorCount');
  count('resetCount');
  count('resetAfterBytes');
  count('latencyMs');
  if (rule.bytesPerSecond !== undefined && !(rule.bytesPerSecond > 0))
    throw new RangeError(`faults: bytesPerSecond must be positive, got ${rule.bytesPerSecond}`);
  if (rule.errorStatus !== undefined && rule.errorStatus !== 500 && rule.errorStatus !== 503)
    throw new RangeError(`faults: errorStatus must be 500 or 503, got ${String(rule.errorStatus)}`);
  return { ...rule };
}

/** Creates the fault controller; with no rules every decision is "serve normally". */
export function createFaults(config: FaultConfig = {}): EmulatorFaults {
  let rules = (config.rules ?? []).map(checkRule);
  let random = config.random ?? Math.random;
  const stats: FaultStats = { errors: 0, resets: 0, delayed: 0, throttled: 0 };

  const fires = (rate: number | undefined, rule: FaultRule, countName: 'errorCount' | 'resetCount', always: boolean): boolean => {
    const left = rule[countName];
    if (left !== undefined && left > 0) {
      rule[countName] = left - 1;
      return true;
    }
    if (rate !== undefined) return random() < rate;
    return always;
  };

  return {
    decide(dialect, operation) {
      const decision: FaultDecision = { latencyMs: 0 };
      for (const rule of rules) {
        if (rule.dialects && !rule.dialects.includes(dialect)) continue;
        if (rule.operations && !rule.operations.includes(operation)) continue;
        if (!decision.error && (rule.errorRate !== undefined || rule.errorCount !== undefined) && fires(rule.errorRate, rule, 'errorCount', false)) {
          const status = rule.errorStatus ?? 503;
          const code = rule.errorCode ?? defaultCodes[status] ?? 'InternalError';
          decision.error = { status, code, message: messages[code] ?? 'Injected fault.' };
        }
        if (rule.resetAfterBytes !== undefined && fires(rule.resetRate, rule, 'resetCount', rule.resetCount === undefined)) {
          decision.resetAfterBytes = Math.min(decision.resetAfterBytes ?? Infinity, rule.resetAfterBytes);
        }
        if (rule.latencyMs) decision.latencyMs += rule.latencyMs;
        if (rule.bytesPerSecond !== undefined) decision.bytesPerSecond = Math.min(decision.bytesPerSecond ?? Infinity, rule.bytesPerSecond);
      }
      if (decision.error) stats.errors++;
      if (decision.latencyMs > 0) stats.delayed++;
      return decision;
    },
    throttle(decision, target) {
      if (decision.bytesPerSecond !== undefined) stats.throttled++;
      return new ThrottleStream(decision, async () => {
        stats.resets++;
        // Let the allowed bytes leave before the reset, so the client gets exactly that many.
        await delay(20);
        const socket = target?.socket;
        if (socket && !socket.destroyed) socket.resetAndDestroy();
      });
    },
    set(next) {
      rules = (Array.isArray(next) ? next : [next]).map(checkRule);
    },
    add(rule) {
      rules.push(checkRule(rule));
    },
    clear() {
      rules = [];
    },
    rules() {
      return rules.map((r) => ({ ...r }));
    },
    stats() {
      return { ...stats };
    },
    setRandom(next) {
      random = next;
    },
  };
}

/** Waits `ms` milliseconds (the decision's latency). */
export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Thrown through a throttled stream when the injected reset fires. */
export class InjectedResetError extends Error {
  override name = 'InjectedResetError';
  readonly code = 'ECONNRESET';
}

/**
 * Passes bytes through, at most `bytesPerSecond` (measured from the first
 * byte, so short bursts are not punished twice), and errors with
 * `InjectedResetError` after `resetAfterBytes` bytes. Piped into a response
 * with `pipeline`, that error destroys the socket: the client sees a reset.
 */
class ThrottleStream extends Transform {
  #passed = 0;
  #started = 0;

  constructor(
    private readonly decision: FaultDecision,
    private readonly onReset: () => Promise<void>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    void this.#pass(chunk).then(() => done(), done);
  }

  async #pass(chunk: Buffer): Promise<void> {
    const { bytesPerSecond, resetAfterBytes } = this.decision;
    const rest = chunk;
    if (resetAfterBytes !== undefined && this.#passed + rest.length >= resetAfterBytes) {
      const allowed = resetAfterBytes - this.#passed;
      if (allowed > 0) await this.#emit(rest.subarray(0, allowed), bytesPerSecond);
      await this.onReset();
      throw new InjectedResetError(`injected connection reset after ${resetAfterBytes} bytes`);
    }
    await this.#emit(rest, bytesPerSecond);
  }

  async #emit(chunk: Buffer, bytesPerSecond: number | undefined): Promise<void> {
    if (bytesPerSecond === undefined) {
      this.#passed += chunk.length;
      this.push(chunk);
      return;
    }
    if (this.#started === 0) this.#started = Date.now();
    // Slices of a tenth of a second keep the rate smooth for big chunks.
    const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
    for (let at = 0; at < chunk.length; at += slice) {
      const piece = chunk.subarray(at, at + slice);
      this.#passed += piece.length;
      const due = this.#started + (this.#passed / bytesPerSecond) * 1000;
      await delay(due - Date.now());
      this.push(piece);
    }
  }
}
