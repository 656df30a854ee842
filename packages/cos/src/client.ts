import type { CosMethod, CosSyncMethod, Kw } from './client-types.ts';
import { CosObjectCalls } from './client-objects.ts';
import * as presign from './operations/presign.ts';
import type { ObjectParams } from './operations/params.ts';
import * as transfer from './transfer.ts';
import * as folder from './transfer-folder.ts';
import type { CosProgressCallback } from './transfer-options.ts';

/**
 * `CosS3Client(config)`: every method of the COS Python SDK v5 under its
 * Python name and its camelCase name (the same function). Each takes one
 * params object (`{Bucket, Key, ...}`, plus `signal` to abort) or the Python
 * positional order; request methods return a Promise of the dict the seed
 * documents, URL and signature helpers return their string at once.
 * Bad arguments reject with CosClientError before any request is sent; COS
 * errors reject with CosServiceError.
 */
export class CosS3Client extends CosObjectCalls {
  // --- URLs and signatures (no request is sent; strings returned at once) ---
  /**
   * `get_presigned_url(Bucket, Key, Method, Expired=300, Params={}, Headers={})` → the URL as a string
   * (returned at once, as in Python: `fetch(client.get_presigned_url({...}))` works). Anyone holding it can
   * make that request until it expires; headers given in `Headers` are signed and must be sent.
   */
  readonly get_presigned_url: CosSyncMethod<
    presign.PresignedUrlParams,
    string,
    [Bucket: string, Key: string, Method: string, Expired?: number, Params?: Record<string, string>, Headers?: Record<string, string>]
  > = this.bindSync('get_presigned_url', ['Bucket', 'Key', 'Method', 'Expired', 'Params', 'Headers', 'SignHost'], presign.getPresignedUrl);
  /**
   * `get_presigned_download_url(Bucket, Key, Expired=300, Params={}, Headers={})` → a GET URL as a string
   * (returned at once). `Params` such as `{'response-content-disposition': 'attachment'}` are signed and appended.
   */
  readonly get_presigned_download_url: CosSyncMethod<
    presign.PresignParams,
    string,
    [Bucket: string, Key: string, Expired?: number, Params?: Record<string, string>, Headers?: Record<string, string>]
  > = this.bindSync('get_presigned_download_url', ['Bucket', 'Key', 'Expired', 'Params', 'Headers', 'SignHost'], presign.getPresignedDownloadUrl);
  /** `get_object_url(Bucket, Key)` → the object's plain, unsigned URL as a string (for public-read objects), returned at once. */
  readonly get_object_url: CosSyncMethod<ObjectParams, string, [Bucket: string, Key: string]> = this.bindSync(
    'get_object_url',
    ['Bucket', 'Key'],
    presign.getObjectUrl,
  );
  /**
   * `get_auth(Method, Bucket, Key, Expired=300, Headers={}, Params={}, SignHost=True)` → an `Authorization`
   * value as a string (returned at once) for a request you send yourself with exactly those headers and query
   * parameters. `SignHost: false` leaves Host out, as Python does; with no other headers the value then has an
   * empty `q-header-list`. `Key` `''` or `'/'` signs a bucket-level request.
   */
  readonly get_auth: CosSyncMethod<
    presign.GetAuthParams,
    string,
    [Method: string, Bucket: string, Key: string, Expired?: number, Headers?: Record<string, string>, Params?: Record<string, string>, SignHost?: boolean]
  > = this.bindSync('get_auth', ['Method', 'Bucket', 'Key', 'Expired', 'Headers', 'Params', 'SignHost'], presign.getAuth);
  /** `upload_file(Bucket, Key, LocalFilePath, PartSize=1, MAXThread=5, EnableMD5=False, progress_callback=None, **kwargs)` → put_object or complete_multipart_upload dict (`ETag` always). `PartSize` is a whole number of MB (1..5120); `progress_callback(consumed_bytes, total_bytes)`. Resumable. */
  readonly upload_file: CosMethod<
    transfer.UploadFileParams,
    transfer.UploadFileResponse,
    [
      Bucket: string,
      Key: string,
      LocalFilePath: string,
      PartSize?: number,
      MAXThread?: number,
      EnableMD5?: boolean,
      progress_callback?: CosProgressCallback | null,
      kwargs?: Kw<transfer.UploadFileParams, 'Bucket' | 'Key' | 'LocalFilePath' | 'PartSize' | 'MAXThread' | 'EnableMD5' | 'progress_callback'>,
    ]
  > = this.bind('upload_file', ['Bucket', 'Key', 'LocalFilePath', 'PartSize', 'MAXThread', 'EnableMD5', 'progress_callback'], transfer.uploadFileOp);
  /** `download_file(Bucket, Key, DestFilePath, PartSize=20, MAXThread=5, EnableCRC=False, **kwargs)` → undefined (None). Concurrent ranged GETs, resumable, size (and with EnableCRC CRC-64) checked. A DestFilePath that is a folder, or inside a file or an unwritable folder, fails before any request. */
  readonly download_file: CosMethod<
    transfer.DownloadFileParams,
    void,
    [
      Bucket: string,
      Key: string,
      DestFilePath: string,
      PartSize?: number,
      MAXThread?: number,
      EnableCRC?: boolean,
      kwargs?: Kw<transfer.DownloadFileParams, 'Bucket' | 'Key' | 'DestFilePath' | 'PartSize' | 'MAXThread' | 'EnableCRC'>,
    ]
  > = this.bind('download_file', ['Bucket', 'Key', 'DestFilePath', 'PartSize', 'MAXThread', 'EnableCRC'], transfer.downloadFileOp);
  /** `copy(Bucket, Key, CopySource, CopyStatus='Copy', PartSize=10, MAXThread=5, **kwargs)` → copy_object dict (< 5 GB) or complete_multipart_upload dict. */
  readonly copy: CosMethod<
    transfer.CopyParams,
    transfer.CopyTransferResponse,
    [
      Bucket: string,
      Key: string,
      CopySource: transfer.CopyParams['CopySource'],
      CopyStatus?: string,
      PartSize?: number,
      MAXThread?: number,
      kwargs?: Kw<transfer.CopyParams, 'Bucket' | 'Key' | 'CopySource' | 'CopyStatus' | 'PartSize' | 'MAXThread'>,
    ]
  > = this.bind('copy', ['Bucket', 'Key', 'CopySource', 'CopyStatus', 'PartSize', 'MAXThread'], transfer.copyOp);
  /** `upload_folder(Bucket, Prefix, LocalFolder, PartSize=1, MAXThread=5, **kwargs)` → `[{Key, LocalFilePath, Size}]` (seed 004's 批量上传 recipe as one call). */
  readonly upload_folder: CosMethod<
    folder.UploadFolderParams,
    folder.FolderFile[],
    [Bucket: string, Prefix: string, LocalFolder: string, kwargs?: Kw<folder.UploadFolderParams, 'Bucket' | 'Prefix' | 'LocalFolder'>]
  > = this.bind('upload_folder', ['Bucket', 'Prefix', 'LocalFolder'], folder.uploadFolderOp);
  /** `download_folder(Bucket, Prefix, LocalFolder, PartSize=20, MAXThread=5, **kwargs)` → `[{Key, LocalFilePath, Size}]` (批量下载); unsafe keys are refused, and a LocalFolder that is a file fails before any request. */
  readonly download_folder: CosMethod<
    folder.DownloadFolderParams,
    folder.FolderFile[],
    [Bucket: string, Prefix: string, LocalFolder: string, kwargs?: Kw<folder.DownloadFolderParams, 'Bucket' | 'Prefix' | 'LocalFolder'>]
  > = this.bind('download_folder', ['Bucket', 'Prefix', 'LocalFolder'], folder.downloadFolderOp);
  /** `delete_folder(Bucket, Prefix, MAXThread=5)` → `{Deleted, Error}` (批量删除: list_objects + delete_objects, 1000 keys a request). */
  readonly delete_folder: CosMethod<
    folder.DeleteFolderParams,
    folder.DeleteFolderResponse,
    [Bucket: string, Prefix: string, kwargs?: Kw<folder.DeleteFolderParams, 'Bucket' | 'Prefix'>]
  > = this.bind('delete_folder', ['Bucket', 'Prefix'], folder.deleteFolderOp);

  // --- camelCase names: the same functions, the same docs ------------------
  /**
   * `get_presigned_url(Bucket, Key, Method, Expired=300, Params={}, Headers={})` → the URL as a string
   * (returned at once, as in Python: `fetch(client.get_presigned_url({...}))` works). Anyone holding it can
   * make that request until it expires; headers given in `Headers` are signed and must be sent.
   */
  readonly getPresignedUrl = this.get_presigned_url;
  /**
   * `get_presigned_download_url(Bucket, Key, Expired=300, Params={}, Headers={})` → a GET URL as a string
   * (returned at once). `Params` such as `{'response-content-disposition': 'attachment'}` are signed and appended.
   */
  readonly getPresignedDownloadUrl = this.get_presigned_download_url;
  /** `get_object_url(Bucket, Key)` → the object's plain, unsigned URL as a string (for public-read objects), returned at once. */
  readonly getObjectUrl = this.get_object_url;
  /**
   * `get_auth(Method, Bucket, Key, Expired=300, Headers={}, Params={}, SignHost=True)` → an `Authorization`
   * value as a string (returned at once) for a request you send yourself with exactly those headers and query
   * parameters. `SignHost: false` leaves Host out, as Python does; with no other headers the value then has an
   * empty `q-header-list`. `Key` `''` or `'/'` signs a bucket-level request.
   */
  readonly getAuth = this.get_auth;
  /** `upload_file(Bucket, Key, LocalFilePath, PartSize=1, MAXThread=5, EnableMD5=False, progress_callback=None, **kwargs)` → put_object or complete_multipart_upload dict (`ETag` always). `PartSize` is a whole number of MB (1..5120); `progress_callback(consumed_bytes, total_bytes)`. Resumable. */
  readonly uploadFile = this.upload_file;
  /** `download_file(Bucket, Key, DestFilePath, PartSize=20, MAXThread=5, EnableCRC=False, **kwargs)` → undefined (None). Concurrent ranged GETs, resumable, size (and with EnableCRC CRC-64) checked. A DestFilePath that is a folder, or inside a file or an unwritable folder, fails before any request. */
  readonly downloadFile = this.download_file;
  /** `upload_folder(Bucket, Prefix, LocalFolder, PartSize=1, MAXThread=5, **kwargs)` → `[{Key, LocalFilePath, Size}]` (seed 004's 批量上传 recipe as one call). */
  readonly uploadFolder = this.upload_folder;
  /** `download_folder(Bucket, Prefix, LocalFolder, PartSize=20, MAXThread=5, **kwargs)` → `[{Key, LocalFilePath, Size}]` (批量下载); unsafe keys are refused, and a LocalFolder that is a file fails before any request. */
  readonly downloadFolder = this.download_folder;
  /** `delete_folder(Bucket, Prefix, MAXThread=5)` → `{Deleted, Error}` (批量删除: list_objects + delete_objects, 1000 keys a request). */
  readonly deleteFolder = this.delete_folder;
}
