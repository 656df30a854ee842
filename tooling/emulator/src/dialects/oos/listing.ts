/** Bucket listings: objects (GET Bucket) and in-progress multipart uploads. */
import { encodeKeyPath } from '@yunstore/core';
import { compareKeys } from '../../common/keys.ts';
import { listPage } from '../../common/listing.ts';
import type { UploadRecord } from '../../store/types.ts';
import { bucketName, requireBucket, type Op } from './context.ts';
import { errors } from './errors.ts';
import { quoteEtag, sendXml, xmlTime } from './respond.ts';

function intParam(op: Op, name: string, fallback: number, max: number): number {
  const raw = op.target.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw errors.invalidArgument(`Provided ${name} not an integer or within integer range`);
  return Math.min(Number(raw), max);
}

/** `encoding-type=url`: keys and prefixes percent-encoded (`/` kept), as S3 does for keys with control characters. */
function encoder(op: Op): (s: string) => string {
  const type = op.target.query.get('encoding-type');
  if (type === null) return (s) => s;
  if (type !== 'url') throw errors.invalidArgument('Invalid Encoding Method specified in Request');
  return encodeKeyPath;
}

function owner(id: string): Record<string, string> {
  return { ID: id, DisplayName: id };
}

export async function listObjects(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'read');
  const q = op.target.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const marker = q.get('marker') ?? '';
  const maxKeys = intParam(op, 'max-keys', 1000, 1000);
  const enc = encoder(op);
  const page = await listPage(op.ctx.store, bucket.name, { prefix, delimiter, marker, maxKeys });
  const body: Record<string, unknown> = {
    Name: bucket.name,
    Prefix: enc(prefix),
    Marker: enc(marker),
    MaxKeys: maxKeys,
  };
  if (delimiter !== '') body['Delimiter'] = enc(delimiter);
  if (q.has('encoding-type')) body['EncodingType'] = 'url';
  body['IsTruncated'] = page.isTruncated;
  if (page.isTruncated && page.nextMarker !== undefined) body['NextMarker'] = enc(page.nextMarker);
  body['Contents'] = page.contents.map((o) => ({
    Key: enc(o.key),
    LastModified: xmlTime(o.lastModified),
    ETag: quoteEtag(o.etag),
    Size: o.size,
    Owner: owner(bucket.owner),
    StorageClass: o.storageClass || 'STANDARD',
  }));
  body['CommonPrefixes'] = page.commonPrefixes.map((p) => ({ Prefix: enc(p) }));
  sendXml(op.reply, 'ListBucketResult', body);
}

function afterMarkers(u: UploadRecord, keyMarker: string, uploadIdMarker: string): boolean {
  if (keyMarker === '') return true;
  const c = compareKeys(u.key, keyMarker);
  // With an upload-id-marker, uploads of the marker key after that id are included (seed 2.2.11).
  if (c === 0) return uploadIdMarker !== '' && u.uploadId > uploadIdMarker;
  return c > 0;
}

export async function listMultipartUploads(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'read');
  const q = op.target.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const uploadIdMarker = keyMarker === '' ? '' : (q.get('upload-id-marker') ?? '');
  const maxUploads = intParam(op, 'max-uploads', 1000, 1000);
  const enc = encoder(op);
  const all = (await op.ctx.store.listUploads(bucketName(op)))
    .filter((u) => u.key.startsWith(prefix) && afterMarkers(u, keyMarker, uploadIdMarker))
    .sort((a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime() || (a.uploadId < b.uploadId ? -1 : 1));

  const uploads: UploadRecord[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let lastKey = '';
  let lastId = '';
  for (const u of all) {
    const at = delimiter === '' ? -1 : u.key.indexOf(delimiter, prefix.length);
    const common = at < 0 ? undefined : u.key.slice(0, at + delimiter.length);
    if (common !== undefined && prefixes.at(-1) === common) continue;
    if (uploads.length + prefixes.length >= maxUploads) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      lastKey = common;
      lastId = '';
    } else {
      uploads.push(u);
      lastKey = u.key;
      lastId = u.uploadId;
    }
  }
  const body: Record<string, unknown> = {
    Bucket: bucket.name,
    KeyMarker: enc(keyMarker),
    UploadIdMarker: uploadIdMarker,
    NextKeyMarker: truncated ? enc(lastKey) : '',
    NextUploadIdMarker: truncated ? lastId : '',
    MaxUploads: maxUploads,
    IsTruncated: truncated,
  };
  if (prefix !== '') body['Prefix'] = enc(prefix);
  if (delimiter !== '') body['Delimiter'] = enc(delimiter);
  body['Upload'] = uploads.map((u) => ({
    Key: enc(u.key),
    UploadId: u.uploadId,
    Initiator: owner(u.owner),
    Owner: owner(u.owner),
    StorageClass: u.options.storageClass ?? 'STANDARD',
    Initiated: xmlTime(u.initiated),
  }));
  body['CommonPrefixes'] = prefixes.map((p) => ({ Prefix: enc(p) }));
  sendXml(op.reply, 'ListMultipartUploadsResult', body);
}
