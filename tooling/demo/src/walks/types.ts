import type { Fingerprint } from '../hashing.ts';
import type { ProgressBar } from '../progress.ts';
import type { StepRecorder } from '../steps.ts';

/** Where a walk runs: the emulator or a real account. */
export interface VendorTarget {
  /** Endpoint as the vendor package wants it (`http://127.0.0.1:PORT` for the emulator). */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Region where the vendor needs one (COS `ap-guangzhou`). */
  region: string;
  bucket: string;
  /** True when the bucket already exists (real accounts): the walk neither creates nor deletes it. */
  existingBucket: boolean;
  /** True for the emulator: lets the NOS walk create its bucket out of band (the NOS API has none). */
  emulator: boolean;
  /** Emulator only: creates a bucket directly in the emulator's store. */
  createBucketOutOfBand?: (bucket: string) => Promise<void>;
  /** Emulator only: the matching delete. */
  deleteBucketOutOfBand?: (bucket: string) => Promise<void>;
}

export interface WalkContext {
  target: VendorTarget;
  steps: StepRecorder;
  /** The generated local file and its fingerprint. */
  file: string;
  source: Fingerprint;
  /** Object key used for the walk. */
  key: string;
  /** Where downloads go (a temp folder, removed by the demo). */
  downloadPath: string;
  /** A progress bar for a transfer of `total` bytes. */
  progress(label: string, total: number): ProgressBar;
}

/** One vendor's quick start, run with our package. */
export interface Walk {
  vendor: 'cos' | 'bos' | 'oos' | 'nos';
  /** The package it exercises. */
  packageName: string;
  run(ctx: WalkContext): Promise<void>;
}
