import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { encodeNosKey, nosCanonicalHeaders, nosCanonicalResource, nosSignature, nosStringToSign, parseNosDate } from '@yunstore/core/sign';
import type { DialectContext } from '../types.ts';
import type { AccessKey } from '../../credentials.ts';
import { NosError } from './errors.ts';
import type { NosTarget } from './target.ts';

/** Who sent the request: a verified key, or nobody (anonymous). */
export type NosPrincipal = { anonymous: true } | { anonymous: false; key: AccessKey };

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Canonical resources to try: the key exactly as the client put it on the
 * wire first (that is what every NOS SDK signs), then our own encoding of the
 * decoded key, for clients that escape a harmless character differently.
 */
function candidateResources(bucket: string, target: NosTarget): string[] {
  const raw = nosCanonicalResource(bucket, target.rawKey, target.queryPairs);
  const normal = nosCanonicalResource(bucket, encodeNosKey(target.key ?? ''), target.queryPairs);
  return raw === normal ? [raw] : [raw, normal];
}

/**
 * Verifies NOS authentication (protocol §5): the `Authorization: NOS ak:sig`
 * header with a Date within the allowed skew, or the query form
 * `NOSAccessKeyId/Expires/Signature` before its expiry. No credentials at all
 * is an anonymous request; the caller decides whether the bucket allows it.
 */
export function authenticateNos(req: IncomingMessage, target: NosTarget, ctx: DialectContext): NosPrincipal {
  const headers = flatHeaders(req);
  const authorization = headers['authorization'];
  const querySignature = target.query.get('Signature');
  if (authorization === undefined && querySignature === null) return { anonymous: true };
  const bucket = target.bucket ?? '';
  const method = req.method ?? 'GET';
  const contentMd5 = headers['content-md5'] ?? '';
  const contentType = headers['content-type'] ?? '';

  let accessKeyId: string;
  let signature: string;
  let dateSlot: string;
  let canonicalHeaders: string;
  if (authorization !== undefined) {
    const match = /^NOS ([^:\s]+):(\S+)$/.exec(authorization.trim());
    if (!match?.[1] || !match[2]) throw new NosError(403, 'AccessDenied', 'Authorization header is not in the "NOS <AccessKeyId>:<Signature>" form');
    accessKeyId = match[1];
    signature = match[2];
    dateSlot = headers['date'] ?? '';
    const when = parseNosDate(dateSlot);
    if (!when) throw new NosError(403, 'AccessDenied', 'The Date header is missing or not a date');
    if (Math.abs(when.getTime() - ctx.now().getTime()) > ctx.maxSkewSeconds * 1000) {
      throw new NosError(403, 'RequestTimeTooSkewed');
    }
    canonicalHeaders = nosCanonicalHeaders(headers);
  } else {
    accessKeyId = target.query.get('NOSAccessKeyId') ?? '';
    signature = querySignature ?? '';
    dateSlot = target.query.get('Expires') ?? '';
    const expires = Number(dateSlot);
    if (!accessKeyId || !/^\d+$/.test(dateSlot)) throw new NosError(403, 'AccessDenied', 'NOSAccessKeyId, Expires and Signature are all required');
    if (expires * 1000 < ctx.now().getTime()) throw new NosError(403, 'AccessDenied', 'Request has expired');
    const nosParams: Record<string, string> = {};
    for (const [name, value] of target.queryPairs) if (name.toLowerCase().startsWith('x-nos-')) nosParams[name] = value;
    canonicalHeaders = nosCanonicalHeaders({ ...nosParams, ...pickNosHeaders(headers) });
  }

  const key = ctx.credentials.lookup(accessKeyId);
  if (!key) throw new NosError(403, 'InvalidAccessKeyId');
  for (const canonicalResource of candidateResources(bucket, target)) {
    const expected = nosSignature(
      key.secretAccessKey,
      nosStringToSign({ method, contentMd5, contentType, date: dateSlot, canonicalHeaders, canonicalResource }),
    );
    if (sameSignature(expected, signature)) return { anonymous: false, key };
  }
  throw new NosError(403, 'SignatureDoesNotMatch');
}

function pickNosHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.startsWith('x-nos-')) out[name] = value;
  return out;
}
