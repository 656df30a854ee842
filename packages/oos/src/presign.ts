/**
 * boto3's `generate_presigned_url(ClientMethod, Params, ExpiresIn=3600,
 * HttpMethod)`: a URL anyone can use without keys until it expires, signed
 * with the client's signature version — V2 query auth (`AWSAccessKeyId`,
 * `Signature`, `Expires`) for `'s3'`, V4 (`X-Amz-*`) for `'s3v4'`.
 * Nothing is sent; the URL is built and signed locally.
 */
import { buildUrl, type HttpMethod } from '@yunstore/core';
import { presignS3V2, presignS3V4 } from '@yunstore/core/sign';
import { ParamValidationError } from './errors.ts';
import * as mp from './operations/multipart.ts';
import * as obj from './operations/object.ts';
import { virtualHosted, wireRequest } from './address.ts';
import type { ClientContext } from './request.ts';
import { isPlainObject } from './transfer-args.ts';
import type { ParamSpec } from './validate.ts';
import { validateParams } from './validate.ts';

interface Presignable {
  method: HttpMethod;
  spec: ParamSpec;
  /** Parameters a URL can carry: in the query, or (V2) as signed headers the requester must send. */
  allowed: readonly string[];
  query(p: Record<string, unknown>): Array<[string, string]>;
  headers(p: Record<string, unknown>): Record<string, string>;
}

const none = (): Array<[string, string]> => [];
const noHeaders = (): Record<string, string> => ({});

/** Content-Type / Content-MD5 are part of the V2 string to sign: the uploader must send exactly these values. */
function signedContentHeaders(p: Record<string, unknown>): Record<string, string> {
  const h: Record<string, string> = {};
  if (typeof p['ContentType'] === 'string') h['Content-Type'] = p['ContentType'];
  if (typeof p['ContentMD5'] === 'string') h['Content-MD5'] = p['ContentMD5'];
  return h;
}

const PRESIGNABLE: Record<string, Presignable> = {
  get_object: {
    method: 'GET',
    spec: obj.get_object.spec,
    allowed: ['Bucket', 'Key', ...obj.OVERRIDES.map(([name]) => name)],
    query: (p) => {
      const q: Array<[string, string]> = [];
      for (const [param, name] of obj.OVERRIDES) {
        const v = p[param];
        if (v !== undefined) q.push([name, v instanceof Date ? v.toUTCString() : String(v)]);
      }
      return q;
    },
    headers: noHeaders,
  },
  head_object: { method: 'HEAD', spec: obj.head_object.spec, allowed: ['Bucket', 'Key'], query: none, headers: noHeaders },
  delete_object: { method: 'DELETE', spec: obj.delete_object.spec, allowed: ['Bucket', 'Key'], query: none, headers: noHeaders },
  put_object: {
    method: 'PUT',
    spec: obj.put_object.spec,
    allowed: ['Bucket', 'Key', 'ContentType', 'ContentMD5'],
    query: none,
    headers: signedContentHeaders,
  },
  upload_part: {
    method: 'PUT',
    spec: mp.upload_part.spec,
    allowed: ['Bucket', 'Key', 'UploadId', 'PartNumber', 'ContentMD5'],
    query: (p) => [
      ['partNumber', String(p['PartNumber'])],
      ['uploadId', String(p['UploadId'])],
    ],
    headers: signedContentHeaders,
  },
};

const METHODS = new Set<string>(['GET', 'PUT', 'HEAD', 'DELETE', 'POST']);

/** `getObject` → `get_object`. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The request form: `generate_presigned_url({ ClientMethod, Params, ExpiresIn, HttpMethod })`. */
export interface GeneratePresignedUrlRequest {
  /** `'get_object'`, `'put_object'`, `'head_object'`, `'delete_object'` or `'upload_part'` (camelCase names work too). */
  ClientMethod: string;
  /** The method's parameters: `{ Bucket, Key }` (and `Response*` for get_object, `ContentType` for put_object...). */
  Params?: Record<string, unknown>;
  /** Seconds the URL stays valid. Default 3600; at most 604800 with s3v4. */
  ExpiresIn?: number;
  /** Sign for another HTTP method than the ClientMethod's own. */
  HttpMethod?: string;
}

/** `generate_presigned_url(ClientMethod, Params?, ExpiresIn?, HttpMethod?)` or the one-object form. */
export interface GeneratePresignedUrlMethod {
  (params: GeneratePresignedUrlRequest): string;
  (ClientMethod: string, Params?: Record<string, unknown> | null, ExpiresIn?: number | null, HttpMethod?: string | null): string;
}

function requestOf(args: readonly unknown[]): GeneratePresignedUrlRequest {
  if (args.length === 1 && isPlainObject(args[0])) {
    const unknown = Object.keys(args[0]).filter((k) => !['ClientMethod', 'Params', 'ExpiresIn', 'HttpMethod'].includes(k));
    if (unknown.length > 0)
      throw new ParamValidationError(
        `Unknown parameter(s) of generate_presigned_url: ${unknown.join(', ')}; must be ClientMethod, Params, ExpiresIn, HttpMethod`,
      );
    return args[0] as unknown as GeneratePresignedUrlRequest;
  }
  if (args.length > 4) throw new ParamValidationError('generate_presigned_url() takes at most 4 arguments (ClientMethod, Params, ExpiresIn, HttpMethod)');
  const [ClientMethod, Params, ExpiresIn, HttpMethod] = args;
  return {
    ClientMethod: ClientMethod as string,
    ...(Params === undefined || Params === null ? {} : { Params: Params as Record<string, unknown> }),
    ...(ExpiresIn === undefined || ExpiresIn === null ? {} : { ExpiresIn: ExpiresIn as number }),
    ...(HttpMethod === undefined || HttpMethod === null ? {} : { HttpMethod: HttpMethod as string }),
  };
}

/** Builds and signs the URL; bad arguments throw ParamValidationError naming them. */
export function generate_presigned_url(ctx: ClientContext, args: readonly unknown[], now: Date = new Date()): string {
  const req = requestOf(args);
  if (typeof req.ClientMethod !== 'string' || req.ClientMethod === '') {
    throw new ParamValidationError('Missing required parameter in input: "ClientMethod"');
  }
  const name = snakeCase(req.ClientMethod);
  const op = PRESIGNABLE[name];
  if (!op) {
    throw new ParamValidationError(`generate_presigned_url cannot sign ClientMethod "${req.ClientMethod}": it supports ${Object.keys(PRESIGNABLE).join(', ')}`);
  }
  const expiresIn = req.ExpiresIn ?? 3600;
  const v4 = ctx.config.signature_version === 's3v4';
  if (!Number.isSafeInteger(expiresIn) || expiresIn < 1 || (v4 && expiresIn > 604800)) {
    throw new ParamValidationError(`Invalid value for parameter ExpiresIn, value: ${String(expiresIn)}, valid range: 1-${v4 ? 604800 : 'any'} seconds`);
  }
  const method = req.HttpMethod === undefined ? op.method : req.HttpMethod.toUpperCase();
  if (!METHODS.has(method))
    throw new ParamValidationError(`Invalid value for parameter HttpMethod: ${String(req.HttpMethod)}, must be one of ${[...METHODS].join(', ')}`);

  const params = validateParams(req.Params ?? {}, op.spec);
  const refused = Object.keys(params).filter((k) => params[k] !== undefined && !op.allowed.includes(k));
  if (refused.length > 0) {
    throw new ParamValidationError(
      `${refused.join(', ')} cannot be carried by a presigned ${name} URL (send ${refused.length > 1 ? 'them' : 'it'} with the request itself); allowed: ${op.allowed.join(', ')}`,
    );
  }
  const headers = op.headers(params);
  if (v4 && Object.keys(headers).length > 0) {
    // presignS3V4 signs the host header only, so a Content-Type / Content-MD5 in Params would not be enforced.
    throw new ParamValidationError(
      `${Object.keys(params)
        .filter((k) => k === 'ContentType' || k === 'ContentMD5')
        .join(', ')} cannot be signed into an s3v4 presigned URL by this client; use signature_version 's3' or leave them out`,
    );
  }

  const wire = wireRequest(ctx, {
    method: method as HttpMethod,
    bucket: params['Bucket'] as string,
    key: params['Key'] as string,
    query: op.query(params),
    headers,
  });
  const credentials = ctx.credentials;
  if (v4) {
    const signed = presignS3V4(wire, credentials, now, { region: ctx.region, service: 's3', expiresIn });
    return buildUrl({ ...wire, query: [...wire.query, ...signed.query] });
  }
  const bucket = params['Bucket'] as string;
  const signed = presignS3V2(wire, credentials, Math.floor(now.getTime() / 1000) + expiresIn, virtualHosted(ctx, bucket) ? { virtualHostBucket: bucket } : {});
  return buildUrl({ ...wire, query: [...wire.query, ...signed.query] });
}
