import { isValidBucketName as isValidBosBucketName } from './dialects/bos/bucket.ts';
import { isValidNosBucketName } from './dialects/nos/bucket.ts';
import type { DialectName } from './dialects/types.ts';
import type { BucketRecord, ObjectStore } from './store/types.ts';

/**
 * A bucket that exists from the start (and again after `reset()`), e.g. for
 * NOS, whose SDK has no bucket calls. The store is shared, so every dialect
 * sees it; `dialect` picks the name rules and the location it reports.
 */
export interface InitialBucket {
  /** Whose name rules apply and whose default location the bucket gets. */
  dialect: DialectName;
  /** The bucket name, e.g. `examplebucket-1250000000` for COS. */
  name: string;
  /** Owner id. Default: the owner of the first start key. */
  owner?: string;
  /** Canned ACL. Default `'private'`. */
  acl?: 'private' | 'public-read' | 'public-read-write';
  /** Location / region it reports. Default: cos `ap-guangzhou`, bos `bj`, oos `cn`, nos `HZ`. */
  location?: string;
}

/** What each dialect reports for a bucket created without a location, as its create_bucket does. */
const DEFAULT_LOCATIONS: Record<DialectName, string> = { cos: 'ap-guangzhou', bos: 'bj', oos: 'cn', nos: 'HZ' };

// COS: `<name>-<appid>`; OOS: S3's DNS-style names. BOS and NOS: their dialects' own checks.
const COS_NAME = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?-\d+$/;
const OOS_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const NAME_RULES: Record<DialectName, { valid(name: string): boolean; rule: string }> = {
  cos: { valid: (n) => COS_NAME.test(n), rule: '<name>-<appid>, e.g. examplebucket-1250000000' },
  bos: { valid: isValidBosBucketName, rule: '3-63 lower-case letters, digits and -' },
  oos: { valid: (n) => OOS_NAME.test(n) && !n.includes('..'), rule: '3-63 lower-case letters, digits, . and -' },
  nos: { valid: isValidNosBucketName, rule: '3-63 lower-case letters, digits and -' },
};

const DIALECT_NAMES = Object.keys(DEFAULT_LOCATIONS) as DialectName[];

/**
 * `'cos:examplebucket-1250000000'` or an InitialBucket → a checked
 * InitialBucket. Throws a TypeError naming the rule the name breaks.
 */
export function parseBucketSpec(spec: string | InitialBucket): InitialBucket {
  const bucket = typeof spec === 'string' ? fromText(spec) : { ...spec };
  if (!DIALECT_NAMES.includes(bucket.dialect)) {
    throw new TypeError(`buckets: dialect must be one of ${DIALECT_NAMES.join(', ')}, got ${String(bucket.dialect)}`);
  }
  const rules = NAME_RULES[bucket.dialect];
  if (typeof bucket.name !== 'string' || !rules.valid(bucket.name)) {
    throw new TypeError(`buckets: ${String(bucket.name)} is not a valid ${bucket.dialect} bucket name (${rules.rule})`);
  }
  return bucket;
}

/** Every spec checked, and each name given once: the dialects share one store, so one name is one bucket. */
export function parseBuckets(specs: readonly (string | InitialBucket)[]): InitialBucket[] {
  const buckets = specs.map(parseBucketSpec);
  const seen = new Set<string>();
  for (const { name } of buckets) {
    if (seen.has(name)) throw new TypeError(`buckets: ${name} is given twice (the dialects share one store, so one name is one bucket)`);
    seen.add(name);
  }
  return buckets;
}

function fromText(text: string): InitialBucket {
  const colon = text.indexOf(':');
  if (colon < 0) throw new TypeError(`buckets: expected <dialect>:<name>, e.g. cos:examplebucket-1250000000, got ${text}`);
  return { dialect: text.slice(0, colon) as DialectName, name: text.slice(colon + 1) };
}

/** Creates the buckets that do not exist yet (a folder store may still hold them from a previous run). */
export async function createInitialBuckets(store: ObjectStore, buckets: readonly InitialBucket[], defaultOwner: string, now: Date): Promise<void> {
  for (const bucket of buckets) {
    if (await store.getBucket(bucket.name)) continue;
    const record: BucketRecord = {
      name: bucket.name,
      createdAt: now,
      location: bucket.location ?? DEFAULT_LOCATIONS[bucket.dialect],
      owner: bucket.owner ?? defaultOwner,
      acl: bucket.acl ?? 'private',
      grants: [],
      config: {},
    };
    await store.createBucket(record);
  }
}

/** Removes every upload, object version, delete marker and bucket from the store. */
export async function emptyStore(store: ObjectStore): Promise<void> {
  for (const bucket of await store.listBuckets()) {
    for (const upload of await store.listUploads(bucket.name)) await store.abortUpload(upload.uploadId);
    await removeAllVersions(store, bucket.name);
    await store.deleteBucket(bucket.name);
  }
}

async function removeAllVersions(store: ObjectStore, bucket: string): Promise<void> {
  // Each pass removes one page for good, so the next pass starts over from the top.
  for (;;) {
    const page = await store.listVersions(bucket, { maxKeys: 1000 });
    if (page.entries.length === 0) return;
    let removed = 0;
    for (const entry of page.entries) {
      const { key, versionId } = entry.deleteMarker ? entry.marker : entry.object;
      // Always by version id, so nothing stacks a delete marker; a record without an id is the 'null' version.
      const result = await store.removeObject(bucket, key, versionId ?? 'null');
      if (result.removed) removed++;
    }
    if (removed === 0) throw new Error(`reset: cannot empty bucket ${bucket}`);
  }
}
