/** Multipart upload: initiate, upload part, copy part, list parts, complete, abort, list uploads. */
import { buildXml, encodeKeyPath, toBody, type Body, type BodyInput } from '@yunstore/core';
import type { ClientContext } from '../request.ts';
import { spec } from '../validate.ts';
import { addQuery, define, type Abortable } from './define.ts';
import { checkShape, STRING, type Shape } from './nested.ts';
import { copySourceHeader, OBJECT_HEADER_TYPES, objectHeaders, type CopySource, type ObjectHeaderParams } from './headers.ts';
import { sendableBody, type CopyResult } from './object.ts';
import { bool, date, defined, int, list, metadataOnly, owner, responseMetadata, str, urlDecoder, xmlResult, type OosResponse, type Owner } from './shape.ts';

export interface UploadRequest {
  Bucket: string;
  Key: string;
  UploadId: string;
}

const UPLOAD_TYPES = { Bucket: 'string', Key: 'string', UploadId: 'string' } as const;

export interface CreateMultipartUploadRequest extends ObjectHeaderParams {
  Bucket: string;
  Key: string;
}

export interface CreateMultipartUploadOutput extends OosResponse {
  Bucket?: string;
  Key?: string;
  /** Pass it to upload_part, complete_multipart_upload, abort_multipart_upload and list_parts. */
  UploadId?: string;
}

export const create_multipart_upload = define<CreateMultipartUploadRequest, CreateMultipartUploadOutput>(
  spec(['Bucket', 'Key'], { Bucket: 'string', Key: 'string', ...OBJECT_HEADER_TYPES }),
  async (ctx, p) => {
    const { result: body, ...res } = await ctx.http.parse(
      {
        op: 'CreateMultipartUpload',
        method: 'POST',
        bucket: p.Bucket,
        key: p.Key,
        query: [['uploads', '']],
        headers: objectHeaders(p),
        signal: p.AbortSignal,
      },
      xmlResult('InitiateMultipartUploadResult'),
    );
    return defined({ Bucket: str(body['Bucket']), Key: str(body['Key']), UploadId: str(body['UploadId']), ResponseMetadata: responseMetadata(res) });
  },
);

export interface UploadPartRequest extends UploadRequest {
  /** 1..10000 */
  PartNumber: number;
  /** Also a core `Body` (`{ length, replayable, open() }`), as the transfer engine hands parts over. */
  Body?: BodyInput | Body;
  ContentLength?: number;
  ContentMD5?: string;
  /** `'100-continue'`: accepted for compatibility; undici does not wait for 100 Continue. */
  Expect?: string;
}

export interface UploadPartOutput extends OosResponse {
  /** The part's ETag, for complete_multipart_upload's `Parts`. */
  ETag?: string;
}

export const upload_part = define<UploadPartRequest, UploadPartOutput>(
  spec(['Bucket', 'Key', 'UploadId', 'PartNumber'], {
    ...UPLOAD_TYPES,
    PartNumber: 'integer',
    Body: 'body',
    ContentLength: 'integer',
    ContentMD5: 'string',
    Expect: 'string',
  }),
  async (ctx, p) => {
    const headers: Record<string, string> = {};
    if (p.ContentMD5 !== undefined) headers['Content-MD5'] = p.ContentMD5;
    const body = await sendableBody(p.Body, p.ContentLength);
    const res = await ctx.http.send({
      op: 'UploadPart',
      method: 'PUT',
      bucket: p.Bucket,
      key: p.Key,
      headers,
      body,
      signal: p.AbortSignal,
      query: [
        ['partNumber', String(p.PartNumber)],
        ['uploadId', p.UploadId],
      ],
    });
    return defined({ ETag: res.headers['etag'], ResponseMetadata: responseMetadata(res) });
  },
);

export interface UploadPartCopyRequest extends UploadRequest {
  PartNumber: number;
  CopySource: CopySource;
  /** `bytes=first-last`, inclusive (the seed: only for sources over 5 GB). */
  CopySourceRange?: string;
}

export interface UploadPartCopyOutput extends OosResponse {
  CopyPartResult: CopyResult;
}

export const upload_part_copy = define<UploadPartCopyRequest, UploadPartCopyOutput>(
  spec(['Bucket', 'Key', 'UploadId', 'PartNumber', 'CopySource'], {
    ...UPLOAD_TYPES,
    PartNumber: 'integer',
    CopySource: 'copySource',
    CopySourceRange: 'string',
  }),
  async (ctx, p) => {
    const headers: Record<string, string> = { 'x-amz-copy-source': copySourceHeader(p.CopySource, encodeKeyPath) };
    if (p.CopySourceRange !== undefined) headers['x-amz-copy-source-range'] = p.CopySourceRange;
    const { result: body, ...res } = await ctx.http.parse(
      {
        op: 'UploadPartCopy',
        method: 'PUT',
        bucket: p.Bucket,
        key: p.Key,
        headers,
        signal: p.AbortSignal,
        query: [
          ['partNumber', String(p.PartNumber)],
          ['uploadId', p.UploadId],
        ],
      },
      xmlResult('CopyPartResult'),
      { embeddedError: true },
    );
    return { CopyPartResult: defined({ ETag: str(body['ETag']), LastModified: date(body['LastModified']) }), ResponseMetadata: responseMetadata(res) };
  },
);

export interface Part {
  PartNumber?: number;
  LastModified?: Date;
  ETag?: string;
  Size?: number;
}

export interface ListPartsOutput extends OosResponse {
  Bucket?: string;
  Key?: string;
  UploadId?: string;
  Initiator?: Owner;
  Owner?: Owner;
  StorageClass?: string;
  PartNumberMarker?: number;
  NextPartNumberMarker?: number;
  MaxParts?: number;
  IsTruncated?: boolean;
  /** botocore's plural list; the seed's table calls the element `Part`. */
  Parts?: Part[];
}

async function listPartsPage(ctx: ClientContext, p: ListPartsRequest & Abortable): Promise<ListPartsOutput> {
  const query: Array<[string, string]> = [['uploadId', p.UploadId]];
  addQuery(query, 'max-parts', p.MaxParts);
  addQuery(query, 'part-number-marker', p.PartNumberMarker);
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'ListParts', method: 'GET', bucket: p.Bucket, key: p.Key, query, signal: p.AbortSignal },
    xmlResult('ListPartsResult', ['Part']),
  );
  const parts = list(body['Part']).map((x) =>
    defined({ PartNumber: int(x['PartNumber']), LastModified: date(x['LastModified']), ETag: str(x['ETag']), Size: int(x['Size']) }),
  );
  return defined({
    Bucket: str(body['Bucket']),
    Key: str(body['Key']),
    UploadId: str(body['UploadId']),
    Initiator: body['Initiator'] === undefined ? undefined : owner(body['Initiator']),
    Owner: body['Owner'] === undefined ? undefined : owner(body['Owner']),
    StorageClass: str(body['StorageClass']),
    PartNumberMarker: int(body['PartNumberMarker']),
    NextPartNumberMarker: int(body['NextPartNumberMarker']),
    MaxParts: int(body['MaxParts']),
    IsTruncated: bool(body['IsTruncated']),
    Parts: parts.length > 0 ? parts : undefined,
    ResponseMetadata: responseMetadata(res),
  });
}

export interface ListPartsRequest extends UploadRequest {
  /** Parts per answer, 1..1000 (default 1000). */
  MaxParts?: number;
  /** List parts after this part number (the previous answer's `NextPartNumberMarker`). */
  PartNumberMarker?: number;
}

export const list_parts = define<ListPartsRequest, ListPartsOutput>(
  spec(['Bucket', 'Key', 'UploadId'], { ...UPLOAD_TYPES, MaxParts: 'integer', PartNumberMarker: 'integer' }),
  listPartsPage,
);

export interface CompleteMultipartUploadRequest extends UploadRequest {
  /**
   * `{ Parts: [{ ETag, PartNumber }] }`. Optional: the seed's example leaves
   * it out, so without it every uploaded part is listed (following
   * pagination) and completed in part-number order.
   */
  MultipartUpload?: { Parts?: Array<{ ETag: string; PartNumber: number }> };
}

export interface CompleteMultipartUploadOutput extends OosResponse {
  Location?: string;
  Bucket?: string;
  Key?: string;
  ETag?: string;
  VersionId?: string;
  /** `x-amz-expiration` when a lifecycle rule applies, as botocore. */
  Expiration?: string;
}

/** Seed 2.3.8: `Parts` of `{ ETag, PartNumber }`; both are needed on the wire. */
const MULTIPART_UPLOAD: Shape = {
  kind: 'struct',
  members: {
    Parts: { kind: 'list', member: { kind: 'struct', required: ['ETag', 'PartNumber'], members: { ETag: STRING, PartNumber: { kind: 'integer', min: 1 } } } },
  },
};

/** All parts of an upload, across list_parts pages. */
export async function allParts(ctx: ClientContext, p: UploadRequest & Abortable): Promise<Array<{ ETag: string; PartNumber: number }>> {
  const out: Array<{ ETag: string; PartNumber: number }> = [];
  let marker: number | undefined;
  for (;;) {
    const page = await listPartsPage(ctx, { ...p, ...(marker === undefined ? {} : { PartNumberMarker: marker }) });
    for (const part of page.Parts ?? [])
      if (part.ETag !== undefined && part.PartNumber !== undefined) out.push({ ETag: part.ETag, PartNumber: part.PartNumber });
    if (!page.IsTruncated || page.NextPartNumberMarker === undefined || page.NextPartNumberMarker === marker) return out;
    marker = page.NextPartNumberMarker;
  }
}

export const complete_multipart_upload = define<CompleteMultipartUploadRequest, CompleteMultipartUploadOutput>(
  spec(['Bucket', 'Key', 'UploadId'], { ...UPLOAD_TYPES, MultipartUpload: 'object' }),
  async (ctx, p) => {
    if (p.MultipartUpload !== undefined) checkShape(p.MultipartUpload, MULTIPART_UPLOAD, 'MultipartUpload');
    const given = p.MultipartUpload?.Parts;
    const parts = given !== undefined && given.length > 0 ? given : await allParts(ctx, p);
    const xml = buildXml('CompleteMultipartUpload', { Part: parts.map((x) => ({ PartNumber: x.PartNumber, ETag: x.ETag })) });
    // OOS, like S3, may answer 200 and still put an `<Error>` in the body when assembly fails late.
    const { result: body, ...res } = await ctx.http.parse(
      {
        op: 'CompleteMultipartUpload',
        method: 'POST',
        bucket: p.Bucket,
        key: p.Key,
        query: [['uploadId', p.UploadId]],
        headers: { 'Content-Type': 'application/xml' },
        body: await toBody(xml),
        signal: p.AbortSignal,
      },
      xmlResult('CompleteMultipartUploadResult'),
      { embeddedError: true },
    );
    return defined({
      Location: str(body['Location']),
      Bucket: str(body['Bucket']),
      Key: str(body['Key']),
      ETag: str(body['ETag']),
      VersionId: res.headers['x-amz-version-id'],
      Expiration: res.headers['x-amz-expiration'],
      ResponseMetadata: responseMetadata(res),
    });
  },
);

export const abort_multipart_upload = define<UploadRequest, OosResponse>(spec(['Bucket', 'Key', 'UploadId'], UPLOAD_TYPES), async (ctx, p) => {
  const res = await ctx.http.send({
    op: 'AbortMultipartUpload',
    method: 'DELETE',
    bucket: p.Bucket,
    key: p.Key,
    query: [['uploadId', p.UploadId]],
    signal: p.AbortSignal,
  });
  return metadataOnly(res);
});

export interface ListMultipartUploadsRequest {
  Bucket: string;
  Delimiter?: string;
  /** 1..1000, default 1000. */
  MaxUploads?: number;
  KeyMarker?: string;
  Prefix?: string;
  UploadIdMarker?: string;
  EncodingType?: 'url';
}

export interface Upload {
  Key?: string;
  UploadId?: string;
  Initiator?: Owner;
  Owner?: Owner;
  StorageClass?: string;
  Initiated?: Date;
}

export interface ListMultipartUploadsOutput extends OosResponse {
  Bucket?: string;
  KeyMarker?: string;
  UploadIdMarker?: string;
  NextKeyMarker?: string;
  NextUploadIdMarker?: string;
  MaxUploads?: number;
  IsTruncated?: boolean;
  /** botocore's plural list; the seed's table calls the element `Upload`. */
  Uploads?: Upload[];
  CommonPrefixes?: Array<{ Prefix?: string }>;
  Prefix?: string;
  Delimiter?: string;
}

export const list_multipart_uploads = define<ListMultipartUploadsRequest, ListMultipartUploadsOutput>(
  spec(['Bucket'], {
    Bucket: 'string',
    Delimiter: 'string',
    MaxUploads: 'integer',
    KeyMarker: 'string',
    Prefix: 'string',
    UploadIdMarker: 'string',
    EncodingType: 'string',
  }),
  async (ctx, p) => {
    const query: Array<[string, string]> = [['uploads', '']];
    addQuery(query, 'delimiter', p.Delimiter);
    addQuery(query, 'max-uploads', p.MaxUploads);
    addQuery(query, 'key-marker', p.KeyMarker);
    addQuery(query, 'prefix', p.Prefix);
    addQuery(query, 'upload-id-marker', p.UploadIdMarker);
    addQuery(query, 'encoding-type', p.EncodingType);
    const { result: body, ...res } = await ctx.http.parse(
      { op: 'ListMultipartUploads', method: 'GET', bucket: p.Bucket, query, signal: p.AbortSignal },
      xmlResult('ListMultipartUploadsResult', ['Upload', 'CommonPrefixes']),
    );
    const dec = urlDecoder(str(body['EncodingType']) ?? p.EncodingType);
    const uploads = list(body['Upload']).map((u) =>
      defined({
        Key: dec(str(u['Key'])),
        UploadId: str(u['UploadId']),
        Initiator: u['Initiator'] === undefined ? undefined : owner(u['Initiator']),
        Owner: u['Owner'] === undefined ? undefined : owner(u['Owner']),
        StorageClass: str(u['StorageClass']),
        Initiated: date(u['Initiated']),
      }),
    );
    const prefixes = list(body['CommonPrefixes']).map((c) => defined({ Prefix: dec(str(c['Prefix'])) }));
    return defined({
      Bucket: str(body['Bucket']),
      KeyMarker: dec(str(body['KeyMarker'])),
      UploadIdMarker: str(body['UploadIdMarker']),
      NextKeyMarker: dec(str(body['NextKeyMarker'])),
      NextUploadIdMarker: str(body['NextUploadIdMarker']),
      MaxUploads: int(body['MaxUploads']),
      IsTruncated: bool(body['IsTruncated']),
      Uploads: uploads.length > 0 ? uploads : undefined,
      CommonPrefixes: prefixes.length > 0 ? prefixes : undefined,
      Prefix: dec(str(body['Prefix'])),
      Delimiter: dec(str(body['Delimiter'])),
      ResponseMetadata: responseMetadata(res),
    });
  },
);
