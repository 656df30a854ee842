import { buildUrl, encodeKeyPath } from '@yunstore/core';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { embeddedError } from '../error-mapping.ts';
import { COPY_SOURCE_HEADERS, headerDict, headersFrom } from '../headers.ts';
import { describe, isPlainObject, optionalString, requirePartNumber, requireString, validateBucket } from '../validate.ts';
import { parseCosXml, type CosXmlValue } from '../xml-shape.ts';
import { objectWriteHeaders, type ObjectWriteParams } from './object.ts';
import { bucketOf, keyOf, signalSpec, type ObjectParams } from './params.ts';

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

/** Headers merged with the `<CopyObjectResult>` / `<CopyPartResult>` fields (`ETag`, `LastModified`, `CRC64`, `VersionId`). */
export interface CopyResponse {
  [field: string]: CosXmlValue | undefined;
  ETag?: string;
  LastModified?: string;
  VersionId?: string;
  'x-cos-copy-source-version-id'?: string;
  'x-cos-request-id'?: string;
}

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
  const key = requireString(source['Key'], "CopySource['Key']").replace(/^\/+/, '');
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
  const spec = { op: 'copy_object', method: 'PUT' as const, bucket, key, headers, ...signalSpec(params) };
  const { res, body } = await ctx.sendForBody(spec);
  const failure = embeddedError('copy_object', res, body, buildUrl(ctx.wireRequest(spec)));
  if (failure) throw failure;
  const result: CopyResponse = { ...headerDict(res.headers), ...parseCosXml(body) };
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
  const spec = {
    op: 'upload_part_copy',
    method: 'PUT' as const,
    bucket,
    key,
    query: [
      ['partNumber', String(partNumber)],
      ['uploadId', uploadId],
    ] as Array<[string, string]>,
    headers,
    ...signalSpec(params),
  };
  const { res, body } = await ctx.sendForBody(spec);
  const failure = embeddedError('upload_part_copy', res, body, buildUrl(ctx.wireRequest(spec)));
  if (failure) throw failure;
  return { ...headerDict(res.headers), ...parseCosXml(body) };
}
