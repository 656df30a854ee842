/**
 * POST /<key>?restore (protocol §9.2). The emulator restores Expedited and
 * Standard jobs at once (the cloud takes minutes to hours) and Bulk jobs
 * after 5 seconds of emulator time, so tests can see an ongoing restore and
 * `RestoreAlreadyInProgress` by moving the clock.
 */
import { parseXml } from '@yunstore/core';
import { readBody } from '../../common/http.ts';
import type { BucketRecord } from '../../store/types.ts';
import { CONFIG_BODY_LIMIT } from './bucket.ts';
import { cosErrors } from './errors.ts';
import { sendEmpty, type CosExchange } from './exchange.ts';
import { isArchived, restoreOf, type RestoreState } from './headers.ts';
import { resolveObject, versionParam } from './object.ts';
import { objOf, textOf } from './xml.ts';

const TIER_DELAY_MS: Record<string, number> = { Expedited: 0, Standard: 0, Bulk: 5000 };
const DAY_MS = 86_400_000;

export async function restoreObject(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const body = await readBody(ex.req, CONFIG_BODY_LIMIT);
  let request: Record<string, unknown>;
  try {
    request = objOf(parseXml(body)['RestoreRequest']);
  } catch {
    throw cosErrors.malformedXml();
  }
  const days = Number(textOf(request['Days']));
  if (!Number.isInteger(days) || days < 1) throw cosErrors.malformedXml('RestoreRequest.Days must be a positive integer');
  const tier = textOf(objOf(request['CASJobParameters'])['Tier']) || 'Standard';

  const key = ex.target.key!;
  // `versionId` restores that version of the object (the current one without it).
  const obj = await resolveObject(ex, bucket);
  if (!isArchived(obj)) throw cosErrors.invalidObjectState('Only ARCHIVE and DEEP_ARCHIVE objects can be restored.');
  const tiers = obj.storageClass === 'DEEP_ARCHIVE' ? ['Standard', 'Bulk'] : ['Expedited', 'Standard', 'Bulk'];
  if (!tiers.includes(tier)) throw cosErrors.invalidArgument(`Tier must be one of ${tiers.join(', ')} for ${obj.storageClass}`);

  const now = ex.ctx.now().getTime();
  const current = restoreOf(obj);
  if (current && now < current.readyAt) throw cosErrors.restoreAlreadyInProgress();
  const alreadyRestored = current !== undefined && now < current.expiresAt;
  const readyAt = alreadyRestored ? now : now + (TIER_DELAY_MS[tier] ?? 0);
  const restore: RestoreState = { readyAt, expiresAt: readyAt + days * DAY_MS, tier };
  await ex.ctx.store.updateObject(bucket.name, key, { extra: { ...obj.extra, restore } }, versionParam(ex));
  // 202 for a new job; 200 when a restored copy exists and only its lifetime changes.
  sendEmpty(ex, alreadyRestored ? 200 : 202);
}
