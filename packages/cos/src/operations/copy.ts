import { encodeKeyPath } from '@yunstore/core';
import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { COPY_SOURCE_HEADERS, headerDict, headersFrom } from '../headers.ts';
import { describe, isPlainObject, normalizeKey, optionalString, requirePartNumber, requireString, validateBucket, validateKey } from '../validate.ts';
import { parseCosXml } from '../xml-shape.ts';
import { objectWriteHeaders, type ObjectWriteParams } from './object.ts';
import { bucketOf, keyOf, requireEtag, signalSpec, type HeaderDict, type ObjectParams } from './params.ts';

/** The source of a copy: a dict, as in the Python SDK (Node's host/path string is not accepted). */
export interface CopySource {
  /** `BucketName-APPID` of the source. */
  Bucket: string;
  Key: string;
  /** Source region; default: the client's Region. */
  Region?: string;
  VersionId?: string;
  /** Seed 002: appended to Bucket when it lacks the APPID. */
  Appid?: string | number;
  /** Source endpoint instead of `cos.<Region>.myqcloud.com`. */
  Endpoint?: string;
}

export interface CopyObjectParams extends ObjectParams, ObjectWriteParams {
  CopySource: CopySource;
  /** `'Copy'` keeps the source metadata, `'Replaced'` uses the headers given here. Seed 002's `'COPY'`/`'REPLACE'` are accepted. */
  CopyStatus?: 'Copy' | 'Replaced' | 'COPY' | 'REPLACE' | string;
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: string;
  CopySourceIfUnmodifiedSince?: string;
}

export interface UploadPartCopyParams extends ObjectParams {
  PartNumber: number | string;
  UploadId: string;
  CopySource: CopySource;
  /** `'bytes=first-last'` (inclusive); omitted = the whole source. */
  CopySourceRange?: string;
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: string;
  CopySourceIfUnmodifiedSince?: string;
}

/** Headers merged with the `<CopyObjectResult>` / `<CopyPartResult>` fields; `ETag` and `LastModified` always there. */
export type CopyResponse = HeaderDict & {
  ETag: string;
  LastModified: string;
  /** CRC-64 of the new object (COS sends it when known). */
  CRC64?: string;
  VersionId?: string;
  'x-cos-copy-source-version-id'?: string;
  'x-cos-request-id'?: string;
};

/** `<bucket>.cos.<region>.myqcloud.com/<encoded key>[?versionId=<id>]`, the `x-cos-copy-source` value. */
export function copySourceHeader(ctx: CosContext, source: unknown): string {
  if (!isPlainObject(source)) {
    throw new CosClientError(
      `CopySource must be a dict like {'Bucket': 'sourcebucket-1250000000', 'Key': 'exampleobject', 'Region': 'ap-guangzhou'} (got ${describe(source)})`,
      { code: 'InvalidArgument' },
    );
  }
  const appid = source['Appid'] === undefined ? ctx.config.Appid : String(source['Appid']);
  let bucket = requireString(source['Bucket'], "CopySource['Bucket']");
  if (appid && !bucket.endsWith(`-${appid}`)) bucket = `${bucket}-${appid}`;
  validateBucket(bucket, "CopySource['Bucket']");
  const key = normalizeKey(validateKey(source['Key'], "CopySource['Key']"));
  const region = optionalString(source['Region'], "CopySource['Region']");
  // The source is named by its public COS host even when this client talks to
  // a local endpoint: an IP endpoint cannot carry a bucket label.
  const endpoint = optionalString(source['Endpoint'], "CopySource['Endpoint']") ?? ctx.config.regionHost(region ?? ctx.config.Region);
  const versionId = optionalString(source['VersionId'], "CopySource['VersionId']");
  // The version id goes raw, as both SDKs send it.
  return `${bucket}.${endpoint}/${encodeKeyPath(key)}${versionId ? `?versionId=${versionId}` : ''}`;
}

/** Python accepts only 'Copy' and 'Replaced'; seed 002 also writes 'COPY' and 'REPLACE'. */
export function normalizeCopyStatus(value: unknown): 'Copy' | 'Replaced' {
  if (value === undefined || value === null || value === '') return 'Copy';
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (v === 'copy') return 'Copy';
    if (v === 'replaced' || v === 'replace') return 'Replaced';
  }
  throw new CosClientError(`CopyStatus must be 'Copy' or 'Replaced' (got ${describe(value)})`, { code: 'InvalidArgument' });
}

function normalizeCopyRange(value: unknown): string | undefined {
  const range = optionalString(value, 'CopySourceRange');
  if (range === undefined || range === '') return undefined;
  if (!/^bytes=\d+-\d+$/.test(range.trim())) {
    throw new CosClientError(`CopySourceRange must be 'bytes=first-last' (got '${range}')`, { code: 'InvalidArgument' });
  }
  return range.trim();
}

/** copy_object(Bucket, Key, CopySource, CopyStatus='Copy', **kwargs) → headers + CopyObjectResult. */
export async function copyObject(ctx: CosContext, params: Record<string, unknown>): Promise<CopyResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const source = copySourceHeader(ctx, params['CopySource']);
  const status = normalizeCopyStatus(params['CopyStatus']);
  const headers: Record<string, string> = {
    'x-cos-copy-source': source,
    'x-cos-metadata-directive': status,
    ...headersFrom(params, COPY_SOURCE_HEADERS),
    ...objectWriteHeaders(params),
  };
  delete headers['Content-Length'];
  const spec: CosRequestSpec = { op: 'copy_object', method: 'PUT', bucket, key, headers, ...signalSpec(params) };
  // COS can answer 200 with <Error>: core's layer turns that into CosServiceError.
  const { result } = await ctx.http.parse(
    spec,
    (body, answer) => requireEtag({ ...headerDict(answer.headers), ...parseCosXml(body) }, 'copy_object') as CopyResponse,
    { embeddedError: true },
  );
  // Seed 004 documents the target's version as 'VersionId'; COS may send it only as a header.
  const versionId = result['x-cos-version-id'];
  if (result.VersionId === undefined && typeof versionId === 'string') result.VersionId = versionId;
  return result;
}

/** upload_part_copy(Bucket, Key, PartNumber, UploadId, CopySource, CopySourceRange='') → headers + CopyPartResult. */
export async function uploadPartCopy(ctx: CosContext, params: Record<string, unknown>): Promise<CopyResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const partNumber = requirePartNumber(params['PartNumber']);
  const uploadId = requireString(params['UploadId'], 'UploadId');
  const source = copySourceHeader(ctx, params['CopySource']);
  const range = normalizeCopyRange(params['CopySourceRange']);
  const headers: Record<string, string> = { 'x-cos-copy-source': source, ...headersFrom(params, COPY_SOURCE_HEADERS) };
  if (range) headers['x-cos-copy-source-range'] = range;
  const spec: CosRequestSpec = {
    op: 'upload_part_copy',
    method: 'PUT',
    bucket,
    key,
    query: [
      ['partNumber', String(partNumber)],
      ['uploadId', uploadId],
    ],
    headers,
    ...signalSpec(params),
  };
  const { result } = await ctx.http.parse(
    spec,
    (body, answer) => requireEtag({ ...headerDict(answer.headers), ...parseCosXml(body) }, 'upload_part_copy') as CopyResponse,
    { embeddedError: true },
  );
  return result;
}
