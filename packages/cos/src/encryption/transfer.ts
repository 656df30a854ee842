/**
 * upload_file / download_file of the encryption client: the plain client's
 * high-level calls (same arguments, defaults and validation) on
 * `@yunstore/transfer`, through the encrypting adapter.
 */
import { stat } from 'node:fs/promises';
import { downloadFile, folderCheckpointStore, isCheckpointStore, planParts, uploadFile, type CheckpointStore } from '@yunstore/transfer';
import type { CosS3Client } from '../client.ts';
import { CosClientError } from '../errors.ts';
import { booleanOf, bytesOf, checkpointOf, maxThreadOf, partSizeOf, pathOf, progressOf, runTransfer, signalOption } from '../transfer-options.ts';
import { requireString } from '../validate.ts';
import { BLOCK } from './ctr.ts';
import { refuseContentMd5, withEnvelopeMetadata } from './params.ts';
import type { EncryptionProvider } from './provider.ts';
import { ENCRYPTED_LIMITS, encryptedCheckpointStore, encryptedTransferAdapter, type EncryptedAdapter } from './transfer-adapter.ts';

/** Seed 004: files up to 20 MB go in one put_object. */
const SINGLE_PUT_LIMIT = 20 * 1024 * 1024;

/** The caller's `checkpoint` option as a store under the encryption wrapper, or false. */
function checkpointFor(params: Record<string, unknown>, adapter: EncryptedAdapter): CheckpointStore | false {
  const option = checkpointOf(params);
  if (option === false) return false;
  const inner = option === true ? folderCheckpointStore() : typeof option === 'string' ? folderCheckpointStore(option) : option;
  if (!isCheckpointStore(inner)) return false;
  return encryptedCheckpointStore(inner, adapter);
}

function targetOf(params: Record<string, unknown>): { bucket: string; key: string } {
  return { bucket: requireString(params['Bucket'], 'Bucket'), key: requireString(params['Key'], 'Key').replace(/^\/+/, '') };
}

/** upload_file on the encryption client; see CosEncryptionClient.upload_file. */
export async function uploadEncryptedFile(plain: CosS3Client, owner: { provider: EncryptionProvider }, params: Record<string, unknown>): Promise<unknown> {
  const { bucket, key } = targetOf(params);
  const filePath = pathOf(params, 'LocalFilePath');
  const partSize = partSizeOf(params, 1);
  const concurrency = maxThreadOf(params);
  booleanOf(params, 'EnableMD5');
  refuseContentMd5(params, 'upload_file');
  // Metadata mistakes (reserved names, not a dict) fail here, before any request.
  withEnvelopeMetadata(params['Metadata'], {});
  const threshold = bytesOf(params, 'multipart_threshold') ?? SINGLE_PUT_LIMIT;
  const info = await stat(filePath).catch((error: NodeJS.ErrnoException) => {
    throw new CosClientError(`LocalFilePath '${filePath}' cannot be read: ${error.message}`, { code: error.code ?? 'InvalidArgument', cause: error });
  });
  if (!info.isFile()) throw new CosClientError(`LocalFilePath '${filePath}' is not a regular file`, { code: 'InvalidArgument' });
  const plan = planParts(info.size, partSize, ENCRYPTED_LIMITS);
  if (info.size > threshold && plan.partSize % BLOCK !== 0) {
    throw new CosClientError(`upload_file: PartSize gives parts of ${plan.partSize} bytes; encrypted parts must be a multiple of ${BLOCK} bytes`, {
      code: 'InvalidArgument',
    });
  }
  const adapter = encryptedTransferAdapter({ plain, provider: owner.provider, kwargs: params, upload: { size: info.size, partSize: plan.partSize } });
  const options = signalOption(params);
  const out = await runTransfer('upload_file', options.signal, () =>
    uploadFile(adapter, {
      bucket,
      key,
      filePath,
      partSize,
      concurrency,
      multipartThreshold: threshold,
      checkpoint: checkpointFor(params, adapter),
      ...progressOf(params),
      ...options,
    }),
  );
  return out.result.response;
}

/** download_file on the encryption client; see CosEncryptionClient.download_file. */
export async function downloadEncryptedFile(plain: CosS3Client, owner: { provider: EncryptionProvider }, params: Record<string, unknown>): Promise<void> {
  const { bucket, key } = targetOf(params);
  const filePath = pathOf(params, 'DestFilePath');
  const partSize = partSizeOf(params, 20);
  const concurrency = maxThreadOf(params);
  if (booleanOf(params, 'EnableCRC') === true) {
    throw new CosClientError('download_file: EnableCRC cannot be checked on a decrypted download (COS CRC-64 describes the ciphertext)', {
      code: 'InvalidArgument',
    });
  }
  const adapter = encryptedTransferAdapter({ plain, provider: owner.provider, kwargs: params });
  const options = signalOption(params);
  await runTransfer('download_file', options.signal, () =>
    downloadFile(adapter, {
      bucket,
      key,
      filePath,
      partSize,
      concurrency,
      verifyCrc64: false,
      checkpoint: checkpointFor(params, adapter),
      ...progressOf(params),
      ...options,
    }),
  );
}
