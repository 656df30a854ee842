/**
 * What every OOS operation handler receives, and the checks they share
 * (bucket lookup with ACL-based access, small XML bodies, Content-MD5).
 */
import type { IncomingMessage } from 'node:http';
import { md5Base64, parseXml, type XmlObject } from '@yunstore/core';
import { BodyTooLargeError, readBody, type Target } from '../../common/http.ts';
import type { FaultDecision } from '../../faults.ts';
import type { BucketRecord } from '../../store/types.ts';
import type { DialectContext } from '../types.ts';
import type { Caller } from './auth.ts';
import { errors, OosError } from './errors.ts';
import type { Reply } from './respond.ts';

export interface Op {
  ctx: DialectContext;
  req: IncomingMessage;
  target: Target;
  reply: Reply;
  /** Undefined for anonymous requests. */
  caller: Caller | undefined;
  fault: FaultDecision;
  /** Lower-case request headers, repeated ones joined with `,`. */
  headers: Record<string, string>;
}

export type OpHandler = (op: Op) => Promise<void>;

/** The bucket name, which routing guarantees for bucket and object operations. */
export function bucketName(op: Op): string {
  if (op.target.bucket === undefined) throw errors.methodNotAllowed();
  return op.target.bucket;
}

export function objectKey(op: Op): string {
  if (op.target.key === undefined) throw errors.methodNotAllowed();
  return op.target.key;
}

/** The owner id requests act as; anonymous callers have none. */
export function callerOwner(op: Op): string | undefined {
  return op.caller?.key.owner;
}

/**
 * Loads the bucket and checks access: the owner may do anything; others may
 * read a public-read(-write) bucket and write a public-read-write one.
 * Configuration calls pass `'owner'`.
 */
export async function requireBucket(op: Op, access: 'read' | 'write' | 'owner'): Promise<BucketRecord> {
  const bucket = await op.ctx.store.getBucket(bucketName(op));
  if (!bucket) throw errors.noSuchBucket();
  const owner = callerOwner(op);
  if (owner !== undefined && owner === bucket.owner) return bucket;
  if (access === 'read' && (bucket.acl === 'public-read' || bucket.acl === 'public-read-write')) return bucket;
  if (access === 'write' && bucket.acl === 'public-read-write') return bucket;
  throw errors.accessDenied();
}

/** Refuses anonymous callers (bucket creation, listing buckets, IAM). */
export function requireCaller(op: Op): Caller {
  if (!op.caller) throw errors.accessDenied('Anonymous access is forbidden for this operation');
  return op.caller;
}

const SMALL_BODY_LIMIT = 1024 * 1024;

/** Reads a configuration body (≤ 1 MiB), checking Content-MD5 when it is sent. */
export async function readSmallBody(op: Op): Promise<Buffer> {
  let body: Buffer;
  try {
    body = await readBody(op.req, SMALL_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new OosError(400, 'MaxMessageLengthExceeded', 'Your request was too big.');
    throw error;
  }
  const md5 = op.headers['content-md5'];
  if (md5 !== undefined) {
    if (expectedMd5Hex(md5) === undefined) throw errors.invalidDigest();
    if (md5Base64(body) !== md5.trim()) throw errors.badDigest();
  }
  return body;
}

/** Parses an XML request body; MalformedXML when it is not XML or lacks `root`. */
export function parseBodyXml(body: Buffer, root: string, arrays: string[] = []): XmlObject {
  let parsed: XmlObject;
  try {
    parsed = parseXml(body, { arrays });
  } catch {
    throw errors.malformedXml();
  }
  const top = parsed[root];
  if (top === undefined) throw errors.malformedXml();
  return typeof top === 'object' && !Array.isArray(top) ? top : {};
}

/** A base64 Content-MD5 as hex, or undefined when it is not 16 bytes of base64. */
export function expectedMd5Hex(contentMd5: string): string | undefined {
  const text = contentMd5.trim();
  if (!/^[A-Za-z0-9+/]{22}==$/.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('hex');
}

/** `x-amz-meta-*` headers → metadata map without the prefix. */
export function userMeta(headers: Record<string, string>): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-')) meta[name.slice('x-amz-meta-'.length)] = value;
  }
  return meta;
}

/** The stored system headers S3 keeps with an object. */
export const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'] as const;

export function systemHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export const CANNED_ACLS = new Set(['private', 'public-read', 'public-read-write']);

/** Validates `x-amz-acl`; undefined when absent. */
export function cannedAcl(headers: Record<string, string>): string | undefined {
  const acl = headers['x-amz-acl'];
  if (acl === undefined) return undefined;
  if (!CANNED_ACLS.has(acl)) throw errors.invalidArgument(`Invalid canned ACL: ${acl}`);
  return acl;
}

export const STORAGE_CLASSES = new Set(['STANDARD', 'STANDARD_IA', 'REDUCED_REDUNDANCY']);

export function storageClass(headers: Record<string, string>): string {
  const value = headers['x-amz-storage-class'] ?? 'STANDARD';
  if (!STORAGE_CLASSES.has(value)) throw new OosError(400, 'InvalidStorageClass', 'The storage class you specified is not valid');
  return value;
}

/** Text of a child element of a parsed XML object ('' when absent). */
export function text(node: unknown, name: string): string {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return '';
  const v = (node as XmlObject)[name];
  return typeof v === 'string' ? v : '';
}

/** Children named `name` as an array (absent → []). */
export function children(node: unknown, name: string): XmlObject[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  const v = (node as XmlObject)[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((item) => (typeof item === 'object' && !Array.isArray(item) ? item : {}));
}
