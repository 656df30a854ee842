/**
 * The `TransferAdapter` behind the encryption client's upload_file and
 * download_file: the engine's calls become the plain client's public
 * methods, with every part encrypted at its own offset
 * (`(partNumber - 1) × partSize`) and every ranged GET decrypted at its start.
 *
 * It reports no CRC-64 to the engine: COS's CRC-64 describes the ciphertext,
 * and the engine hashes the plaintext it reads or writes.
 */
import { cosClassify, cosMalformed, GET_KWARGS, HEAD_KWARGS, PART_KWARGS, partsPageOf, pick, WRITE_KWARGS } from '../transfer-adapter.ts';
import type { Readable } from 'node:stream';
import type { Body } from '@yunstore/core';
import type { CheckpointStore, CompleteResult, TransferAdapter, TransferLimits } from '@yunstore/transfer';
import type { CosS3Client } from '../client.ts';
import { CosClientError } from '../errors.ts';
import type { CosBodyInput } from '../operations/object-body.ts';
import { encryptingBody } from './body.ts';
import { ctrTransform } from './ctr.ts';
import { envelopeMetadata, newDataEnvelope, strictBase64, wrappedEnvelopeOf, type DataEnvelope, type WrappedEnvelope } from './envelope.ts';
import { withEnvelopeMetadata } from './params.ts';
import type { EncryptionProvider } from './provider.ts';
import { bodyOffset } from './range.ts';

const MiB = 1024 * 1024;
/** COS: parts 1..10000, 1 MiB..5 GiB each (the last may be smaller). */
export const ENCRYPTED_LIMITS: TransferLimits = { maxParts: 10_000, minPartSize: MiB, maxPartSize: 5 * 1024 * MiB, maxSingleCopy: 5 * 1024 * MiB };

/** What complete / putObject give back: the plain client's dict, whole. */
export interface EncryptedTransferResult extends CompleteResult {
  response: Record<string, unknown>;
}

export interface EncryptedAdapterInit {
  plain: CosS3Client;
  provider: EncryptionProvider;
  /** The high-level call's keyword arguments. */
  kwargs: Record<string, unknown>;
  /** For uploads: the file size and the part size the engine plans with, to place each part. */
  upload?: { size: number; partSize: number };
}

/** The adapter plus the hooks the checkpoint wrapper needs. */
export interface EncryptedAdapter extends TransferAdapter<EncryptedTransferResult> {
  /** The wrapped envelope of an upload this adapter started (for the resume record). */
  wrappedFor(uploadId: string): WrappedEnvelope | undefined;
  /** Takes over an upload from a resume record; throws when the provider cannot unwrap its key. */
  adopt(uploadId: string, wrapped: WrappedEnvelope, key: string): void;
}

function resultOf(res: Record<string, unknown>): EncryptedTransferResult {
  const etag = res['ETag'];
  return { response: res, ...(typeof etag === 'string' ? { etag } : {}) };
}

/** Builds the adapter for one upload_file / download_file call. */
export function encryptedTransferAdapter(init: EncryptedAdapterInit): EncryptedAdapter {
  const { plain, provider, kwargs } = init;
  const uploads = new Map<string, { envelope: DataEnvelope; wrapped: WrappedEnvelope }>();
  let download: { etag: string; envelope: DataEnvelope } | undefined;

  const seal = (): { envelope: DataEnvelope; wrapped: WrappedEnvelope; Metadata: Record<string, string> } => {
    const envelope = newDataEnvelope();
    const wrapped = provider.wrap(envelope);
    return { envelope, wrapped, Metadata: withEnvelopeMetadata(kwargs['Metadata'], envelopeMetadata(wrapped)) };
  };

  const headEnvelope = async (bucket: string, key: string, signal: AbortSignal, versionId?: string): Promise<Record<string, string | undefined>> => {
    const res = await plain.head_object({
      ...pick(kwargs, HEAD_KWARGS),
      Bucket: bucket,
      Key: key,
      ...(versionId !== undefined ? { VersionId: versionId } : {}),
      signal,
    });
    const envelope = provider.unwrap(wrappedEnvelopeOf(res, 'download_file', key), { op: 'download_file', key });
    download = { etag: res['ETag'] ?? '', envelope };
    return res;
  };

  return {
    limits: ENCRYPTED_LIMITS,
    classify: cosClassify,
    malformed: cosMalformed,

    wrappedFor: (uploadId) => uploads.get(uploadId)?.wrapped,
    adopt(uploadId, wrapped, key) {
      uploads.set(uploadId, { envelope: provider.unwrap(wrapped, { op: 'upload_file', key }), wrapped });
    },

    async initiate({ bucket, key, signal }) {
      const { envelope, wrapped, Metadata } = seal();
      const res = await plain.create_multipart_upload({ ...pick(kwargs, WRITE_KWARGS), Metadata, Bucket: bucket, Key: key, signal });
      uploads.set(res.UploadId, { envelope, wrapped });
      return { uploadId: res.UploadId };
    },

    async uploadPart({ bucket, key, uploadId, partNumber, body, length, signal }) {
      const state = uploads.get(uploadId);
      if (!state || !init.upload) throw new CosClientError(`upload_file: no data key for upload ${uploadId}`, { code: 'UnknownEncryptedUpload' });
      const { size, partSize } = init.upload;
      const offset = (partNumber - 1) * partSize;
      // A part that is not where the plan puts it would decrypt to garbage: refuse rather than corrupt.
      const expected = Math.min(partSize, size - offset);
      if (length !== expected || (body.length !== undefined && body.length !== length)) {
        throw new CosClientError(`upload_file: part ${partNumber} has ${length} bytes, the plan says ${expected}`, { code: 'InvalidPartPlan' });
      }
      const res = await plain.upload_part({
        ...pick(kwargs, PART_KWARGS),
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: encryptingBody(body, state.envelope, offset, { op: 'upload_part' }) as unknown as CosBodyInput,
        signal,
      });
      return { etag: typeof res['ETag'] === 'string' ? res['ETag'] : '' };
    },

    async complete({ bucket, key, uploadId, parts, signal }) {
      const res = await plain.complete_multipart_upload({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Part: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        signal,
      });
      uploads.delete(uploadId);
      return resultOf(res);
    },

    async abort({ bucket, key, uploadId, signal }) {
      try {
        await plain.abort_multipart_upload({ Bucket: bucket, Key: key, UploadId: uploadId, signal });
      } finally {
        uploads.delete(uploadId);
      }
    },

    async listPartsPage({ bucket, key, uploadId, marker, signal }) {
      return partsPageOf(await plain.list_parts({ Bucket: bucket, Key: key, UploadId: uploadId, MaxParts: 1000, PartNumberMarker: marker, signal }));
    },

    async head({ bucket, key, versionId, signal }) {
      const res = await headEnvelope(bucket, key, signal, versionId);
      const length = res['Content-Length'];
      const etag = res['ETag'];
      if (length === undefined || !/^\d+$/.test(length) || etag === undefined) {
        throw new CosClientError(`head_object of '${key}' returned no Content-Length or ETag (304 Not Modified?)`, { code: 'NotModified' });
      }
      // No crc64: it is the ciphertext's, and the engine would compare it with the plaintext it writes.
      return { size: Number(length), etag, lastModified: res['Last-Modified'] ?? '' };
    },

    async getRange({ bucket, key, start, end, ifMatch, signal }): Promise<Readable> {
      if (!download) await headEnvelope(bucket, key, signal);
      const envelope = (download as { envelope: DataEnvelope }).envelope;
      const res = await plain.get_object({
        ...pick(kwargs, GET_KWARGS),
        Bucket: bucket,
        Key: key,
        Range: `bytes=${start}-${end}`,
        ...(ifMatch !== undefined ? { IfMatch: ifMatch } : {}),
        EnableCRC: false,
        signal,
      });
      const source = res.Body.get_raw_stream();
      const decrypt = ctrTransform(envelope.dataKey, envelope.iv, bodyOffset(res, 'get_object'));
      source.on('error', (error: Error) => decrypt.destroy(error));
      return source.pipe(decrypt);
    },

    async putObject({ bucket, key, body, signal }: { bucket: string; key: string; body: Body; signal: AbortSignal }) {
      const { envelope, Metadata } = seal();
      const res = await plain.put_object({
        ...pick(kwargs, [...WRITE_KWARGS, ...PART_KWARGS]),
        Metadata,
        Bucket: bucket,
        Key: key,
        Body: encryptingBody(body, envelope, 0, { op: 'put_object' }) as unknown as CosBodyInput,
        signal,
      });
      return resultOf(res);
    },
  };
}

/** What the wrapper adds to an upload's resume record: the wrapped data key (safe to store: only the master key opens it). */
interface EnvelopeRecord {
  key: string;
  iv: string;
}

function uploadIdOf(record: unknown): string | undefined {
  const id = (record as { uploadId?: unknown } | null)?.uploadId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Wraps the caller's checkpoint store: records live under `cse-<id>`, apart
 * from the plain client's (whose parts are not encrypted, and which must not
 * resume ours), and an upload's record carries its wrapped data key, so a
 * resumed upload encrypts its remaining parts with the key of the parts
 * already sent. A record whose key this provider cannot unwrap is dropped,
 * and its multipart upload aborted.
 */
export function encryptedCheckpointStore(inner: CheckpointStore, adapter: EncryptedAdapter): CheckpointStore {
  const name = (id: string): string => `cse-${id}`;
  return {
    async load(id) {
      const record = await inner.load(name(id));
      const uploadId = uploadIdOf(record);
      if (uploadId === undefined) return record;
      const r = record as { cse?: Partial<EnvelopeRecord>; bucket?: unknown; key?: unknown };
      const wrappedKey = typeof r.cse?.key === 'string' ? strictBase64(r.cse.key) : undefined;
      const wrappedIv = typeof r.cse?.iv === 'string' ? strictBase64(r.cse.iv) : undefined;
      try {
        if (!wrappedKey || !wrappedIv) throw new Error('no data key in the record');
        adapter.adopt(uploadId, { wrappedKey, wrappedIv }, String(r.key));
        return record;
      } catch {
        if (typeof r.bucket === 'string' && typeof r.key === 'string') {
          await adapter.abort({ bucket: r.bucket, key: r.key, uploadId, signal: new AbortController().signal }).catch(() => undefined);
        }
        await inner.remove(name(id));
        return undefined;
      }
    },
    async save(id, record) {
      const uploadId = uploadIdOf(record);
      const wrapped = uploadId === undefined ? undefined : adapter.wrappedFor(uploadId);
      const cse: EnvelopeRecord | undefined = wrapped && { key: wrapped.wrappedKey.toString('base64'), iv: wrapped.wrappedIv.toString('base64') };
      await inner.save(name(id), cse ? { ...(record as object), cse } : record);
    },
    remove: (id) => inner.remove(name(id)),
  };
}
