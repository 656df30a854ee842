import { nosBucketRequest } from './nos-bucket.ts';
import type { VendorTarget } from './walks/types.ts';
import type { Walk } from './walks/types.ts';

type Vendor = Walk['vendor'];

/** The bucket name each vendor's rules accept (COS wants `<name>-<appid>`). */
export function bucketName(vendor: Vendor, suffix: string, cosAppId = '1250000000'): string {
  const base = `yunstore-demo-${suffix}`;
  return vendor === 'cos' ? `${base}-${cosAppId}` : base;
}

export interface EmulatorEndpoints {
  endpoints: Record<Vendor, string>;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Targets on the in-process emulator: its endpoints and default key, fresh buckets. */
export function emulatorTarget(vendor: Vendor, emu: EmulatorEndpoints, suffix: string): VendorTarget {
  const credentials = { accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey };
  const endpoint = emu.endpoints[vendor];
  return {
    endpoint,
    ...credentials,
    region: vendor === 'cos' ? 'ap-guangzhou' : vendor === 'oos' ? 'cn' : vendor === 'bos' ? 'bj' : 'eastchina1',
    bucket: bucketName(vendor, suffix),
    existingBucket: false,
    emulator: true,
    ...(vendor === 'nos'
      ? {
          createBucketOutOfBand: (bucket: string) => nosBucketRequest('PUT', endpoint, bucket, credentials),
          deleteBucketOutOfBand: (bucket: string) => nosBucketRequest('DELETE', endpoint, bucket, credentials),
        }
      : {}),
  };
}

/** The environment variables `--real` reads, per vendor (documented in README.md). */
export const REAL_ENV: Record<Vendor, { required: string[]; optional: string[] }> = {
  cos: { required: ['COS_SECRET_ID', 'COS_SECRET_KEY', 'COS_REGION'], optional: ['COS_BUCKET', 'COS_APPID'] },
  bos: { required: ['BOS_ACCESS_KEY_ID', 'BOS_SECRET_ACCESS_KEY', 'BOS_ENDPOINT'], optional: ['BOS_BUCKET'] },
  oos: { required: ['OOS_ACCESS_KEY_ID', 'OOS_SECRET_ACCESS_KEY', 'OOS_ENDPOINT'], optional: ['OOS_BUCKET'] },
  nos: { required: ['NOS_ACCESS_KEY_ID', 'NOS_ACCESS_KEY_SECRET', 'NOS_BUCKET'], optional: ['NOS_ENDPOINT'] },
};

/**
 * A target on a real account from environment variables, or the reason it
 * cannot be built (a missing variable). With `<VENDOR>_BUCKET` the walk uses
 * that existing bucket and leaves it in place; without it, it creates and
 * deletes its own (COS then needs COS_APPID for the `<name>-<appid>` form).
 */
export function realTarget(vendor: Vendor, env: NodeJS.ProcessEnv, suffix: string): VendorTarget | string {
  const spec = REAL_ENV[vendor];
  const missing = spec.required.filter((name) => !env[name]);
  if (vendor === 'cos' && !env['COS_BUCKET'] && !env['COS_APPID']) missing.push('COS_BUCKET or COS_APPID');
  if (missing.length > 0) return `set ${missing.join(', ')} to run against a real ${vendor.toUpperCase()} account`;
  const get = (name: string): string => env[name] ?? '';
  const common = { emulator: false };
  switch (vendor) {
    case 'cos':
      return {
        ...common,
        endpoint: 'https://cos.myqcloud.com',
        accessKeyId: get('COS_SECRET_ID'),
        secretAccessKey: get('COS_SECRET_KEY'),
        region: get('COS_REGION'),
        bucket: env['COS_BUCKET'] || bucketName('cos', suffix, get('COS_APPID')),
        existingBucket: Boolean(env['COS_BUCKET']),
      };
    case 'bos':
      return {
        ...common,
        endpoint: get('BOS_ENDPOINT'),
        accessKeyId: get('BOS_ACCESS_KEY_ID'),
        secretAccessKey: get('BOS_SECRET_ACCESS_KEY'),
        region: '',
        bucket: env['BOS_BUCKET'] || bucketName('bos', suffix),
        existingBucket: Boolean(env['BOS_BUCKET']),
      };
    case 'oos':
      return {
        ...common,
        endpoint: get('OOS_ENDPOINT'),
        accessKeyId: get('OOS_ACCESS_KEY_ID'),
        secretAccessKey: get('OOS_SECRET_ACCESS_KEY'),
        region: '',
        bucket: env['OOS_BUCKET'] || bucketName('oos', suffix),
        existingBucket: Boolean(env['OOS_BUCKET']),
      };
    case 'nos':
      return {
        ...common,
        endpoint: env['NOS_ENDPOINT'] || 'nos-eastchina1.126.net',
        accessKeyId: get('NOS_ACCESS_KEY_ID'),
        secretAccessKey: get('NOS_ACCESS_KEY_SECRET'),
        region: '',
        bucket: get('NOS_BUCKET'),
        existingBucket: true,
      };
  }
}
