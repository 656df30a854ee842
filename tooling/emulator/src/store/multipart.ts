import type { Readable } from 'node:stream';
import { crc64Combine } from '@yunstore/core';
import { compareKeys } from '../common/keys.ts';
import { newUploadId } from '../common/ids.ts';
import { multipartEtag, type Digest } from './digest.ts';
import { requireBucket, requireUpload, type ObjectEntry, type StoreState } from './state.ts';
import type { ByteRange, ObjectRecord, ObjectRef, PartRecord, PutOptions, UploadRecord } from './types.ts';
import { StoreNotFoundError } from './types.ts';
import { requireSource } from './versions.ts';

type NewRecord = (bucket: string, key: string, digest: Digest, opts: PutOptions, now: Date) => ObjectRecord;

export async function createUpload<Ref>(state: StoreState<Ref>, bucket: string, key: string, owner: string, options: PutOptions): Promise<UploadRecord> {
  requireBucket(state, bucket);
  const now = state.now();
  const record: UploadRecord = { uploadId: newUploadId(now), bucket, key, initiated: now, owner, options: structuredClone(options) };
  await state.persistence?.saveUpload(record);
  state.uploads.set(record.uploadId, { record, parts: new Map() });
  return structuredClone(record);
}

export async function getUpload<Ref>(state: StoreState<Ref>, uploadId: string): Promise<UploadRecord | undefined> {
  const u = state.uploads.get(uploadId);
  return u && structuredClone(u.record);
}

export async function putPart<Ref>(
  state: StoreState<Ref>,
  uploadId: string,
  partNumber: number,
  body: Readable | Buffer,
  expectedMd5?: string,
  expectedLength?: number,
): Promise<PartRecord> {
  requireUpload(state, uploadId);
  const { ref, digest } = await state.blobs.write(body, { expectedMd5, expectedLength });
  return savePart(state, uploadId, partNumber, ref, digest);
}

export async function copyPart<Ref>(state: StoreState<Ref>, uploadId: string, partNumber: number, src: ObjectRef, range?: ByteRange): Promise<PartRecord> {
  requireUpload(state, uploadId);
  const source = requireSource(state, src);
  // Through a read and a write, because a part needs the MD5 and CRC of exactly its range.
  const stream = await state.blobs.read(source.ref, source.record.size, range);
  const { ref, digest } = await state.blobs.write(stream, {});
  return savePart(state, uploadId, partNumber, ref, digest);
}

async function savePart<Ref>(state: StoreState<Ref>, uploadId: string, partNumber: number, ref: Ref, digest: Digest): Promise<PartRecord> {
  const upload = state.uploads.get(uploadId);
  if (!upload) {
    // Aborted or completed while the body streamed in.
    await state.blobs.remove(ref);
    throw new StoreNotFoundError('upload', uploadId);
  }
  const part: PartRecord = { partNumber, size: digest.size, md5: digest.md5, etag: digest.md5, crc64: digest.crc64.toString(), lastModified: state.now() };
  await state.persistence?.savePart(uploadId, { part, ref });
  const old = upload.parts.get(partNumber);
  upload.parts.set(partNumber, { part, ref });
  if (old) await state.blobs.remove(old.ref);
  return { ...part };
}

export async function listParts<Ref>(state: StoreState<Ref>, uploadId: string): Promise<PartRecord[]> {
  const upload = requireUpload(state, uploadId);
  return [...upload.parts.values()].map((p) => ({ ...p.part })).sort((a, b) => a.partNumber - b.partNumber);
}

/** In-progress uploads of a bucket by key (UTF-8 order), then initiation time, then id. */
export async function listUploads<Ref>(state: StoreState<Ref>, bucket: string): Promise<UploadRecord[]> {
  requireBucket(state, bucket);
  return [...state.uploads.values()]
    .filter((u) => u.record.bucket === bucket)
    .map((u) => structuredClone(u.record))
    .sort((a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime() || compareKeys(a.uploadId, b.uploadId));
}

/**
 * Builds the completed object's bytes and record; the caller commits it and
 * then frees `partRefs`. The upload disappears first, so a part arriving
 * meanwhile is refused; if building fails the upload is put back.
 */
export async function completeUpload<Ref>(
  state: StoreState<Ref>,
  uploadId: string,
  partNumbers: number[],
  newRecord: NewRecord,
): Promise<{ entry: ObjectEntry<Ref>; partRefs: Ref[] }> {
  const upload = requireUpload(state, uploadId);
  if (partNumbers.length === 0) throw new StoreNotFoundError('part', `${uploadId}: no parts given`);
  const chosen = partNumbers.map((n) => {
    const p = upload.parts.get(n);
    if (!p) throw new StoreNotFoundError('part', `${uploadId}#${n}`);
    return p;
  });
  requireBucket(state, upload.record.bucket);
  state.uploads.delete(uploadId);
  let ref: Ref;
  try {
    ref = await state.blobs.concat(chosen.map((p) => ({ ref: p.ref, size: p.part.size })));
  } catch (err) {
    state.uploads.set(uploadId, upload);
    throw err;
  }
  await state.persistence?.removeUpload(uploadId);
  let crc = 0n;
  let size = 0;
  for (const p of chosen) {
    crc = size === 0 ? BigInt(p.part.crc64) : crc64Combine(crc, BigInt(p.part.crc64), p.part.size);
    size += p.part.size;
  }
  const { md5, etag } = multipartEtag(chosen.map((p) => p.part.md5));
  const { bucket, key, options } = upload.record;
  const record = newRecord(bucket, key, { size, md5, crc64: crc }, options, state.now());
  record.etag = etag;
  record.extra = { ...record.extra, partCount: chosen.length };
  return { entry: { record, ref }, partRefs: [...upload.parts.values()].map((p) => p.ref) };
}

export async function abortUpload<Ref>(state: StoreState<Ref>, uploadId: string): Promise<void> {
  const upload = requireUpload(state, uploadId);
  state.uploads.delete(uploadId);
  await state.persistence?.removeUpload(uploadId);
  for (const p of upload.parts.values()) await state.blobs.remove(p.ref);
}
