/** List Multipart Uploads and List Parts. */
import { compareKeys } from '../../common/keys.ts';
import { iso8601 } from '../../common/time.ts';
import type { BucketRecord, UploadRecord } from '../../store/types.ts';
import { ownerId } from './acl.ts';
import { cosErrors } from './errors.ts';
import { param, sendXml, type CosExchange } from './exchange.ts';
import { quoteEtag } from './headers.ts';
import { encoderOf, maxOf } from './listing.ts';
import { loadUpload } from './multipart.ts';

function byKeyThenId(a: UploadRecord, b: UploadRecord): number {
  return compareKeys(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : a.uploadId > b.uploadId ? 1 : 0);
}

function person(owner: string): { ID: string; DisplayName: string } {
  return { ID: ownerId(owner), DisplayName: owner };
}

export async function listMultipartUploads(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const { encodingType, enc } = encoderOf(ex);
  const prefix = param(ex, 'prefix') ?? '';
  const delimiter = param(ex, 'delimiter') ?? '';
  const keyMarker = param(ex, 'key-marker') ?? '';
  const uploadIdMarker = param(ex, 'upload-id-marker') ?? '';
  const maxUploads = maxOf(ex, 'max-uploads');

  const all = (await ex.ctx.store.listUploads(bucket.name))
    .filter((u) => u.key.startsWith(prefix))
    .filter((u) => {
      if (keyMarker === '') return true;
      const c = compareKeys(u.key, keyMarker);
      // With an upload-id marker, later uploads of the marker key still count.
      return c > 0 || (c === 0 && uploadIdMarker !== '' && u.uploadId > uploadIdMarker);
    })
    .sort(byKeyThenId);

  const uploads: UploadRecord[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let lastUpload: UploadRecord | undefined;
  let lastPrefix: string | undefined;
  for (const u of all) {
    const at = delimiter === '' ? -1 : u.key.indexOf(delimiter, prefix.length);
    const rolled = at < 0 ? undefined : u.key.slice(0, at + delimiter.length);
    if (rolled !== undefined && (rolled === lastPrefix || (keyMarker !== '' && compareKeys(rolled, keyMarker) <= 0))) continue;
    if (uploads.length + prefixes.length >= maxUploads) {
      truncated = true;
      break;
    }
    if (rolled !== undefined) {
      prefixes.push(rolled);
      lastPrefix = rolled;
      lastUpload = undefined;
    } else {
      uploads.push(u);
      lastUpload = u;
      lastPrefix = undefined;
    }
  }
  const nextKey = lastUpload?.key ?? lastPrefix;
  sendXml(ex, 'ListMultipartUploadsResult', {
    Bucket: bucket.name,
    EncodingType: encodingType,
    KeyMarker: enc(keyMarker),
    UploadIdMarker: uploadIdMarker,
    NextKeyMarker: truncated && nextKey !== undefined ? enc(nextKey) : undefined,
    NextUploadIdMarker: truncated ? (lastUpload?.uploadId ?? '') : undefined,
    MaxUploads: maxUploads,
    IsTruncated: truncated ? 'true' : 'false',
    Prefix: enc(prefix),
    Delimiter: delimiter === '' ? undefined : enc(delimiter),
    Upload: uploads.map((u) => ({
      Key: enc(u.key),
      UploadId: u.uploadId,
      StorageClass: u.options.storageClass ?? 'STANDARD',
      Initiator: person(u.owner),
      Owner: person(bucket.owner),
      Initiated: iso8601(u.initiated),
    })),
    CommonPrefixes: prefixes.map((p) => ({ Prefix: enc(p) })),
  });
}

export async function listParts(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const upload = await loadUpload(ex, bucket);
  const { encodingType, enc } = encoderOf(ex);
  const markerRaw = param(ex, 'part-number-marker') ?? '';
  if (markerRaw !== '' && !/^\d+$/.test(markerRaw)) throw cosErrors.invalidArgument('part-number-marker must be an integer');
  const marker = markerRaw === '' ? 0 : Number(markerRaw);
  const maxParts = maxOf(ex, 'max-parts');
  const parts = (await ex.ctx.store.listParts(upload.uploadId)).filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const page = parts.slice(0, maxParts);
  const truncated = parts.length > page.length;
  sendXml(ex, 'ListPartsResult', {
    Bucket: bucket.name,
    EncodingType: encodingType,
    Key: enc(upload.key),
    UploadId: upload.uploadId,
    Initiator: person(upload.owner),
    Owner: person(bucket.owner),
    PartNumberMarker: marker,
    NextPartNumberMarker: page.length > 0 ? page[page.length - 1]!.partNumber : marker,
    MaxParts: maxParts,
    IsTruncated: truncated ? 'true' : 'false',
    StorageClass: upload.options.storageClass ?? 'STANDARD',
    Part: page.map((p) => ({ PartNumber: p.partNumber, LastModified: iso8601(p.lastModified), ETag: quoteEtag(p.etag), Size: p.size })),
  });
}
