/**
 * Test harness for the COS dialect: `startEmulator` on port 0 with a few
 * COS keys and a movable clock, plus a signing request helper built on
 * core's COS signer.
 */
import { request as httpRequest } from 'node:http';
import { encodeKeyPath } from '@yunstore/core';
import { signCos, presignCos } from '@yunstore/core/sign';
import { startEmulator, type Emulator } from '../src/index.ts';

export const AK = 'AKIDyunstoreEMULATOR';
export const SK = 'yunstore-emulator-secret';
export const OTHER_AK = 'AKIDotherOWNER';
export const OTHER_SK = 'other-secret';
export const TMP_AK = 'AKIDtemporaryKEY';
export const TMP_SK = 'temporary-secret';
export const TMP_TOKEN = 'sts-token/with+odd=chars';
export const SUFFIX = 'cos.localhost';

export interface CosServer {
  endpoint: string;
  port: number;
  emulator: Emulator;
  /** The emulator clock. */
  now(): Date;
  /** Moves the emulator clock by `ms` (can be negative). */
  advance(ms: number): void;
  /** Makes the next `op` fail with this status and code (through the emulator's fault rules). */
  failNext(op: string, error: { status: 500 | 503; code: string }): void;
  close(): Promise<void>;
}

/** The emulator (all dialects, memory store) with three COS keys: two accounts and a temporary key. */
export async function startCosServer(options: { minPartSize?: number } = {}): Promise<CosServer> {
  let offset = 0;
  const emulator = await startEmulator({
    credentials: [
      { accessKeyId: AK, secretAccessKey: SK, owner: '100000000001' },
      { accessKeyId: OTHER_AK, secretAccessKey: OTHER_SK, owner: '100000000002' },
      { accessKeyId: TMP_AK, secretAccessKey: TMP_SK, owner: '100000000001', sessionToken: TMP_TOKEN },
    ],
    minPartSize: options.minPartSize ?? 1024,
  });
  return {
    endpoint: emulator.endpoints.cos,
    port: emulator.ports.cos,
    emulator,
    now: () => emulator.now(),
    advance: (ms) => {
      offset += ms;
      const shift = offset;
      emulator.setClock(shift === 0 ? undefined : () => new Date(Date.now() + shift));
    },
    failNext: (op, error) => {
      emulator.faults.add({ dialects: ['cos'], operations: [op], errorCount: 1, errorStatus: error.status, errorCode: error.code });
    },
    close: () => emulator.stop(),
  };
}

export interface CosCall {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  bucket?: string;
  key?: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Credentials; `null` for an anonymous request. Default: the main key. */
  creds?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
  /** Sign for this clock instead of now. */
  signAt?: Date;
  /** Path-style addressing instead of `Host: <bucket>.cos.localhost`. */
  pathStyle?: boolean;
}

export interface CosReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

function queryString(query: Array<[string, string]>): string {
  return query.map(([n, v]) => (v === '' ? encodeRfc(n) : `${encodeRfc(n)}=${encodeRfc(v)}`)).join('&');
}
function encodeRfc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The wire path and Host of a call. */
export function addressOf(server: CosServer, call: Pick<CosCall, 'bucket' | 'key' | 'pathStyle'>): { path: string; host: string } {
  const key = call.key === undefined ? '' : encodeKeyPath(call.key);
  if (!call.bucket) return { path: '/', host: `127.0.0.1:${server.port}` };
  if (call.pathStyle) return { path: `/${call.bucket}/${key}`, host: `127.0.0.1:${server.port}` };
  return { path: `/${key}`, host: `${call.bucket}.${SUFFIX}:${server.port}` };
}

/** A signed (or anonymous) request through undici. */
export async function cos(server: CosServer, call: CosCall): Promise<CosReply> {
  const { path, host } = addressOf(server, call);
  const query = call.query ?? [];
  const headers: Record<string, string> = { Host: host, ...(call.headers ?? {}) };
  if (call.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(call.body));
  const creds = call.creds === undefined ? { accessKeyId: AK, secretAccessKey: SK } : call.creds;
  if (creds) {
    const signed = signCos({ method: call.method, origin: server.endpoint, path, query, headers }, creds, { now: call.signAt ?? server.now() });
    Object.assign(headers, signed.headers);
  }
  const qs = query.length ? `?${queryString(query)}` : '';
  return send(`${server.endpoint}${path}${qs}`, { method: call.method, headers, ...(call.body !== undefined ? { body: call.body } : {}) });
}

/** A plain HTTP exchange (node:http lets tests set Host freely). */
export function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<CosReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(',') : v;
        resolve({ status: res.statusCode ?? 0, headers: flat, body, text: body.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A presigned URL (query authorization) for the emulator. */
export function presign(
  server: CosServer,
  call: Pick<CosCall, 'method' | 'bucket' | 'key' | 'query' | 'creds'> & { expires: number },
): { url: string; host: string } {
  const { path, host } = addressOf(server, call);
  const creds = call.creds ?? { accessKeyId: AK, secretAccessKey: SK };
  const p = presignCos({ method: call.method, origin: server.endpoint, path, query: call.query ?? [], headers: { host } }, creds, {
    now: server.now(),
    expiresSeconds: call.expires,
  });
  return { url: p.url, host };
}

/** The text of one XML element (first occurrence). */
export function xmlText(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

/** All texts of an element. */
export function xmlTexts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}
