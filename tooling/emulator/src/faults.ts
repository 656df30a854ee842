import type { Transform } from 'node:stream';
import type { DialectName } from './dialects/types.ts';

/**
 * Fault injection contract. Dialects call `decide()` after routing a request
 * (so faults can target one operation) and answer with the vendor's own error
 * body when it returns an error; they pass response and request bodies through
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
  /** A pass-through stream applying the decision's bandwidth cap and reset (identity when none). */
  throttle(decision: FaultDecision): Transform;
}
