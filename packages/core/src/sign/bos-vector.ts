/**
 * BOS signature-vector conformance: runs one vector of
 * `protocols/vectors/bos.json` through the signer stages and returns what its
 * `expected` holds. Kept apart from `bos.ts` so the signer stays small.
 */
import { encodeKeyPath } from '../encode.ts';
import type { Credentials } from '../types.ts';
import { bosSignatureStages, bosTimestamp, presignBos, type BosSignatureStages } from './bos.ts';

/** One vector's `inputs` from `protocols/vectors/bos.json` (either kind). */
export interface BosVectorInputs {
  access_key_id: string;
  secret_access_key: string;
  timestamp: number;
  timestamp_iso?: string;
  expiration_in_seconds: number;
  headers_to_sign: string[] | null;
  headers: Record<string, string>;
  bucket?: string | null;
  key?: string | null;
  addressing?: string;
  /** authorization_header vectors */
  method?: string;
  host?: string;
  path?: string;
  query?: Record<string, string>;
  /** presigned_url vectors */
  endpoint?: string;
  params?: Record<string, string>;
  [extra: string]: unknown;
}

/**
 * Vector conformance: takes a vector's `inputs` verbatim and returns what its
 * `expected` holds (snake_case, the same keys), for both vector kinds.
 */
export function signBosVector(inputs: BosVectorInputs): Record<string, unknown> {
  if (inputs.timestamp_iso !== undefined && bosTimestamp(inputs.timestamp) !== inputs.timestamp_iso) {
    throw new RangeError(`vector timestamp ${inputs.timestamp} is not ${inputs.timestamp_iso}`);
  }
  const credentials = { accessKeyId: inputs.access_key_id, secretAccessKey: inputs.secret_access_key };
  if (inputs.endpoint !== undefined) return presignVector(inputs, inputs.endpoint, credentials);
  if (inputs.method === undefined || inputs.path === undefined) {
    throw new TypeError('vector inputs need either method+path or endpoint');
  }
  const stages = bosSignatureStages(
    { method: inputs.method, path: inputs.path, query: inputs.query ?? {}, headers: inputs.headers },
    {
      ...credentials,
      timestamp: inputs.timestamp,
      expirationInSeconds: inputs.expiration_in_seconds,
      headersToSign: inputs.headers_to_sign,
    },
  );
  return {
    ...commonStages(stages),
    canonical_uri: stages.canonicalUri,
    // The default (empty) form is only valid for the default header set.
    ...(inputs.headers_to_sign ? {} : { authorization_default_form: stages.authorizationDefaultForm }),
  };
}

function commonStages(stages: BosSignatureStages): Record<string, string> {
  return {
    auth_string_prefix: stages.authStringPrefix,
    signing_key: stages.signingKey,
    canonical_query_string: stages.canonicalQuery,
    canonical_headers: stages.canonicalHeaders,
    signed_headers: stages.signedHeaders,
    canonical_request: stages.canonicalRequest,
    signature: stages.signature,
    authorization: stages.authorization,
  };
}

function presignVector(inputs: BosVectorInputs, endpoint: string, credentials: Credentials): Record<string, unknown> {
  const base = new URL(endpoint);
  const bucket = inputs.bucket ?? '';
  const key = inputs.key ?? '';
  const virtual = inputs.addressing === 'virtual-host' && bucket !== '';
  const origin = `${base.protocol}//${virtual ? `${bucket}.${base.host}` : base.host}`;
  const path = virtual ? `/${encodeKeyPath(key)}` : `/${bucket}${key ? `/${encodeKeyPath(key)}` : ''}`;
  const hasHeaders = Object.keys(inputs.headers).length > 0;
  const result = presignBos(
    {
      origin,
      path,
      params: inputs.params ?? {},
      ...(hasHeaders ? { headers: inputs.headers } : {}),
      headersToSign: inputs.headers_to_sign,
    },
    credentials,
    inputs.timestamp,
    inputs.expiration_in_seconds,
  );
  return {
    ...commonStages(result.stages),
    host: result.host,
    path: result.path,
    url: result.url,
    query: Object.fromEntries(result.query),
    ...(inputs.headers_to_sign ? {} : { authorization_default_form: result.stages.authorizationDefaultForm }),
  };
}
