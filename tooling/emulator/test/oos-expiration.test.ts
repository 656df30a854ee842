/** The expiry date S3 and OOS report in `x-amz-expiration` for lifecycle rules. */
import { describe, expect, it } from 'vitest';
import { expirationHeader } from '../src/dialects/oos/expiration.ts';
import type { BucketRecord } from '../src/store/types.ts';

function bucketWith(lifecycle: unknown): BucketRecord {
  return { name: 'b', createdAt: new Date(0), location: 'cn', owner: 'o', acl: 'private', grants: [], config: { lifecycle } };
}

const obj = { key: 'logs/a', lastModified: new Date('2024-03-01T15:30:00Z') };

describe('expirationHeader', () => {
  it('adds Days to the creation time and rounds up to the next midnight UTC', () => {
    const bucket = bucketWith([{ ID: 'r', Prefix: 'logs/', Status: 'Enabled', Expiration: { Days: '2' } }]);
    expect(expirationHeader(bucket, obj)).toBe('expiry-date="Mon, 04 Mar 2024 00:00:00 GMT", rule-id="r"');
  });

  it('uses a Date rule as is, picks the earliest matching enabled rule, and omits rule-id without an ID', () => {
    const bucket = bucketWith([
      { ID: 'late', Prefix: 'logs/', Status: 'Enabled', Expiration: { Days: '30' } },
      { Prefix: 'logs', Status: 'Enabled', Expiration: { Date: '2024-03-10T00:00:00.000Z' } },
      { ID: 'off', Prefix: '', Status: 'Disabled', Expiration: { Days: '1' } },
      { ID: 'other', Prefix: 'img/', Status: 'Enabled', Expiration: { Days: '1' } },
    ]);
    expect(expirationHeader(bucket, obj)).toBe('expiry-date="Sun, 10 Mar 2024 00:00:00 GMT"');
  });

  it('is absent without lifecycle rules or without a match', () => {
    expect(expirationHeader(bucketWith(undefined), obj)).toBeUndefined();
    expect(expirationHeader(bucketWith([{ ID: 'x', Prefix: 'img/', Status: 'Enabled', Expiration: { Days: '1' } }]), obj)).toBeUndefined();
  });
});
