/**
 * POST /?delete (delete_objects): up to 1000 keys, quiet mode reports errors
 * only. Each entry deletes as DELETE Object does: its `VersionId` removes that
 * version for good; without one, a versioned bucket gets a delete marker,
 * reported as `DeleteMarker` + `DeleteMarkerVersionId`.
 */
import { md5Base64, parseXml } from '@yunstore/core';
import { readBody } from '../../common/http.ts';
import type { BucketRecord } from '../../store/types.ts';
import { cosErrors } from './errors.ts';
import { header, sendXml, type CosExchange } from './exchange.ts';
import { asList, objOf, textOf, type XmlElement } from './xml.ts';

const MAX_OBJECTS = 1000;

export async function deleteObjects(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const body = await readBody(ex.req, 4 * 1024 * 1024);
  const md5 = header(ex, 'content-md5');
  if (md5 !== undefined && md5.trim() !== md5Base64(body)) throw cosErrors.badDigest();
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(body);
  } catch {
    throw cosErrors.malformedXml();
  }
  const del = objOf(doc['Delete']);
  const objects = asList(del['Object']).map((o) => ({ key: textOf(objOf(o)['Key']), versionId: textOf(objOf(o)['VersionId']) }));
  if (objects.length === 0 || objects.length > MAX_OBJECTS) throw cosErrors.malformedXml(`Delete needs 1..${MAX_OBJECTS} Object entries`);
  const quiet = textOf(del['Quiet']).toLowerCase() === 'true';

  const deleted: XmlElement[] = [];
  const errors: XmlElement[] = [];
  for (const { key, versionId } of objects) {
    if (key === '') {
      errors.push({ Key: key, Code: 'InvalidArgument', Message: 'Key must not be empty' });
      continue;
    }
    const result = await ex.ctx.store.removeObject(bucket.name, key, versionId === '' ? undefined : versionId);
    if (quiet) continue;
    const entry: XmlElement = { Key: key };
    if (versionId !== '') entry['VersionId'] = versionId;
    if (result.deleteMarker) {
      entry['DeleteMarker'] = 'true';
      entry['DeleteMarkerVersionId'] = result.versionId;
    }
    deleted.push(entry);
  }
  sendXml(ex, 'DeleteResult', { Deleted: deleted, Error: errors });
}
