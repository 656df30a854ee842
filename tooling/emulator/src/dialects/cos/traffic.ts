/**
 * `x-cos-traffic-limit` (protocol §9.5): a per-request bandwidth cap in bit/s,
 * 819200..838860800, as a header or (presigned URLs) a query parameter. It is
 * applied through the fault controller's throttle, merged with any injected
 * bandwidth fault (the lower cap wins).
 */
import type { Transform } from 'node:stream';
import type { FaultDecision } from '../../faults.ts';
import { cosErrors } from './errors.ts';
import { header, param, type CosExchange } from './exchange.ts';

export const MIN_TRAFFIC_LIMIT = 819_200;
export const MAX_TRAFFIC_LIMIT = 838_860_800;

/** The cap in bytes per second, or undefined when the request sets none. */
export function trafficLimitBytesPerSecond(ex: CosExchange): number | undefined {
  const value = header(ex, 'x-cos-traffic-limit') ?? param(ex, 'x-cos-traffic-limit');
  if (value === undefined) return undefined;
  const bits = Number(value);
  if (!Number.isInteger(bits) || bits < MIN_TRAFFIC_LIMIT || bits > MAX_TRAFFIC_LIMIT) {
    throw cosErrors.invalidArgument(`x-cos-traffic-limit must be an integer between ${MIN_TRAFFIC_LIMIT} and ${MAX_TRAFFIC_LIMIT} (bit/s)`);
  }
  return bits / 8;
}

/** A throttle for one body of this request: the fault decision with the traffic limit folded in. */
export function bodyThrottle(ex: CosExchange, decision: FaultDecision, limit: number | undefined, target: 'request' | 'response'): Transform {
  // The target lets an injected reset be a real TCP reset of this connection.
  const socket = { socket: (target === 'request' ? ex.req.socket : ex.res.socket) ?? null };
  if (limit === undefined) return ex.ctx.faults.throttle(decision, socket);
  const merged: FaultDecision = { ...decision, bytesPerSecond: Math.min(limit, decision.bytesPerSecond ?? Infinity) };
  return ex.ctx.faults.throttle(merged, socket);
}
