/** Object operations: put, get, head, delete, copy, multi-delete. */
import type { Readable } from 'node:stream';
import { buildXml, encodeKeyPath, md5Base64, toBody, type Body, type BodyInput } from '@yunstore/core';
import { ParamValidationError } from '../errors.ts';
import { StreamingBody } from '../streaming-body.ts';
import { spec } from '../validate.ts';
import { define } from './define.ts';
import { BOOLEAN, checkShape, STRING, type Shape } from './nested.ts';
import {
  CONDITION_TYPES,
  conditionHeaders,
  copySourceHeader,
  OBJECT_HEADER_TYPES,
  objectHeaders,
  objectHeadersOutput,
  type ConditionParams,
  type CopySource,
  type ObjectHeaderParams,
  type ObjectHeadersOutput,
} from './headers.ts';
import { parseGrants, type CannedAcl, type GetBucketAclOutput } from './bucket.ts';
import { date, defined, list, metadataOnly, owner, responseMetadata, str, xmlResult, type OosResponse } from './shape.ts';

export interface ObjectRequest {
  Bucket: string;
  Key: string;
}

/**
 * A sendable body. S3 needs Content-Length, so a stream of unknown length
 * (and no `ContentLength` parameter) is read into memory first.
 */
export async function sendableBody(input: BodyInput | Body | null | undefined, contentLength: number | undefined): Promise<Body> {
  const body = await toBody(input, contentLength === undefined ? {} : { length: contentLength });
  if (body.length !== undefined) return body;
  const chunks: Buffer[] = [];
  const stream = body.open();
  for await (const chunk of Buffer.isBuffer(stream) ? [stream] : (stream as Readable)) chunks.push(Buffer.from(chunk as Uint8Array));
  return toBody(Buffer.concat(chunks));
}

export interface PutObjectRequest extends ObjectRequest, ObjectHeaderParams {
  /** string, Buffer, Uint8Array, Blob, Node Readable, fs.ReadStream (replayable on retry), web ReadableStream, async iterable. */
  /** Also a core `Body` (`{ length, replayable, open() }`), as the transfer engine hands parts over. */
  Body?: BodyInput | Body;
  /** Base64 MD5 of the body; OOS refuses the object (BadDigest) when it differs. */
  ContentMD5?: string;
  /** Byte length of a stream Body. */
  ContentLength?: number;
}

export interface PutObjectOutput extends OosResponse {
  ETag?: string;
  VersionId?: string;
  Expiration?: string;
}

export const put_object = define<PutObjectRequest, PutObjectOutput>(
  spec(['Bucket', 'Key'], { Bucket: 'string', Key: 'string', Body: 'body', ContentMD5: 'string', ContentLength: 'integer', ...OBJECT_HEADER_TYPES }),
  async (ctx, p) => {
    const headers = objectHeaders(p);
    if (p.ContentMD5 !== undefined) headers['Content-MD5'] = p.ContentMD5;
    const body = await sendableBody(p.Body, p.ContentLength);
    const res = await ctx.http.send({ op: 'PutObject', method: 'PUT', bucket: p.Bucket, key: p.Key, headers, body, signal: p.AbortSignal });
    return defined({
      ETag: res.headers['etag'],
      VersionId: res.headers['x-amz-version-id'],
      Expiration: res.headers['x-amz-expiration'],
      ResponseMetadata: responseMetadata(res),
    });
  },
);

export interface GetObjectRequest extends ObjectRequest, ConditionParams {
  /** `bytes=0-99` */
  Range?: string;
  ResponseCacheControl?: string;
  ResponseContentDisposition?: string;
  ResponseContentEncoding?: string;
  ResponseContentLanguage?: string;
  ResponseContentType?: string;
  ResponseExpires?: Date | string;
}

export interface GetObjectOutput extends OosResponse, ObjectHeadersOutput {
  /** Read with `await Body.read()`, `await Body.read(4096)` or `for await (const chunk of Body)`. */
  Body: StreamingBody;
}

/** get_object parameters that travel as `response-*` query parameters (also used by presigned URLs). */
export const OVERRIDES: Array<[keyof GetObjectRequest, string]> = [
  ['ResponseCacheControl', 'response-cache-control'],
  ['ResponseContentDisposition', 'response-content-disposition'],
  ['ResponseContentEncoding', 'response-content-encoding'],
  ['ResponseContentLanguage', 'response-content-language'],
  ['ResponseContentType', 'response-content-type'],
  ['ResponseExpires', 'response-expires'],
];

export const get_object = define<GetObjectRequest, GetObjectOutput>(
  spec(['Bucket', 'Key'], {
    Bucket: 'string',
    Key: 'string',
    Range: 'string',
    ...CONDITION_TYPES,
    ResponseCacheControl: 'string',
    ResponseContentDisposition: 'string',
    ResponseContentEncoding: 'string',
    ResponseContentLanguage: 'string',
    ResponseContentType: 'string',
    ResponseExpires: 'date',
  }),
  async (ctx, p) => {
    const headers = conditionHeaders(p);
    if (p.Range !== undefined) headers['Range'] = p.Range;
    const query: Array<[string, string]> = [];
    for (const [param, name] of OVERRIDES) {
      const v = p[param];
      if (v !== undefined) query.push([name, v instanceof Date ? v.toUTCString() : String(v)]);
    }
    const res = await ctx.http.stream({ op: 'GetObject', method: 'GET', bucket: p.Bucket, key: p.Key, headers, query, signal: p.AbortSignal });
    const out = objectHeadersOutput(res.headers);
    // Body.read() after a reset midway reads the same object again (If-Match: the ETag already reported).
    const reread = async (): Promise<Buffer> => {
      // Built only when needed: most bodies are read without a reset.
      const again = out.ETag !== undefined && p.IfMatch === undefined ? { ...headers, 'If-Match': out.ETag } : headers;
      const limit = out.ContentLength === undefined ? undefined : out.ContentLength + 1;
      const options = limit === undefined ? {} : { limit };
      return (await ctx.http.read({ op: 'GetObject', method: 'GET', bucket: p.Bucket, key: p.Key, headers: again, query, signal: p.AbortSignal }, options))
        .body;
    };
    // Object.assign, not a spread: adding to a spread copy is a slow path on Node 20.
    return Object.assign(out, { Body: new StreamingBody(res.body, out.ContentLength, reread), ResponseMetadata: responseMetadata(res) });
  },
);

export interface HeadObjectRequest extends ObjectRequest, ConditionParams {
  /** `bytes=0-99`: Content-Length then describes the range. */
  Range?: string;
}

export interface HeadObjectOutput extends OosResponse, ObjectHeadersOutput {}

export const head_object = define<HeadObjectRequest, HeadObjectOutput>(
  spec(['Bucket', 'Key'], { Bucket: 'string', Key: 'string', Range: 'string', ...CONDITION_TYPES }),
  async (ctx, p) => {
    const headers = conditionHeaders(p);
    if (p.Range !== undefined) headers['Range'] = p.Range;
    const res = await ctx.http.send({ op: 'HeadObject', method: 'HEAD', bucket: p.Bucket, key: p.Key, headers, signal: p.AbortSignal });
    return Object.assign(objectHeadersOutput(res.headers), { ResponseMetadata: responseMetadata(res) });
  },
);

export const delete_object = define<ObjectRequest, OosResponse>(spec(['Bucket', 'Key'], { Bucket: 'string', Key: 'string' }), async (ctx, p) => {
  const res = await ctx.http.send({ op: 'DeleteObject', method: 'DELETE', bucket: p.Bucket, key: p.Key, signal: p.AbortSignal });
  return metadataOnly(res);
});

export interface CopyObjectRequest extends ObjectRequest, ObjectHeaderParams {
  CopySource: CopySource;
  /** Seed 2.3.5 lists it (botocore's CopyObject does not): sent as `Content-MD5`. */
  ContentMD5?: string;
  /** `COPY` (default: keep the source's metadata) or `REPLACE` (take the headers of this request). */
  MetadataDirective?: 'COPY' | 'REPLACE';
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: Date | string;
  CopySourceIfUnmodifiedSince?: Date | string;
}

export interface CopyResult {
  ETag?: string;
  LastModified?: Date;
}

export interface CopyObjectOutput extends OosResponse {
  CopyObjectResult: CopyResult;
  /** `x-amz-expiration` when a lifecycle rule applies to the new object, as botocore. */
  Expiration?: string;
  VersionId?: string;
}

export const copy_object = define<CopyObjectRequest, CopyObjectOutput>(
  spec(['Bucket', 'Key', 'CopySource'], {
    Bucket: 'string',
    Key: 'string',
    CopySource: 'copySource',
    MetadataDirective: 'string',
    ContentMD5: 'string',
    ...OBJECT_HEADER_TYPES,
    CopySourceIfMatch: 'string',
    CopySourceIfNoneMatch: 'string',
    CopySourceIfModifiedSince: 'date',
    CopySourceIfUnmodifiedSince: 'date',
  }),
  async (ctx, p) => {
    const headers: Record<string, string> = {
      ...objectHeaders(p),
      ...conditionHeaders(
        defined({
          IfMatch: p.CopySourceIfMatch,
          IfNoneMatch: p.CopySourceIfNoneMatch,
          IfModifiedSince: p.CopySourceIfModifiedSince,
          IfUnmodifiedSince: p.CopySourceIfUnmodifiedSince,
        }),
        'x-amz-copy-source-',
      ),
      'x-amz-copy-source': copySourceHeader(p.CopySource, encodeKeyPath),
    };
    if (p.MetadataDirective !== undefined) headers['x-amz-metadata-directive'] = p.MetadataDirective;
    if (p.ContentMD5 !== undefined) headers['Content-MD5'] = p.ContentMD5;
    const { result: body, ...res } = await ctx.http.parse(
      { op: 'CopyObject', method: 'PUT', bucket: p.Bucket, key: p.Key, headers, signal: p.AbortSignal },
      xmlResult('CopyObjectResult'),
      { embeddedError: true },
    );
    return defined({
      CopyObjectResult: defined({ ETag: str(body['ETag']), LastModified: date(body['LastModified']) }),
      Expiration: res.headers['x-amz-expiration'],
      VersionId: res.headers['x-amz-version-id'],
      ResponseMetadata: responseMetadata(res),
    });
  },
);

export interface DeleteObjectsRequest {
  Bucket: string;
  Delete: { Objects: Array<{ Key: string; VersionId?: string }>; Quiet?: boolean };
}

export interface DeleteObjectsOutput extends OosResponse {
  /** Absent when none (botocore); Quiet mode lists only failures. */
  Deleted?: Array<{ Key?: string; VersionId?: string }>;
  /** botocore's plural list of the `<Error>` elements. */
  Errors?: Array<{ Key?: string; Code?: string; Message?: string }>;
}

/** Seed 2.3.12: `Objects` of `{ Key }` (1 to 1000), `Quiet` a boolean. */
const DELETE: Shape = {
  kind: 'struct',
  required: ['Objects'],
  members: {
    Objects: { kind: 'list', min: 1, max: 1000, member: { kind: 'struct', required: ['Key'], members: { Key: STRING, VersionId: STRING } } },
    Quiet: BOOLEAN,
  },
};

export const delete_objects = define<DeleteObjectsRequest, DeleteObjectsOutput>(
  spec(['Bucket', 'Delete'], { Bucket: 'string', Delete: 'object' }),
  async (ctx, p) => {
    checkShape(p.Delete, DELETE, 'Delete');
    const objects = p.Delete.Objects;
    if (objects.some((o) => o.Key === '')) throw new ParamValidationError('Delete.Objects must hold 1 to 1000 entries, each with a non-empty Key');
    const xml = buildXml('Delete', {
      Quiet: p.Delete.Quiet === undefined ? undefined : String(p.Delete.Quiet),
      Object: objects.map((o) => ({ Key: o.Key, VersionId: o.VersionId })),
    });
    // Content-MD5 is mandatory for this call.
    const { result: body, ...res } = await ctx.http.parse(
      {
        op: 'DeleteObjects',
        method: 'POST',
        bucket: p.Bucket,
        query: [['delete', '']],
        signal: p.AbortSignal,
        headers: { 'Content-Type': 'application/xml', 'Content-MD5': md5Base64(xml) },
        body: await toBody(xml),
      },
      xmlResult('DeleteResult', ['Deleted', 'Error']),
    );
    const deleted = list(body['Deleted']).map((d) => defined({ Key: str(d['Key']), VersionId: str(d['VersionId']) }));
    const errors = list(body['Error']).map((e) => defined({ Key: str(e['Key']), Code: str(e['Code']), Message: str(e['Message']) }));
    return defined({
      Deleted: deleted.length > 0 ? deleted : undefined,
      Errors: errors.length > 0 ? errors : undefined,
      ResponseMetadata: responseMetadata(res),
    });
  },
);

/** Not in the seed; botocore's names, handy for ACL checks on objects. */
/** get_object_acl answers as get_bucket_acl does. */
export type GetObjectAclOutput = GetBucketAclOutput;

export interface PutObjectAclRequest extends ObjectRequest {
  /** `private`, `public-read` or `public-read-write`. */
  ACL: CannedAcl;
}

export const get_object_acl = define<ObjectRequest, GetObjectAclOutput>(spec(['Bucket', 'Key'], { Bucket: 'string', Key: 'string' }), async (ctx, p) => {
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'GetObjectAcl', method: 'GET', bucket: p.Bucket, key: p.Key, query: [['acl', '']], signal: p.AbortSignal },
    xmlResult('AccessControlPolicy', ['AccessControlList.Grant']),
  );
  return { Owner: owner(body['Owner']), Grants: parseGrants(body), ResponseMetadata: responseMetadata(res) };
});

export const put_object_acl = define<PutObjectAclRequest, OosResponse>(
  spec(['Bucket', 'Key', 'ACL'], { Bucket: 'string', Key: 'string', ACL: 'string' }),
  async (ctx, p) => {
    const res = await ctx.http.send({
      op: 'PutObjectAcl',
      method: 'PUT',
      bucket: p.Bucket,
      key: p.Key,
      query: [['acl', '']],
      headers: { 'x-amz-acl': p.ACL },
      signal: p.AbortSignal,
    });
    return metadataOnly(res);
  },
);
