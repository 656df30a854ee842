/**
 * The OOS IAM access-key API (protocols/oos.md §9): form-encoded POST with
 * `Action=CreateAccessKey | DeleteAccessKey | UpdateAccessKey | ListAccessKey(s)`.
 * Only a primary key may call it; keys it creates sign requests at once, and
 * deleted or Inactive keys stop working (credentials.lookup() ignores them).
 */
import { buildXml } from '@yunstore/core';
import type { AccessKey } from '../../credentials.ts';
import { readSmallBody, requireCaller, type Op } from './context.ts';
import { errors, OosError } from './errors.ts';

const MAX_KEYS_PER_ACCOUNT = 10;

function sendIam(op: Op, root: string, result: Record<string, unknown> | undefined): void {
  const body: Record<string, unknown> = {};
  if (result !== undefined) body[root.replace(/Response$/, 'Result')] = result;
  body['ResponseMetadata'] = { RequestId: op.reply.requestId };
  const bytes = Buffer.from(buildXml(root, body, { declaration: true }), 'utf8');
  op.reply.res.statusCode = 200;
  op.reply.res.setHeader('Content-Type', 'text/xml');
  op.reply.res.setHeader('Content-Length', bytes.length);
  op.reply.res.end(bytes);
}

function keyXml(key: AccessKey, withSecret: boolean): Record<string, string> {
  const out: Record<string, string> = { UserName: key.owner, AccessKeyId: key.accessKeyId, Status: key.status };
  if (withSecret) out['SecretAccessKey'] = key.secretAccessKey;
  out['IsPrimary'] = String(key.isPrimary);
  out['CreateDate'] = key.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return out;
}

/** The target key, which must exist and belong to the caller's account. */
function ownKey(op: Op, params: URLSearchParams, owner: string): AccessKey {
  const id = params.get('AccessKeyId') ?? '';
  if (id === '')
    throw new OosError(
      400,
      'ValidationError',
      "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
    );
  const key = op.ctx.credentials.get(id);
  if (!key || key.owner !== owner) throw errors.noSuchEntity(id);
  return key;
}

function bool(value: string | null, name: string): boolean | undefined {
  if (value === null || value === '') return undefined;
  const v = value.toLowerCase();
  if (v !== 'true' && v !== 'false') throw new OosError(400, 'ValidationError', `${name} must be true or false`);
  return v === 'true';
}

export async function iamAction(op: Op): Promise<void> {
  const caller = requireCaller(op).key;
  // Form body; a query string is accepted too (some clients send GET-style parameters).
  const params = new URLSearchParams((await readSmallBody(op)).toString('utf8'));
  for (const [k, v] of op.target.query) if (!params.has(k)) params.set(k, v);
  if (!caller.isPrimary) throw errors.accessDenied('Only the primary key can manage access keys');
  const owner = caller.owner;
  const action = params.get('Action') ?? '';
  switch (action) {
    case 'CreateAccessKey': {
      if (op.ctx.credentials.list(owner).length >= MAX_KEYS_PER_ACCOUNT) throw errors.tooManyKeys();
      const key = op.ctx.credentials.create(owner, { isPrimary: false });
      sendIam(op, 'CreateAccessKeyResponse', { AccessKey: keyXml(key, true) });
      return;
    }
    case 'DeleteAccessKey': {
      const key = ownKey(op, params, owner);
      if (key.accessKeyId === caller.accessKeyId) throw new OosError(409, 'DeleteConflict', 'The primary key that signs this request cannot be deleted');
      op.ctx.credentials.remove(key.accessKeyId);
      sendIam(op, 'DeleteAccessKeyResponse', undefined);
      return;
    }
    case 'UpdateAccessKey': {
      const key = ownKey(op, params, owner);
      const status = params.get('Status');
      if (status !== null && status !== 'Active' && status !== 'Inactive') throw new OosError(400, 'ValidationError', 'Status must be Active or Inactive');
      // The seed's parameter table spells it `Isprimary`; its code sample `IsPrimary`. Both are read.
      const isPrimary = bool(params.get('IsPrimary') ?? params.get('Isprimary'), 'IsPrimary');
      const patch: Partial<Pick<AccessKey, 'status' | 'isPrimary'>> = {};
      if (status !== null) patch.status = status;
      if (isPrimary !== undefined) patch.isPrimary = isPrimary;
      op.ctx.credentials.update(key.accessKeyId, patch);
      sendIam(op, 'UpdateAccessKeyResponse', undefined);
      return;
    }
    case 'ListAccessKey':
    case 'ListAccessKeys': {
      const maxItems = Number(params.get('MaxItems') ?? '100');
      if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000)
        throw new OosError(400, 'ValidationError', 'MaxItems must be an integer between 1 and 1000');
      const marker = params.get('Marker') ?? '';
      const keys = op.ctx.credentials
        .list(owner)
        .sort((a, b) => (a.accessKeyId < b.accessKeyId ? -1 : 1))
        .filter((k) => marker === '' || k.accessKeyId > marker);
      const page = keys.slice(0, maxItems);
      const truncated = keys.length > page.length;
      const result: Record<string, unknown> = {
        UserName: owner,
        AccessKeyMetadata: { member: page.map((k) => keyXml(k, false)) },
        IsTruncated: truncated,
      };
      if (truncated) result['Marker'] = page.at(-1)?.accessKeyId;
      // The OOS PHP SDK reads ListAccessKeysResult even for Action=ListAccessKey.
      sendIam(op, 'ListAccessKeysResponse', result);
      return;
    }
    default:
      throw new OosError(400, 'InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
  }
}
