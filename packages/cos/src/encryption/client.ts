/**
 * `CosEncryptionClient(conf, provider)` — seed 004, 客户端加密. The object
 * calls of `CosS3Client` with the bytes encrypted on the client (AES-256-CTR,
 * a fresh data key and IV per object, wrapped by the provider into two
 * `x-cos-meta-client-side-encryption-*` headers), in the Python SDK's format
 * so objects cross both ways.
 *
 * Built on a plain `CosS3Client` and its public methods only: every request
 * goes through the plain client, which signs, retries and maps errors.
 */
import type { Readable } from 'node:stream';
import { fileBody, type Body } from '@yunstore/core';
import { toParams } from '../args.ts';
import { StreamBody } from '../body.ts';
import type { CosMethod, Kw } from '../client-types.ts';
import { CosS3Client } from '../client.ts';
import type { CosConfig, CosConfigOptions } from '../config.ts';
import { CosClientError } from '../errors.ts';
import type {
  AbortMultipartUploadParams,
  CompleteMultipartUploadParams,
  CompleteMultipartUploadResponse,
  CreateMultipartUploadParams,
  CreateMultipartUploadResponse,
  ListPartsParams,
  ListPartsResponse,
  UploadPartParams,
} from '../operations/multipart.ts';
import type { GetObjectParams, GetObjectResponse, HeadObjectParams, PutObjectFromLocalFileParams, PutObjectParams } from '../operations/object.ts';
import type { HeaderDict, ObjectParams } from '../operations/params.ts';
import type { DownloadFileParams, UploadFileParams, UploadFileResponse } from '../transfer.ts';
import { requirePartNumber } from '../validate.ts';
import { encryptingBody, plainBodyOf } from './body.ts';
import { ctrTransform } from './ctr.ts';
import { envelopeMetadata, isClientSideEncrypted, newDataEnvelope, wrappedEnvelopeOf, type DataEnvelope } from './envelope.ts';
import { EncryptedUpload, type PartPlacement } from './multipart-state.ts';
import { asCosError, byteCount, omit, refuseContentMd5, withEnvelopeMetadata } from './params.ts';
import { isEncryptionProvider, type EncryptionProvider } from './provider.ts';
import { bodyOffset, refuseMultiRange } from './range.ts';
import { downloadEncryptedFile, uploadEncryptedFile } from './transfer.ts';

type BK<P> = Kw<P, ('Bucket' | 'Key') & keyof P>;

/** create_multipart_upload on the encryption client: the plain kwargs plus where parts sit. */
export interface EncryptedCreateMultipartUploadParams extends CreateMultipartUploadParams {
  /**
   * Bytes in every part but the last (a multiple of 16, e.g. `8 * 1024 * 1024`):
   * part N is then encrypted at offset (N - 1) × PartSize, so parts may be sent
   * in parallel and in any order. Without it, parts must be started in order.
   */
  PartSize?: number | string;
  /** Total plaintext bytes (optional, needs PartSize): lets every part's length be checked before it is sent. */
  DataSize?: number | string;
}

/**
 * A conditional GET answered 304 Not Modified: no body and (on the emulator, maybe on COS) no metadata.
 * The plain client returns such answers as a dict with an empty Body; so do we, instead of calling the
 * object unencrypted.
 */
function isNotModified(params: Record<string, unknown>, res: Record<string, unknown>): boolean {
  const conditional = params['IfNoneMatch'] != null || params['IfModifiedSince'] != null;
  const length = res['Content-Length'];
  return conditional && !isClientSideEncrypted(res) && (length === undefined || length === '0');
}

const sameKey = (a: unknown, b: string): boolean => typeof a === 'string' && a.replace(/^\/+/, '') === b.replace(/^\/+/, '');

/**
 * `CosEncryptionClient(conf, provider)`: `conf` is a `CosConfig` (or its
 * options), `provider` an `AESProvider` or `RSAProvider`. Methods take one
 * params object or the Python positional order, like `CosS3Client`, and
 * reject with `CosClientError` / `CosServiceError`. Calls that do not touch
 * object content (head_object, delete_object, list_parts...) pass through;
 * everything else of the plain client is on `plain_client`.
 */
export class CosEncryptionClient {
  readonly config: CosConfig;
  /** The provider that wraps and unwraps data keys. */
  readonly provider: EncryptionProvider;
  readonly #plain: CosS3Client;
  readonly #uploads = new Map<string, EncryptedUpload>();

  /** @throws CosClientError `InvalidArgument` when `provider` is not a provider. */
  constructor(conf: CosConfig | CosConfigOptions, provider: EncryptionProvider) {
    if (!isEncryptionProvider(provider)) {
      throw new CosClientError('CosEncryptionClient(conf, provider): provider must be an AESProvider or RSAProvider', { code: 'InvalidArgument' });
    }
    this.#plain = new CosS3Client(conf);
    this.config = this.#plain.config;
    this.provider = provider;
  }

  /** The plain client under this one (same config and connections), for bucket calls and raw bytes. */
  get plain_client(): CosS3Client {
    return this.#plain;
  }
  /** camelCase twin of `plain_client`. */
  get plainClient(): CosS3Client {
    return this.#plain;
  }

  #bind<R>(name: string, order: readonly string[], op: (params: Record<string, unknown>) => Promise<R>): (...args: unknown[]) => Promise<R> {
    return async (...args: unknown[]): Promise<R> => {
      try {
        return await op(toParams(name, args, order));
      } catch (error) {
        throw asCosError(error, name);
      }
    };
  }

  /** A new data key and IV, and the metadata carrying them wrapped. */
  #seal(metadata: unknown): { envelope: DataEnvelope; Metadata: Record<string, string> } {
    const envelope = newDataEnvelope();
    return { envelope, Metadata: withEnvelopeMetadata(metadata, envelopeMetadata(this.provider.wrap(envelope))) };
  }

  /** Unwraps the envelope of an object from its head_object / get_object dict. */
  #unwrap(headers: Readonly<Record<string, unknown>>, op: string, key: string): DataEnvelope {
    return this.provider.unwrap(wrappedEnvelopeOf(headers, op, key), { op, key });
  }

  async #putObject(params: Record<string, unknown>, op: string, bodyParam: string): Promise<HeaderDict> {
    refuseContentMd5(params, op);
    const body = await plainBodyOf(params, bodyParam);
    const { envelope, Metadata } = this.#seal(params['Metadata']);
    const encrypted = encryptingBody(body, envelope, 0, { op });
    // The plain client takes a ready-made core Body as is (the transfer engine hands it parts the same way).
    return this.#plain.put_object({
      ...omit(params, ['LocalFilePath', 'ContentLength']),
      Metadata,
      Body: encrypted as unknown as PutObjectParams['Body'],
    } as PutObjectParams);
  }

  /** `put_object(Bucket, Body, Key, EnableMD5=False, **kwargs)`: Body (bytes, string, stream, Blob, file stream) encrypted while it is sent; the caller's Metadata is kept. ETag and CRC-64 describe the ciphertext. */
  readonly put_object: CosMethod<
    PutObjectParams,
    HeaderDict,
    [Bucket: string, Body: PutObjectParams['Body'], Key: string, EnableMD5?: boolean, kwargs?: Kw<PutObjectParams, 'Bucket' | 'Body' | 'Key' | 'EnableMD5'>]
  > = this.#bind('put_object', ['Bucket', 'Body', 'Key', 'EnableMD5'], (p) => this.#putObject(p, 'put_object', 'Body'));

  /** `put_object_from_local_file(Bucket, LocalFilePath, Key, EnableMD5=False, **kwargs)`: as put_object, read from the file (replayable on retry). */
  readonly put_object_from_local_file: CosMethod<
    PutObjectFromLocalFileParams,
    HeaderDict,
    [
      Bucket: string,
      LocalFilePath: string,
      Key: string,
      EnableMD5?: boolean,
      kwargs?: Kw<PutObjectFromLocalFileParams, 'Bucket' | 'LocalFilePath' | 'Key' | 'EnableMD5'>,
    ]
  > = this.#bind('put_object_from_local_file', ['Bucket', 'LocalFilePath', 'Key', 'EnableMD5'], async (p) => {
    const path = p['LocalFilePath'];
    if (typeof path !== 'string' || path === '') throw new CosClientError('LocalFilePath must be a path to a local file', { code: 'InvalidArgument' });
    const body = await fileBody(path).catch((error: Error) => {
      throw new CosClientError(`LocalFilePath '${path}' cannot be read: ${error.message}`, { code: 'InvalidArgument', cause: error });
    });
    return this.#putObject({ ...p, Body: body }, 'put_object_from_local_file', 'Body');
  });

  /**
   * `get_object(Bucket, Key, **kwargs)` → `{Body, ...headers}` with a decrypting
   * `Body` (`get_raw_stream()`, `get_stream_to_file()`, `read()`...). One GET: any
   * `Range` (`bytes=first-last`, `bytes=first-`, `bytes=-suffix`) is decrypted from
   * its own start. An object without the encryption metadata is refused
   * (`NotClientSideEncrypted`); another kind of provider's object is
   * `WrongEncryptionProvider`. Whole-object reads still check COS's CRC-64 (of the ciphertext).
   */
  readonly get_object: CosMethod<GetObjectParams, GetObjectResponse, [Bucket: string, Key: string, kwargs?: BK<GetObjectParams>]> = this.#bind(
    'get_object',
    ['Bucket', 'Key'],
    async (p) => {
      refuseMultiRange(p['Range']);
      const own = new AbortController();
      const signal = p['signal'] instanceof AbortSignal ? AbortSignal.any([p['signal'], own.signal]) : own.signal;
      const res = await this.#plain.get_object({ ...(p as unknown as GetObjectParams), signal });
      if (isNotModified(p, res)) return res;
      let envelope: DataEnvelope;
      let offset: number;
      try {
        envelope = this.#unwrap(res, 'get_object', String(p['Key']));
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
    },
  );

  /** `create_multipart_upload(Bucket, Key, PartSize=None, DataSize=None, **kwargs)` → `{UploadId, Bucket, Key}`; the data key is made here and kept for the upload's parts. */
  readonly create_multipart_upload: CosMethod<
    EncryptedCreateMultipartUploadParams,
    CreateMultipartUploadResponse,
    [Bucket: string, Key: string, kwargs?: BK<EncryptedCreateMultipartUploadParams>]
  > = this.#bind('create_multipart_upload', ['Bucket', 'Key'], async (p) => {
    const partSize = byteCount(p, 'PartSize');
    const dataSize = byteCount(p, 'DataSize');
    EncryptedUpload.checkDeclared(partSize, dataSize);
    const { envelope, Metadata } = this.#seal(p['Metadata']);
    const res = await this.#plain.create_multipart_upload({ ...omit(p, ['PartSize', 'DataSize']), Metadata } as CreateMultipartUploadParams);
    this.#uploads.set(res.UploadId, new EncryptedUpload({ bucket: String(p['Bucket']), key: String(p['Key']), envelope, partSize, dataSize }));
    return res;
  });

  /**
   * `upload_part(Bucket, Key, Body, PartNumber, UploadId, EnableMD5=False, **kwargs)`:
   * the part encrypted at its own offset (see `create_multipart_upload`'s PartSize).
   * Checked before the request: the upload was created by this client, the part's
   * place is known, every part but the last is a multiple of 16 bytes.
   */
  readonly upload_part: CosMethod<
    UploadPartParams,
    HeaderDict,
    [
      Bucket: string,
      Key: string,
      Body: UploadPartParams['Body'],
      PartNumber: number,
      UploadId: string,
      EnableMD5?: boolean,
      kwargs?: Kw<UploadPartParams, 'Bucket' | 'Key' | 'Body' | 'PartNumber' | 'UploadId' | 'EnableMD5'>,
    ]
  > = this.#bind('upload_part', ['Bucket', 'Key', 'Body', 'PartNumber', 'UploadId', 'EnableMD5'], async (p) => {
    const partNumber = requirePartNumber(p['PartNumber']);
    const upload = this.#uploads.get(String(p['UploadId']));
    if (!upload || !sameKey(p['Key'], upload.key)) {
      throw new CosClientError(
        `upload_part: UploadId '${String(p['UploadId'])}' was not created by this CosEncryptionClient for this Key, so its data key is unknown; start the upload with create_multipart_upload on this client`,
        { code: 'UnknownEncryptedUpload' },
      );
    }
    refuseContentMd5(p, 'upload_part');
    // Reserved before the first await: "in order" is the order of the calls.
    const reservation = upload.reserve(partNumber);
    let place: PartPlacement;
    let body: Body;
    try {
      body = await plainBodyOf(p, 'Body');
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
      return await this.#plain.upload_part({
        ...omit(p, ['ContentLength']),
        PartNumber: partNumber,
        Body: encrypted as unknown as UploadPartParams['Body'],
      } as UploadPartParams);
    } catch (error) {
      place.fail(error);
      throw error;
    }
  });

  /** `complete_multipart_upload(Bucket, Key, UploadId, MultipartUpload={Part: [...]})`: as the plain client; the upload's data key is then forgotten. */
  readonly complete_multipart_upload: CosMethod<
    CompleteMultipartUploadParams,
    CompleteMultipartUploadResponse,
    [
      Bucket: string,
      Key: string,
      UploadId: string,
      MultipartUpload: CompleteMultipartUploadParams['MultipartUpload'],
      kwargs?: BK<CompleteMultipartUploadParams>,
    ]
  > = this.#bind('complete_multipart_upload', ['Bucket', 'Key', 'UploadId', 'MultipartUpload'], async (p) => {
    const res = await this.#plain.complete_multipart_upload(p as unknown as CompleteMultipartUploadParams);
    this.#uploads.delete(String(p['UploadId']));
    return res;
  });

  /** `abort_multipart_upload(Bucket, Key, UploadId)`: as the plain client; the upload's data key is forgotten. */
  readonly abort_multipart_upload: CosMethod<
    AbortMultipartUploadParams,
    void,
    [Bucket: string, Key: string, UploadId: string, kwargs?: BK<AbortMultipartUploadParams>]
  > = this.#bind('abort_multipart_upload', ['Bucket', 'Key', 'UploadId'], async (p) => {
    await this.#plain.abort_multipart_upload(p as unknown as AbortMultipartUploadParams);
    this.#uploads.delete(String(p['UploadId']));
  });

  /** `list_parts(Bucket, Key, UploadId, EncodingType='', MaxParts=1000, PartNumberMarker=0)`: passes through (sizes are plaintext sizes, ETags the ciphertext's MD5). */
  readonly list_parts: CosMethod<
    ListPartsParams,
    ListPartsResponse,
    [Bucket: string, Key: string, UploadId: string, EncodingType?: string, MaxParts?: number, PartNumberMarker?: number, kwargs?: BK<ListPartsParams>]
  > = this.#pass('list_parts');

  /** `head_object(Bucket, Key, **kwargs)`: passes through; the dict shows the two encryption metadata headers. */
  readonly head_object: CosMethod<HeadObjectParams, HeaderDict, [Bucket: string, Key: string, kwargs?: BK<HeadObjectParams>]> = this.#pass('head_object');
  /** `object_exists(Bucket, Key)`: passes through. */
  readonly object_exists: CosMethod<ObjectParams, boolean, [Bucket: string, Key: string, kwargs?: BK<ObjectParams>]> = this.#pass('object_exists');
  /** `delete_object(Bucket, Key, **kwargs)`: passes through. */
  readonly delete_object: CosS3Client['delete_object'] = this.#pass('delete_object');

  /**
   * `upload_file(Bucket, Key, LocalFilePath, PartSize=1, MAXThread=5, EnableMD5=False, progress_callback=None, **kwargs)`:
   * as the plain client (one put_object up to 20 MB, else `MAXThread` parallel parts,
   * resumable), every part encrypted at its own offset. `PartSize` (MB) must give a
   * multiple of 16 bytes. Resume records are kept apart from the plain client's and
   * carry the wrapped data key, so a resumed upload keeps one key.
   */
  readonly upload_file: CosS3Client['upload_file'] = this.#bind(
    'upload_file',
    ['Bucket', 'Key', 'LocalFilePath', 'PartSize', 'MAXThread', 'EnableMD5', 'progress_callback'],
    (p) => uploadEncryptedFile(this.#plain, this, p) as Promise<UploadFileResponse>,
  ) as CosS3Client['upload_file'];

  /**
   * `download_file(Bucket, Key, DestFilePath, PartSize=20, MAXThread=5, EnableCRC=False, **kwargs)`:
   * parallel ranged GETs, each decrypted at its offset. COS's CRC-64 describes the
   * ciphertext, so `EnableCRC` cannot check the decrypted file; the size is always checked.
   */
  readonly download_file: CosS3Client['download_file'] = this.#bind(
    'download_file',
    ['Bucket', 'Key', 'DestFilePath', 'PartSize', 'MAXThread', 'EnableCRC'],
    (p) => downloadEncryptedFile(this.#plain, this, p),
  ) as CosS3Client['download_file'];

  #pass<K extends keyof CosS3Client>(name: K): CosS3Client[K] {
    return ((...args: unknown[]) => (this.#plain[name] as (...a: unknown[]) => Promise<unknown>)(...args)) as CosS3Client[K];
  }

  readonly putObject = this.put_object;
  readonly putObjectFromLocalFile = this.put_object_from_local_file;
  readonly getObject = this.get_object;
  readonly createMultipartUpload = this.create_multipart_upload;
  readonly uploadPart = this.upload_part;
  readonly completeMultipartUpload = this.complete_multipart_upload;
  readonly abortMultipartUpload = this.abort_multipart_upload;
  readonly listParts = this.list_parts;
  readonly headObject = this.head_object;
  readonly objectExists = this.object_exists;
  readonly deleteObject = this.delete_object;
  readonly uploadFile = this.upload_file;
  readonly downloadFile = this.download_file;

  /** Closes the plain client's connection pool. */
  async close(): Promise<void> {
    await this.#plain.close();
  }
}

export type { DownloadFileParams, UploadFileParams };
