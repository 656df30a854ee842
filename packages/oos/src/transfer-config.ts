/**
 * boto3's `TransferConfig` (boto3.s3.transfer): the knobs of upload_file,
 * download_file, upload_fileobj, download_fileobj and copy, with boto3's
 * names and defaults, plus two yunstore extensions (`checkpoint`,
 * `min_part_size`).
 */
import { isCheckpointStore, type CheckpointOption } from '@yunstore/transfer';
import { ParamValidationError } from './errors.ts';

const KB = 1024;
const MB = KB * KB;

/** Options of `new TransferConfig({...})`, boto3's keyword names. */
export interface TransferConfigOptions {
  /** Size from which uploads and copies go multipart (boto3: objects of at least this size). Default 8 MiB. */
  multipart_threshold?: number;
  /** Requests in flight at once (parts, ranged GETs, part copies). Default 10. */
  max_concurrency?: number;
  /** Part size of multipart uploads, downloads and copies. Default 8 MiB; raised to `min_part_size`, and when an object would need more than 10000 parts. */
  multipart_chunksize?: number;
  /** Attempts for each ranged GET of a download (the first included). Default 5. */
  num_download_attempts?: number;
  /** boto3's download write queue. Accepted for compatibility; the engine bounds memory by part size x concurrency instead. Default 100. */
  max_io_queue?: number;
  /** boto3's read chunk size. Accepted for compatibility; no effect. Default 256 KiB. */
  io_chunksize?: number;
  /** `false`: one request at a time (max_concurrency is ignored), as boto3 without threads. Default true. */
  use_threads?: boolean;
  /**
   * yunstore extension — resume. `false` (default, as boto3, which never
   * resumes); `true`: checkpoints in `os.tmpdir()/yunstore-checkpoints`; a
   * folder path; or a store `{ load, save, remove }`. With a checkpoint, an
   * upload_file / download_file that fails or is aborted keeps its multipart
   * upload (or partial temp file) and the next call with the same bucket,
   * key, file and part size sends only what is missing.
   */
  checkpoint?: CheckpointOption;
  /**
   * yunstore extension — the smallest part (every part but the last) the
   * server accepts. Default 5 MiB (OOS, like S3). Lower it only for an
   * OOS-compatible server that allows smaller parts (the emulator in tests).
   */
  min_part_size?: number;
}

const KNOWN = new Set<string>([
  'multipart_threshold',
  'max_concurrency',
  'multipart_chunksize',
  'num_download_attempts',
  'max_io_queue',
  'io_chunksize',
  'use_threads',
  'checkpoint',
  'min_part_size',
]);

/** boto3's TransferConfig: immutable, validated when built. */
export class TransferConfig {
  readonly multipart_threshold: number;
  readonly max_concurrency: number;
  readonly multipart_chunksize: number;
  readonly num_download_attempts: number;
  readonly max_io_queue: number;
  readonly io_chunksize: number;
  readonly use_threads: boolean;
  readonly checkpoint: CheckpointOption;
  readonly min_part_size: number;

  constructor(options: TransferConfigOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new ParamValidationError('TransferConfig options must be an object');
    const problems: string[] = [];
    for (const name of Object.keys(options)) {
      if (name === 'max_bandwidth') problems.push('max_bandwidth is not supported: transfers are not rate-limited');
      else if (!KNOWN.has(name)) problems.push(`Unknown TransferConfig option "${name}", must be one of: ${[...KNOWN].join(', ')}`);
    }
    const positive = (name: keyof TransferConfigOptions, fallback: number): number => {
      const v = options[name];
      if (v === undefined) return fallback;
      // boto3 refuses zero and negative values for every numeric attribute.
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) problems.push(`TransferConfig ${name} must be a positive integer, got ${String(v)}`);
      return v as number;
    };
    this.multipart_threshold = positive('multipart_threshold', 8 * MB);
    this.max_concurrency = positive('max_concurrency', 10);
    this.multipart_chunksize = positive('multipart_chunksize', 8 * MB);
    this.num_download_attempts = positive('num_download_attempts', 5);
    this.max_io_queue = positive('max_io_queue', 100);
    this.io_chunksize = positive('io_chunksize', 256 * KB);
    this.min_part_size = positive('min_part_size', 5 * MB);
    const threads = options.use_threads ?? true;
    if (typeof threads !== 'boolean') problems.push(`TransferConfig use_threads must be true or false, got ${String(threads)}`);
    this.use_threads = threads;
    const checkpoint = options.checkpoint ?? false;
    if (!(typeof checkpoint === 'boolean' || (typeof checkpoint === 'string' && checkpoint !== '') || isCheckpointStore(checkpoint))) {
      problems.push('TransferConfig checkpoint must be true, false, a folder path or a store { load, save, remove }');
    }
    this.checkpoint = checkpoint;
    if (problems.length > 0) throw new ParamValidationError(problems.join('\n'));
    Object.freeze(this);
  }

  /** Requests in flight: `max_concurrency`, or 1 without threads. */
  get concurrency(): number {
    return this.use_threads ? this.max_concurrency : 1;
  }
}

/** `Config` as given: a TransferConfig, a plain options object (converted), or nothing (defaults). */
export function transferConfigOf(value: unknown): TransferConfig {
  if (value === undefined || value === null) return new TransferConfig();
  if (value instanceof TransferConfig) return value;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return new TransferConfig(value as TransferConfigOptions);
  throw new ParamValidationError('Invalid type for parameter Config, valid types: TransferConfig (new TransferConfig({ multipart_threshold: ... }))');
}
