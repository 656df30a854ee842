/**
 * Presigned URLs (NOS query-string authentication, protocol notes §4): a URL
 * anyone can use until `expires` seconds from now, signed with the client's
 * keys. Not in the Python SDK; NOS and its Java SDK support it.
 */
import { encodeNosKey, presignNos } from '@yunstore/core/sign';
import type { NosContext } from './context.ts';
import { ClientException } from './errors.ts';
import { addressNos } from './address.ts';
import { checkBucket, checkKey, optionalInt, optionalString } from './validate.ts';

/** Default lifetime of a presigned URL: one hour. */
export const DEFAULT_PRESIGN_EXPIRES = 3600;

const METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export interface GeneratePresignedUrlParams {
  bucket: string;
  key: string;
  /** Seconds the URL stays valid, 1 … 10 years. Default 3600. */
  expires?: number | undefined;
  /** `GET` (default), `HEAD`, `PUT` or `DELETE`. */
  method?: string | undefined;
  /** For a PUT URL: the Content-Type the upload will send (it is part of the signature). */
  content_type?: string | undefined;
  /** Download file name for browsers (NOS's unsigned `download` parameter). */
  download?: string | undefined;
  /** The moment the lifetime counts from (default now); for tests and clock-skewed hosts. */
  now?: Date | undefined;
}

/**
 * generate_presigned_url({bucket, key, expires, method}) → the URL, addressed
 * as every request of this client is (virtual-hosted, or path style for an
 * IP / localhost end point). Synchronous: nothing is sent.
 */
export function generatePresignedUrl(ctx: NosContext, p: GeneratePresignedUrlParams): string {
  const bucket = checkBucket(p?.bucket);
  const key = checkKey(p.key);
  const expires = optionalInt(p.expires, 'expires', 1, 10 * 365 * 24 * 3600) ?? DEFAULT_PRESIGN_EXPIRES;
  const method = (optionalString(p.method, 'method') ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new ClientException(`method must be GET, HEAD, PUT or DELETE, got ${method}`);
  const contentType = optionalString(p.content_type, 'content_type');
  const download = optionalString(p.download, 'download');
  const now = p.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new ClientException('now must be a valid Date');
  const signing = ctx.signing;
  if (!signing || signing.accessKeyId === null || signing.accessKeySecret === null) {
    throw new ClientException('generate_presigned_url needs a client with access_key_id and access_key_secret');
  }
  const { origin, path } = addressNos(signing.endPoint, signing.enableSsl, bucket, key);
  // presignNos appends `/<encodedKey>`; for path style the bucket comes first.
  const prefix = path.slice(0, path.length - encodeNosKey(key).length - 1);
  return presignNos(
    {
      method,
      bucket,
      key,
      origin: origin + prefix,
      expires: Math.floor(now.getTime() / 1000) + expires,
      ...(contentType !== undefined ? { headers: { 'Content-Type': contentType } } : {}),
      ...(download !== undefined ? { query: [['download', download]] } : {}),
    },
    { accessKeyId: signing.accessKeyId, secretAccessKey: signing.accessKeySecret },
  ).url;
}
