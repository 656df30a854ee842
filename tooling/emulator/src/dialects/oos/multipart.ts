/** Multipart upload: initiate, upload part, copy part, list parts, complete, abort. */
import { normalizeEtag } from '../../common/conditions.ts';
import type { ByteRange, UploadRecord } from '../../store/types.ts';
import { incomingBody } from './body.ts';
import { bucketName, children, objectKey, parseBodyXml, readSmallBody, requireBucket, text, type Op } from './context.ts';
import { errors, OosError } from './errors.ts';
import { copySource, putOptions } from './object.ts';
import { quoteEtag, sendEmpty, sendXml, xmlTime } from './respond.ts';

function owner(id: string): Record<string, string> {
  return { ID: id, DisplayName: id };
}

export async function createMultipartUpload(op: Op): Promise<void> {
  await requireBucket(op, 'write');
  const upload = await op.ctx.store.createUpload(bucketName(op), objectKey(op), op.caller?.key.owner ?? 'anonymous', putOptions(op));
  sendXml(op.reply, 'InitiateMultipartUploadResult', { Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId });
}

/** The upload named by `?uploadId=`, which must belong to this bucket and key. */
async function currentUpload(op: Op): Promise<UploadRecord> {
  await requireBucket(op, 'write');
  const id = op.target.query.get('uploadId') ?? '';
  const upload = id === '' ? undefined : await op.ctx.store.getUpload(id);
  if (!upload || upload.bucket !== bucketName(op) || upload.key !== objectKey(op)) throw errors.noSuchUpload();
  return upload;
}

function partNumber(op: Op): number {
  const raw = op.target.query.get('partNumber') ?? '';
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= 10000)) throw errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive');
  return n;
}

export async function uploadPart(op: Op): Promise<void> {
  const n = partNumber(op);
  const upload = await currentUpload(op);
  const { body, expectedMd5, expectedLength } = incomingBody(op);
  const part = await op.ctx.store.putPart(upload.uploadId, n, body, expectedMd5, expectedLength);
  op.reply.res.setHeader('ETag', quoteEtag(part.etag));
  sendEmpty(op.reply);
}

/** `x-amz-copy-source-range: bytes=first-last`, both inclusive and inside the source. */
function copyRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (!m)
    throw errors.invalidArgument(
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
    );
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start > end || end >= size) throw new OosError(400, 'InvalidRange', 'The requested range is not satisfiable');
  return { start, end };
}

export async function uploadPartCopy(op: Op): Promise<void> {
  const n = partNumber(op);
  const upload = await currentUpload(op);
  const src = await copySource(op);
  const range = copyRange(op.headers['x-amz-copy-source-range'], src.size);
  const part = await op.ctx.store.copyPart(upload.uploadId, n, { bucket: src.bucket, key: src.key }, range);
  sendXml(op.reply, 'CopyPartResult', { LastModified: xmlTime(part.lastModified), ETag: quoteEtag(part.etag) });
}

export async function listParts(op: Op): Promise<void> {
  const upload = await currentUpload(op);
  const q = op.target.query;
  const marker = Number(q.get('part-number-marker') ?? '0') || 0;
  const maxRaw = q.get('max-parts');
  const maxParts = maxRaw === null || maxRaw === '' ? 1000 : Math.min(Number(maxRaw), 1000);
  if (!Number.isInteger(maxParts) || maxParts < 0) throw errors.invalidArgument('Provided max-parts not an integer or within integer range');
  const all = (await op.ctx.store.listParts(upload.uploadId)).filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const parts = all.slice(0, maxParts);
  const truncated = all.length > parts.length;
  sendXml(op.reply, 'ListPartsResult', {
    Bucket: upload.bucket,
    Key: upload.key,
    UploadId: upload.uploadId,
    Initiator: owner(upload.owner),
    Owner: owner(upload.owner),
    StorageClass: upload.options.storageClass ?? 'STANDARD',
    PartNumberMarker: marker,
    NextPartNumberMarker: parts.at(-1)?.partNumber ?? 0,
    MaxParts: maxParts,
    IsTruncated: truncated,
    Part: parts.map((p) => ({ PartNumber: p.partNumber, LastModified: xmlTime(p.lastModified), ETag: quoteEtag(p.etag), Size: p.size })),
  });
}

/**
 * Validates the part list (ascending, each uploaded with that ETag, all but
 * the last at least `ctx.minPartSize`) and assembles the object.
 */
export async function completeMultipartUpload(op: Op): Promise<void> {
  const upload = await currentUpload(op);
  const root = parseBodyXml(await readSmallBody(op), 'CompleteMultipartUpload', ['CompleteMultipartUpload.Part']);
  const wanted = children(root, 'Part').map((p) => ({ n: Number(text(p, 'PartNumber')), etag: normalizeEtag(text(p, 'ETag')) }));
  if (wanted.length === 0)
    throw new OosError(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  const stored = new Map((await op.ctx.store.listParts(upload.uploadId)).map((p) => [p.partNumber, p]));
  let previous = 0;
  for (const [i, w] of wanted.entries()) {
    if (!Number.isInteger(w.n) || w.n <= previous) throw errors.invalidPartOrder();
    previous = w.n;
    const part = stored.get(w.n);
    if (!part || normalizeEtag(part.etag) !== w.etag) throw errors.invalidPart();
    if (i < wanted.length - 1 && part.size < op.ctx.minPartSize) throw errors.entityTooSmall();
  }
  const record = await op.ctx.store.completeUpload(
    upload.uploadId,
    wanted.map((w) => w.n),
  );
  const host = op.headers['host'] ?? 'localhost';
  sendXml(op.reply, 'CompleteMultipartUploadResult', {
    Location: `http://${host}/${record.bucket}/${record.key}`,
    Bucket: record.bucket,
    Key: record.key,
    ETag: quoteEtag(record.etag),
  });
}

export async function abortMultipartUpload(op: Op): Promise<void> {
  const upload = await currentUpload(op);
  await op.ctx.store.abortUpload(upload.uploadId);
  sendEmpty(op.reply, 204);
}
