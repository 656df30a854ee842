/**
 * `x-amz-expiration` on object answers: when an Enabled lifecycle rule of the
 * bucket matches the key, S3 (and OOS, whose seed 2.3.3 lists `Expiration`
 * among head_object's results) say when the object will expire and by which
 * rule: `expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="rule-1"`.
 * The emulator never deletes expired objects; it only reports the date.
 */
import { rfc1123 } from '../../common/time.ts';
import type { BucketRecord, ObjectRecord } from '../../store/types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

interface StoredRule {
  ID?: string;
  Prefix?: string;
  Status?: string;
  Expiration?: { Days?: string; Date?: string };
}

/** S3's rule: creation time plus Days, rounded up to the next midnight UTC. */
function expiryOf(rule: StoredRule, lastModified: Date): Date | undefined {
  const days = rule.Expiration?.Days;
  if (days !== undefined) return new Date(Math.ceil((lastModified.getTime() + Number(days) * DAY_MS) / DAY_MS) * DAY_MS);
  const date = rule.Expiration?.Date;
  return date === undefined ? undefined : new Date(date);
}

/** The header value for `obj`, or undefined when no enabled rule applies. The earliest expiry wins. */
export function expirationHeader(bucket: BucketRecord, obj: Pick<ObjectRecord, 'key' | 'lastModified'>): string | undefined {
  const rules = bucket.config['lifecycle'];
  if (!Array.isArray(rules)) return undefined;
  let best: { at: Date; id: string | undefined } | undefined;
  for (const rule of rules as StoredRule[]) {
    if (rule.Status !== 'Enabled' || !obj.key.startsWith(rule.Prefix ?? '')) continue;
    const at = expiryOf(rule, obj.lastModified);
    if (at === undefined || Number.isNaN(at.getTime())) continue;
    if (best === undefined || at < best.at) best = { at, id: rule.ID };
  }
  if (best === undefined) return undefined;
  const date = `expiry-date="${rfc1123(best.at)}"`;
  return best.id === undefined ? date : `${date}, rule-id="${best.id}"`;
}
