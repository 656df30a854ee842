/**
 * The one request pipeline every dialect runs. The steps, in this order for
 * all four dialects:
 *
 *   1. address   — the dialect reads bucket, key and query into its request state
 *   2. route     — the dialect names the operation (or throws its 405 / 501)
 *   3. authenticate — the dialect's signature check (or throws its 403)
 *   4. faults    — `faults.decide(dialect, operation)`: the latency is waited
 *                  out, an injected error is thrown as the dialect's error
 *   5. handle    — the dialect's operation handler
 *   6. render    — anything thrown becomes the dialect's error answer
 *
 * Faults come after the signature check so that a counted fault
 * (`errorCount: 1`) is spent on a request that would otherwise have been
 * served, not on one the emulator refuses anyway; no dialect injects faults
 * before authentication. Everything that does not differ by protocol lives
 * here: the request id, draining an unread body, the "connection already
 * gone" rule, clearing a half-built answer, HEAD answers without a body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from './common/ids.ts';
import { delay, type FaultDecision, InjectedResetError } from './faults.ts';
import type { DialectContext, DialectHandler, DialectName } from './dialects/types.ts';

/** An error as every dialect puts it on the wire: status, vendor code, message. */
export interface WireError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** One request and its answer, as the pipeline hands them to the dialect. */
export interface DialectExchange {
  ctx: DialectContext;
  req: IncomingMessage;
  res: ServerResponse;
  /** The request id in the vendor's shape, the same in headers and error bodies. */
  requestId: string;
  /** Upper-case method. */
  method: string;
}

/** What a dialect's error renderer gives back; the pipeline writes it (and drops the body for HEAD). */
export interface ErrorAnswer {
  contentType: string;
  body: string;
  /** Headers besides the ones every answer carries (e.g. `x-cos-trace-id`, `Content-Range`). */
  headers?: Record<string, string | number>;
}

/**
 * What differs by protocol. `State` is the dialect's own view of one request
 * (what its handlers receive); `Route` at least names the operation that fault
 * rules target; `Caller` is what the signature check proves (undefined for
 * anonymous requests, in every dialect but NOS, whose principal says so).
 */
export interface DialectHooks<State, Route extends { operation: string }, Caller, Failure extends WireError> {
  dialect: DialectName;
  /** Headers every answer carries, errors included: request id, `Server`, `Date`. Set first, set again for errors. */
  answerHeaders(ex: DialectExchange): void;
  /** Reads the address into the dialect's request state. Must not throw: error answers need it. */
  address(ex: DialectExchange): State;
  /** The operation the request asks for; throws the dialect's error when there is none. */
  route(state: State, ex: DialectExchange): Route;
  /** The signature check; throws the dialect's error when it fails. */
  authenticate(state: State, route: Route, ex: DialectExchange): Caller;
  /** Runs the operation (access checks that need the store included). */
  handle(state: State, route: Route, caller: Caller, decision: FaultDecision, ex: DialectExchange): Promise<void>;
  /** The dialect's answer to an injected fault (BOS, for one, has no `SlowDown`). */
  injected(fault: WireError): Failure;
  /** Any thrown value as the dialect's error: its own errors as they are, store races and body limits mapped, the rest InternalError. */
  toFailure(error: unknown): Failure;
  /** The error body. `state` is undefined only when `address` itself threw. */
  renderError(failure: Failure, ex: DialectExchange, state: State | undefined): ErrorAnswer;
}

/** Builds the request handler of one dialect from its hooks. It never throws. */
export function createPipeline<State, Route extends { operation: string }, Caller, Failure extends WireError>(
  ctx: DialectContext,
  hooks: DialectHooks<State, Route, Caller, Failure>,
): DialectHandler {
  return async (req, res) => {
    const ex: DialectExchange = { ctx, req, res, requestId: requestIdOf(ctx, hooks.dialect), method: (req.method ?? 'GET').toUpperCase() };
    let state: State | undefined;
    try {
      hooks.answerHeaders(ex);
      state = hooks.address(ex);
      const route = hooks.route(state, ex);
      const caller = hooks.authenticate(state, route, ex);
      const decision = ctx.faults.decide(hooks.dialect, route.operation);
      await delay(decision.latencyMs);
      if (decision.error) throw hooks.injected(decision.error);
      await hooks.handle(state, route, caller, decision, ex);
    } catch (error) {
      answerFailure(hooks, ex, state, error);
    }
  };
}

function answerFailure<State, Failure extends WireError>(
  hooks: Pick<DialectHooks<State, { operation: string }, unknown, Failure>, 'answerHeaders' | 'toFailure' | 'renderError'>,
  ex: DialectExchange,
  state: State | undefined,
  error: unknown,
): void {
  const { req, res } = ex;
  // An injected reset (or a client that went away) already cut the connection: nobody is left to answer.
  if (error instanceof InjectedResetError || req.socket?.destroyed === true) {
    if (!res.destroyed) res.destroy();
    return;
  }
  // Too late for a status: cut the connection so the client sees a broken body, not a short one.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const failure = hooks.toFailure(error);
  if (failure !== error && failure.status >= 500 && process.env['YUNSTORE_EMULATOR_DEBUG']) console.error(error);
  // Drain what the client is still sending so it reads the answer instead of a reset.
  if (!req.complete) req.resume();
  const answer = hooks.renderError(failure, ex, state);
  // A handler may have set success headers (ETag, Content-Length) before it failed: none of them belong to the error.
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  hooks.answerHeaders(ex);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.statusCode = failure.status;
  // HEAD answers carry the status and headers only; clients then report the bare status.
  const body = ex.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(answer.body, 'utf8');
  if (body.length > 0) res.setHeader('Content-Type', answer.contentType);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** A custom `requestId` that throws must not take the answer down with it. */
function requestIdOf(ctx: DialectContext, dialect: DialectName): string {
  try {
    return ctx.requestId();
  } catch {
    return newRequestId(dialect);
  }
}
