import { buildXml, toBody } from '@yunstore/core';
import type { CosRequestSpec } from '../address.ts';
import type { CosContext } from '../context.ts';
import { CosClientError } from '../errors.ts';
import { headerDict, headersFrom } from '../headers.ts';
import { isPlainObject, optionalInt, requireDict, requirePartNumber, requireString } from '../validate.ts';
import { decodeListing, parseCosXml } from '../xml-shape.ts';
import { checkEncodingType, type ListingOwner } from './listing.ts';
import { requestBody, withMd5, type CosBodyInput } from './object-body.ts';
import { objectWriteHeaders, type ObjectWriteParams } from './object.ts';
import { bucketOf, keyOf, pushQuery, requireEtag, signalSpec, type HeaderDict, type ObjectParams, type WriteResponse } from './params.ts';

export type CreateMultipartUploadParams = ObjectParams & ObjectWriteParams;

/** `{UploadId, Bucket, Key}`. */
export type CreateMultipartUploadResponse = {
  UploadId: string;
  Bucket: string;
  Key: string;
};

export interface UploadPartParams extends ObjectParams {
  Body: CosBodyInput;
  /** 1..10000. */
  PartNumber: number | string;
  UploadId: string;
  EnableMD5?: boolean;
  ContentLength?: number | string;
  ContentMD5?: string;
  TrafficLimit?: number | string;
}

export interface ListPartsParams extends ObjectParams {
  UploadId: string;
  MaxParts?: number | string;
  PartNumberMarker?: number | string;
  /** `'url'` returns keys still URL-encoded. */
  EncodingType?: string;
}

/** One uploaded part in list_parts. */
export type PartSummary = { PartNumber: string; ETag: string; Size: string; LastModified: string };

/** ListPartsResult; `Part` is always a list. */
export type ListPartsResponse = {
  Bucket: string;
  Key: string;
  UploadId: string;
  EncodingType?: string | null;
  /** The same value as `EncodingType`, under the name seed 002 shows. */
  'Encoding-type'?: string | null;
  MaxParts: string;
  IsTruncated: 'true' | 'false';
  PartNumberMarker?: string;
  NextPartNumberMarker?: string;
  StorageClass?: string;
  Part?: PartSummary[];
  Initiator?: ListingOwner;
  Owner?: ListingOwner;
};

export interface CompleteMultipartUploadParams extends ObjectParams {
  UploadId: string;
  MultipartUpload: { Part: Array<{ ETag: string; PartNumber: number | string }> };
}

/** Headers merged with `{ETag, Bucket, Location, Key}`; `ETag` is always there (a complete without one is an error). */
export type CompleteMultipartUploadResponse = HeaderDict & {
  ETag: string;
  Bucket?: string;
  Location?: string;
  Key?: string;
};

export interface AbortMultipartUploadParams extends ObjectParams {
  UploadId: string;
}

/** create_multipart_upload(Bucket, Key, **kwargs) → `{UploadId, Bucket, Key}`. */
export async function createMultipartUpload(ctx: CosContext, params: Record<string, unknown>): Promise<CreateMultipartUploadResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const headers = objectWriteHeaders(params);
  delete headers['Content-Length'];
  const spec: CosRequestSpec = {
    op: 'create_multipart_upload',
    method: 'POST',
    bucket,
    key,
    query: [['uploads', '']],
    headers,
    ...signalSpec(params),
  };
  const { result } = await ctx.http.parse(spec, (body) => {
    const dict = parseCosXml(body);
    if (typeof dict['UploadId'] !== 'string') {
      throw new CosClientError('create_multipart_upload: the answer has no UploadId', { code: 'InvalidResponse' });
    }
    return dict as unknown as CreateMultipartUploadResponse;
  });
  return result;
}

/** upload_part(Bucket, Key, Body, PartNumber, UploadId, **kwargs) → headers (`ETag`, `x-cos-hash-crc64ecma`). */
export async function uploadPart(ctx: CosContext, params: Record<string, unknown>): Promise<WriteResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const partNumber = requirePartNumber(params['PartNumber']);
  const uploadId = requireString(params['UploadId'], 'UploadId');
  let body = await requestBody(params, 'Body');
  const headers = headersFrom(params, ['ContentMD5', 'TrafficLimit', 'SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5']);
  if (params['EnableMD5'] === true && !headers['Content-MD5']) {
    const hashed = await withMd5(body);
    body = hashed.body;
    headers['Content-MD5'] = hashed.md5;
  }
  if (body.length !== undefined) headers['Content-Length'] = String(body.length);
  const res = await ctx.http.send({
    op: 'upload_part',
    method: 'PUT',
    bucket,
    key,
    query: [
      ['partNumber', String(partNumber)],
      ['uploadId', uploadId],
    ],
    headers,
    body,
    ...signalSpec(params),
  });
  return requireEtag(headerDict(res.headers), 'upload_part');
}

/** list_parts(Bucket, Key, UploadId, MaxParts=1000, PartNumberMarker=0, EncodingType='') → ListPartsResult. */
export async function listParts(ctx: CosContext, params: Record<string, unknown>): Promise<ListPartsResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const uploadId = requireString(params['UploadId'], 'UploadId');
  checkEncodingType(params);
  const maxParts = optionalInt(params['MaxParts'], 'MaxParts', 1, 1000);
  const marker = optionalInt(params['PartNumberMarker'], 'PartNumberMarker', 0, 10000);
  const query: Array<[string, string]> = [['uploadId', uploadId]];
  if (maxParts !== undefined) query.push(['max-parts', String(maxParts)]);
  if (marker !== undefined && marker > 0) query.push(['part-number-marker', String(marker)]);
  pushQuery(query, 'encoding-type', params['EncodingType'] || 'url', 'EncodingType');
  const spec: CosRequestSpec = { op: 'list_parts', method: 'GET', bucket, key, query, ...signalSpec(params) };
  const { result: dict } = await ctx.http.parse(spec, (body) => parseCosXml(body, ['Part']));
  // COS's ListPartsResult names the element `Encoding-type` (seed 002 shows
  // `'Encoding-type': None`); seed 004 and newer answers say `EncodingType`.
  // Read either, and return the value under both names.
  const encoding = dict['EncodingType'] ?? dict['Encoding-type'];
  if (encoding !== undefined) {
    dict['EncodingType'] = encoding;
    dict['Encoding-type'] = encoding;
  }
  if (params['EncodingType'] !== 'url' && encoding === 'url') decodeListing(dict, ['Key'], []);
  return dict as unknown as ListPartsResponse;
}

/** The CompleteMultipartUpload body, parts in ascending order (COS requires it). */
export function completeXml(multipart: Record<string, unknown>): string {
  const raw = multipart['Part'];
  const parts = Array.isArray(raw) ? raw : isPlainObject(raw) ? [raw] : [];
  if (parts.length === 0) {
    throw new CosClientError("MultipartUpload['Part'] must be a non-empty list of {ETag, PartNumber}", { code: 'InvalidArgument' });
  }
  const items = parts.map((p, i) => {
    if (!isPlainObject(p)) throw new CosClientError(`MultipartUpload['Part'][${i}] must be a dict`, { code: 'InvalidArgument' });
    const partNumber = requirePartNumber(p['PartNumber'], `MultipartUpload['Part'][${i}]['PartNumber']`);
    const etag = requireString(p['ETag'], `MultipartUpload['Part'][${i}]['ETag']`);
    return { PartNumber: partNumber, ETag: etag };
  });
  items.sort((a, b) => a.PartNumber - b.PartNumber);
  return buildXml('CompleteMultipartUpload', { Part: items });
}

/** complete_multipart_upload(Bucket, Key, UploadId, MultipartUpload={Part: [...]}) → headers + `{ETag, Bucket, Location, Key}`. */
export async function completeMultipartUpload(ctx: CosContext, params: Record<string, unknown>): Promise<CompleteMultipartUploadResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const uploadId = requireString(params['UploadId'], 'UploadId');
  const xml = completeXml(requireDict(params['MultipartUpload'], 'MultipartUpload'));
  const spec: CosRequestSpec = {
    op: 'complete_multipart_upload',
    method: 'POST',
    bucket,
    key,
    query: [['uploadId', uploadId]],
    headers: { 'Content-Type': 'application/xml' },
    body: await toBody(xml),
    ...signalSpec(params),
  };
  // COS can answer 200 with <Error> here: core's layer turns that into CosServiceError.
  const { result } = await ctx.http.parse(
    spec,
    // Python's SDK treats an answer without ETag as a failed complete.
    (body, answer) => requireEtag({ ...headerDict(answer.headers), ...parseCosXml(body) }, 'complete_multipart_upload') as CompleteMultipartUploadResponse,
    { embeddedError: true },
  );
  return result;
}

/** abort_multipart_upload(Bucket, Key, UploadId) → None. */
export async function abortMultipartUpload(ctx: CosContext, params: Record<string, unknown>): Promise<void> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const uploadId = requireString(params['UploadId'], 'UploadId');
  await ctx.http.send({
    op: 'abort_multipart_upload',
    method: 'DELETE',
    bucket,
    key,
    query: [['uploadId', uploadId]],
    ...signalSpec(params),
  });
}
