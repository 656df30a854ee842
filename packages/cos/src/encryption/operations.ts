/**
 * The operations of CosEncryptionClient, each a function of the client's
 * state and the params object the facade made of the caller's arguments.
 * Every request goes through the plain client, which checks its closed
 * state, signs, retries and maps errors.
 */
import type { Readable } from 'node:stream';
import { fileBody, type Body } from '@yunstore/core';
import { StreamBody } from '../body.ts';
import type { CosS3Client } from '../client.ts';
import { CosClientError } from '../errors.ts';
import type {
  AbortMultipartUploadParams,
  CompleteMultipartUploadParams,
  CompleteMultipartUploadResponse,
  CreateMultipartUploadParams,
  CreateMultipartUploadResponse,
  UploadPartParams,
} from '../operations/multipart.ts';
import type { GetObjectParams, GetObjectResponse, PutObjectParams } from '../operations/object.ts';
import type { HeaderDict } from '../operations/params.ts';
import type { UploadFileResponse } from '../transfer.ts';
import { requirePartNumber } from '../validate.ts';
import { encryptingBody, plainBodyOf } from './body.ts';
import { ctrTransform } from './ctr.ts';
import { envelopeMetadata, isClientSideEncrypted, newDataEnvelope, wrappedEnvelopeOf, type DataEnvelope } from './envelope.ts';
import { EncryptedUpload, type PartPlacement } from './multipart-state.ts';
import { byteCount, omit, refuseContentMd5, withEnvelopeMetadata } from './params.ts';
import type { EncryptionProvider } from './provider.ts';
import { bodyOffset, refuseMultiRange } from './range.ts';
import { downloadEncryptedFile, uploadEncryptedFile } from './transfer.ts';

/** What the operations of one CosEncryptionClient share. */
export interface EncryptionState {
  /** The plain client every request goes through. */
  readonly plain: CosS3Client;
  /** Wraps and unwraps data keys. */
  readonly provider: EncryptionProvider;
  /** The data key and part placement of each multipart upload this client started, by UploadId. */
  readonly uploads: Map<string, EncryptedUpload>;
}

type Params = Record<string, unknown>;

/**
 * A conditional GET answered 304 Not Modified: no body and (on the emulator, maybe on COS) no metadata.
 * The plain client returns such answers as a dict with an empty Body; so do we, instead of calling the
 * object unencrypted.
 */
function isNotModified(params: Params, res: Record<string, unknown>): boolean {
  const conditional = params['IfNoneMatch'] != null || params['IfModifiedSince'] != null;
  const length = res['Content-Length'];
  return conditional && !isClientSideEncrypted(res) && (length === undefined || length === '0');
}

const sameKey = (a: unknown, b: string): boolean => typeof a === 'string' && a.replace(/^\/+/, '') === b.replace(/^\/+/, '');

/** A new data key and IV, and the metadata carrying them wrapped. */
function seal(state: EncryptionState, metadata: unknown): { envelope: DataEnvelope; Metadata: Record<string, string> } {
  const envelope = newDataEnvelope();
  return { envelope, Metadata: withEnvelopeMetadata(metadata, envelopeMetadata(state.provider.wrap(envelope))) };
}

async function putEncrypted(state: EncryptionState, params: Params, op: string): Promise<HeaderDict> {
  refuseContentMd5(params, op);
  const body = await plainBodyOf(params, 'Body');
  const { envelope, Metadata } = seal(state, params['Metadata']);
  const encrypted = encryptingBody(body, envelope, 0, { op });
  // The plain client takes a ready-made core Body as is (the transfer engine hands it parts the same way).
  return state.plain.put_object({
    ...omit(params, ['LocalFilePath', 'ContentLength']),
    Metadata,
    Body: encrypted as unknown as PutObjectParams['Body'],
  } as PutObjectParams);
}

/** put_object: the Body encrypted while it is sent, the caller's Metadata kept. */
export function putObject(state: EncryptionState, params: Params): Promise<HeaderDict> {
  return putEncrypted(state, params, 'put_object');
}

/** put_object_from_local_file: as put_object, read from the file (replayable on retry). */
export async function putObjectFromLocalFile(state: EncryptionState, params: Params): Promise<HeaderDict> {
  const path = params['LocalFilePath'];
  if (typeof path !== 'string' || path === '') throw new CosClientError('LocalFilePath must be a path to a local file', { code: 'InvalidArgument' });
  const body = await fileBody(path).catch((error: Error) => {
    throw new CosClientError(`LocalFilePath '${path}' cannot be read: ${error.message}`, { code: 'InvalidArgument', cause: error });
  });
  return putEncrypted(state, { ...params, Body: body }, 'put_object_from_local_file');
}

/** get_object: one GET, its Body decrypted from the returned range's own start. */
export async function getObject(state: EncryptionState, params: Params): Promise<GetObjectResponse> {
  refuseMultiRange(params['Range']);
  const own = new AbortController();
  const signal = params['signal'] instanceof AbortSignal ? AbortSignal.any([params['signal'], own.signal]) : own.signal;
  const res = await state.plain.get_object({ ...(params as unknown as GetObjectParams), signal });
  if (isNotModified(params, res)) return res;
  let envelope: DataEnvelope;
  let offset: number;
  try {
    envelope = state.provider.unwrap(wrappedEnvelopeOf(res, 'get_object', String(params['Key'])), { op: 'get_object', key: String(params['Key']) });
    offset = bodyOffset(res, 'get_object');
  } catch (error) {
    // Nothing will read this body: cancel the request so the connection is freed now
    // (through the body's own error listener, so the cancellation is not an uncaught error).
    res.Body.get_raw_stream().on('error', () => undefined);
    own.abort(error);
    throw error;
  }
  const source = res.Body.get_raw_stream();
  const decrypt = ctrTransform(envelope.dataKey, envelope.iv, offset);
  source.on('error', (error: Error) => decrypt.destroy(error));
  const length = res['Content-Length'];
  const Body = new StreamBody(source.pipe(decrypt) as Readable, {
    op: 'get_object',
    contentLength: typeof length === 'string' && /^\d+$/.test(length) ? Number(length) : undefined,
  });
  // The plain dict (headers of this GET, Content-Length/Range of what is returned), with the decrypting Body.
  return Object.assign({}, res, { Body }) as GetObjectResponse;
}

/** create_multipart_upload: the data key is made here and kept for the upload's parts. */
export async function createMultipartUpload(state: EncryptionState, params: Params): Promise<CreateMultipartUploadResponse> {
  const partSize = byteCount(params, 'PartSize');
  const dataSize = byteCount(params, 'DataSize');
  EncryptedUpload.checkDeclared(partSize, dataSize);
  const { envelope, Metadata } = seal(state, params['Metadata']);
  const res = await state.plain.create_multipart_upload({ ...omit(params, ['PartSize', 'DataSize']), Metadata } as CreateMultipartUploadParams);
  state.uploads.set(res.UploadId, new EncryptedUpload({ bucket: String(params['Bucket']), key: String(params['Key']), envelope, partSize, dataSize }));
  return res;
}

/** upload_part: the part encrypted at its own offset, once its place in the upload is known. */
export async function uploadPart(state: EncryptionState, params: Params): Promise<HeaderDict> {
  const partNumber = requirePartNumber(params['PartNumber']);
  const upload = state.uploads.get(String(params['UploadId']));
  if (!upload || !sameKey(params['Key'], upload.key)) {
    throw new CosClientError(
      `upload_part: UploadId '${String(params['UploadId'])}' was not created by this CosEncryptionClient for this Key, so its data key is unknown; start the upload with create_multipart_upload on this client`,
      { code: 'UnknownEncryptedUpload' },
    );
  }
  refuseContentMd5(params, 'upload_part');
  // Reserved before the first await: "in order" is the order of the calls.
  const reservation = upload.reserve(partNumber);
  let place: PartPlacement;
  let body: Body;
  try {
    body = await plainBodyOf(params, 'Body');
    place = await reservation.ready(body.length);
  } catch (error) {
    reservation.fail(error);
    throw error;
  }
  const encrypted = encryptingBody(body, upload.envelope, place.offset, {
    op: 'upload_part',
    ...(place.maxLength !== undefined ? { maxLength: place.maxLength } : {}),
    onEnd: place.onEnd,
  });
  try {
    return await state.plain.upload_part({
      ...omit(params, ['ContentLength']),
      PartNumber: partNumber,
      Body: encrypted as unknown as UploadPartParams['Body'],
    } as UploadPartParams);
  } catch (error) {
    place.fail(error);
    throw error;
  }
}

/** complete_multipart_upload: as the plain client; the upload's data key is then forgotten. */
export async function completeMultipartUpload(state: EncryptionState, params: Params): Promise<CompleteMultipartUploadResponse> {
  const res = await state.plain.complete_multipart_upload(params as unknown as CompleteMultipartUploadParams);
  state.uploads.delete(String(params['UploadId']));
  return res;
}

/** abort_multipart_upload: as the plain client; the upload's data key is forgotten. */
export async function abortMultipartUpload(state: EncryptionState, params: Params): Promise<void> {
  await state.plain.abort_multipart_upload(params as unknown as AbortMultipartUploadParams);
  state.uploads.delete(String(params['UploadId']));
}

/** upload_file: the plain client's transfer with every part encrypted at its own offset. */
export function uploadFile(state: EncryptionState, params: Params): Promise<UploadFileResponse> {
  return uploadEncryptedFile(state.plain, state, params) as Promise<UploadFileResponse>;
}

/** download_file: parallel ranged GETs, each decrypted at its offset. */
export function downloadFile(state: EncryptionState, params: Params): Promise<void> {
  return downloadEncryptedFile(state.plain, state, params);
}

/** The plain client's method of that name, for calls that do not touch object content. */
export function passThrough(name: 'list_parts' | 'head_object' | 'object_exists' | 'delete_object') {
  return (state: EncryptionState, params: Params): Promise<unknown> => (state.plain[name] as unknown as (params: Params) => Promise<unknown>)(params);
}
