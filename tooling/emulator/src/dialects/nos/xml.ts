import { buildXml } from '@yunstore/core';
import type { BucketRecord, ObjectRecord, PartRecord, UploadRecord } from '../../store/types.ts';

/**
 * NOS response documents (protocol §9), as pure functions of store records.
 * Element names are NOS's own: `ETag` and `NextMarker` (the seed's `Etag` /
 * `NextMark` spellings are typos the vendor parsers do not read).
 */

const NS = 'http://doc.nos.netease.com/2012-03-01';

/** A NOS document; `xmlns` is the namespace NOS puts on listings (an `@_` key: core's builder writes it as an attribute). */
function withDeclaration(root: string, body: Record<string, unknown>, xmlns?: string): string {
  return buildXml(root, xmlns === undefined ? body : { '@_xmlns': xmlns, ...body }, { declaration: true });
}

const owner = (id: string) => ({ ID: id, DisplayName: id });

export interface ListObjectsXmlInput {
  bucket: BucketRecord;
  prefix: string;
  marker: string;
  maxKeys: number;
  delimiter: string | undefined;
  contents: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextMarker: string | undefined;
}

export function listBucketResultXml(p: ListObjectsXmlInput): string {
  return withDeclaration(
    'ListBucketResult',
    {
      Name: p.bucket.name,
      Prefix: p.prefix,
      Marker: p.marker,
      MaxKeys: p.maxKeys,
      NextMarker: p.isTruncated ? p.nextMarker : undefined,
      IsTruncated: p.isTruncated,
      Delimiter: p.delimiter,
      Contents: p.contents.map((o) => ({
        Key: o.key,
        LastModified: o.lastModified.toISOString(),
        ETag: o.etag,
        Size: o.size,
        StorageClass: o.storageClass || 'Standard',
        Owner: owner(p.bucket.owner),
      })),
      CommonPrefixes: p.commonPrefixes.map((prefix) => ({ Prefix: prefix })),
    },
    NS,
  );
}

export function listAllMyBucketsXml(ownerId: string, buckets: BucketRecord[]): string {
  return withDeclaration('ListAllMyBucketsResult', {
    Owner: owner(ownerId),
    Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: b.createdAt.toISOString() })) },
  });
}

export function deleteResultXml(deleted: string[], errors: Array<{ key: string; code: string; message: string }>): string {
  return withDeclaration('DeleteResult', {
    Deleted: deleted.map((key) => ({ Key: key })),
    Error: errors.map((e) => ({ Key: e.key, Code: e.code, Message: e.message })),
  });
}

export function initiateResultXml(upload: UploadRecord): string {
  return withDeclaration('InitiateMultipartUploadResult', { Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId });
}

export function completeResultXml(location: string, object: ObjectRecord): string {
  return withDeclaration('CompleteMultipartUploadResult', {
    Location: location,
    Bucket: object.bucket,
    Key: object.key,
    ETag: `"${object.etag}"`,
  });
}

export interface ListPartsXmlInput {
  upload: UploadRecord;
  parts: PartRecord[];
  partNumberMarker: number;
  maxParts: number;
  isTruncated: boolean;
  storageClass: string;
}

export function listPartsXml(p: ListPartsXmlInput): string {
  const last = p.parts[p.parts.length - 1];
  return withDeclaration('ListPartsResult', {
    Bucket: p.upload.bucket,
    Key: p.upload.key,
    UploadId: p.upload.uploadId,
    Owner: owner(p.upload.owner),
    StorageClass: p.storageClass,
    PartNumberMarker: p.partNumberMarker,
    NextPartNumberMarker: last ? last.partNumber : p.partNumberMarker,
    MaxParts: p.maxParts,
    IsTruncated: p.isTruncated,
    Part: p.parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: part.lastModified.toISOString(),
      ETag: `"${part.etag}"`,
      Size: part.size,
    })),
  });
}

export interface ListUploadsXmlInput {
  bucket: string;
  keyMarker: string;
  prefix: string | undefined;
  maxUploads: number;
  uploads: UploadRecord[];
  isTruncated: boolean;
}

export function listUploadsXml(p: ListUploadsXmlInput): string {
  const last = p.uploads[p.uploads.length - 1];
  return withDeclaration('ListMultipartUploadsResult', {
    Bucket: p.bucket,
    KeyMarker: p.keyMarker,
    NextKeyMarker: p.isTruncated && last ? last.key : '',
    Prefix: p.prefix,
    MaxUploads: p.maxUploads,
    IsTruncated: p.isTruncated,
    Upload: p.uploads.map((u) => ({
      Key: u.key,
      UploadId: u.uploadId,
      Owner: owner(u.owner),
      StorageClass: u.options.storageClass ?? 'Standard',
      Initiated: u.initiated.toISOString(),
    })),
  });
}
