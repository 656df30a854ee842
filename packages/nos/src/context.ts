/**
 * One client's state: its transport, its request layer (`http`), the keys
 * presigned URLs sign with, and `max_retries`. Operations are plain
 * functions `(ctx, params)` that hand their own `NosCall` straight to
 * `ctx.http`: `send` (answer in the headers), `read` (a whole body), `parse`
 * (an XML answer) or `stream` (a body for the caller).
 *
 * `ctx.http` is core's `VendorHttp` of the default `Transport` (which awaits
 * the provider's keys, addresses, signs, sends, retries, bounds reads and
 * maps failures to `nos.exceptions`); a `transport_class` of the user's own
 * gets the same four calls over its `perform_request` (custom-transport.ts).
 */
import type { Readable } from 'node:stream';
import type { ReadOptions } from '@yunstore/core';
import type { NosCall } from './address.ts';
import { customTransportHttp } from './custom-transport.ts';
import { type NosTransport, Transport } from './transport.ts';

/** A successful answer: status and lower-case headers. */
export interface NosAnswer {
  status: number;
  headers: Record<string, string>;
}

/**
 * The request layer as operations use it: core's `VendorHttp<NosCall>`
 * satisfies it (the default path), and so does the `perform_request` path.
 * Every failure is a `nos.exceptions` class.
 */
export interface NosHttp {
  /** Sends and discards the (bounded) body, for answers that are all in the headers. */
  send(call: NosCall): Promise<NosAnswer>;
  /** Sends and reads the whole body up to a bound; `embeddedError`: a 200 may carry an `<Error>` (copy, move). */
  read(call: NosCall, options?: ReadOptions): Promise<NosAnswer & { body: Buffer }>;
  /** Sends and parses the (bounded) answer; an answer `parse` cannot read is `XmlParseError`. */
  parse<T>(call: NosCall, parse: (body: Buffer) => T, options?: ReadOptions): Promise<NosAnswer & { result: T }>;
  /** Sends and hands the body over as a stream that fails only with `nos.exceptions` classes. */
  stream(call: NosCall): Promise<NosAnswer & { body: Readable }>;
}

/** What every operation needs. */
export interface NosContext {
  /** The transport instance (built from `transport_class`). */
  transport: NosTransport;
  /** The request layer operations call directly. */
  readonly http: NosHttp;
  /** Keys and end point of the client, for presigned URLs (which are built here, not sent). */
  signing?: NosSigning;
  /** The client's `max_retries`: also how often a whole-body read resumes after a lost connection. */
  maxRetries?: number;
}

/** The client options a presigned URL depends on. */
export interface NosSigning {
  accessKeyId: string | null;
  accessKeySecret: string | null;
  endPoint: string;
  enableSsl: boolean;
}

/**
 * The default `Transport` itself, used through its layer directly; undefined
 * for a subclass that overrides `perform_request` (to watch or change
 * requests, as Python users subclass `nos.transport.Transport`) or any other
 * `transport_class`, which gets every request through `perform_request`.
 */
function defaultTransport(transport: NosTransport): Transport | undefined {
  return transport instanceof Transport && transport.perform_request === Transport.prototype.perform_request ? transport : undefined;
}

/**
 * A client's context over its transport (built once per client). `http` is
 * the one place the path is picked, on every request as it always was: a
 * `perform_request` patched onto the transport after the client was built
 * still sees every request. On the default path it is the layer itself.
 */
export function nosContext(transport: NosTransport, extras: Pick<NosContext, 'signing' | 'maxRetries'> = {}): NosContext {
  let custom: NosHttp | undefined;
  return {
    transport,
    ...extras,
    get http(): NosHttp {
      const layer = defaultTransport(transport)?.http;
      if (layer) return layer;
      custom ??= customTransportHttp(transport);
      return custom;
    },
  };
}

/** `x-nos-request-id`, '' when absent (Python's default for missing headers). */
export function requestIdOf(res: NosAnswer): string {
  return res.headers['x-nos-request-id'] ?? '';
}

/** ETags come back quoted; Python strips `"` and `'`. */
export function etagOf(res: NosAnswer): string {
  return (res.headers['etag'] ?? '').replace(/^["']+|["']+$/g, '');
}
