// Client-side encryption (seed 004, 客户端加密): the client, the two key providers, and the format helpers.
export { CosEncryptionClient, type EncryptedCreateMultipartUploadParams } from './client.ts';
export { AESProvider, type AESProviderOptions } from './aes-provider.ts';
export { RSAProvider, RsaKeyPairInfo, type RSAProviderOptions, type RsaKeyMaterial } from './rsa-provider.ts';
export type { EncryptionProvider, UnwrapContext } from './provider.ts';
export {
  ENCRYPTION_IV_HEADER,
  ENCRYPTION_KEY_HEADER,
  isClientSideEncrypted,
  type DataEnvelope,
  type WrappedEnvelope,
} from './envelope.ts';
