/** DELETE Multiple Objects (POST /?delete) with Quiet mode. */
import { bucketName, children, parseBodyXml, readSmallBody, requireBucket, text, type Op } from './context.ts';
import { errors, OosError } from './errors.ts';
import { sendXml } from './respond.ts';

export async function deleteObjects(op: Op): Promise<void> {
  await requireBucket(op, 'write');
  // S3 demands an integrity header here; newer AWS SDKs send a flexible checksum instead of Content-MD5.
  const hasChecksum = Object.keys(op.headers).some((h) => h.startsWith('x-amz-checksum-'));
  if (op.headers['content-md5'] === undefined && !hasChecksum) {
    throw new OosError(400, 'InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
  const root = parseBodyXml(await readSmallBody(op), 'Delete', ['Delete.Object']);
  const objects = children(root, 'Object');
  if (objects.length === 0 || objects.length > 1000) throw errors.malformedXml();
  const quiet = text(root, 'Quiet').toLowerCase() === 'true';
  const deleted: Array<Record<string, string>> = [];
  const failed: Array<Record<string, string>> = [];
  for (const entry of objects) {
    const key = text(entry, 'Key');
    if (key === '') {
      failed.push({ Key: key, Code: 'InvalidArgument', Message: 'Key must not be empty' });
      continue;
    }
    try {
      await op.ctx.store.deleteObject(bucketName(op), key);
      deleted.push({ Key: key });
    } catch {
      failed.push({ Key: key, Code: 'InternalError', Message: 'We encountered an internal error. Please try again.' });
    }
  }
  // Quiet mode reports only the failures.
  sendXml(op.reply, 'DeleteResult', { Deleted: quiet ? [] : deleted, Error: failed });
}
