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
import { bindMethods, defineMethods, type MethodTable, type MethodTableMismatch, withMethods } from '@yunstore/core';
import { CosS3Client } from '../client.ts';
import type { CosConfig, CosConfigOptions } from '../config.ts';
import { CosClientError } from '../errors.ts';
import { paramsArgument } from '../facade-dialect.ts';
import { COS_METHODS } from '../method-table.ts';
import type { CreateMultipartUploadParams } from '../operations/multipart.ts';
import type { DownloadFileParams, UploadFileParams } from '../transfer.ts';
import type { CosEncryptionMethods } from './methods.ts';
import type { CosEncryptionMethodsCamelCase } from './methods-camel.ts';
import * as enc from './operations.ts';
import { asCosError } from './params.ts';
import { isEncryptionProvider, type EncryptionProvider } from './provider.ts';

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
 * The operation table: every method by its Python name, in the plain
 * client's positional order (the camelCase twin is derived). Calls that do
 * not touch object content go straight to the plain client.
 */
const ENCRYPTION_METHODS = {
  put_object: { run: enc.putObject, order: COS_METHODS.put_object.order },
  put_object_from_local_file: { run: enc.putObjectFromLocalFile, order: COS_METHODS.put_object_from_local_file.order },
  get_object: { run: enc.getObject, order: COS_METHODS.get_object.order },
  create_multipart_upload: { run: enc.createMultipartUpload, order: COS_METHODS.create_multipart_upload.order },
  upload_part: { run: enc.uploadPart, order: COS_METHODS.upload_part.order },
  complete_multipart_upload: { run: enc.completeMultipartUpload, order: COS_METHODS.complete_multipart_upload.order },
  abort_multipart_upload: { run: enc.abortMultipartUpload, order: COS_METHODS.abort_multipart_upload.order },
  list_parts: { run: enc.passThrough('list_parts'), order: COS_METHODS.list_parts.order },
  head_object: { run: enc.passThrough('head_object'), order: COS_METHODS.head_object.order },
  object_exists: { run: enc.passThrough('object_exists'), order: COS_METHODS.object_exists.order },
  delete_object: { run: enc.passThrough('delete_object'), order: COS_METHODS.delete_object.order },
  upload_file: { run: enc.uploadFile, order: COS_METHODS.upload_file.order },
  download_file: { run: enc.downloadFile, order: COS_METHODS.download_file.order },
} as const satisfies MethodTable<enc.EncryptionState>;

/** Compile-time check: methods.ts documents exactly these methods (names only: the dialect converts the arguments). */
type Checked<Names extends never> = Names;
export type _CosEncryptionMethodsMatch = Checked<MethodTableMismatch<CosEncryptionMethods, typeof ENCRYPTION_METHODS, false>>;

/**
 * `CosEncryptionClient(conf, provider)`: `conf` is a `CosConfig` (or its
 * options), `provider` an `AESProvider` or `RSAProvider`. Methods take one
 * params object or the Python positional order, like `CosS3Client`, and
 * reject with `CosClientError` / `CosServiceError`. Calls that do not touch
 * object content (head_object, delete_object, list_parts...) pass through;
 * everything else of the plain client is on `plain_client`.
 */
export class CosEncryptionClient extends withMethods<CosEncryptionMethods & CosEncryptionMethodsCamelCase>() {
  /** The plain client's settings (read-only; secrets hidden from `JSON.stringify` and `console.log`). */
  readonly config: CosConfig;
  /** The provider that wraps and unwraps data keys. */
  readonly provider: EncryptionProvider;
  readonly #state: enc.EncryptionState;

  /** @throws CosClientError `InvalidArgument` when `provider` is not a provider. */
  constructor(conf: CosConfig | CosConfigOptions, provider: EncryptionProvider) {
    super();
    if (!isEncryptionProvider(provider)) {
      throw new CosClientError('CosEncryptionClient(conf, provider): provider must be an AESProvider or RSAProvider', { code: 'InvalidArgument' });
    }
    const plain = new CosS3Client(conf);
    this.config = plain.config;
    this.provider = provider;
    this.#state = { plain, provider, uploads: new Map() };
    bindMethods(this);
  }

  /** The plain client under this one (same config and connections), for bucket calls and raw bytes. */
  get plain_client(): CosS3Client {
    return this.#state.plain;
  }
  /** camelCase twin of `plain_client`. */
  get plainClient(): CosS3Client {
    return this.#state.plain;
  }

  /** Closes the plain client's connection pool. */
  async close(): Promise<void> {
    await this.#state.plain.close();
  }

  static {
    // The plain client checks its closed state and credentials for every request, so there is no `ready` here.
    defineMethods(CosEncryptionClient, ENCRYPTION_METHODS, {
      context: (client) => client.#state,
      enter: paramsArgument,
      fail: (error, method) => asCosError(error, method),
    });
  }
}

export type { DownloadFileParams, UploadFileParams };
